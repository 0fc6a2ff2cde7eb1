// loadData.ts: load an exact dataset (points and optional labels) from .npy, .csv or .json.
import { extname } from 'node:path';
import type { Rat } from '../checker/rational.js';
import type { Dataset } from '../net/network.js';
import { ratFromFloatString } from '../numbers/ratFromFloatString.js';
import { parseExactNumber } from './exactNumber.js';
import { InputError } from './inputError.js';
import { readNpy } from './npy.js';
import { isJsonObject, parseJsonChecked } from './parseJsonChecked.js';
import { readInputFile } from './readInputFile.js';
import { BUILTIN_LIMITS, limit, limitHint, textByteLimit } from './limits.js';

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions {
  /** A separate labels file (.npy or .csv); when given it replaces labels in the data file. */
  readonly labelsFile?: string;
}

/** The `format` tag of our own dataset files. */
export const OHC_DATA_FORMAT = 'ohc-data/1';
/** The `format` tag of the shared reference data exports (`json/data/*.json`). */
export const REFERENCE_DATA_FORMAT = 'quotient-homology-reference-data/1';

const MAX_LABEL = 2 ** 31 - 1;

/**
 * Load a dataset exactly (see src/io/FORMATS.md):
 *
 * - `.npy`: a 2-D numeric array `(n, d)`; every float64/float32 value becomes its exact rational.
 * - `.csv`: comma-separated cells, each an exact decimal (`0.1` is 1/10) or `p/q`; an optional
 *   header line (detected when a cell of the first line is not a number); a header column named
 *   `label` holds class indices.
 * - `.json`: the shared `quotient-homology-reference-data/1` export (`points_float64` read as the
 *   doubles they name, `class_index` as labels) or our `ohc-data/1`
 *   (`{"format":"ohc-data/1","dim":d,"points":[["p/q",...]],"labels":[0,1,...]}`).
 *
 * `opts.labelsFile` (.npy or .csv) supplies labels: integers or integer-valued floats `(n,)` or
 * `(n, 1)`, or one-hot rows `(n, c)` turned into the index of their 1. Shape mismatches, ragged
 * rows, NaN/Inf and non-integer or non-one-hot labels are InputErrors naming file and field.
 */
export function loadDataset(file: string, opts: LoadDatasetOptions = {}): Dataset {
  const ext = extname(file).toLowerCase();
  let ds: { dim: number; points: Rat[][]; labels?: number[] };
  if (ext === '.npy') ds = npyPoints(file);
  else if (ext === '.csv') ds = csvPoints(file);
  else if (ext === '.json') ds = jsonPoints(file);
  else throw new InputError(file, 'file', 'unknown dataset format (expected .npy, .csv or .json)');
  if (opts.labelsFile !== undefined) {
    const labels = loadLabels(opts.labelsFile);
    if (labels.length !== ds.points.length) {
      throw new InputError(opts.labelsFile, 'labels', `${labels.length} labels for ${ds.points.length} points in ${file}`);
    }
    ds = { dim: ds.dim, points: ds.points, labels };
  }
  return ds.labels === undefined ? { dim: ds.dim, points: ds.points } : { dim: ds.dim, points: ds.points, labels: ds.labels };
}

function npyPoints(file: string): { dim: number; points: Rat[][] } {
  const a = readNpy(file);
  if (a.shape.length !== 2) throw new InputError(file, 'header.shape', `expected a 2-D array (n, d), got (${a.shape.join(', ')})`);
  if (a.dtype === 'bool') throw new InputError(file, 'header.descr', 'boolean arrays are not points');
  const [n, d] = a.shape as [number, number];
  if (d === 0) throw new InputError(file, 'header.shape', 'points have dimension 0');
  const points: Rat[][] = [];
  for (let i = 0; i < n; i++) points.push(a.values.slice(i * d, (i + 1) * d));
  return { dim: d, points };
}

function labelOf(r: Rat, file: string, field: string): number {
  if (r.d !== 1n || r.n < 0n || r.n > BigInt(MAX_LABEL)) {
    throw new InputError(file, field, `label ${r.toString()} is not a non-negative integer`);
  }
  return Number(r.n);
}

/**
 * Read class labels from a .npy file (`(n,)` or `(n, 1)` integers or integer-valued floats, or
 * `(n, c)` one-hot rows → index of the 1) or a .csv file (one integer per line, optional header).
 */
export function loadLabels(file: string): number[] {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') {
    const t = csvTable(file);
    if (t.width !== 1) throw new InputError(file, 'line 1', 'a labels CSV must have exactly one column');
    return t.rows.map(([line, cells]) => labelOf(parseExactNumber(cells[0], file, `line ${line}`), file, `line ${line}`));
  }
  if (ext !== '.npy') throw new InputError(file, 'file', 'labels must be a .npy or .csv file');
  const a = readNpy(file);
  if (a.shape.length === 1 || (a.shape.length === 2 && a.shape[1] === 1)) {
    return a.values.map((v, i) => labelOf(v, file, a.shape.length === 1 ? `data[${i}]` : `data[${i}][0]`));
  }
  if (a.shape.length !== 2) throw new InputError(file, 'header.shape', `labels must be (n,), (n, 1) or one-hot (n, c), got (${a.shape.join(', ')})`);
  const [n, c] = a.shape as [number, number];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let hot = -1;
    for (let j = 0; j < c; j++) {
      const v = a.values[i * c + j] as Rat;
      if (v.isZero()) continue;
      if (v.n !== 1n || v.d !== 1n || hot >= 0) throw new InputError(file, `data[${i}]`, 'row is not one-hot (one 1, all others 0)');
      hot = j;
    }
    if (hot < 0) throw new InputError(file, `data[${i}]`, 'row is not one-hot (no 1)');
    out.push(hot);
  }
  return out;
}

interface CsvTable {
  header: string[] | undefined;
  width: number;
  rows: [number, string[]][];
}

function csvTable(file: string): CsvTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readInputFile(file, textByteLimit()));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, 'file', 'not valid UTF-8');
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const maxRows = limit('maxEntries', BUILTIN_LIMITS.elements);
  for (let i = text.indexOf('\n'), rows = 1; i >= 0; i = text.indexOf('\n', i + 1)) {
    if (++rows > maxRows + 1) throw new InputError(file, `line ${rows}`, `more than ${maxRows} lines${limitHint('maxEntries')}`);
  }
  const lines = text.split(/\r?\n/);
  let header: string[] | undefined;
  let width = -1;
  const rows: [number, string[]][] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cells = raw.split(',').map((c) => c.trim());
    if (width < 0) {
      width = cells.length;
      // A header line has no numeric cell and no NaN/Inf spelling (those are errors, not names).
      if (cells.every((c) => !/^[+-]?[0-9.]/.test(c) && !/^[+-]?(nan|inf(inity)?)$/i.test(c))) {
        header = cells;
        return;
      }
    } else if (cells.length !== width) {
      throw new InputError(file, `line ${i + 1}`, `${cells.length} cells, expected ${width} (ragged rows)`);
    }
    rows.push([i + 1, cells]);
  });
  if (width < 0) throw new InputError(file, 'file', 'empty CSV');
  return { header, width, rows };
}

function csvPoints(file: string): { dim: number; points: Rat[][]; labels?: number[] } {
  const t = csvTable(file);
  let labelCol = -1;
  if (t.header !== undefined) {
    const idx = t.header.map((h, i) => (h.toLowerCase() === 'label' ? i : -1)).filter((i) => i >= 0);
    if (idx.length > 1) throw new InputError(file, 'line 1', 'more than one label column');
    labelCol = idx[0] ?? -1;
  }
  const dim = t.width - (labelCol >= 0 ? 1 : 0);
  if (dim === 0) throw new InputError(file, 'line 1', 'no coordinate columns');
  if (t.rows.length === 0) throw new InputError(file, 'file', 'no data rows');
  const points: Rat[][] = [];
  const labels: number[] = [];
  for (const [line, cells] of t.rows) {
    const p: Rat[] = [];
    cells.forEach((c, j) => {
      const field = `line ${line} column ${j + 1}`;
      const r = parseExactNumber(c, file, field);
      if (j === labelCol) labels.push(labelOf(r, file, field));
      else p.push(r);
    });
    points.push(p);
  }
  return labelCol >= 0 ? { dim, points, labels } : { dim, points };
}

function jsonPoints(file: string): { dim: number; points: Rat[][]; labels?: number[] } {
  const doc = parseJsonChecked(readInputFile(file, textByteLimit()), file);
  if (!isJsonObject(doc)) throw new InputError(file, '$', 'dataset JSON must be an object');
  const format = doc['format'];
  let key: string;
  let labelKey: string;
  let num: (x: unknown, f: string) => Rat;
  if (format === REFERENCE_DATA_FORMAT) {
    key = 'points_float64';
    labelKey = 'class_index';
    num = (x, f) => {
      if (typeof x !== 'string') throw new InputError(file, f, 'numbers must be float strings');
      try {
        return ratFromFloatString(x);
      } catch (e) {
        throw new InputError(file, f, `not a finite float: ${JSON.stringify(x.slice(0, 40))} (${(e as Error).message})`);
      }
    };
  } else if (format === OHC_DATA_FORMAT) {
    key = 'points';
    labelKey = 'labels';
    num = (x, f) => parseExactNumber(x, file, f);
    for (const k of Object.keys(doc)) {
      if (!['format', 'dim', 'points', 'labels', 'meta'].includes(k)) throw new InputError(file, k, 'unknown member');
    }
  } else {
    throw new InputError(file, 'format', `unknown dataset format ${JSON.stringify(format)} (expected "${OHC_DATA_FORMAT}" or "${REFERENCE_DATA_FORMAT}")`);
  }
  const rows = doc[key];
  if (!Array.isArray(rows)) throw new InputError(file, key, 'missing or not an array');
  const dimV = doc['dim'];
  let dim: number;
  if (dimV !== undefined) {
    if (typeof dimV !== 'number' || !Number.isSafeInteger(dimV) || dimV < 1) throw new InputError(file, 'dim', 'must be a positive integer');
    dim = dimV;
  } else if (Array.isArray(rows[0])) dim = rows[0].length;
  else throw new InputError(file, 'dim', 'missing (and there are no points to infer it from)');
  if (dim < 1) throw new InputError(file, `${key}[0]`, 'points have dimension 0');
  const nV = doc['n'];
  if (nV !== undefined && nV !== rows.length) throw new InputError(file, 'n', `says ${String(nV)} points but ${key} has ${rows.length}`);
  const points = rows.map((row, i) => {
    const f = `${key}[${i}]`;
    if (!Array.isArray(row)) throw new InputError(file, f, 'point must be an array');
    if (row.length !== dim) throw new InputError(file, f, `has ${row.length} coordinates, expected ${dim}`);
    return row.map((x, j) => num(x, `${f}[${j}]`));
  });
  const labelsV = doc[labelKey];
  if (labelsV === undefined) {
    if (format === REFERENCE_DATA_FORMAT) throw new InputError(file, labelKey, 'missing');
    return { dim, points };
  }
  if (!Array.isArray(labelsV)) throw new InputError(file, labelKey, 'must be an array of integers');
  if (labelsV.length !== points.length) throw new InputError(file, labelKey, `${labelsV.length} labels for ${points.length} points`);
  const labels = labelsV.map((l, i) => {
    if (typeof l !== 'number' || !Number.isSafeInteger(l) || l < 0 || l > MAX_LABEL) {
      throw new InputError(file, `${labelKey}[${i}]`, 'label is not a non-negative integer');
    }
    return l;
  });
  return { dim, points, labels };
}
