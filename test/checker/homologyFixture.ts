// homologyFixture.ts: a test-only, brute-force writer of the homology records of FORMAT section 3 (independent of src/homology).
import { Rat } from '../../src/checker/rational.js';

export type Field = 'gf2' | 'q';
export type Sx = number[];
type Vec = Map<number, bigint>;

const key = (s: readonly number[]): string => s.join(',');
const lex = (a: readonly number[], b: readonly number[]): number => {
  for (let p = 0; p < a.length; p++) if (a[p] !== b[p]) return (a[p] as number) - (b[p] as number);
  return 0;
};

/** The closure of `maximal` up to dimension top (vertices: the ids that occur), each dimension lex-sorted. */
export function closure(maximal: readonly Sx[], top: number): Sx[][] {
  const sets = Array.from({ length: top + 1 }, () => new Map<string, Sx>());
  const add = (s: Sx): void => {
    if (s.length === 0 || s.length > top + 1) return;
    sets[s.length - 1]?.set(key(s), s);
    s.forEach((_, p) => add(s.filter((__, q) => q !== p)));
  };
  for (const s of maximal) for (let m = 1; m <= Math.min(s.length, top + 1); m++) subsets(s, m).forEach(add);
  return sets.map((m) => [...m.values()].sort(lex));
}

function subsets(s: Sx, m: number): Sx[] {
  if (m === 0) return [[]];
  if (s.length < m) return [];
  const [h, ...t] = s as [number, ...number[]];
  return [...subsets(t, m - 1).map((x) => [h, ...x]), ...subsets(t, m)];
}

/** The flag complex of a graph (adjacency sets; only vertices with alive[v]) up to dimension top, lex-sorted. */
export function flag(adj: readonly Set<number>[], alive: readonly boolean[], top: number): Sx[][] {
  const out: Sx[][] = Array.from({ length: top + 1 }, () => []);
  const grow = (s: Sx): void => {
    out[s.length - 1]?.push(s);
    if (s.length > top) return;
    for (let x = (s[s.length - 1] as number) + 1; x < adj.length; x++) if (alive[x] && s.every((v) => adj[v]?.has(x))) grow([...s, x]);
  };
  adj.forEach((_, v) => alive[v] && grow([v]));
  return out;
}

/** Greedy dominated-vertex then dominated-edge removals (mutates adj, alive); the FORMAT steps. */
export function collapse(adj: Set<number>[], alive: boolean[]): number[][] {
  const steps: number[][] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (let v = 0; v < adj.length && !changed; v++) {
      const nv = adj[v] as Set<number>;
      for (const w of nv) {
        if ([...nv].every((x) => x === w || adj[w]?.has(x))) {
          steps.push([v, w]);
          for (const x of nv) adj[x]?.delete(v);
          nv.clear();
          alive[v] = false;
          changed = true;
          break;
        }
      }
    }
  }
  for (let u = 0; u < adj.length; u++) {
    for (const v of [...(adj[u] as Set<number>)].filter((x) => x > u)) {
      const common = [...(adj[u] as Set<number>)].filter((x) => adj[v]?.has(x));
      const w = common.find((c) => common.every((x) => x === c || adj[c]?.has(x)));
      if (w !== undefined) steps.push([u, v, w]), adj[u]?.delete(v), adj[v]?.delete(u);
    }
  }
  return steps;
}

const norm = (v: bigint, f: Field): bigint => (f === 'gf2' ? v & 1n : v);
const clean = (m: Vec, f: Field): Vec => new Map([...m].map(([i, v]) => [i, norm(v, f)] as [number, bigint]).filter(([, v]) => v !== 0n).sort((a, b) => a[0] - b[0]));
const low = (m: Vec): number => Math.max(-1, ...m.keys());
const comb = (a: bigint, x: Vec, b: bigint, y: Vec, f: Field): Vec => {
  const out = new Map<number, bigint>();
  for (const [i, v] of x) out.set(i, a * v);
  for (const [i, v] of y) out.set(i, (out.get(i) ?? 0n) + b * v);
  return clean(out, f);
};

function boundaryCols(S: Sx[][], k: number): Vec[] {
  const idx = new Map((S[k - 1] ?? []).map((s, i) => [key(s), i]));
  return (S[k] ?? []).map((s) => new Map(s.map((_, p) => [idx.get(key(s.filter((__, q) => q !== p))) as number, p % 2 === 0 ? 1n : -1n] as [number, bigint]).sort((a, b) => a[0] - b[0])));
}

/** Column reduction of ∂_k: per column its reduced boundary R_j and the chain V_j with ∂V_j = R_j. */
function reduce(S: Sx[][], k: number, f: Field): { R: Vec[]; V: Vec[] } {
  const R = boundaryCols(S, k).map((c) => clean(c, f));
  const V = R.map((_, j) => new Map([[j, 1n]]));
  const byLow = new Map<number, number>();
  R.forEach((_, j) => {
    for (let l = low(R[j] as Vec); l >= 0 && byLow.has(l); l = low(R[j] as Vec)) {
      const i = byLow.get(l) as number;
      const a = (R[i] as Vec).get(l) as bigint;
      const b = (R[j] as Vec).get(l) as bigint;
      R[j] = comb(a, R[j] as Vec, -b, R[i] as Vec, f);
      V[j] = comb(a, V[j] as Vec, -b, V[i] as Vec, f);
    }
    if (low(R[j] as Vec) >= 0) byLow.set(low(R[j] as Vec), j);
  });
  return { R, V };
}

/** Solve A x = b over f (A as rows of Rat); one solution or throws. */
function solve(A: Rat[][], rhs: Rat[], n: number, f: Field): Rat[] {
  const red = (r: Rat): Rat => (f === 'gf2' ? Rat.int(((r.n % 2n) + 2n) % 2n) : r);
  const rows = A.map((r, i) => [...r, rhs[i] as Rat].map(red));
  const piv: number[] = [];
  let rank = 0;
  for (let c = 0; c < n && rank < rows.length; c++) {
    const p = rows.findIndex((r, i) => i >= rank && !(r[c] as Rat).isZero());
    if (p < 0) continue;
    [rows[rank], rows[p]] = [rows[p] as Rat[], rows[rank] as Rat[]];
    const pr = rows[rank] as Rat[];
    const inv = Rat.ONE.div(pr[c] as Rat);
    for (let t = 0; t <= n; t++) pr[t] = red((pr[t] as Rat).mul(inv));
    rows.forEach((r, i) => {
      if (i === rank || (r[c] as Rat).isZero()) return;
      const m = r[c] as Rat;
      for (let t = 0; t <= n; t++) r[t] = red((r[t] as Rat).sub(m.mul(pr[t] as Rat)));
    });
    piv.push(c);
    rank++;
  }
  if (rows.slice(rank).some((r) => !(r[n] as Rat).isZero())) throw new Error('fixture: no solution');
  const x = Array.from({ length: n }, () => Rat.ZERO);
  piv.forEach((c, i) => (x[c] = (rows[i] as Rat[])[n] as Rat));
  return x;
}

const chainJson = (m: Vec, f: Field): unknown => (f === 'gf2' ? [...m.keys()] : [...m].map(([i, v]) => [i, v.toString()]));

/** The reduce, rank, cohomology and betti records of one target whose reduced complex has simplices S (dims 0..K+1). */
export function targetRecords(layer: number, quotient: string, S: Sx[][], K: number, f: Field, steps: number[][] = []): Record<string, unknown>[] {
  const red = Array.from({ length: K + 2 }, (_, k) => (k === 0 ? null : reduce(S, k, f)));
  const recs: Record<string, unknown>[] = [{ t: 'reduce', layer, quotient, steps }];
  const lows: Set<number>[] = red.map((r) => new Set(r === null ? [] : r.R.map(low).filter((l) => l >= 0)));
  for (let k = 1; k <= K + 1; k++) {
    const r = red[k] as { R: Vec[]; V: Vec[] };
    recs.push({ t: 'rank', layer, quotient, dim: k, chains: r.V.filter((_, j) => (r.R[j] as Vec).size > 0).map((v) => chainJson(v, f)) });
  }
  const betti: number[] = [];
  for (let k = 0; k <= K; k++) {
    const n = S[k]?.length ?? 0;
    const zs: Vec[] = [];
    for (let j = 0; j < n; j++) {
      const r = red[k];
      if (lows[k + 1]?.has(j)) continue;
      if (r === null || r === undefined) zs.push(new Map([[j, 1n]]));
      else if ((r.R[j] as Vec).size === 0) zs.push(r.V[j] as Vec);
    }
    const cof = boundaryCols(S, k + 1).map((c) => Array.from({ length: n }, (_, i) => Rat.int(c.get(i) ?? 0n)));
    const A = [...cof, ...zs.map((z) => Array.from({ length: n }, (_, i) => Rat.int(z.get(i) ?? 0n)))];
    const ws = zs.map((_, a) => {
      const x = solve(A, [...cof.map(() => Rat.ZERO), ...zs.map((__, b) => (a === b ? Rat.ONE : Rat.ZERO))], n, f);
      const den = x.reduce((d, v) => (d % v.d === 0n ? d : d * v.d), 1n);
      return clean(new Map(x.map((v, i) => [i, (v.n * den) / v.d] as [number, bigint])), f);
    });
    recs.push({ t: 'cohomology', layer, quotient, dim: k, cycles: zs.map((z) => chainJson(z, f)), cocycles: ws.map((w) => chainJson(w, f)) });
    betti.push(zs.length);
  }
  recs.push({ t: 'betti', layer, quotient, betti });
  return recs;
}

/** The header of a betti-only bundle (`ohc betti`: network null, layers []) on the given rational points. */
export function bettiHeader(points: readonly (readonly string[])[]): Record<string, unknown> {
  return {
    t: 'header', format: 'ohc-bundle/1', tool: 'test fixture',
    inputs: { model: null, data: { path: 'd.npy', sha256: '1'.repeat(64) }, labels: null },
    selection: { class: null, correct: false, indices: points.map((_, i) => i) },
    profile: 'default',
    options: { box: null, outputBits: false, sensitivity: null, skipCarried: false },
    layers: [],
    network: null,
    points,
  };
}
