// solveEqualities.ts: exact solution of E x = f with a certificate of inconsistency.
import { gcd, Rat } from '../checker/rational.js';
import { eliminateEqualities } from './eliminate.js';
import type { EqualitiesResult } from './types.js';

/** Divide an integer vector by the gcd of its entries. */
function primitive(v: bigint[]): bigint[] {
  let g = 0n;
  for (const x of v) g = gcd(g, x);
  return g > 1n ? v.map((x) => x / g) : v;
}

/**
 * Solve `E x = f` (`k` unknowns, default the row length) by fraction-free elimination.
 * Returns `inconsistent` with `mu` (`mu^T E = 0`, `mu^T f < 0`, at most rank+1 entries, sorted by
 * row) or `solved` with a particular solution `x0`, a basis of the null space of `E` (`k - rank`
 * integer vectors), the rank and independent pivot rows. Results are verified before returning.
 */
export function solveEqualities(E: readonly (readonly bigint[])[], f: readonly bigint[], k: number = E[0]?.length ?? 0): EqualitiesResult {
  if (E.length !== f.length) throw new RangeError(`E has ${E.length} rows but f has ${f.length} entries`);
  const el = eliminateEqualities(E, f, k);
  if (el.kind === 'inconsistent') {
    const acc = new Array<bigint>(k).fill(0n);
    let rhs = 0n;
    el.rows.forEach((r, t) => {
      const v = el.vals[t] as bigint;
      (E[r] as readonly bigint[]).forEach((a, c) => (acc[c] = (acc[c] as bigint) + v * a));
      rhs += v * (f[r] as bigint);
    });
    if (acc.some((s) => s !== 0n) || rhs >= 0n) throw new Error('solveEqualities: bad certificate (internal error)');
    const vals = primitive(el.vals.slice());
    return { kind: 'inconsistent', mu: el.rows.map((row, t) => ({ row, value: Rat.int(vals[t] as bigint) })) };
  }
  const { pivotRows: P, pivotCols: C, det, adj } = el;
  const r = P.length;
  const row = (i: number): readonly bigint[] => E[i] as readonly bigint[];
  // x0 on the pivot columns: adj * f_P / det; zero elsewhere.
  const x0num = new Array<bigint>(k).fill(0n);
  for (let t = 0; t < r; t++) {
    let s = 0n;
    for (let u = 0; u < r; u++) s += ((adj[t] as bigint[])[u] as bigint) * (f[P[u] as number] as bigint);
    x0num[C[t] as number] = s;
  }
  const isPivot = new Uint8Array(k);
  for (const c of C) isPivot[c] = 1;
  const nulls: bigint[][] = [];
  for (let j = 0; j < k; j++) {
    if (isPivot[j] === 1) continue;
    const v = new Array<bigint>(k).fill(0n);
    v[j] = det;
    for (let t = 0; t < r; t++) {
      let s = 0n;
      for (let u = 0; u < r; u++) s += ((adj[t] as bigint[])[u] as bigint) * (row(P[u] as number)[j] as bigint);
      v[C[t] as number] = -s;
    }
    nulls.push(primitive(v));
  }
  for (let i = 0; i < E.length; i++) {
    const e = row(i);
    let s = 0n;
    for (let c = 0; c < k; c++) s += (e[c] as bigint) * (x0num[c] as bigint);
    if (s !== (f[i] as bigint) * det) throw new Error('solveEqualities: particular solution fails (internal error)');
    for (const v of nulls) {
      let t = 0n;
      for (let c = 0; c < k; c++) t += (e[c] as bigint) * (v[c] as bigint);
      if (t !== 0n) throw new Error('solveEqualities: null vector fails (internal error)');
    }
  }
  return {
    kind: 'solved',
    x0: x0num.map((v) => Rat.of(v, det)),
    nullBasis: nulls.map((v) => v.map((x) => Rat.int(x))),
    rank: r,
    pivotRows: P.slice(),
  };
}
