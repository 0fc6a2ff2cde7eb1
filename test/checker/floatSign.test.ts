// The proven float filter of the trusted checker (floatSign.ts): its sign is never wrong, and it decides most non-zero forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filteredSign, floatVecOf } from '../../src/checker/floatSign.js';
import { fcOptions } from '../fcSeed.js';

function exactSign(l: readonly bigint[], y: readonly bigint[]): -1 | 0 | 1 {
  let s = 0n;
  l.forEach((v, i) => (s += v * (y[i] as bigint)));
  return s > 0n ? 1 : s < 0n ? -1 : 0;
}

// integers from 0 to ~1,000 bits, some tiny, some sharing a long common part (near-cancellation)
const big = fc.oneof(
  fc.bigInt({ min: -(1n << 1000n), max: 1n << 1000n }),
  fc.bigInt({ min: -5n, max: 5n }),
  fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }),
);

describe('filteredSign', () => {
  it('is 0 or the exact sign of the dot product', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(big, big), { minLength: 1, maxLength: 17 }), (pairs) => {
        const l = pairs.map(([a]) => a);
        const y = pairs.map(([, b]) => b);
        const s = filteredSign(floatVecOf(l), floatVecOf(y));
        if (s !== 0) expect(s).toBe(exactSign(l, y));
      }),
      fcOptions(2000),
    );
  });

  it('never claims a sign for an exact zero or a cancellation below its error bound', () => {
    fc.assert(
      fc.property(big, big, fc.bigInt({ min: -3n, max: 3n }), (a, b, e) => {
        // a·b − b·a + e: exact value e, the two big products cancel
        const l = [a, -b, e];
        const y = [b, a, 1n];
        const s = filteredSign(floatVecOf(l), floatVecOf(y));
        if (s !== 0) expect(s).toBe(exactSign(l, y));
        if (e === 0n) expect(s).toBe(0);
      }),
      fcOptions(2000),
    );
  });

  it('settles clear cases, zero vectors are never settled', () => {
    expect(filteredSign(floatVecOf([3n << 900n, 1n]), floatVecOf([5n, -7n]))).toBe(1);
    expect(filteredSign(floatVecOf([-(3n << 900n), 1n]), floatVecOf([5n << 900n, -7n]))).toBe(-1);
    expect(filteredSign(floatVecOf([0n, 0n]), floatVecOf([5n, 7n]))).toBe(0);
  });
});
