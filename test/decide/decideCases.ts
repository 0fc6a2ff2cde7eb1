// decideCases.ts: test-only arbitraries and a driver for the decisions of random networks.
import fc from 'fast-check';
import { expect } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { decideLayer } from '../../src/decide/layerDecisions.js';
import type { QueryPath } from '../../src/decide/regionQuery.js';
import { type RationalAnswer as QueryAnswer, toRationalAnswer } from '../../src/decide/verifyAnswer.js';
import { rationalQuery, verifyAnswer } from '../../src/decide/verifyAnswer.js';
import type { Network } from '../../src/net/network.js';
import { type Profile, profilePoints } from '../../src/net/profile.js';
import { type LayerAnalysis, type Region, computeLayers } from '../../src/net/regions.js';
import { naiveForward, netAndPointsArb, pinToBoundary } from '../net/netArbitraries.js';
import { type DenseSystem, denseSystem } from './queryOracle.js';

/**
 * A random network with points; point 0 is optionally pinned to one or two layer-1 boundaries,
 * and the points are sometimes spread beyond the reference box.
 */
export interface NetCase {
  readonly net: Network;
  readonly points: Rat[][];
  readonly profile: Profile;
}

export function netCaseArb(maxDim: number, profiles: readonly Profile[] = ['default', 'reference']): fc.Arbitrary<NetCase> {
  return fc
    .record({
      np: netAndPointsArb(maxDim),
      pins: fc.array(fc.nat(7), { maxLength: 2 }),
      // sometimes spread the points to ±128 so that some lie outside the reference box [−100, 100]^d
      far: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
      profile: fc.constantFrom(...profiles),
    })
    .map(({ np, pins, far, profile }) => {
      let net = np.net;
      const points = far ? np.points.map((p) => p.map((v) => v.mul(Rat.int(64n)))) : np.points;
      const p0 = points[0] as Rat[];
      for (const j of pins) net = pinToBoundary(net, p0, j);
      return { net, points, profile };
    });
}

/** Φ^(l)(x) by the naive oracle, compared with the layer's exact image. */
export function imageOf(net: Network, layer: LayerAnalysis, x: readonly Rat[], j: number): Rat[] {
  const y = (naiveForward(net, x)[layer.layer - 1] as { phi: Rat[] }).phi;
  const img = layer.images[j] as { num: bigint[]; den: bigint };
  expect(img.num.map((v) => Rat.of(v, img.den).toString())).toEqual(y.map((v) => v.toString()));
  return y;
}

/** One decision with everything a test may want to check about it. */
export interface Decision {
  readonly layer: LayerAnalysis;
  readonly reluLast: boolean;
  readonly j: number;
  readonly n: number;
  readonly region: Region;
  readonly xj: Rat[];
  /** All samples of the case, as the profile uses them. */
  readonly points: readonly Rat[][];
  readonly y: Rat[];
  readonly sys: DenseSystem;
  readonly ans: QueryAnswer;
}

/**
 * Every decision of `decideLayer` at every layer of the case; each answer is verified with
 * `verifyAnswer` on the system `rationalQuery` builds (must hold) before `visit` sees it.
 */
export function forEachDecision(c: NetCase, visit: (dec: Decision) => void, paths?: Partial<Record<QueryPath, number>>): void {
  const pts = profilePoints(c.points, c.profile) as Rat[][];
  const layers = computeLayers(c.net, pts, c.profile);
  layers.forEach((layer) => {
    const reluLast = (c.net.layers[layer.layer - 1] as { relu: boolean }).relu;
    const seen = new Set<string>();
    const stats = decideLayer(layer, pts, reluLast, (j, n, rawAns) => {
      const ans = toRationalAnswer(rawAns);
      const region = layer.regions[n] as Region;
      const img = layer.images[j] as { num: bigint[]; den: bigint };
      const xj = pts[j] as Rat[];
      expect(n).not.toBe(layer.regionOf[j]);
      const key = `${j}:${n}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      const why = verifyAnswer(
        rationalQuery(region.ineqA, region.ineqB, region.map.M, region.map.c, region.map.den, img.num, img.den),
        ans,
        xj,
      );
      expect(why, `layer ${layer.layer} Q(${j}, ${n}) ${ans.path}`).toBeUndefined();
      if (paths !== undefined) paths[ans.path] = (paths[ans.path] ?? 0) + 1;
      const y = imageOf(c.net, layer, xj, j);
      visit({ layer, reluLast, j, n, region, xj, points: pts, y, sys: denseSystem(region, y), ans });
    });
    // every (sample, other region) pair is decided exactly once
    expect(seen.size).toBe(pts.length * (layer.regions.length - 1));
    expect(stats.decisions).toBe(seen.size);
    expect(stats.yes + stats.no + stats.pinned).toBe(stats.decisions);
  });
}
