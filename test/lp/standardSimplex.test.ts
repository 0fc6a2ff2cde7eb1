import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatOptimalBasis } from '../../src/lp/floatGuide.js';
import { runStandardSimplex } from '../../src/lp/standardSimplex.js';
import { fcOptions } from '../fcSeed.js';
import { arbRows } from './lpTestUtils.js';

/** The basis as a sorted list of [variable, beta] (positions do not matter). */
function basisSet(out: { basis: number[]; beta: bigint[] }): [number, bigint][] {
  return out.basis.map((v, i) => [v, out.beta[i] as bigint] as [number, bigint]).sort((a, b) => a[0] - b[0]);
}

describe('runStandardSimplex', () => {
  it('a warm start that ends at a unique optimum gives the answer of the cold run', () => {
    let warmUnique = 0;
    fc.assert(
      fc.property(arbRows(3, 14, 6, 6), fc.array(fc.integer({ min: -4, max: 4 }).map(BigInt), { minLength: 3, maxLength: 3 }), ({ A, b }, c) => {
        // the dual of max c·x s.t. A x ≤ b, as optimize sets it up
        const sigma = c.map((v) => (v < 0n ? -1n : 1n));
        const cols = A.map((a) => a.map((v, i) => v * (sigma[i] as bigint)));
        const rhs = c.map((v, i) => v * (sigma[i] as bigint));
        const start = floatOptimalBasis(cols, rhs, b);
        const warm = runStandardSimplex({ cols, rhs, cost: b, start });
        const cold = runStandardSimplex({ cols, rhs, cost: b });
        if (warm.kind !== 'optimal' || cold.kind !== 'optimal') return;
        expect(cold.warm).toBe(false);
        if (cold.unique) expect(warm.unique).toBe(true);
        if (!warm.unique) return;
        warmUnique += warm.warm ? 1 : 0;
        expect(basisSet(warm)).toEqual(basisSet(cold));
        expect(warm.den).toBe(cold.den);
        expect(warm.y).toEqual(cold.y);
      }),
      fcOptions(400),
    );
    expect(warmUnique).toBeGreaterThan(0);
  });
});
