// Property: the checker accepts the homology records of src/homology on random points, complexes and networks; mutants are rejected.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Verdict, check } from '../../src/checker/index.js';
import { Rat } from '../../src/checker/rational.js';
import type { ComplexSpec } from '../../src/homology/complexSpec.js';
import { type LayerClasses, homologyRecords } from '../../src/homology/homologyRecords.js';
import { fcOptions } from '../fcSeed.js';
import { netAndPointsArb } from '../net/netArbitraries.js';
import { bundleRecords, withEnd } from './bundleFixture.js';
import { bettiHeader } from './homologyFixture.js';

type Rec = Record<string, unknown>;
const verdict = (v: Verdict): string => (v.kind === 'rejected' ? `${v.rule}: ${v.reason}` : 'accepted');
const r = (n: number, d = 1): Rat => Rat.of(BigInt(n), BigInt(d));

/** Points on a small grid (ties are common), 1..12 of them in the plane. */
const pointsArb = fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 12 }).map((ps) => ps.map(([x, y]) => [r(x, 2), r(y)]));
const specArb = (n: number): fc.Arbitrary<ComplexSpec> =>
  fc.oneof(
    fc.record({ kind: fc.constant('knn-rips' as const), k: fc.integer({ min: 1, max: 6 }), eps: fc.constantFrom(r(0), r(1), r(3, 2), r(2), r(5, 2), r(1000)) }),
    fc.record({ kind: fc.constant('rips' as const), eps2: fc.constantFrom(r(0), r(1, 4), r(1), r(5, 4), r(2), r(9, 2)) }),
    fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 4 }), { maxLength: 8 }).map((ss) => ({ kind: 'file' as const, path: 'f.json', vertices: n, simplices: ss.map((s) => [...s].sort((a, b) => a - b)) })),
  );
const caseArb = pointsArb.chain((points) => fc.record({ points: fc.constant(points), spec: specArb(points.length), field: fc.constantFrom('gf2' as const, 'q' as const), maxDim: fc.integer({ min: 0, max: 2 }) }));

describe('the checker accepts the records of src/homology', () => {
  it('betti-only bundles on random points and complexes; a claimed Betti number ±1 is rejected', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), ({ points, spec, field, maxDim }, pick) => {
        const { records, summary } = homologyRecords(points, spec, field, maxDim, [], []);
        const rs = [bettiHeader(points.map((p) => p.map(String))), ...(records as Rec[])];
        const v = check(withEnd(rs));
        expect(verdict(v)).toBe('accepted');
        expect(v.kind === 'accepted' && v.homology?.targets[0]?.betti).toEqual(summary.targets[0]?.betti);
        const bad = JSON.parse(JSON.stringify(rs)) as Rec[];
        const b = bad.find((x) => x['t'] === 'betti')?.['betti'] as number[];
        b[pick % b.length] = (b[pick % b.length] as number) + (pick % 2 === 0 || b[pick % b.length] === 0 ? 1 : -1);
        expect(check(withEnd(bad)).kind === 'rejected' && (check(withEnd(bad)) as { rule: string }).rule).toBe('betti');
      }),
      fcOptions(60),
    );
  });
  it('cone and metric quotients by the classes of random networks (knn-rips, rips, file complexes)', () => {
    const arb = netAndPointsArb(2).chain((np) => fc.record({ np: fc.constant(np), spec: specArb(np.points.length), field: fc.constantFrom('gf2' as const, 'q' as const), maxDim: fc.integer({ min: 0, max: 2 }) }));
    fc.assert(
      fc.property(arb, ({ np: { net, points }, spec, field, maxDim }) => {
        const rs = JSON.parse(JSON.stringify(bundleRecords(net, points))) as Rec[];
        const header = rs[0] as { points: string[][] };
        const exact = header.points.map((p) => p.map((x) => Rat.parse(x)));
        const layers: LayerClasses[] = rs.filter((x) => x['t'] === 'classes').map((x) => ({ layer: x['layer'] as number, classes: x['classes'] as number[][] }));
        const { records } = homologyRecords(exact, spec, field, maxDim, spec.kind === 'knn-rips' ? ['cone', 'metric'] : ['cone'], layers);
        expect(verdict(check(withEnd([...rs, ...(records as Rec[])])))).toBe('accepted');
      }),
      fcOptions(80), // about one network in ten has classes
    );
  });
  it('single mutations of a step, a chain, a cycle or tieChoices are rejected or change nothing certified', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.nat(), ({ points, spec, field, maxDim }, which, at) => {
        const { records } = homologyRecords(points, spec, field, maxDim, [], []);
        const rs = [bettiHeader(points.map((p) => p.map(String))), ...(records as Rec[])];
        const good = check(withEnd(rs));
        const bad = JSON.parse(JSON.stringify(rs)) as Rec[];
        const lists: [Rec, string][] = bad.flatMap((x): [Rec, string][] => (x['t'] === 'reduce' ? [[x, 'steps']] : x['t'] === 'rank' ? [[x, 'chains']] : x['t'] === 'cohomology' ? [[x, 'cycles'], [x, 'cocycles']] : []));
        const nonEmpty = lists.filter(([x, f]) => (x[f] as unknown[]).length > 0);
        const [x, f] = nonEmpty[which % Math.max(1, nonEmpty.length)] ?? [bad[1] as Rec, 'tieChoices'];
        if (f === 'tieChoices') x[f] = (x[f] as number) + 1;
        else (x[f] as unknown[]).splice(at % (x[f] as unknown[]).length, 1);
        const v = check(withEnd(bad));
        const same = v.kind === 'accepted' && good.kind === 'accepted' && JSON.stringify(v.homology?.targets.map((t) => t.betti)) === JSON.stringify(good.homology?.targets.map((t) => t.betti));
        expect(v.kind === 'rejected' || same).toBe(true);
      }),
      fcOptions(60),
    );
  });
});
