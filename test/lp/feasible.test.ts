import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feasible } from '../../src/lp/feasible.js';
import { fcOptions } from '../fcSeed.js';
import { arbRows, bruteFeasible, certificateOk, floatVerdict } from './lpTestUtils.js';

function check(A: bigint[][], b: bigint[], k: number): boolean {
  const res = feasible(A, b, k);
  const sys = { ineqA: A, ineqB: b, eqA: [], eqB: [] };
  if (res.kind === 'feasible') {
    expect(res.x).toHaveLength(k);
    expect(certificateOk(sys, { kind: 'witness', z: res.x })).toBeUndefined();
    return true;
  }
  const f = res.farkas;
  expect(f.length).toBeLessThanOrEqual(k + 1);
  expect(f.every((e) => e.value.sign() > 0)).toBe(true);
  expect(certificateOk(sys, { kind: 'farkas', lambda: f, mu: [] })).toBeUndefined();
  return false;
}

describe('feasible', () => {
  it('handles trivial shapes', () => {
    expect(feasible([], [], 2).kind).toBe('feasible');
    expect(feasible([[]], [-1n], 0).kind).toBe('infeasible');
    expect(feasible([[0n, 0n]], [-3n]).kind).toBe('infeasible');
    expect(check([[1n], [-1n]], [0n, 0n], 1)).toBe(true);
    expect(check([[1n], [-1n]], [0n, -1n], 1)).toBe(false);
    // x + y <= -1, -x - y <= -1: parallel, empty; lineality along (1,-1).
    expect(check([[1n, 1n], [-1n, -1n]], [-1n, -1n], 2)).toBe(false);
    // unbounded strip without vertices
    expect(check([[1n, 1n], [-1n, -1n]], [1n, -1n], 2)).toBe(true);
    expect(() => feasible([[1n, 2n]], [1n, 2n])).toThrow(RangeError);
  });

  for (const k of [1, 2]) {
    it(`agrees with the exact brute-force oracle, k = ${k}`, () => {
      const seen = { yes: 0, no: 0 };
      fc.assert(
        fc.property(arbRows(k, 7, 5), ({ A, b }) => {
          const got = check(A, b, k);
          expect(got).toBe(bruteFeasible({ ineqA: A, ineqB: b, eqA: [], eqB: [] }, k));
          seen[got ? 'yes' : 'no']++;
        }),
        fcOptions(400),
      );
      expect(seen.yes).toBeGreaterThan(40);
      expect(seen.no).toBeGreaterThan(40);
    });
  }

  it('certificates hold for k = 3 and k = 4', () => {
    for (const k of [3, 4]) {
      fc.assert(
        fc.property(arbRows(k, 10, 5), ({ A, b }) => {
          check(A, b, k);
        }),
        fcOptions(200),
      );
    }
  });

  it('agrees with javascript-lp-solver where the float margin is large', () => {
    let compared = 0;
    for (const k of [1, 2, 3]) {
      fc.assert(
        fc.property(arbRows(k, 8, 2), ({ A, b }) => {
          const v = floatVerdict(A, b, k);
          const got = check(A, b, k);
          if (v !== 0) {
            compared++;
            expect(got).toBe(v === 1);
          }
        }),
        fcOptions(80),
      );
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('handles large integers and many rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }), { minLength: 3, maxLength: 3 }), fc.bigInt({ min: -(1n << 190n), max: 1n << 200n })), {
          minLength: 20,
          maxLength: 60,
        }),
        (rows) => {
          check(rows.map((r) => r[0]), rows.map((r) => r[1]), 3);
        },
      ),
      fcOptions(40),
    );
  });
});

describe('feasible with the float-guided start (many rows)', () => {
  for (const k of [1, 2, 3]) {
    it(`certificates hold and k <= 2 agrees with brute force, k = ${k}`, () => {
      fc.assert(
        fc.property(arbRows(k, 40, 25, 25), ({ A, b }) => {
          expect(A.length).toBeGreaterThanOrEqual(40);
          const got = check(A, b, k);
          if (k <= 2) expect(got).toBe(bruteFeasible({ ineqA: A, ineqB: b, eqA: [], eqB: [] }, k));
        }),
        fcOptions(k <= 2 ? 40 : 150),
      );
    });
  }
  it('ill-conditioned large data (nearly coplanar Farkas columns)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.bigInt({ min: -(1n << 400n), max: 1n << 400n }), { minLength: 3, maxLength: 3 }), { minLength: 40, maxLength: 120 }),
        fc.array(fc.bigInt({ min: -(1n << 32n), max: 1n << 32n }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.bigInt({ min: -30n, max: 970n }), { minLength: 120, maxLength: 120 }),
        (A, z, u) => {
          const b = A.map((a, i) => a.reduce((s, v, c) => s + v * (z[c] as bigint), 0n) + (u[i] as bigint) * (1n << 396n));
          check(A, b, 3);
        },
      ),
      fcOptions(30),
    );
  });
});
