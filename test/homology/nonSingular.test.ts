import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonSingular } from '../../src/homology/nonSingular.js';
import { fcOptions } from '../fcSeed.js';
import { denseRank } from './bruteBetti.js';

describe('nonSingular', () => {
  it('small cases over both fields', () => {
    expect(nonSingular([], 'q')).toBe(true);
    expect(nonSingular([[2n]], 'q')).toBe(true);
    expect(nonSingular([[2n]], 'gf2')).toBe(false);
    expect(nonSingular([[1n, 1n], [1n, -1n]], 'q')).toBe(true);
    expect(nonSingular([[1n, 1n], [1n, -1n]], 'gf2')).toBe(false);
    expect(() => nonSingular([[1n, 0n]], 'q')).toThrow(RangeError);
  });
  it('agrees with a dense rank on random matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.array(fc.array(fc.bigInt({ min: -3n, max: 3n }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })), fc.constantFrom('gf2' as const, 'q' as const), (m, field) => {
        expect(nonSingular(m, field)).toBe(denseRank(m.map((r) => [...r]), field) === m.length);
      }),
      fcOptions(300),
    );
  });
});
