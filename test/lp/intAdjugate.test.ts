import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intAdjugate, intDeterminant } from '../../src/lp/intAdjugate.js';
import { fcOptions } from '../fcSeed.js';

describe('intAdjugate', () => {
  for (const n of [0, 1, 2, 3, 4, 5]) {
    it(`adj * S = S * adj = det * I, n = ${n}`, () => {
      fc.assert(
        fc.property(fc.array(fc.array(fc.bigInt({ min: -20n, max: 20n }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }), (S) => {
          const { det, adj } = intAdjugate(S);
          expect(det).toBe(intDeterminant(S));
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              let l = 0n;
              let r = 0n;
              for (let t = 0; t < n; t++) {
                l += adj[i]![t]! * S[t]![j]!;
                r += S[i]![t]! * adj[t]![j]!;
              }
              expect(l).toBe(i === j ? det : 0n);
              expect(r).toBe(i === j ? det : 0n);
            }
          }
        }),
        fcOptions(100),
      );
    });
  }
});
