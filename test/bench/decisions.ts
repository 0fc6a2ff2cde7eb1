// decisions.ts: benchmark of the real workload: every (sample, region) decision of D-II model 0
// on its 1,206 analysed points at a middle and at the last layer, with a naive exact baseline
// (no cheap routes: full rational elimination and the simplex for every pair) measured in the same run.
import { resolve } from 'node:path';
import type { Rat } from '../../src/checker/rational.js';
import { decideLayer } from '../../src/decide/layerDecisions.js';
import { prepareRegion, queryRegion } from '../../src/decide/regionQuery.js';
import { loadDataset } from '../../src/io/loadData.js';
import { loadModel } from '../../src/io/loadModel.js';
import { profilePoints } from '../../src/net/profile.js';
import { computeLayers } from '../../src/net/regions.js';
import { selectPoints } from '../../src/net/select.js';

/** Where the shared data lives: $OHC_SHARED or ../shared beside the repository. */
export function sharedDir(): string {
  return process.env['OHC_SHARED'] ?? resolve(process.cwd(), '..', 'shared');
}

/** Peak resident set size so far, in MiB (Linux VmHWM; falls back to current RSS). */
export async function peakRssMiB(): Promise<number> {
  try {
    const { readFileSync } = await import('node:fs');
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1] !== undefined) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.memoryUsage().rss / 1048576;
}

/** Run the decision benchmark; prints a table and returns the figures. */
export async function runDecisionBench(log: (s: string) => void = console.log): Promise<object> {
  const base = resolve(sharedDir(), 'data', 'quotienthomology', 'json');
  const net = loadModel(resolve(base, 'models', 'D-II_model_0.json'));
  const data = loadDataset(resolve(base, 'data', 'D-II-test.json'));
  const profile = 'reference' as const;
  const sel = selectPoints(net, data, { class: 1, correct: true, profile });
  const all = profilePoints(data.points, profile);
  const points = sel.map((i) => all[i] as readonly Rat[]);
  let t = performance.now();
  const layers = computeLayers(net, points as never, profile);
  const regionSeconds = (performance.now() - t) / 1000;
  log(`D-II model 0, ${points.length} analysed points, profile ${profile}: regions of all ${layers.length} layers in ${regionSeconds.toFixed(2)} s`);
  const out: Record<string, unknown> = { points: points.length, regionSeconds };
  for (const l of [5, layers.length]) {
    const L = layers[l - 1];
    if (L === undefined) continue;
    const relu = net.layers[l - 1]?.relu ?? false;
    t = performance.now();
    const stats = decideLayer(L, points, relu, () => {});
    const s = (performance.now() - t) / 1000;
    // baseline: the same decisions through the general route only, on a fixed sample of pairs
    const pairs: [number, number][] = [];
    for (let j = 0; j < points.length && pairs.length < 2000; j += 7) {
      for (let n = (j * 13) % L.regions.length, k = 0; k < 3; k++, n = (n + 101) % L.regions.length) {
        if (n !== L.regionOf[j]) pairs.push([j, n]);
      }
    }
    const tb = performance.now();
    for (const [j, n] of pairs) {
      const r = L.regions[n];
      const img = L.images[j];
      if (r === undefined || img === undefined) continue;
      queryRegion(prepareRegion(net.inputDim, r.ineqA, r.ineqB, r.map.M, r.map.c, r.map.den), img.num, img.den, points[j] as Rat[]);
    }
    const baseRate = pairs.length / ((performance.now() - tb) / 1000);
    const rate = stats.decisions / s;
    log(`layer ${l}: ${L.regions.length} regions, ${stats.decisions} decisions in ${s.toFixed(2)} s = ${Math.round(rate)} decisions/s; baseline (no sharing, no cheap routes) ${Math.round(baseRate)}/s; ratio ${(rate / baseRate).toFixed(1)}x`);
    log(`  answers: ${stats.yes} yes, ${stats.no} no, ${stats.pinned} pinned; routes: ${Object.entries(stats.paths).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    out[`layer${l}`] = { regions: L.regions.length, decisions: stats.decisions, seconds: s, rate, baseRate, ratio: rate / baseRate, paths: stats.paths, yes: stats.yes };
  }
  out['peakRssMiB'] = await peakRssMiB();
  log(`peak RSS ${(out['peakRssMiB'] as number).toFixed(0)} MiB`);
  return out;
}
