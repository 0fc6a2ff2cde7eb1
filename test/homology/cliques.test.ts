import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagSimplices } from '../../src/homology/cliques.js';
import { closureSimplices } from '../../src/homology/closureSimplices.js';
import { fcOptions } from '../fcSeed.js';
import { cliquesOf, closureOf } from './bruteBetti.js';
import { graphOf } from './complexes.js';

const tablesAsLists = (ts: ReturnType<typeof flagSimplices>): number[][][] => ts.map((t) => Array.from({ length: t.count }, (_, i) => t.simplex(i)));

describe('simplex enumeration in FORMAT order', () => {
  it('flagSimplices lists the cliques of a random graph (ids up to 70: several bitset words) in lexicographic order, and indexOf finds each face', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.array(fc.tuple(fc.nat(69), fc.nat(69)), { maxLength: 400 }), fc.integer({ min: 0, max: 3 }), (n, raw, maxDim) => {
        const g = graphOf(n, raw.filter(([u, v]) => u < n && v < n));
        const tables = flagSimplices(g, maxDim);
        expect(tablesAsLists(tables)).toEqual(cliquesOf(g.vertices(), (a, b) => g.hasEdge(a, b), maxDim));
        for (let k = 1; k <= maxDim; k++) {
          const t = tables[k]!;
          for (let i = 0; i < t.count; i++) {
            const s = t.simplex(i);
            expect(t.indexOf(s)).toBe(i);
            for (let j = 0; j <= k; j++) expect(tables[k - 1]!.simplex(tables[k - 1]!.indexOf(s, j))).toEqual(s.filter((_, x) => x !== j));
          }
        }
      }),
      fcOptions(100),
    );
  });
  it('closureSimplices lists the closure of random simplices in lexicographic order', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 5 }), { maxLength: 8 }), fc.integer({ min: 0, max: 4 }), (simplices, maxDim) => {
        expect(tablesAsLists(closureSimplices(10, simplices, maxDim))).toEqual(closureOf(simplices, maxDim));
      }),
      fcOptions(100),
    );
  });
  it('closureSimplices rejects ids out of range and repeated ids', () => {
    expect(() => closureSimplices(3, [[0, 3]], 1)).toThrow(RangeError);
    expect(() => closureSimplices(3, [[1, 1]], 1)).toThrow(RangeError);
  });
});
