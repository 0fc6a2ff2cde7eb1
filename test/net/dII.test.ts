// Real data: D-II model 0 on the D-II test set, class 1, correctly classified (method.md §7).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rat } from '../../src/checker/rational.js';
import { loadDataset } from '../../src/io/loadData.js';
import { loadModel } from '../../src/io/loadModel.js';
import type { Dataset, Network } from '../../src/net/network.js';
import { profilePoints } from '../../src/net/profile.js';
import { type LayerAnalysis, computeLayers } from '../../src/net/regions.js';
import { scaledVecEquals } from '../../src/net/scaled.js';
import { selectPoints } from '../../src/net/select.js';
import { HAVE_SHARED, shared } from '../sharedData.js';
import { loadPointsFloat32 } from './referenceJson.js';

/** Region counts per layer reported by the reference code for this model and selection. */
const REFERENCE_COUNTS = [59, 169, 393, 574, 759, 853, 903, 921, 931, 931];

/** Every row holds at every sample, and the local map reproduces the images. */
function spotCheck(layers: LayerAnalysis[], points: readonly (readonly Rat[])[]) {
  let bad = 0;
  for (const an of layers) {
    for (const g of an.regions) {
      for (const j of g.samples) {
        const x = points[j] as readonly Rat[];
        // x = xn / xd exactly; a·x <= b  iff  a·xn <= b·xd
        let xd = 1n;
        for (const v of x) xd = (xd * v.d) / gcdB(xd, v.d);
        const xn = x.map((v) => v.n * (xd / v.d));
        g.ineqA.forEach((a, k) => {
          const lhs = a.reduce((s, v, i) => s + v * (xn[i] as bigint), 0n);
          if (lhs > (g.ineqB[k] as bigint) * xd) bad++;
        });
        // (M x + c)/den as the scaled vector (M xn + c xd) / (den xd)
        const num = g.map.M.map((row, i) => row.reduce((s, m, k) => s + m * (xn[k] as bigint), 0n) + (g.map.c[i] as bigint) * xd);
        if (!scaledVecEquals({ num, den: g.map.den * xd }, an.images[j] as never)) bad++;
      }
    }
  }
  expect(bad).toBe(0);
}

function gcdB(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

describe.skipIf(!HAVE_SHARED)('D-II model 0, test set, class 1, correctly classified', () => {
  let net: Network;
  let f32: Dataset;
  let f64: Dataset;
  beforeAll(() => {
    const json = (...p: string[]) => shared('data', 'quotienthomology', 'json', ...p);
    net = loadModel(json('models', 'D-II_model_0.json'));
    f64 = loadDataset(json('data', 'D-II-test.json')); // points_float64, labels = class_index
    f32 = { ...f64, points: loadPointsFloat32('D-II-test.json') };
  });

  it('reference profile (points_float32): 1,206 points and the reference region counts', () => {
    const sel = selectPoints(net, f32, { class: 1, correct: true, profile: 'reference' });
    expect(sel.length).toBe(1206);
    // the reference profile rounds float64 points itself: same selection, same points
    expect(selectPoints(net, f64, { class: 1, correct: true, profile: 'reference' })).toEqual(sel);
    const rounded = profilePoints(f64.points, 'reference');
    expect(sel.every((i) => (rounded[i] as Rat[]).every((v, k) => v.eq((f32.points[i] as Rat[])[k] as Rat)))).toBe(true);

    const points = sel.map((i) => f32.points[i] as readonly Rat[]);
    const t = performance.now();
    const layers = computeLayers(net, points, 'reference');
    const ms = performance.now() - t;
    console.log(`computeLayers D-II model 0, reference, ${points.length} points: ${ms.toFixed(0)} ms`);
    expect(layers.map((a) => a.regions.length)).toEqual(REFERENCE_COUNTS);
    // 9 hidden layers of 15 + 2 output sign rows + 6 box rows at layer 10
    expect(layers[9]?.regions[0]?.ineqA.length).toBe(9 * 15 + 2 + 6);
    expect(layers.every((a) => a.boundaryPoints.length === 0)).toBe(true);
    spotCheck(layers, points);
  });

  it('default profile (points_float64 exactly)', () => {
    const sel = selectPoints(net, f64, { class: 1, correct: true, profile: 'default' });
    expect(sel.length).toBe(1206);
    const points = sel.map((i) => f64.points[i] as readonly Rat[]);
    const t = performance.now();
    const layers = computeLayers(net, points, 'default');
    const ms = performance.now() - t;
    const counts = layers.map((a) => a.regions.length);
    console.log(`computeLayers D-II model 0, default, ${points.length} points: ${ms.toFixed(0)} ms; regions ${counts.join(', ')}`);
    console.log(`rank classes: ${layers.map((a) => JSON.stringify([...a.rankClasses].sort())).join(' ')}`);
    expect(counts).toEqual([59, 169, 393, 574, 759, 853, 903, 921, 931, 931]);
    expect(layers[9]?.regions[0]?.ineqA.length).toBe(9 * 15);
    spotCheck(layers, points);
  });
});
