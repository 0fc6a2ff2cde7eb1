// Q(j, n) against one prepared region: every route, a brute-force oracle for d ≤ 2, the boundary
// rule (proofs/pinned.md), and single mutations of certificates.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { type PreparedRegion, type QueryPath, prepareRegion, queryRegion as rawQueryRegion } from '../../src/decide/regionQuery.js';
const queryRegion = (...a: Parameters<typeof rawQueryRegion>): QueryAnswer => toRationalAnswer(rawQueryRegion(...a));
import { type RationalAnswer as QueryAnswer, rationalQuery, toRationalAnswer, verifyAnswer } from '../../src/decide/verifyAnswer.js';
import { profilePoints } from '../../src/net/profile.js';
import { computeLayers } from '../../src/net/regions.js';
import { fcOptions } from '../fcSeed.js';
import { ratRank } from '../net/netArbitraries.js';
import { imageOf, netCaseArb } from './decideCases.js';
import { type DenseSystem, type Kind, denseSystem, genuinelyValid, mutations, oracleKind } from './queryOracle.js';

/** A raw Q(j, n) instance: region rows, local map `(M z + c)/den`, image `yN/yDen`, sample x_j. */
interface Raw {
  d: number;
  ineqA: bigint[][];
  ineqB: bigint[];
  M: bigint[][];
  c: bigint[];
  den: bigint;
  yN: bigint[];
  yDen: bigint;
  xj: Rat[];
}

const rankOf = (M: readonly (readonly bigint[])[]): number => ratRank(M.map((row) => row.map((v) => Rat.int(v))));
const q = (n: number, d = 1): Rat => Rat.of(BigInt(n), BigInt(d));
const big = (xs: number[]): bigint[] => xs.map((x) => BigInt(x));

function raw(d: number, ineq: [number[], number][], M: number[][], c: number[], y: number[], xj: Rat[], den = 1, yDen = 1): Raw {
  return {
    d,
    ineqA: ineq.map(([a]) => big(a)),
    ineqB: ineq.map(([, b]) => BigInt(b)),
    M: M.map(big),
    c: big(c),
    den: BigInt(den),
    yN: big(y),
    yDen: BigInt(yDen),
    xj,
  };
}

function sysOf(r: Raw): DenseSystem {
  const den = Rat.int(r.den);
  return {
    ineqA: r.ineqA.map((row) => row.map((v) => Rat.int(v))),
    ineqB: r.ineqB.map((v) => Rat.int(v)),
    eqA: r.M.map((row) => row.map((v) => Rat.int(v))),
    eqB: r.yN.map((v, i) => den.mul(Rat.of(v, r.yDen)).sub(Rat.int(r.c[i] as bigint))),
  };
}

/** Route counts over the whole file (asserted in `afterAll`). */
const routes: Partial<Record<QueryPath | 'pinned-full-rank' | 'pinned-rank-deficient', number>> = {};
const bump = (k: keyof typeof routes): void => {
  routes[k] = (routes[k] ?? 0) + 1;
};

const mutationStats = { tried: 0, rejected: 0, stillValid: 0 };

/** Decide, check with `verifyAnswer`, and (for d ≤ 2) compare with the oracle. */
function decide(r: Raw, reg: PreparedRegion = prepareRegion(r.d, r.ineqA, r.ineqB, r.M, r.c, r.den)): QueryAnswer {
  const ans = queryRegion(reg, r.yN, r.yDen, r.xj);
  const sys = rationalQuery(r.ineqA, r.ineqB, r.M, r.c, r.den, r.yN, r.yDen);
  expect(verifyAnswer(sys, ans, r.xj), ans.path).toBeUndefined();
  const dense = sysOf(r);
  expect(genuinelyValid(dense, ans, r.xj), ans.path).toBe(true);
  if (r.d <= 2) expect(ans.answer, ans.path).toBe(oracleKind(dense, r.xj));
  bump(ans.path);
  if (ans.answer === 'pinned') bump(rankOf(r.M) === r.d ? 'pinned-full-rank' : 'pinned-rank-deficient');
  // sparse certificates: no explicit zeros, indices ascending
  const sparseOk = (s: readonly (readonly [number, Rat])[]): boolean =>
    s.every(([i, v], k) => !v.isZero() && (k === 0 || i > (s[k - 1] as readonly [number, Rat])[0]));
  if (ans.answer === 'no') expect(sparseOk(ans.lambda) && sparseOk(ans.mu)).toBe(true);
  if (ans.answer === 'pinned') for (const b of ans.bounds) expect(sparseOk(b.lambda) && sparseOk(b.mu)).toBe(true);
  // the boundary rule: x_j itself is never accepted as a witness
  expect(verifyAnswer(sys, { answer: 'yes', z: r.xj, path: 'simplex-feasible' }, r.xj)).toBeDefined();
  return ans;
}

/** Every single mutation is rejected, or (if accepted) is still a genuinely valid certificate. */
function mutationsHold(sys: ReturnType<typeof rationalQuery>, dense: DenseSystem, ans: QueryAnswer, xj: Rat[]): void {
  for (const m of mutations(ans)) {
    mutationStats.tried++;
    const why = verifyAnswer(sys, m, xj);
    if (why === undefined) {
      mutationStats.stillValid++;
      expect(genuinelyValid(dense, m, xj), `accepted mutation of ${ans.path}: ${JSON.stringify(m)}`).toBe(true);
    } else {
      mutationStats.rejected++;
    }
  }
}

afterAll(() => {
  // (only when the random properties ran, not under a `-t` filter)
  if (Object.values(routes).reduce((a, b) => a + b, 0) < 1000) return;
  // the boundary rule must have been exercised both ways, on both kinds of map
  expect(routes['boundary-pinned'] ?? 0).toBeGreaterThan(0);
  expect(routes['boundary-other'] ?? 0).toBeGreaterThan(0);
  expect(routes['pinned-full-rank'] ?? 0).toBeGreaterThan(0);
  expect(routes['pinned-rank-deficient'] ?? 0).toBeGreaterThan(0);
  for (const p of ['dead-neuron', 'eq-inconsistent', 'unique-violated', 'unique-feasible', 'simplex-infeasible', 'simplex-feasible'] as const) {
    expect(routes[p] ?? 0, p).toBeGreaterThan(0);
  }
  expect(mutationStats.rejected).toBeGreaterThan(0);
  console.log('regionQuery routes:', JSON.stringify(routes), 'mutations:', JSON.stringify(mutationStats));
});

describe('queryRegion: every route on hand-made systems', () => {
  const o = [q(0), q(0)];
  const far = [q(5), q(5)];
  // With one free direction (rank d − 1) the `segment` route may settle what the simplex would.
  const cases: { name: string; r: Raw; kind: Kind; path: string | string[] }[] = [
    { name: 'dead neuron: a zero map row with a non-zero image', r: raw(2, [], [[0, 0]], [0], [1], o), kind: 'no', path: 'dead-neuron' },
    {
      name: 'inconsistent equalities (x+y = 1, 2x+2y = 3)',
      r: raw(2, [], [[1, 1], [2, 2]], [0, 0], [1, 3], o),
      kind: 'no',
      path: 'eq-inconsistent',
    },
    { name: 'full rank, candidate violates x ≤ 0', r: raw(2, [[[1, 0], 0]], [[1, 0], [0, 1]], [0, 0], [1, 0], o), kind: 'no', path: 'unique-violated' },
    { name: 'full rank, candidate feasible', r: raw(2, [[[1, 0], 0]], [[1, 0], [0, 1]], [0, 0], [-1, 0], o), kind: 'yes', path: 'unique-feasible' },
    {
      name: 'full rank, the candidate is x_j on the boundary x = 0',
      r: raw(2, [[[1, 0], 0]], [[1, 0], [0, 1]], [0, 0], [0, 0], o),
      kind: 'pinned',
      path: 'boundary-pinned',
    },
    {
      name: 'full rank with a map denominator and image denominator',
      r: raw(2, [[[1, 0], 1]], [[2, 0], [0, 2], [2, 2]], [1, 0, 1], [2, 1, 3], far, 4, 4),
      kind: 'yes',
      path: 'unique-feasible',
    },
    { name: 'rank 1, x+y = 3 misses the box x, y ≤ 1', r: raw(2, [[[1, 0], 1], [[0, 1], 1]], [[1, 1]], [0], [3], o), kind: 'no', path: ['simplex-infeasible', 'segment'] },
    { name: 'rank 1, x+y = 1 meets x, y ≤ 1', r: raw(2, [[[1, 0], 1], [[0, 1], 1]], [[1, 1]], [0], [1], far), kind: 'yes', path: ['simplex-feasible', 'segment'] },
    {
      name: 'rank 1, P is the ray x+y = 0, x ≤ 0 through x_j = 0',
      r: raw(2, [[[1, 0], 0]], [[1, 1]], [0], [0], o),
      kind: 'yes',
      path: ['boundary-other', 'segment'],
    },
    {
      name: 'rank 1, P is the segment x+y = 0, 0 ≤ x ≤ 1 ending at x_j = 0',
      r: raw(2, [[[-1, 0], 0], [[1, 0], 1]], [[1, 1]], [0], [0], o),
      kind: 'yes',
      path: ['boundary-other', 'segment'],
    },
    {
      name: 'rank 1, P = {x_j}: x+y = 0 meets the quadrant x, y ≥ 0 only at its apex',
      r: raw(2, [[[-1, 0], 0], [[0, -1], 0]], [[1, 1]], [0], [0], o),
      kind: 'pinned',
      path: ['boundary-pinned', 'segment'],
    },
    {
      name: 'rank 0 (dead layer), region the single point x_j',
      r: raw(2, [[[1, 0], 0], [[-1, 0], 0], [[0, 1], 0], [[0, -1], 0]], [[0, 0], [0, 0]], [0, 0], [0, 0], o),
      kind: 'pinned',
      path: 'boundary-pinned',
    },
    {
      name: 'rank 0 (dead layer), region a quadrant with apex x_j',
      r: raw(2, [[[-1, 0], 0], [[0, -1], 0]], [[0, 0]], [0], [0], o),
      kind: 'yes',
      path: 'boundary-other',
    },
    {
      name: 'd = 3, rank 1, x+y+z = 0 meets the octant only at its apex x_j',
      r: raw(3, [[[-1, 0, 0], 0], [[0, -1, 0], 0], [[0, 0, -1], 0]], [[1, 1, 1]], [0], [0], [q(0), q(0), q(0)]),
      kind: 'pinned',
      path: 'boundary-pinned',
    },
    {
      name: 'd = 3, rank 1, x, y ≥ 0 and x + y ≤ 0 force x = y = 0: P = {x_j}',
      r: raw(3, [[[-1, 0, 0], 0], [[0, -1, 0], 0], [[1, 1, 0], 0]], [[1, 1, 1]], [0], [0], [q(0), q(0), q(0)]),
      kind: 'pinned',
      path: 'boundary-pinned',
    },
    {
      name: 'd = 3, rank 1, x+y+z = 0 with x, y ≥ 0 only: the ray (0, t, −t) and more',
      r: raw(3, [[[-1, 0, 0], 0], [[0, -1, 0], 0]], [[1, 1, 1]], [0], [0], [q(0), q(0), q(0)]),
      kind: 'yes',
      path: 'boundary-other',
    },
    { name: 'd = 1, rank 0, P = [0, ∞) ∋ x_j', r: raw(1, [[[-1], 0]], [[0]], [0], [0], [q(0)]), kind: 'yes', path: ['boundary-other', 'segment'] },
    { name: 'd = 1, full rank, P = {x_j}', r: raw(1, [[[-1], 0]], [[3]], [0], [0], [q(0)]), kind: 'pinned', path: 'boundary-pinned' },
    {
      name: 'd = 1, rank 0 with map denominator 2, P = [−1, 0] ∋ x_j = 0',
      r: raw(1, [[[-1], 1], [[1], 0]], [[0], [0]], [2, 0], [1, 0], [q(0)], 2),
      kind: 'yes',
      path: ['boundary-other', 'segment'],
    },
  ];
  for (const { name, r, kind, path } of cases) {
    it(name, () => {
      const ans = decide(r);
      expect(ans.answer).toBe(kind);
      expect(typeof path === 'string' ? [path] : path).toContain(ans.path);
      if (ans.answer === 'yes') expect(ans.z.every((v, i) => v.eq(r.xj[i] as Rat))).toBe(false);
      if (ans.answer === 'no') expect(ans.lambda.length + ans.mu.length).toBeLessThanOrEqual(r.d + 1);
      mutationsHold(rationalQuery(r.ineqA, r.ineqB, r.M, r.c, r.den, r.yN, r.yDen), sysOf(r), ans, r.xj);
    });
  }

  it('a prepared region serves many queries with different images and samples', () => {
    const r = raw(2, [[[-1, 0], 0], [[0, -1], 0], [[1, 1], 4]], [[1, 1], [2, 2]], [0, 0], [0, 0], [q(0), q(0)]);
    const reg = prepareRegion(r.d, r.ineqA, r.ineqB, r.M, r.c, r.den);
    expect(decide(r, reg).answer).toBe('pinned');
    expect(decide({ ...r, yN: [2n, 4n] }, reg).answer).toBe('yes');
    expect(decide({ ...r, yN: [2n, 4n], xj: [q(1), q(1)] }, reg).answer).toBe('yes');
    expect(decide({ ...r, yN: [5n, 10n] }, reg).answer).toBe('no');
    expect(decide({ ...r, yN: [4n, 8n], xj: [q(2), q(2)] }, reg).answer).toBe('yes');
    expect(decide({ ...r, yN: [1n, 3n] }, reg).answer).toBe('no');
  });
});

describe('verifyAnswer rejects forged answers', () => {
  const verify = (r: Raw, ans: QueryAnswer): string | undefined =>
    verifyAnswer(rationalQuery(r.ineqA, r.ineqB, r.M, r.c, r.den, r.yN, r.yDen), ans, r.xj);
  const b = (coord: number, sign: 1 | -1, lambda: [number, Rat][], mu: [number, Rat][] = []) => ({ coord, sign, lambda, mu });
  const x0 = [q(0)];

  it('yes with z = x_j (x_j on the boundary of G_n) is not a gluing', () => {
    const r = raw(1, [[[-1], 0]], [[0]], [0], [0], x0);
    expect(verify(r, { answer: 'yes', z: [q(0)], path: 'boundary-other' })).toMatch(/x_j itself/);
    expect(verify(r, { answer: 'yes', z: [q(1)], path: 'boundary-other' })).toBeUndefined();
  });

  it('pinned needs x_j in the region, even when the bounds hold (empty P)', () => {
    // G_n = { x ≤ 0, x ≥ 1 } is empty: x ≤ 0 and −x ≤ −1 ≤ 0 both "pin" x to 0
    const r = raw(1, [[[1], 0], [[-1], -1]], [[0]], [0], [0], x0);
    const forged: QueryAnswer = { answer: 'pinned', bounds: [b(0, 1, [[0, q(1)]]), b(0, -1, [[1, q(1)]])], path: 'boundary-pinned' };
    expect(verify(r, forged)).toMatch(/^pinned/);
    expect(decide(r).answer).toBe('no');
  });

  it('pinned with a negative λ, or a bound missing, is rejected', () => {
    // P = [0, ∞) ∋ x_j = 0: the true answer is yes
    const r = raw(1, [[[-1], 0]], [[0]], [0], [0], x0);
    const negative: QueryAnswer = { answer: 'pinned', bounds: [b(0, 1, [[0, q(-1)]]), b(0, -1, [[0, q(1)]])], path: 'boundary-pinned' };
    expect(verify(r, negative)).toMatch(/negative/);
    const missing: QueryAnswer = { answer: 'pinned', bounds: [b(0, -1, [[0, q(1)]])], path: 'boundary-pinned' };
    expect(verify(r, missing)).toMatch(/no bound/);
    expect(decide(r).answer).toBe('yes');
  });

  it('no with a negative λ, a zero right-hand side, or unsorted entries is rejected', () => {
    // P = {0}: x ≤ 1 and x = 0
    const r = raw(1, [[[1], 1]], [[1], [1]], [0, 0], [0, 0], [q(5)]);
    expect(verify(r, { answer: 'no', lambda: [[0, q(-1)]], mu: [[0, q(1)]], path: 'unique-violated' })).toMatch(/negative/);
    expect(verify(r, { answer: 'no', lambda: [], mu: [[0, q(1)], [1, q(-1)]], path: 'eq-inconsistent' })).toMatch(/not < 0|is not below 0/);
    expect(decide(r).answer).toBe('yes');
    // x = 0 and x = 1: μ = (1, −1) proves it, listed out of order it is malformed
    const s = raw(1, [], [[1], [1]], [0, 0], [0, 1], x0);
    expect(verify(s, { answer: 'no', lambda: [], mu: [[0, q(1)], [1, q(-1)]], path: 'eq-inconsistent' })).toBeUndefined();
    expect(verify(s, { answer: 'no', lambda: [], mu: [[1, q(-1)], [0, q(1)]], path: 'eq-inconsistent' })).toMatch(/order/);
    expect(verify(s, { answer: 'no', lambda: [], mu: [[0, q(1)], [0, q(1)], [1, q(-2)]], path: 'eq-inconsistent' })).toMatch(/duplicate/);
    expect(verify(s, { answer: 'no', lambda: [], mu: [[0, q(1)], [2, q(-1)]], path: 'eq-inconsistent' })).toMatch(/range/);
  });
});

/** Random raw systems around x_j: rows through x_j (slack 0) are common, as are rank-deficient maps. */
const rawArb: fc.Arbitrary<Raw> = fc.integer({ min: 1, max: 2 }).chain((d) => {
  const small = fc.integer({ min: -2, max: 2 });
  const vec = fc.array(small, { minLength: d, maxLength: d });
  return fc
    .record({
      xj: vec,
      ineq: fc.array(fc.record({ a: vec, slack: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: -1, max: 2 }), weight: 2 }) }), {
        maxLength: 4,
      }),
      M: fc.array(fc.oneof(vec, fc.constant(new Array<number>(d).fill(0))), { minLength: 1, maxLength: 3 }),
      den: fc.integer({ min: 1, max: 3 }),
      scale: fc.integer({ min: 1, max: 3 }),
      delta: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.array(small, { minLength: 3, maxLength: 3 }), weight: 2 }),
      cs: fc.array(small, { minLength: 3, maxLength: 3 }),
      half: fc.boolean(),
    })
    .map(({ xj, ineq, M, den, scale, delta, cs, half }): Raw => {
      // x_j on the grid (1/2 when `half`); rows scaled so that a·x_j stays integral
      const xd = half ? 2n : 1n;
      const x = xj.map((v) => Rat.of(BigInt(v), xd));
      const ineqA = ineq.map(({ a }) => a.map((v) => BigInt(v) * xd));
      const ineqB = ineq.map(({ a, slack }) => a.reduce((s, v, i) => s + BigInt(v) * BigInt(xj[i] as number), 0n) + BigInt(slack));
      const Mi = M.map((row) => row.map((v) => BigInt(v) * xd));
      const c = Mi.map((_, i) => BigInt(cs[i] as number));
      // image of x_j under the map (numerators over den), maybe perturbed
      const yN = Mi.map((row, i) => {
        const mx = row.reduce((s, v, k) => s + v * BigInt(xj[k] as number), 0n) / xd;
        return BigInt(scale) * (mx + (c[i] as bigint) + BigInt(delta?.[i] ?? 0));
      });
      return { d, ineqA, ineqB, M: Mi, c, den: BigInt(den), yN, yDen: BigInt(scale) * BigInt(den), xj: x };
    });
});

describe('queryRegion against the brute-force oracle (d = 1, 2)', () => {
  it('random systems around x_j: kind agrees, certificates verify, mutations are caught', () => {
    fc.assert(
      fc.property(rawArb, (r) => {
        const ans = decide(r);
        mutationsHold(rationalQuery(r.ineqA, r.ineqB, r.M, r.c, r.den, r.yN, r.yDen), sysOf(r), ans, r.xj);
      }),
      fcOptions(1500),
    );
  });

  it('random networks (d = 1, 2, both profiles, points pinned to boundaries): every pair', () => {
    fc.assert(
      fc.property(netCaseArb(2), (c) => {
        const pts = profilePoints(c.points, c.profile) as Rat[][];
        for (const layer of computeLayers(c.net, pts, c.profile)) {
          const prepared = layer.regions.map((g) => prepareRegion(c.net.inputDim, g.ineqA, g.ineqB, g.map.M, g.map.c, g.map.den));
          pts.forEach((xj, j) => {
            const y = imageOf(c.net, layer, xj, j);
            const img = layer.images[j] as { num: bigint[]; den: bigint };
            layer.regions.forEach((g, n) => {
              if (n === layer.regionOf[j]) return;
              const reg = prepared[n] as PreparedRegion;
              const ans = queryRegion(reg, img.num, img.den, xj);
              const sys = rationalQuery(g.ineqA, g.ineqB, g.map.M, g.map.c, g.map.den, img.num, img.den);
              expect(verifyAnswer(sys, ans, xj), ans.path).toBeUndefined();
              const dense = denseSystem(g, y);
              expect(ans.answer, `layer ${layer.layer} Q(${j}, ${n}) ${ans.path}`).toBe(oracleKind(dense, xj));
              bump(ans.path);
              if (ans.answer === 'pinned') bump(g.rank === c.net.inputDim ? 'pinned-full-rank' : 'pinned-rank-deficient');
              if (j % 3 === 0) mutationsHold(sys, dense, ans, xj);
            });
          });
        }
      }),
      fcOptions(250),
    );
  });
});
