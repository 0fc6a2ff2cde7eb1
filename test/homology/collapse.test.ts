import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseFlag } from '../../src/homology/collapse.js';
import { computeBetti } from '../../src/homology/computeBetti.js';
import type { Graph } from '../../src/homology/graph.js';
import { fcOptions } from '../fcSeed.js';
import { cliquesOf } from './bruteBetti.js';
import { cycleGraph, graphOf, octahedronGraph } from './complexes.js';

/** Is some vertex or edge of g dominated (by the definitions of FORMAT section 3, read literally)? */
function somethingDominated(g: Graph): string | null {
  const vs = g.vertices();
  for (const v of vs) {
    const nv = g.neighbours(v);
    for (const w of nv) if (nv.every((x) => x === w || g.hasEdge(w, x))) return `vertex ${v} by ${w}`;
  }
  for (const [u, v] of g.edgeList()) {
    const common = g.neighbours(u).filter((x) => g.hasEdge(v, x));
    for (const w of common) if (common.every((x) => x === w || g.hasEdge(w, x))) return `edge ${u}-${v} by ${w}`;
  }
  return null;
}

/** A random graph: n ≤ maxN vertices, edges with probability p (seeded by the arbitrary). */
const denseArbOf = (maxN: number) => fc.record({ n: fc.integer({ min: 1, max: maxN }), p: fc.integer({ min: 5, max: 95 }), seed: fc.integer() }).map(({ n, p, seed }) => {
  let s = seed | 0;
  const rnd = (): number => ((s = (Math.imul(s, 1103515245) + 12345) | 0), ((s >>> 8) % 100));
  const edges: [number, number][] = [];
  for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (rnd() < p) edges.push([u, v]);
  return graphOf(n, edges);
});
const denseArb = denseArbOf(40);

describe('collapseFlag', () => {
  it('keeps the circle and the octahedron, collapses a cone and a clique to a point', () => {
    expect(collapseFlag(cycleGraph(5)).steps).toEqual([]);
    expect(collapseFlag(octahedronGraph()).steps).toEqual([]);
    const k5 = graphOf(5, [[0, 1], [0, 2], [0, 3], [0, 4], [1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]);
    const r = collapseFlag(k5);
    expect(r.graph.vertices().length).toBe(1);
    expect(r.vertexSteps).toBe(4);
    expect(k5.edgeCount).toBe(10);
  });
  it('reaches a fixed point, leaves the input alone, and counts its steps', () => {
    fc.assert(
      fc.property(denseArb, (g) => {
        const edges = g.edgeList();
        const r = collapseFlag(g);
        expect(g.edgeList()).toEqual(edges);
        expect(somethingDominated(r.graph)).toBeNull();
        expect(r.steps.length).toBe(r.vertexSteps + r.edgeSteps);
        expect(r.steps.filter((s) => s.length === 2).length).toBe(r.vertexSteps);
      }),
      fcOptions(100),
    );
  });
  it('never changes the Betti numbers (reduced vs all cliques, denser graphs than the oracle test)', () => {
    fc.assert(
      fc.property(denseArbOf(24), fc.constantFrom('gf2' as const, 'q' as const), (g, field) => {
        const all = cliquesOf(g.vertices(), (a, b) => g.hasEdge(a, b), 3).flat();
        const T = { layer: 0, quotient: 'none' } as const;
        const reduced = computeBetti({ kind: 'flag', graph: g }, field, 2, T).betti;
        expect(computeBetti({ kind: 'explicit', size: g.size, simplices: all }, field, 2, T).betti).toEqual(reduced);
      }),
      fcOptions(40),
    );
  });
});
