// complexGraph.ts: rule `complex`: the graphs of flag complexes recomputed from the exact points (kNN tie rule, hops, rips, quotients).
import type { Point } from './parse.js';
import { type Rat, gcd } from './rational.js';

/** An undirected graph on ids 0..size−1: one bitset row per vertex (32 ids a word), `alive` marks present vertices. */
export class Bits {
  readonly w: number;
  readonly rows: Uint32Array;
  readonly alive: Uint8Array;
  constructor(readonly size: number) {
    this.w = (size + 31) >>> 5;
    this.rows = new Uint32Array(this.w * size);
    this.alive = new Uint8Array(size);
  }
  has = (u: number, v: number): boolean => (((this.rows[u * this.w + (v >>> 5)] as number) >>> (v & 31)) & 1) === 1;
  /** Add (on) or remove the edge {u, v}, u ≠ v. */
  set(u: number, v: number, on: boolean): void {
    for (const [a, b] of [[u, v], [v, u]] as const) {
      const k = a * this.w + (b >>> 5);
      this.rows[k] = on ? (this.rows[k] as number) | (1 << (b & 31)) : (this.rows[k] as number) & ~(1 << (b & 31));
    }
  }
  row = (v: number): Uint32Array => this.rows.subarray(v * this.w, (v + 1) * this.w);
}

/** The ids set in a bitset, ascending. */
export function ids(bits: Uint32Array): number[] {
  const out: number[] = [];
  bits.forEach((word, k) => {
    for (let b = word; b !== 0; b &= b - 1) out.push(k * 32 + 31 - Math.clz32(b & -b));
  });
  return out;
}

/** The points over one common denominator D: integer coordinates, so |x_i − x_j|² = dist2(X_i, X_j) / D². */
function scaled(xs: readonly Point[]): { X: bigint[][]; D: bigint } {
  let D = 1n;
  for (const x of xs) if (D % x.den !== 0n) D = (D / gcd(D, x.den)) * x.den;
  return { X: xs.map((x) => x.num.map((v) => v * (D / x.den))), D };
}

function dist2(a: readonly bigint[], b: readonly bigint[], s = 0n): bigint {
  for (let c = 0, t = 0n; c < a.length; c++) (t = (a[c] as bigint) - (b[c] as bigint)), (s += t * t);
  return s;
}

/** The m-th smallest (1-based, 1 ≤ m ≤ xs.length) of xs, by quickselect (xs is reordered). */
function select(xs: bigint[], m: number): bigint {
  let lo = 0;
  let hi = xs.length - 1;
  for (;;) {
    const p = xs[(lo + hi) >>> 1] as bigint;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((xs[i] as bigint) < p) i++;
      while ((xs[j] as bigint) > p) j--;
      if (i <= j) [xs[i], xs[j]] = [xs[j] as bigint, xs[i] as bigint], i++, j--;
    }
    if (m - 1 <= j) hi = j;
    else if (m - 1 >= i) lo = i;
    else return p;
  }
}

/**
 * The undirected kNN graph (i is its own first neighbour, then the k−1 others first by (exact
 * squared distance, index)), and `ties`: Σ_i (neighbours of i at distance d_i) over the i where an
 * other sample at d_i, the largest neighbour distance, was left out.
 */
export function knnGraph(xs: readonly Point[], k: number): { adj: number[][]; ties: number } {
  const { X } = scaled(xs);
  const N = xs.length;
  const m = Math.min(k - 1, N - 1);
  const nb = Array.from({ length: N }, () => new Set<number>());
  let ties = 0;
  const rows: bigint[][] = [];
  for (let i = 0; i < N; i++) {
    const d = X.map((x, j) => rows[j]?.[i] ?? dist2(X[i] as bigint[], x));
    if (N <= 4096) rows.push(d); // earlier rows give the symmetric half (memory ~N² bigints)
    const di = m === 0 ? 0n : select(d.filter((_, j) => j !== i), m);
    let [below, at] = [0, 0];
    d.forEach((v, j) => j !== i && (v < di ? below++ : v === di && at++));
    let atDi = m - below;
    if (at > atDi) ties += atDi + (di === 0n ? 1 : 0);
    d.forEach((v, j) => {
      if (j === i || v > di || (v === di && atDi-- <= 0)) return;
      (nb[i] as Set<number>).add(j);
      (nb[j] as Set<number>).add(i);
    });
  }
  return { adj: nb.map((s) => [...s]), ties };
}

/**
 * The graph on `alive` with an edge {u, v} iff the BFS hop distance in `adj` is ≤ eps, pairs in
 * different components counting 1000 (FORMAT: `knn-rips`, and `metric` on the contracted graph).
 */
export function hopGraph(size: number, alive: readonly number[], adj: readonly (readonly number[])[], eps: Rat): Bits {
  const g = new Bits(size);
  for (const v of alive) g.alive[v] = 1;
  const T = eps.n / eps.d;
  const far = T >= 1000n; // unreachable pairs (hop 1000) are joined: search whole components
  const depth = T > BigInt(size) ? size : Number(T);
  const seen = new Int32Array(size).fill(-1);
  for (const s of alive) {
    let front = [s];
    seen[s] = s;
    for (let h = 0; front.length > 0 && (h < depth || far); h++) {
      const next: number[] = [];
      for (const u of front) for (const v of adj[u] ?? []) if (seen[v] !== s) (seen[v] = s), next.push(v), h < depth && g.set(s, v, true);
      front = next;
    }
    if (far) for (const v of alive) if (seen[v] !== s) g.set(s, v, true);
  }
  return g;
}

/** The graph with an edge {u, v} iff |x_u − x_v|² ≤ eps2, exactly (FORMAT: `rips`). */
export function ripsGraph(xs: readonly Point[], eps2: Rat): Bits {
  const { X, D } = scaled(xs);
  const g = new Bits(xs.length);
  const bound = eps2.n * D * D;
  for (let u = 0; u < xs.length; u++) {
    g.alive[u] = 1;
    for (let v = 0; v < u; v++) if (dist2(X[u] as bigint[], X[v] as bigint[]) * eps2.d <= bound) g.set(u, v, true);
  }
  return g;
}

/** The cone quotient of a flag complex: g plus a vertex N + c joined to every member of class c. */
export function coneGraph(g: Bits, classes: readonly (readonly number[])[]): Bits {
  const c = new Bits(g.size + classes.length);
  for (let v = 0; v < g.size; v++) c.row(v).set(g.row(v)), (c.alive[v] = g.alive[v] as number);
  classes.forEach((cls, k) => {
    c.alive[g.size + k] = 1;
    for (const v of cls) c.set(v, g.size + k, true);
  });
  return c;
}

/** The metric quotient: each class contracted to its smallest member, hops recomputed, Rips at eps. */
export function metricGraph(adj: readonly (readonly number[])[], classes: readonly (readonly number[])[], eps: Rat): Bits {
  const rep = adj.map((_, v) => v);
  for (const cls of classes) for (const v of cls) rep[v] = cls[0] as number;
  const cadj: number[][] = adj.map(() => []);
  adj.forEach((vs, u) => {
    for (const v of vs) if (rep[u] !== rep[v]) (cadj[rep[u] as number] as number[]).push(rep[v] as number);
  });
  return hopGraph(adj.length, rep.filter((r, v) => r === v), cadj, eps);
}
