// knnGraph.test.ts: the exact kNN graph and its tie rule, hop graphs, rips graphs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { Graph } from '../../src/homology/graph.js';
import { UNREACHABLE_HOPS, hopDistances, hopGraph } from '../../src/homology/hopGraph.js';
import { integerPoints } from '../../src/homology/integerPoints.js';
import { knnGraph } from '../../src/homology/knnGraph.js';
import { ripsGraph } from '../../src/homology/ripsGraph.js';
import { fcOptions } from '../fcSeed.js';

const pts = (rows: (number | string)[][]): Rat[][] => rows.map((r) => r.map((x) => (typeof x === 'string' ? Rat.parse(x, { canonicalOnly: false }) : Rat.int(BigInt(x)))));

/** The definition read literally: sort all others by (distance, index), count ties. */
function naiveKnn(points: readonly (readonly Rat[])[], k: number): { neighbours: number[][]; tieChoices: number } {
  const d2 = (a: readonly Rat[], b: readonly Rat[]): Rat => a.reduce((s, x, i) => s.add(x.sub(b[i]!).mul(x.sub(b[i]!))), Rat.ZERO);
  let tieChoices = 0;
  const neighbours = points.map((p, i) => {
    const others = points.map((q, j) => ({ j, d: d2(p, q) })).filter((o) => o.j !== i);
    others.sort((a, b) => a.d.cmp(b.d) || a.j - b.j);
    const chosen = others.slice(0, Math.max(0, k - 1));
    const left = others.slice(Math.max(0, k - 1));
    const di = chosen.length === 0 ? Rat.ZERO : chosen[chosen.length - 1]!.d;
    if (left.some((o) => o.d.eq(di))) tieChoices += chosen.filter((o) => o.d.eq(di)).length + (di.isZero() ? 1 : 0);
    return [i, ...chosen.map((o) => o.j)];
  });
  return { neighbours, tieChoices };
}

/** A graph from an edge list on n vertices (all present). */
function graphOf(n: number, edges: readonly [number, number][]): Graph {
  const g = new Graph(n);
  for (let v = 0; v < n; v++) g.addVertex(v);
  for (const [u, v] of edges) if (u !== v) g.addEdge(u, v);
  return g;
}

describe('knnGraph: the tie rule', () => {
  // 3 × 3 grid, sample 3y + x at (x, y).
  const grid = pts([0, 1, 2].flatMap((y) => [0, 1, 2].map((x) => [x, y])));

  it('3x3 grid, k = 3: equal distances go to the lower index; ties counted per FORMAT', () => {
    const r = knnGraph(grid, 3);
    expect(r.neighbours).toEqual([
      [0, 1, 3],
      [1, 0, 2], // 4 also at distance 1: left out
      [2, 1, 5],
      [3, 0, 4], // 6 left out
      [4, 1, 3], // 5 and 7 left out
      [5, 2, 4], // 8 left out
      [6, 3, 7],
      [7, 4, 6], // 8 left out
      [8, 5, 7],
    ]);
    // the four edge midpoints and the centre each had 2 neighbours chosen among tied ones
    expect(r.tieChoices).toBe(10);
    expect(r.graph.edgeList()).toEqual([
      [0, 1], [0, 3], [1, 2], [1, 4], [2, 5], [3, 4], [3, 6], [4, 5], [4, 7], [5, 8], [6, 7], [7, 8],
    ]);
  });

  it('k = 1: only the sample itself (no edges, no ties); k ≥ N: everybody, no ties', () => {
    const one = knnGraph(grid, 1);
    expect(one.graph.edgeCount).toBe(0);
    expect(one.tieChoices).toBe(0);
    const all = knnGraph(grid, 20);
    expect(all.graph.edgeCount).toBe(36);
    expect(all.tieChoices).toBe(0);
    expect(knnGraph([], 3).graph.size).toBe(0);
  });

  it('duplicate points: the sample itself counts as a neighbour at distance d_i = 0', () => {
    const r = knnGraph(pts([[0, 0], [0, 0], [5, 5]]), 1);
    expect(r.tieChoices).toBe(2); // samples 0 and 1 each left the other out at distance 0
    expect(r).toMatchObject(naiveKnn(pts([[0, 0], [0, 0], [5, 5]]), 1));
  });

  it('exact distances: values that are equal as doubles are ordered correctly', () => {
    // |x_1| = 2^53 + 1 > |x_2| = 2^53: as doubles both are 2^53 and the tie would go to 1.
    const big = 2n ** 53n;
    const p = [[Rat.ZERO], [Rat.int(big + 1n)], [Rat.int(-big)]];
    const r = knnGraph(p, 2);
    expect(r.neighbours[0]).toEqual([0, 2]);
    expect(r.tieChoices).toBe(0);
    // rationals with different denominators
    const q = pts([['0'], ['1/3'], ['-1/3'], ['2/7']]);
    expect(knnGraph(q, 3).neighbours[0]).toEqual([0, 3, 1]);
    expect(knnGraph(q, 3).tieChoices).toBe(1);
  });

  it('agrees with the definition read literally on random small point sets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 3 })), { minLength: 0, maxLength: 14 }),
        fc.integer({ min: 1, max: 8 }),
        (raw, k) => {
          const p = raw.map(([x, y, d]) => [Rat.of(BigInt(x), BigInt(d)), Rat.of(BigInt(y), 2n)]);
          const r = knnGraph(p, k);
          const want = naiveKnn(p, k);
          expect(r.neighbours).toEqual(want.neighbours);
          expect(r.tieChoices).toBe(want.tieChoices);
          for (const [i, ns] of want.neighbours.entries()) for (const j of ns) if (j !== i) expect(r.graph.hasEdge(i, j)).toBe(true);
          expect(r.graph.edgeCount).toBe(new Set(want.neighbours.flatMap((ns, i) => ns.filter((j) => j !== i).map((j) => `${Math.min(i, j)},${Math.max(i, j)}`))).size);
        },
      ),
      fcOptions(150),
    );
  });
  it('agrees with the definition on random 3-D point sets (the sweep stops early, ties kept)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -20, max: 20 })), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (raw, k) => {
          const p = raw.map(([x, y, z]) => [Rat.int(BigInt(x)), Rat.int(BigInt(y)), Rat.of(BigInt(z), 4n)]);
          const r = knnGraph(p, k);
          const want = naiveKnn(p, k);
          expect(r.neighbours).toEqual(want.neighbours);
          expect(r.tieChoices).toBe(want.tieChoices);
        },
      ),
      fcOptions(100),
    );
  });
});

describe('hopGraph', () => {
  /** All-pairs hop distances by Floyd–Warshall, 1000 between components. */
  function floyd(g: Graph): number[][] {
    const n = g.size;
    const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : g.hasEdge(i, j) ? 1 : Infinity)));
    for (let m = 0; m < n; m++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i]![j] = Math.min(d[i]![j]!, d[i]![m]! + d[m]![j]!);
    return d.map((row) => row.map((x) => (x === Infinity ? UNREACHABLE_HOPS : x)));
  }

  it('edge iff hop ≤ eps (1000 between components) on random graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 }))),
        fc.constantFrom('0', '1/2', '1', '5/2', '3', '999', '1000', '2001/2'),
        ([n, edges], epsText) => {
          const g = graphOf(n, edges);
          const eps = Rat.parse(epsText);
          const h = hopGraph(g, eps);
          const d = floyd(g);
          for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) expect(h.hasEdge(u, v)).toBe(Rat.int(BigInt(d[u]![v]!)).cmp(eps) <= 0);
        },
      ),
      fcOptions(150),
    );
  });

  it('hopDistances: −1 beyond the depth bound and for absent vertices', () => {
    const g = graphOf(4, [[0, 1], [1, 2], [2, 3]]);
    expect([...hopDistances(g, 0)]).toEqual([0, 1, 2, 3]);
    expect([...hopDistances(g, 0, 2)]).toEqual([0, 1, 2, -1]);
    g.removeVertex(3);
    expect([...hopDistances(g, 3)]).toEqual([-1, -1, -1, -1]);
    // absent vertices stay absent in the hop graph
    expect(hopGraph(g, Rat.int(1000n)).vertices()).toEqual([0, 1, 2]);
  });
});

describe('ripsGraph', () => {
  it('edge iff the exact squared distance ≤ eps2 (boundary included)', () => {
    const p = pts([[0, 0], ['1/3', 0], [0, '1/2'], [1, 1]]);
    // squared distances: 01 1/9, 02 1/4, 12 13/36, 03 2, 13 13/9, 23 5/4
    expect(ripsGraph(p, Rat.of(1n, 9n)).edgeList()).toEqual([[0, 1]]);
    expect(ripsGraph(p, Rat.of(13n, 36n)).edgeList()).toEqual([[0, 1], [0, 2], [1, 2]]);
    expect(ripsGraph(p, Rat.of(13n, 36n).sub(Rat.of(1n, 10n ** 30n))).edgeList()).toEqual([[0, 1], [0, 2]]);
    expect(ripsGraph(p, Rat.ZERO).edgeCount).toBe(0);
    expect(ripsGraph(p, Rat.int(2n)).edgeCount).toBe(6);
  });

  it('integerPoints: one common denominator, every coordinate an integer', () => {
    const ip = integerPoints(pts([['1/6', '3/4'], [2, '-5/9']]));
    expect(ip.scale).toBe(36n);
    expect(ip.coords).toEqual([[6n, 27n], [72n, -20n]]);
  });
});
