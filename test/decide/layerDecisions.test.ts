// Every decision Q(j, n) of a layer: certificates verify, kinds agree with a brute-force oracle
// (d ≤ 2) and with the general route, and the XOR networks of method.md §8 glue as they must.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { decideLayer, firstDifferingRow, imageKey, lastLayerMask } from '../../src/decide/layerDecisions.js';
import { type QueryPath, prepareRegion, queryRegion as rawQueryRegion } from '../../src/decide/regionQuery.js';
const queryRegion = (...a: Parameters<typeof rawQueryRegion>): QueryAnswer => toRationalAnswer(rawQueryRegion(...a));
import { type RationalAnswer as QueryAnswer, rationalQuery, toRationalAnswer, verifyAnswer } from '../../src/decide/verifyAnswer.js';
import { loadDataset } from '../../src/io/loadData.js';
import { loadModel } from '../../src/io/loadModel.js';
import type { Network } from '../../src/net/network.js';
import type { Profile } from '../../src/net/profile.js';
import { type LayerAnalysis, type Region, computeLayers } from '../../src/net/regions.js';
import { fcOptions } from '../fcSeed.js';
import { naiveForward } from '../net/netArbitraries.js';
import { type Decision, forEachDecision, netCaseArb } from './decideCases.js';
import { oracleKind, samePoint } from './queryOracle.js';

const routes: Partial<Record<QueryPath, number>> = {};
const kinds = { yes: 0, no: 0, pinned: 0 };

afterAll(() => {
  // (only when the random properties ran, not under a `-t` filter)
  if (Object.values(routes).reduce((a, b) => a + b, 0) < 1000) return;
  for (const p of ['same-image', 'dead-neuron', 'boundary-pinned', 'boundary-other', 'unique-feasible', 'unique-violated', 'simplex-feasible', 'simplex-infeasible'] as const) {
    expect(routes[p] ?? 0, p).toBeGreaterThan(0);
  }
  console.log('decideLayer routes:', JSON.stringify(routes), 'kinds:', JSON.stringify(kinds));
});

/** The checks every decision gets beyond `verifyAnswer` (done in `forEachDecision`). */
function semanticChecks(net: Network, dec: Decision): void {
  const { ans, layer, j, n, xj, y } = dec;
  kinds[ans.answer]++;
  if (ans.answer === 'yes') {
    // a genuine gluing in the network itself: another input with the same representation
    expect(samePoint(ans.z, xj)).toBe(false);
    const phi = (naiveForward(net, ans.z)[layer.layer - 1] as { phi: Rat[] }).phi;
    expect(phi.map(String)).toEqual(y.map(String));
  }
  if (ans.path === 'same-image' && ans.answer === 'yes') {
    // the witness is a sample of region n
    expect(dec.region.samples.some((k) => samePoint(ans.z, dec.points[k] as Rat[]))).toBe(true);
  }
  if (ans.path === 'dead-neuron') {
    // one multiplier, on a map row that is identically zero in region n (a neuron OFF there)
    expect(ans.answer).toBe('no');
    if (ans.answer === 'no') {
      expect(ans.lambda).toEqual([]);
      expect(ans.mu.length).toBe(1);
      const [row] = ans.mu[0] as readonly [number, Rat];
      expect(dec.region.map.M[row]?.every((v) => v === 0n)).toBe(true);
    }
  }
  expect(layer.regionOf[j]).not.toBe(n);
}

describe('lastLayerMask and imageKey', () => {
  it('reads the ON bits of the last layer of a codeword', () => {
    expect(lastLayerMask('')).toBe(0n);
    expect(lastLayerMask('0101')).toBe(0b1010n);
    expect(lastLayerMask('0101|110')).toBe(0b011n);
    expect(lastLayerMask('1|0')).toBe(0n);
  });
  it('keys equal vectors equally whatever their scale', () => {
    expect(imageKey([2n, 4n], 2n)).toBe(imageKey([1n, 2n], 1n));
    expect(imageKey([0n, 0n], 8n)).toBe(imageKey([0n, 0n], 1n));
    expect(imageKey([-3n, 6n], 9n)).toBe(imageKey([-1n, 2n], 3n));
    expect(imageKey([1n, 2n], 1n)).not.toBe(imageKey([2n, 1n], 1n));
    expect(imageKey([1n], 2n)).not.toBe(imageKey([1n], 1n));
    expect(imageKey([], 4n)).toBe(imageKey([], 1n));
  });
});

describe('decideLayer on random networks', () => {
  it('d = 1..3, both profiles, points pinned to boundaries: every certificate verifies and is a genuine gluing or proof', () => {
    fc.assert(
      fc.property(netCaseArb(3), (c) => {
        forEachDecision(c, (dec) => semanticChecks(c.net, dec), routes);
      }),
      fcOptions(300),
    );
  });

  it('d = 1, 2: the answer kind agrees with the brute-force oracle', () => {
    fc.assert(
      fc.property(netCaseArb(2), (c) => {
        forEachDecision(
          c,
          (dec) => {
            expect(dec.ans.answer, `layer ${dec.layer.layer} Q(${dec.j}, ${dec.n}) ${dec.ans.path}`).toBe(oracleKind(dec.sys, dec.xj));
          },
          routes,
        );
      }),
      fcOptions(200),
    );
  });

  it('the cheap routes (same-image, dead-neuron) agree with the general route on every pair', () => {
    const cheap = { 'same-image': 0, 'dead-neuron': 0, other: 0 };
    fc.assert(
      fc.property(netCaseArb(3), (c) => {
        const prepared = new Map<string, ReturnType<typeof prepareRegion>>();
        forEachDecision(c, (dec) => {
          const key = `${dec.layer.layer}:${dec.n}`;
          let reg = prepared.get(key);
          if (reg === undefined) {
            const g = dec.region;
            reg = prepareRegion(c.net.inputDim, g.ineqA, g.ineqB, g.map.M, g.map.c, g.map.den);
            prepared.set(key, reg);
          }
          const img = dec.layer.images[dec.j] as { num: bigint[]; den: bigint };
          const general = queryRegion(reg, img.num, img.den, dec.xj);
          expect(general.answer, `${dec.ans.path} vs ${general.path}`).toBe(dec.ans.answer);
          if (dec.ans.path === 'same-image' || dec.ans.path === 'dead-neuron') cheap[dec.ans.path]++;
          else {
            cheap.other++;
            // away from the cheap routes decideLayer is queryRegion itself
            expect(general.path).toBe(dec.ans.path);
          }
        });
      }),
      fcOptions(100),
    );
    expect(cheap['same-image']).toBeGreaterThan(0);
    expect(cheap['dead-neuron']).toBeGreaterThan(0);
    console.log('cheap routes checked against queryRegion:', JSON.stringify(cheap));
  });
});

describe('the boundary rule on a network (proofs/pinned.md)', () => {
  it('a single-neuron layer: x_j = 0 is pinned against the quadrant, glued along the rays', () => {
    // layer 1: relu(x1), relu(x2); layer 2: relu(h1 + h2), a single neuron (maps of rank ≤ 1)
    const net: Network = {
      inputDim: 2,
      layers: [
        { W: [[r(1), r(0)], [r(0), r(1)]], b: [r(0), r(0)], relu: true },
        { W: [[r(1), r(1)]], b: [r(0)], relu: true },
      ],
    };
    const points = [[0, 0], [1, 1], [1, -1], [-1, 1]].map((p) => p.map((v) => r(v)));
    for (const profile of ['default', 'reference'] as const) {
      const got = new Map<string, QueryAnswer>();
      forEachDecision({ net, points, profile }, (dec) => {
        semanticChecks(net, dec);
        expect(dec.ans.answer).toBe(oracleKind(dec.sys, dec.xj));
        got.set(`${dec.layer.layer}:${dec.j}:${dec.region.samples[0]}`, dec.ans);
      });
      const at = (l: number, j: number, k: number): string => {
        const a = got.get(`${l}:${j}:${k}`);
        return `${a?.answer}/${a?.path}`;
      };
      // layer 1: identity map on the quadrant: the unique preimage is x_j itself
      expect(at(1, 0, 1)).toBe('pinned/boundary-pinned');
      // layer 2: x1 + x2 = 0 meets the quadrant only at 0 (rank 1: the simplex route)
      expect(at(2, 0, 1)).toBe('pinned/boundary-pinned');
      // x1 = 0, x2 ≤ 0 is a ray through x_j: another preimage exists
      expect(at(2, 0, 2)).toBe('yes/boundary-other');
      expect(at(2, 0, 3)).toBe('yes/boundary-other');
      // (1,1) has its layer-2 neuron ON, (0,0)'s region has it OFF
      expect(at(2, 1, 0)).toBe('no/dead-neuron');
    }
  });
});

describe('reference profile: samples outside the box [−100, 100]^d', () => {
  it('a sample outside the box is no same-image witness for its region (its region is cut by the box)', () => {
    // |x| = relu(x) + relu(−x): ±200 and ±50 reach the same output from opposite regions
    const abs: Network = {
      inputDim: 1,
      layers: [
        { W: [[Rat.ONE], [Rat.ONE.neg()]], b: [Rat.ZERO, Rat.ZERO], relu: true },
        { W: [[Rat.ONE, Rat.ONE]], b: [Rat.ZERO], relu: false },
      ],
    };
    const points = [[200], [-200], [50], [-50]].map((p) => p.map((v) => Rat.of(BigInt(v))));
    const answers = new Map<string, QueryAnswer>();
    forEachDecision({ net: abs, points, profile: 'reference' }, (dec) => {
      semanticChecks(abs, dec);
      answers.set(`${dec.layer.layer}:${dec.j}:${dec.n}`, dec.ans);
    });
    const layer2 = computeLayers(abs, points, 'reference')[1] as LayerAnalysis;
    const other = (j: number): number => layer2.regionOf[j === 0 ? 1 : j === 1 ? 0 : j === 2 ? 3 : 2] as number;
    // 200 has no preimage in [−100, 0]; 50 has −50
    expect(answers.get(`2:0:${other(0)}`)?.answer).toBe('no');
    expect(answers.get(`2:1:${other(1)}`)?.answer).toBe('no');
    expect(answers.get(`2:2:${other(2)}`)?.answer).toBe('yes');
    expect(answers.get(`2:2:${other(2)}`)?.path).toBe('same-image');
    // the default profile has no box: all four are glued
    forEachDecision({ net: abs, points, profile: 'default' }, (dec) => {
      semanticChecks(abs, dec);
      if (dec.layer.layer === 2) expect(dec.ans.answer).toBe('yes');
    });
  });
});

// ---- the XOR networks of method.md §8 ----

const r = (n: number, d = 1): Rat => Rat.of(BigInt(n), BigInt(d));
const xorPoints: Rat[][] = [
  [r(0), r(0)],
  [r(1), r(1)],
  [r(1), r(0)],
  [r(0), r(1)],
];
const overlapNet: Network = {
  inputDim: 2,
  layers: [
    { W: [[r(2), r(1)], [r(1), r(2)], [r(-2), r(-1)], [r(-1), r(-2)]], b: [r(-1, 2), r(-1, 2), r(5, 2), r(5, 2)], relu: true },
    { W: [[r(1), r(-1), r(0), r(0)], [r(0), r(0), r(1), r(-1)]], b: [r(0), r(0)], relu: true },
  ],
};
const rankNet: Network = {
  inputDim: 2,
  layers: [
    { W: [[r(-1), r(1)], [r(1), r(-1)]], b: [r(-1, 2), r(-1, 2)], relu: true },
    { W: [[r(2), r(2)]], b: [r(0)], relu: false },
  ],
};

/** Q(j, region of sample k) at a layer, by `decideLayer` and by `queryRegion`; both verified. */
function xorQuery(net: Network, points: Rat[][], profile: Profile, layerNo: number, j: number, k: number): { layerAns: QueryAnswer; general: QueryAnswer } {
  const layer = computeLayers(net, points, profile)[layerNo - 1] as LayerAnalysis;
  const n = layer.regionOf[k] as number;
  expect(layer.regionOf[j]).not.toBe(n);
  const g = layer.regions[n] as Region;
  const img = layer.images[j] as { num: bigint[]; den: bigint };
  const xj = points[j] as Rat[];
  const sys = rationalQuery(g.ineqA, g.ineqB, g.map.M, g.map.c, g.map.den, img.num, img.den);
  let layerAns: QueryAnswer | undefined;
  decideLayer(layer, points, (net.layers[layerNo - 1] as { relu: boolean }).relu, (jj, nn, rawAns) => {
    const ans = toRationalAnswer(rawAns);
    if (jj === j && nn === n) layerAns = ans;
  });
  if (layerAns === undefined) throw new Error('no decision');
  const general = queryRegion(prepareRegion(2, g.ineqA, g.ineqB, g.map.M, g.map.c, g.map.den), img.num, img.den, xj);
  expect(verifyAnswer(sys, layerAns, xj)).toBeUndefined();
  expect(verifyAnswer(sys, general, xj)).toBeUndefined();
  return { layerAns, general };
}

describe('XOR networks (method.md §8)', () => {
  for (const profile of ['default', 'reference'] as const) {
    it(`overlap net, layer 2 (${profile}): (0,0) and (1,1) are glued both ways`, () => {
      for (const [j, k] of [
        [0, 1],
        [1, 0],
      ] as const) {
        const { layerAns, general } = xorQuery(overlapNet, xorPoints, profile, 2, j, k);
        expect(layerAns.answer).toBe('yes');
        expect(layerAns.path).toBe('same-image');
        expect(general.answer).toBe('yes');
      }
    });

    it(`rank net, layer 2 (${profile}): (1,0) and (0,1) are glued both ways`, () => {
      for (const [j, k] of [
        [2, 3],
        [3, 2],
      ] as const) {
        const { layerAns, general } = xorQuery(rankNet, xorPoints, profile, 2, j, k);
        expect(layerAns.answer).toBe('yes');
        expect(general.answer).toBe('yes');
      }
    });
  }

  it('rank net, layer 1: (0,0) and (1,1) share the rank-0 region; (1,0) against it is a dead-neuron no', () => {
    const layer = computeLayers(rankNet, xorPoints, 'default')[0] as LayerAnalysis;
    expect(layer.regionOf[0]).toBe(layer.regionOf[1]);
    const { layerAns, general } = xorQuery(rankNet, xorPoints, 'default', 1, 2, 0);
    expect(layerAns.answer).toBe('no');
    expect(layerAns.path).toBe('dead-neuron');
    expect(general.answer).toBe('no');
  });

  it('the real files: xor_overlap.pth and xor_rank.pth with xor_points.npy', () => {
    const dir = new URL('../../certificates/examples/xor/', import.meta.url).pathname;
    const data = loadDataset(`${dir}xor_points.npy`);
    const points = data.points.map((p) => [...p]);
    expect(points.map((p) => p.map(String))).toEqual(xorPoints.map((p) => p.map(String)));
    const overlap = loadModel(`${dir}xor_overlap.pth`);
    expect(overlap.layers.map((l) => l.relu)).toEqual([true, true, false]);
    // the first two layers are the figure's overlap net exactly
    overlapNet.layers.forEach((l, i) => {
      const f = overlap.layers[i];
      expect(f?.W.map((row) => row.map(String))).toEqual(l.W.map((row) => row.map(String)));
      expect(f?.b.map(String)).toEqual(l.b.map(String));
    });
    for (const profile of ['default', 'reference'] as const) {
      for (const [j, k] of [
        [0, 1],
        [1, 0],
      ] as const) {
        expect(xorQuery(overlap, points, profile, 2, j, k).general.answer).toBe('yes');
      }
    }
    // at the output layer (3) (1,0) and (0,1) meet too (README): different regions, output 1
    for (const profile of ['default', 'reference'] as const) {
      const l3 = computeLayers(overlap, points, profile)[2] as LayerAnalysis;
      expect(l3.regionOf[2]).not.toBe(l3.regionOf[3]);
      expect(xorQuery(overlap, points, profile, 3, 2, 3).layerAns.answer).toBe('yes');
      expect(xorQuery(overlap, points, profile, 3, 3, 2).general.answer).toBe('yes');
    }
    const rank = loadModel(`${dir}xor_rank.pth`);
    rankNet.layers.forEach((l, i) => {
      const f = rank.layers[i];
      expect(f?.relu).toBe(l.relu);
      expect(f?.W.map((row) => row.map(String))).toEqual(l.W.map((row) => row.map(String)));
      expect(f?.b.map(String)).toEqual(l.b.map(String));
    });
    for (const profile of ['default', 'reference'] as const) {
      for (const [j, k] of [
        [2, 3],
        [3, 2],
      ] as const) {
        expect(xorQuery(rank, points, profile, 2, j, k).general.answer).toBe('yes');
      }
    }
  });

  it('every decision of both XOR nets verifies at every layer', () => {
    for (const net of [overlapNet, rankNet]) {
      for (const profile of ['default', 'reference'] as const) {
        forEachDecision({ net, points: xorPoints, profile }, (dec) => {
          semanticChecks(net, dec);
          expect(dec.ans.answer).toBe(oracleKind(dec.sys, dec.xj));
        });
      }
    }
  });
});

describe('firstDifferingRow', () => {
  it('counts region rows (bits), not the layer separators', () => {
    expect(firstDifferingRow('01|10', '01|11')).toBe(3);
    expect(firstDifferingRow('01|10', '11|10')).toBe(0);
    expect(firstDifferingRow('01|10', '01|10')).toBe(-1);
    expect(firstDifferingRow('', '')).toBe(-1);
  });
});
