// fileComplex.ts: read a simplicial complex from an `ohc-complex/1` JSON file.
import { InputError } from '../io/inputError.js';
import { isJsonObject, parseJsonChecked } from '../io/parseJsonChecked.js';
import { readInputFile } from '../io/readInputFile.js';

/** The `format` tag of a complex file. */
export const OHC_COMPLEX_FORMAT = 'ohc-complex/1';

/** Largest number of vertices in one listed simplex (a simplex of size m has 2^m faces). */
export const MAX_SIMPLEX_SIZE = 64;

/** A complex as a file gives it: the closure of `simplices`, on vertex ids 0..vertices−1. */
export interface FileComplex {
  readonly vertices: number;
  /** Each simplex: distinct vertex ids, ascending (the file may list them in any order). */
  readonly simplices: readonly (readonly number[])[];
}

const MAX_COUNT = 2 ** 31 - 1;

/**
 * Parse the JSON value of an `ohc-complex/1` file:
 * `{"format":"ohc-complex/1","vertices":N,"simplices":[[0,1,2],[2,3],…]}` (src/io/FORMATS.md).
 * `vertices` is a JSON integer N ≥ 0; each simplex a non-empty list of distinct JSON integers in
 * 0..N−1 (at most {@link MAX_SIMPLEX_SIZE}), returned ascending; the complex is their closure
 * (maximal simplices or any simplices; repeats are harmless). An optional `meta` member is
 * ignored; any other member is an error. Throws InputError naming `file` and the field.
 */
export function parseComplexJson(doc: unknown, file: string): FileComplex {
  if (!isJsonObject(doc)) throw new InputError(file, 'json', 'expected a JSON object');
  for (const key of Object.keys(doc)) {
    if (key !== 'format' && key !== 'vertices' && key !== 'simplices' && key !== 'meta') {
      throw new InputError(file, key, 'unknown member (expected format, vertices, simplices, meta)');
    }
  }
  if (doc['format'] !== OHC_COMPLEX_FORMAT) {
    throw new InputError(file, 'format', `expected ${JSON.stringify(OHC_COMPLEX_FORMAT)}, got ${JSON.stringify(doc['format'])}`);
  }
  const n = doc['vertices'];
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_COUNT) {
    throw new InputError(file, 'vertices', `expected a non-negative integer, got ${JSON.stringify(n)}`);
  }
  const list = doc['simplices'];
  if (!Array.isArray(list)) throw new InputError(file, 'simplices', 'expected an array of simplices');
  const simplices: number[][] = [];
  list.forEach((s: unknown, i) => {
    const field = `simplices[${i}]`;
    if (!Array.isArray(s) || s.length === 0) throw new InputError(file, field, 'expected a non-empty array of vertex ids');
    if (s.length > MAX_SIMPLEX_SIZE) throw new InputError(file, field, `more than ${MAX_SIMPLEX_SIZE} vertices`);
    const ids = s.map((v: unknown, j) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
        throw new InputError(file, `${field}[${j}]`, `expected a vertex id in 0..${n - 1}, got ${JSON.stringify(v)}`);
      }
      return v;
    });
    ids.sort((a, b) => a - b);
    for (let j = 1; j < ids.length; j++) {
      if (ids[j] === ids[j - 1]) throw new InputError(file, field, `vertex ${ids[j]} listed twice`);
    }
    simplices.push(ids);
  });
  return { vertices: n, simplices };
}

/** Read and parse an `ohc-complex/1` file (see {@link parseComplexJson}). */
export function readComplexFile(file: string): FileComplex {
  return parseComplexJson(parseJsonChecked(readInputFile(file), file), file);
}
