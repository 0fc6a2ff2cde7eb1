// floatSign.ts: proven float filters for the sign of an integer dot product ℓ·Y and of a row a·z − b·den; unsure means exact (proofs/float-sign.md).

/** A bigint vector v as doubles: f[i] = v[i]/2^t + a[i], one t ≥ 0 per vector, |a[i]| ≤ 2^-48·M, M = max |f[i]|. */
export interface FloatVec {
  readonly f: Float64Array;
  readonly M: number;
}

/** `v` as a FloatVec: shifted right by t = max(0, b − 62) bits, b = 4·(hex digits of max |v_i|), then rounded. */
export function floatVecOf(v: readonly bigint[]): FloatVec {
  let m = 0n;
  for (const x of v) if ((x < 0n ? -x : x) > m) m = x < 0n ? -x : x;
  const f = new Float64Array(v.length);
  if (m === 0n) return { f, M: 0 };
  const bits = m.toString(16).length * 4;
  const t = bits > 62 ? BigInt(bits - 62) : 0n;
  let M = 0;
  for (let i = 0; i < v.length; i++) {
    const x = Number(t === 0n ? (v[i] as bigint) : (v[i] as bigint) >> t);
    f[i] = x;
    if (Math.abs(x) > M) M = Math.abs(x);
  }
  return { f, M };
}

/**
 * The sign of the exact ℓ·Y for the vectors behind `l` and `y` (equal lengths m ≤ 2^20), or 0
 * when the doubles cannot tell: |S| > B = m·Ml·My·(2^-45 + m·2^-51) proves sign(ℓ·Y) = sign(S).
 */
export function filteredSign(l: FloatVec, y: FloatVec): -1 | 0 | 1 {
  const lf = l.f;
  const yf = y.f;
  const m = lf.length;
  if (m !== yf.length || m > 1 << 20) return 0;
  let s = 0;
  for (let i = 0; i < m; i++) s += (lf[i] as number) * (yf[i] as number);
  const B = m * l.M * y.M * (2 ** -45 + m * 2 ** -51);
  return s > B ? 1 : s < -B ? -1 : 0;
}

/**
 * A point (num, den) as doubles for `rowSign`: w = (num_0, …, num_{d−1}, −den), each rounded to
 * nearest and then scaled by one power of two 2^−s (exact: every value stays a normal double) so
 * that the largest is below 2^400. From 2^1000 on, w is first shifted right by k bits (the largest
 * then below 2^1000) if every non-zero entry keeps 60 bits; else an infinite entry makes `rowSign` unsure.
 */
export function pointFloats(num: readonly bigint[], den: bigint): Float64Array {
  const w = [...num, -den];
  const top = w.reduce((m, v) => (v > m ? v : -v > m ? -v : m), 0n);
  const k = top < 1n << 1000n ? 0n : BigInt(top.toString(16).length * 4 - 1000);
  const f = new Float64Array(w.length);
  let M = 0;
  for (let c = 0; c < w.length; c++) {
    const v = w[c] as bigint;
    f[c] = k > 0n && v !== 0n && (v < 0n ? -v : v) >> (k + 60n) === 0n ? Infinity : Number(v >> k);
    M = Math.max(M, Math.abs(f[c] as number));
  }
  if (M >= 2 ** 400 && M < Infinity) {
    const scale = 2 ** -(Math.ceil(Math.log2(M)) - 399);
    for (let c = 0; c < f.length; c++) f[c] = (f[c] as number) * scale;
  }
  return f;
}

/** Rows (a_r, b_r) of equal length n as doubles, row r at r·n, each entry rounded to nearest (`Number`). */
export function rowFloats(A: readonly (readonly bigint[])[], b: readonly bigint[]): Float64Array {
  const n = (A[0]?.length ?? 0) + 1;
  const f = new Float64Array(A.length * n);
  A.forEach((a, r) => {
    for (let i = 0; i < n - 1; i++) f[r * n + i] = Number(a[i] as bigint);
    f[r * n + n - 1] = Number(b[r] as bigint);
  });
  return f;
}

/**
 * The sign of the exact a_r·num − b_r·den for `z` = pointFloats(num, den) and the row r of
 * `rows` = rowFloats(A, b), or 0 when the doubles cannot tell: with p_i the rounded products and
 * T = Σ|p_i| < 2^1000, |S| > T·(n + 5)·2^-51 (n terms) proves the sign of S (proofs/float-sign.md,
 * "row filter").
 */
export function rowSign(rows: Float64Array, r: number, z: Float64Array): -1 | 0 | 1 {
  const n = z.length;
  if (n > 1 << 20 || (r + 1) * n > rows.length) return 0;
  let s = 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const p = (rows[r * n + i] as number) * (z[i] as number);
    s += p;
    t += Math.abs(p);
  }
  if (!(t < 2 ** 1000)) return 0; // an infinite or NaN product, or too close to overflow
  const B = t * (n + 5) * 2 ** -51;
  return s > B ? 1 : s < -B ? -1 : 0;
}
