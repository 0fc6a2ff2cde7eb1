// fibreFilter.ts: a rigorous float filter for the interval of t on the line z0 + t·v in a region.
//
// shortWitness needs lo = max and hi = min of the bounds r_i / (a_i·z0D) over the region rows,
// r_i = b_i·z0D − row_i·z0N, a_i = row_i·v. Computing every r_i exactly costs long products per
// row; the doubles here only say which rows cannot be the extreme one (their bound is provably
// farther than another row's), and which rows with a_i = 0 provably hold (r_i > 0). The rows left
// are evaluated exactly, so the bounds are those of exact arithmetic.

import type { FloatVec } from '../checker/floatSign.js';

/** The region rows as doubles, made once per region (see `fibreFilterOf`). */
export interface FibreFilter {
  readonly d: number;
  /** row_i as doubles, row-major (m × d). */
  readonly rows: Float64Array;
  readonly b: Float64Array;
  readonly a: Float64Array;
  /** |b_i| + Σ_c |row_ic| (doubles). */
  readonly absSum: Float64Array;
  /** sign of a_i (exact). */
  readonly sign: Int8Array;
}

/** Entries at or above this magnitude disable the filter (no double overflow in any product). */
const LIMIT = 2 ** 900;

/**
 * The filter for rows `ineqA z ≤ ineqB` and the direction values `a_i = ineqA_i·v`, or null when
 * some entry is too large for the error analysis.
 */
export function fibreFilterOf(ineqA: readonly (readonly bigint[])[], ineqB: readonly bigint[], a: readonly bigint[], d: number): FibreFilter | null {
  const m = ineqA.length;
  const rows = new Float64Array(m * d);
  const bf = new Float64Array(m);
  const af = new Float64Array(m);
  const absSum = new Float64Array(m);
  const sign = new Int8Array(m);
  for (let i = 0; i < m; i++) {
    const row = ineqA[i] as readonly bigint[];
    const bi = Number(ineqB[i] as bigint);
    const ai = a[i] as bigint;
    const aif = Number(ai);
    if (!(Math.abs(bi) < LIMIT && Math.abs(aif) < LIMIT)) return null;
    let s = Math.abs(bi);
    for (let c = 0; c < d; c++) {
      const x = Number(row[c] as bigint);
      if (!(Math.abs(x) < LIMIT)) return null;
      rows[i * d + c] = x;
      s += Math.abs(x);
    }
    bf[i] = bi;
    af[i] = aif;
    absSum[i] = s;
    sign[i] = ai > 0n ? 1 : ai < 0n ? -1 : 0;
  }
  return { d, rows, b: bf, a: af, absSum, sign };
}

/**
 * Which rows must be evaluated exactly for the point z = (z0N, z0D) given as `z` =
 * `floatVecOf([...z0N, z0D])`: `out[i]` is set to 1 for those and to 0 for a row that is provably
 * not needed: a_i = 0 and r_i > 0, or a_i ≠ 0 and its bound q_i = r_i/a_i provably beyond another
 * row's on the same side (so it is neither the minimum for a_i > 0 nor the maximum for a_i < 0).
 * False (out unusable): a value was not finite; evaluate every row.
 *
 * Proof. With S = 2^−t the scale of `z` (|f_k − S·z_k| ≤ 2^−48·M) and the doubles of the
 * integers b, row, a (relative error ≤ 2^−53, no overflow below 2^900), s_i = b_i·f_d −
 * Σ row_ic·f_c differs from S·r_i by at most absSum_i·M·2^−46 (rounding of entries, products
 * and the d sums), a sixty-fourth of E_i = absSum_i·M·2^−40. Then Q_i = s_i/a_i differs from
 * q_i = S·r_i/a_i by less than R_i = (E_i + |s_i|·2^−48)/|a_i|, and the interval
 * [Q_i − R'_i, Q_i + R'_i] with R'_i = (R_i + |Q_i|·2^−45)(1 + 2^−45) contains q_i even after
 * the rounding of its two ends (each ≤ 2^−52 of |Q_i| + R'_i). The common factor S/z0D > 0 does
 * not change which bound is extreme. A row with a_i > 0 whose lower end exceeds the least upper
 * end of such rows has q_i above their minimum; symmetrically for a_i < 0. For a_i = 0, s_i > E_i
 * proves r_i > 0.
 */
export function fibreCandidates(ff: FibreFilter, z: FloatVec, out: Uint8Array): boolean {
  const m = ff.b.length;
  const d = ff.d;
  const zf = z.f;
  const M = z.M;
  const zd = zf[d] as number;
  const lows = new Float64Array(m);
  const highs = new Float64Array(m);
  let U = Infinity;
  let V = -Infinity;
  for (let i = 0; i < m; i++) {
    let s = (ff.b[i] as number) * zd;
    for (let c = 0; c < d; c++) s -= (ff.rows[i * d + c] as number) * (zf[c] as number);
    const E = (ff.absSum[i] as number) * M * 2 ** -40;
    const sg = ff.sign[i] as number;
    if (sg === 0) {
      out[i] = s > E ? 0 : 1;
      continue;
    }
    const af = ff.a[i] as number;
    const Q = s / af;
    const R = (E + Math.abs(s) * 2 ** -48) / Math.abs(af);
    const R2 = (R + Math.abs(Q) * 2 ** -45) * (1 + 2 ** -45);
    const lo = Q - R2;
    const hi = Q + R2;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return false;
    lows[i] = lo;
    highs[i] = hi;
    if (sg > 0) {
      if (hi < U) U = hi;
    } else if (lo > V) V = lo;
  }
  for (let i = 0; i < m; i++) {
    const sg = ff.sign[i] as number;
    if (sg > 0) out[i] = (lows[i] as number) <= U ? 1 : 0;
    else if (sg < 0) out[i] = (highs[i] as number) >= V ? 1 : 0;
  }
  return true;
}
