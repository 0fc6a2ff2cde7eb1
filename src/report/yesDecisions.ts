// yesDecisions.ts: every certified `yes` decision of a layer with the witness point that proves it (exact).
import { Rat } from '../checker/rational.js';
import { carriedClassOfRegions } from '../decide/layerDecisions.js';
import type { LayerAnalysis, Region } from '../net/regions.js';
import { comparedRegionPairs } from '../overlap/sensitivityPrune.js';
import { intDot, scaledVecFromRats, scaledVecKey } from '../net/scaled.js';
import type { LayerRecordsView } from './readBundle.js';

/** One decision Q(j, n) = yes with the point z ∈ G_n, z ≠ x_j, Φ_n(z) = Φ(x_j) that proves it. */
export interface YesDecision {
  readonly j: number;
  readonly n: number;
  /** The rule that settles it: a `witness` record, `same` (record or implicit), or a region's `segment`. */
  readonly rule: 'witness' | 'same' | 'segment';
  /** The witness `num[c] / den` (den > 0, not necessarily in lowest terms). */
  readonly z: IntPoint;
  /** True when the sensitivity prune skips the region pair (the checker counts the decision but glues nothing by it). */
  readonly pruned: boolean;
}

/** A point `num[c] / den`, den > 0. */
export type IntPoint = { readonly num: readonly bigint[]; readonly den: bigint };

const samePoint = (a: IntPoint, b: IntPoint): boolean => a.num.every((v, c) => v * b.den === (b.num[c] as bigint) * a.den);

/** A segment certificate prepared for many samples: images Φ_n(lo) = A / D and Φ_n(hi) = B / D over one denominator D. */
interface PreparedSegment {
  readonly lo: IntPoint;
  readonly hi: IntPoint;
  readonly A: readonly bigint[];
  readonly dir: readonly bigint[];
  readonly D: bigint;
  /** A coordinate where the images differ, or −1. */
  readonly k: number;
}

function prepareSegment(reg: Region, lo: IntPoint, hi: IntPoint): PreparedSegment {
  const img = (p: IntPoint): bigint[] => reg.map.M.map((row, i) => intDot(row, p.num) + (reg.map.c[i] as bigint) * p.den);
  const a = img(lo);
  const b = img(hi);
  // Φ(lo) = a / (den·lo.den), Φ(hi) = b / (den·hi.den); bring both over D = den·lo.den·hi.den
  const A = a.map((v) => v * hi.den);
  const B = b.map((v) => v * lo.den);
  const dir = B.map((v, i) => v - (A[i] as bigint));
  return { lo, hi, A, dir, D: reg.map.den * lo.den * hi.den, k: dir.findIndex((v) => v !== 0n) };
}

/** The point of a segment certificate that maps to y = yn / yd, other than x (FORMAT rule `segment`), or undefined. */
function segmentPoint(s: PreparedSegment, yn: readonly bigint[], yd: bigint, x: IntPoint): IntPoint | undefined {
  const m = s.A.length;
  if (s.k < 0) {
    for (let i = 0; i < m; i++) if ((yn[i] as bigint) * s.D !== (s.A[i] as bigint) * yd) return undefined;
    return !samePoint(s.lo, x) ? s.lo : !samePoint(s.hi, x) ? s.hi : undefined;
  }
  const dk = s.dir[s.k] as bigint;
  const tn = (yn[s.k] as bigint) * s.D - (s.A[s.k] as bigint) * yd;
  for (let i = 0; i < m; i++) if (((yn[i] as bigint) * s.D - (s.A[i] as bigint) * yd) * dk !== tn * (s.dir[i] as bigint)) return undefined;
  // θ = tn / td in [0, 1]; z = lo + θ (hi − lo) = (lo·hi.den·td + tn·(hi·lo.den − lo·hi.den)) / (lo.den·hi.den·td)
  let t = tn;
  let td = dk * yd;
  if (td < 0n) [t, td] = [-t, -td];
  if (t < 0n || t > td) return undefined;
  const { lo, hi } = s;
  const z = { num: lo.num.map((l, c) => l * hi.den * td + t * ((hi.num[c] as bigint) * lo.den - l * hi.den)), den: lo.den * hi.den * td };
  return samePoint(z, x) ? undefined : z;
}

/**
 * The yes decisions of one certified layer, each with its witness: explicit `yes` records
 * (a point, or `same` with sample k: z = x_k), implicit `same` (a sample k of n, inside the box
 * when there is one, with exactly x_j's image), and `segment` certificates of region n. Pairs in
 * region pairs the sensitivity prune skips are left out unless they have a record, as the checker
 * does (implicit `same` still counts there, as in the checker). `points` are the samples as the network sees them (the bundle's points).
 * `carried` (a bundle with `skipCarried`): each sample's class carried into the layer, or −1;
 * a pair whose sample and every sample of its region lie in one carried class has no decision
 * (rule `carried`) and is left out.
 *
 * Only meaningful for a bundle the trusted checker accepted: it then lists exactly the pairs the
 * checker settles yes (the report compares the count with the checker's).
 */
export function yesDecisions(layer: LayerAnalysis, recs: LayerRecordsView, points: readonly (readonly Rat[])[], sensitivity: Rat | null, box: bigint | null, carried: ArrayLike<number> | null = null): YesDecision[] {
  const R = layer.regions.length;
  const classOfRegion = carriedClassOfRegions(layer.regions, carried);
  const xs = points.map((p) => scaledVecFromRats(p));
  const compare = sensitivity === null ? () => true : comparedRegionPairs(layer, sensitivity);
  const B = box === null ? null : Rat.int(box);
  const inBox = (k: number): boolean => B === null || (points[k] ?? []).every((v) => v.cmp(B) <= 0 && v.neg().cmp(B) <= 0);
  // samples by exact image, for implicit `same`
  const byImage = new Map<string, number[]>();
  const keys = layer.images.map(scaledVecKey);
  keys.forEach((key, j) => {
    const list = byImage.get(key);
    if (list === undefined) byImage.set(key, [j]);
    else list.push(j);
  });
  const out: YesDecision[] = [];
  for (let n = 0; n < R; n++) {
    const reg = layer.regions[n] as Region;
    const rec = recs.regionRecords[n];
    const explicit = new Map<number, YesDecision | null>();
    for (const y of rec?.yes ?? []) {
      const pruned = !compare(layer.regionOf[y.j] as number, n);
      explicit.set(y.j, 'same' in y ? { j: y.j, n, rule: 'same', z: xs[y.same] as IntPoint, pruned } : { j: y.j, n, rule: 'witness', z: y.point, pruned });
    }
    for (const j of rec?.noOrPinned ?? []) explicit.set(j, null);
    const segs = (rec?.segments ?? []).map((s) => prepareSegment(reg, s.lo, s.hi));
    for (let j = 0; j < points.length; j++) {
      const K = layer.regionOf[j] as number;
      if (K === n) continue;
      if (classOfRegion[n] !== -1 && carried?.[j] === classOfRegion[n]) continue;
      if (explicit.has(j)) {
        const d = explicit.get(j);
        if (d !== null && d !== undefined) out.push(d);
        continue;
      }
      const pruned = !compare(K, n);
      const same = (byImage.get(keys[j] as string) ?? []).find((k) => layer.regionOf[k] === n && inBox(k));
      if (same !== undefined) {
        out.push({ j, n, rule: 'same', z: xs[same] as IntPoint, pruned });
        continue;
      }
      if (pruned) continue;
      for (const s of segs) {
        const y = layer.images[j] as LayerAnalysis['images'][number];
        const z = segmentPoint(s, y.num, y.den, xs[j] as IntPoint);
        if (z !== undefined) {
          out.push({ j, n, rule: 'segment', z, pruned });
          break;
        }
      }
    }
  }
  return out;
}
