// eliminate.ts: fraction-free incremental elimination of an integer equality system E z = f.
import { intAdjugate } from './intAdjugate.js';

/**
 * Outcome of {@link eliminateEqualities}.
 * - `inconsistent`: integer `mu` (sorted rows, nonzero values) with `mu^T E = 0`, `mu^T f < 0`,
 *   supported on at most `rank + 1` rows.
 * - `ok`: `pivotRows` (increasing) and `pivotCols` select an invertible `r x r` submatrix
 *   `S = E[pivotRows][pivotCols]` with `S^{-1} = adj/det`, `det > 0`; every other row of `E`,
 *   with its right-hand side, is a linear combination of the pivot rows.
 */
export type Elimination =
  | { readonly kind: 'inconsistent'; readonly rows: number[]; readonly vals: bigint[] }
  | {
      readonly kind: 'ok';
      readonly pivotRows: number[];
      readonly pivotCols: number[];
      readonly det: bigint;
      readonly adj: bigint[][];
    };

/**
 * Process the rows of `E z = f` (`k` columns) in order, keeping those independent of the earlier
 * ones as pivots; stops at the first row that is dependent with an inconsistent right-hand side.
 */
export function eliminateEqualities(E: readonly (readonly bigint[])[], f: readonly bigint[], k: number): Elimination {
  const P: number[] = [];
  const C: number[] = [];
  const isPivotCol = new Uint8Array(k);
  let det = 1n;
  let adj: bigint[][] = [];
  const w: bigint[] = [];
  for (let i = 0; i < E.length; i++) {
    const e = E[i] as readonly bigint[];
    if (e.length !== k) throw new RangeError(`equality row ${i} has length ${e.length}, expected ${k}`);
    const r = P.length;
    // w = e[C] * adj, so that (w/det)^T E[P] agrees with e on the pivot columns.
    for (let t = 0; t < r; t++) {
      let s = 0n;
      for (let u = 0; u < r; u++) {
        const ev = e[C[u] as number] as bigint;
        if (ev !== 0n) s += ev * ((adj[u] as bigint[])[t] as bigint);
      }
      w[t] = s;
    }
    let newCol = -1;
    if (r < k) {
      for (let j = 0; j < k; j++) {
        if (isPivotCol[j] === 1) continue;
        let res = det * (e[j] as bigint);
        for (let t = 0; t < r; t++) {
          const wt = w[t] as bigint;
          if (wt !== 0n) res -= wt * ((E[P[t] as number] as readonly bigint[])[j] as bigint);
        }
        if (res !== 0n) {
          newCol = j;
          break;
        }
      }
    }
    if (newCol >= 0) {
      P.push(i);
      C.push(newCol);
      isPivotCol[newCol] = 1;
      const S = P.map((pr) => C.map((pc) => (E[pr] as readonly bigint[])[pc] as bigint));
      const res = intAdjugate(S);
      if (res.det === 0n) throw new Error('eliminate: singular pivot block (internal error)');
      if (res.det < 0n) {
        det = -res.det;
        adj = res.adj.map((row) => row.map((v) => -v));
      } else {
        det = res.det;
        adj = res.adj;
      }
      continue;
    }
    let rhs = det * (f[i] as bigint);
    for (let t = 0; t < r; t++) {
      const wt = w[t] as bigint;
      if (wt !== 0n) rhs -= wt * (f[P[t] as number] as bigint);
    }
    if (rhs !== 0n) {
      const sgn = rhs > 0n ? -1n : 1n;
      const rows: number[] = [];
      const vals: bigint[] = [];
      for (let t = 0; t < r; t++) {
        const wt = w[t] as bigint;
        if (wt !== 0n) {
          rows.push(P[t] as number);
          vals.push(-wt * sgn);
        }
      }
      rows.push(i);
      vals.push(det * sgn);
      return { kind: 'inconsistent', rows, vals };
    }
  }
  return { kind: 'ok', pivotRows: P, pivotCols: C, det, adj };
}
