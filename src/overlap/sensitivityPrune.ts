// sensitivityPrune.ts: the reference's sensitivity prune: which region pairs have sample images closer than s.
import type { Rat } from '../checker/rational.js';
import type { LayerAnalysis } from '../net/regions.js';

/**
 * The region pairs (K, n) of a layer that are compared under the sensitivity prune: those with
 * some sample image of K at Euclidean distance < `s` from some sample image of n (s > 0). The
 * result is symmetric. Distances are compared exactly (squared, in integers); a float estimate
 * only decides the pairs that are far from the threshold, with an error margin many orders of
 * magnitude above the float error, and every other pair is compared exactly.
 */
export function comparedRegionPairs(layer: LayerAnalysis, s: Rat): (K: number, n: number) => boolean {
  if (s.n <= 0n) throw new RangeError('sensitivity must be positive');
  const R = layer.regions.length;
  const compared = new Uint8Array(R * R);
  const imgs = layer.images;
  const N = imgs.length;
  const dim = imgs[0]?.num.length ?? 0;
  const approx = imgs.map((v) => v.num.map((x) => quotient(x, v.den)));
  const sF = Number(s.n) / Number(s.d);
  const s2 = sF * sF;
  const sp2 = s.n * s.n;
  const sq2 = s.d * s.d;
  for (let j = 0; j < N; j++) {
    const K = layer.regionOf[j] as number;
    const a = approx[j] as number[];
    for (let k = j + 1; k < N; k++) {
      const n = layer.regionOf[k] as number;
      if (n === K || compared[K * R + n] === 1) continue;
      const b = approx[k] as number[];
      let d2 = 0;
      let mag = s2;
      for (let c = 0; c < dim; c++) {
        const x = a[c] as number;
        const y = b[c] as number;
        d2 += (x - y) * (x - y);
        mag += (Math.abs(x) + Math.abs(y)) ** 2;
      }
      const tol = 1e-9 * mag;
      let close: boolean;
      if (Number.isFinite(d2) && Number.isFinite(tol) && d2 < s2 - tol) close = true;
      else if (Number.isFinite(d2) && Number.isFinite(tol) && d2 > s2 + tol) close = false;
      else close = exactlyCloser(imgs[j] as { num: bigint[]; den: bigint }, imgs[k] as { num: bigint[]; den: bigint }, sp2, sq2);
      if (close) {
        compared[K * R + n] = 1;
        compared[n * R + K] = 1;
      }
    }
  }
  return (K, n) => compared[K * R + n] === 1;
}

/** |a − b|² < sp2/sq2, exactly. */
function exactlyCloser(a: { num: bigint[]; den: bigint }, b: { num: bigint[]; den: bigint }, sp2: bigint, sq2: bigint): boolean {
  let acc = 0n;
  for (let c = 0; c < a.num.length; c++) {
    const t = (a.num[c] as bigint) * b.den - (b.num[c] as bigint) * a.den;
    acc += t * t;
  }
  return acc * sq2 < sp2 * a.den * a.den * b.den * b.den;
}

/** num/den (den > 0) as a float, accurate to a few ulps for any sizes (±Infinity only beyond the double range). */
function quotient(num: bigint, den: bigint): number {
  const shift = BigInt(Math.max(0, den.toString(2).length - 900));
  if (shift === 0n) return Number(num) / Number(den);
  return Number(num >> shift) / Number(den >> shift);
}
