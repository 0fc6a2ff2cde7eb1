// complex.ts: the simplices of a complex per dimension in FORMAT order (ascending vertex lists, lexicographic), face lookup, cofacets.
import { type Bits, ids } from './complexGraph.js';
import { type Step, reject } from './verdict.js';

/** Most (top-dimension) faces the closure of a file complex may generate. */
const MAX_FACES = 10_000_000;

/** The simplices of dimensions 0..top: `flat[k]` holds k+1 vertex ids per simplex, in FORMAT order. */
export class Simplices {
  /** `cofacets(k, s)`: the vertices x such that s ∪ {x} is a (k+1)-simplex (default: looked up among all vertices). */
  constructor(
    readonly flat: readonly Int32Array[],
    readonly cofacets = (k: number, s: ArrayLike<number>): number[] =>
      Array.from(this.flat[0] ?? []).filter((x) => !Array.prototype.includes.call(s, x) && this.index(k + 1, Array.from(s).concat(x).sort((a, b) => a - b)) >= 0),
  ) {}
  count = (k: number): number => (this.flat[k]?.length ?? 0) / (k + 1);
  at = (k: number, i: number): Int32Array => (this.flat[k] as Int32Array).subarray(i * (k + 1), (i + 1) * (k + 1));
  /** The index of the k-simplex s (ascending ids), or −1 (binary search). */
  index(k: number, s: ArrayLike<number>): number {
    const f = this.flat[k] as Int32Array;
    let lo = 0;
    let hi = this.count(k);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let c = 0;
      for (let p = 0; p <= k && c === 0; p++) c = (f[mid * (k + 1) + p] as number) - (s[p] as number);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }
}

/**
 * The flag complex of g up to dimension top, by depth-first search over ascending cliques (which
 * lists each dimension in lexicographic order). A dimension k < top holding more than lim[k]
 * simplices calls `over(k)`; dimension top stops after lim[top] simplices.
 */
export function flagSimplices(g: Bits, top: number, lim: readonly number[], over: (k: number) => never): Simplices {
  const out: number[][] = Array.from({ length: top + 1 }, () => []);
  const cand = Array.from({ length: Math.min(top, g.size) + 1 }, () => new Uint32Array(g.w)); // a clique has ≤ size vertices
  const stack: number[] = [];
  const visit = (x: number, k: number): void => {
    stack.push(x);
    const o = out[k] as number[];
    o.push(...stack);
    if (k < top && o.length > (lim[k] as number) * (k + 1)) over(k);
    if (k < top) {
      const c = cand[k + 1] as Uint32Array;
      const row = g.row(x);
      const prev = k === 0 ? null : (cand[k] as Uint32Array);
      for (let w = 0; w < g.w; w++) c[w] = w < x >>> 5 ? 0 : (row[w] as number) & (prev === null ? ~0 : (prev[w] as number));
      c[x >>> 5] = (c[x >>> 5] as number) & ((x & 31) === 31 ? 0 : ~0 << ((x & 31) + 1));
      for (const y of ids(c)) {
        if (k + 1 === top && (out[top] as number[]).length >= (lim[top] as number) * (top + 1)) break;
        visit(y, k + 1);
      }
    }
    stack.pop();
  };
  for (let v = 0; v < g.size; v++) if (g.alive[v] === 1) visit(v, 0);
  return new Simplices(out.map((o) => Int32Array.from(o)), (_k, s) => {
    const c = g.row(s[0] as number).slice();
    for (let p = 1; p < s.length; p++) c.forEach((word, w) => (c[w] = word & (g.row(s[p] as number)[w] as number)));
    return ids(c);
  });
}

const lex = (a: readonly number[], b: readonly number[]): number => {
  for (let p = 0; p < a.length; p++) if (a[p] !== b[p]) return (a[p] as number) - (b[p] as number);
  return 0;
};

/**
 * The closure of the listed simplices up to dimension top (its vertices: the ids that occur);
 * with classes, a vertex n + c per class and the cone {n + c} ∪ σ over each simplex σ inside class
 * c (the closure of the cones over the parts of the listed simplices inside c).
 */
export function fileSimplices(n: number, listed: readonly (readonly number[])[], classes: readonly (readonly number[])[], top: number, at: Step): Simplices {
  const cls = new Map<number, number>();
  classes.forEach((c, k) => c.forEach((v) => cls.set(v, k)));
  const all = [...listed, ...classes.map((_, c) => [n + c]), ...listed.flatMap((s) => classes.map((_, c) => [...s.filter((v) => cls.get(v) === c), n + c]).filter((t) => t.length > 1))];
  let faces = 0;
  for (const s of all) for (let j = 1, c = 1; j <= Math.min(top + 1, s.length); j++) faces += c = (c * (s.length - j + 1)) / j;
  if (faces > MAX_FACES) reject('limits', at, `the closure of the file complex up to dimension ${top} has more than ${MAX_FACES} faces`);
  const sets = Array.from({ length: top + 1 }, () => new Set<string>());
  const add = (s: readonly number[], from: number, acc: number[]): void => {
    if (acc.length > 0) (sets[acc.length - 1] as Set<string>).add(acc.join(','));
    if (acc.length <= top) for (let p = from; p < s.length; p++) add(s, p + 1, [...acc, s[p] as number]);
  };
  for (const s of all) add(s, 0, []);
  return new Simplices(sets.map((set) => Int32Array.from([...set].map((key) => key.split(',').map(Number)).sort(lex).flat())));
}
