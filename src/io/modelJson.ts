// modelJson.ts: JSON model formats: our "ohc-model/1" (read and write) and the shared export.
import type { Rat } from '../checker/rational.js';
import type { Layer, Network } from '../net/network.js';
import { ratFromFloatString } from '../numbers/ratFromFloatString.js';
import { roundRatToFloat32 } from '../numbers/roundRatToFloat32.js';
import { parseExactNumber } from './exactNumber.js';
import { InputError } from './inputError.js';
import { isJsonObject, parseJsonChecked } from './parseJsonChecked.js';
import { readInputFile } from './readInputFile.js';
import { textByteLimit } from './limits.js';

/** The `format` tag of our own model files. */
export const OHC_MODEL_FORMAT = 'ohc-model/1';
/** The `format` tag of the shared reference exports (`json/models/*.json`). */
export const REFERENCE_MODEL_FORMAT = 'quotient-homology-reference-model/1';

const MAX_LAYERS = 10_000;

/**
 * Read a JSON model file: either our `ohc-model/1` format or the shared
 * `quotient-homology-reference-model/1` export (see src/io/FORMATS.md).
 *
 * `ohc-model/1`:
 * `{"format":"ohc-model/1","inputDim":d,"layers":[{"W":[["p/q",...],...],"b":["p/q",...],
 * "activation":"relu"|"none"}, ...]}` — `W` is `[out][in]`, numbers are strings, either `"p/q"`
 * or exact decimals (`"0.1"` means 1/10; JSON number literals are refused); an optional `"meta"`
 * member is ignored, any other member is an error.
 *
 * Reference export: `architecture.hidden_activation` must be `"relu"` (else InputError
 * "non-ReLU activation"), `layers[i].weight` / `.bias` are float64 strings (the double they name,
 * read bit-exactly), hidden layers get ReLU and the output layer none; when `dtype` is
 * `"float32"` every value must be a float32.
 */
export function readModelJson(file: string): Network {
  return modelFromJson(parseJsonChecked(readInputFile(file, textByteLimit()), file), file);
}

/** {@link readModelJson} on an already parsed JSON value. */
export function modelFromJson(doc: unknown, file: string): Network {
  if (!isJsonObject(doc)) throw new InputError(file, '$', 'model JSON must be an object');
  const format = doc['format'];
  if (format === OHC_MODEL_FORMAT) return ohcModel(doc, file);
  if (format === REFERENCE_MODEL_FORMAT) return referenceModel(doc, file);
  throw new InputError(file, 'format', `unknown model format ${JSON.stringify(format)} (expected "${OHC_MODEL_FORMAT}" or "${REFERENCE_MODEL_FORMAT}")`);
}

function dimension(v: unknown, file: string, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1 || v > 1_000_000) {
    throw new InputError(file, field, 'must be a positive integer (at most 1000000)');
  }
  return v;
}

function layerList(v: unknown, file: string): unknown[] {
  if (!Array.isArray(v) || v.length === 0) throw new InputError(file, 'layers', 'must be a non-empty array');
  if (v.length > MAX_LAYERS) throw new InputError(file, 'layers', `more than ${MAX_LAYERS} layers`);
  return v;
}

function vector(v: unknown, len: number, file: string, field: string, num: (x: unknown, f: string) => Rat): Rat[] {
  if (!Array.isArray(v)) throw new InputError(file, field, 'must be an array');
  if (v.length !== len) throw new InputError(file, field, `has ${v.length} entries, expected ${len}`);
  return v.map((x, i) => num(x, `${field}[${i}]`));
}

function matrix(v: unknown, inDim: number, file: string, field: string, num: (x: unknown, f: string) => Rat): Rat[][] {
  if (!Array.isArray(v) || v.length === 0) throw new InputError(file, field, 'must be a non-empty array of rows');
  return v.map((row, i) => vector(row, inDim, file, `${field}[${i}]`, num));
}

function ohcModel(doc: Record<string, unknown>, file: string): Network {
  for (const k of Object.keys(doc)) {
    if (!['format', 'inputDim', 'layers', 'meta'].includes(k)) throw new InputError(file, k, 'unknown member');
  }
  const inputDim = dimension(doc['inputDim'], file, 'inputDim');
  const num = (x: unknown, f: string): Rat => parseExactNumber(x, file, f);
  let d = inputDim;
  const layers: Layer[] = layerList(doc['layers'], file).map((l, i) => {
    const f = `layers[${i}]`;
    if (!isJsonObject(l)) throw new InputError(file, f, 'layer must be an object');
    for (const k of Object.keys(l)) {
      if (!['W', 'b', 'activation'].includes(k)) throw new InputError(file, `${f}.${k}`, 'unknown member');
    }
    const W = matrix(l['W'], d, file, `${f}.W`, num);
    const b = vector(l['b'], W.length, file, `${f}.b`, num);
    const act = l['activation'];
    if (act !== 'relu' && act !== 'none') throw new InputError(file, `${f}.activation`, 'must be "relu" or "none"');
    d = W.length;
    return { W, b, relu: act === 'relu' };
  });
  return { inputDim, layers };
}

function referenceModel(doc: Record<string, unknown>, file: string): Network {
  const arch = doc['architecture'];
  if (!isJsonObject(arch)) throw new InputError(file, 'architecture', 'missing or not an object');
  const act = arch['hidden_activation'];
  if (act !== 'relu') throw new InputError(file, 'architecture.hidden_activation', `non-ReLU activation ${JSON.stringify(act)}`);
  const outAct = arch['output_activation'];
  if (outAct !== undefined && !(typeof outAct === 'string' && outAct.startsWith('none'))) {
    throw new InputError(file, 'architecture.output_activation', `output activation ${JSON.stringify(outAct)} is not supported (only none)`);
  }
  const dtype = doc['dtype'];
  if (dtype !== undefined && dtype !== 'float32' && dtype !== 'float64') {
    throw new InputError(file, 'dtype', `unsupported dtype ${JSON.stringify(dtype)}`);
  }
  const num = (x: unknown, f: string): Rat => {
    if (typeof x !== 'string') throw new InputError(file, f, 'numbers must be float strings');
    let r: Rat;
    try {
      r = ratFromFloatString(x);
    } catch (e) {
      throw new InputError(file, f, `not a finite float: ${JSON.stringify(x.slice(0, 40))} (${(e as Error).message})`);
    }
    if (dtype === 'float32') {
      let fits = false;
      try {
        fits = roundRatToFloat32(r).eq(r);
      } catch {
        /* overflow: not a float32 */
      }
      if (!fits) throw new InputError(file, f, `${x} is not a float32 value but dtype is float32`);
    }
    return r;
  };
  const list = layerList(doc['layers'], file);
  const first = list[0];
  let d: number;
  if (arch['input_size'] !== undefined) d = dimension(arch['input_size'], file, 'architecture.input_size');
  else if (isJsonObject(first) && Array.isArray(first['weight']) && Array.isArray(first['weight'][0])) {
    d = dimension(first['weight'][0].length, file, 'layers[0].weight[0]');
  } else throw new InputError(file, 'architecture.input_size', 'missing');
  const inputDim = d;
  const layers: Layer[] = list.map((l, i) => {
    const f = `layers[${i}]`;
    if (!isJsonObject(l)) throw new InputError(file, f, 'layer must be an object');
    const W = matrix(l['weight'], d, file, `${f}.weight`, num);
    const b = vector(l['bias'], W.length, file, `${f}.bias`, num);
    const shape = l['shape'];
    if (shape !== undefined && (!Array.isArray(shape) || shape[0] !== W.length || shape[1] !== d || shape.length !== 2)) {
      throw new InputError(file, `${f}.shape`, `disagrees with the weight's shape [${W.length}, ${d}]`);
    }
    d = W.length;
    return { W, b, relu: i < list.length - 1 };
  });
  const hidden = arch['hidden_sizes'];
  if (hidden !== undefined) {
    const got = layers.slice(0, -1).map((l) => l.W.length);
    if (!Array.isArray(hidden) || hidden.length !== got.length || hidden.some((h, i) => h !== got[i])) {
      throw new InputError(file, 'architecture.hidden_sizes', `disagrees with the layers (${got.join(', ')})`);
    }
  }
  if (arch['output_size'] !== undefined && arch['output_size'] !== d) {
    throw new InputError(file, 'architecture.output_size', `disagrees with the last layer's ${d} outputs`);
  }
  return { inputDim, layers };
}

/**
 * Serialise a network in our `ohc-model/1` format (numbers as canonical `"p/q"` strings, one
 * layer per line). `modelFromJson(JSON.parse(modelToJson(net)))` gives back an equal network.
 */
export function modelToJson(net: Network): string {
  const layers = net.layers.map((l) =>
    JSON.stringify({
      W: l.W.map((row) => row.map((x) => x.toString())),
      b: l.b.map((x) => x.toString()),
      activation: l.relu ? 'relu' : 'none',
    }),
  );
  return `{"format":"${OHC_MODEL_FORMAT}","inputDim":${net.inputDim},"layers":[\n${layers.join(',\n')}\n]}\n`;
}
