// classes.ts: rule `classes`: the product-rule gluings, union-find carried across layers, exact comparison.
import type { Settled } from './complete.js';
import { idx, list, obj } from './parse.js';
import { type Step, reject } from './verdict.js';

/** Union-find over sample indices. */
export class UnionFind {
  private readonly up: Int32Array;
  constructor(n: number) {
    this.up = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.up[r] !== r) r = this.up[r] as number;
    while (this.up[i] !== r) {
      const next = this.up[i] as number;
      this.up[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.up[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  /** Components of size ≥ 2, members ascending, ordered by first member. */
  classes(): number[][] {
    const by = new Map<number, number[]>();
    for (let i = 0; i < this.up.length; i++) {
      const r = this.find(i);
      const c = by.get(r);
      if (c === undefined) by.set(r, [i]);
      else c.push(i);
    }
    return [...by.values()].filter((c) => c.length >= 2).sort((a, b) => (a[0] as number) - (b[0] as number));
  }
}

/**
 * Rule `carried`: per sample, the root of its set in `uf` (the classes carried into a layer). A
 * sample shares its root with the samples of another region only inside a class of two or more.
 */
export function carriedClassOf(uf: UnionFind, N: number): Int32Array {
  return Int32Array.from({ length: N }, (_, j) => uf.find(j));
}

/** The product rule on `uf`: unite S_K→n ∪ S_n→K for each region pair {K, n} (not pruned) with both non-empty; returns the number of such pairs. */
export function glue(s: Settled, uf: UnionFind): number {
  let gluings = 0;
  s.yes.forEach((toN, n) => {
    for (const [K, fwd] of toN) {
      const back = K > n ? undefined : s.yes[K]?.get(n);
      if (back === undefined || s.pruned(K, n)) continue;
      gluings++;
      for (const j of fwd) uf.union(fwd[0] as number, j);
      for (const j of back) uf.union(fwd[0] as number, j);
    }
  });
  return gluings;
}

/** Rule `classes`: the record's classes and gluings equal the derived ones exactly. */
export function compareClasses(rec: Record<string, unknown>, derived: number[][], gluings: number, N: number, at: Step): void {
  const o = obj(rec, at, 'classes', ['t', 'layer', 'classes', 'gluings']);
  const claimed = list(o['classes'], at, 'classes').map((c, k) => list(c, at, `classes[${k}]`).map((j) => idx(j, at, `classes[${k}] sample`, N)));
  const g = idx(o['gluings'], at, 'gluings');
  const k = Math.max(claimed.length, derived.length);
  for (let t = 0; t < k; t++) {
    const a = JSON.stringify(claimed[t] ?? null);
    const b = JSON.stringify(derived[t] ?? null);
    if (a !== b) reject('classes', at, `class ${t} differs from the derived classes`, `derived ${b}, claimed ${a}`);
  }
  if (g !== gluings) reject('classes', at, `gluings = ${g}, derived ${gluings}`);
}
