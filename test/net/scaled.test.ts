import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { dot } from '../ratDot.js';
import {
  addVec,
  applyAffine,
  matMul,
  matVec,
  reduceVec,
  scaledMatFromRats,
  scaledMatToRats,
  scaledVecEquals,
  scaledVecFromRats,
  scaledVecKey,
  scaledVecToRats,
  stripTwos,
} from '../../src/net/scaled.js';
import { FC } from './netArbitraries.js';

const ratArb = fc
  .tuple(fc.bigInt({ min: -50n, max: 50n }), fc.oneof(fc.constantFrom(1n, 2n, 4n, 1024n), fc.bigInt({ min: 1n, max: 12n })))
  .map(([n, d]) => Rat.of(n, d));
const vecArb = (n: number) => fc.array(ratArb, { minLength: n, maxLength: n });
const eqRats = (a: readonly Rat[], b: readonly Rat[]) => a.length === b.length && a.every((x, i) => x.eq(b[i] as Rat));

describe('scaled vectors and matrices', () => {
  it('round-trips Rat arrays exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }).chain(vecArb), (v) => {
        const s = scaledVecFromRats(v);
        expect(s.den > 0n).toBe(true);
        expect(eqRats(scaledVecToRats(s), v)).toBe(true);
        expect(eqRats(scaledVecToRats(stripTwos(s)), v)).toBe(true);
        expect(eqRats(scaledVecToRats(reduceVec(s)), v)).toBe(true);
      }),
      FC,
    );
  });

  it('matVec, matMul, addVec and applyAffine agree with Rat arithmetic', () => {
    const shape = fc.record({ m: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(
        shape.chain(({ m, k, n }) =>
          fc.record({
            A: fc.array(vecArb(k), { minLength: m, maxLength: m }),
            B: fc.array(vecArb(n), { minLength: k, maxLength: k }),
            x: vecArb(k),
            y: vecArb(m),
          }),
        ),
        ({ A, B, x, y }) => {
          const sA = scaledMatFromRats(A);
          expect(eqRats(scaledVecToRats(matVec(sA, scaledVecFromRats(x))), A.map((r) => dot(r, x)))).toBe(true);
          const AB = A.map((r) => (B[0] as Rat[]).map((_, j) => dot(r, B.map((br) => br[j] as Rat))));
          const got = scaledMatToRats(matMul(sA, scaledMatFromRats(B)));
          expect(got.every((r, i) => eqRats(r, AB[i] as Rat[]))).toBe(true);
          const Ax = A.map((r) => dot(r, x));
          expect(eqRats(scaledVecToRats(addVec(scaledVecFromRats(Ax), scaledVecFromRats(y))), Ax.map((v, i) => v.add(y[i] as Rat)))).toBe(true);
          const both = scaledMatFromRats([...A.map((r) => r), y]);
          const b = both.num.pop() as bigint[];
          const aff = applyAffine({ W: both.num, b, den: both.den }, scaledVecFromRats(x));
          expect(eqRats(scaledVecToRats(aff), Ax.map((v, i) => v.add(y[i] as Rat)))).toBe(true);
        },
      ),
      FC,
    );
  });

  it('equality and keys depend on the value only, not on the scaling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(vecArb(n), vecArb(n))),
        fc.bigInt({ min: 1n, max: 1000n }),
        fc.boolean(),
        ([u, v], k, same) => {
          const w = same ? u : v;
          const a = scaledVecFromRats(u);
          const b0 = scaledVecFromRats(w);
          const b = { num: b0.num.map((x) => x * k), den: b0.den * k }; // same value, other scaling
          const equal = eqRats(u, w);
          expect(scaledVecEquals(a, b)).toBe(equal);
          expect(scaledVecKey(a) === scaledVecKey(b)).toBe(equal);
        },
      ),
      FC,
    );
  });

  it('keys are readable lowest-terms text', () => {
    expect(scaledVecKey({ num: [2n, -6n, 0n], den: 8n })).toBe('1,-3,0/4');
    expect(scaledVecKey({ num: [0n, 0n], den: 12n })).toBe('0,0/1');
    expect(scaledVecKey({ num: [3n, 9n], den: 6n })).toBe('1,3/2');
    expect(stripTwos({ num: [-4n, 8n], den: 16n })).toEqual({ num: [-1n, 2n], den: 4n });
    expect(stripTwos({ num: [0n, 0n], den: 16n })).toEqual({ num: [0n, 0n], den: 1n });
  });
});
