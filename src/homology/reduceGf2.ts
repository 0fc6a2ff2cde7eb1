// reduceGf2.ts: column reduction of a sparse matrix over GF(2), keeping the combination V of every reduced column.

/** The outcome of {@link reduceGf2}: R = D V column by column, non-zero columns of R with distinct lows. */
export interface Gf2Reduction {
  /** pivotOf[row] = the column whose reduced column has that low, or −1. */
  readonly pivotOf: Int32Array;
  /** Did processed column j reduce to zero? */
  zero(j: number): boolean;
  /** V_j of processed column j: the original columns (ids ascending) whose sum is R_j; contains j. */
  v(j: number): Int32Array;
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
export function reduceGf2(order: ArrayLike<number>, column: (j: number) => Int32Array, rowCount: number, colCount: number): Gf2Reduction {
  const pivotOf = new Int32Array(rowCount).fill(-1);
  // R_j: stored only when it differs from column j (a column that needed no reduction is
  // regenerated when used as a pivot; most are like that, and storing them costs memory and GC)
  const rOf = new Array<Int32Array | undefined>(colCount);
  const vOf = new Array<Int32Array | undefined>(colCount); // undefined: V_j = {j}
  const isZero = new Uint8Array(colCount);
  for (let t = 0; t < order.length; t++) {
    const j = order[t]!;
    let rj: Int32Array = column(j);
    let vj: Int32Array | undefined;
    while (rj.length > 0) {
      const low = rj[rj.length - 1]!;
      const p = pivotOf[low]!;
      if (p < 0) {
        pivotOf[low] = j;
        break;
      }
      rj = xorSorted(rj, rOf[p] ?? column(p));
      vj = xorSorted(vj ?? Int32Array.of(j), vOf[p] ?? Int32Array.of(p));
    }
    if (rj.length === 0) isZero[j] = 1;
    else if (vj !== undefined) rOf[j] = rj;
    vOf[j] = vj;
  }
  return {
    pivotOf,
    zero: (j) => isZero[j] === 1,
    v: (j) => vOf[j] ?? Int32Array.of(j),
  };
}
