// scaled.ts: exact "scaled integer" vectors and matrices: bigint numerators over ONE common positive
// bigint denominator. Inner loops multiply denominators without gcd (for dyadic data the
// denominator stays a power of two); `stripTwos` removes common powers of two, `reduceVec` all
// common factors.
import { Rat, gcd } from '../checker/rational.js';

/** The exact vector `num / den`; `den > 0`. Not necessarily in lowest terms. */
export interface ScaledVec {
  readonly num: bigint[];
  readonly den: bigint;
}

/** The exact matrix `num / den` (rows of equal length); `den > 0`. Not necessarily in lowest terms. */
export interface ScaledMat {
  readonly num: bigint[][];
  readonly den: bigint;
}

/** The exact affine map `x ↦ (W x + b) / den`; `W` has shape [out][in], `den > 0`. */
export interface ScaledAffine {
  readonly W: bigint[][];
  readonly b: bigint[];
  readonly den: bigint;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** The exact vector with the given entries; `den` is the lcm of their denominators. */
export function scaledVecFromRats(v: readonly Rat[]): ScaledVec {
  let den = 1n;
  for (const r of v) if (r.d !== 1n) den = lcm(den, r.d);
  return { num: v.map((r) => r.n * (den / r.d)), den };
}

/** The exact matrix with the given rows; `den` is the lcm of all denominators. */
export function scaledMatFromRats(m: readonly (readonly Rat[])[]): ScaledMat {
  let den = 1n;
  for (const row of m) for (const r of row) if (r.d !== 1n) den = lcm(den, r.d);
  return { num: m.map((row) => row.map((r) => r.n * (den / r.d))), den };
}

/** The entries of `v` as canonical rationals. */
export function scaledVecToRats(v: ScaledVec): Rat[] {
  return v.num.map((n) => Rat.of(n, v.den));
}

/** The entries of `m` as canonical rationals. */
export function scaledMatToRats(m: ScaledMat): Rat[][] {
  return m.num.map((row) => row.map((n) => Rat.of(n, m.den)));
}

/** Integer dot product of two bigint vectors of equal length (checked). */
export function intDot(a: readonly bigint[], b: readonly bigint[]): bigint {
  if (a.length !== b.length) throw new RangeError('intDot: length mismatch');
  let s = 0n;
  for (let i = 0; i < a.length; i++) s += (a[i] as bigint) * (b[i] as bigint);
  return s;
}

/** `A x` exactly: numerators `A.num · x.num`, denominator `A.den · x.den`. */
export function matVec(A: ScaledMat, x: ScaledVec): ScaledVec {
  return { num: A.num.map((row) => intDot(row, x.num)), den: A.den * x.den };
}

/** `A B` exactly (inner dimensions must agree): denominator `A.den · B.den`. */
export function matMul(A: ScaledMat, B: ScaledMat): ScaledMat {
  return { num: intMatMul(A.num, B.num), den: A.den * B.den };
}

/** Integer matrix product of `A` (m×k) and `B` (k×n); `k` is taken from `B.length`. */
export function intMatMul(A: readonly (readonly bigint[])[], B: readonly (readonly bigint[])[]): bigint[][] {
  const k = B.length;
  const n = k === 0 ? 0 : (B[0] as readonly bigint[]).length;
  return A.map((row) => {
    if (row.length !== k) throw new RangeError('matMul: inner dimension mismatch');
    const out = new Array<bigint>(n).fill(0n);
    for (let t = 0; t < k; t++) {
      const a = row[t] as bigint;
      if (a === 0n) continue;
      const brow = B[t] as readonly bigint[];
      if (brow.length !== n) throw new RangeError('matMul: ragged matrix');
      for (let j = 0; j < n; j++) out[j] = (out[j] as bigint) + a * (brow[j] as bigint);
    }
    return out;
  });
}

/** `a + b` exactly (equal lengths); shares the denominator when the two already agree. */
export function addVec(a: ScaledVec, b: ScaledVec): ScaledVec {
  if (a.num.length !== b.num.length) throw new RangeError('addVec: length mismatch');
  if (a.den === b.den) return { num: a.num.map((x, i) => x + (b.num[i] as bigint)), den: a.den };
  return { num: a.num.map((x, i) => x * b.den + (b.num[i] as bigint) * a.den), den: a.den * b.den };
}

/** `(W x + b) / den` for the scaled input `x`: numerators `W·x.num + b·x.den`, denominator `den·x.den`. */
export function applyAffine(f: ScaledAffine, x: ScaledVec): ScaledVec {
  const num = f.W.map((row, j) => intDot(row, x.num) + (f.b[j] as bigint) * x.den);
  return { num, den: f.den * x.den };
}

/** True iff `a` and `b` have exactly the same value (cross-multiplied, no normalisation). */
export function scaledVecEquals(a: ScaledVec, b: ScaledVec): boolean {
  if (a.num.length !== b.num.length) return false;
  if (a.den === b.den) return a.num.every((x, i) => x === b.num[i]);
  return a.num.every((x, i) => x * b.den === (b.num[i] as bigint) * a.den);
}

/** The largest power of two dividing `den` and every entry of `nums` (a bigint `2^k`). */
function commonTwos(nums: Iterable<bigint>, den: bigint): bigint {
  // Trailing zeros of a two's-complement bigint equal those of its absolute value, so the
  // lowest set bit of the OR of all values is 2^(min trailing zeros). den > 0 is never 0.
  let acc = den;
  for (const x of nums) {
    acc |= x;
    if ((acc & 1n) === 1n) return 1n;
  }
  return acc & -acc;
}

/** The same value with common powers of two removed from `den` and all numerators. */
export function stripTwos(v: ScaledVec): ScaledVec {
  const p = commonTwos(v.num, v.den);
  if (p === 1n) return v;
  return { num: v.num.map((x) => x / p), den: v.den / p };
}

/** The same affine map with common powers of two removed from `den`, `W` and `b`. */
export function stripTwosAffine(f: ScaledAffine): ScaledAffine {
  const p = commonTwos(allEntries(f), f.den);
  if (p === 1n) return f;
  return { W: f.W.map((row) => row.map((x) => x / p)), b: f.b.map((x) => x / p), den: f.den / p };
}

function* allEntries(f: ScaledAffine): Generator<bigint> {
  for (const row of f.W) yield* row;
  yield* f.b;
}

/** The same value in lowest terms: `gcd(den, all numerators) = 1`. */
export function reduceVec(v: ScaledVec): ScaledVec {
  const v2 = stripTwos(v);
  let g = v2.den;
  for (const x of v2.num) {
    if (g === 1n) break;
    if (x !== 0n) g = gcd(g, x);
  }
  return g === 1n ? v2 : { num: v2.num.map((x) => x / g), den: v2.den / g };
}

/**
 * A canonical key for the exact value of `v`: equal values (of equal length) give equal keys and
 * different values different keys. Format: the lowest-terms numerators joined by `,`, then `/`
 * and the denominator, e.g. `"1,-3,0/4"`.
 */
export function scaledVecKey(v: ScaledVec): string {
  const r = reduceVec(v);
  return `${r.num.join(',')}/${r.den}`;
}
