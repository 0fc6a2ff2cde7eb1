import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { bareissEchelon, rankOf } from '../../src/net/rank.js';
import { FC, ratRank } from './netArbitraries.js';

const matArb = fc
  .record({ m: fc.integer({ min: 0, max: 6 }), n: fc.integer({ min: 1, max: 5 }), big: fc.boolean() })
  .chain(({ m, n, big }) => {
    // small entries (many dependencies) or large ones (bigint growth)
    const entry = big ? fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }) : fc.bigInt({ min: -2n, max: 2n });
    return fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: m, maxLength: m });
  });

describe('rankOf (Bareiss)', () => {
  it('agrees with Rat Gauss-Jordan elimination', () => {
    fc.assert(
      fc.property(matArb, (M) => {
        expect(rankOf(M)).toBe(ratRank(M.map((r) => r.map((v) => Rat.int(v)))));
      }),
      { ...FC, numRuns: 300 },
    );
  });

  it('pivot rows are independent and pivot columns are independent', () => {
    fc.assert(
      fc.property(matArb, (M) => {
        const e = bareissEchelon(M);
        expect(e.pivotRows.length).toBe(e.rank);
        expect(rankOf(e.pivotRows.map((i) => M[i] as bigint[]))).toBe(e.rank);
        expect(rankOf(M.map((r) => e.pivotCols.map((c) => r[c] as bigint)))).toBe(e.rank);
      }),
      FC,
    );
  });

  it('handles rank-deficient products like D A M and leaves its input alone', () => {
    const M = [
      [1n, 2n, 3n],
      [2n, 4n, 6n],
      [0n, 0n, 0n],
      [1n, 0n, 1n],
    ];
    const copy = M.map((r) => r.slice());
    expect(rankOf(M)).toBe(2);
    expect(M).toEqual(copy);
    expect(bareissEchelon(M).pivotRows).toEqual([0, 3]);
    expect(rankOf([])).toBe(0);
    expect(rankOf([[0n, 0n]])).toBe(0);
  });
});
