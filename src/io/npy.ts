// npy.ts: exact reader for NumPy .npy files (format versions 1, 2 and 3).
import type { Rat } from '../checker/rational.js';
import { InputError } from './inputError.js';
import { PyLiteralError, parsePyLiteral } from './pyLiteral.js';
import { readInputFile } from './readInputFile.js';
import { BUILTIN_LIMITS, limit, limitHint } from './limits.js';
import { DTYPE_BYTES, type TensorDType, decodeElement, elementField, shapeSize } from './tensor.js';

/** An array read from a .npy file: values exact and in C (row-major) order. */
export interface NpyArray {
  /** Element type. */
  readonly dtype: TensorDType;
  /** The header's `descr`, e.g. `'<f8'`. */
  readonly descr: string;
  /** Dimensions (empty for a 0-d array). */
  readonly shape: number[];
  /** `product(shape)` exact values in C order (a Fortran-order file is transposed on reading). */
  readonly values: Rat[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const MAX_HEADER = 1 << 20;

const KIND: Record<string, Partial<Record<number, TensorDType>>> = {
  f: { 2: 'float16', 4: 'float32', 8: 'float64' },
  i: { 1: 'int8', 2: 'int16', 4: 'int32', 8: 'int64' },
  u: { 1: 'uint8', 2: 'uint16', 4: 'uint32', 8: 'uint64' },
  b: { 1: 'bool' },
};

/**
 * Read a .npy file exactly. Supported `descr`: `<f2 <f4 <f8`, `<i1..<i8`, `<u1..<u8`,
 * `|b1 |i1 |u1`, and the big-endian `>` variants. Header versions 1.0, 2.0 and 3.0.
 * `fortran_order: True` arrays are accepted and TRANSPOSED into C order, so `values` is always
 * row-major. Every problem is an {@link InputError} naming `file` and the field: `magic`,
 * `version`, `header`, `header.descr`, `header.shape`, `header.fortran_order`, `data` (size
 * mismatch against the actual file size) or the element (`data[12][1]`) that is NaN/infinite.
 */
export function readNpy(file: string): NpyArray {
  return parseNpy(readInputFile(file), file);
}

/** {@link readNpy} on bytes already in memory; `file` is only used in error messages. */
export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  const fail = (field: string, msg: string): never => {
    throw new InputError(file, field, msg);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('magic', 'not a .npy file (bad magic)');
  const major = bytes[6] as number;
  const minor = bytes[7] as number;
  if (major < 1 || major > 3 || minor !== 0) fail('version', `unsupported .npy version ${major}.${minor}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLen: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    headerStart = 10;
  } else {
    if (bytes.length < 12) fail('header', 'file truncated inside the header length');
    headerLen = view.getUint32(8, true);
    headerStart = 12;
  }
  if (headerLen > MAX_HEADER) fail('header', `header length ${headerLen} is absurd`);
  if (headerStart + headerLen > bytes.length) {
    fail('header', `header length ${headerLen} runs past the end of the ${bytes.length}-byte file`);
  }
  const raw = bytes.subarray(headerStart, headerStart + headerLen);
  let text: string;
  try {
    text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1', { fatal: true }).decode(raw);
  } catch {
    return fail('header', 'header is not valid text');
  }
  let lit;
  try {
    lit = parsePyLiteral(text.trimEnd());
  } catch (e) {
    if (e instanceof PyLiteralError) return fail('header', `bad header literal: ${e.message}`);
    throw e;
  }
  if (!(lit instanceof Map)) return fail('header', 'header is not a dict');
  for (const k of lit.keys()) {
    if (k !== 'descr' && k !== 'fortran_order' && k !== 'shape') fail(`header.${k}`, 'unexpected header key');
  }
  const descr = lit.get('descr');
  if (descr === undefined) return fail('header.descr', 'missing');
  if (typeof descr !== 'string') return fail('header.descr', 'structured or non-string dtypes are not supported');
  const dm = /^([<>|=])([fiub])([0-9]+)$/.exec(descr);
  const dtype = dm === null ? undefined : KIND[dm[2] as string]?.[Number(dm[3])];
  if (dm === null || dtype === undefined) return fail('header.descr', `unsupported dtype '${descr}'`);
  const order = dm[1] as string;
  const itemSize = DTYPE_BYTES[dtype];
  if (order === '=') fail('header.descr', "native byte order '=' is ambiguous; expected '<' or '>'");
  if (order === '|' && itemSize !== 1) fail('header.descr', `byte order '|' is only valid for 1-byte types`);
  const littleEndian = order !== '>';
  const fortran = lit.get('fortran_order');
  if (typeof fortran !== 'boolean') return fail('header.fortran_order', 'missing or not True/False');
  const shapeLit = lit.get('shape');
  if (!Array.isArray(shapeLit)) return fail('header.shape', 'missing or not a tuple');
  const shape: number[] = [];
  for (const [i, s] of shapeLit.entries()) {
    if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) {
      fail(`header.shape[${i}]`, 'dimension is not a non-negative integer');
    }
    shape.push(s as number);
  }
  const dataStart = headerStart + headerLen;
  const dataBytes = bytes.length - dataStart;
  const count = shapeSize(shape, Math.floor(dataBytes / itemSize) + 1);
  if (count === undefined || count * itemSize > dataBytes) {
    return fail('data', `shape (${shape.join(', ')}) needs more than the ${dataBytes} data bytes present (file truncated?)`);
  }
  if (count * itemSize !== dataBytes) {
    fail('data', `${dataBytes - count * itemSize} unexpected bytes after the array data`);
  }
  const maxElements = limit('maxEntries', BUILTIN_LIMITS.elements);
  if (count > maxElements) {
    fail('header.shape', `(${shape.join(', ')}) has more than ${maxElements} elements${limitHint('maxEntries')}`);
  }
  const values: Rat[] = new Array<Rat>(count);
  // C-order strides, so a Fortran-order stream can be written to its C position.
  const cStride: number[] = new Array<number>(shape.length).fill(1);
  for (let k = shape.length - 2; k >= 0; k--) cStride[k] = (cStride[k + 1] as number) * (shape[k + 1] as number);
  const idx: number[] = new Array<number>(shape.length).fill(0);
  for (let j = 0; j < count; j++) {
    let target = j;
    if (fortran && shape.length > 1) {
      target = 0;
      for (let k = 0; k < shape.length; k++) target += (idx[k] as number) * (cStride[k] as number);
      for (let k = 0; k < shape.length; k++) {
        idx[k] = (idx[k] as number) + 1;
        if ((idx[k] as number) < (shape[k] as number)) break;
        idx[k] = 0;
      }
    }
    const v = decodeElement(bytes, view, dataStart + j * itemSize, dtype, littleEndian);
    if (typeof v === 'string') fail(elementField('data', target, shape), `element ${target}: ${v}`);
    values[target] = v as Rat;
  }
  return { dtype, descr, shape, values };
}
