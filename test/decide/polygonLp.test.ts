import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointFeasible, pointFeasibleFiltered } from '../../src/decide/polygonLp.js';
import { rowFormsOf } from '../../src/lp/optimize.js';
import { fcOptions } from '../fcSeed.js';

const big = fc.bigInt({ min: -(1n << 200n), max: 1n << 200n });

describe('pointFeasibleFiltered', () => {
  it('agrees with pointFeasible (points on, inside and outside rows; long and short integers)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.oneof(big, fc.bigInt({ min: -5n, max: 5n })), { minLength: 3, maxLength: 3 }), fc.oneof(big, fc.bigInt({ min: -5n, max: 5n }))), { minLength: 1, maxLength: 12 }),
        fc.array(fc.oneof(big, fc.bigInt({ min: -5n, max: 5n })), { minLength: 3, maxLength: 3 }),
        fc.bigInt({ min: 1n, max: 1n << 100n }),
        fc.boolean(),
        (rows, x, den, onRow) => {
          const A = rows.map((r) => r[0]);
          const b = rows.map((r) => r[1]);
          // sometimes make the first row tight at x (the exact fallback)
          if (onRow) {
            const a0 = A[0] as bigint[];
            const s = a0.reduce((acc, v, c) => acc + v * (x[c] as bigint), 0n);
            if (s % den === 0n) b[0] = s / den;
          }
          expect(pointFeasibleFiltered(A, b, rowFormsOf(A, b), x, den)).toBe(pointFeasible(A, b, x, den));
        },
      ),
      fcOptions(500),
    );
  });
});
