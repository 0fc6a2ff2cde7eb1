// nonSingular.ts: is a small square integer matrix non-singular over GF(2) or over Q (exact elimination)?
import { gcd } from '../checker/rational.js';

/**
 * True iff the square matrix `m` (integer entries) is non-singular over `field`: over gf2 the
 * entries are taken mod 2; over q, fraction-free Gaussian elimination on bigints (a pivot row
 * is combined into the rows below it by cross-multiplication, and each new row divided by the
 * gcd of its entries to keep them small), so every decision is exact.
 */
export function nonSingular(m: readonly (readonly bigint[])[], field: 'gf2' | 'q'): boolean {
  const size = m.length;
  const a = m.map((row) => {
    if (row.length !== size) throw new RangeError('nonSingular: matrix is not square');
    return row.map((x) => (field === 'gf2' ? ((x % 2n) + 2n) % 2n : x));
  });
  for (let c = 0; c < size; c++) {
    let p = c;
    while (p < size && a[p]![c] === 0n) p++;
    if (p === size) return false;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pivot = a[c]!;
    for (let r = c + 1; r < size; r++) {
      const row = a[r]!;
      const f = row[c]!;
      if (f === 0n) continue;
      let g = 0n;
      for (let x = c; x < size; x++) {
        const v = field === 'gf2' ? row[x]! ^ pivot[x]! : pivot[c]! * row[x]! - f * pivot[x]!;
        row[x] = v;
        if (field === 'q' && g !== 1n) g = gcd(g, v);
      }
      if (g > 1n) for (let x = c; x < size; x++) row[x] = row[x]! / g;
    }
  }
  return true;
}
