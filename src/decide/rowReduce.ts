// rowReduce.ts: exact reduced row echelon form of a small matrix, remembering how each row arose.
import { Rat } from '../checker/rational.js';

/** A sparse combination of original rows: `[row, coefficient]` pairs, rows ascending. */
export type Combination = readonly (readonly [number, Rat])[];

/**
 * The reduced row echelon form of an m × d matrix M, with the provenance of every row:
 * - `pivots[p]` is the p-th RREF row `R_p` (leading 1 in column `pivotCols[p]`, zeros in the
 *   other pivot columns) and `expr[p]` writes it as a combination of original rows
 *   (`R_p = Σ expr[p][i] · M_i`);
 * - `dependents` lists, for each original row k that is a combination of earlier rows, a
 *   left-null vector `u` of M (`uᵀ M = 0`) with `u_k = 1`, supported on k and pivot rows.
 */
export interface RowReduction {
  readonly rank: number;
  readonly cols: number;
  readonly pivotCols: readonly number[];
  readonly pivots: readonly (readonly Rat[])[];
  readonly expr: readonly Combination[];
  readonly dependents: readonly { readonly row: number; readonly u: Combination }[];
}

function addScaled(into: Map<number, Rat>, from: Combination | Map<number, Rat>, s: Rat): void {
  for (const [i, v] of from) {
    const next = (into.get(i) ?? Rat.ZERO).add(v.mul(s));
    if (next.isZero()) into.delete(i);
    else into.set(i, next);
  }
}

function sorted(m: Map<number, Rat>): Combination {
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

/** Row-reduce `M` (rows processed in order; a row that depends on earlier ones is a dependent). */
export function rowReduce(M: readonly (readonly Rat[])[], cols: number): RowReduction {
  const pivots: Rat[][] = [];
  const exprs: Map<number, Rat>[] = [];
  const pivotCols: number[] = [];
  const dependents: { row: number; u: Combination }[] = [];
  M.forEach((row, k) => {
    if (row.length !== cols) throw new RangeError('rowReduce: ragged matrix');
    const v = row.slice();
    const e = new Map<number, Rat>([[k, Rat.ONE]]);
    pivots.forEach((p, idx) => {
      const f = v[pivotCols[idx] as number] as Rat;
      if (f.isZero()) return;
      for (let c = 0; c < cols; c++) v[c] = (v[c] as Rat).sub(f.mul(p[c] as Rat));
      addScaled(e, exprs[idx] as Map<number, Rat>, f.neg());
    });
    const lead = v.findIndex((x) => !x.isZero());
    if (lead < 0) {
      dependents.push({ row: k, u: sorted(e) });
      return;
    }
    const inv = Rat.ONE.div(v[lead] as Rat);
    const np = v.map((x) => x.mul(inv));
    const ne = new Map<number, Rat>();
    addScaled(ne, e, inv);
    // keep earlier pivots reduced in the new pivot column
    pivots.forEach((p, idx) => {
      const f = p[lead] as Rat;
      if (f.isZero()) return;
      for (let c = 0; c < cols; c++) p[c] = (p[c] as Rat).sub(f.mul(np[c] as Rat));
      addScaled(exprs[idx] as Map<number, Rat>, ne, f.neg());
    });
    pivots.push(np);
    exprs.push(ne);
    pivotCols.push(lead);
  });
  return { rank: pivots.length, cols, pivotCols, pivots, expr: exprs.map(sorted), dependents };
}

/**
 * For a vector `v` in the row space of M, the combination μ of original rows with
 * `μᵀ M = v` (uses the RREF: `v = Σ_p v[pivotCols[p]] · R_p`). The caller guarantees
 * membership; the result is checked by whoever uses it.
 */
export function combinationFor(red: RowReduction, v: readonly Rat[]): Combination {
  const acc = new Map<number, Rat>();
  red.pivotCols.forEach((col, p) => {
    const s = v[col] as Rat;
    if (!s.isZero()) addScaled(acc, red.expr[p] as Combination, s);
  });
  return sorted(acc);
}

/** A particular solution of `M z = f` (free variables 0) given consistent right-hand side `f`. */
export function particularSolution(red: RowReduction, f: readonly Rat[]): Rat[] {
  const z: Rat[] = new Array<Rat>(red.cols).fill(Rat.ZERO);
  red.pivotCols.forEach((col, p) => {
    let g = Rat.ZERO;
    for (const [i, coef] of red.expr[p] as Combination) g = g.add(coef.mul(f[i] as Rat));
    z[col] = g;
  });
  return z;
}

/** A basis of the null space of M: one vector per free column. */
export function nullBasis(red: RowReduction): Rat[][] {
  const out: Rat[][] = [];
  const isPivot = new Set(red.pivotCols);
  for (let c = 0; c < red.cols; c++) {
    if (isPivot.has(c)) continue;
    const v: Rat[] = new Array<Rat>(red.cols).fill(Rat.ZERO);
    v[c] = Rat.ONE;
    red.pivotCols.forEach((col, p) => {
      v[col] = ((red.pivots[p] as Rat[])[c] as Rat).neg();
    });
    out.push(v);
  }
  return out;
}
