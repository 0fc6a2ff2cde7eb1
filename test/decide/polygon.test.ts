// The rank-2 'polygon' route of Q(j, n): the exact image polygon of G_n (polygonHull), its
// region-level facet bounds, and its answers against the general route and decideSystem.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { decideSystem } from '../../src/decide/membershipCore.js';
import { polygonHull } from '../../src/decide/polygon.js';
import { maximizeFrom, vertexBasis } from '../../src/decide/polygonLp.js';
import { type PreparedRegion, type QueryAnswer, prepareRegion, queryRegion } from '../../src/decide/regionQuery.js';
import { rationalQuery, verifyAnswer } from '../../src/decide/verifyAnswer.js';
import { optimize } from '../../src/lp/optimize.js';
import { profilePoints } from '../../src/net/profile.js';
import { computeLayers } from '../../src/net/regions.js';
import { fcOptions } from '../fcSeed.js';
import { netCaseArb } from './decideCases.js';

const FC_OPTS = { seed: Number(process.env['FC_SEED'] ?? 42) };

type Rows = readonly (readonly bigint[])[];

interface Raw {
  ineqA: bigint[][];
  ineqB: bigint[];
  M: bigint[][];
  c: bigint[];
  den: bigint;
  yN: bigint[];
  yDen: bigint;
  xj: Rat[];
}

const dot = (a: readonly bigint[], x: readonly bigint[]): bigint => a.reduce((s, v, i) => s + v * (x[i] as bigint), 0n);

/** Every region-level bound: λ ≥ 0 on region rows, λᵀA + μᵀM = 0 (indices in range, no zeros). */
function expectValidBounds(reg: PreparedRegion): void {
  for (const { lambda, mu } of reg.bounds) {
    const v = new Array<bigint>(reg.d).fill(0n);
    for (const [i, l] of lambda) {
      expect(l > 0n).toBe(true);
      expect(i >= 0 && i < reg.ineqA.length).toBe(true);
      (reg.ineqA[i] as bigint[]).forEach((a, k) => (v[k] = (v[k] as bigint) + l * a));
    }
    for (const [i, m] of mu) {
      expect(m !== 0n).toBe(true);
      expect(i >= 0 && i < reg.M.length).toBe(true);
      (reg.M[i] as bigint[]).forEach((a, k) => (v[k] = (v[k] as bigint) + m * a));
    }
    expect(v.every((x) => x === 0n)).toBe(true);
  }
}

/** The hull's own certificates: vertices in A z ≤ b with w = (r1·z, r2·z), facets valid and tight, strictly convex. */
function expectValidHull(A: Rows, b: readonly bigint[], r1: readonly bigint[], r2: readonly bigint[]): number {
  const hull = polygonHull(A, b, r1, r2);
  if (hull === null) return 0;
  const { vertices: V, facets: F } = hull;
  expect(V.length).toBeGreaterThanOrEqual(3);
  expect(F.length).toBe(V.length);
  for (const v of V) {
    expect(v.den > 0n).toBe(true);
    A.forEach((row, i) => expect(dot(row, v.zNum) <= (b[i] as bigint) * v.den).toBe(true));
    expect(v.wNum).toEqual([dot(r1, v.zNum), dot(r2, v.zNum)]);
  }
  F.forEach((f, k) => {
    expect(f.vD > 0n).toBe(true);
    // λ ≥ 0 with λᵀA = s·(h0 r1 + h1 r2), λᵀb = s·vN/vD for one s > 0
    const c = r1.map((v, i) => f.h[0] * v + f.h[1] * (r2[i] as bigint));
    const la = new Array<bigint>(c.length).fill(0n);
    let lb = 0n;
    for (const [i, l] of f.lambda) {
      expect(l > 0n).toBe(true);
      (A[i] as bigint[]).forEach((a, t) => (la[t] = (la[t] as bigint) + l * a));
      lb += l * (b[i] as bigint);
    }
    const t = c.findIndex((x) => x !== 0n);
    expect(t).toBeGreaterThanOrEqual(0);
    // s = la[t] / c[t] > 0, and la = s·c, lb = s·vN/vD
    expect((la[t] as bigint) * (c[t] as bigint) > 0n).toBe(true);
    c.forEach((ci, i) => expect((la[i] as bigint) * (c[t] as bigint)).toBe(ci * (la[t] as bigint)));
    expect(lb * (c[t] as bigint) * f.vD).toBe((la[t] as bigint) * f.vN);
    // every vertex inside, the edge's two ends on the facet, the others strictly inside
    V.forEach((v, j) => {
      const lhs = (f.h[0] * v.wNum[0] + f.h[1] * v.wNum[1]) * f.vD;
      const rhs = f.vN * v.den;
      if (j === k || j === (k + 1) % V.length) expect(lhs).toBe(rhs);
      else expect(lhs < rhs).toBe(true);
    });
  });
  return V.length;
}

/** The integer system for decideSystem: M z = f scaled by yDen. */
function feasibleBySystem(r: Raw): boolean {
  const d = decideSystem({
    ineqA: r.ineqA,
    ineqB: r.ineqB,
    eqA: r.M.map((row) => row.map((v) => v * r.yDen)),
    eqB: r.yN.map((y, i) => r.den * y - r.yDen * (r.c[i] as bigint)),
  }, r.ineqA[0]?.length ?? r.M[0]?.length ?? 0);
  return d.kind === 'witness';
}

const paths: Record<string, number> = {};

/** Query with the polygon and without it; check certificates, kinds, and the bounds. */
function compare(r: Raw, reg: PreparedRegion, plain: PreparedRegion): QueryAnswer {
  const ans = queryRegion(reg, r.yN, r.yDen, r.xj);
  plain.polygon = null;
  const ref = queryRegion(plain, r.yN, r.yDen, r.xj);
  const sys = rationalQuery(r.ineqA, r.ineqB, r.M, r.c, r.den, r.yN, r.yDen);
  expect(verifyAnswer(sys, ans, r.xj), ans.path).toBeUndefined();
  expect(verifyAnswer(sys, ref, r.xj), ref.path).toBeUndefined();
  expect(ans.answer, `${ans.path} vs ${ref.path}`).toBe(ref.answer);
  expect(ans.answer !== 'no').toBe(feasibleBySystem(r));
  expect(ref.path).not.toBe('polygon');
  if (ans.path === 'polygon') {
    paths[`polygon-${ans.answer}`] = (paths[`polygon-${ans.answer}`] ?? 0) + 1;
    if (ans.answer === 'no') {
      expect(ans.bound).toBeDefined();
      expect(reg.bounds[ans.bound as number]).toEqual({ lambda: ans.lambda, mu: ans.mu });
    }
  } else {
    paths[ans.path] = (paths[ans.path] ?? 0) + 1;
  }
  expectValidBounds(reg);
  return ans;
}

const big = (xs: number[]): bigint[] => xs.map((x) => BigInt(x));
const q = (n: number, d = 1): Rat => Rat.of(BigInt(n), BigInt(d));

afterAll(() => {
  if (Object.values(paths).reduce((a, b) => a + b, 0) < 200) return;
  expect(paths['polygon-yes'] ?? 0).toBeGreaterThan(0);
  expect(paths['polygon-no'] ?? 0).toBeGreaterThan(0);
  console.log('polygon routes:', JSON.stringify(paths));
});

describe('polygonHull', () => {
  it('the unit cube under (x, y) is the unit square; under (x + z, y + z) a hexagon', () => {
    const A = [big([1, 0, 0]), big([-1, 0, 0]), big([0, 1, 0]), big([0, -1, 0]), big([0, 0, 1]), big([0, 0, -1])];
    const b = big([1, 0, 1, 0, 1, 0]);
    expect(expectValidHull(A, b, big([1, 0, 0]), big([0, 1, 0]))).toBe(4);
    expect(expectValidHull(A, b, big([1, 0, 1]), big([0, 1, 1]))).toBe(6);
    // a slab unbounded along z projects to a strip: no polygon (an LP is unbounded)
    expect(polygonHull(A.slice(0, 4), b.slice(0, 4), big([1, 0, 1]), big([0, 1, 0]))).toBeNull();
    // a segment image (w2 = 2 w1) is degenerate: no polygon
    expect(polygonHull(A, b, big([1, 1, 0]), big([2, 2, 0]))).toBeNull();
    // an empty set: no polygon
    expect(polygonHull([...A, big([1, 1, 1])], [...b, -1n], big([1, 0, 0]), big([0, 1, 0]))).toBeNull();
  });

  it('the warm vertex simplex agrees with optimize (random directions over random polytopes)', () => {
    const row = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(fc.record({ a: row, b: fc.integer({ min: 0, max: 6 }) }), { minLength: 0, maxLength: 8 }), fc.array(row, { minLength: 1, maxLength: 6 }), (extra, dirs) => {
        // the cube [−5, 5]^3 keeps it bounded; extra rows a·z ≤ b with b ≥ 0 keep 0 inside
        const A: bigint[][] = [];
        const b: bigint[] = [];
        for (let k = 0; k < 3; k++) {
          for (const s of [1n, -1n]) {
            A.push([0n, 0n, 0n].map((_, t) => (t === k ? s : 0n)));
            b.push(5n);
          }
        }
        for (const e of extra) {
          A.push(big(e.a));
          b.push(BigInt(e.b));
        }
        const first = optimize(A, b, [1n, 0n, 0n]);
        if (first.kind !== 'optimal') throw new Error('bounded and non-empty');
        const den = first.x.reduce((l, v) => l * v.d, 1n);
        let basis = vertexBasis(A, b, first.x.map((v) => (v.n * den) / v.d), den, first.dual.map(({ row }) => row));
        expect(basis).not.toBeNull();
        for (const dir of dirs) {
          const c = big(dir);
          const ref = optimize(A, b, c);
          if (ref.kind !== 'optimal') throw new Error('bounded');
          const res = maximizeFrom(A, b, c, basis as number[]);
          expect(res).not.toBeNull();
          expect(res).not.toBe('unbounded');
          if (res === null || res === 'unbounded') return;
          expect(res.valueNum * ref.value.d).toBe(ref.value.n * res.den);
          const la = [0n, 0n, 0n];
          for (const [i, l] of res.lambda) {
            expect(l > 0n).toBe(true);
            (A[i] as bigint[]).forEach((a, t) => (la[t] = (la[t] as bigint) + l * a));
          }
          expect(la).toEqual(c.map((v) => v * res.den));
          basis = [...res.basis];
        }
      }),
      { ...FC_OPTS, numRuns: 150 },
    );
  });
});

describe('queryRegion: the polygon route (rank 2, d = 3)', () => {
  // the unit cube; M = [[1,0,0],[0,1,0],[1,1,0]] (rank 2, one dependent row): w = (x, y)
  const A = [big([1, 0, 0]), big([-1, 0, 0]), big([0, 1, 0]), big([0, -1, 0]), big([0, 0, 1]), big([0, 0, -1])];
  const b = big([1, 0, 1, 0, 1, 0]);
  const M = [big([1, 0, 0]), big([0, 1, 0]), big([1, 1, 0])];
  const c = big([0, 0, 0]);
  const origin = [q(0), q(0), q(0)];
  const raw = (y: [number, number], yDen: number, xj: Rat[] = [q(5), q(5), q(5)]): Raw => ({
    ineqA: A,
    ineqB: b,
    M,
    c,
    den: 1n,
    yN: big([y[0], y[1], y[0] + y[1]]),
    yDen: BigInt(yDen),
    xj,
  });
  const reg = prepareRegion(3, A, b, M, c, 1n);
  const plain = prepareRegion(3, A, b, M, c, 1n);

  it('inside, on the boundary, outside each facet, and x_j itself', () => {
    expect(compare(raw([1, 1], 2), reg, plain)).toMatchObject({ answer: 'yes', path: 'polygon' });
    expect(compare(raw([1, 0], 1), reg, plain)).toMatchObject({ answer: 'yes', path: 'polygon' });
    expect(compare(raw([0, 1], 3), reg, plain)).toMatchObject({ answer: 'yes', path: 'polygon' });
    for (const y of [[3, 1], [-1, 1], [1, 3], [1, -1], [5, 5]] as [number, number][]) {
      expect(compare(raw(y, 2), reg, plain)).toMatchObject({ answer: 'no', path: 'polygon' });
    }
    expect(reg.polygon).toBeTruthy();
    expect(reg.polygon?.facets.length).toBe(4);
    // x_j = 0 is a preimage of w = 0, but so is (0, 0, 1): some witness other than x_j is found
    expect(compare(raw([0, 0], 1, origin), reg, plain).answer).toBe('yes');
    // a dependent row inconsistent with the others is settled before the polygon
    expect(compare({ ...raw([1, 1], 2), yN: big([1, 1, 3]) }, reg, plain).path).toBe('eq-inconsistent');
  });

  it('x_j the only preimage (a polygon vertex with one preimage): pinned, by the general route', () => {
    // the simplex x, y, z ≥ 0, x + y + z ≤ 1 with w = (x, y + z): w = 0 forces x = y = z = 0
    const S = [big([-1, 0, 0]), big([0, -1, 0]), big([0, 0, -1]), big([1, 1, 1])];
    const sb = big([0, 0, 0, 1]);
    const SM = [big([1, 0, 0]), big([0, 1, 1])];
    const r: Raw = { ineqA: S, ineqB: sb, M: SM, c: [0n, 0n], den: 1n, yN: [0n, 0n], yDen: 1n, xj: origin };
    const sreg = prepareRegion(3, S, sb, SM, [0n, 0n], 1n);
    const ans = compare(r, sreg, prepareRegion(3, S, sb, SM, [0n, 0n], 1n));
    expect(ans.answer).toBe('pinned');
    expect(compare({ ...r, yN: [1n, 1n], yDen: 4n }, sreg, prepareRegion(3, S, sb, SM, [0n, 0n], 1n))).toMatchObject({ answer: 'yes', path: 'polygon' });
    expect(compare({ ...r, yN: [1n, 1n], yDen: 1n }, sreg, prepareRegion(3, S, sb, SM, [0n, 0n], 1n))).toMatchObject({ answer: 'no', path: 'polygon' });
  });

  it('random polytopes and rank-2 maps: certificates verify, kinds agree with the general route', () => {
    const small = fc.integer({ min: -3, max: 3 });
    const vec = fc.array(small, { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: vec, b: fc.integer({ min: -1, max: 4 }) }), { maxLength: 7 }),
        fc.tuple(vec, vec),
        fc.array(fc.tuple(small, small), { maxLength: 2 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: -12, max: 12 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 3, maxLength: 3 }),
        (extra, [m1, m2], combos, den, images, xjv) => {
          const A: bigint[][] = [];
          const bb: bigint[] = [];
          for (let k = 0; k < 3; k++) {
            for (const s of [1n, -1n]) {
              A.push([0n, 0n, 0n].map((_, t) => (t === k ? s : 0n)));
              bb.push(3n);
            }
          }
          for (const e of extra) {
            A.push(big(e.a));
            bb.push(BigInt(e.b));
          }
          const M = [big(m1), big(m2), ...combos.map(([s, t]) => m1.map((v, i) => BigInt(s * v + t * (m2[i] as number))))];
          const rank = M.length > 0 ? prepareRegion(3, A, bb, M, M.map(() => 0n), 1n).red.rank : 0;
          if (rank !== 2) return;
          const cc = M.map((_, i) => BigInt(i % 3) - 1n);
          const reg = prepareRegion(3, A, bb, M, cc, BigInt(den));
          const plain = prepareRegion(3, A, bb, M, cc, BigInt(den));
          const xj = xjv.map((v) => q(v));
          for (const [u, v, yDen] of images) {
            // an image in the map's range: y = (M z + c)/den at z = (u, v, 0)/yDen, or x_j's own image
            const zN = u === 0 && v === 0 ? xjv.map((t) => BigInt(t * yDen)) : [BigInt(u), BigInt(v), 0n];
            const yN = M.map((row, i) => dot(row, zN) + (cc[i] as bigint) * BigInt(yDen));
            compare({ ineqA: A, ineqB: bb, M, c: cc, den: BigInt(den), yN, yDen: BigInt(den * yDen), xj }, reg, plain);
          }
          if (reg.polygon) expectValidHull(A, bb, reg.red.rows[0] as bigint[], reg.red.rows[1] as bigint[]);
        },
      ),
      fcOptions(300),
    );
  });

  it('random networks with d = 3: every rank-2 region, every sample', () => {
    let regions = 0;
    let withPolygon = 0;
    fc.assert(
      fc.property(netCaseArb(3), (nc) => {
        if (nc.net.inputDim !== 3) return;
        const pts = profilePoints(nc.points, nc.profile) as Rat[][];
        for (const layer of computeLayers(nc.net, pts, nc.profile)) {
          layer.regions.forEach((g, n) => {
            if (g.rank !== 2) return;
            regions++;
            const reg = prepareRegion(3, g.ineqA, g.ineqB, g.map.M, g.map.c, g.map.den);
            const plain = prepareRegion(3, g.ineqA, g.ineqB, g.map.M, g.map.c, g.map.den);
            pts.forEach((xj, j) => {
              if (n === layer.regionOf[j]) return;
              const img = layer.images[j] as { num: bigint[]; den: bigint };
              compare({ ineqA: g.ineqA, ineqB: g.ineqB, M: g.map.M, c: g.map.c, den: g.map.den, yN: img.num, yDen: img.den, xj }, reg, plain);
            });
            if (reg.polygon) {
              withPolygon++;
              expectValidHull(g.ineqA, g.ineqB, reg.red.rows[0] as bigint[], reg.red.rows[1] as bigint[]);
            }
          });
        }
      }),
      fcOptions(600),
    );
    expect(regions).toBeGreaterThan(0);
    expect(withPolygon).toBeGreaterThan(0);
  });
});
