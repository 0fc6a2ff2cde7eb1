import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComplexInput, Field } from '../../src/homology/computeBetti.js';
import { computeBetti } from '../../src/homology/computeBetti.js';
import { fcOptions } from '../fcSeed.js';
import { bruteBetti, cliquesOf, closureOf } from './bruteBetti.js';
import { cycleGraph, graphOf, kleinBottle, octahedronGraph, RP2, SPHERE, TORUS } from './complexes.js';
import { verifyRecords } from './verifyRecords.js';

const T = { layer: 0, quotient: 'none' } as const;

function betti(c: ComplexInput, field: Field, maxDim: number): number[] {
  const res = computeBetti(c, field, maxDim, T);
  expect(verifyRecords(c, field, maxDim, res.records)).toEqual(res.betti);
  return res.betti;
}

const explicit = (simplices: number[][]): ComplexInput => ({ kind: 'explicit', size: 1 + Math.max(...simplices.flat()), simplices });

describe('computeBetti on known complexes', () => {
  it('circle (flag 4-cycle and 7-cycle)', () => {
    for (const field of ['gf2', 'q'] as const) {
      expect(betti({ kind: 'flag', graph: cycleGraph(4) }, field, 1)).toEqual([1, 1]);
      expect(betti({ kind: 'flag', graph: cycleGraph(7) }, field, 2)).toEqual([1, 1, 0]);
    }
  });
  it('sphere (tetrahedron boundary, octahedron flag)', () => {
    for (const field of ['gf2', 'q'] as const) {
      expect(betti(explicit(SPHERE), field, 2)).toEqual([1, 0, 1]);
      expect(betti({ kind: 'flag', graph: octahedronGraph() }, field, 3)).toEqual([1, 0, 1, 0]);
    }
  });
  it('torus (7 vertices)', () => {
    for (const field of ['gf2', 'q'] as const) expect(betti(explicit(TORUS), field, 2)).toEqual([1, 2, 1]);
  });
  it('RP^2: GF(2) (1, 1, 1), Q (1, 0, 0)', () => {
    expect(betti(explicit(RP2), 'gf2', 2)).toEqual([1, 1, 1]);
    expect(betti(explicit(RP2), 'q', 2)).toEqual([1, 0, 0]);
  });
  it('Klein bottle: GF(2) (1, 2, 1), Q (1, 1, 0)', () => {
    expect(betti(explicit(kleinBottle()), 'gf2', 2)).toEqual([1, 2, 1]);
    expect(betti(explicit(kleinBottle()), 'q', 2)).toEqual([1, 1, 0]);
  });
  it('empty and discrete complexes', () => {
    expect(betti({ kind: 'explicit', size: 0, simplices: [] }, 'gf2', 1)).toEqual([0, 0]);
    expect(betti({ kind: 'explicit', size: 5, simplices: [[0], [3], [4]] }, 'q', 1)).toEqual([3, 0]);
    expect(betti({ kind: 'flag', graph: graphOf(3, []) }, 'gf2', 2)).toEqual([3, 0, 0]);
    expect(betti({ kind: 'flag', graph: graphOf(0, []) }, 'q', 1)).toEqual([0, 0]);
  });
  it('high dimensions: a 9-vertex simplex boundary is S^7, the 6-clique (flag) a point', () => {
    const facets = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((v) => [0, 1, 2, 3, 4, 5, 6, 7, 8].filter((x) => x !== v));
    expect(betti(explicit(facets), 'gf2', 7)).toEqual([1, 0, 0, 0, 0, 0, 0, 1]);
    expect(betti(explicit(facets), 'q', 2)).toEqual([1, 0, 0]);
    const k6: [number, number][] = [];
    for (let u = 0; u < 6; u++) for (let v = u + 1; v < 6; v++) k6.push([u, v]);
    expect(betti({ kind: 'flag', graph: graphOf(6, k6) }, 'q', 6)).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(() => computeBetti({ kind: 'flag', graph: graphOf(2, []) }, 'gf2', -1, T)).toThrow(RangeError);
  });
  it('records carry the target and the collapse leaves the caller graph alone', () => {
    const g = octahedronGraph();
    const res = computeBetti({ kind: 'flag', graph: g }, 'gf2', 1, { layer: 3, quotient: 'cone' });
    expect(g.edgeCount).toBe(12);
    expect(res.records.map((r) => (r as { t: string }).t)).toEqual(['reduce', 'rank', 'rank', 'cohomology', 'cohomology', 'betti']);
    for (const r of res.records) expect(r).toMatchObject({ layer: 3, quotient: 'cone' });
  });
});

/** A random graph on n ≤ 11 vertices. */
const graphArb = fc
  .integer({ min: 1, max: 11 })
  .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: (n * (n - 1)) / 2 })));

/** A random explicit complex: up to 8 simplices of up to 4 vertices on 0..7. */
const explicitArb = fc.array(fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 4 }), { maxLength: 8 });

describe('computeBetti agrees with a dense brute-force oracle', () => {
  it('random flag complexes, with and without collapse, both fields', () => {
    fc.assert(
      fc.property(graphArb, fc.constantFrom<Field>('gf2', 'q'), fc.integer({ min: 0, max: 2 }), ([n, edges], field, maxDim) => {
        const g = graphOf(n, edges);
        const all = cliquesOf(g.vertices(), (a, b) => g.hasEdge(a, b), maxDim + 1);
        const expected = bruteBetti(all, field, maxDim);
        expect(betti({ kind: 'flag', graph: g }, field, maxDim)).toEqual(expected);
        // the same complex without reduction (all cliques as explicit simplices)
        expect(betti({ kind: 'explicit', size: n, simplices: all.flat() }, field, maxDim)).toEqual(expected);
      }),
      fcOptions(150),
    );
  });
  it('random explicit complexes, both fields', () => {
    fc.assert(
      fc.property(explicitArb, fc.constantFrom<Field>('gf2', 'q'), fc.integer({ min: 0, max: 3 }), (simplices, field, maxDim) => {
        const expected = bruteBetti(closureOf(simplices, maxDim + 1), field, maxDim);
        expect(betti({ kind: 'explicit', size: 8, simplices }, field, maxDim)).toEqual(expected);
      }),
      fcOptions(150),
    );
  });
});
