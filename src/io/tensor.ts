// tensor.ts: the exact tensor type the file readers return, and element decoding.
import { Rat } from '../checker/rational.js';
import { readBinaryFloat } from '../numbers/readBinaryFloat.js';

/** Element types the tensor readers understand. */
export type TensorDType =
  | 'float16'
  | 'bfloat16'
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool';

/** A dense tensor with exact values in C (row-major) order; `values.length` = product of `shape`. */
export interface Tensor {
  readonly dtype: TensorDType;
  readonly shape: readonly number[];
  readonly values: readonly Rat[];
}

/** Most elements one tensor may expand to (so a stride-0 view or a lying header cannot blow up memory). */
export const MAX_TENSOR_ELEMENTS = 1 << 24;

/** Bytes per element of each dtype. */
export const DTYPE_BYTES: Readonly<Record<TensorDType, number>> = {
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  bool: 1,
};

/** True for the floating-point dtypes. */
export function isFloatDType(t: TensorDType): boolean {
  return t === 'float16' || t === 'bfloat16' || t === 'float32' || t === 'float64';
}

/**
 * Decode the element of type `dtype` at `offset` of `bytes` exactly. Returns a string describing
 * the problem instead of a value when the element is NaN/±Infinity or a bool byte other than 0/1
 * (the caller wraps it in an `InputError` naming the element). The caller checks bounds.
 */
export function decodeElement(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  dtype: TensorDType,
  littleEndian: boolean,
): Rat | string {
  switch (dtype) {
    case 'float16':
    case 'bfloat16':
    case 'float32':
    case 'float64': {
      const r = readBinaryFloat(bytes, offset, dtype, littleEndian);
      return r ?? 'value is NaN or infinite';
    }
    case 'int8':
      return Rat.int(BigInt(view.getInt8(offset)));
    case 'uint8':
      return Rat.int(BigInt(view.getUint8(offset)));
    case 'int16':
      return Rat.int(BigInt(view.getInt16(offset, littleEndian)));
    case 'uint16':
      return Rat.int(BigInt(view.getUint16(offset, littleEndian)));
    case 'int32':
      return Rat.int(BigInt(view.getInt32(offset, littleEndian)));
    case 'uint32':
      return Rat.int(BigInt(view.getUint32(offset, littleEndian)));
    case 'int64':
      return Rat.int(view.getBigInt64(offset, littleEndian));
    case 'uint64':
      return Rat.int(view.getBigUint64(offset, littleEndian));
    case 'bool': {
      const b = view.getUint8(offset);
      return b === 0 ? Rat.ZERO : b === 1 ? Rat.ONE : `bool byte ${b} is neither 0 nor 1`;
    }
  }
}

/** `prefix[i][j]...` for the element with C-order flat index `flat` of a tensor of `shape`. */
export function elementField(prefix: string, flat: number, shape: readonly number[]): string {
  const idx: number[] = new Array<number>(shape.length);
  let rest = flat;
  for (let k = shape.length - 1; k >= 0; k--) {
    const s = shape[k] ?? 1;
    idx[k] = s === 0 ? 0 : rest % s;
    rest = s === 0 ? 0 : Math.floor(rest / s);
  }
  return prefix + idx.map((i) => `[${i}]`).join('');
}

/**
 * Product of a shape's dimensions, or `undefined` when it exceeds `limit` (callers compare
 * against the bytes actually present before allocating anything).
 */
export function shapeSize(shape: readonly number[], limit: number): number | undefined {
  let n = 1;
  for (const s of shape) {
    n *= s;
    if (n > limit) {
      // a zero later in the shape still makes the product 0.
      return shape.includes(0) ? 0 : undefined;
    }
  }
  return n;
}
