// LineIds (regionCerts.ts): segment certificates share a cached line test only when their image lines are equal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcdAll } from '../../src/checker/geometry.js';
import { LineIds } from '../../src/checker/regionCerts.js';
import { fcOptions } from '../fcSeed.js';

/** δ made primitive, and its first non-zero coordinate. */
function primitive(d: readonly bigint[]): { delta: bigint[]; k: number } {
  const g = gcdAll(d);
  return { delta: d.map((v) => v / g), k: d.findIndex((v) => v !== 0n) };
}

/** Brute force: B/Bd + s·δ and C/Cd + t·ε describe one line (ε ∥ δ and C/Cd − B/Bd ∥ δ). */
function sameLine(B: readonly bigint[], Bd: bigint, d: readonly bigint[], C: readonly bigint[], Cd: bigint, e: readonly bigint[]): boolean {
  const par = (u: readonly bigint[], v: readonly bigint[]): boolean => u.every((x, i) => u.every((y, j) => x * (v[j] as bigint) === y * (v[i] as bigint)));
  return par(d, e) && par(B.map((b, i) => (C[i] as bigint) * Bd - b * Cd), d);
}

const small = fc.bigInt({ min: -6n, max: 6n });
const dirArb = fc.array(small, { minLength: 3, maxLength: 3 }).filter((d) => d.some((v) => v !== 0n));
const pointArb = fc.tuple(fc.array(fc.bigInt({ min: -50n, max: 50n }), { minLength: 3, maxLength: 3 }), fc.bigInt({ min: 1n, max: 9n }));

describe('LineIds', () => {
  it('gives one id to one line however it is written (base point, scale, sign of δ)', () => {
    fc.assert(
      fc.property(dirArb, pointArb, fc.bigInt({ min: -20n, max: 20n }), fc.bigInt({ min: 1n, max: 7n }), fc.bigInt({ min: 1n, max: 5n }), (d, [B, Bd], s, sd, scale) => {
        const { delta, k } = primitive(d);
        // C/Cd = B/Bd + (s/sd)·δ, written with an extra common factor `scale`
        const C = B.map((b, i) => (b * sd + s * Bd * (delta[i] as bigint)) * scale);
        const Cd = Bd * sd * scale;
        const ids = new LineIds();
        const a = ids.id(B, Bd, delta, k);
        expect(ids.id(C, Cd, delta.map((v) => -v), k)).toBe(a);
        expect(ids.count).toBe(1);
      }),
      fcOptions(500),
    );
  });

  it('gives two lines one id only when they are equal (brute force)', () => {
    fc.assert(
      fc.property(dirArb, pointArb, dirArb, pointArb, ([...d1], [B1, Bd1], [...d2], [B2, Bd2]) => {
        const p1 = primitive(d1);
        const p2 = primitive(d2);
        const ids = new LineIds();
        const same = ids.id(B1, Bd1, p1.delta, p1.k) === ids.id(B2, Bd2, p2.delta, p2.k);
        expect(same).toBe(sameLine(B1, Bd1, p1.delta, B2, Bd2, p2.delta));
      }),
      fcOptions(1000),
    );
  });
});
