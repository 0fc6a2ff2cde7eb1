// intRowReduce.ts: fraction-free reduced row echelon form of an integer matrix, with provenance.
import { gcd } from '../checker/rational.js';

/** A sparse integer combination of original rows: `[row, coefficient]`, rows ascending, non-zero. */
export type IntCombination = readonly (readonly [number, bigint])[];

/**
 * The reduced row echelon form of an m × d integer matrix M, kept in integers:
 * - pivot p has column `pivotCols[p]`, integer row `rows[p]` with `rows[p][pivotCols[p]] = delta[p] > 0`
 *   and zeros in the other pivot columns (so `R_p = rows[p] / delta[p]` is the RREF row), and
 *   `expr[p]`, integers with `rows[p] = Σ expr[p][i] · M_i`;
 * - `dependents` lists each row k that is a combination of earlier rows, with a left-null vector
 *   `u` of M (`uᵀ M = 0`, `u_k ≠ 0`), supported on k and pivot rows.
 * Rows are processed in order, so pivots are the first independent rows.
 */
export interface IntRowReduction {
  readonly rank: number;
  readonly cols: number;
  readonly pivotCols: readonly number[];
  readonly rows: readonly (readonly bigint[])[];
  readonly delta: readonly bigint[];
  readonly expr: readonly IntCombination[];
  readonly dependents: readonly { readonly row: number; readonly u: IntCombination }[];
}

function sparse(dense: readonly bigint[]): IntCombination {
  const out: [number, bigint][] = [];
  dense.forEach((v, i) => {
    if (v !== 0n) out.push([i, v]);
  });
  return out;
}

/** Replace (v, c) by a·(v, c) − b·(w, e), in place. */
function combine(v: bigint[], c: bigint[], a: bigint, b: bigint, w: readonly bigint[], e: readonly bigint[]): void {
  for (let i = 0; i < v.length; i++) v[i] = a * (v[i] as bigint) - b * (w[i] as bigint);
  for (let i = 0; i < c.length; i++) c[i] = a * (c[i] as bigint) - b * (e[i] as bigint);
}

/** gcd of |a| and |b| (Lehmer's method: far faster than plain Euclid on numbers of hundreds of bits). */
const gcdAbs = gcd;

/**
 * Divide (v, c) by the gcd of all their entries (keeps the integers small; sign kept). The gcd
 * starts from the entry of least magnitude: every later step is then one long division by a short
 * number (the gcd does not depend on the order).
 */
function primitivePair(v: bigint[], c: bigint[]): void {
  let g = 0n;
  for (const x of v) {
    const a = x < 0n ? -x : x;
    if (a !== 0n && (g === 0n || a < g)) g = a;
  }
  for (const x of c) {
    const a = x < 0n ? -x : x;
    if (a !== 0n && (g === 0n || a < g)) g = a;
  }
  for (const x of v) if (x !== 0n && g !== 1n) g = gcdAbs(g, x);
  for (const x of c) if (x !== 0n && g !== 1n) g = gcdAbs(g, x);
  if (g > 1n) {
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as bigint) / g;
    for (let i = 0; i < c.length; i++) c[i] = (c[i] as bigint) / g;
  }
}

/** Row-reduce the integer matrix `M` (m × cols) without fractions. */
export function intRowReduce(M: readonly (readonly bigint[])[], cols: number): IntRowReduction {
  const m = M.length;
  const vs: bigint[][] = [];
  const cs: bigint[][] = [];
  const pivotCols: number[] = [];
  const dependents: { row: number; u: IntCombination }[] = [];
  for (let k = 0; k < m; k++) {
    const row = M[k] as readonly bigint[];
    if (row.length !== cols) throw new RangeError('intRowReduce: ragged matrix');
    const v = row.slice();
    const c = new Array<bigint>(m).fill(0n);
    c[k] = 1n;
    for (let p = 0; p < vs.length; p++) {
      const col = pivotCols[p] as number;
      const f = v[col] as bigint;
      if (f === 0n) continue;
      const vp = vs[p] as bigint[];
      combine(v, c, vp[col] as bigint, f, vp, cs[p] as bigint[]);
    }
    const lead = v.findIndex((x) => x !== 0n);
    if (lead < 0) {
      primitivePair(v, c);
      dependents.push({ row: k, u: sparse(c) });
      continue;
    }
    if ((v[lead] as bigint) < 0n) combine(v, c, -1n, 0n, v, c);
    primitivePair(v, c);
    // keep the earlier pivots reduced in the new pivot column
    for (let p = 0; p < vs.length; p++) {
      const vp = vs[p] as bigint[];
      const f = vp[lead] as bigint;
      if (f === 0n) continue;
      combine(vp, cs[p] as bigint[], v[lead] as bigint, f, v, c);
      primitivePair(vp, cs[p] as bigint[]);
    }
    vs.push(v);
    cs.push(c);
    pivotCols.push(lead);
  }
  return {
    rank: vs.length,
    cols,
    pivotCols,
    rows: vs,
    delta: vs.map((v, p) => v[pivotCols[p] as number] as bigint),
    expr: cs.map(sparse),
    dependents,
  };
}
