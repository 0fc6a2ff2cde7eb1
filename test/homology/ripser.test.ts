// ripser.test.ts: certified Betti numbers agree with Debian's ripser on random flag complexes and their cone quotients.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeBetti } from '../../src/homology/computeBetti.js';
import { Graph } from '../../src/homology/graph.js';
import { coneQuotient } from '../../src/homology/quotient.js';
import { prng } from '../bench/prng.js';
import { flagSimplices, refBetti } from './refBetti.js';
import { HAVE_RIPSER, RIPSER, ripserAvailable, ripserBetti } from './ripserBetti.js';

/** A random graph on n vertices with edge probability p (some ids absent when `holes`). */
function randomGraph(rand: () => number, n: number, p: number, holes = false): Graph {
  const g = new Graph(n);
  for (let v = 0; v < n; v++) if (!holes || rand() > 0.15) g.addVertex(v);
  const vs = g.vertices();
  for (const u of vs) for (const v of vs) if (u < v && rand() < p) g.addEdge(u, v);
  return g;
}

/** Random disjoint classes of size ≥ 2 among the present vertices. */
function randomClasses(rand: () => number, g: Graph): number[][] {
  const label = new Map<number, number>();
  for (const v of g.vertices()) label.set(v, Math.floor(rand() * 4)); // 0: no class
  const classes = [1, 2, 3].map((c) => g.vertices().filter((v) => label.get(v) === c)).filter((c) => c.length >= 2);
  return classes.sort((a, b) => a[0]! - b[0]!);
}

const run = ripserAvailable();

describe.skipIf(!run)(`agreement with ${RIPSER}`, () => {
  it('the harness: ripser agrees with the plain GF(2) reference on small random flag complexes', () => {
    const rand = prng(7);
    for (let i = 0; i < 10; i++) {
      const g = randomGraph(rand, 4 + Math.floor(rand() * 7), 0.3 + 0.5 * rand());
      expect(ripserBetti(g, 2)).toEqual(refBetti(flagSimplices(g, 3), 2));
    }
  });

  it('120 random flag complexes (dims 0..2, some with absent ids): GF(2) Betti numbers equal ripser’s', () => {
    const rand = prng(42);
    for (let i = 0; i < 120; i++) {
      const n = 5 + Math.floor(rand() * 40);
      const p = 0.05 + 0.6 * rand();
      const g = randomGraph(rand, n, p, i % 3 === 0);
      const maxDim = i % 4 === 0 ? 3 : 2;
      const want = ripserBetti(g, maxDim);
      const got = computeBetti({ kind: 'flag', graph: g }, 'gf2', maxDim, { layer: 0, quotient: 'none' }).betti;
      expect(got, `complex ${i}: n=${n} p=${p.toFixed(2)} edges=${g.edgeCount}`).toEqual(want);
    }
  });

  it('30 cone quotients of random flag complexes (flag and explicit forms) equal ripser’s on the cone graph', () => {
    const rand = prng(4242);
    for (let i = 0; i < 30; i++) {
      const n = 6 + Math.floor(rand() * 24);
      const g = randomGraph(rand, n, 0.1 + 0.4 * rand());
      const classes = randomClasses(rand, g);
      const cone = coneQuotient({ kind: 'flag', graph: g }, n, classes);
      if (cone.kind !== 'flag') throw new Error('flag cone expected');
      const want = ripserBetti(cone.graph, 2);
      expect(computeBetti(cone, 'gf2', 2, { layer: 1, quotient: 'cone' }).betti, `cone ${i}`).toEqual(want);
      const explicit = coneQuotient({ kind: 'explicit', size: n, simplices: flagSimplices(g, 3) }, n, classes);
      expect(computeBetti(explicit, 'gf2', 2, { layer: 1, quotient: 'cone' }).betti, `explicit cone ${i}`).toEqual(want);
    }
  });

  it.skipIf(!existsSync(`${RIPSER}-coeff`))('over Q: equal to ripser-coeff mod 101 on 20 random flag complexes (no torsion expected at this size)', () => {
    const rand = prng(99);
    for (let i = 0; i < 20; i++) {
      const g = randomGraph(rand, 5 + Math.floor(rand() * 25), 0.1 + 0.5 * rand());
      expect(computeBetti({ kind: 'flag', graph: g }, 'q', 2, { layer: 0, quotient: 'none' }).betti, `complex ${i}`).toEqual(ripserBetti(g, 2, 101));
    }
  });
});

it('ripser presence is reported (skips are visible)', () => {
  expect(typeof HAVE_RIPSER).toBe('boolean');
});
