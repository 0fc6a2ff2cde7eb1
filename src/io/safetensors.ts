// safetensors.ts: exact reader for .safetensors files (8-byte header length, JSON header, data).
import type { Rat } from '../checker/rational.js';
import type { Network } from '../net/network.js';
import { InputError } from './inputError.js';
import { networkFromTensors } from './networkFromTensors.js';
import { isJsonObject, parseJsonChecked } from './parseJsonChecked.js';
import { readInputFile } from './readInputFile.js';
import { BUILTIN_LIMITS, limit, limitHint } from './limits.js';
import { DTYPE_BYTES, type Tensor, type TensorDType, decodeElement, elementField, shapeSize } from './tensor.js';

const DTYPES: Readonly<Record<string, TensorDType>> = {
  F64: 'float64',
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  I64: 'int64',
  I32: 'int32',
  I16: 'int16',
  I8: 'int8',
  U64: 'uint64',
  U32: 'uint32',
  U16: 'uint16',
  U8: 'uint8',
  BOOL: 'bool',
};

const MAX_HEADER = 100 * 1024 * 1024;

/**
 * Read every tensor of a .safetensors file exactly (little-endian, C order). The header length
 * is checked against the file size, the JSON header is parsed with nesting limits, each entry
 * needs `dtype` (F64, F32, F16, BF16 or an integer/bool type), `shape` and `data_offsets`, and the
 * offsets must lie inside the data, match `shape × itemsize`, and tile the data without overlaps or
 * holes (as the format requires). `__metadata__` is skipped. Errors name the tensor key (e.g.
 * `fc1.weight.data_offsets`), `header`, or the element holding NaN/Inf.
 */
export function readSafetensors(file: string): Map<string, Tensor> {
  const bytes = readInputFile(file);
  if (bytes.length < 8) throw new InputError(file, 'header', 'file shorter than the 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = view.getBigUint64(0, true);
  if (hlen > BigInt(bytes.length - 8) || hlen > BigInt(MAX_HEADER)) {
    throw new InputError(file, 'header', `header length ${hlen} runs past the end of the ${bytes.length}-byte file`);
  }
  const dataStart = 8 + Number(hlen);
  const header = parseJsonChecked(bytes.subarray(8, dataStart), file, { maxDepth: Math.min(BUILTIN_LIMITS.safetensorsDepth, limit('maxDepth', BUILTIN_LIMITS.safetensorsDepth)) });
  const maxElements = limit('maxEntries', BUILTIN_LIMITS.elements);
  if (!isJsonObject(header)) throw new InputError(file, 'header', 'header is not a JSON object');
  const dataLen = bytes.length - dataStart;
  const ranges: [number, number, string][] = [];
  const specs: [string, TensorDType, number[], number, number][] = [];
  for (const [key, spec] of Object.entries(header)) {
    if (key === '__metadata__') continue;
    if (!isJsonObject(spec)) throw new InputError(file, key, 'tensor entry is not an object');
    const dt = spec['dtype'];
    const dtype = typeof dt === 'string' ? DTYPES[dt] : undefined;
    if (dtype === undefined) throw new InputError(file, `${key}.dtype`, `unsupported dtype ${JSON.stringify(dt)}`);
    const shapeV = spec['shape'];
    if (!Array.isArray(shapeV) || !shapeV.every((s) => Number.isSafeInteger(s) && (s as number) >= 0)) {
      throw new InputError(file, `${key}.shape`, 'not an array of non-negative integers');
    }
    const shape = shapeV as number[];
    const offs = spec['data_offsets'];
    if (
      !Array.isArray(offs) ||
      offs.length !== 2 ||
      !offs.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)
    ) {
      throw new InputError(file, `${key}.data_offsets`, 'not a pair of non-negative integers');
    }
    const [begin, end] = offs as [number, number];
    if (begin > end || end > dataLen) {
      throw new InputError(file, `${key}.data_offsets`, `[${begin}, ${end}] is outside the ${dataLen} data bytes`);
    }
    const count = shapeSize(shape, maxElements);
    if (count === undefined) throw new InputError(file, `${key}.shape`, `more than ${maxElements} elements${limitHint('maxEntries')}`);
    if (count * DTYPE_BYTES[dtype] !== end - begin) {
      throw new InputError(file, `${key}.data_offsets`, `${end - begin} bytes do not hold shape [${shape.join(', ')}] of ${dt}`);
    }
    ranges.push([begin, end, key]);
    specs.push([key, dtype, shape, begin, count]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  for (const [begin, end, key] of ranges) {
    if (begin !== covered) {
      throw new InputError(file, `${key}.data_offsets`, begin < covered ? 'overlaps another tensor' : `leaves a hole at data byte ${covered}`);
    }
    covered = end;
  }
  if (covered !== dataLen) throw new InputError(file, 'data', `${dataLen - covered} data bytes belong to no tensor`);
  const out = new Map<string, Tensor>();
  for (const [key, dtype, shape, begin, count] of specs) {
    const size = DTYPE_BYTES[dtype];
    const values: Rat[] = new Array<Rat>(count);
    for (let j = 0; j < count; j++) {
      const v = decodeElement(bytes, view, dataStart + begin + j * size, dtype, true);
      if (typeof v === 'string') throw new InputError(file, elementField(key, j, shape), v);
      values[j] = v;
    }
    out.set(key, { dtype, shape, values });
  }
  return out;
}

/**
 * Load a .safetensors state dict of Linear layers as an exact {@link Network}, with the same
 * layout rule as the .pth loader (see `networkFromTensors`: ReLU after every layer but the last,
 * groups ordered by their trailing number since safetensors headers are usually sorted by name).
 */
export function loadSafetensorsNetwork(file: string): Network {
  return networkFromTensors(readSafetensors(file), file);
}
