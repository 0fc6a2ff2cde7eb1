import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageSpaceClasses, isImageOf } from '../../src/decide/imageSpaces.js';
import { intRowReduce } from '../../src/decide/intRowReduce.js';
import { fcOptions } from '../fcSeed.js';

const int = fc.bigInt({ min: -(1n << 80n), max: 1n << 80n });
const small = fc.bigInt({ min: -3n, max: 3n });

function mapOf(M: bigint[][], c: bigint[], den: bigint) {
  return { M, c, den, red: intRowReduce(M, (M[0] as bigint[]).length) };
}

/** y in the space of (M, c, den)? By the defining equations: every left-null u has den·uᵀy = uᵀc. */
function inSpace(m: ReturnType<typeof mapOf>, y: readonly bigint[], yDen: bigint): boolean {
  return m.red.dependents.every(({ u }) => {
    let a = 0n;
    let b = 0n;
    for (const [i, v] of u) {
      a += v * (y[i] as bigint);
      b += v * (m.c[i] as bigint);
    }
    return m.den * a === yDen * b;
  });
}

describe('imageSpaceClasses', () => {
  it('groups a map with its reparametrisations and separates shifted ones; classes are exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(int, { minLength: 2, maxLength: 2 }), { minLength: 4, maxLength: 4 }),
        fc.array(int, { minLength: 4, maxLength: 4 }),
        fc.array(small, { minLength: 4, maxLength: 4 }),
        fc.array(small, { minLength: 2, maxLength: 2 }),
        (M0, c0, T, w) => {
          // rank ≤ 1 maps into Q^4 from Q^2: M = v·rᵀ, so several regions can share a line
          const v = M0.map((r) => r[0] as bigint);
          const M = v.map((x) => [x, 2n * x]);
          const den = 3n;
          const [t0, t1, t2, t3] = T as [bigint, bigint, bigint, bigint];
          const M2 = v.map((x) => [x * (t0 === 0n ? 1n : t0), x * t1]); // same column space (t0 ≠ 0)
          const c2 = c0.map((x, i) => 5n * x + 5n * (v[i] as bigint) * (w[0] as bigint)); // c/den + M·(w/3)·… stays in the space
          const c3 = c0.map((x, i) => (i === 0 ? x + 1n + t2 * t2 : x)); // moved off (unless v spans it)
          const maps = [mapOf(M, c0, den), mapOf(M2, c2, 15n), mapOf(M, c3, den), mapOf(M0, c0, den), mapOf(M, c0.map((x) => x * (t3 === 0n ? 2n : t3)), den * (t3 === 0n ? 2n : t3))];
          const cls = imageSpaceClasses(maps.length, (i) => maps[i] as ReturnType<typeof mapOf>);
          // soundness: same class ⇒ the member's offset and directions lie in the class's first map's space
          for (let i = 0; i < maps.length; i++) {
            for (let k = 0; k < i; k++) {
              if (cls[i] === -1 || cls[i] !== cls[k]) continue;
              const a = maps[k] as ReturnType<typeof mapOf>;
              const b = maps[i] as ReturnType<typeof mapOf>;
              expect(a.red.rank).toBe(b.red.rank);
              expect(inSpace(a, b.c, b.den)).toBe(true);
              for (let col = 0; col < 2; col++) expect(inSpace(a, b.M.map((r, j) => (r[col] as bigint) + (b.c[j] as bigint)), b.den)).toBe(true);
            }
          }
          // completeness where it is certain: the reparametrised and rescaled maps join map 0
          if (v.some((x) => x !== 0n) && cls[0] !== -1) {
            expect(cls[1]).toBe(cls[0]);
            expect(cls[4]).toBe(cls[0]);
          }
        },
      ),
      fcOptions(300),
    );
  });

  it('isImageOf: the map applied to a point, and nothing else', () => {
    const m = { M: [[1n, 2n], [0n, 3n]], c: [1n, -1n], den: 2n };
    // x = (1, 1)/3: (M x + c)/den = ((3 + 3)/3, (3 − 3)/3)/2 = (1, 0)
    expect(isImageOf(m, [1n, 1n], 3n, [2n, 0n], 2n)).toBe(true);
    expect(isImageOf(m, [1n, 1n], 3n, [2n, 1n], 2n)).toBe(false);
  });
});
