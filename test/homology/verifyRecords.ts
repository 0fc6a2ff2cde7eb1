// verifyRecords.ts: a small independent verifier of the homology records (FORMAT section 3) for the tests; throws on the first fault.
import type { ComplexInput } from '../../src/homology/computeBetti.js';
import { cliquesOf, closureOf } from './bruteBetti.js';

type Rec = Record<string, unknown>;

function fail(msg: string): never {
  throw new Error(`verifyRecords: ${msg}`);
}

/** Dense-map chain: index → coefficient (bigint; over gf2 mod 2). */
function readChain(c: unknown, field: 'gf2' | 'q', count: number): Map<number, bigint> {
  if (!Array.isArray(c)) fail('chain is not an array');
  const out = new Map<number, bigint>();
  let last = -1;
  for (const e of c) {
    const [i, x] = field === 'gf2' ? [e as number, 1n] : [(e as [number, string])[0], BigInt((e as [number, string])[1])];
    if (!Number.isInteger(i) || i <= last || i >= count) fail(`chain index ${i} out of order or range (count ${count})`);
    if (x === 0n) fail('zero coefficient');
    if (field === 'q' && !/^-?[1-9][0-9]*$/.test((e as [number, string])[1])) fail('non-canonical integer');
    out.set(i, x);
    last = i;
  }
  return out;
}

function reduceField(x: bigint, field: 'gf2' | 'q'): bigint {
  return field === 'gf2' ? ((x % 2n) + 2n) % 2n : x;
}

/** ∂ of a k-chain, as a map (zeros dropped). */
function boundary(ch: Map<number, bigint>, k: number, cx: number[][][], index: Map<string, number>[], field: 'gf2' | 'q'): Map<number, bigint> {
  const out = new Map<number, bigint>();
  for (const [i, x] of ch) {
    const s = cx[k]![i]!;
    s.forEach((_, t) => {
      const f = index[k - 1]!.get(s.filter((_, u) => u !== t).join(','))!;
      out.set(f, reduceField((out.get(f) ?? 0n) + (t % 2 === 0 ? x : -x), field));
    });
  }
  for (const [f, x] of out) if (x === 0n) out.delete(f);
  return out;
}

function nonSingular(m: bigint[][], field: 'gf2' | 'q'): boolean {
  const a = m.map((r) => r.map((x) => reduceField(x, field)));
  const n = a.length;
  for (let c = 0; c < n; c++) {
    const p = a.findIndex((r, i) => i >= c && r[c] !== 0n);
    if (p < 0) return false;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let i = c + 1; i < n; i++) {
      const f = a[i]![c]!;
      if (f === 0n) continue;
      a[i] = a[i]!.map((x, j) => reduceField(a[c]![c]! * x - f * a[c]![j]!, field));
    }
  }
  return true;
}

/**
 * Check the records of one target (reduce, rank, cohomology, betti) against the complex, as
 * FORMAT section 3 states the rules: replays the reduction steps on a copy of the graph, lists
 * the simplices by brute force, and checks every chain. Returns the certified Betti numbers.
 */
export function verifyRecords(c: ComplexInput, field: 'gf2' | 'q', maxDim: number, records: object[]): number[] {
  const recs = records as Rec[];
  const K = maxDim;
  if (recs.length !== 1 + (K + 1) + (K + 1) + 1) fail(`expected ${2 * K + 4} records, got ${recs.length}`);
  const red = recs[0]!;
  if (red['t'] !== 'reduce') fail('first record is not reduce');
  const steps = red['steps'] as number[][];
  let cx: number[][][];
  if (c.kind === 'flag') {
    const g = c.graph.clone();
    for (const st of steps) {
      if (st.length === 3) {
        const [u, v, w] = st as [number, number, number];
        if (!(u < v) || !g.hasEdge(u, v)) fail(`edge step ${st}: no edge`);
        if (w === u || w === v || !g.hasEdge(u, w) || !g.hasEdge(v, w)) fail(`edge step ${st}: w not adjacent to both`);
        for (const x of g.neighbours(u)) if (x !== w && g.hasEdge(v, x) && !g.hasEdge(w, x)) fail(`edge step ${st}: ${x} not dominated`);
        g.removeEdge(u, v);
      } else if (st.length === 2) {
        const [v, w] = st as [number, number];
        if (v === w || !g.hasEdge(v, w)) fail(`vertex step ${st}: not adjacent`);
        for (const x of g.neighbours(v)) if (x !== w && !g.hasEdge(w, x)) fail(`vertex step ${st}: ${x} not dominated`);
        g.removeVertex(v);
      } else fail(`bad step ${st}`);
    }
    cx = cliquesOf(g.vertices(), (a, b) => g.hasEdge(a, b), K + 1);
  } else {
    if (steps.length !== 0) fail('explicit complex with steps');
    cx = closureOf(c.simplices, K + 1);
  }
  const index = cx.map((l) => new Map(l.map((s, i) => [s.join(','), i])));
  const n = cx.map((l) => l.length);
  const r = [0];
  for (let k = 1; k <= K + 1; k++) {
    const rec = recs[k]!;
    if (rec['t'] !== 'rank' || rec['dim'] !== k) fail(`record ${k} is not rank of dim ${k}`);
    const lows = new Set<number>();
    for (const ch of rec['chains'] as unknown[]) {
      const d = boundary(readChain(ch, field, n[k]!), k, cx, index, field);
      if (d.size === 0) fail(`rank dim ${k}: zero boundary`);
      const low = Math.max(...d.keys());
      if (lows.has(low)) fail(`rank dim ${k}: repeated low ${low}`);
      lows.add(low);
    }
    r.push(lows.size);
  }
  const m: number[] = [];
  for (let k = 0; k <= K; k++) {
    const rec = recs[K + 2 + k]!;
    if (rec['t'] !== 'cohomology' || rec['dim'] !== k) fail(`record is not cohomology of dim ${k}`);
    const z = (rec['cycles'] as unknown[]).map((ch) => readChain(ch, field, n[k]!));
    const w = (rec['cocycles'] as unknown[]).map((ch) => readChain(ch, field, n[k]!));
    if (z.length !== w.length) fail(`cohomology dim ${k}: ${z.length} cycles, ${w.length} cocycles`);
    if (k > 0) for (const zz of z) if (boundary(zz, k, cx, index, field).size !== 0) fail(`cohomology dim ${k}: not a cycle`);
    for (const ww of w) {
      for (const tau of cx[k + 1]!) {
        let s = 0n;
        tau.forEach((_, t) => {
          const f = index[k]!.get(tau.filter((_, u) => u !== t).join(','))!;
          s += (t % 2 === 0 ? 1n : -1n) * (ww.get(f) ?? 0n);
        });
        if (reduceField(s, field) !== 0n) fail(`cohomology dim ${k}: not a cocycle on [${tau}]`);
      }
    }
    const mat = w.map((wa) => z.map((zb) => [...zb].reduce((acc, [i, x]) => acc + x * (wa.get(i) ?? 0n), 0n)));
    if (!nonSingular(mat, field)) fail(`cohomology dim ${k}: singular pairing`);
    m.push(z.length);
  }
  const b = recs[2 * K + 3]!;
  if (b['t'] !== 'betti') fail('last record is not betti');
  const betti = b['betti'] as number[];
  for (let k = 0; k <= K; k++) {
    if (betti[k] !== m[k] || m[k] !== n[k]! - r[k]! - r[k + 1]!) fail(`betti dim ${k}: ${betti[k]} vs m ${m[k]}, n − r − r' ${n[k]! - r[k]! - r[k + 1]!}`);
  }
  for (const rec of recs) {
    if (JSON.stringify(rec) !== JSON.stringify(JSON.parse(JSON.stringify(rec)))) fail('record does not round-trip through JSON');
  }
  return betti;
}
