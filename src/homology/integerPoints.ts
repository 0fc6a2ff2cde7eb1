// integerPoints.ts: rational points scaled to integers by one common denominator, for exact squared distances.
import { type Rat, gcd } from '../checker/rational.js';

/**
 * The points multiplied by one common denominator `scale` (the lcm of all coordinate
 * denominators), so every coordinate is an integer. Squared distances between scaled points are
 * the true squared distances times scale², which preserves every comparison between them.
 */
export interface IntegerPoints {
  readonly scale: bigint;
  readonly coords: readonly (readonly bigint[])[];
}

/** Scale `points` to integers (see {@link IntegerPoints}). */
export function integerPoints(points: readonly (readonly Rat[])[]): IntegerPoints {
  let scale = 1n;
  for (const p of points) {
    for (const x of p) if (scale % x.d !== 0n) scale = (scale / gcd(scale, x.d)) * x.d;
  }
  const coords = points.map((p) => p.map((x) => x.n * (scale / x.d)));
  return { scale, coords };
}

/** Exact squared Euclidean distance of two integer vectors of equal length. */
export function squaredDistance(a: readonly bigint[], b: readonly bigint[]): bigint {
  if (a.length !== b.length) throw new RangeError('squaredDistance: dimension mismatch');
  let s = 0n;
  for (let i = 0; i < a.length; i++) {
    const t = a[i]! - b[i]!;
    s += t * t;
  }
  return s;
}
