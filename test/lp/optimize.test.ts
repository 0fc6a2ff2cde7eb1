import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat, gcd as gcdOf } from '../../src/checker/rational.js';
import { dot } from '../ratDot.js';
import { feasible } from '../../src/lp/feasible.js';
import { optimize, rowFormsOf } from '../../src/lp/optimize.js';
import { assertPointFiltered } from '../../src/lp/verifyInt.js';
import { fcOptions } from '../fcSeed.js';
import { arbRows, certificateOk } from './lpTestUtils.js';

const R = (v: bigint): Rat => Rat.int(v);

function checkOpt(A: bigint[][], b: bigint[], c: bigint[]): string {
  const k = c.length;
  const res = optimize(A, b, c);
  const sys = { ineqA: A, ineqB: b, eqA: [], eqB: [] };
  const cr = c.map(R);
  if (res.kind === 'infeasible') {
    expect(certificateOk(sys, { kind: 'farkas', lambda: res.farkas, mu: [] })).toBeUndefined();
    expect(feasible(A, b, k).kind).toBe('infeasible');
    return 'infeasible';
  }
  expect(certificateOk(sys, { kind: 'witness', z: res.x })).toBeUndefined();
  if (res.kind === 'unbounded') {
    for (const a of A) expect(dot(a.map(R), res.ray).sign()).toBeLessThanOrEqual(0);
    expect(dot(cr, res.ray).sign()).toBe(1);
    return 'unbounded';
  }
  // Dual: lambda >= 0, A^T lambda = c, b^T lambda = value = c^T x.
  let last = -1;
  const aty = new Array<Rat>(k).fill(Rat.ZERO);
  let bty = Rat.ZERO;
  for (const { row, value } of res.dual) {
    expect(row).toBeGreaterThan(last);
    last = row;
    expect(value.sign()).toBe(1);
    (A[row] as bigint[]).forEach((v, t) => (aty[t] = (aty[t] as Rat).add(value.mul(R(v)))));
    bty = bty.add(value.mul(R(b[row] as bigint)));
  }
  aty.forEach((v, t) => expect(v.eq(cr[t] as Rat)).toBe(true));
  expect(bty.eq(res.value)).toBe(true);
  expect(dot(cr, res.x).eq(res.value)).toBe(true);
  // the integer forms: x and the dual over the lcm of their denominators
  const lcmDen = (vs: readonly Rat[]): bigint => vs.reduce((l, v) => (l * v.d) / gcdOf(l, v.d), 1n);
  const xl = lcmDen(res.x);
  expect(res.point.den).toBe(xl);
  expect(res.point.num).toEqual(res.x.map((v) => (v.n * xl) / v.d));
  const dl = lcmDen(res.dual.map(({ value }) => value));
  expect(res.lambda).toEqual(res.dual.map(({ row, value }) => [row, (value.n * dl) / value.d]));
  return 'optimal';
}

describe('optimize', () => {
  it('small hand cases', () => {
    // max x + y on the unit square
    const sq = [[1n, 0n], [0n, 1n], [-1n, 0n], [0n, -1n]];
    expect(checkOpt(sq, [1n, 1n, 0n, 0n], [1n, 1n])).toBe('optimal');
    expect(checkOpt(sq.slice(2), [0n, 0n], [1n, 1n])).toBe('unbounded');
    expect(checkOpt([[1n, 0n], [-1n, 0n]], [0n, -1n], [0n, 1n])).toBe('infeasible');
    expect(checkOpt([[1n, 0n], [-1n, 0n]], [1n, 0n], [0n, 0n])).toBe('optimal');
    // rank-deficient A with optimum
    expect(checkOpt([[1n, 1n], [2n, 2n]], [1n, 5n], [3n, 3n])).toBe('optimal');
    expect(checkOpt([], [], [1n])).toBe('unbounded');
  });

  it('the rows passed as forms (rowFormsOf) give the same answer; the filtered point check catches a bad point', () => {
    fc.assert(
      fc.property(arbRows(3, 16, 6, 8), fc.array(fc.integer({ min: -4, max: 4 }).map(BigInt), { minLength: 3, maxLength: 3 }), ({ A, b }, c) => {
        const plain = optimize(A, b, c);
        const withForms = optimize(A, b, c, rowFormsOf(A, b));
        expect(withForms.kind).toBe(plain.kind);
        if (plain.kind !== 'optimal' || withForms.kind !== 'optimal') return;
        expect(withForms.point).toEqual(plain.point);
        expect(withForms.lambda).toEqual(plain.lambda);
        expect(withForms.value.eq(plain.value)).toBe(true);
        const forms = rowFormsOf(A, b);
        expect(() => assertPointFiltered(A, b, forms, plain.point.num, plain.point.den)).not.toThrow();
        // a point beyond the optimum along c violates some row
        const far = plain.point.num.map((v, i) => v * 1000n + (c[i] as bigint) * plain.point.den * 1000n);
        if (c.some((v) => v !== 0n)) expect(() => assertPointFiltered(A, b, forms, far, plain.point.den * 1000n)).toThrow();
      }),
      fcOptions(200),
    );
  });

  for (const k of [1, 2, 3]) {
    it(`certificates hold on random LPs, k = ${k}`, () => {
      const seen: Record<string, number> = {};
      fc.assert(
        fc.property(arbRows(k, 8, 4), fc.array(fc.integer({ min: -4, max: 4 }).map(BigInt), { minLength: k, maxLength: k }), ({ A, b }, c) => {
          const kind = checkOpt(A, b, c);
          seen[kind] = (seen[kind] ?? 0) + 1;
        }),
        fcOptions(300),
      );
      expect(Object.keys(seen).length).toBe(3);
    });
  }
});
