import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import { checkFarkas, checkWitness, type MembershipEntry, type MembershipSystem } from '../../src/checker/membership.js';
import { Rat } from '../../src/checker/rational.js';
import { decideSystem } from '../../src/decide/membershipCore.js';
import { fcOptions } from '../fcSeed.js';
import { arbSystem, toRat } from '../lp/lpTestUtils.js';

const R = (n: bigint, d = 1n): Rat => Rat.of(n, d);
const F = (r: Rat): Fraction => new Fraction(r.n, r.d);

/** Independent reference (fraction.js) for the witness rule. */
function refWitness(sys: MembershipSystem, z: Rat[]): boolean {
  const dotF = (a: readonly Rat[]): Fraction => a.reduce((s, v, c) => s.add(F(v).mul(F(z[c] as Rat))), new Fraction(0));
  return (
    sys.ineqA.every((a, i) => a.length === z.length && dotF(a).compare(F(sys.ineqB[i] as Rat)) <= 0) &&
    sys.eqA.every((a, i) => a.length === z.length && dotF(a).equals(F(sys.eqB[i] as Rat)))
  );
}

/** Independent reference (fraction.js) for the Farkas rule. */
function refFarkas(sys: MembershipSystem, lambda: MembershipEntry[], mu: MembershipEntry[], k: number): boolean {
  const sorted = (es: MembershipEntry[], n: number): boolean => es.every((e, t) => e.row >= 0 && e.row < n && (t === 0 || e.row > (es[t - 1] as MembershipEntry).row));
  if (!sorted(lambda, sys.ineqA.length) || !sorted(mu, sys.eqA.length)) return false;
  if (lambda.some((e) => e.value.sign() < 0)) return false;
  const acc = new Array<Fraction>(k).fill(new Fraction(0));
  let rhs = new Fraction(0);
  const add = (rows: readonly (readonly Rat[])[], rb: readonly Rat[], es: MembershipEntry[]): void => {
    for (const { row, value } of es) {
      (rows[row] as readonly Rat[]).forEach((v, c) => (acc[c] = (acc[c] as Fraction).add(F(value).mul(F(v)))));
      rhs = rhs.add(F(value).mul(F(rb[row] as Rat)));
    }
  };
  add(sys.ineqA, sys.ineqB, lambda);
  add(sys.eqA, sys.eqB, mu);
  return acc.every((v) => v.equals(0)) && rhs.compare(0) < 0;
}

const sysHand: MembershipSystem = {
  ineqA: [[R(1n), R(0n)], [R(-1n), R(0n)]],
  ineqB: [R(1n), R(-2n)],
  eqA: [[R(0n), R(1n)]],
  eqB: [R(3n, 2n)],
};

describe('checkWitness / checkFarkas reasons', () => {
  it('reports the failing rule and row', () => {
    expect(checkWitness(sysHand, [R(1n), R(3n, 2n)])).toEqual({ ok: false, rule: 'witness', reason: 'inequality row 1 violated: a·z = -1 > -2' });
    expect(checkWitness(sysHand, [R(3n, 2n), R(1n)]).ok).toBe(false);
    expect(checkWitness({ ...sysHand, ineqA: [[R(1n), R(0n)], [R(1n), R(0n)]], ineqB: [R(2n), R(2n)] }, [R(1n), R(1n)])).toEqual({
      ok: false,
      rule: 'witness',
      reason: 'equality row 0 violated: a·z = 1 != 3/2',
    });
    expect(checkWitness(sysHand, [R(1n)]).ok).toBe(false);
    const lam = [{ row: 0, value: R(1n) }, { row: 1, value: R(1n) }];
    expect(checkFarkas(sysHand, lam, [])).toEqual({ ok: true });
    expect(checkFarkas(sysHand, [{ row: 0, value: R(1n) }, { row: 1, value: R(-1n) }], [])).toMatchObject({ reason: 'lambda[1] is negative' });
    expect(checkFarkas(sysHand, [{ row: 0, value: R(1n) }, { row: 0, value: R(1n) }], [])).toMatchObject({ reason: 'lambda row 0 duplicated or out of order' });
    expect(checkFarkas(sysHand, [{ row: 99, value: R(1n) }], [])).toMatchObject({ reason: 'lambda row index 99 out of range' });
    expect(checkFarkas(sysHand, [{ row: 1, value: R(1n) }, { row: 0, value: R(1n) }], [])).toMatchObject({ reason: 'lambda row 0 duplicated or out of order' });
    expect(checkFarkas(sysHand, [{ row: 0, value: R(2n) }, { row: 1, value: R(1n) }], [])).toMatchObject({ reason: 'combination is 1 in column 0, expected 0' });
    expect(checkFarkas(sysHand, [{ row: 0, value: R(1n) }], [{ row: 0, value: R(0n) }])).toMatchObject({ rule: 'farkas' });
    expect(checkFarkas({ ...sysHand, ineqB: [R(2n), R(-2n)] }, lam, [])).toMatchObject({ reason: 'bound 0 is not below 0' });
    expect(checkFarkas(sysHand, [], [{ row: 0, value: R(1n) }])).toMatchObject({ reason: 'combination is 1 in column 1, expected 0' });
    expect(checkFarkas(sysHand, [{ row: 0.5, value: R(1n) }], [])).toMatchObject({ reason: 'lambda row index 0.5 out of range' });
  });
});

type Mut = { which: number; kind: number; delta: Rat; idx: number };
const arbMut: fc.Arbitrary<Mut> = fc.record({
  which: fc.nat(50),
  kind: fc.nat(5),
  delta: fc.tuple(fc.integer({ min: -3, max: 3 }).filter((v) => v !== 0), fc.integer({ min: 1, max: 3 })).map(([n, d]) => R(BigInt(n), BigInt(d))),
  idx: fc.integer({ min: -1, max: 12 }),
});

function mutateEntries(es: MembershipEntry[], m: Mut): MembershipEntry[] {
  const out = es.slice();
  if (out.length === 0) return [{ row: m.idx, value: m.delta }];
  const t = m.which % out.length;
  const e = out[t] as MembershipEntry;
  switch (m.kind) {
    case 0:
      out[t] = { row: e.row, value: e.value.add(m.delta) };
      break;
    case 1:
      out[t] = { row: e.row, value: e.value.neg() };
      break;
    case 2:
      out.splice(t, 1);
      break;
    case 3:
      out[t] = { row: m.idx, value: e.value };
      break;
    case 4:
      out.push({ row: m.idx, value: m.delta });
      break;
    default:
      out[t] = { row: e.row, value: e.value.mul(m.delta) };
  }
  return out;
}

describe('mutated certificates', () => {
  for (const k of [1, 2, 3]) {
    it(`the checker agrees with an independent reference on mutations, k = ${k}`, () => {
      let rejected = 0;
      let total = 0;
      fc.assert(
        fc.property(arbSystem(k), arbMut, fc.boolean(), (sys, m, onMu) => {
          const rs = toRat(sys);
          const d = decideSystem(sys, k);
          total++;
          if (d.kind === 'witness') {
            expect(checkWitness(rs, d.z).ok).toBe(true);
            const z = d.z.slice();
            const c = m.which % Math.max(1, k);
            if (m.kind === 2) z.pop();
            else z[c] = m.kind === 1 ? (z[c] as Rat).neg() : (z[c] as Rat).add(m.delta);
            const got = checkWitness(rs, z);
            expect(got.ok).toBe(refWitness(rs, z));
            if (!got.ok) rejected++;
            return;
          }
          expect(checkFarkas(rs, d.lambda, d.mu).ok).toBe(true);
          const useMu = onMu && d.mu.length > 0;
          const lambda = useMu ? d.lambda : mutateEntries(d.lambda, m);
          const mu = useMu ? mutateEntries(d.mu, m) : d.mu;
          const got = checkFarkas(rs, lambda, mu);
          expect(got.ok).toBe(refFarkas(rs, lambda, mu, k));
          if (!got.ok) {
            rejected++;
            expect(got.rule).toBe('farkas');
          }
        }),
        fcOptions(400),
      );
      expect(rejected).toBeGreaterThan(total / 2);
    });
  }
});
