// makeGolden.ts: `npm run golden`: (re)write the golden certificate bundles of certificates/golden/, good and bad.
//
// Good bundles come from `ohc certify` itself (main(['certify', ...]) of src/cli/ohc.ts), so they are
// exactly what users get. Each bad bundle is one good bundle with ONE deliberate change, its `end`
// record recomputed (except bad-truncated) so that the intended rule, not the file hash, rejects it.
// Every bundle is then checked with `ohc check` against expected.json before the script succeeds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rat } from '../../src/checker/rational.js';
import { main } from '../../src/cli/main.js';
import { modelToJson } from '../../src/io/modelJson.js';
import type { Network } from '../../src/net/network.js';
import { prng } from './prng.js';

/** The repository root: the first folder above this file with a package.json (works from test/bench/ and dist/test/bench/). */
export const REPO_ROOT = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json'))) {
    const up = dirname(d);
    if (up === d) throw new Error('makeGolden: repository root not found');
    d = up;
  }
  return d;
})();

/** Where the golden files live. */
export const GOLDEN_DIR = join(REPO_ROOT, 'certificates', 'golden');
const XOR_DIR = join(REPO_ROOT, 'certificates', 'examples', 'xor');
const DI_DIR = join(REPO_ROOT, 'certificates', 'examples', 'd-i');

// ---------------------------------------------------------------------------------------------
// The random 2-D network and its points (fixed seed, dyadic numbers).

/** Seed of the random-2d network and points. */
export const RANDOM_SEED = 20260101;

/** A seeded integer source over the shared PRNG; `int(k)` is uniform in 0..k-1. */
function intSource(seed: number): { int: (k: number) => number } {
  const next = prng(seed);
  return { int: (k) => Math.floor(next() * k) };
}

/** A dyadic rational k/den with k uniform in -m..m. */
const dyadic = (r: { int: (k: number) => number }, m: number, den: bigint): Rat => Rat.of(BigInt(r.int(2 * m + 1) - m), den);

/**
 * The random-2d network 2 → 5 → 5 → 2 (ReLU after the hidden layers, none after the last) with
 * weights k/4 (k in -8..8) and biases k/4 (k in -4..4), and 40 distinct points with coordinates
 * k/8 (k in -16..16), all from the PRNG seeded with `seed`.
 */
export function randomNetAndPoints(seed: number = RANDOM_SEED): { net: Network; points: Rat[][] } {
  const r = intSource(seed);
  const sizes = [2, 5, 5, 2];
  const layers = sizes.slice(1).map((out, i) => {
    const inDim = sizes[i] as number;
    const W = Array.from({ length: out }, () => Array.from({ length: inDim }, () => dyadic(r, 8, 4n)));
    const b = Array.from({ length: out }, () => dyadic(r, 4, 4n));
    return { W, b, relu: i < sizes.length - 2 };
  });
  const points: Rat[][] = [];
  const seen = new Set<string>();
  while (points.length < 40) {
    const p = [dyadic(r, 16, 8n), dyadic(r, 16, 8n)];
    const key = p.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    points.push(p);
  }
  return { net: { inputDim: 2, layers }, points };
}

/** Our `ohc-data/1` text for points (no labels), one point per line. */
function dataToJson(points: readonly (readonly Rat[])[]): string {
  const rows = points.map((p) => JSON.stringify(p.map((x) => x.toString())));
  return `{"format":"ohc-data/1","dim":${points[0]?.length ?? 0},"points":[\n${rows.join(',\n')}\n]}\n`;
}

/** Write random-2d.model.json and random-2d.data.json into `dir`; returns their paths. */
export function writeRandomInputs(dir: string): { model: string; data: string } {
  const { net, points } = randomNetAndPoints();
  const model = join(dir, 'random-2d.model.json');
  const data = join(dir, 'random-2d.data.json');
  writeFileSync(model, modelToJson(net));
  writeFileSync(data, dataToJson(points));
  return { model, data };
}

/**
 * The 6-vertex real projective plane (half an icosahedron; H_1 = Z/2, so Betti numbers (1, 0, 0)
 * over Q and (1, 1, 1) over GF(2)), as the 10 triangles of an `ohc-complex/1` file.
 */
export const RP2_TRIANGLES: readonly (readonly number[])[] = [
  [0, 1, 2], [0, 2, 3], [0, 3, 4], [0, 4, 5], [0, 1, 5], [1, 2, 4], [2, 3, 5], [1, 3, 4], [2, 4, 5], [1, 3, 5],
];

/** Write rp2.complex.json (the RP^2 triangulation) and rp2.data.json (6 points (i, i²), i = 0..5; the file complex ignores where they are) into `dir`. */
export function writeRp2Inputs(dir: string): { complex: string; data: string } {
  const complex = join(dir, 'rp2.complex.json');
  const data = join(dir, 'rp2.data.json');
  writeFileSync(complex, `{"format":"ohc-complex/1","vertices":6,"simplices":[\n${RP2_TRIANGLES.map((t) => JSON.stringify(t)).join(',\n')}\n]}\n`);
  writeFileSync(data, dataToJson(Array.from({ length: 6 }, (_, i) => [Rat.of(BigInt(i), 1n), Rat.of(BigInt(i * i), 1n)])));
  return { complex, data };
}

// ---------------------------------------------------------------------------------------------
// Good bundles.

/** Paths relative to the repository root (how expected.json names files). */
const rel = (p: string): string => relative(REPO_ROOT, p).split('\\').join('/');

/** The inputs of each good bundle (`ohc certify` / `ohc betti` options without --out; paths absolute). */
export function goodInputs(randomDir: string = GOLDEN_DIR): Record<string, string[]> {
  const xor = ['--model', join(XOR_DIR, 'xor_overlap.pth'), '--data', join(XOR_DIR, 'xor_points.npy')];
  const random = ['--model', join(randomDir, 'random-2d.model.json'), '--data', join(randomDir, 'random-2d.data.json')];
  return {
    'xor-overlap.ohcb': xor,
    'xor-rank.ohcb': ['--model', join(XOR_DIR, 'xor_rank.pth'), '--data', join(XOR_DIR, 'xor_points.npy')],
    'random-2d.ohcb': random,
    'd-i-model-0.ohcb': [
      '--model',
      join(DI_DIR, 'D-I_model_0.pth'),
      '--data',
      join(DI_DIR, 'D-I-test.npy'),
      '--labels',
      join(DI_DIR, 'D-I-test-labels.npy'),
      '--class',
      '1',
      '--correct',
    ],
    'd-i-betti.ohcb': ['--data', join(DI_DIR, 'D-I-test.npy'), '--labels', join(DI_DIR, 'D-I-test-labels.npy'), '--class', '1', '--complex', 'knn-rips:k=14,eps=5/2'],
    'rp2-q.ohcb': ['--data', join(randomDir, 'rp2.data.json'), '--complex', `file:${join(randomDir, 'rp2.complex.json')}`, '--field', 'q', '--max-dim', '2'],
    'xor-overlap-homology.ohcb': [...xor, '--complex', 'knn-rips:k=2,eps=1', '--quotient', 'cone,metric'],
    'random-2d-homology.ohcb': [...random, '--complex', 'knn-rips:k=4,eps=2', '--quotient', 'cone,metric', '--max-dim', '2'],
  };
}

/** The good bundles, in the order they are made. */
export const GOOD = [
  'xor-overlap.ohcb',
  'xor-rank.ohcb',
  'random-2d.ohcb',
  'd-i-model-0.ohcb',
  'd-i-betti.ohcb',
  'rp2-q.ohcb',
  'xor-overlap-homology.ohcb',
  'random-2d-homology.ohcb',
] as const;
export type GoodName = (typeof GOOD)[number];

/** The good bundles written by `ohc betti --out` (a header with `network: null`, homology records only); the others by `ohc certify`. */
export const BETTI_ONLY: readonly GoodName[] = ['d-i-betti.ohcb', 'rp2-q.ohcb'];

/** The good bundles with homology records (FORMAT.md section 3). */
export const WITH_HOMOLOGY: readonly GoodName[] = ['d-i-betti.ohcb', 'rp2-q.ohcb', 'xor-overlap-homology.ohcb', 'random-2d-homology.ohcb'];

/** Run `ohc certify` (or `ohc betti`) in process; throws with its output when it does not exit 0. */
function certify(args: string[], out: string, command: 'certify' | 'betti' = 'certify'): void {
  const lines: string[] = [];
  const code = main([command, ...args, '--out', out], (s) => lines.push(s), (s) => lines.push(s));
  if (code !== 0) throw new Error(`ohc ${command} ${args.join(' ')} exited ${code}:\n${lines.join('\n')}`);
}

/**
 * Write the good bundles `names` into `dir` (random-2d's model and data files too, when it is
 * among them). Returns the written paths.
 */
export function makeGood(dir: string, names: readonly GoodName[] = GOOD): string[] {
  mkdirSync(dir, { recursive: true });
  if (names.includes('random-2d.ohcb') || names.includes('random-2d-homology.ohcb')) writeRandomInputs(dir);
  if (names.includes('rp2-q.ohcb')) writeRp2Inputs(dir);
  const inputs = goodInputs(dir);
  return names.map((name) => {
    const out = join(dir, name);
    certify(inputs[name] as string[], out, BETTI_ONLY.includes(name) ? 'betti' : 'certify');
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Bad bundles: one change each.

type Rec = Record<string, unknown>;

/** The records of a bundle (the `end` line dropped), as JSON texts. */
function recordsOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('bundle does not end with a newline');
  const end = JSON.parse(lines.pop() ?? '') as Rec;
  if (end['t'] !== 'end') throw new Error('last record is not end');
  return lines;
}

/** The bundle text of `records` with a recomputed `end` record (as BundleWriter writes it). */
function withEnd(records: readonly string[]): string {
  const body = records.map((r) => `${r}\n`).join('');
  const sha256 = createHash('sha256').update(body, 'utf8').digest('hex');
  return `${body}${JSON.stringify({ t: 'end', records: records.length, sha256 })}\n`;
}

/**
 * Edit the first record that `pick` selects: it is parsed, changed in place by `edit`, and
 * re-serialised (the original line must re-serialise to itself, so the edit is the only change).
 */
function editRecord(records: string[], pick: (r: Rec) => boolean, edit: (r: Rec) => void): string[] {
  const i = records.findIndex((line) => pick(JSON.parse(line) as Rec));
  if (i < 0) throw new Error('makeGolden: no record to edit');
  const line = records[i] as string;
  const r = JSON.parse(line) as Rec;
  if (JSON.stringify(r) !== line) throw new Error(`makeGolden: record ${i + 1} does not re-serialise to itself`);
  edit(r);
  const next = JSON.stringify(r);
  if (next === line) throw new Error(`makeGolden: the edit of record ${i + 1} changed nothing`);
  return records.map((l, k) => (k === i ? next : l));
}

const isRegion = (layer: number, region: number) => (r: Rec) => r['t'] === 'region' && r['layer'] === layer && r['region'] === region;

/** One entry of expected.json. */
export interface Expectation {
  /** The bundle, relative to the repository root. */
  file: string;
  status: 'VERIFIED' | 'REJECTED';
  /** The rule named on rejection (null when verified). */
  rule: string | null;
  /** Extra `ohc check` arguments; paths relative to the repository root. */
  args: string[];
  /** What the bundle is (good ones) or the one change made (bad ones). */
  what: string;
}

interface BadSpec {
  name: string;
  from: GoodName;
  what: string;
  make: (records: string[], text: string) => string;
  checks: { rule: string | null; args: string[] }[];
}

const sha256File = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

/** The bad bundles: base, change, and how `ohc check` must answer. */
function badSpecs(): BadSpec[] {
  const xorArgs = (model: string): string[] => ['--model', join(XOR_DIR, model), '--data', join(XOR_DIR, 'xor_points.npy')];
  return [
    {
      name: 'bad-wrong-witness.ohcb',
      from: 'xor-rank.ohcb',
      what: 'xor-rank, layer 1, region 1: the witness of sample 0, (2/4, 0), changed to (3/4, 0), which is not in S(0, 1)',
      make: (recs) =>
        withEnd(
          editRecord(recs, isRegion(1, 1), (r) => {
            const [j, pt] = (r['yes'] as [number, { num: string[]; den: string }][])[0] as [number, { num: string[]; den: string }];
            if (j !== 0 || pt.num[0] !== '2' || pt.den !== '4') throw new Error('makeGolden: unexpected witness in xor-rank');
            pt.num[0] = '3';
          }),
        ),
      checks: [{ rule: 'witness', args: [] }],
    },
    {
      name: 'bad-farkas-sign.ohcb',
      from: 'random-2d.ohcb',
      what: 'random-2d: in the first region-level bound certificate, the sign of the Farkas multiplier on the map rows (v = −den·μ) flipped, so λᵀA ≠ vᵀP',
      make: (recs) =>
        withEnd(
          editRecord(
            recs,
            (r) => r['t'] === 'region' && (r['bounds'] as unknown[]).length > 0,
            (r) => {
              const v = ((r['bounds'] as { v: [number, string][] }[])[0] as { v: [number, string][] }).v;
              for (const e of v) e[1] = e[1].startsWith('-') ? e[1].slice(1) : `-${e[1]}`;
            },
          ),
        ),
      checks: [{ rule: 'bound', args: [] }],
    },
    {
      name: 'bad-bound-lambda-sign.ohcb',
      from: 'random-2d.ohcb',
      what: 'random-2d: in the first region-level bound certificate, the sign of the first λ entry flipped (λ ≥ 0 violated); the checker reports this under rule parse (the sparse-vector reader refuses negative λ)',
      make: (recs) =>
        withEnd(
          editRecord(
            recs,
            (r) => r['t'] === 'region' && (r['bounds'] as unknown[]).length > 0,
            (r) => {
              const lam = ((r['bounds'] as { lambda: [number, string][] }[])[0] as { lambda: [number, string][] }).lambda;
              const e = lam[0] as [number, string];
              e[1] = `-${e[1]}`;
            },
          ),
        ),
      checks: [{ rule: 'parse', args: [] }],
    },
    {
      name: 'bad-missing-decision.ohcb',
      from: 'xor-overlap.ohcb',
      what: 'xor-overlap, layer 2, region 2: its segment certificate dropped, so the yes pairs it settled (samples 0 and 1 against region 2) have no decision',
      make: (recs) =>
        withEnd(
          editRecord(recs, isRegion(2, 2), (r) => {
            if ((r['segments'] as unknown[]).length !== 1) throw new Error('makeGolden: expected one segment in xor-overlap layer 2 region 2');
            r['segments'] = [];
          }),
        ),
      checks: [{ rule: 'complete', args: [] }],
    },
    {
      name: 'bad-carried-record.ohcb',
      from: 'xor-overlap.ohcb',
      what: 'xor-overlap, layer 3, region 1: a true yes record [0, {"same": 1}] added for the pair (sample 0, region 1), which lies inside the class {0, 1} carried from layer 2 and so has no decision',
      make: (recs) =>
        withEnd(
          editRecord(recs, isRegion(3, 1), (r) => {
            if ((r['yes'] as unknown[]).length !== 0) throw new Error('makeGolden: expected no yes record in xor-overlap layer 3 region 1');
            r['yes'] = [[0, { same: 1 }]];
          }),
        ),
      checks: [{ rule: 'carried', args: [] }],
    },
    {
      name: 'bad-forged-class.ohcb',
      from: 'xor-overlap.ohcb',
      what: 'xor-overlap, layer 3: the classes [[0,1],[2,3]] replaced by [[0,1,2,3]] (a gluing the network does not make)',
      make: (recs) =>
        withEnd(
          editRecord(
            recs,
            (r) => r['t'] === 'classes' && r['layer'] === 3,
            (r) => {
              if (JSON.stringify(r['classes']) !== '[[0,1],[2,3]]') throw new Error('makeGolden: unexpected xor-overlap classes');
              r['classes'] = [[0, 1, 2, 3]];
            },
          ),
        ),
      checks: [{ rule: 'classes', args: [] }],
    },
    {
      name: 'bad-other-inputs.ohcb',
      from: 'xor-overlap.ohcb',
      what: 'xor-overlap: the header\'s inputs.model changed to xor_rank.pth and its sha256; every certificate still holds (verified without inputs), but the bundle is bound to a model file whose network is not the embedded one',
      make: (recs) =>
        withEnd(
          editRecord(
            recs,
            (r) => r['t'] === 'header',
            (r) => {
              const inputs = r['inputs'] as { model: { path: string; sha256: string } };
              inputs.model = { path: 'xor_rank.pth', sha256: sha256File(join(XOR_DIR, 'xor_rank.pth')) };
            },
          ),
        ),
      checks: [
        { rule: null, args: [] },
        { rule: 'header', args: xorArgs('xor_overlap.pth') },
        { rule: 'header', args: xorArgs('xor_rank.pth') },
      ],
    },
    {
      name: 'bad-betti-off-by-one.ohcb',
      from: 'd-i-betti.ohcb',
      what: 'd-i-betti: the claimed b_0 of the complex raised from 9 to 10 (every certificate unchanged)',
      make: (recs) =>
        withEnd(
          editRecord(
            recs,
            (r) => r['t'] === 'betti',
            (r) => {
              const b = r['betti'] as number[];
              if (b[0] !== 9) throw new Error('makeGolden: unexpected b_0 in d-i-betti');
              b[0] = 10;
            },
          ),
        ),
      checks: [{ rule: 'betti', args: [] }],
    },
    {
      name: 'bad-tie-choices.ohcb',
      from: 'd-i-betti.ohcb',
      what: 'd-i-betti: the complex record\'s tieChoices raised by one (67 → 68), not what the tie rule decides on these points',
      make: (recs) =>
        withEnd(
          editRecord(
            recs,
            (r) => r['t'] === 'complex',
            (r) => {
              if (r['tieChoices'] !== 67) throw new Error('makeGolden: unexpected tieChoices in d-i-betti');
              r['tieChoices'] = 68;
            },
          ),
        ),
      checks: [{ rule: 'complex', args: [] }],
    },
    {
      name: 'bad-edge-collapse-dominator.ohcb',
      from: 'random-2d-homology.ohcb',
      what: 'random-2d-homology: in the first reduce record with an edge collapse, the dominator w of its first edge step [u, v, w] replaced by the smallest vertex id not in {u, v, w}, which does not dominate the edge',
      make: (recs) =>
        withEnd(
          editRecord(
            recs,
            (r) => r['t'] === 'reduce' && (r['steps'] as number[][]).some((st) => st.length === 3),
            (r) => {
              const st = (r['steps'] as number[][]).find((x) => x.length === 3) as [number, number, number];
              let x = 0;
              while (st.includes(x)) x++;
              st[2] = x;
            },
          ),
        ),
      checks: [{ rule: 'edge-collapse', args: [] }],
    },
    {
      name: 'bad-rank-low-repeat.ohcb',
      from: 'xor-overlap-homology.ohcb',
      what: 'xor-overlap-homology, layer 3, cone quotient, rank record of dim 1: the second chain replaced by a copy of the first, so two boundaries have the same low',
      make: (recs) =>
        withEnd(
          editRecord(
            recs,
            (r) => r['t'] === 'rank' && r['layer'] === 3 && r['quotient'] === 'cone' && r['dim'] === 1,
            (r) => {
              const ch = r['chains'] as number[][];
              if (ch.length < 2) throw new Error('makeGolden: expected two rank chains in xor-overlap-homology');
              ch[1] = [...(ch[0] as number[])];
            },
          ),
        ),
      checks: [{ rule: 'rank', args: [] }],
    },
    {
      name: 'bad-dropped-cocycle.ohcb',
      from: 'xor-overlap-homology.ohcb',
      what: 'xor-overlap-homology, layer 3, cone quotient, cohomology record of dim 1: its last cocycle dropped (two cycles, one cocycle)',
      make: (recs) =>
        withEnd(
          editRecord(
            recs,
            (r) => r['t'] === 'cohomology' && r['layer'] === 3 && r['quotient'] === 'cone' && r['dim'] === 1,
            (r) => {
              const w = r['cocycles'] as number[][];
              if (w.length !== 2) throw new Error('makeGolden: expected two cocycles in xor-overlap-homology');
              w.pop();
            },
          ),
        ),
      checks: [{ rule: 'cohomology', args: [] }],
    },
    {
      name: 'bad-truncated.ohcb',
      from: 'xor-overlap.ohcb',
      what: 'xor-overlap with its last two lines (the layer-3 classes record and the end record) cut off',
      make: (_recs, text) => {
        const lines = text.split('\n');
        return `${lines.slice(0, lines.length - 3).join('\n')}\n`;
      },
      checks: [{ rule: 'end', args: [] }],
    },
  ];
}

/** Write the bad bundles into `dir`, derived from the good bundles already there. Returns the written paths. */
export function makeBad(dir: string): string[] {
  return badSpecs().map((s) => {
    const text = readFileSync(join(dir, s.from), 'utf8');
    const out = join(dir, s.name);
    writeFileSync(out, s.make(recordsOf(text), text));
    return out;
  });
}

const GOOD_WHAT: Record<GoodName, string> = {
  'xor-overlap.ohcb': 'ohc certify of the XOR overlap net (certificates/examples/xor/xor_overlap.pth) on xor_points.npy, default profile, all layers',
  'xor-rank.ohcb': 'ohc certify of the XOR rank net (xor_rank.pth) on xor_points.npy, default profile, all layers',
  'random-2d.ohcb': `ohc certify of the random 2 → 5 → 5 → 2 net (random-2d.model.json, seed ${RANDOM_SEED}) on its 40 points (random-2d.data.json), default profile, all layers`,
  'd-i-model-0.ohcb': 'ohc certify of D-I model 0 (certificates/examples/d-i/D-I_model_0.pth) on the correctly classified test points of label 1 (D-I-test.npy, D-I-test-labels.npy), default profile, all 10 layers',
  'd-i-betti.ohcb': 'ohc betti --out of the D-I test points of label 1 (D-I-test.npy, D-I-test-labels.npy; no model), knn-rips k=14 eps=5/2 over GF(2): b = (9, 0); a header with network null, homology records only',
  'rp2-q.ohcb': 'ohc betti --out of the 6-vertex RP^2 triangulation (file complex rp2.complex.json on the 6 points of rp2.data.json) over Q, max-dim 2: b = (1, 0, 0) (over GF(2) it would be (1, 1, 1))',
  'xor-overlap-homology.ohcb': 'ohc certify --complex knn-rips:k=2,eps=1 --quotient cone,metric of the XOR overlap net on xor_points.npy: cone and metric quotients disagree at layers 2 (1 1 / 1 0) and 3 (1 2 / 1 0)',
  'random-2d-homology.ohcb': 'ohc certify --complex knn-rips:k=4,eps=2 --quotient cone,metric --max-dim 2 of the random-2d net on its 40 points: reductions with edge collapses',
};

/** The check arguments of a good bundle: its inputs (the selection options dropped). */
function checkArgsOf(certifyArgs: readonly string[]): string[] {
  const out: string[] = [];
  // `ohc check` binds a bundle to its input files only with --model (a betti-only bundle has none).
  if (!certifyArgs.includes('--model')) return out;
  for (let i = 0; i < certifyArgs.length; i++) {
    const a = certifyArgs[i] as string;
    if (a === '--model' || a === '--data' || a === '--labels') out.push(a, certifyArgs[++i] as string);
  }
  return out;
}

/** expected.json's entries (paths relative to the repository root). */
export function expectations(): Expectation[] {
  const inputs = goodInputs(GOLDEN_DIR);
  const relArgs = (args: readonly string[]): string[] => args.map((a) => (a.startsWith('--') ? a : rel(a)));
  const good: Expectation[] = GOOD.map((name) => ({
    file: rel(join(GOLDEN_DIR, name)),
    status: 'VERIFIED',
    rule: null,
    args: relArgs(checkArgsOf(inputs[name] as string[])),
    what: GOOD_WHAT[name],
  }));
  const bad: Expectation[] = badSpecs().flatMap((s) =>
    s.checks.map((c) => ({
      file: rel(join(GOLDEN_DIR, s.name)),
      status: c.rule === null ? ('VERIFIED' as const) : ('REJECTED' as const),
      rule: c.rule,
      args: relArgs(c.args),
      what: `from ${s.from}: ${s.what}`,
    })),
  );
  return [...good, ...bad];
}

/** expected.json's text. */
export function expectedJson(): string {
  return `${JSON.stringify({ format: 'ohc-golden/1', note: 'paths are relative to the repository root; run: ohc check FILE ARGS...', bundles: expectations() }, null, 2)}\n`;
}

/** Run `ohc check` in process on one expectation; returns the exit code and output lines. */
export function runCheck(e: Expectation): { code: number; lines: string[] } {
  const lines: string[] = [];
  const abs = (p: string): string => resolve(REPO_ROOT, p);
  const code = main(['check', abs(e.file), ...e.args.map((a) => (a.startsWith('--') ? a : abs(a)))], (s) => lines.push(...s.split('\n')), (s) => lines.push(...s.split('\n')));
  return { code, lines };
}

/** Does the check output meet the expectation? Returns why not, or undefined. */
export function mismatch(e: Expectation, r: { code: number; lines: string[] }): string | undefined {
  const want = e.status === 'VERIFIED' ? 0 : 1;
  if (r.code !== want) return `exit ${r.code}, expected ${want}`;
  if (r.lines[r.lines.length - 1] !== `s ${e.status}`) return `last line ${JSON.stringify(r.lines[r.lines.length - 1])}, expected "s ${e.status}"`;
  if (e.rule !== null && !r.lines.some((l) => l.startsWith(`c rejected by rule ${e.rule} at `))) return `not rejected by rule ${e.rule}`;
  return undefined;
}

function run(): void {
  const t0 = Date.now();
  makeGood(GOLDEN_DIR);
  makeBad(GOLDEN_DIR);
  writeFileSync(join(GOLDEN_DIR, 'expected.json'), expectedJson());
  let failed = 0;
  for (const e of expectations()) {
    const r = runCheck(e);
    const why = mismatch(e, r);
    const verdict = r.lines.find((l) => l.startsWith('c rejected')) ?? r.lines[r.lines.length - 1];
    console.log(`${why === undefined ? 'ok  ' : 'FAIL'} ${e.file} ${e.args.length > 0 ? '(with inputs) ' : ''}→ ${verdict}${why === undefined ? '' : `  [${why}]`}`);
    if (why !== undefined) failed++;
  }
  console.log(`golden: ${failed === 0 ? 'all as expected' : `${failed} unexpected`}; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (failed > 0) process.exitCode = 1;
}

const invokedDirectly = (() => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (invokedDirectly) run();
