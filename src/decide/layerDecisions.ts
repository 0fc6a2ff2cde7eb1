// layerDecisions.ts: every decision Q(j, n) of one layer, cheapest exact route first.
import { Rat, gcd } from '../checker/rational.js';
import type { LayerAnalysis, Region } from '../net/regions.js';
import { type FloatVec, floatVecOf } from '../checker/floatSign.js';
import { ImageSpaces, isImageOf } from './imageSpaces.js';
import { type IntPoint, type OutsideRow, type PreparedRegion, type QueryAnswer, type QueryPath, intPointOf, prepareRegion, queryRegion } from './regionQuery.js';

/**
 * Called once per (sample, other region) pair with its certified answer. `prepared` is the
 * region's PreparedRegion when `queryRegion` gave the answer (its region-level certificates,
 * `nullChecks`, `bounds` and `segment`, are then the ones the answer relies on), and undefined
 * for the cheap routes `decideLayer` settles itself ('same-image', and 'dead-neuron' by a
 * neuron ON for the sample and OFF in the region).
 */
export type DecisionSink = (sample: number, region: number, answer: QueryAnswer, prepared: PreparedRegion | undefined) => void;

/** Options of `decideLayer`. */
export interface DecideLayerOptions {
  /**
   * Which region pairs to compare: when given and `compare(K, n)` is false for the sample's
   * region K, Q(j, n) is not decided (and the sink is not called).
   */
  readonly compare?: (sampleRegion: number, region: number) => boolean;
  /**
   * The classes carried into the layer, per sample (an id, or −1 for a sample in no class): when
   * given, Q(j, n) is not decided (and the sink is not called) when j and every sample of n lie
   * in one carried class (the checker's rule `carried`: its answer cannot change the classes).
   */
  readonly carried?: ArrayLike<number>;
  /** `[index, count]`: decide only the pairs (j, n) with n mod count = index (one part of a layer split between threads). */
  readonly part?: readonly [number, number];
}

/** Counts of a layer's decisions by answer and by route. */
export interface LayerDecisionStats {
  decisions: number;
  yes: number;
  no: number;
  pinned: number;
  /** Pairs not decided because they lie inside a carried class (`DecideLayerOptions.carried`). */
  carried: number;
  paths: Partial<Record<QueryPath, number>>;
}

/**
 * Per region, the carried class holding every one of its samples, or −1 (`carried`: each
 * sample's class id or −1, as in `DecideLayerOptions.carried`; none: all −1). Q(j, n) needs no
 * decision when j's class is n's entry here.
 */
export function carriedClassOfRegions(regions: readonly { readonly samples: readonly number[] }[], carried: ArrayLike<number> | null | undefined): Int32Array {
  return Int32Array.from(regions, (r) => {
    const c = carried?.[r.samples[0] as number] ?? -1;
    return c >= 0 && r.samples.every((k) => carried?.[k] === c) ? c : -1;
  });
}

/** ON bits of the last layer of a codeword (`'0101|110'` → bits of `'110'`), as a bigint mask. */
export function lastLayerMask(codeword: string): bigint {
  const last = codeword.slice(codeword.lastIndexOf('|') + 1);
  let m = 0n;
  for (let i = 0; i < last.length; i++) if (last.charCodeAt(i) === 49) m |= 1n << BigInt(i);
  return m;
}

function lowestBit(m: bigint): number {
  let i = 0;
  while ((m & 1n) === 0n) {
    m >>= 1n;
    i++;
  }
  return i;
}

/**
 * Decide Q(j, n) for every sample j of `points` and every sample-bearing region n other than
 * j's own, at one layer. `reluLast` says whether the layer is followed by ReLU (then an ON
 * neuron of j that is OFF in n settles the answer with a one-entry Farkas vector).
 * `options.compare` restricts the region pairs compared (the reference's sensitivity prune).
 * Samples are visited in ascending order, regions in id order for each sample.
 */
export function decideLayer(
  layer: LayerAnalysis,
  points: readonly (readonly Rat[])[],
  reluLast: boolean,
  sink: DecisionSink,
  options: DecideLayerOptions = {},
): LayerDecisionStats {
  const compare = options.compare;
  const stats: LayerDecisionStats = { decisions: 0, yes: 0, no: 0, pinned: 0, carried: 0, paths: {} };
  // per-pair counts by constant property names and a Map (dynamic keys on `stats` cost more per pair)
  const pathCounts = new Map<QueryPath, number>();
  const count = (a: QueryAnswer): void => {
    stats.decisions++;
    if (a.answer === 'yes') stats.yes++;
    else if (a.answer === 'no') stats.no++;
    else stats.pinned++;
    pathCounts.set(a.path, (pathCounts.get(a.path) ?? 0) + 1);
  };
  const regions = layer.regions;
  const d = points[0]?.length ?? 0;
  const masks = regions.map((r) => (reluLast ? lastLayerMask(r.codeword) : 0n));
  // the same masks as 31-bit numbers when every mask fits (no bigint allocated per pair), else null
  const small = masks.every((m) => m < 1n << 31n) ? Int32Array.from(masks, (m) => Number(m)) : null;
  const prepared: (PreparedRegion | undefined)[] = new Array<PreparedRegion | undefined>(regions.length);
  const prep = (r: Region): PreparedRegion => {
    let p = prepared[r.id];
    if (p === undefined) {
      // At a ReLU layer, a neuron OFF in the region has a zero map row and constant, and any
      // sample ON there is settled by the dead-neuron mask before the query, so every queried
      // image is 0 there: that row's one-entry null check never fires (the checker's rule
      // `dead` covers exactly those pairs) and is dropped.
      const mask = masks[r.id] as bigint;
      p = prepareRegion(d, r.ineqA, r.ineqB, r.map.M, r.map.c, r.map.den, reluLast ? (row) => ((mask >> BigInt(row)) & 1n) === 0n : undefined);
      prepared[r.id] = p;
    }
    return p;
  };
  // A sample is a same-image witness for its own region only if it lies in it: in the reference
  // profile a sample outside the box [−100, 100]^d gets a region whose box rows it violates.
  // (tested on first use: only samples that share an exact image with another are ever asked)
  const pointsInt: IntPoint[] = points.map(intPointOf);
  const inOwn = new Int8Array(points.length); // 0: not yet tested, 1: in its region, 2: not
  const inOwnRegion = (k: number): boolean => {
    if (inOwn[k] === 0) {
      const r = regions[layer.regionOf[k] as number] as Region;
      const p = pointsInt[k] as IntPoint;
      inOwn[k] = r.ineqA.every((row, i) => rowHolds(row, r.ineqB[i] as bigint, p)) ? 1 : 2;
    }
    return inOwn[k] === 1;
  };
  // A sample with no pre-activation exactly 0 at a bit-contributing layer ≤ l lies strictly on
  // its side of every neuron row of its own region. Any other region n differs from its codeword
  // at a first neuron; all earlier layers agree, so n's row for that neuron is the same
  // pre-activation (from the same parent map) with the opposite side: the sample violates it
  // strictly and is not in G_n. `outsideRow` then says so without naming or testing the row.
  const onBoundary = new Uint8Array(points.length);
  for (const j of layer.boundaryPoints) onBoundary[j] = 1;
  // samples with the same exact image, grouped: a witness for free
  const byImage = new Map<string, number[]>();
  const keys = layer.images.map((img, j) => {
    const key = imageKey(img.num, img.den);
    const list = byImage.get(key);
    if (list === undefined) byImage.set(key, [j]);
    else list.push(j);
    return key;
  });
  // the dead-neuron answers, one per neuron (shared: answers are read-only)
  const deadAnswers: QueryAnswer[] = [];
  const deadAnswer = (k: number): QueryAnswer => (deadAnswers[k] ??= { answer: 'no', lambda: [], mu: [[k, -1n]], path: 'dead-neuron' });
  // the region being queried, read by the sample's `outsideRow` (one closure per sample, not per pair)
  let current = regions[0] as Region;
  // image-space classes of the regions (imageSpaces.ts), made for the regions queried
  const spaces = new ImageSpaces(regions.length, (i) => prep(regions[i] as Region));
  let dead = 0;
  const carried = options.carried;
  const classOfRegion = carriedClassOfRegions(regions, carried);
  const [partIndex, partStep] = options.part ?? [0, 1];
  for (let j = 0; j < points.length; j++) {
    const K = layer.regionOf[j] as number;
    const cj = carried?.[j] ?? -1;
    const img = layer.images[j] as { num: bigint[]; den: bigint };
    const same = new Map<number, number>();
    for (const k of byImage.get(keys[j] as string) ?? []) {
      const rk = layer.regionOf[k] as number;
      if (rk !== K && !same.has(rk) && inOwnRegion(k)) same.set(rk, k);
    }
    const mK = masks[K] as bigint;
    const mKs = small === null ? 0 : (small[K] as number);
    // the image as doubles for the float filter (made on the first query)
    let fy: FloatVec | undefined;
    // is y_j proved in its own region's image space (then regions of the same space need no null checks)?
    let inSpace: boolean | undefined;
    const x = pointsInt[j] as IntPoint;
    const codewordK = (regions[K] as Region).codeword;
    const strict = onBoundary[j] === 0;
    let xf: FloatVec | undefined;
    const outsideRow = (): OutsideRow | undefined => {
      if (strict) return PROVED_OUTSIDE;
      const row = firstDifferingRow(codewordK, current.codeword);
      if (row < 0) return undefined;
      xf ??= floatVecOf([...x.num, x.den]);
      return { row, x, xf };
    };
    for (let n = partIndex; n < regions.length; n += partStep) {
      const region = regions[n] as Region;
      if (n === K) continue;
      if (cj >= 0 && classOfRegion[n] === cj) {
        stats.carried++;
        continue;
      }
      if (compare !== undefined && !compare(K, n)) continue;
      // a dead neuron first, counted on its own (the common answer): no same-image witness can
      // exist then (y_j > 0 at a neuron where every image of n is 0)
      if (reluLast && (small !== null ? (mKs & ~(small[n] as number)) !== 0 : (mK & ~(masks[n] as bigint)) !== 0n)) {
        const k = small !== null ? 31 - Math.clz32(mKs & ~(small[n] as number) & -(mKs & ~(small[n] as number))) : lowestBit(mK & ~(masks[n] as bigint));
        stats.decisions++;
        stats.no++;
        dead++;
        sink(j, n, deadAnswer(k), undefined);
        continue;
      }
      let ans: QueryAnswer;
      let used: PreparedRegion | undefined;
      const witness = same.get(n);
      if (witness !== undefined) {
        ans = { answer: 'yes', z: pointsInt[witness] as IntPoint, path: 'same-image' };
      } else {
        used = prep(region);
        fy ??= floatVecOf([...img.num, img.den]);
        const cK = spaces.classOf(K);
        if (inSpace === undefined) {
          const pj = pointsInt[j] as IntPoint;
          inSpace = cK >= 0 && isImageOf((regions[K] as Region).map, pj.num, pj.den, img.num, img.den);
        }
        current = region;
        ans = queryRegion(used, img.num, img.den, points[j] as Rat[], fy, inSpace && spaces.classOf(n) === cK, outsideRow);
      }
      count(ans);
      sink(j, n, ans, used);
    }
  }
  for (const [path, c] of pathCounts) stats.paths[path] = c;
  if (dead > 0) stats.paths['dead-neuron'] = (stats.paths['dead-neuron'] ?? 0) + dead;
  return stats;
}

/** What `outsideRow` gives for a sample proved outside every other region (see decideLayer). */
const PROVED_OUTSIDE: OutsideRow = { proved: true };

/**
 * The region row of the first neuron whose bit differs between two codewords of one layer (rows
 * follow the codeword's bits in order, `'|'` separators aside), or −1 when they agree. A sample
 * of the first region with no pre-activation exactly 0 violates that row of the second strictly.
 */
export function firstDifferingRow(a: string, b: string): number {
  let row = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const ca = a.charCodeAt(i);
    if (ca === 124) continue; // '|'
    if (ca !== b.charCodeAt(i)) return row;
    row++;
  }
  return -1;
}

/** Does the point `x = num/den` (den > 0) satisfy `a·x ≤ b`? */
function rowHolds(a: readonly bigint[], b: bigint, x: IntPoint): boolean {
  let acc = 0n;
  for (let c = 0; c < a.length; c++) acc += (a[c] as bigint) * (x.num[c] as bigint);
  return acc <= b * x.den;
}

/** An exact key for a scaled vector's value (reduced by the gcd of all entries and den). */
export function imageKey(num: readonly bigint[], den: bigint): string {
  let g = den < 0n ? -den : den;
  for (const v of num) {
    if (g === 1n) break;
    g = gcd(v, g);
  }
  if (g === 0n) g = 1n;
  return `${num.map((v) => (v / g).toString(36)).join(',')}/${(den / g).toString(36)}`;
}
