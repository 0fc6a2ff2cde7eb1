// readBinaryFloat.ts: exact rationals from binary floats stored in a byte buffer.
import type { Rat } from '../checker/rational.js';
import { ratFromBfloat16Bits, ratFromFloat32Bits } from './ratFromFloat32Bits.js';
import { ratFromFloat16Bits } from './ratFromFloat16Bits.js';
import { ratFromFloat64Bits } from './ratFromFloat64.js';

/** The binary float formats the readers understand. */
export type BinaryFloatKind = 'float16' | 'bfloat16' | 'float32' | 'float64';

/** Size in bytes of one value of each {@link BinaryFloatKind}. */
export const BINARY_FLOAT_BYTES: Readonly<Record<BinaryFloatKind, number>> = {
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
};

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The exact value of the float of kind `kind` stored at `offset` in `bytes`, or `null` when it
 * is NaN or ±Infinity (the caller names the element in its error). Throws `RangeError` when the
 * value does not fit inside `bytes`.
 */
export function readBinaryFloat(
  bytes: Uint8Array,
  offset: number,
  kind: BinaryFloatKind,
  littleEndian: boolean,
): Rat | null {
  const size = BINARY_FLOAT_BYTES[kind];
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + size > bytes.byteLength) {
    throw new RangeError(`readBinaryFloat: offset ${offset} out of bounds`);
  }
  const v = viewOf(bytes);
  try {
    switch (kind) {
      case 'float16':
        return ratFromFloat16Bits(v.getUint16(offset, littleEndian));
      case 'bfloat16':
        return ratFromBfloat16Bits(v.getUint16(offset, littleEndian));
      case 'float32':
        return ratFromFloat32Bits(v.getUint32(offset, littleEndian));
      case 'float64': {
        const a = v.getUint32(offset, littleEndian);
        const b = v.getUint32(offset + 4, littleEndian);
        return littleEndian ? ratFromFloat64Bits(b, a) : ratFromFloat64Bits(a, b);
      }
    }
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/** Little-endian float16 at `offset` as an exact rational (`null` for NaN/Inf). */
export function readFloat16LE(bytes: Uint8Array, offset: number): Rat | null {
  return readBinaryFloat(bytes, offset, 'float16', true);
}
/** Big-endian float16 at `offset` as an exact rational (`null` for NaN/Inf). */
export function readFloat16BE(bytes: Uint8Array, offset: number): Rat | null {
  return readBinaryFloat(bytes, offset, 'float16', false);
}
/** Little-endian float32 at `offset` as an exact rational (`null` for NaN/Inf). */
export function readFloat32LE(bytes: Uint8Array, offset: number): Rat | null {
  return readBinaryFloat(bytes, offset, 'float32', true);
}
/** Big-endian float32 at `offset` as an exact rational (`null` for NaN/Inf). */
export function readFloat32BE(bytes: Uint8Array, offset: number): Rat | null {
  return readBinaryFloat(bytes, offset, 'float32', false);
}
/** Little-endian float64 at `offset` as an exact rational (`null` for NaN/Inf). */
export function readFloat64LE(bytes: Uint8Array, offset: number): Rat | null {
  return readBinaryFloat(bytes, offset, 'float64', true);
}
/** Big-endian float64 at `offset` as an exact rational (`null` for NaN/Inf). */
export function readFloat64BE(bytes: Uint8Array, offset: number): Rat | null {
  return readBinaryFloat(bytes, offset, 'float64', false);
}
