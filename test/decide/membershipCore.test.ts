import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideSystem, type Decision } from '../../src/decide/membershipCore.js';
import { fcOptions } from '../fcSeed.js';
import { arbSystem, bruteFeasible, certificateOk, type TestSystem } from '../lp/lpTestUtils.js';

function run(sys: TestSystem, k: number): Decision {
  const d = decideSystem(sys, k);
  expect(certificateOk(sys, d)).toBeUndefined();
  if (d.kind === 'farkas') {
    for (const e of [...d.lambda, ...d.mu]) expect(e.value.isZero()).toBe(false);
  }
  return d;
}

describe('decideSystem', () => {
  it('takes the cheap paths', () => {
    const none = { ineqA: [], ineqB: [] };
    expect(run({ ...none, eqA: [[0n, 0n]], eqB: [3n] }, 2).path).toBe('zero-row');
    expect(run({ ineqA: [[0n, 0n]], ineqB: [-1n], eqA: [], eqB: [] }, 2).path).toBe('zero-row');
    expect(run({ ...none, eqA: [[1n, 1n], [2n, 2n]], eqB: [1n, 3n] }, 2).path).toBe('eq-inconsistent');
    const fr = run({ ineqA: [[1n, 0n]], ineqB: [0n], eqA: [[1n, 1n], [1n, -1n]], eqB: [2n, 0n] }, 2);
    expect(fr.kind === 'farkas' && fr.path === 'full-rank').toBe(true);
    const fw = run({ ineqA: [[1n, 0n]], ineqB: [1n], eqA: [[1n, 1n], [1n, -1n]], eqB: [2n, 0n] }, 2);
    expect(fw.kind === 'witness' && fw.path === 'full-rank').toBe(true);
    const iv = run({ ineqA: [[1n, 0n], [-1n, 0n]], ineqB: [-1n, -1n], eqA: [[1n, 1n]], eqB: [0n] }, 2);
    expect(iv.kind === 'farkas' && iv.path === 'interval').toBe(true);
    const sx = run({ ineqA: [[1n, 0n, 0n], [0n, 1n, 0n], [-1n, -1n, 0n]], ineqB: [-1n, -1n, -1n], eqA: [[0n, 0n, 1n]], eqB: [5n] }, 3);
    expect(sx.kind === 'farkas' && sx.path === 'simplex').toBe(true);
  });

  for (const k of [1, 2]) {
    it(`agrees with the brute-force oracle, k = ${k}`, () => {
      const seen = { witness: 0, farkas: 0 };
      fc.assert(
        fc.property(arbSystem(k), (sys) => {
          const d = run(sys, k);
          seen[d.kind]++;
          expect(d.kind === 'witness').toBe(bruteFeasible(sys, k));
        }),
        fcOptions(400),
      );
      expect(seen.witness).toBeGreaterThan(30);
      expect(seen.farkas).toBeGreaterThan(30);
    });
  }

  it('certificates hold for k = 2, 3, 4 and every path occurs', () => {
    const paths = new Set<string>();
    for (const k of [2, 3, 4]) {
      fc.assert(
        fc.property(arbSystem(k), (sys) => {
          paths.add(run(sys, k).path);
        }),
        fcOptions(400),
      );
    }
    expect([...paths].sort()).toEqual(['eq-inconsistent', 'full-rank', 'interval', 'origin', 'simplex', 'zero-row']);
  });

  it('many rows: the float-guessed support path, checked against brute force for k = 2', () => {
    const paths = new Set<string>();
    for (const k of [2, 3]) {
      fc.assert(
        fc.property(arbSystem(k, 16), (sys) => {
          const d = run(sys, k);
          paths.add(d.path);
          if (k === 2) expect(d.kind === 'witness').toBe(bruteFeasible(sys, k));
        }),
        fcOptions(k === 2 ? 60 : 200),
      );
    }
    expect(paths.has('float-support')).toBe(true);
  });

  it('float-point: a short dyadic in the middle of a wide feasible interval', () => {
    const ineqA: bigint[][] = [];
    const ineqB: bigint[] = [];
    for (let i = 0; i < 20; i++) {
      ineqA.push([1n, BigInt(i % 3)], [-1n, BigInt(-(i % 2))]);
      ineqB.push(BigInt(10 + i), BigInt(10 + i));
    }
    const d = run({ ineqA, ineqB, eqA: [[1n, 1n]], eqB: [3n] }, 2);
    expect(d.path).toBe('float-point');
    expect(d.kind === 'witness' && d.z.map(String)).toEqual(['3', '0']);
  });

  it('handles big integers with equalities spanning one or two directions', () => {
    const big = fc.bigInt({ min: -(1n << 300n), max: 1n << 300n });
    const vec = fc.array(big, { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(vec, big), { minLength: 10, maxLength: 40 }),
        fc.array(vec, { minLength: 1, maxLength: 2 }),
        fc.array(fc.array(fc.bigInt({ min: -9n, max: 9n }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        vec,
        (ineq, dirs, coefs, z0) => {
          const eqA = coefs.map((cf) => [0, 1, 2].map((c) => dirs.reduce((s, d, t) => s + (cf[t] ?? 0n) * (d[c] as bigint), 0n)));
          const eqB = eqA.map((row) => row.reduce((s, v, c) => s + v * (z0[c] as bigint), 0n));
          run({ ineqA: ineq.map((t) => t[0]), ineqB: ineq.map((t) => t[1]), eqA, eqB }, 3);
        },
      ),
      fcOptions(60),
    );
  });
});
