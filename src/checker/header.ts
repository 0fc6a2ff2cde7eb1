// header.ts: rule `header`: read the header record into an exact integer network and points.
import { list, obj, idx, int, rat, type Point } from './parse.js';
import { Rat, gcd } from './rational.js';
import { type Step, reject } from './verdict.js';

/** One layer `z = (W x + b) / den` with integer W, b and den > 0. */
export interface IntLayer {
  readonly W: readonly (readonly bigint[])[];
  readonly b: readonly bigint[];
  readonly den: bigint;
  readonly relu: boolean;
}

/** A file the run read: its path and the sha256 of its bytes. */
export interface InputFile {
  readonly path: string;
  readonly sha256: string;
}

/** The parsed header. */
export interface Header {
  /** `model` is null exactly when the bundle has no network (`ohc betti`: network null, layers []). */
  readonly inputs: { model: InputFile | null; data: InputFile; labels: InputFile | null };
  readonly selection: { class: number | null; correct: boolean; indices: readonly number[] };
  readonly profile: 'default' | 'reference';
  readonly box: bigint | null;
  readonly outputBits: boolean;
  readonly sensitivity: Rat | null;
  /** Rule `carried`: pairs inside a class carried from the previous certified layer have no decision. */
  readonly skipCarried: boolean;
  readonly layers: readonly number[];
  readonly inputDim: number;
  /** The network exactly as embedded (for comparison with loaded files). */
  readonly network: readonly { W: Rat[][]; b: Rat[]; relu: boolean }[];
  readonly net: readonly IntLayer[];
  /** The points exactly as embedded, and scaled over one denominator each. */
  readonly points: readonly Rat[][];
  readonly xs: readonly Point[];
}

const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;

/** Rationals over their least common denominator. */
export function scaleRats(rs: readonly Rat[]): Point {
  let den = 1n;
  for (const r of rs) den = r.d === 1n || den % r.d === 0n ? den : lcm(den, r.d);
  return { num: rs.map((r) => r.n * (den / r.d)), den };
}

function inputFile(x: unknown, at: Step, what: string): InputFile {
  const o = obj(x, at, what, ['path', 'sha256']);
  const { path, sha256 } = o;
  if (typeof path !== 'string') reject('header', at, `${what}.path is not a string`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) reject('header', at, `${what}.sha256 is not 64 lowercase hex digits`);
  return { path, sha256 };
}

function ratRow(x: unknown, at: Step, what: string, n: number): Rat[] {
  const xs = list(x, at, what);
  if (xs.length !== n) reject('header', at, `${what} has ${xs.length} entries, expected ${n}`);
  return xs.map((v, k) => rat(v, at, `${what}[${k}]`));
}

/** Rule `header`: parse and validate the header record (line 1). */
export function parseHeader(rec: unknown): Header {
  const at: Step = { line: 1 };
  const keys = ['t', 'format', 'tool', 'inputs', 'selection', 'profile', 'options', 'layers', 'network', 'points'];
  const h = obj(rec, at, 'header', keys);
  if (h['t'] !== 'header') reject('header', at, 'the first record is not a header');
  if (h['format'] !== 'ohc-bundle/1') reject('header', at, `format is ${JSON.stringify(h['format'])}, expected "ohc-bundle/1"`);
  if (typeof h['tool'] !== 'string') reject('header', at, 'tool is not a string');
  const inp = obj(h['inputs'], at, 'inputs', ['model', 'data', 'labels']);
  const noNet = h['network'] === null;
  if (noNet && (inp['model'] !== null || list(h['layers'], at, 'layers').length > 0)) reject('header', at, 'a bundle without a network has inputs.model null and layers []');
  const inputs = {
    model: noNet ? null : inputFile(inp['model'], at, 'inputs.model'),
    data: inputFile(inp['data'], at, 'inputs.data'),
    labels: inp['labels'] === null ? null : inputFile(inp['labels'], at, 'inputs.labels'),
  };
  const sel = obj(h['selection'], at, 'selection', ['class', 'correct', 'indices']);
  const cls = sel['class'] === null ? null : idx(sel['class'], at, 'selection.class');
  if (typeof sel['correct'] !== 'boolean') reject('header', at, 'selection.correct is not a boolean');
  const indices = list(sel['indices'], at, 'selection.indices').map((v, k) => idx(v, at, `selection.indices[${k}]`));
  indices.forEach((v, k) => k > 0 && v <= (indices[k - 1] as number) && reject('header', at, `selection.indices not strictly ascending at ${k}`));
  const profile = h['profile'];
  if (profile !== 'default' && profile !== 'reference') reject('header', at, `unknown profile ${JSON.stringify(profile)}`);
  const opt = obj(h['options'], at, 'options', ['box', 'outputBits', 'sensitivity', 'skipCarried']);
  const skipCarried = opt['skipCarried'] ?? false; // absent in bundles written before the rule: false
  if (typeof skipCarried !== 'boolean') reject('header', at, 'options.skipCarried is not a boolean');
  const ref = profile === 'reference';
  if (opt['box'] !== (ref ? '100' : null)) reject('header', at, `options.box must be ${ref ? '"100"' : 'null'} in profile ${profile}`);
  if (opt['outputBits'] !== ref) reject('header', at, `options.outputBits must be ${ref} in profile ${profile}`);
  const sensitivity = opt['sensitivity'] === null ? null : rat(opt['sensitivity'], at, 'options.sensitivity');
  if (ref ? sensitivity === null || sensitivity.sign() <= 0 : sensitivity !== null) {
    reject('header', at, `options.sensitivity must be ${ref ? 'a positive rational' : 'null'} in profile ${profile}`);
  }
  const p0 = noNet ? list(h['points'], at, 'points')[0] : undefined;
  const nw = noNet ? { inputDim: p0 === undefined ? 0 : list(p0, at, 'points[0]').length, layers: [] } : obj(h['network'], at, 'network', ['inputDim', 'layers']);
  const inputDim = idx(nw['inputDim'], at, 'network.inputDim');
  if (inputDim < 1) reject('header', at, 'network.inputDim is 0');
  let width = inputDim;
  const network = list(nw['layers'], at, 'network.layers').map((x, i) => {
    const L = obj(x, at, `layer ${i + 1}`, ['W', 'b', 'relu']);
    const rows = list(L['W'], at, `layer ${i + 1} W`);
    if (rows.length < 1) reject('header', at, `layer ${i + 1} has no neurons`);
    const W = rows.map((r, k) => ratRow(r, at, `layer ${i + 1} W[${k}]`, width));
    const b = ratRow(L['b'], at, `layer ${i + 1} b`, rows.length);
    if (typeof L['relu'] !== 'boolean') reject('header', at, `layer ${i + 1} relu is not a boolean`);
    width = rows.length;
    return { W, b, relu: L['relu'] };
  });
  if (network.length < 1 && !noNet) reject('header', at, 'the network has no layers');
  const net = network.map(({ W, b, relu }): IntLayer => {
    const s = scaleRats([...W.flat(), ...b]);
    const W1 = W.map((r, k) => s.num.slice(k * r.length, (k + 1) * r.length));
    return { W: W1, b: s.num.slice(W.length * (W[0]?.length ?? 0)), den: s.den, relu };
  });
  const layers = list(h['layers'], at, 'layers').map((v, k) => idx(v, at, `layers[${k}]`, network.length + 1));
  if (layers.length < 1 && !noNet) reject('header', at, 'no certified layers');
  layers.forEach((v, k) => (v < 1 || (k > 0 && v <= (layers[k - 1] as number))) && reject('header', at, `layers not strictly increasing within 1..${network.length}`));
  const points = list(h['points'], at, 'points').map((p, j) => ratRow(p, at, `points[${j}]`, inputDim));
  if (points.length !== indices.length) reject('header', at, `${points.length} points but ${indices.length} selection indices`);
  const box = ref ? 100n : null;
  return { inputs, selection: { class: cls, correct: sel['correct'], indices }, profile, box, outputBits: ref, sensitivity, skipCarried, layers, inputDim, network, net, points, xs: points.map(scaleRats) };
}
