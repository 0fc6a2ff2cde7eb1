// ratToFloat64.ts: nearest double to a rational, FOR DISPLAY ONLY.
import type { Rat } from '../checker/rational.js';
import { roundRatToBinary } from './roundRatToBinary.js';

/**
 * The double nearest to `r` (correctly rounded, ties to even; ±Infinity beyond the double
 * range, `0` for `0`). FOR DISPLAY AND LOGGING ONLY: never use the result in a decision that a
 * certificate depends on — compare rationals with `Rat.cmp` instead.
 */
export function ratToFloat64(r: Rat): number {
  const { m, q } = roundRatToBinary(r, 53, -1022);
  if (m === 0n) return 0;
  if (q > 971) return m < 0n ? -Infinity : Infinity;
  // |m| <= 2^53 is exact as a number, and 2^q is a double for -1074 <= q <= 971.
  return Number(m) * 2 ** q;
}
