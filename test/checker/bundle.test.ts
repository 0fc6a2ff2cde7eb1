// Hand-built bundles for the XOR overlap net and a 1-d boundary net: accepted, and single mutations rejected by rule.
import { describe, expect, it } from 'vitest';
import { check, isAccepted, type Verdict } from '../../src/checker/index.js';
import { Rat } from '../../src/checker/rational.js';
import type { Network } from '../../src/net/network.js';
import { type FixtureOptions, buildBundle, bundleRecords, withEnd } from './bundleFixture.js';
import { xorNet, xorPoints } from './xorFixture.js';

type Rec = Record<string, unknown> & { t: string };
const clone = (x: object[]): Rec[] => JSON.parse(JSON.stringify(x)) as Rec[];
const region = (rs: Rec[], layer: number, n: number): Rec => {
  const r = rs.find((x) => x.t === 'region' && x['layer'] === layer && x['region'] === n);
  if (r === undefined) throw new Error(`no region ${layer}/${n}`);
  return r;
};
const rule = (v: Verdict): string => (v.kind === 'rejected' ? v.rule : 'accepted');
const mutate = (opts: FixtureOptions, f: (rs: Rec[]) => void, net: Network = xorNet, pts: Rat[][] = xorPoints): Verdict => {
  const rs = clone(bundleRecords(net, pts, opts));
  f(rs);
  return check(withEnd(rs));
};

/** 1-d: z = x with ReLU; x = 0 lies on the boundary of {x ≥ 0} and is its only preimage of 0 there. */
const lineNet: Network = { inputDim: 1, layers: [{ W: [[Rat.ONE]], b: [Rat.ZERO], relu: true }] };
const linePts = [[Rat.ZERO], [Rat.ONE]];

describe('valid bundles are accepted', () => {
  for (const implicit of [false, true]) {
    it(`XOR overlap net (implicit=${implicit}): samples 0 and 1 glued at layer 2`, () => {
      const v = check(buildBundle(xorNet, xorPoints, { implicit }));
      expect(rule(v)).toBe('accepted');
      expect(isAccepted(v)).toBe(true);
      if (v.kind !== 'accepted') return;
      expect(v.layers.map((l) => [l.layer, l.regions, l.pairs, l.gluings, l.classes])).toEqual([[1, 3, 8, 0, 0], [2, 4, 12, 1, 1]]);
    });
    it(`XOR net, reference profile (implicit=${implicit})`, () => {
      expect(rule(check(buildBundle(xorNet, xorPoints, { implicit, profile: 'reference', sensitivity: Rat.of(3n, 1n) })))).toBe('accepted');
      const v = check(buildBundle(xorNet, xorPoints, { implicit, profile: 'reference', sensitivity: Rat.of(1n, 100n) }));
      expect(rule(v)).toBe('accepted');
      // with s = 1/100 only the two samples with one image are compared at layer 2; the rest is pruned
      expect(v.kind === 'accepted' && v.layers[1]?.settled.pruned).toBeGreaterThan(0);
    });
  }
  it('only layer 2 certified', () => {
    expect(rule(check(buildBundle(xorNet, xorPoints, { layers: [2] })))).toBe('accepted');
  });
  it('a boundary point is pinned, not glued', () => {
    const text = buildBundle(lineNet, linePts);
    expect(text).toContain('"pinned":[[0,');
    const v = check(text);
    expect(v.kind === 'accepted' && v.layers[0]?.settled.pinned).toBe(1);
  });
  it('a structurally copied verdict is not accepted', () => {
    const v = check(buildBundle(xorNet, xorPoints));
    expect(isAccepted({ ...v })).toBe(false);
  });
});

describe('single mutations are rejected with their rule', () => {
  it('witness coordinate', () => {
    const v = mutate({}, (rs) => {
      const w = (region(rs, 2, 2)['yes'] as [number, { num: string[] }][])[0];
      if (w) w[1].num[0] = '21';
    });
    expect(rule(v)).toBe('witness');
    expect(v.kind === 'rejected' && v.step).toMatchObject({ layer: 2, region: 2, sample: 0 });
    expect(v.kind === 'rejected' && v.trace).toMatch(/violates row|Φ_n\(z\)/);
  });
  it('witness equal to x_j', () => {
    expect(rule(mutate({}, (rs) => ((region(rs, 2, 2)['yes'] as unknown[])[0] = [0, { num: ['0', '0'], den: '1' }])))).toBe('witness');
  });
  it('Farkas sign', () => {
    expect(rule(mutate({}, (rs) => (((region(rs, 1, 0)['no'] as unknown[][])[0] as unknown[])[2] = [[0, '2']])))).toBe('farkas');
  });
  it('dropped decision', () => {
    const v = mutate({}, (rs) => (region(rs, 2, 2)['yes'] as unknown[]).shift());
    expect(rule(v)).toBe('complete');
    expect(v.kind === 'rejected' && v.reason).toContain('missing decision for sample 0 against region 2');
    // a pair that rule `dead` settles needs no record
    expect(rule(mutate({}, (rs) => (region(rs, 1, 0)['no'] as unknown[]).pop()))).toBe('accepted');
  });
  it('a same record pointing at the sample itself', () => {
    expect(rule(mutate({}, (rs) => ((region(rs, 2, 2)['yes'] as unknown[])[0] = [0, { same: 0 }])))).toBe('same');
  });
  it('a same record whose sample has another image', () => {
    expect(rule(mutate({}, (rs) => ((region(rs, 2, 2)['yes'] as unknown[])[0] = [0, { same: 2 }])))).toBe('same');
  });
  it('forged class and forged gluing count', () => {
    expect(rule(mutate({}, (rs) => (rs[rs.length - 1] as Rec)['classes'] = [[0, 1, 2]]))).toBe('classes');
    expect(rule(mutate({}, (rs) => (rs[rs.length - 1] as Rec)['classes'] = []))).toBe('classes');
    expect(rule(mutate({}, (rs) => (rs[rs.length - 1] as Rec)['gluings'] = 2))).toBe('classes');
  });
  it('wrong sha256, wrong count, truncated file, trailing garbage', () => {
    const text = buildBundle(xorNet, xorPoints);
    expect(rule(check(text.replace(/"records":12,"sha256":"[0-9a-f]{4}/, '"records":12,"sha256":"0000')))).toBe('end');
    expect(rule(check(text.replace(/"records":12/, '"records":11')))).toBe('end');
    expect(rule(check(text.slice(0, text.length - 30)))).toBe('end');
    expect(rule(check(text.slice(0, text.lastIndexOf('{"t":"end"'))))).toBe('end');
    expect(rule(check(text.replace('"regions":3', '"regions":4')))).toBe('end');
  });
  it('duplicate region record, missing region record, wrong region count', () => {
    expect(rule(mutate({}, (rs) => rs.splice(3, 0, clone([rs[2] as Rec])[0] as Rec)))).toBe('parse');
    expect(rule(mutate({}, (rs) => rs.splice(3, 1)))).toBe('parse');
    expect(rule(mutate({}, (rs) => ((rs[1] as Rec)['regions'] = 4)))).toBe('complete');
  });
  it('a record for the sample\'s own region, two records for one pair', () => {
    expect(rule(mutate({}, (rs) => (region(rs, 1, 0)['no'] as unknown[]).push([0, [], [[0, '-2']]])))).toBe('parse');
    expect(rule(mutate({}, (rs) => (region(rs, 1, 0)['yes'] as unknown[]).push([1, { num: ['0', '0'], den: '1' }])))).toBe('parse');
  });
  it('null vector not in the left null space; bound with λ ≠ vᵀP; segment end outside G_n', () => {
    expect(rule(mutate({ implicit: true }, (rs) => ((region(rs, 1, 2)['null'] as unknown[])[0] = [[0, '1']])))).toBe('null');
    expect(rule(mutate({ implicit: true }, (rs) => ((region(rs, 2, 2)['bounds'] as { v: unknown }[])[0] as { v: unknown }).v = [[0, '3']]))).toBe('bound');
    expect(rule(mutate({ implicit: true }, (rs) => ((region(rs, 2, 2)['segments'] as { lo: unknown }[])[0] as { lo: unknown }).lo = { num: ['0', '0'], den: '1' }))).toBe('segment');
  });
  it('dropping a region-level certificate leaves decisions missing', () => {
    expect(rule(mutate({ implicit: true }, (rs) => (region(rs, 2, 2)['segments'] = [])))).toBe('complete');
    expect(rule(mutate({ implicit: true }, (rs) => (region(rs, 1, 2)['null'] = [])))).toBe('complete');
  });
  it('a yes contradicting an implicit no', () => {
    // sample 2 is ON at a neuron OFF in region 0 at layer 2 (dead); a witness claim is also a conflict
    const v = mutate({ implicit: true }, (rs) => (region(rs, 2, 0)['yes'] as unknown[]).push([2, { same: 1 }]));
    expect(rule(v)).toBe('same');
  });
  it('pinned: a bound that does not pin, a missing coordinate', () => {
    const pin = (rs: Rec[]): unknown[][] => ((region(rs, 1, 1)['pinned'] as unknown[][])[0] as unknown[][])[1] as unknown[][];
    expect(rule(mutate({}, (rs) => (pin(rs) as unknown[]).pop(), lineNet, linePts))).toBe('pinned');
    expect(rule(mutate({}, (rs) => ((pin(rs)[0] as unknown as { coord: number; sign: number }).sign *= -1), lineNet, linePts))).toBe('pinned');
  });
  it('header: format, profile options, network shape, point count', () => {
    expect(rule(mutate({}, (rs) => ((rs[0] as Rec)['format'] = 'ohc-bundle/2')))).toBe('header');
    expect(rule(mutate({}, (rs) => (((rs[0] as Rec)['options'] as Rec)['outputBits'] = true)))).toBe('header');
    expect(rule(mutate({}, (rs) => (((rs[0] as Rec)['points'] as unknown[]).pop())))).toBe('header');
    expect(rule(mutate({}, (rs) => ((rs[0] as Rec)['layers'] = [2, 1])))).toBe('header');
    expect(rule(mutate({}, (rs) => (((rs[0] as Rec)['options'] as Rec)['sensitivity'] = '1')))).toBe('header');
  });
  it('pruned: a reference bundle that skips pairs needs its sensitivity', () => {
    const opts = { profile: 'reference' as const, sensitivity: Rat.of(1n, 100n) };
    expect(rule(mutate(opts, (rs) => (((rs[0] as Rec)['options'] as Rec)['sensitivity'] = '100')))).toBe('complete');
  });
  it('parse and limits: non-canonical numbers, huge integers, numbers where strings belong', () => {
    expect(rule(mutate({}, (rs) => ((((rs[0] as Rec)['points'] as string[][])[1] as string[])[0] = '2/2')))).toBe('parse');
    expect(rule(mutate({}, (rs) => ((((rs[0] as Rec)['points'] as string[][])[1] as string[])[0] = '01')))).toBe('parse');
    expect(rule(mutate({}, (rs) => ((((rs[0] as Rec)['points'] as unknown[][])[1] as unknown[])[0] = 1)))).toBe('parse');
    expect(rule(mutate({}, (rs) => (((region(rs, 1, 0)['no'] as unknown[][])[0] as unknown[])[2] = [[0, `-${'9'.repeat(100_001)}`]])))).toBe('limits');
    expect(rule(mutate({}, (rs) => (((region(rs, 1, 0)['no'] as unknown[][])[0] as unknown[])[2] = [[0, '-2'], [0, '-2']])))).toBe('parse');
    expect(rule(mutate({}, (rs) => (region(rs, 1, 0)['extra'] = 1)))).toBe('parse');
    expect(rule(check('not json\n'))).toBe('end');
  });
});
