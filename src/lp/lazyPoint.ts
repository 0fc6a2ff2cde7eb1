// lazyPoint.ts: rational vectors from integer numerators over a common denominator.
import { Rat } from '../checker/rational.js';

/** The rational vector `num/den` (one gcd per coordinate). */
export function ratsOver(num: readonly bigint[], den: bigint): Rat[] {
  return num.map((v) => Rat.of(v, den));
}
