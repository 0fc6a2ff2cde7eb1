// make.ts: the malformed-input corpus (issue #6 item 2): every file, how it is broken, the error expected.
// Regenerate with: npm run build && node dist/test/io/malformed/make.js [TARGET_DIR]
// (writes the files and index.json into test/io/malformed/; malformed.test.ts checks they match).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pickle, type TensorSpec, concat, f32, f64le, npy, npyRaw, pth, safetensors, stateDictPickle, zip } from '../fixtures.js';

/** Which input of `ohc certify` the file is given as (the other inputs are the good XOR files). */
export type Role = 'model' | 'data' | 'labels';

/** One corpus file. */
export interface CorpusEntry {
  /** File name inside test/io/malformed/. */
  readonly file: string;
  readonly role: Role;
  /** What is wrong with it. */
  readonly wrong: string;
  /** The field the error must name (a regular expression source, anchored on both ends). */
  readonly field: string;
  /** A regular expression source the error message must match. */
  readonly message: string;
  /** The file's bytes. */
  readonly bytes: () => Uint8Array;
}

const enc = new TextEncoder();
const text = (s: string): (() => Uint8Array) => () => enc.encode(s);
const json = (v: unknown): (() => Uint8Array) => () => enc.encode(JSON.stringify(v));

/** A command the corpus's pickles would run if anything executed them: it creates this marker file. */
export const PWNED_MARKER = 'ohc-corpus-pwned';

// ---------- .npy (data) ----------
const XOR = [0, 0, 1, 1, 1, 0, 0, 1];
const goodNpy = (): Uint8Array => npy('<f8', [4, 2], f64le(XOR));
const withByte = (b: Uint8Array, at: number, v: number): Uint8Array => {
  const c = b.slice();
  c[at] = v;
  return c;
};
const hdr = (descr: string, shape: string, fortran = 'False'): string => `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

// ---------- .pth (model) ----------
/** The state dict of a 2 → 2 → 1 net: layers.0 (weight 2×2, bias 2), layers.2 (weight 1×2, bias 1). */
const NET: [TensorSpec, number[]][] = [
  [{ key: 'layers.0.weight', storage: '0', numel: 4, size: [2, 2], stride: [2, 1] }, [1, -1, 1, 1]],
  [{ key: 'layers.0.bias', storage: '1', numel: 2, size: [2], stride: [1] }, [0, 0]],
  [{ key: 'layers.2.weight', storage: '2', numel: 2, size: [1, 2], stride: [2, 1] }, [1, 1]],
  [{ key: 'layers.2.bias', storage: '3', numel: 1, size: [1], stride: [1] }, [0]],
];
function netPth(edit: (specs: TensorSpec[], data: number[][]) => void = () => {}, storageBytes?: (data: number[][]) => [string, Uint8Array][]): Uint8Array {
  const specs = NET.map(([s]) => ({ ...s }));
  const data = NET.map(([, d]) => d.slice());
  edit(specs, data);
  const storages = storageBytes?.(data) ?? specs.map((s, i): [string, Uint8Array] => [s.storage, f32(data[i] as number[])]);
  return pth('archive', stateDictPickle(specs), storages);
}
const goodPth = (): Uint8Array => netPth();
/** A .pth whose data.pkl is the given pickle program (storages of the good net beside it). */
const pthWithPickle = (p: Pickle): Uint8Array => pth('archive', p.bytes(), NET.map(([s, d]) => [s.storage, f32(d)]));
/** PROTO 2, the global, one string argument, TUPLE1, REDUCE, STOP: `module.name("touch marker")`. */
const callGlobal = (module: string, name: string, stack = false): Pickle => {
  const p = new Pickle().op(0x80, 2);
  if (stack) p.str(module).str(name).op(0x93);
  else p.global(module, name);
  return p.str(`touch ${PWNED_MARKER}`).op(0x85, 0x52, 0x2e);
};

// ---------- .safetensors (model) ----------
function st(edit: (h: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>) => void = () => {}, data?: Uint8Array): Uint8Array {
  const h: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }> = {
    'fc1.weight': { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
    'fc1.bias': { dtype: 'F32', shape: [2], data_offsets: [16, 24] },
    'fc2.weight': { dtype: 'F32', shape: [1, 2], data_offsets: [24, 32] },
    'fc2.bias': { dtype: 'F32', shape: [1], data_offsets: [32, 36] },
  };
  edit(h);
  return safetensors(h, data ?? f32([1, -1, 1, 1, 0, 0, 1, 1, 0]));
}
const stLength = (len: bigint, rest: Uint8Array): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, len, true);
  return concat(b, rest);
};

// ---------- JSON ----------
const ohcModel = (layers: unknown, extra: Record<string, unknown> = {}): (() => Uint8Array) =>
  json({ format: 'ohc-model/1', inputDim: 2, layers, ...extra });
const L1 = { W: [['1', '-1'], ['1', '1']], b: ['0', '0'], activation: 'relu' };
const L2 = { W: [['1', '1']], b: ['0'], activation: 'none' };
const ohcData = (points: unknown, extra: Record<string, unknown> = {}): (() => Uint8Array) => json({ format: 'ohc-data/1', points, ...extra });
const P = [['0', '0'], ['1', '1'], ['1', '0'], ['0', '1']];
const deep = (n: number, inner: string): string => '['.repeat(n) + inner + ']'.repeat(n);
const refModel = (weight00: string, act = 'relu'): (() => Uint8Array) =>
  json({
    format: 'quotient-homology-reference-model/1',
    architecture: { input_size: 2, hidden_activation: act },
    layers: [
      { weight: [[weight00, '-1.0'], ['1.0', '1.0']], bias: ['0.0', '0.0'] },
      { weight: [['1.0', '1.0']], bias: ['0.0'] },
    ],
  });

/** The corpus, in a fixed order. Fields are anchored regular expressions; messages are searched. */
export const CORPUS: readonly CorpusEntry[] = [
  // .npy data
  { file: 'npy-bad-magic.npy', role: 'data', wrong: 'the magic string is not \\x93NUMPY', field: 'magic', message: 'bad magic', bytes: () => withByte(goodNpy(), 1, 0x4d) },
  { file: 'npy-empty.npy', role: 'data', wrong: 'an empty file', field: 'magic', message: 'bad magic', bytes: () => new Uint8Array(0) },
  { file: 'npy-version-9.npy', role: 'data', wrong: 'format version 9.0', field: 'version', message: 'unsupported', bytes: () => withByte(goodNpy(), 6, 9) },
  { file: 'npy-header-past-end.npy', role: 'data', wrong: 'the header length runs past the end of the file (truncated header)', field: 'header', message: 'runs past the end', bytes: () => goodNpy().subarray(0, 40) },
  { file: 'npy-truncated-data.npy', role: 'data', wrong: 'shape (4, 2) but only 3 rows of data (truncated)', field: 'data', message: 'needs more', bytes: () => goodNpy().subarray(0, goodNpy().length - 16) },
  { file: 'npy-shape-lies-huge.npy', role: 'data', wrong: 'the header claims shape (99999999999, 99999999999) over 64 data bytes', field: 'data', message: 'needs more', bytes: () => npyRaw(hdr('<f8', '(99999999999, 99999999999)'), f64le(XOR)) },
  { file: 'npy-extra-bytes.npy', role: 'data', wrong: '8 bytes after the array data', field: 'data', message: 'unexpected bytes', bytes: () => concat(goodNpy(), f64le([7])) },
  { file: 'npy-dtype-complex.npy', role: 'data', wrong: "dtype '<c16' (complex) is unknown to the reader", field: 'header\\.descr', message: 'unsupported dtype', bytes: () => npyRaw(hdr('<c16', '(4, 2)'), new Uint8Array(128)) },
  { file: 'npy-dtype-object.npy', role: 'data', wrong: "dtype '|O' (pickled Python objects)", field: 'header\\.descr', message: 'unsupported dtype', bytes: () => npyRaw(hdr('|O', '(4, 2)'), new Uint8Array(64)) },
  { file: 'npy-dtype-native.npy', role: 'data', wrong: "byte order '=' (native) is ambiguous", field: 'header\\.descr', message: 'ambiguous', bytes: () => npyRaw(hdr('=f8', '(4, 2)'), f64le(XOR)) },
  { file: 'npy-dtype-structured.npy', role: 'data', wrong: 'a structured dtype', field: 'header\\.descr', message: 'structured', bytes: () => npyRaw("{'descr': [('x', '<f8'), ('y', '<f8')], 'fortran_order': False, 'shape': (4,), }", f64le(XOR)) },
  { file: 'npy-fortran-missing.npy', role: 'data', wrong: 'no fortran_order key', field: 'header\\.fortran_order', message: 'missing', bytes: () => npyRaw("{'descr': '<f8', 'shape': (4, 2), }", f64le(XOR)) },
  { file: 'npy-fortran-bytes-mismatch.npy', role: 'data', wrong: 'fortran_order True, shape (2, 4), but 7 elements of data', field: 'data', message: 'needs more', bytes: () => npyRaw(hdr('<f8', '(2, 4)', 'True'), f64le(XOR.slice(0, 7))) },
  { file: 'npy-header-key.npy', role: 'data', wrong: 'an unexpected header key', field: 'header\\.evil', message: 'unexpected header key', bytes: () => npyRaw("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), 'evil': 1}", f64le(XOR)) },
  { file: 'npy-header-eval.npy', role: 'data', wrong: `the header is Python code (__import__('os').system('touch ${PWNED_MARKER}')); nothing may run it`, field: 'header', message: 'bad header literal', bytes: () => npyRaw(`__import__('os').system('touch ${PWNED_MARKER}')`, f64le(XOR)) },
  { file: 'npy-negative-dim.npy', role: 'data', wrong: 'shape (-4, 2)', field: 'header\\.shape\\[0\\]', message: 'non-negative', bytes: () => npyRaw(hdr('<f8', '(-4, 2)'), f64le(XOR)) },
  { file: 'npy-nan.npy', role: 'data', wrong: 'a NaN coordinate at row 1', field: 'data\\[1\\]\\[0\\]', message: 'NaN or infinite', bytes: () => npy('<f8', [4, 2], f64le([0, 0, Number.NaN, 1, 1, 0, 0, 1])) },
  { file: 'npy-inf.npy', role: 'data', wrong: '+Infinity at row 2 column 1', field: 'data\\[2\\]\\[1\\]', message: 'NaN or infinite', bytes: () => npy('<f8', [4, 2], f64le([0, 0, 1, 1, 1, Number.POSITIVE_INFINITY, 0, 1])) },
  { file: 'npy-neg-inf-f32-big-endian.npy', role: 'data', wrong: '-Infinity in a big-endian float32 array', field: 'data\\[3\\]\\[0\\]', message: 'NaN or infinite', bytes: () => npy('>f4', [4, 2], f32([0, 0, 1, 1, 1, 0, Number.NEGATIVE_INFINITY, 1], false)) },
  { file: 'npy-1d.npy', role: 'data', wrong: 'a 1-D array (points must be (n, d))', field: 'header\\.shape', message: '2-D', bytes: () => npy('<f8', [8], f64le(XOR)) },
  { file: 'npy-3d.npy', role: 'data', wrong: 'a 3-D array', field: 'header\\.shape', message: '2-D', bytes: () => npy('<f8', [2, 2, 2], f64le(XOR)) },
  { file: 'npy-bool.npy', role: 'data', wrong: 'a boolean array as points', field: 'header\\.descr', message: 'boolean', bytes: () => npy('|b1', [4, 2], Uint8Array.from(XOR)) },
  { file: 'npy-dim-zero.npy', role: 'data', wrong: 'points of dimension 0 (shape (4, 0))', field: 'header\\.shape', message: 'dimension 0', bytes: () => npy('<f8', [4, 0], new Uint8Array(0)) },
  // labels (given with --labels and --class 0)
  { file: 'labels-count-mismatch.npy', role: 'labels', wrong: '3 labels for 4 points', field: 'labels', message: '3 labels for 4 points', bytes: () => npy('<i8', [3], new Uint8Array(24)) },
  { file: 'labels-fraction.npy', role: 'labels', wrong: 'label 0.5', field: 'data\\[1\\]', message: 'not a non-negative integer', bytes: () => npy('<f8', [4], f64le([0, 0.5, 1, 1])) },
  { file: 'labels-negative.npy', role: 'labels', wrong: 'label -1', field: 'data\\[0\\]', message: 'not a non-negative integer', bytes: () => npy('<f8', [4], f64le([-1, 0, 1, 1])) },
  { file: 'labels-nan.npy', role: 'labels', wrong: 'a NaN label', field: 'data\\[2\\]', message: 'NaN or infinite', bytes: () => npy('<f8', [4], f64le([0, 0, Number.NaN, 1])) },
  { file: 'labels-not-one-hot.npy', role: 'labels', wrong: 'a (4, 2) labels array whose row 1 has two ones', field: 'data\\[1\\]', message: 'not one-hot', bytes: () => npy('<f8', [4, 2], f64le([1, 0, 1, 1, 0, 1, 0, 1])) },
  { file: 'labels-garbage.csv', role: 'labels', wrong: 'a labels CSV with a word in line 2', field: 'line 2', message: 'not an exact number', bytes: text('0\nzero\n1\n1\n') },
  { file: 'labels-two-columns.csv', role: 'labels', wrong: 'a labels CSV with two columns', field: 'line 1', message: 'exactly one column', bytes: text('0,1\n0,1\n1,0\n1,0\n') },
  // CSV data
  { file: 'csv-binary-garbage.csv', role: 'data', wrong: 'bytes that are not UTF-8', field: 'file', message: 'not valid UTF-8', bytes: () => Uint8Array.from([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28, 0x0a]) },
  { file: 'csv-ragged.csv', role: 'data', wrong: 'line 3 has 3 cells, the others 2', field: 'line 3', message: 'ragged', bytes: text('0,0\n1,1\n1,0,5\n0,1\n') },
  { file: 'csv-nan.csv', role: 'data', wrong: 'NaN in line 2', field: 'line 2 column 1', message: 'not an exact number', bytes: text('x,y\nNaN,0\n1,1\n') },
  { file: 'csv-infinity.csv', role: 'data', wrong: 'Infinity in the first line (not taken for a header)', field: 'line 1 column 2', message: 'not an exact number', bytes: text('0,Infinity\n1,1\n') },
  { file: 'csv-hex.csv', role: 'data', wrong: 'a hexadecimal cell', field: 'line 2 column 1', message: 'not an exact number', bytes: text('0,0\n0x10,1\n') },
  { file: 'csv-exponent-huge.csv', role: 'data', wrong: 'the decimal 1e400000 (exponent beyond 10000)', field: 'line 1 column 1', message: 'exponent', bytes: text('1e400000,0\n1,1\n') },
  { file: 'csv-5000-digits.csv', role: 'data', wrong: 'a 5000-digit decimal (limit 1000)', field: 'line 2 column 2', message: 'more than|longer than', bytes: text(`0,0\n1,${'7'.repeat(5000)}\n`) },
  { file: 'csv-empty.csv', role: 'data', wrong: 'an empty file', field: 'file', message: 'empty CSV', bytes: text('') },
  { file: 'csv-header-only.csv', role: 'data', wrong: 'a header and no rows', field: 'file', message: 'no data rows', bytes: text('x,y\n') },
  { file: 'csv-label-fraction.csv', role: 'data', wrong: 'label column holding 1.5', field: 'line 3 column 3', message: 'not a non-negative integer', bytes: text('x,y,label\n0,0,0\n1,1,1.5\n') },
  // JSON data (ohc-data/1 and the reference export)
  { file: 'data-nan-literal.json', role: 'data', wrong: 'a bare NaN token (not JSON)', field: 'json( character [0-9]+)?', message: 'invalid JSON', bytes: text('{"format":"ohc-data/1","points":[["0",NaN]]}') },
  { file: 'data-infinity-string.json', role: 'data', wrong: 'the string "Infinity" as a coordinate', field: 'points\\[0\\]\\[1\\]', message: 'not an exact number', bytes: ohcData([['0', 'Infinity'], ['1', '1']]) },
  { file: 'data-number-literal.json', role: 'data', wrong: 'a JSON number (already rounded by JSON.parse) as a coordinate', field: 'points\\[1\\]\\[0\\]', message: 'not JSON numbers', bytes: ohcData([['0', '0'], [0.1, '1']]) },
  { file: 'data-ragged.json', role: 'data', wrong: 'point 2 has 3 coordinates', field: 'points\\[2\\]', message: 'expected 2', bytes: ohcData([['0', '0'], ['1', '1'], ['1', '0', '5'], ['0', '1']]) },
  { file: 'data-deep-nesting.json', role: 'data', wrong: 'arrays nested 100,000 levels deep', field: 'json character [0-9]+', message: 'nesting deeper than 64', bytes: text(`{"format":"ohc-data/1","points":${deep(100_000, '"0"')}}`) },
  { file: 'data-million-digits.json', role: 'data', wrong: 'a coordinate with 10^6 digits', field: 'points\\[0\\]\\[0\\]', message: 'more than 1000 digits|longer than', bytes: ohcData([['9'.repeat(1_000_000), '0']]) },
  { file: 'data-ratio-huge.json', role: 'data', wrong: 'a p/q with a 10,000-digit denominator (limit 4096)', field: 'points\\[1\\]\\[1\\]', message: 'more than 4096 digits', bytes: ohcData([['0', '0'], ['1', `1/${'3'.repeat(10_000)}`]]) },
  { file: 'data-zero-denominator.json', role: 'data', wrong: 'the rational 1/0', field: 'points\\[0\\]\\[0\\]', message: 'zero denominator', bytes: ohcData([['1/0', '0']]) },
  { file: 'data-labels-mismatch.json', role: 'data', wrong: '3 labels for 4 points', field: 'labels', message: '3 labels for 4 points', bytes: ohcData(P, { labels: [0, 0, 1] }) },
  { file: 'data-unknown-member.json', role: 'data', wrong: 'an unknown top-level member', field: 'evil', message: 'unknown member', bytes: ohcData(P, { evil: true }) },
  { file: 'data-unknown-format.json', role: 'data', wrong: 'an unknown format tag', field: 'format', message: 'unknown dataset format', bytes: json({ format: 'pickle/1', points: P }) },
  { file: 'data-not-utf8.json', role: 'data', wrong: 'invalid UTF-8 inside a string', field: 'json', message: 'not valid UTF-8', bytes: () => concat(enc.encode('{"format":"ohc-data/1","points":[["'), Uint8Array.of(0xc3, 0x28), enc.encode('"]]}')) },
  { file: 'data-reference-1e400.json', role: 'data', wrong: 'the float string 1e400 (overflows float64) in the reference export', field: 'points_float64\\[0\\]\\[1\\]', message: 'not a finite float', bytes: json({ format: 'quotient-homology-reference-data/1', points_float64: [['0.0', '1e400']], class_index: [0] }) },
  // .pth models
  { file: 'pth-not-zip.pth', role: 'model', wrong: 'text, not a zip archive', field: 'file', message: 'not a PyTorch zip archive', bytes: text('this is not a model\n') },
  { file: 'pth-legacy.pth', role: 'model', wrong: 'the legacy (pre-1.6) torch.save format: a bare pickle', field: 'file', message: 'legacy', bytes: () => callGlobal('posix', 'system').bytes() },
  { file: 'pth-truncated.pth', role: 'model', wrong: 'the archive cut in half (no end of central directory)', field: 'zip: end of central directory', message: 'not found', bytes: () => goodPth().subarray(0, goodPth().length >> 1) },
  { file: 'pth-central-directory-truncated.pth', role: 'model', wrong: 'the central directory cut short (the end record still claims all entries)', field: 'zip: end of central directory', message: 'cannot fit|runs past', bytes: () => { const b = goodPth(); const e = b.length - 22; return concat(b.subarray(0, e - 60), b.subarray(e)); } },
  { file: 'pth-central-directory-bad-signature.pth', role: 'model', wrong: 'a corrupt central directory entry signature', field: 'zip: central directory entry 0', message: 'bad signature', bytes: () => { const b = goodPth(); const v = new DataView(b.buffer, b.byteOffset); const cd = v.getUint32(b.length - 6, true); return withByte(b, cd, 0x51); } },
  { file: 'pth-crc-mismatch.pth', role: 'model', wrong: 'a storage byte flipped (CRC-32 mismatch)', field: 'zip: archive/data/0', message: 'CRC-32', bytes: () => { const b = goodPth(); const name = enc.encode('archive/data/0'); const at = Buffer.from(b).indexOf(name) + name.length; return withByte(b, at, (b[at] as number) ^ 0x40); } },
  { file: 'pth-os-system.pth', role: 'model', wrong: `data.pkl calls posix.system("touch ${PWNED_MARKER}")`, field: 'archive/data\\.pkl byte [0-9]+', message: 'global "posix\\.system" is not allowed', bytes: () => pthWithPickle(callGlobal('posix', 'system')) },
  { file: 'pth-os-system-nt.pth', role: 'model', wrong: 'data.pkl calls os.system (as pickled on any OS)', field: 'archive/data\\.pkl byte [0-9]+', message: 'global "os\\.system" is not allowed', bytes: () => pthWithPickle(callGlobal('os', 'system')) },
  { file: 'pth-builtins-eval.pth', role: 'model', wrong: 'data.pkl calls builtins.eval', field: 'archive/data\\.pkl byte [0-9]+', message: 'global "builtins\\.eval" is not allowed', bytes: () => pthWithPickle(callGlobal('builtins', 'eval')) },
  { file: 'pth-subprocess-popen.pth', role: 'model', wrong: 'data.pkl calls subprocess.Popen through STACK_GLOBAL', field: 'archive/data\\.pkl byte [0-9]+', message: 'global "subprocess\\.Popen" is not allowed', bytes: () => pthWithPickle(callGlobal('subprocess', 'Popen', true)) },
  { file: 'pth-torch-load-nested.pth', role: 'model', wrong: 'data.pkl names torch.load (a torch global outside the allow-list)', field: 'archive/data\\.pkl byte [0-9]+', message: 'global "torch\\.load" is not allowed', bytes: () => pthWithPickle(callGlobal('torch', 'load')) },
  { file: 'pth-bad-opcode.pth', role: 'model', wrong: 'pickle opcode 0xff', field: 'archive/data\\.pkl byte 2', message: 'opcode 0xff', bytes: () => pthWithPickle(new Pickle().op(0x80, 2, 0xff, 0x2e)) },
  { file: 'pth-pickle-no-stop.pth', role: 'model', wrong: 'the pickle ends without STOP', field: 'archive/data\\.pkl byte [0-9]+', message: 'without STOP', bytes: () => pthWithPickle(new Pickle().op(0x80, 2, 0x7d)) },
  { file: 'pth-pickle-memo.pth', role: 'model', wrong: 'BINGET of a memo entry never stored', field: 'archive/data\\.pkl byte 2', message: 'memo entry 7', bytes: () => pthWithPickle(new Pickle().op(0x80, 2, 0x68, 7, 0x2e)) },
  { file: 'pth-pickle-long-string.pth', role: 'model', wrong: 'a BINUNICODE8 string claiming 2^60 bytes', field: 'archive/data\\.pkl byte 2', message: 'runs past the end', bytes: () => pthWithPickle(new Pickle().op(0x80, 2, 0x8d, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x2e)) },
  { file: 'pth-stride-out-of-storage.pth', role: 'model', wrong: 'layers.0.weight with stride (3, 1) reaches past its 4-element storage', field: 'layers\\.0\\.weight', message: 'reach element', bytes: () => netPth((s) => { (s[0] as TensorSpec).stride = [3, 1]; }) },
  { file: 'pth-offset-beyond-storage.pth', role: 'model', wrong: 'layers.0.bias with storage offset 1000', field: 'layers\\.0\\.bias', message: 'reach element', bytes: () => netPth((s) => { (s[1] as TensorSpec).offset = 1000; }) },
  { file: 'pth-huge-size.pth', role: 'model', wrong: 'layers.0.weight claims size (100000, 100000) with stride (0, 0)', field: 'layers\\.0\\.weight', message: 'more than 16777216 elements', bytes: () => netPth((s) => { Object.assign(s[0] as TensorSpec, { size: [100000, 100000], stride: [0, 0] }); }) },
  { file: 'pth-storage-short.pth', role: 'model', wrong: 'a storage claiming 1000 elements with 16 bytes of data', field: 'archive/data/0', message: 'storage has 16 bytes', bytes: () => netPth((s) => { (s[0] as TensorSpec).numel = 1000; }) },
  { file: 'pth-int-weight.pth', role: 'model', wrong: 'an integer (LongStorage) weight', field: 'layers\\.0\\.weight', message: 'non-float', bytes: () => netPth((s) => { (s[0] as TensorSpec).storageType = 'IntStorage'; }, (d) => NET.map(([sp], i) => [sp.storage, i === 0 ? new Uint8Array(16) : f32(d[i] as number[])])) },
  { file: 'pth-nan-weight.pth', role: 'model', wrong: 'NaN in layers.0.weight[1][0]', field: 'layers\\.0\\.weight\\[1\\]\\[0\\]', message: 'NaN or infinite', bytes: () => netPth((_, d) => { (d[0] as number[])[2] = Number.NaN; }) },
  { file: 'pth-missing-bias.pth', role: 'model', wrong: 'layers.2 has no bias', field: 'layers\\.2\\.bias', message: 'missing bias', bytes: () => { const specs = NET.slice(0, 3).map(([s]) => s); return pth('archive', stateDictPickle(specs), NET.slice(0, 3).map(([s, d]) => [s.storage, f32(d)])); } },
  { file: 'pth-shape-chain.pth', role: 'model', wrong: 'layers.2.weight takes 3 inputs after a 2-output layer', field: 'layers\\.2\\.weight', message: 'previous layer has 2 outputs', bytes: () => netPth((s, d) => { Object.assign(s[2] as TensorSpec, { numel: 3, size: [1, 3], stride: [3, 1] }); d[2] = [1, 1, 1]; }) },
  { file: 'pth-batchnorm-key.pth', role: 'model', wrong: 'a BatchNorm running_mean key (not a Linear stack)', field: 'bn\\.running_mean', message: 'not a Linear', bytes: () => { const specs = [...NET.map(([s]) => s), { key: 'bn.running_mean', storage: '4', numel: 2, size: [2], stride: [1] }]; return pth('archive', stateDictPickle(specs), [...NET.map(([s, d]): [string, Uint8Array] => [s.storage, f32(d)]), ['4', f32([0, 0])]]); } },
  { file: 'pth-byteorder.pth', role: 'model', wrong: "byteorder record 'middle'", field: 'archive/byteorder', message: 'unknown byte order', bytes: () => pth('archive', stateDictPickle(NET.map(([s]) => s)), NET.map(([s, d]) => [s.storage, f32(d)]), 'middle') },
  { file: 'pth-two-pickles.pth', role: 'model', wrong: 'two data.pkl entries', field: 'zip', message: 'found 2', bytes: () => zip([['a/data.pkl', new Pickle().op(0x80, 2, 0x7d, 0x2e).bytes()], ['b/data.pkl', new Pickle().op(0x80, 2, 0x7d, 0x2e).bytes()]]) },
  // .safetensors models
  { file: 'st-header-length-huge.safetensors', role: 'model', wrong: 'the header length field says 2^62 bytes', field: 'header', message: 'runs past the end', bytes: () => stLength(1n << 62n, enc.encode('{}')) },
  { file: 'st-header-past-end.safetensors', role: 'model', wrong: 'the header length is 50 bytes more than the file holds', field: 'header', message: 'runs past the end', bytes: () => { const b = st(); const v = new DataView(b.buffer, b.byteOffset); const n = v.getBigUint64(0, true); return stLength(n + 50n, b.subarray(8)); } },
  { file: 'st-short.safetensors', role: 'model', wrong: 'a 5-byte file', field: 'header', message: 'shorter than', bytes: () => Uint8Array.of(1, 0, 0, 0, 0) },
  { file: 'st-header-not-json.safetensors', role: 'model', wrong: 'the header is not JSON', field: 'json( character [0-9]+)?', message: 'invalid JSON', bytes: () => stLength(10n, enc.encode('{not json}')) },
  { file: 'st-offsets-beyond-file.safetensors', role: 'model', wrong: 'fc2.bias data_offsets [32, 4000] beyond the 36 data bytes', field: 'fc2\\.bias\\.data_offsets', message: 'outside', bytes: () => st((h) => { (h['fc2.bias'] as { data_offsets: number[] }).data_offsets = [32, 4000]; }) },
  { file: 'st-overlap.safetensors', role: 'model', wrong: 'fc1.bias overlaps fc1.weight', field: 'fc1\\.bias\\.data_offsets', message: 'overlaps', bytes: () => st((h) => { (h['fc1.bias'] as { data_offsets: number[] }).data_offsets = [8, 16]; }) },
  { file: 'st-hole.safetensors', role: 'model', wrong: 'bytes between two tensors belong to none', field: 'fc2\\.bias\\.data_offsets|data', message: 'hole|belong to no tensor', bytes: () => st((h) => { (h['fc2.bias'] as { data_offsets: number[] }).data_offsets = [36, 40]; }, f32([1, -1, 1, 1, 0, 0, 1, 1, 0, 0])) },
  { file: 'st-wrong-dtype-size.safetensors', role: 'model', wrong: 'fc1.weight declared F64 over 16 bytes (needs 32)', field: 'fc1\\.weight\\.data_offsets', message: 'do not hold', bytes: () => st((h) => { (h['fc1.weight'] as { dtype: string }).dtype = 'F64'; }) },
  { file: 'st-unknown-dtype.safetensors', role: 'model', wrong: 'dtype C64', field: 'fc1\\.weight\\.dtype', message: 'unsupported dtype', bytes: () => st((h) => { (h['fc1.weight'] as { dtype: string }).dtype = 'C64'; }) },
  { file: 'st-huge-shape.safetensors', role: 'model', wrong: 'fc1.weight claims shape [4294967296, 4294967296]', field: 'fc1\\.weight\\.shape', message: 'more than 16777216 elements', bytes: () => st((h) => { (h['fc1.weight'] as { shape: number[] }).shape = [2 ** 32, 2 ** 32]; }) },
  { file: 'st-deep-header.safetensors', role: 'model', wrong: 'a header nested 1000 levels deep', field: 'json character [0-9]+', message: 'nesting deeper than 8', bytes: () => { const h = enc.encode(`{"x":${deep(1000, '0')}}`); return stLength(BigInt(h.length), h); } },
  { file: 'st-nan.safetensors', role: 'model', wrong: 'NaN in fc2.weight[0][1]', field: 'fc2\\.weight\\[0\\]\\[1\\]', message: 'NaN or infinite', bytes: () => st(undefined, f32([1, -1, 1, 1, 0, 0, 1, Number.NaN, 0])) },
  // JSON models
  { file: 'model-nan-literal.json', role: 'model', wrong: 'a bare NaN token', field: 'json( character [0-9]+)?', message: 'invalid JSON', bytes: text('{"format":"ohc-model/1","inputDim":2,"layers":[{"W":[[NaN,"1"]],"b":["0"],"activation":"none"}]}') },
  { file: 'model-infinity-string.json', role: 'model', wrong: 'the string "Infinity" as a weight', field: 'layers\\[0\\]\\.W\\[0\\]\\[1\\]', message: 'not an exact number', bytes: ohcModel([{ ...L1, W: [['1', 'Infinity'], ['1', '1']] }, L2]) },
  { file: 'model-number-literals.json', role: 'model', wrong: 'JSON number literals as weights', field: 'layers\\[0\\]\\.W\\[0\\]\\[0\\]', message: 'not JSON numbers', bytes: ohcModel([{ ...L1, W: [[1, -1], [1, 1]] }, L2]) },
  { file: 'model-wrong-shape.json', role: 'model', wrong: 'row 1 of layer 0 has 3 weights for 2 inputs', field: 'layers\\[0\\]\\.W\\[1\\]', message: 'expected 2', bytes: ohcModel([{ ...L1, W: [['1', '-1'], ['1', '1', '1']] }, L2]) },
  { file: 'model-bias-length.json', role: 'model', wrong: 'a bias of 1 entry for 2 neurons', field: 'layers\\[0\\]\\.b', message: 'expected 2', bytes: ohcModel([{ ...L1, b: ['0'] }, L2]) },
  { file: 'model-unknown-activation.json', role: 'model', wrong: 'activation "sigmoid"', field: 'layers\\[1\\]\\.activation', message: 'relu', bytes: ohcModel([L1, { ...L2, activation: 'sigmoid' }]) },
  { file: 'model-unknown-layer-kind.json', role: 'model', wrong: 'a layer of kind "conv2d"', field: 'layers\\[0\\]\\.kind', message: 'unknown member', bytes: ohcModel([{ ...L1, kind: 'conv2d' }, L2]) },
  { file: 'model-deep-nesting.json', role: 'model', wrong: 'arrays nested 100,000 levels deep', field: 'json character [0-9]+', message: 'nesting deeper than 64', bytes: text(`{"format":"ohc-model/1","inputDim":2,"layers":${deep(100_000, '')}}`) },
  { file: 'model-input-dim-huge.json', role: 'model', wrong: 'inputDim 10^12', field: 'inputDim', message: 'positive integer', bytes: ohcModel([L1, L2], { inputDim: 1e12 }) },
  { file: 'model-not-object.json', role: 'model', wrong: 'a JSON array instead of an object', field: '\\$', message: 'must be an object', bytes: json([1, 2, 3]) },
  { file: 'model-reference-1e400.json', role: 'model', wrong: 'the weight "1e400" in the reference export (overflows float64)', field: 'layers\\[0\\]\\.weight\\[0\\]\\[0\\]', message: 'not a finite float', bytes: refModel('1e400') },
  { file: 'model-reference-tanh.json', role: 'model', wrong: 'hidden activation tanh in the reference export', field: 'architecture\\.hidden_activation', message: 'non-ReLU', bytes: refModel('1.0', 'tanh') },
  { file: 'model-reference-nan.json', role: 'model', wrong: 'the weight "nan" in the reference export', field: 'layers\\[0\\]\\.weight\\[0\\]\\[0\\]', message: 'not a finite float', bytes: refModel('nan') },
];

/** Write every corpus file and index.json into `dir`. */
export function writeCorpus(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const e of CORPUS) writeFileSync(join(dir, e.file), e.bytes());
  writeFileSync(join(dir, 'index.json'), corpusIndex());
}

/** index.json: for each file, its role, what is wrong and the error expected. */
export function corpusIndex(): string {
  const rows = CORPUS.map(({ file, role, wrong, field, message }) => JSON.stringify({ file, role, wrong, field, message }));
  return `{"format":"ohc-malformed-corpus/1","note":"each file is given to ohc certify as --model, --data or --labels (with --class 0) beside the good XOR files of certificates/examples/xor; expected: exit 2, the error names the file and a field matching ^field$, the message matches message, nothing is written or executed","files":[\n${rows.join(',\n')}\n]}\n`;
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  // dist/test/io/malformed/make.js writes into the source folder test/io/malformed.
  const target = process.argv[2] ?? (here.includes(join('dist', 'test')) ? join(here, '..', '..', '..', '..', 'test', 'io', 'malformed') : here);
  writeCorpus(target);
  process.stdout.write(`${CORPUS.length} files and index.json written to ${target}\n`);
}
