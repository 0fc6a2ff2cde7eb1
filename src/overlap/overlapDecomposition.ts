// overlapDecomposition.ts: the certified overlap classes layer by layer, streaming the bundle's layer records.
import type { Rat } from '../checker/rational.js';
import { decideLayer } from '../decide/layerDecisions.js';
import type { QueryPath } from '../decide/regionQuery.js';
import type { Network } from '../net/network.js';
import type { Profile } from '../net/profile.js';
import { computeLayers } from '../net/regions.js';
import { RegionEvidence } from './regionEvidence.js';
import { comparedRegionPairs } from './sensitivityPrune.js';
import { UnionFind } from './unionFind.js';

/** Options of `overlapDecomposition`. */
export interface OverlapOptions {
  readonly profile: Profile;
  /** Certified layers, strictly increasing, within 1..L. */
  readonly layers: readonly number[];
  /** Sensitivity s of the reference prune (region pairs with all sample images ≥ s apart are not compared), or null. */
  readonly sensitivity: Rat | null;
  /** Write per-sample Farkas vectors as explicit `no` records instead of region-level bounds (tests). */
  readonly explicitFarkas?: boolean;
  /**
   * Classes carried in from certified layers before `layers[0]` (as a previous run's last
   * `classes` record lists them); used when a journaled run resumes. Default: none.
   */
  readonly carried?: readonly (readonly number[])[];
}

/** Where the records and progress go. */
export interface OverlapHooks {
  /** Receives the `layer`, `region` and `classes` records of each certified layer, in bundle order. */
  readonly record?: (line: string) => void;
  /** Progress: the layer, decisions made so far, and the number to make. */
  readonly progress?: (layer: number, done: number, total: number) => void;
  /** Called when the decisions of a layer start (after the regions of all layers are computed). */
  readonly layerStart?: (layer: number) => void;
  /** Called once a layer's records have all gone to `record` (a checkpoint can be taken here). */
  readonly layerDone?: (result: LayerOverlap) => void;
}

/** The outcome at one certified layer. */
export interface LayerOverlap {
  readonly layer: number;
  readonly regions: number;
  /** Decisions Q(j, n) made (pairs in pruned region pairs are not decided). */
  readonly decisions: number;
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
  const layers = computeLayers(net, points, opts.profile);
  const uf = new UnionFind(points.length);
  for (const c of opts.carried ?? []) {
    for (const j of c) if (!Number.isInteger(j) || j < 0 || j >= points.length) throw new RangeError(`carried class member ${j} is not a sample index`);
    uf.unionAll(c);
  }
  const out: LayerOverlap[] = [];
  for (const l of opts.layers) {
    hooks.layerStart?.(l);
    const t0 = process.hrtime.bigint();
    const layer = layers[l - 1];
    if (layer === undefined) throw new RangeError(`no layer ${l}`);
    const R = layer.regions.length;
    const compare = opts.sensitivity === null ? undefined : comparedRegionPairs(layer, opts.sensitivity);
    let comparedPairs = 0;
    let total = 0;
    for (let K = 0; K < R; K++) {
      for (let n = K + 1; n < R; n++) {
        if (compare !== undefined && !compare(K, n)) continue;
        comparedPairs++;
        total += (layer.regions[K]?.samples.length ?? 0) + (layer.regions[n]?.samples.length ?? 0);
      }
    }
    const evidence = layer.regions.map((r) => new RegionEvidence(l, r.id, opts.explicitFarkas === true));
    // yes answers per ordered region pair: hits.get(K·R + n) = S_K→n
    const hits = new Map<number, number[]>();
    const reluLast = (net.layers[l - 1] as { relu: boolean }).relu;
    let done = 0;
    const progress = hooks.progress;
    const stats = decideLayer(
      layer,
      points,
      reluLast,
      (j, n, ans, prepared) => {
        (evidence[n] as RegionEvidence).add(j, ans, prepared);
        if (ans.answer === 'yes') {
          const key = (layer.regionOf[j] as number) * R + n;
          const list = hits.get(key);
          if (list === undefined) hits.set(key, [j]);
          else list.push(j);
        }
        if (progress !== undefined && (++done & 4095) === 0) progress(l, done, total);
      },
      compare === undefined ? {} : { compare },
    );
    let gluings = 0;
    for (const [key, fromK] of hits) {
      const K = Math.floor(key / R);
      const n = key % R;
      if (K > n) continue;
      const fromN = hits.get(n * R + K);
      if (fromN === undefined) continue;
      gluings++;
      uf.unionAll([...fromK, ...fromN]);
    }
    const classes = uf.classes();
    let explicitRecords = 0;
    let farkasBounds = 0;
    for (const e of evidence) {
      explicitRecords += e.explicitRecords;
      farkasBounds += e.farkasBounds;
    }
    if (hooks.record !== undefined) {
      hooks.record(JSON.stringify({ t: 'layer', layer: l, regions: R }));
      for (const e of evidence) hooks.record(e.toLine());
      hooks.record(JSON.stringify({ t: 'classes', layer: l, classes, gluings }));
    }
    const result: LayerOverlap = {
      layer: l,
      regions: R,
      decisions: stats.decisions,
      yes: stats.yes,
      comparedPairs,
      gluings,
      classes,
      gluedPoints: classes.reduce((a, c) => a + c.length, 0),
      explicitRecords,
      farkasBounds,
      paths: stats.paths,
      seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    };
    out.push(result);
    hooks.layerDone?.(result);
  }
  return out;
}
