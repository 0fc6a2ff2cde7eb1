// The proven float filter of the trusted checker (floatSign.ts): its sign is never wrong, and it decides most non-zero forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filteredSign, floatVecOf, pointFloats, rowFloats, rowSign } from '../../src/checker/floatSign.js';
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

function exactRowSign(a: readonly bigint[], b: bigint, num: readonly bigint[], den: bigint): -1 | 0 | 1 {
  return exactSign([...a, b], [...num, -den]);
}

// sizes across the scaling (2^400) and overflow (2^1000, 2^1024) thresholds of rowSign
const wide = fc.oneof(big, fc.bigInt({ min: -(1n << 1100n), max: 1n << 1100n }), fc.bigInt({ min: (1n << 1023n) - 5n, max: (1n << 1024n) + 5n }));
const pos = fc.oneof(fc.bigInt({ min: 1n, max: 1n << 1100n }), fc.bigInt({ min: 1n, max: 9n }));

/** rowSign of one row (a, b). */
const rs = (a: readonly bigint[], b: bigint, z: Float64Array): -1 | 0 | 1 => rowSign(rowFloats([a], [b]), 0, z);

describe('rowSign', () => {
  it('is 0 or the exact sign of a·num − b·den', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(wide, wide), { minLength: 1, maxLength: 6 }), wide, pos, (pairs, b, den) => {
        const a = pairs.map(([x]) => x);
        const num = pairs.map(([, z]) => z);
        const s = rs(a, b, pointFloats(num, den));
        if (s !== 0) expect(s).toBe(exactRowSign(a, b, num, den));
      }),
      fcOptions(3000),
    );
  });

  it('never claims a sign for a point on the row (a vertex on its facets), and settles clear cases', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(wide, wide), { minLength: 1, maxLength: 5 }), fc.bigInt({ min: -2n, max: 2n }), (pairs, e) => {
        // b = a·num − e with den = 1: the exact value a·num − b·den is e, the big products cancel
        const a = pairs.map(([x]) => x);
        const num = pairs.map(([, z]) => z);
        const s = rs(a, a.reduce((acc, v, c) => acc + v * (num[c] as bigint), 0n) - e, pointFloats(num, 1n));
        if (s !== 0) expect(s).toBe(e > 0n ? 1 : e < 0n ? -1 : 0);
        if (e === 0n) expect(s).toBe(0);
      }),
      fcOptions(2000),
    );
    expect(rs([1n, 2n], 3n, pointFloats([1n << 900n, 5n], 7n))).toBe(1);
    expect(rs([-(1n << 300n), 2n], 3n, pointFloats([1n << 900n, 5n], 7n))).toBe(-1);
    expect(rs([1n << 700n], 0n, pointFloats([1n << 700n], 1n))).toBe(0); // products near overflow: unsure
    expect(rs([1n], 0n, pointFloats([1n << 1100n], 1n))).toBe(0); // den keeps < 60 bits after the shift: unsure
    // every entry from 2^1000 on keeps 60 bits after the shift: settled
    expect(rs([1n, 2n], 3n, pointFloats([3n << 1100n, -(5n << 1090n)], 7n << 1095n))).toBe(1);
  });

  it('points with entries past 2^1024: never a wrong sign, and a clear sign is found when every entry is long', () => {
    const huge = fc.tuple(fc.boolean(), fc.bigInt({ min: 1n << 1040n, max: 1n << 1300n })).map(([neg, v]) => (neg ? -v : v));
    fc.assert(
      fc.property(fc.array(fc.tuple(wide, huge), { minLength: 1, maxLength: 4 }), wide, fc.bigInt({ min: 1n << 1040n, max: 1n << 1300n }), (pairs, b, den) => {
        const a = pairs.map(([x]) => x);
        const num = pairs.map(([, z]) => z);
        const s = rs(a, b, pointFloats(num, den));
        if (s !== 0) expect(s).toBe(exactRowSign(a, b, num, den));
      }),
      fcOptions(2000),
    );
    // a·num − b·den far from 0 relative to the terms: settled
    expect(rs([2n, -1n], 1n, pointFloats([5n << 1200n, 3n << 1200n], 1n << 1199n))).toBe(1);
  });
});

describe('rowFloats', () => {
  it('lays rows out one after another, and rowSign reads row r of many as it reads that row alone', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(wide, { minLength: 3, maxLength: 3 }), wide), { minLength: 1, maxLength: 6 }), fc.array(wide, { minLength: 3, maxLength: 3 }), pos, (rows, num, den) => {
        const F = rowFloats(rows.map(([a]) => a), rows.map(([, b]) => b));
        const z = pointFloats(num, den);
        rows.forEach(([a, b], r) => expect(rowSign(F, r, z)).toBe(rs(a, b, z)));
        expect(rowSign(F, rows.length, z)).toBe(0); // no such row
      }),
      fcOptions(300),
    );
  });
});
