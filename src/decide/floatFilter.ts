// floatFilter.ts: a rigorous floating-point filter for the sign of an integer dot product ℓ·y.
//
// Each bigint vector is stored once as doubles scaled by its own power of two (the scale is
// positive, so it never changes a sign). The double dot product is trusted only when its
// magnitude exceeds a proven bound on all rounding and truncation errors; otherwise the caller
// computes the exact bigint value. So a float never decides anything on its own: when it is not
// certain, the exact route runs, and every answer is the one exact arithmetic gives.

/**
 * A bigint vector `v` as doubles: `f[i] = v[i] / 2^t + a[i]` for some integer `t ≥ 0` common to
 * the vector, with `|a[i]| ≤ EPS · M` where `M = max |f[i]|` (0 when v = 0).
 */
export interface FloatVec {
  readonly f: Float64Array;
  readonly M: number;
}

/** The per-entry error bound, relative to the vector's largest entry (see `floatVecOf`). */
const EPS = 2 ** -48;

/**
 * `v` as a `FloatVec`. Proof of the error bound: let b be 4 times the number of hex digits of
 * max |v_i| (so max |v_i| < 2^b, ≥ 2^(b−4)) and t = max(0, b − 62).
 * - t = 0: |v_i| < 2^62 and `Number` rounds to nearest, |a_i| ≤ 2^-53·|v_i| ≤ 2^-52·M.
 * - t > 0: `v_i >> t` = floor(v_i / 2^t) is off by less than 1 and below 2^62 in magnitude, so
 *   `Number` adds at most 2^8 (half an ulp below 2^62): |a_i| < 2^9; the largest entry shifted is
 *   ≥ 2^58 (a power of two stays exact), so M ≥ 2^58 and |a_i| < 2^-49·M.
 */
export function floatVecOf(v: readonly bigint[]): FloatVec {
  let m = 0n;
  for (const x of v) {
    const a = x < 0n ? -x : x;
    if (a > m) m = a;
  }
  const f = new Float64Array(v.length);
  if (m === 0n) return { f, M: 0 };
  const bits = m.toString(16).length * 4;
  const t = bits > 62 ? BigInt(bits - 62) : 0n;
  let M = 0;
  for (let i = 0; i < v.length; i++) {
    const x = Number(t === 0n ? (v[i] as bigint) : (v[i] as bigint) >> t);
    f[i] = x;
    const ax = x < 0 ? -x : x;
    if (ax > M) M = ax;
  }
  return { f, M };
}

/**
 * The sign of the exact `ℓ·y` for the vectors behind `l` and `y` (equal lengths), or 0 when the
 * doubles cannot tell (then compute it exactly). Proof: with m entries and the errors a, b of
 * `floatVecOf`, the exact scaled dot Σ(l_i − a_i)(y_i − b_i) differs from Σ l_i·y_i by at most
 * m·Ml·My·(2·EPS + EPS²), and the double evaluation of Σ l_i·y_i (products and m − 1 sums, all
 * below 2^126·m, no overflow; no underflow matters: a product of doubles ≥ 1 or exactly 0 is
 * exact at the bottom) errs by at most γ_m·m·Ml·My with γ_m = m·2^-53/(1 − m·2^-53). The bound
 * B = m·Ml·My·(2^-45 + m·2^-51) exceeds their sum for m ≤ 2^20 with room for the rounding of B's
 * own three products (relative 2^-51). So |S| > B proves sign(ℓ·y) = sign(S).
 */
export function filteredSign(l: FloatVec, y: FloatVec): -1 | 0 | 1 {
  const lf = l.f;
  const yf = y.f;
  const m = lf.length;
  let s = 0;
  for (let i = 0; i < m; i++) s += (lf[i] as number) * (yf[i] as number);
  const B = m * l.M * y.M * (2 ** -45 + m * 2 ** -51);
  if (s > B) return 1;
  if (s < -B) return -1;
  return 0;
}
