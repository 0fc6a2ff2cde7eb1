// overlapDecomposition.ts: the certified overlap classes layer by layer, streaming the bundle's layer records.
import type { Rat } from '../checker/rational.js';
import type { QueryPath } from '../decide/regionQuery.js';
import type { Network } from '../net/network.js';
import type { Profile } from '../net/profile.js';
import { computeLayers } from '../net/regions.js';
import { type LayerJob, type LayerJobResult, mergeLayerParts, runLayerJob, unprunedTotal } from './layerJob.js';
import { LAYER_POOL_AVAILABLE, runLayerPool } from './layerPool.js';
import { UnionFind, classIds } from './unionFind.js';

/** Options of `overlapDecomposition`. */
export interface OverlapOptions {
  readonly profile: Profile;
  /** Certified layers, strictly increasing, within 1..L. */
  readonly layers: readonly number[];
  /** Sensitivity s of the reference prune (region pairs with all sample images ≥ s apart are not compared), or null. */
  readonly sensitivity: Rat | null;
  /**
   * Leave undecided every pair (j, n) with j and every sample of n in one class carried from the
   * previous certified layer (the bundle's `options.skipCarried`, rule `carried`): its answer
   * cannot change the classes. Each layer then needs the classes of the one before, so layers
   * are decided one after another, each split between the `jobs` threads by region. Default
   * false: every pair is decided.
   */
  readonly skipCarried?: boolean;
  /** Write per-sample Farkas vectors as explicit `no` records instead of region-level bounds (tests). */
  readonly explicitFarkas?: boolean;
  /**
   * Classes carried in from certified layers before `layers[0]` (as a previous run's last
   * `classes` record lists them); used when a journaled run resumes. Default: none.
   */
  readonly carried?: readonly (readonly number[])[];
  /**
   * Worker threads (default 1: all in the calling thread): deciding layers at the same time, or
   * with `skipCarried` the regions of one layer at a time. The output does not depend on it.
   * Without the compiled worker scripts (running from the TypeScript sources) layers are decided
   * in the calling thread.
   */
  readonly jobs?: number;
}

/** Where the records and progress go. */
export interface OverlapHooks {
  /** Receives the `layer`, `region` and `classes` records of each certified layer, in bundle order. */
  readonly record?: (line: string) => void;
  /**
   * Progress: the layer, decisions made so far, and the number to make. With worker threads
   * deciding layers at once (`jobs` > 1 without `skipCarried`) the counts are over all layers of
   * the run (done never decreases) and the layer is the first one not yet complete; otherwise
   * they are the layer's.
   */
  readonly progress?: (layer: number, done: number, total: number) => void;
  /**
   * Called when the decisions of a layer start (after the regions of all layers are computed);
   * with worker threads deciding layers at once, once, for the first layer, when the decisions of
   * all layers start.
   */
  readonly layerStart?: (layer: number) => void;
  /** Called once a layer's records have all gone to `record` (a checkpoint can be taken here). */
  readonly layerDone?: (result: LayerOverlap) => void;
}

/** The outcome at one certified layer. */
export interface LayerOverlap {
  readonly layer: number;
  readonly regions: number;
  /** Decisions Q(j, n) made (pairs in pruned region pairs, and with `skipCarried` pairs inside a carried class, are not decided). */
  readonly decisions: number;
  /** Pairs not decided because they lie inside a carried class (`skipCarried`). */
  readonly carried: number;
  readonly yes: number;
  /** Region pairs compared (all of them without the prune). */
  readonly comparedPairs: number;
  /** Region pairs that glued under the product rule. */
  readonly gluings: number;
  /** Overlap classes (with those of earlier certified layers): sample indices ascending, ordered by first sample. */
  readonly classes: number[][];
  /** Samples in some class. */
  readonly gluedPoints: number;
  /** Explicit per-sample records written. */
  readonly explicitRecords: number;
  /** Region-level bounds written for per-sample Farkas vectors (after deduplication). */
  readonly farkasBounds: number;
  readonly paths: Partial<Record<QueryPath, number>>;
  readonly seconds: number;
}

/**
 * For each certified layer l: every decision Q(j, n) (n ≠ region of j, region pairs outside the
 * sensitivity prune), the product rule per region pair (K, n) (S_K→n and S_n→K both non-empty →
 * all of S_K→n ∪ S_n→K glued), and the classes as components of size ≥ 2 of these gluings with
 * the classes carried from the previous certified layer. `points` are the points as the network
 * sees them under the profile. The bundle's per-layer records go to `hooks.record`.
 */
export function overlapDecomposition(net: Network, points: readonly (readonly Rat[])[], opts: OverlapOptions, hooks: OverlapHooks = {}): LayerOverlap[] {
  const L = net.layers.length;
  opts.layers.forEach((l, i) => {
    if (!Number.isInteger(l) || l < 1 || l > L) throw new RangeError(`layer ${l} is not within 1..${L}`);
    if (i > 0 && l <= (opts.layers[i - 1] as number)) throw new RangeError('layers must be strictly increasing');
  });
  const jobsOpt = opts.jobs ?? 1;
  if (!Number.isInteger(jobsOpt) || jobsOpt < 1) throw new RangeError(`jobs must be a positive integer, got ${jobsOpt}`);
  const layers = computeLayers(net, points, opts.profile);
  const uf = new UnionFind(points.length);
  for (const c of opts.carried ?? []) {
    for (const j of c) if (!Number.isInteger(j) || j < 0 || j >= points.length) throw new RangeError(`carried class member ${j} is not a sample index`);
    uf.unionAll(c);
  }
  const sensitivity = opts.sensitivity === null ? null : ([opts.sensitivity.n, opts.sensitivity.d] as const);
  const jobs: LayerJob[] = opts.layers.map((l) => {
    const layer = layers[l - 1];
    if (layer === undefined) throw new RangeError(`no layer ${l}`);
    return { layer, reluLast: (net.layers[l - 1] as { relu: boolean }).relu, sensitivity, explicitFarkas: opts.explicitFarkas === true, carried: null, part: null };
  });
  const out: LayerOverlap[] = [];
  /** The product rule, the classes and the records of a decided layer (in layer order). */
  const glue = (res: LayerJobResult, seconds: number): void => {
    const t0 = process.hrtime.bigint();
    const R = res.regions;
    // S_K→n by K, then n (small maps per K, not one map of all pairs)
    const byK = new Map<number, Map<number, number[]>>();
    for (const [key, fromK] of res.hits) {
      const K = Math.floor(key / R);
      let toN = byK.get(K);
      if (toN === undefined) byK.set(K, (toN = new Map()));
      toN.set(key % R, fromK);
    }
    let gluings = 0;
    for (const [key, fromK] of res.hits) {
      const K = Math.floor(key / R);
      const n = key % R;
      if (K > n) continue;
      const fromN = byK.get(n)?.get(K);
      if (fromN === undefined) continue;
      gluings++;
      // the product rule: S_K→n ∪ S_n→K in one class
      uf.unionAll(fromK);
      uf.unionAll(fromN);
      uf.union(fromK[0] as number, fromN[0] as number);
    }
    const classes = uf.classes();
    if (hooks.record !== undefined) {
      hooks.record(JSON.stringify({ t: 'layer', layer: res.layer, regions: R }));
      for (const line of res.regionLines) hooks.record(line);
      hooks.record(JSON.stringify({ t: 'classes', layer: res.layer, classes, gluings }));
    }
    const result: LayerOverlap = {
      layer: res.layer,
      regions: R,
      decisions: res.decisions,
      carried: res.carried,
      yes: res.yes,
      comparedPairs: res.comparedPairs,
      gluings,
      classes,
      gluedPoints: classes.reduce((a, c) => a + c.length, 0),
      explicitRecords: res.explicitRecords,
      farkasBounds: res.farkasBounds,
      paths: res.paths,
      seconds: seconds + Number(process.hrtime.bigint() - t0) / 1e9,
    };
    out.push(result);
    hooks.layerDone?.(result);
  };
  const progress = hooks.progress;
  // with skipCarried each layer needs the classes of the one before: its decisions start when
  // that layer is glued (`withCarried`), and threads share the regions of one layer instead
  const withCarried = (job: LayerJob): LayerJob => (opts.skipCarried === true ? { ...job, carried: classIds(uf.classes(), points.length) } : job);
  const workers = jobs.length === 0 ? 0 : Math.min(jobsOpt, opts.skipCarried === true ? jobsOpt : jobs.length);
  if (workers <= 1 || !LAYER_POOL_AVAILABLE) {
    for (const job0 of jobs) {
      const l = job0.layer.layer;
      hooks.layerStart?.(l);
      const res = runLayerJob(withCarried(job0), points, progress === undefined ? undefined : (done, total) => progress(l, done, total));
      glue(res, res.seconds);
    }
    return out;
  }
  if (opts.skipCarried === true) {
    // Layer by layer, its regions n split into `workers` parts (n mod workers), decided at once on
    // the threads and put together (`mergeLayerParts`: the records of the serial run); the next
    // layer's parts are queued once this one is glued.
    let next = 0;
    const parts: LayerJobResult[] = [];
    const partDone = new Array<number>(workers).fill(0);
    const partTotal = new Array<number>(workers).fill(0);
    /** Layer i starts: its carried classes, `layerStart`, progress reset; returns its parts. */
    const startLayer = (i: number): LayerJob[] => {
      const job = withCarried(jobs[i] as LayerJob);
      hooks.layerStart?.(job.layer.layer);
      partDone.fill(0);
      partTotal.fill(0);
      return Array.from({ length: workers }, (_, p) => ({ ...job, part: [p, workers] as const }));
    };
    runLayerPool(startLayer(0), points, workers, [...Array(workers).keys()], {
      progress: (i, d, t) => {
        partDone[i % workers] = d;
        partTotal[i % workers] = t;
        progress?.(jobs[next]?.layer.layer ?? 0, partDone.reduce((a, x) => a + x, 0), partTotal.reduce((a, x) => a + x, 0));
      },
      result: (i, res) => {
        parts[i % workers] = res;
        if (parts.filter((r) => r !== undefined).length < workers) return [];
        const merged = mergeLayerParts(parts);
        parts.length = 0;
        glue(merged, merged.seconds);
        return ++next < jobs.length ? startLayer(next) : [];
      },
    });
    return out;
  }
  // In parallel: the largest layers first; each layer glued and recorded once it and all
  // layers before it are decided (so the records, classes and checkpoints are those of the
  // serial run).
  const size = jobs.map((j) => j.layer.regions.length * j.layer.regionOf.length);
  const order = jobs.map((_, i) => i).sort((a, b) => (size[b] as number) - (size[a] as number) || a - b);
  const done = jobs.map(() => 0);
  const totals = jobs.map((j) => unprunedTotal(j.layer));
  const decided: (LayerJobResult | undefined)[] = jobs.map(() => undefined);
  let next = 0;
  let shown = 0;
  const report = (): void => {
    if (progress === undefined) return;
    let d = 0;
    let t = 0;
    for (let i = 0; i < jobs.length; i++) {
      d += done[i] as number;
      t += totals[i] as number;
    }
    if (d < shown) return;
    shown = d;
    const l = jobs[Math.min(next, jobs.length - 1)]?.layer.layer ?? 0;
    progress(l, d, Math.max(d, t));
  };
  hooks.layerStart?.((jobs[0] as LayerJob).layer.layer);
  runLayerPool(jobs, points, workers, order, {
    progress: (i, d, t) => {
      done[i] = Math.max(done[i] as number, d);
      totals[i] = t;
      report();
    },
    result: (i, res) => {
      decided[i] = res;
      done[i] = res.total;
      totals[i] = res.total;
      for (let r = decided[next]; r !== undefined; r = decided[next]) {
        decided[next] = undefined;
        next++;
        glue(r, r.seconds);
      }
      report();
    },
  });
  return out;
}
