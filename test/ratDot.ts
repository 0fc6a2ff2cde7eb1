// ratDot.ts: the exact dot product of two rational vectors, for tests (one normalisation at the end).
import { Rat } from '../src/checker/rational.js';

/** Dot product of two rational vectors of equal length (one normalisation at the end). */
export function dot(a: readonly Rat[], b: readonly Rat[]): Rat {
  if (a.length !== b.length) throw new RangeError('dot: length mismatch');
  let n = 0n;
  let d = 1n;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Rat;
    const y = b[i] as Rat;
    if (x.n === 0n || y.n === 0n) continue;
    const pd = x.d * y.d;
    const pn = x.n * y.n;
    if (pd === d) n += pn;
    else {
      n = n * pd + pn * d;
      d = d * pd;
    }
  }
  return Rat.of(n, d);
}
