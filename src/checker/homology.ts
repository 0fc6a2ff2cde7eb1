// homology.ts: rules `complex`, `rank`, `cohomology`, `betti`: the homology records of FORMAT section 3, target by target.
import { type Chain, type Field, boundary, coboundaryWitness, pairingNonsingular, parseChain } from './chains.js';
import { replaySteps } from './collapse.js';
import { type Simplices, fileSimplices, flagSimplices } from './complex.js';
import { type Bits, coneGraph, hopGraph, knnGraph, metricGraph, ripsGraph } from './complexGraph.js';
import type { Header } from './header.js';
import { idx, list, obj, rat } from './parse.js';
import type { Rat } from './rational.js';
import { type Step, reject } from './verdict.js';

/** The certified Betti numbers of one target, with the reduction steps replayed and the simplex counts n_0..n_K. */
export interface BettiStats { readonly layer: number; readonly quotient: string; readonly betti: readonly number[]; readonly steps: number; readonly simplices: readonly number[] }

/** What the homology records established. */
export interface HomologyStats { readonly spec: string; readonly field: Field; readonly maxDim: number; readonly tieChoices: number; readonly targets: readonly BettiStats[] }

type Spec = { kind: 'knn-rips'; k: number; eps: Rat } | { kind: 'rips'; eps2: Rat } | { kind: 'file'; simplices: number[][] };
type Target = { layer: number; q: string; cls: readonly (readonly number[])[] };

/** Rule `complex`: the spec of the complex record. */
function parseSpec(x: unknown, N: number, at: Step): Spec {
  const kind = (x as { kind?: unknown } | null)?.kind;
  const nonneg = (r: Rat, what: string): Rat => (r.sign() < 0 ? reject('complex', at, `${what} is negative`) : r);
  if (kind === 'knn-rips') {
    const o = obj(x, at, 'spec', ['kind', 'k', 'eps']);
    const k = idx(o['k'], at, 'spec.k');
    return k < 1 ? reject('complex', at, 'spec.k is 0') : { kind, k, eps: nonneg(rat(o['eps'], at, 'spec.eps'), 'spec.eps') };
  }
  if (kind === 'rips') return { kind, eps2: nonneg(rat(obj(x, at, 'spec', ['kind', 'eps2'])['eps2'], at, 'spec.eps2'), 'spec.eps2') };
  if (kind !== 'file') reject('parse', at, `unknown complex kind ${JSON.stringify(kind)}`);
  const o = obj(x, at, 'spec', ['kind', 'vertices', 'simplices']);
  if (o['vertices'] !== N) reject('complex', at, `spec.vertices = ${JSON.stringify(o['vertices'])}, but the bundle has ${N} samples`);
  const simplices = list(o['simplices'], at, 'spec.simplices').map((s, i) => {
    const vs = list(s, at, `spec.simplices[${i}]`).map((v) => idx(v, at, `spec.simplices[${i}] vertex`, N));
    if (vs.length === 0 || vs.some((v, p) => p > 0 && v <= (vs[p - 1] as number))) reject('parse', at, `spec.simplices[${i}] is not a non-empty ascending list of distinct ids`);
    return vs;
  });
  return { kind, simplices };
}

/** Rules `rank`, `cohomology`, `betti` (and the collapse rules) for one target starting at line index k. */
function checkTarget(read: (k: number) => unknown, k: number, end: number, t: Target, f: Field, K: number, g: Bits | null, spec: Spec, N: number): [number, BettiStats] {
  const rec = (type: string, keys: string[], dim?: number): [Record<string, unknown>, Step] => {
    const at: Step = { line: k + 1, layer: t.layer, quotient: t.q, ...(dim === undefined ? {} : { dim }) };
    const r = (k < end ? read(k) : null) as Record<string, unknown> | null;
    if (r?.['t'] !== type || r['layer'] !== t.layer || r['quotient'] !== t.q || (dim !== undefined && r['dim'] !== dim)) {
      reject('parse', at, `expected the ${type} record of layer ${t.layer}, quotient ${t.q}${dim === undefined ? '' : `, dim ${dim}`}`);
    }
    k++;
    return [obj(r, at, type, ['t', 'layer', 'quotient', ...keys]), at];
  };
  const chains = (x: unknown, at: Step, what: string): Chain[] => list(x, at, what).map((c, i) => parseChain(c, f, { ...at, index: i }, `${what}[${i}]`));
  const [red, atR] = rec('reduce', ['steps']);
  const ranks = Array.from({ length: K + 1 }, (_, d) => rec('rank', ['dim', 'chains'], d + 1)).map(([r, at]) => ({ at, c: chains(r['chains'], at, 'chains') }));
  const coh = Array.from({ length: K + 1 }, (_, d) => rec('cohomology', ['dim', 'cycles', 'cocycles'], d));
  const cz = coh.map(([r, at]) => ({ at, z: chains(r['cycles'], at, 'cycles'), w: chains(r['cocycles'], at, 'cocycles') }));
  for (const { at, z, w } of cz) if (z.length !== w.length) reject('cohomology', at, `${z.length} cycles but ${w.length} cocycles`);
  const [b, atB] = rec('betti', ['betti']);
  const betti = list(b['betti'], atB, 'betti').map((v, i) => idx(v, atB, `betti[${i}]`));
  if (betti.length !== K + 1) reject('parse', atB, `betti has ${betti.length} entries, expected ${K + 1}`);
  const r = (d: number): number => (d === 0 ? 0 : (ranks[d - 1] as (typeof ranks)[number]).c.length);
  const m = (d: number): number => (cz[d] as (typeof cz)[number]).z.length;
  const lim = betti.map((_, d) => m(d) + r(d) + r(d + 1));
  lim.push((ranks[K] as (typeof ranks)[number]).c.reduce((s, c) => Math.max(s, (c.i[c.i.length - 1] ?? -1) + 1), 0));
  const over = (d: number): never => reject('betti', { ...atB, dim: d }, `the reduced complex has more ${d}-simplices than m_${d} + r_${d} + r_${d + 1} = ${lim[d]}`);
  if (g === null && list(red['steps'], atR, 'steps').length > 0) reject('parse', atR, 'reduction steps apply to flag complexes only, not to a file complex');
  const steps = g === null ? 0 : replaySteps(g, red['steps'], atR);
  const S: Simplices = g === null ? fileSimplices(N, spec.kind === 'file' ? spec.simplices : [], t.cls, K + 1, atR) : flagSimplices(g, K + 1, lim, over);
  for (let d = 0; d <= K; d++) if (S.count(d) > (lim[d] as number)) over(d);
  const inRange = (c: Chain, d: number, at: Step, rule: 'rank' | 'cohomology', what: string): void => {
    const bad = c.i[c.i.length - 1] ?? -1;
    if (bad >= S.count(d)) reject(rule, at, `${what}: simplex index ${bad} out of range (${S.count(d)} ${d}-simplices)`);
  };
  ranks.forEach(({ at, c }, i) => {
    const lows = new Set<number>();
    c.forEach((ch, j, _, st = { ...at, index: j }) => {
      inRange(ch, i + 1, st, 'rank', `chain ${j}`);
      const low = boundary(S, i + 1, ch, f).i.at(-1) ?? reject('rank', st, `chain ${j} has boundary zero`);
      if (lows.has(low)) reject('rank', st, `chain ${j}: the low ${low} of its boundary is an earlier chain's low`);
      lows.add(low);
    });
  });
  cz.forEach(({ at, z, w }, d) => {
    z.forEach((c, j, _, st = { ...at, index: j }) => {
      inRange(c, d, st, 'cohomology', `cycle ${j}`);
      if (d > 0 && boundary(S, d, c, f).i.length > 0) reject('cohomology', st, `cycle ${j} has a non-zero boundary`);
    });
    w.forEach((c, j, _, st = { ...at, index: j }) => {
      inRange(c, d, st, 'cohomology', `cocycle ${j}`);
      const tau = coboundaryWitness(S, d, c, f);
      if (tau !== null) reject('cohomology', st, `cocycle ${j} is not a cocycle: its coboundary is non-zero on ${tau}`);
    });
    if (!pairingNonsingular(w, z, f)) reject('cohomology', at, `the ${z.length} × ${z.length} pairing matrix of cocycles and cycles is singular over ${f}`);
  });
  const n = betti.map((_, d) => S.count(d));
  betti.forEach((bd, d) => {
    const u = (n[d] as number) - r(d) - r(d + 1);
    if (bd !== m(d) || m(d) !== u) reject('betti', { ...atB, dim: d }, `b_${d} = ${bd}, m_${d} = ${m(d)}, n_${d} − r_${d} − r_${d + 1} = ${n[d]} − ${r(d)} − ${r(d + 1)} = ${u}: not all equal`);
  });
  return [k, { layer: t.layer, quotient: t.q, betti, steps, simplices: n }];
}

/**
 * Check the homology records in line indices from..end−1 (end: the end record): the complex
 * record, then per target (layer 0 with quotient none, then each certified layer and quotient,
 * with the classes the checker derived) its reduce, rank, cohomology and betti records.
 * Returns null when there are none (allowed only when the bundle has a network).
 */
export function checkHomology(read: (k: number) => unknown, from: number, end: number, h: Header, classes: readonly (readonly (readonly number[])[])[]): HomologyStats | null {
  const at: Step = { line: from + 1 };
  if (from === end) return h.network.length > 0 ? null : reject('parse', at, 'a bundle without a network must hold homology records');
  const rec = read(from) as Record<string, unknown> | null;
  if (rec?.['t'] !== 'complex') reject('parse', at, 'unexpected record after the last certified layer');
  const o = obj(rec, at, 'complex', ['t', 'spec', 'field', 'maxDim', 'quotients', 'tieChoices']);
  const N = h.xs.length;
  const spec = parseSpec(o['spec'], N, at);
  const f = o['field'];
  if (f !== 'gf2' && f !== 'q') return reject('parse', at, `field ${JSON.stringify(f)} is neither "gf2" nor "q"`);
  const K = idx(o['maxDim'], at, 'maxDim');
  const qs = list(o['quotients'], at, 'quotients');
  const allowed = spec.kind === 'knn-rips' ? ['', 'cone', 'metric', 'cone,metric'] : ['', 'cone'];
  if (!qs.every((q) => typeof q === 'string') || !allowed.includes(qs.join(','))) reject('complex', at, `quotients ${JSON.stringify(qs)} is not one of ${allowed.map((a) => `[${a}]`).join(', ')}`);
  const knn = spec.kind === 'knn-rips' ? knnGraph(h.xs, spec.k) : null;
  const tie = idx(o['tieChoices'], at, 'tieChoices');
  if (tie !== (knn?.ties ?? 0)) reject('complex', at, `tieChoices = ${tie}, the checker derives ${knn?.ties ?? 0}`);
  const all = Array.from({ length: N }, (_, v) => v);
  const base = spec.kind === 'knn-rips' ? hopGraph(N, all, (knn as { adj: number[][] }).adj, spec.eps) : spec.kind === 'rips' ? ripsGraph(h.xs, spec.eps2) : null;
  const targets: Target[] = [{ layer: 0, q: 'none', cls: [] }, ...h.layers.flatMap((layer, i) => qs.map((q) => ({ layer, q: q as string, cls: classes[i] ?? [] })))];
  const stats: BettiStats[] = [];
  let k = from + 1;
  for (const t of targets) {
    const g = base === null ? null : t.q === 'metric' && spec.kind === 'knn-rips' && knn !== null ? metricGraph(knn.adj, t.cls, spec.eps) : coneGraph(base, t.cls);
    const [next, s] = checkTarget(read, k, end, t, f, K, g, spec, N);
    k = next;
    stats.push(s);
  }
  if (k !== end) reject('parse', { line: k + 1 }, 'unexpected record after the last homology target');
  const desc = spec.kind === 'knn-rips' ? `knn-rips k=${spec.k} eps=${spec.eps.toString()}` : spec.kind === 'rips' ? `rips eps2=${spec.eps2.toString()}` : `file (${spec.simplices.length} simplices)`;
  return { spec: desc, field: f, maxDim: K, tieChoices: tie, targets: stats };
}
