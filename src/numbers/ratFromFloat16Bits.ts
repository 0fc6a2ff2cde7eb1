// ratFromFloat16Bits.ts: the exact rational value of an IEEE-754 half-precision bit pattern.
import { Rat } from '../checker/rational.js';

/**
 * The exact value of the IEEE-754 binary16 number with bit pattern `u16`. `-0` gives `0`.
 * Throws `RangeError` when the bits encode NaN or ±Infinity.
 */
export function ratFromFloat16Bits(u16: number): Rat {
  if (!Number.isInteger(u16) || u16 < 0 || u16 > 0xffff) {
    throw new RangeError('ratFromFloat16Bits: not a 16-bit pattern');
  }
  const exp = (u16 >>> 10) & 0x1f;
  const mant = u16 & 0x3ff;
  if (exp === 0x1f) throw new RangeError(mant === 0 ? 'float16 is infinite' : 'float16 is NaN');
  const neg = u16 >>> 15 === 1;
  let m: number;
  let e: number;
  if (exp === 0) {
    if (mant === 0) return Rat.ZERO;
    m = mant;
    e = -24;
  } else {
    m = mant | 0x400;
    e = exp - 25;
  }
  return Rat.dyadic(BigInt(neg ? -m : m), e);
}
