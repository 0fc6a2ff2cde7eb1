// overlap.test.ts: overlap classes and bundles from src/overlap: XOR nets, random networks, the prune, union-find.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { main } from '../../src/cli/main.js';
import { Rat } from '../../src/checker/rational.js';
import type { Network } from '../../src/net/network.js';
import { type Profile, profilePoints } from '../../src/net/profile.js';
import { computeLayers } from '../../src/net/regions.js';
import { bundleHeader } from '../../src/overlap/bundleHeader.js';
import { BundleWriter } from '../../src/overlap/bundleWriter.js';
import { type LayerOverlap, overlapDecomposition } from '../../src/overlap/overlapDecomposition.js';
import { comparedRegionPairs } from '../../src/overlap/sensitivityPrune.js';
import { UnionFind } from '../../src/overlap/unionFind.js';
import { netCaseArb } from '../decide/decideCases.js';
import { fcOptions } from '../fcSeed.js';
import { validateBundle } from './bundleValidator.js';
import { settleBundle } from './settleBundle.js';

const r = (n: number, d = 1): Rat => Rat.of(BigInt(n), BigInt(d));

/** The XOR overlap net of the paper's figure: 2 → 4 → 2 → 1 (as certificates/examples/xor/xor_overlap.pth). */
const xorNet: Network = {
  inputDim: 2,
  layers: [
    { W: [[r(2), r(1)], [r(1), r(2)], [r(-2), r(-1)], [r(-1), r(-2)]], b: [r(-1, 2), r(-1, 2), r(5, 2), r(5, 2)], relu: true },
    { W: [[r(1), r(-1), r(0), r(0)], [r(0), r(0), r(1), r(-1)]], b: [r(0), r(0)], relu: true },
    { W: [[r(1), r(1)]], b: [r(0)], relu: false },
  ],
};
const xorPoints: Rat[][] = [[r(0), r(0)], [r(1), r(1)], [r(1), r(0)], [r(0), r(1)]];

const FAKE = { path: 'in-memory', sha256: '0'.repeat(64) };

/** Write a bundle for an in-memory net to a temporary folder; return its text and the per-layer results. */
function bundleOf(net: Network, points: readonly (readonly Rat[])[], profile: Profile, sensitivity: Rat | null, explicitFarkas = false, skipCarried = false): { text: string; layers: LayerOverlap[] } {
  const pts = profilePoints(points, profile);
  const layers = net.layers.map((_, i) => i + 1);
  const dir = mkdtempSync(join(tmpdir(), 'ohc-overlap-'));
  const path = join(dir, 'b.ohc');
  const w = new BundleWriter(path);
  w.record(
    bundleHeader({
      inputs: { model: FAKE, data: FAKE, labels: null },
      correct: false,
      selected: pts.map((_, i) => i),
      profile,
      sensitivity,
      skipCarried,
      layers,
      net,
      points: pts,
    }),
  );
  const res = overlapDecomposition(net, pts, { profile, layers, sensitivity, explicitFarkas, skipCarried }, { record: (l) => w.record(l) });
  w.finish();
  const text = readFileSync(path, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  return { text, layers: res };
}

describe('UnionFind', () => {
  it('classes of size ≥ 2, ascending, ordered by first element', () => {
    const uf = new UnionFind(8);
    uf.unionAll([6, 2]);
    uf.union(5, 1);
    uf.union(7, 6);
    uf.unionAll([4]);
    expect(uf.classes()).toEqual([
      [1, 5],
      [2, 6, 7],
    ]);
    expect(uf.union(2, 7)).toBe(false);
  });
});

describe('BundleWriter', () => {
  it('an error in the middle of a run leaves neither the bundle nor a temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohc-overlap-'));
    const w = new BundleWriter(join(dir, 'b.ohc'));
    let n = 0;
    expect(() => {
      try {
        w.record({ t: 'header' });
        overlapDecomposition(xorNet, xorPoints, { profile: 'default', layers: [1, 2, 3], sensitivity: null }, {
          record: (l) => {
            if (++n === 5) throw new Error('disk full');
            w.record(l);
          },
        });
        w.finish();
      } catch (e) {
        w.abort();
        throw e;
      }
    }).toThrow('disk full');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('overlap decomposition of the XOR overlap net', () => {
  it('samples 0 and 1 glued at layer 2; 2 and 3 too at layer 3', () => {
    const res = overlapDecomposition(xorNet, xorPoints, { profile: 'default', layers: [1, 2, 3], sensitivity: null });
    expect(res.map((l) => l.classes)).toEqual([[], [[0, 1]], [[0, 1], [2, 3]]]);
    expect(res.map((l) => l.gluedPoints)).toEqual([0, 2, 4]);
    expect(res.map((l) => l.decisions)).toEqual([8, 12, 12]);
    // with skipCarried, layer 3 leaves the pairs of samples 0 and 1 (one class since layer 2) against each other's region undecided
    const skip = overlapDecomposition(xorNet, xorPoints, { profile: 'default', layers: [1, 2, 3], sensitivity: null, skipCarried: true });
    expect(skip.map((l) => l.classes)).toEqual(res.map((l) => l.classes));
    expect(skip.map((l) => [l.decisions, l.carried, l.gluings])).toEqual([[8, 0, 0], [12, 0, 1], [10, 2, 1]]);
  });

  it('classes carry from the previous certified layer only', () => {
    const only3 = overlapDecomposition(xorNet, xorPoints, { profile: 'default', layers: [3], sensitivity: null });
    expect(only3[0]?.classes).toEqual([[0, 1], [2, 3]]);
    const only1 = overlapDecomposition(xorNet, xorPoints, { profile: 'default', layers: [1], sensitivity: null });
    expect(only1[0]?.classes).toEqual([]);
  });

  for (const profile of ['default', 'reference'] as const) {
    for (const explicitFarkas of [false, true]) {
      it(`bundle (${profile}, explicitFarkas=${explicitFarkas}): valid format, every pair settled, accepted by the checker`, () => {
        const s = profile === 'reference' ? r(1) : null;
        const { text, layers } = bundleOf(xorNet, xorPoints, profile, s, explicitFarkas);
        const recs = validateBundle(text);
        const settled = settleBundle(xorNet, profilePoints(xorPoints, profile), profile, s, recs);
        expect(settled.map((l) => l.classes)).toEqual(layers.map((l) => l.classes));
        expect(settled.map((l) => l.yes)).toEqual(layers.map((l) => l.yes));
        const v = check(text);
        expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason}` : 'accepted').toBe('accepted');
      });
    }
  }

  it('rejects bad layer lists', () => {
    expect(() => overlapDecomposition(xorNet, xorPoints, { profile: 'default', layers: [2, 1], sensitivity: null })).toThrow(RangeError);
    expect(() => overlapDecomposition(xorNet, xorPoints, { profile: 'default', layers: [4], sensitivity: null })).toThrow(RangeError);
  });
});

describe('bundles of random networks', () => {
  it('valid format, every pair settled by the records or an implicit rule, classes re-derived, checker accepts', () => {
    const seen: Record<string, number> = { null: 0, bounds: 0, segments: 0, yes: 0, no: 0, pinned: 0 };
    fc.assert(
      fc.property(netCaseArb(3), fc.constantFrom(null, r(1, 4), r(1), r(3)), fc.boolean(), (c, s, explicitFarkas) => {
        const sensitivity = c.profile === 'reference' ? (s ?? r(1)) : null;
        const { text, layers } = bundleOf(c.net, c.points, c.profile, sensitivity, explicitFarkas);
        const recs = validateBundle(text);
        for (const rec of recs) if (rec.t === 'region') for (const k of Object.keys(seen)) seen[k] = (seen[k] as number) + (rec[k] as unknown[]).length;
        const settled = settleBundle(c.net, profilePoints(c.points, c.profile), c.profile, sensitivity, recs);
        expect(settled.map((l) => l.classes)).toEqual(layers.map((l) => l.classes));
        expect(settled.map((l) => l.gluings)).toEqual(layers.map((l) => l.gluings));
        const v = check(text);
        expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason} ${JSON.stringify(v.step)}` : 'accepted').toBe('accepted');
      }),
      fcOptions(60),
    );
    // every kind of evidence occurs
    console.log('random bundles, evidence counts:', JSON.stringify(seen));
    for (const k of ['null', 'bounds', 'segments', 'yes', 'no']) expect(seen[k], k).toBeGreaterThan(0);
  });

  it('skipCarried: the same classes as deciding every pair, with the carried pairs left out; the checker accepts', () => {
    let carried = 0;
    fc.assert(
      fc.property(netCaseArb(3, ['default']), fc.boolean(), (c, explicitFarkas) => {
        const all = bundleOf(c.net, c.points, 'default', null, explicitFarkas, false);
        const skip = bundleOf(c.net, c.points, 'default', null, explicitFarkas, true);
        expect(skip.layers.map((l) => l.classes)).toEqual(all.layers.map((l) => l.classes));
        expect(skip.layers.map((l) => l.decisions + l.carried)).toEqual(all.layers.map((l) => l.decisions));
        expect(skip.layers[0]?.carried).toBe(0);
        carried += skip.layers.reduce((a, l) => a + l.carried, 0);
        validateBundle(skip.text);
        const v = check(skip.text);
        expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason} ${JSON.stringify(v.step)}` : 'accepted').toBe('accepted');
        if (v.kind === 'accepted') expect(v.layers.map((l) => l.settled.carried)).toEqual(skip.layers.map((l) => l.carried));
      }),
      fcOptions(40),
    );
    expect(carried).toBeGreaterThan(0);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(netCaseArb(2), (c) => {
        const s = c.profile === 'reference' ? r(1) : null;
        expect(bundleOf(c.net, c.points, c.profile, s).text).toBe(bundleOf(c.net, c.points, c.profile, s).text);
      }),
      fcOptions(15),
    );
  });
});

describe('records of one layer', () => {
  it('do not depend on the layers certified before it (segment LPs reused from the layer before, or solved anew)', () => {
    fc.assert(
      fc.property(netCaseArb(3), (c) => {
        const s = c.profile === 'reference' ? r(1) : null;
        const pts = profilePoints(c.points, c.profile);
        const L = c.net.layers.length;
        const linesOf = (layers: number[]): string[] => {
          const out: string[] = [];
          overlapDecomposition(c.net, pts, { profile: c.profile, layers, sensitivity: s }, { record: (l) => out.push(l) });
          return out.filter((l) => l.includes(`"layer":${L},`) && l.startsWith('{"t":"region"'));
        };
        expect(linesOf([L])).toEqual(linesOf(c.net.layers.map((_, i) => i + 1)));
      }),
      fcOptions(25),
    );
  });

  // (--all-pairs: otherwise the full run leaves undecided the pairs inside the classes carried from layer 2)
  it('golden random-2d net: layer 3 alone gives the region records of the full run', () => {
    const dir = join(import.meta.dirname, '..', '..', 'certificates', 'golden');
    const work = mkdtempSync(join(tmpdir(), 'ohc-layer3-'));
    const linesOf = (extra: string[]): string[] => {
      const out = join(work, `${extra.length}.ohcb`);
      const args = ['certify', '--model', join(dir, 'random-2d.model.json'), '--data', join(dir, 'random-2d.data.json'), '--quiet', '--all-pairs', '--out', out, ...extra];
      expect(main(args, () => {}, () => {})).toBe(0);
      return readFileSync(out, 'utf8').split('\n').filter((l) => l.startsWith('{"t":"region","layer":3,'));
    };
    const alone = linesOf(['--layers', '3']);
    expect(alone.length).toBeGreaterThan(0);
    expect(alone).toEqual(linesOf([]));
    rmSync(work, { recursive: true, force: true });
  });
});

describe('sensitivity prune', () => {
  it('agrees with exact brute force over all sample pairs', () => {
    fc.assert(
      fc.property(netCaseArb(3, ['reference']), fc.constantFrom(r(1, 8), r(1, 2), r(1), r(2), r(5)), (c, s) => {
        const layers = computeLayers(c.net, profilePoints(c.points, 'reference'), 'reference');
        for (const layer of layers) {
          const compare = comparedRegionPairs(layer, s);
          const R = layer.regions.length;
          for (let K = 0; K < R; K++) {
            for (let n = 0; n < R; n++) {
              if (K === n) continue;
              let close = false;
              for (const j of layer.regions[K]?.samples ?? []) {
                for (const k of layer.regions[n]?.samples ?? []) {
                  const a = layer.images[j] as { num: bigint[]; den: bigint };
                  const b = layer.images[k] as { num: bigint[]; den: bigint };
                  let d2 = Rat.ZERO;
                  a.num.forEach((x, i) => {
                    const t = Rat.of(x, a.den).sub(Rat.of(b.num[i] as bigint, b.den));
                    d2 = d2.add(t.mul(t));
                  });
                  if (d2.cmp(s.mul(s)) < 0) close = true;
                }
              }
              expect(compare(K, n)).toBe(close);
            }
          }
        }
      }),
      fcOptions(60),
    );
  });

  it('exactly at distance s the pair is pruned; just below it is compared', () => {
    // 1-d identity ReLU net: images 1 and 2 (distance 1) on the same side; −1 in another region
    const net: Network = { inputDim: 1, layers: [{ W: [[r(1)]], b: [r(0)], relu: true }] };
    const layer = computeLayers(net, [[r(1)], [r(-1)]], 'reference')[0];
    if (layer === undefined) throw new Error('no layer');
    // images 1 and 0: distance exactly 1
    expect(comparedRegionPairs(layer, r(1))(0, 1)).toBe(false);
    expect(comparedRegionPairs(layer, Rat.of(1000000000000000001n, 1000000000000000000n))(0, 1)).toBe(true);
    expect(comparedRegionPairs(layer, Rat.of(999999999999999999n, 1000000000000000000n))(0, 1)).toBe(false);
  });
});
