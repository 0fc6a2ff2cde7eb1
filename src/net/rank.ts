// rank.ts: exact rank over Q of an integer matrix by fraction-free (Bareiss) elimination.

/** The result of `bareissEchelon`. */
export interface Echelon {
  /** Rank over Q. */
  readonly rank: number;
  /**
   * Original indices of the pivot rows, in pivot order: these rows are linearly independent and
   * span the row space.
   */
  readonly pivotRows: readonly number[];
  /** Pivot columns, ascending: the corresponding columns are linearly independent and span the column space. */
  readonly pivotCols: readonly number[];
  /** The leading principal minor after the last step (the last pivot; `1n` for rank 0), up to sign. */
  readonly lastPivot: bigint;
}

/**
 * Fraction-free Gaussian elimination (Bareiss) of an integer matrix (rows of equal length),
 * choosing in each column the first remaining row with a non-zero entry. Every intermediate
 * entry is a minor of the input, so each division is exact. The input is not modified.
 */
export function bareissEchelon(M: readonly (readonly bigint[])[]): Echelon {
  const m = M.length;
  const n = m === 0 ? 0 : (M[0] as readonly bigint[]).length;
  const A = M.map((row) => {
    if (row.length !== n) throw new RangeError('rank: ragged matrix');
    return row.slice();
  });
  const order = A.map((_, i) => i);
  const pivotRows: number[] = [];
  const pivotCols: number[] = [];
  let prev = 1n;
  let r = 0;
  for (let col = 0; col < n && r < m; col++) {
    let p = r;
    while (p < m && (A[p] as bigint[])[col] === 0n) p++;
    if (p === m) continue;
    if (p !== r) {
      [A[p], A[r]] = [A[r] as bigint[], A[p] as bigint[]];
      [order[p], order[r]] = [order[r] as number, order[p] as number];
    }
    const pr = A[r] as bigint[];
    const piv = pr[col] as bigint;
    for (let i = r + 1; i < m; i++) {
      const row = A[i] as bigint[];
      const f = row[col] as bigint;
      for (let j = col + 1; j < n; j++) row[j] = (piv * (row[j] as bigint) - f * (pr[j] as bigint)) / prev;
      row[col] = 0n;
    }
    prev = piv;
    pivotRows.push(order[r] as number);
    pivotCols.push(col);
    r++;
  }
  return { rank: r, pivotRows, pivotCols, lastPivot: prev };
}

/** The rank over Q of the integer matrix `M` (rows of equal length; 0 for an empty matrix). */
export function rankOf(M: readonly (readonly bigint[])[]): number {
  return bareissEchelon(M).rank;
}
