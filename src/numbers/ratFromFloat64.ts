// ratFromFloat64.ts: the exact rational value of a JavaScript number (an IEEE-754 double).
import { Rat } from '../checker/rational.js';

const view = new DataView(new ArrayBuffer(8));

/**
 * The exact value of the double `x` as a rational, decoded from its IEEE-754 bits
 * (`x = ±m · 2^e`), never through decimal text or any approximation. `-0` gives `0`.
 * Throws `RangeError` on NaN and ±Infinity.
 */
export function ratFromFloat64(x: number): Rat {
  if (typeof x !== 'number') throw new TypeError('ratFromFloat64: not a number');
  view.setFloat64(0, x);
  return ratFromFloat64Bits(view.getUint32(0), view.getUint32(4));
}

/**
 * The exact value of the double `x` as `m · 2^e` with `m` odd (or `m = 0, e = 0`), decoded from
 * its bits. Throws `RangeError` on NaN and ±Infinity.
 */
export function float64ToDyadic(x: number): { m: bigint; e: number } {
  view.setFloat64(0, x);
  return dyadicFromFloat64Bits(view.getUint32(0), view.getUint32(4));
}

/**
 * The exact value of the double whose 64 bits are `hi:lo` (two unsigned 32-bit halves, `hi`
 * holding the sign and exponent) as `m · 2^e`, `m` odd or zero. Throws `RangeError` when the bits
 * encode NaN or ±Infinity.
 */
export function dyadicFromFloat64Bits(hi: number, lo: number): { m: bigint; e: number } {
  const exp = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo >>> 0);
  if (exp === 0x7ff) throw new RangeError(mant === 0n ? 'float64 is infinite' : 'float64 is NaN');
  if (exp === 0 && mant === 0n) return { m: 0n, e: 0 };
  let m = exp === 0 ? mant : mant | (1n << 52n);
  let e = exp === 0 ? -1074 : exp - 1075;
  while ((m & 1n) === 0n) {
    m >>= 1n;
    e++;
  }
  return { m: hi >>> 31 === 1 ? -m : m, e };
}

/**
 * The exact value of the double whose 64 bits are `hi:lo` (two unsigned 32-bit halves, `hi`
 * holding the sign and exponent). Throws `RangeError` when the bits encode NaN or ±Infinity.
 */
export function ratFromFloat64Bits(hi: number, lo: number): Rat {
  const { m, e } = dyadicFromFloat64Bits(hi, lo);
  return Rat.dyadic(m, e);
}
