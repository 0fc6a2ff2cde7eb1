// verifyInt.ts: exact integer-level verification of LP certificates (throws on failure).
import { type FloatVec, filteredSign, floatVecOf } from '../checker/floatSign.js';

/** Throw unless `A (num/den) <= b` with `den > 0`. */
export function assertPoint(A: readonly (readonly bigint[])[], b: readonly bigint[], num: readonly bigint[], den: bigint): void {
  if (den <= 0n) throw new Error('LP certificate: non-positive denominator (internal error)');
  for (let i = 0; i < A.length; i++) {
    const a = A[i] as readonly bigint[];
    let s = 0n;
    for (let c = 0; c < num.length; c++) {
      const v = num[c] as bigint;
      if (v !== 0n) s += (a[c] as bigint) * v;
    }
    if (s > (b[i] as bigint) * den) throw new Error(`LP certificate: point violates row ${i} (internal error)`);
  }
}

/**
 * The first row i with a_i·num > b_i·den, or −1: each row's sign is read from the proven float
 * filter when it can tell (`forms[i]` is row `(a_i, b_i)` as a FloatVec); a row the doubles cannot
 * settle is checked exactly. Exact either way.
 */
export function violatedRowFiltered(A: readonly (readonly bigint[])[], b: readonly bigint[], forms: readonly FloatVec[], num: readonly bigint[], den: bigint): number {
  const k = num.length;
  const ext = new Array<bigint>(k + 1);
  for (let c = 0; c < k; c++) ext[c] = num[c] as bigint;
  ext[k] = -den;
  const pf = floatVecOf(ext);
  for (let i = 0; i < A.length; i++) {
    // a·num − b·den > 0: violated
    const sg = filteredSign(forms[i] as FloatVec, pf);
    if (sg < 0) continue;
    if (sg > 0) return i;
    const a = A[i] as readonly bigint[];
    let s = 0n;
    for (let c = 0; c < k; c++) s += (a[c] as bigint) * (num[c] as bigint);
    if (s > (b[i] as bigint) * den) return i;
  }
  return -1;
}

/** `assertPoint` with the rows' signs from the proven float filter where it can tell ({@link violatedRowFiltered}). */
export function assertPointFiltered(A: readonly (readonly bigint[])[], b: readonly bigint[], forms: readonly FloatVec[], num: readonly bigint[], den: bigint): void {
  if (den <= 0n) throw new Error('LP certificate: non-positive denominator (internal error)');
  const i = violatedRowFiltered(A, b, forms, num, den);
  if (i >= 0) throw new Error(`LP certificate: point violates row ${i} (internal error)`);
}

/**
 * Throw unless `vals > 0` on strictly increasing in-range `rows`, `sum vals*A[row] = 0` and
 * `sum vals*b[row] < 0`.
 */
export function assertFarkas(
  A: readonly (readonly bigint[])[],
  b: readonly bigint[],
  k: number,
  rows: readonly number[],
  vals: readonly bigint[],
): void {
  const acc = new Array<bigint>(k).fill(0n);
  let rhs = 0n;
  let prev = -1;
  for (let t = 0; t < rows.length; t++) {
    const r = rows[t] as number;
    const v = vals[t] as bigint;
    if (r <= prev || r >= A.length || v <= 0n) throw new Error('LP certificate: malformed Farkas vector (internal error)');
    prev = r;
    const a = A[r] as readonly bigint[];
    for (let c = 0; c < k; c++) acc[c] = (acc[c] as bigint) + v * (a[c] as bigint);
    rhs += v * (b[r] as bigint);
  }
  for (const s of acc) if (s !== 0n) throw new Error('LP certificate: Farkas combination not zero (internal error)');
  if (rhs >= 0n) throw new Error('LP certificate: Farkas right-hand side not negative (internal error)');
}
