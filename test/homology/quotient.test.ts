// quotient.test.ts: cone and metric quotients (flag and explicit), and where the two disagree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import type { ComplexInput } from '../../src/homology/computeBetti.js';
import { Graph } from '../../src/homology/graph.js';
import { UNREACHABLE_HOPS, hopGraph } from '../../src/homology/hopGraph.js';
import { knnGraph } from '../../src/homology/knnGraph.js';
import { coneQuotient, metricQuotient, validateClasses } from '../../src/homology/quotient.js';
import { fcOptions } from '../fcSeed.js';
import { flagSimplices, refBetti } from './refBetti.js';

/** GF(2) Betti numbers of a complex input by the test reference. */
function betti(c: ComplexInput, maxDim: number): number[] {
  return c.kind === 'flag' ? refBetti(flagSimplices(c.graph, maxDim + 1), maxDim) : refBetti(c.simplices, maxDim);
}

/** Eight points on a circle, each one's two nearest being its neighbours on it (no ties). */
const OCTAGON = [[3, 0], [2, 2], [0, 3], [-2, 2], [-3, 0], [-2, -2], [0, -3], [2, -2]].map((p) => p.map((x) => Rat.int(BigInt(x))));

describe('cone and metric quotients', () => {
  const knn = knnGraph(OCTAGON, 3);
  const flag = (eps: string): ComplexInput => ({ kind: 'flag', graph: hopGraph(knn.graph, Rat.parse(eps)) });

  it('the octagon at eps = 1 is a circle; kNN graph is the 8-cycle', () => {
    expect(knn.tieChoices).toBe(0);
    expect(knn.graph.edgeCount).toBe(8);
    expect(betti(flag('1'), 2)).toEqual([1, 1, 0]);
  });

  it('they disagree: gluing samples 0 and 2 (eps = 1): the cone adds a loop, the metric quotient merges two edges', () => {
    const cone = coneQuotient(flag('1'), 8, [[0, 2]]);
    expect(cone.kind === 'flag' && cone.graph.neighbours(8)).toEqual([0, 2]);
    expect(betti(cone, 2)).toEqual([1, 2, 0]);
    const metric = metricQuotient(knn.graph, Rat.int(1n), [[0, 2]]);
    expect(metric.kind === 'flag' && metric.graph.vertices()).toEqual([0, 1, 3, 4, 5, 6, 7]);
    expect(betti(metric, 2)).toEqual([1, 1, 0]);
  });

  it('they disagree: antipodal samples 0 and 4 at eps = 5/2: shortcut simplices kill both loops', () => {
    expect(betti(coneQuotient(flag('5/2'), 8, [[0, 4]]), 2)).toEqual([1, 2, 0]);
    expect(betti(metricQuotient(knn.graph, Rat.of(5n, 2n), [[0, 4]]), 2)).toEqual([1, 0, 0]);
  });

  it('a class spanning an arc: cone and metric agree (both contract it)', () => {
    expect(betti(coneQuotient(flag('1'), 8, [[0, 1, 2]]), 2)).toEqual([1, 1, 0]);
    expect(betti(metricQuotient(knn.graph, Rat.int(1n), [[0, 1, 2]]), 2)).toEqual([1, 1, 0]);
  });

  it('no classes: the cone quotient is K, the metric quotient is K', () => {
    const k = flag('5/2');
    const c = coneQuotient(k, 8, []);
    expect(c.kind === 'flag' && c.graph.edgeList()).toEqual(k.kind === 'flag' && k.graph.edgeList());
    const m = metricQuotient(knn.graph, Rat.of(5n, 2n), []);
    expect(m.kind === 'flag' && m.graph.edgeList()).toEqual(k.kind === 'flag' && k.graph.edgeList());
  });

  it('bad classes are refused', () => {
    expect(() => validateClasses([[1]], 4)).toThrow(RangeError);
    expect(() => validateClasses([[0, 1], [1, 2]], 4)).toThrow(RangeError);
    expect(() => validateClasses([[0, 4]], 4)).toThrow(RangeError);
    expect(() => validateClasses([[0, 2], [1, 3]], 4)).not.toThrow();
  });

  it('explicit cone: cone simplices from each listed simplex’s members of the class', () => {
    const k: ComplexInput = { kind: 'explicit', size: 5, simplices: [[0, 1, 2], [2, 3], [4]] };
    const c = coneQuotient(k, 5, [[1, 2, 4]]);
    expect(c).toEqual({ kind: 'explicit', size: 6, simplices: [[0, 1, 2], [2, 3], [4], [5], [1, 2, 5], [2, 5], [4, 5]] });
    expect(betti(k, 1)).toEqual([2, 0]);
    expect(betti(c, 1)).toEqual([1, 0]);
  });

  it('metric quotient = the paper’s recipe (class distance = min over members, shortest paths, Rips) on random graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 16 }),
            fc.array(fc.nat(3), { minLength: n, maxLength: n }),
            fc.constantFrom('1', '2', '5/2', '4', '1000'),
          ),
        ),
        ([n, edges, label, epsText]) => {
          const g = new Graph(n);
          for (let v = 0; v < n; v++) g.addVertex(v);
          for (const [u, v] of edges) if (u !== v) g.addEdge(u, v);
          const classes = [1, 2, 3].map((c) => label.flatMap((l, v) => (l === c ? [v] : []))).filter((c) => c.length >= 2);
          // hop distances in the kNN graph, 1000 between components
          const H = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : g.hasEdge(i, j) ? 1 : Infinity)));
          for (let m = 0; m < n; m++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H[i]![j] = Math.min(H[i]![j]!, H[i]![m]! + H[m]![j]!);
          for (const row of H) row.forEach((x, j) => (row[j] = x === Infinity ? UNREACHABLE_HOPS : x));
          // quotient points: each class, and each other sample alone; distance = min over members; then shortest paths
          const inClass = new Set(classes.flat());
          const groups = [...classes, ...Array.from({ length: n }, (_, v) => [v]).filter(([v]) => !inClass.has(v!))];
          const Q = groups.map((a) => groups.map((b) => Math.min(...a.flatMap((x) => b.map((y) => H[x]![y]!)))));
          const q = groups.length;
          for (let m = 0; m < q; m++) for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) Q[i]![j] = Math.min(Q[i]![j]!, Q[i]![m]! + Q[m]![j]!);
          const eps = Rat.parse(epsText);
          const got = metricQuotient(g, eps, classes);
          if (got.kind !== 'flag') throw new Error('flag expected');
          const rep = groups.map((grp) => Math.min(...grp));
          expect(got.graph.vertices()).toEqual([...rep].sort((a, b) => a - b));
          for (let i = 0; i < q; i++) {
            for (let j = 0; j < q; j++) {
              if (i !== j) expect(got.graph.hasEdge(rep[i]!, rep[j]!)).toBe(Rat.int(BigInt(Q[i]![j]!)).cmp(eps) <= 0);
            }
          }
        },
      ),
      fcOptions(150),
    );
  });

  it('random flag complexes: the cone of the flag form and of the explicit form agree (GF(2) reference)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 18 }),
            fc.array(fc.nat(2), { minLength: n, maxLength: n }), // class label per vertex: 0 none, 1, 2
          ),
        ),
        ([n, edges, label]) => {
          const g = new Graph(n);
          for (let v = 0; v < n; v++) g.addVertex(v);
          for (const [u, v] of edges) if (u !== v) g.addEdge(u, v);
          const classes = [1, 2].map((c) => label.flatMap((l, v) => (l === c ? [v] : []))).filter((c) => c.length >= 2);
          const asFlag = coneQuotient({ kind: 'flag', graph: g }, n, classes);
          const asExplicit = coneQuotient({ kind: 'explicit', size: n, simplices: flagSimplices(g, 3) }, n, classes);
          expect(betti(asExplicit, 2)).toEqual(betti(asFlag, 2));
        },
      ),
      fcOptions(100),
    );
  });
});
