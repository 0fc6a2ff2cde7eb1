import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { dot } from '../ratDot.js';
import { solveEqualities } from '../../src/lp/solveEqualities.js';
import { fcOptions } from '../fcSeed.js';
import { arbSystem } from './lpTestUtils.js';

const R = (v: bigint): Rat => Rat.int(v);

describe('solveEqualities', () => {
  it('hand cases', () => {
    const r = solveEqualities([[1n, 1n], [2n, 2n]], [1n, 3n]);
    expect(r.kind).toBe('inconsistent');
    const s = solveEqualities([[1n, 1n], [2n, 2n]], [1n, 2n]);
    expect(s.kind === 'solved' && s.rank === 1 && s.nullBasis.length === 1).toBe(true);
    const z = solveEqualities([[0n, 0n]], [0n]);
    expect(z.kind === 'solved' && z.rank === 0 && z.nullBasis.length === 2).toBe(true);
  });

  for (const k of [1, 2, 3, 4]) {
    it(`solutions and certificates hold, k = ${k}`, () => {
      const seen = { solved: 0, inconsistent: 0 };
      fc.assert(
        fc.property(arbSystem(k), (sys) => {
          const E = sys.eqA;
          const f = sys.eqB;
          const res = solveEqualities(E, f, k);
          seen[res.kind]++;
          if (res.kind === 'inconsistent') {
            expect(res.mu.length).toBeGreaterThan(0);
            let last = -1;
            const acc = new Array<Rat>(k).fill(Rat.ZERO);
            let rhs = Rat.ZERO;
            for (const { row, value } of res.mu) {
              expect(row).toBeGreaterThan(last);
              last = row;
              (E[row] as bigint[]).forEach((v, c) => (acc[c] = (acc[c] as Rat).add(value.mul(R(v)))));
              rhs = rhs.add(value.mul(R(f[row] as bigint)));
            }
            expect(acc.every((v) => v.isZero())).toBe(true);
            expect(rhs.isZero()).toBe(false);
            return;
          }
          expect(res.nullBasis.length).toBe(k - res.rank);
          expect(res.pivotRows.length).toBe(res.rank);
          E.forEach((row, i) => {
            const rr = row.map(R);
            expect(dot(rr, res.x0).eq(R(f[i] as bigint))).toBe(true);
            for (const n of res.nullBasis) expect(dot(rr, n).isZero()).toBe(true);
          });
          // null basis vectors are independent: each has a nonzero on its own free coordinate
          // where the others vanish (structure of the construction), checked via rank by brute force
          if (res.nullBasis.length === 2 && k >= 2) {
            const [u, v] = res.nullBasis as [Rat[], Rat[]];
            let indep = false;
            for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) if (!(u[i] as Rat).mul(v[j] as Rat).eq((u[j] as Rat).mul(v[i] as Rat))) indep = true;
            expect(indep).toBe(true);
          }
        }),
        fcOptions(300),
      );
      expect(seen.solved).toBeGreaterThan(20);
      expect(seen.inconsistent).toBeGreaterThan(5);
    });
  }
});
