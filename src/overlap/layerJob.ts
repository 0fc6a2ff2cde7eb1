// layerJob.ts: every decision of one certified layer and its region records, as plain data a worker thread can send back.
import { Rat } from '../checker/rational.js';
import { carriedClassOfRegions, decideLayer } from '../decide/layerDecisions.js';
import type { QueryPath } from '../decide/regionQuery.js';
import type { LayerAnalysis } from '../net/regions.js';
import { RegionEvidence } from './regionEvidence.js';
import { comparedRegionPairs } from './sensitivityPrune.js';

/** What one layer's decisions need besides the points (structured-cloneable: no class instances). */
export interface LayerJob {
  /** The layer's regions, as `computeLayers` gives them. */
  readonly layer: LayerAnalysis;
  /** Whether ReLU follows the layer. */
  readonly reluLast: boolean;
  /** The sensitivity of the reference prune as `[numerator, denominator]`, or null (no prune). */
  readonly sensitivity: readonly [bigint, bigint] | null;
  readonly explicitFarkas: boolean;
  /**
   * The classes carried into the layer, per sample (an id, or −1 for a sample in no class), or
   * null to decide every pair: with them, pairs inside a carried class are not decided (rule
   * `carried`).
   */
  readonly carried: readonly number[] | null;
  /**
   * `[index, count]` to decide only the pairs against regions n with n mod count = index (one part
   * of the layer; the parts' results are put together by {@link mergeLayerParts}), or null.
   */
  readonly part: readonly [number, number] | null;
}

/** Everything one layer's decisions produce, in plain data (structured-cloneable). */
export interface LayerJobResult {
  readonly layer: number;
  readonly regions: number;
  /** The `region` records of the layer in region order, one JSON line each (no newline); with a part, those of its regions (the others empty). */
  readonly regionLines: string[];
  /**
   * The yes answers per ordered region pair `[K·R + n, S_K→n]` (R = regions), in the order the
   * pairs first got a yes; samples ascending.
   */
  readonly hits: [number, number[]][];
  /** Region pairs compared. */
  readonly comparedPairs: number;
  /** Decisions to make (the progress total). */
  readonly total: number;
  readonly decisions: number;
  /** Pairs not decided because they lie inside a carried class. */
  readonly carried: number;
  readonly yes: number;
  readonly explicitRecords: number;
  readonly farkasBounds: number;
  readonly paths: Partial<Record<QueryPath, number>>;
  /** Seconds the decisions took. */
  readonly seconds: number;
}

/** How often (in decisions) a job reports progress. */
export const PROGRESS_EVERY = 4096;

/** The points as `[numerator, denominator]` pairs, for a worker thread (see {@link pointsFromPairs}). */
export function pointsToPairs(points: readonly (readonly Rat[])[]): [bigint, bigint][][] {
  return points.map((p) => p.map((v) => [v.n, v.d]));
}

/** The points back from {@link pointsToPairs}. */
export function pointsFromPairs(pairs: readonly (readonly (readonly [bigint, bigint])[])[]): Rat[][] {
  return pairs.map((p) => p.map(([n, d]) => Rat.of(n, d)));
}

/**
 * The pairs (j, n) with j and every sample of n in one carried class (`carried[j]` ≥ 0; see
 * `DecideLayerOptions.carried`): not decided. Counted by class, not by pair.
 */
export function carriedPairs(layer: LayerAnalysis, carried: readonly number[] | null, inPart: (n: number) => boolean = () => true): number {
  if (carried === null) return 0;
  const size = new Map<number, number>();
  for (const c of carried) if (c >= 0) size.set(c, (size.get(c) ?? 0) + 1);
  let pairs = 0;
  carriedClassOfRegions(layer.regions, carried).forEach((c, n) => {
    if (c >= 0 && inPart(n)) pairs += (size.get(c) ?? 0) - (layer.regions[n] as { samples: readonly number[] }).samples.length;
  });
  return pairs;
}

/**
 * The result of a whole layer from the results of its parts (`LayerJob.part` = [p, parts] for
 * p = 0..parts−1, in that order): the region records of each region n from part n mod parts,
 * the yes answers of all parts (each region pair belongs to the part of its region n), counts
 * summed, the time of the slowest part. The same result as one job of the whole layer.
 */
export function mergeLayerParts(parts: readonly LayerJobResult[]): LayerJobResult {
  const first = parts[0];
  if (first === undefined) throw new RangeError('mergeLayerParts: no parts');
  const sum = (f: (r: LayerJobResult) => number): number => parts.reduce((a, r) => a + f(r), 0);
  const paths: Partial<Record<QueryPath, number>> = {};
  for (const r of parts) for (const [k, v] of Object.entries(r.paths) as [QueryPath, number][]) paths[k] = (paths[k] ?? 0) + v;
  return {
    layer: first.layer,
    regions: first.regions,
    regionLines: first.regionLines.map((_, n) => (parts[n % parts.length] as LayerJobResult).regionLines[n] as string),
    hits: parts.flatMap((r) => r.hits),
    comparedPairs: first.comparedPairs,
    total: sum((r) => r.total),
    decisions: sum((r) => r.decisions),
    carried: sum((r) => r.carried),
    yes: sum((r) => r.yes),
    explicitRecords: sum((r) => r.explicitRecords),
    farkasBounds: sum((r) => r.farkasBounds),
    paths,
    seconds: Math.max(...parts.map((r) => r.seconds)),
  };
}

/** The job total without the prune: each sample against every other region. */
export function unprunedTotal(layer: LayerAnalysis): number {
  return Math.max(0, layer.regions.length - 1) * layer.regionOf.length;
}

/**
 * Decide every Q(j, n) of the job's layer (`decideLayer`), collect each region's evidence
 * (`RegionEvidence`) and the yes answers per ordered region pair. `progress(done, total)` is
 * called every {@link PROGRESS_EVERY} decisions. Deterministic: the same job gives the same
 * result in any thread.
 */
export function runLayerJob(job: LayerJob, points: readonly (readonly Rat[])[], progress?: (done: number, total: number) => void): LayerJobResult {
  const t0 = process.hrtime.bigint();
  const { layer } = job;
  const l = layer.layer;
  const R = layer.regions.length;
  const compare = job.sensitivity === null ? undefined : comparedRegionPairs(layer, Rat.of(job.sensitivity[0], job.sensitivity[1]));
  const [partIndex, partStep] = job.part ?? [0, 1];
  const inPart = (n: number): boolean => n % partStep === partIndex;
  let comparedPairs = 0;
  let total = 0;
  for (let K = 0; K < R; K++) {
    for (let n = K + 1; n < R; n++) {
      if (compare !== undefined && !compare(K, n)) continue;
      comparedPairs++;
      if (inPart(n)) total += layer.regions[K]?.samples.length ?? 0;
      if (inPart(K)) total += layer.regions[n]?.samples.length ?? 0;
    }
  }
  total -= carriedPairs(layer, job.carried, inPart);
  const evidence = layer.regions.map((r) => new RegionEvidence(l, r.id, job.explicitFarkas));
  // yes answers per ordered region pair: byK[K].get(n) = S_K→n (small maps per K, not one map of
  // all pairs); `order` keeps the keys K·R + n in the order the pairs first got a yes
  const byK: (Map<number, number[]> | undefined)[] = new Array<undefined>(R).fill(undefined);
  const order: number[] = [];
  let done = 0;
  const stats = decideLayer(
    layer,
    points,
    job.reluLast,
    (j, n, ans, prepared) => {
      (evidence[n] as RegionEvidence).add(j, ans, prepared);
      if (ans.answer === 'yes') {
        const K = layer.regionOf[j] as number;
        const toN = (byK[K] ??= new Map<number, number[]>());
        const list = toN.get(n);
        if (list === undefined) {
          toN.set(n, [j]);
          order.push(K * R + n);
        } else list.push(j);
      }
      if (progress !== undefined && (++done & (PROGRESS_EVERY - 1)) === 0) progress(done, total);
    },
    { ...(compare === undefined ? {} : { compare }), ...(job.carried === null ? {} : { carried: job.carried }), ...(job.part === null ? {} : { part: job.part }) },
  );
  let explicitRecords = 0;
  let farkasBounds = 0;
  for (const e of evidence) {
    explicitRecords += e.explicitRecords;
    farkasBounds += e.farkasBounds;
  }
  return {
    layer: l,
    regions: R,
    regionLines: evidence.map((e, n) => (inPart(n) ? e.toLine() : '')),
    hits: order.map((key) => [key, byK[Math.floor(key / R)]?.get(key % R) as number[]]),
    comparedPairs,
    total,
    decisions: stats.decisions,
    carried: stats.carried,
    yes: stats.yes,
    explicitRecords,
    farkasBounds,
    paths: stats.paths,
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
  };
}
