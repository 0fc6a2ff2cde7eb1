// reduceGf2.ts: column reduction of a sparse matrix over GF(2), keeping the combination V of every reduced column.

/** The outcome of {@link reduceGf2}: R = D V column by column, non-zero columns of R with distinct lows. */
export interface Gf2Reduction {
  /** pivotOf[row] = the column whose reduced column has that low, or −1. */
  readonly pivotOf: Int32Array;
  /** Reduced column R_j of each processed column j (rows ascending; empty when it reduced to zero). */
  readonly r: Map<number, Int32Array>;
  /** V_j: the original columns (ids ascending) whose sum is R_j; always contains j. */
  readonly v: Map<number, Int32Array>;
}

/** Symmetric difference of two ascending lists. */
export function xorSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      out[n++] = x;
      i++;
    } else if (y < x) {
      out[n++] = y;
      j++;
    } else {
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.slice(0, n);
}

/**
 * Reduce the columns `order` (processed in that order) of a GF(2) matrix with `rowCount` rows,
 * column j given by `column(j)` (its non-zero rows, ascending): while the low (largest row) of
 * column j is the low of an earlier reduced column p, add p (and V_p to V_j). Afterwards the
 * non-zero reduced columns have pairwise distinct lows, so their number is the rank of the
 * processed columns, and a column that reduced to zero has V_j in the kernel.
 */
export function reduceGf2(order: ArrayLike<number>, column: (j: number) => Int32Array, rowCount: number): Gf2Reduction {
  const pivotOf = new Int32Array(rowCount).fill(-1);
  const r = new Map<number, Int32Array>();
  const v = new Map<number, Int32Array>();
  for (let t = 0; t < order.length; t++) {
    const j = order[t]!;
    let rj: Int32Array = column(j);
    let vj: Int32Array = Int32Array.of(j);
    while (rj.length > 0) {
      const low = rj[rj.length - 1]!;
      const p = pivotOf[low]!;
      if (p < 0) {
        pivotOf[low] = j;
        break;
      }
      rj = xorSorted(rj, r.get(p)!);
      vj = xorSorted(vj, v.get(p)!);
    }
    r.set(j, rj);
    v.set(j, vj);
  }
  return { pivotOf, r, v };
}
