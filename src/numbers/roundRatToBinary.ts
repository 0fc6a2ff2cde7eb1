// roundRatToBinary.ts: exact round-to-nearest-even of a rational onto a binary float grid.
import type { Rat } from '../checker/rational.js';

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * Round `r` to the nearest value `m · 2^q` with `|m| <= 2^precision` representable in a binary
 * format with `precision` significand bits (hidden bit included) and smallest normal exponent
 * `minExponent` (subnormals handled: below `2^minExponent` the grid spacing stays
 * `2^(minExponent - precision + 1)`). Ties go to the even significand. Exact bigint arithmetic;
 * no exponent range check at the top (callers check overflow). Returns `m` with the sign of `r`.
 */
export function roundRatToBinary(r: Rat, precision: number, minExponent: number): { m: bigint; q: number } {
  if (r.n === 0n) return { m: 0n, q: 0 };
  const neg = r.n < 0n;
  const n = neg ? -r.n : r.n;
  const d = r.d;
  // floor(log2(n/d)) is e0 or e0 - 1.
  const e0 = bitLength(n) - bitLength(d);
  const geq = e0 >= 0 ? n >= d << BigInt(e0) : n << BigInt(-e0) >= d;
  const e = geq ? e0 : e0 - 1;
  const q = Math.max(e, minExponent) - (precision - 1);
  const num = q <= 0 ? n << BigInt(-q) : n;
  const den = q <= 0 ? d : d << BigInt(q);
  let m = num / den;
  const twiceRem = 2n * (num - m * den);
  if (twiceRem > den || (twiceRem === den && (m & 1n) === 1n)) m += 1n;
  return { m: neg ? -m : m, q };
}
