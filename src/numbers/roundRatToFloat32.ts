// roundRatToFloat32.ts: the float32 (or float64) value nearest to a rational, exactly.
import { Rat } from '../checker/rational.js';
import { roundRatToBinary } from './roundRatToBinary.js';

const FLOAT32_MAX = Rat.dyadic((1n << 24n) - 1n, 104);
const FLOAT64_MAX = Rat.dyadic((1n << 53n) - 1n, 971);

/**
 * The float32 value nearest to `r` (IEEE round-to-nearest, ties to even), as an exact rational.
 * Subnormals are handled; results that would round to ±Infinity throw `RangeError`. This is what
 * `torch.tensor(x, dtype=float32)` does to an exact input, computed with bigints.
 */
export function roundRatToFloat32(r: Rat): Rat {
  const { m, q } = roundRatToBinary(r, 24, -126);
  const v = Rat.dyadic(m, q);
  if ((v.sign() < 0 ? v.neg() : v).cmp(FLOAT32_MAX) > 0) {
    throw new RangeError('value overflows float32');
  }
  return v;
}

/**
 * The float64 value nearest to `r` (ties to even), as an exact rational. Throws `RangeError` on
 * overflow. Equals `ratFromFloat64(ratToFloat64(r))` whenever that is finite.
 */
export function roundRatToFloat64(r: Rat): Rat {
  const { m, q } = roundRatToBinary(r, 53, -1022);
  const v = Rat.dyadic(m, q);
  if ((v.sign() < 0 ? v.neg() : v).cmp(FLOAT64_MAX) > 0) {
    throw new RangeError('value overflows float64');
  }
  return v;
}
