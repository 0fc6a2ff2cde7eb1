// ratFromFloat32Bits.ts: the exact rational value of a float32 (and bfloat16) bit pattern.
import { Rat } from '../checker/rational.js';

/**
 * The exact value of the IEEE-754 binary32 number with bit pattern `u32` (an unsigned or signed
 * 32-bit integer). `-0` gives `0`. Throws `RangeError` when the bits encode NaN or ±Infinity.
 */
export function ratFromFloat32Bits(u32: number): Rat {
  if (!Number.isInteger(u32) || u32 < -0x80000000 || u32 > 0xffffffff) {
    throw new RangeError('ratFromFloat32Bits: not a 32-bit pattern');
  }
  const bits = u32 >>> 0;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) throw new RangeError(mant === 0 ? 'float32 is infinite' : 'float32 is NaN');
  const neg = bits >>> 31 === 1;
  let m: number;
  let e: number;
  if (exp === 0) {
    if (mant === 0) return Rat.ZERO;
    m = mant;
    e = -149;
  } else {
    m = mant | 0x800000;
    e = exp - 150;
  }
  return Rat.dyadic(BigInt(neg ? -m : m), e);
}

/**
 * The exact value of the bfloat16 number with bit pattern `u16` (the top half of a float32).
 * Throws `RangeError` on NaN and ±Infinity.
 */
export function ratFromBfloat16Bits(u16: number): Rat {
  if (!Number.isInteger(u16) || u16 < 0 || u16 > 0xffff) {
    throw new RangeError('ratFromBfloat16Bits: not a 16-bit pattern');
  }
  return ratFromFloat32Bits((u16 << 16) >>> 0);
}
