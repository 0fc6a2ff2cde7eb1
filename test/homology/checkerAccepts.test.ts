// computeBetti's records pass the trusted checker (src/checker) on random complexes, and single mutations of them are rejected.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { Rat } from '../../src/checker/rational.js';
import type { ComplexInput, Field } from '../../src/homology/computeBetti.js';
import { computeBetti } from '../../src/homology/computeBetti.js';
import { hopGraph } from '../../src/homology/hopGraph.js';
import { knnGraph } from '../../src/homology/knnGraph.js';
import { ripsGraph } from '../../src/homology/ripsGraph.js';
import { withEnd } from '../checker/bundleFixture.js';
import { bettiHeader } from '../checker/homologyFixture.js';
import { fcOptions } from '../fcSeed.js';

type Rec = Record<string, unknown>;

/** A random betti-only bundle: points, a spec (rips, knn-rips or file), the complex, computeBetti's records. */
const caseArb = fc.record({
  points: fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 }), fc.integer({ min: -1, max: 1 })), { minLength: 1, maxLength: 12 }),
  spec: fc.oneof(
    fc.record({ kind: fc.constant('rips' as const), eps2: fc.integer({ min: 0, max: 20 }) }),
    fc.record({ kind: fc.constant('knn-rips' as const), k: fc.integer({ min: 1, max: 5 }), eps: fc.constantFrom('1', '2', '5/2', '3') }),
    fc.record({ kind: fc.constant('file' as const), simplices: fc.array(fc.uniqueArray(fc.nat(11), { minLength: 1, maxLength: 4 }), { maxLength: 8 }) }),
  ),
  field: fc.constantFrom<Field>('gf2', 'q'),
  maxDim: fc.integer({ min: 0, max: 2 }),
});

function build(c: fc.Arbitrary<unknown> extends never ? never : Parameters<Parameters<typeof caseArb.map>[0]>[0]): { recs: Rec[]; betti: number[] } {
  const pts = c.points.map((p) => p.map((x) => Rat.parse(String(x))));
  let input: ComplexInput;
  let spec: Rec;
  let tieChoices = 0;
  if (c.spec.kind === 'rips') {
    input = { kind: 'flag', graph: ripsGraph(pts, Rat.parse(String(c.spec.eps2))) };
    spec = { kind: 'rips', eps2: String(c.spec.eps2) };
  } else if (c.spec.kind === 'knn-rips') {
    const knn = knnGraph(pts, c.spec.k);
    input = { kind: 'flag', graph: hopGraph(knn.graph, Rat.parse(c.spec.eps)) };
    spec = { kind: 'knn-rips', k: c.spec.k, eps: c.spec.eps };
    tieChoices = knn.tieChoices;
  } else {
    const n = pts.length;
    const simplices = c.spec.simplices.map((s) => s.filter((v) => v < n).sort((a, b) => a - b)).filter((s) => s.length > 0);
    input = { kind: 'explicit', size: n, simplices };
    spec = { kind: 'file', vertices: n, simplices };
  }
  const res = computeBetti(input, c.field, c.maxDim, { layer: 0, quotient: 'none' });
  const header = bettiHeader(c.points.map((p) => p.map(String)));
  const complex = { t: 'complex', spec, field: c.field, maxDim: c.maxDim, quotients: [], tieChoices };
  return { recs: JSON.parse(JSON.stringify([header, complex, ...res.records])) as Rec[], betti: res.betti };
}

describe('the checker accepts computeBetti records', () => {
  it('on random point sets and specs, both fields', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { recs, betti } = build(c);
        const v = check(withEnd(recs));
        expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason}` : 'accepted').toBe('accepted');
        if (v.kind === 'accepted') expect(v.homology?.targets.map((t) => [...t.betti])).toEqual([betti]);
      }),
      fcOptions(100),
    );
  });
});

/** Single mutations that can never leave a valid certificate. */
type Mutation = (rs: Rec[], pick: number) => boolean;
const of = (rs: Rec[], t: string): Rec[] => rs.filter((r) => r['t'] === t);
const nth = <T>(xs: readonly T[], pick: number): T | undefined => (xs.length === 0 ? undefined : xs[pick % xs.length]);
const MUTATIONS: Record<string, Mutation> = {
  'betti ±1': (rs, pick) => {
    const b = of(rs, 'betti')[0]!['betti'] as number[];
    const k = pick % b.length;
    b[k] = b[k]! + (b[k]! > 0 && pick % 2 === 0 ? -1 : 1);
    return true;
  },
  'rank chain dropped': (rs, pick) => {
    const r = nth(of(rs, 'rank').filter((x) => (x['chains'] as unknown[]).length > 0), pick);
    if (r === undefined) return false;
    (r['chains'] as unknown[]).splice(pick % (r['chains'] as unknown[]).length, 1);
    return true;
  },
  'rank chain repeated': (rs, pick) => {
    const r = nth(of(rs, 'rank').filter((x) => (x['chains'] as unknown[]).length > 0), pick);
    if (r === undefined) return false;
    const ch = r['chains'] as unknown[];
    ch.push(ch[pick % ch.length]);
    return true;
  },
  'cycle and cocycle dropped': (rs, pick) => {
    const r = nth(of(rs, 'cohomology').filter((x) => (x['cycles'] as unknown[]).length > 0), pick);
    if (r === undefined) return false;
    const i = pick % (r['cycles'] as unknown[]).length;
    (r['cycles'] as unknown[]).splice(i, 1);
    (r['cocycles'] as unknown[]).splice(i, 1);
    return true;
  },
  'entry dropped from a cycle of dimension ≥ 1': (rs, pick) => {
    const r = nth(of(rs, 'cohomology').filter((x) => (x['dim'] as number) >= 1 && (x['cycles'] as unknown[]).length > 0), pick);
    if (r === undefined) return false;
    const z = nth(r['cycles'] as unknown[][], pick)!;
    z.splice(pick % z.length, 1);
    return true;
  },
  'index past the end': (rs, pick) => {
    const r = nth(of(rs, 'cohomology').filter((x) => (x['cocycles'] as unknown[]).length > 0), pick);
    if (r === undefined) return false;
    const w = nth(r['cocycles'] as unknown[][], pick)!;
    w.push(typeof w[0] === 'number' ? 1_000_000 : [1_000_000, '1']);
    return true;
  },
  'edge step dominated by an end': (rs, pick) => {
    const st = nth((of(rs, 'reduce')[0]!['steps'] as number[][]).filter((s) => s.length === 3), pick);
    if (st === undefined) return false;
    st[2] = st[pick % 2]!;
    return true;
  },
  'vertex step dominated by itself': (rs, pick) => {
    const st = nth((of(rs, 'reduce')[0]!['steps'] as number[][]).filter((s) => s.length === 2), pick);
    if (st === undefined) return false;
    st[1] = st[0]!;
    return true;
  },
};

describe('the checker rejects single mutations of computeBetti records', () => {
  it('every applicable mutation of a random bundle is rejected', () => {
    let applied = 0;
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...Object.keys(MUTATIONS)), fc.nat(1000), (c, name, pick) => {
        const { recs } = build(c);
        if (!MUTATIONS[name]!(recs, pick)) return;
        applied++;
        const v = check(withEnd(recs));
        expect(v.kind, name).toBe('rejected');
      }),
      fcOptions(200),
    );
    expect(applied).toBeGreaterThan(50);
  });
});
