import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat, gcd } from '../../src/checker/rational.js';
import { boxRows, canonicalRow, canonicalRowFromRats } from '../../src/net/canonicalRow.js';
import { FC } from './netArbitraries.js';

const ratArb = fc
  .tuple(fc.bigInt({ min: -40n, max: 40n }), fc.constantFrom(1n, 2n, 3n, 8n, 1024n))
  .map(([n, d]) => Rat.of(n, d));

describe('canonicalRow', () => {
  it('is the primitive row, invariant under positive scaling, and matches the Rat form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((d) => fc.array(ratArb, { minLength: d, maxLength: d })),
        ratArb,
        fc.boolean(),
        fc.bigInt({ min: 1n, max: 1n << 70n }),
        (g, h, on, s) => {
          const fromRats = canonicalRowFromRats(g, h, on);
          // any positive integer multiple of (g, h)
          let l = h.d;
          for (const r of g) l = (l / gcd(l, r.d)) * r.d;
          const gi = g.map((r) => r.n * (l / r.d) * s);
          const hi = h.n * (l / h.d) * s;
          const row = canonicalRow(gi, hi, on);
          expect(row).toEqual(fromRats);
          let q = row.b;
          for (const a of row.a) q = gcd(q, a);
          const allZero = row.b === 0n && row.a.every((a) => a === 0n);
          expect(allZero ? 0n : q).toBe(allZero ? 0n : 1n);
          // sign convention: ON keeps z(x) = g·x + h >= 0, i.e. -g·x <= h
          const sign = on ? -1n : 1n;
          row.a.forEach((a, k) => {
            const gk = g[k] as Rat;
            expect(a === 0n ? gk.isZero() : (a > 0n) === (sign * gk.n > 0n)).toBe(true);
          });
          expect(row.b === 0n ? h.isZero() : (row.b > 0n) === (-sign * h.n > 0n)).toBe(true);
        },
      ),
      FC,
    );
  });

  it('examples: ON gives z >= 0, OFF gives z <= 0, both divided by the gcd', () => {
    // z(x) = 2x - 4y + 6
    expect(canonicalRow([2n, -4n], 6n, true)).toEqual({ a: [-1n, 2n], b: 3n });
    expect(canonicalRow([2n, -4n], 6n, false)).toEqual({ a: [1n, -2n], b: -3n });
    expect(canonicalRow([0n, 0n], 0n, false)).toEqual({ a: [0n, 0n], b: 0n });
    expect(canonicalRowFromRats([Rat.of(1n, 2n), Rat.of(-1n, 3n)], Rat.of(1n, 4n), true)).toEqual({ a: [-6n, 4n], b: 3n });
  });

  it('box rows come in the reference order: all lower faces, then all upper faces', () => {
    const { rows, origins } = boxRows(2, 100n);
    expect(rows).toEqual([
      { a: [-1n, 0n], b: 100n },
      { a: [0n, -1n], b: 100n },
      { a: [1n, 0n], b: 100n },
      { a: [0n, 1n], b: 100n },
    ]);
    expect(origins).toEqual([
      { kind: 'box', axis: 0, upper: false },
      { kind: 'box', axis: 1, upper: false },
      { kind: 'box', axis: 0, upper: true },
      { kind: 'box', axis: 1, upper: true },
    ]);
  });
});
