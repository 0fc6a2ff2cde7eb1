// reduceQ.ts: fraction-free column reduction of a sparse integer matrix over Q, keeping the combination V of every column.
import { gcd } from '../checker/rational.js';

/** A sparse integer column: strictly increasing row indices, non-zero values. */
export interface QColumn {
  readonly idx: Int32Array;
  readonly val: bigint[];
}

/** The outcome of {@link reduceQ}: R_j = D V_j (integers), non-zero columns of R with distinct lows. */
export interface QReduction {
  /** pivotOf[row] = the column whose reduced column has that low, or −1. */
  readonly pivotOf: Int32Array;
  /** Did processed column j reduce to zero? */
  zero(j: number): boolean;
  /** V_j: integer combination of the original columns (ids ascending) equal to R_j; V_j(j) ≠ 0. */
  v(j: number): QColumn;
}

/** a·x + b·y (sparse, zeros dropped). */
export function combineQ(a: bigint, x: QColumn, b: bigint, y: QColumn): QColumn {
  const idx = new Int32Array(x.idx.length + y.idx.length);
  const val: bigint[] = [];
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.idx.length || j < y.idx.length) {
    const xi = i < x.idx.length ? x.idx[i]! : 0x7fffffff;
    const yj = j < y.idx.length ? y.idx[j]! : 0x7fffffff;
    let s: bigint;
    let at: number;
    if (xi < yj) {
      s = a * x.val[i++]!;
      at = xi;
    } else if (yj < xi) {
      s = b * y.val[j++]!;
      at = yj;
    } else {
      s = a * x.val[i++]! + b * y.val[j++]!;
      at = xi;
    }
    if (s !== 0n) {
      idx[n++] = at;
      val.push(s);
    }
  }
  return { idx: idx.slice(0, n), val };
}

/** Divide every value of `cols` by the gcd of all of them (when it is above 1). */
function divideContent(cols: QColumn[]): QColumn[] {
  let g = 0n;
  for (const c of cols) {
    for (const x of c.val) {
      g = gcd(g, x);
      if (g === 1n) return cols;
    }
  }
  if (g <= 1n) return cols;
  return cols.map((c) => ({ idx: c.idx, val: c.val.map((x) => x / g) }));
}

/**
 * Reduce the columns `order` (processed in that order) of an integer matrix with `rowCount`
 * rows, column j given by `column(j)`: while the low of column j is the low of an earlier reduced
 * column p, replace (R_j, V_j) by (β R_j − α R_p, β V_j − α V_p) with α, β the two low entries
 * divided by their gcd (β ≠ 0, so the span over Q is unchanged and V_j(j) stays non-zero), then
 * divide R_j and V_j by their common content to keep entries small.
 */
export function reduceQ(order: ArrayLike<number>, column: (j: number) => QColumn, rowCount: number, colCount: number): QReduction {
  const pivotOf = new Int32Array(rowCount).fill(-1);
  // R_j stored only when it differs from column j (see reduceGf2)
  const rOf = new Array<QColumn | undefined>(colCount);
  const vOf = new Array<QColumn | undefined>(colCount); // undefined: V_j = e_j
  const isZero = new Uint8Array(colCount);
  const unit = (j: number): QColumn => ({ idx: Int32Array.of(j), val: [1n] });
  for (let t = 0; t < order.length; t++) {
    const j = order[t]!;
    let rj = column(j);
    let vj: QColumn | undefined;
    while (rj.idx.length > 0) {
      const last = rj.idx.length - 1;
      const low = rj.idx[last]!;
      const p = pivotOf[low]!;
      if (p < 0) {
        pivotOf[low] = j;
        break;
      }
      const rp = rOf[p] ?? column(p);
      const alpha0 = rj.val[last]!;
      const beta0 = rp.val[rp.val.length - 1]!;
      const g = gcd(alpha0, beta0);
      const alpha = alpha0 / g;
      const beta = beta0 / g;
      rj = combineQ(beta, rj, -alpha, rp);
      vj = combineQ(beta, vj ?? unit(j), -alpha, vOf[p] ?? unit(p));
      if (beta !== 1n && beta !== -1n) [rj, vj] = divideContent([rj, vj]) as [QColumn, QColumn];
    }
    if (rj.idx.length === 0) isZero[j] = 1;
    else if (vj !== undefined) rOf[j] = rj;
    vOf[j] = vj;
  }
  return {
    pivotOf,
    zero: (j) => isZero[j] === 1,
    v: (j) => vOf[j] ?? unit(j),
  };
}
