// yesDecisions.ts: every certified `yes` decision of a layer with the witness point that proves it (exact).
import { Rat } from '../checker/rational.js';
import type { LayerAnalysis, Region } from '../net/regions.js';
import { comparedRegionPairs } from '../overlap/sensitivityPrune.js';
import { scaledVecKey } from '../net/scaled.js';
import type { LayerRecordsView } from './readBundle.js';

/** One decision Q(j, n) = yes with the point z ∈ G_n, z ≠ x_j, Φ_n(z) = Φ(x_j) that proves it. */
export interface YesDecision {
  readonly j: number;
  readonly n: number;
  /** The rule that settles it: a `witness` record, `same` (record or implicit), or a region's `segment`. */
  readonly rule: 'witness' | 'same' | 'segment';
  readonly z: readonly Rat[];
  /** True when the sensitivity prune skips the region pair (the checker counts the decision but glues nothing by it). */
  readonly pruned: boolean;
}

const ratPoint = (p: { num: readonly bigint[]; den: bigint }): Rat[] => p.num.map((v) => Rat.of(v, p.den));
const eqPts = (a: readonly Rat[], b: readonly Rat[]): boolean => a.every((v, i) => v.eq(b[i] as Rat));

/** Φ_n(z) = (M z + c) / den exactly. */
export function mapOf(reg: Region, z: readonly Rat[]): Rat[] {
  const den = Rat.int(reg.map.den);
  return reg.map.M.map((row, i) => row.reduce((s, v, k) => (v === 0n ? s : s.add(Rat.int(v).mul(z[k] as Rat))), Rat.int(reg.map.c[i] as bigint)).div(den));
}

/** The point of a segment certificate that maps to y, other than x (FORMAT rule `segment`), or undefined. */
function segmentPoint(lo: readonly Rat[], hi: readonly Rat[], a: readonly Rat[], b: readonly Rat[], y: readonly Rat[], x: readonly Rat[]): Rat[] | undefined {
  const k = a.findIndex((v, i) => !v.eq(b[i] as Rat));
  if (k < 0) {
    if (!eqPts(a, y)) return undefined;
    return !eqPts(lo, x) ? [...lo] : !eqPts(hi, x) ? [...hi] : undefined;
  }
  const t = (y[k] as Rat).sub(a[k] as Rat).div((b[k] as Rat).sub(a[k] as Rat));
  if (t.sign() < 0 || t.cmp(Rat.ONE) > 0) return undefined;
  if (!a.every((v, i) => v.add(t.mul((b[i] as Rat).sub(v))).eq(y[i] as Rat))) return undefined;
  const z = lo.map((v, i) => v.add(t.mul((hi[i] as Rat).sub(v))));
  return eqPts(z, x) ? undefined : z;
}

/**
 * The yes decisions of one certified layer, each with its witness: explicit `yes` records
 * (a point, or `same` with sample k: z = x_k), implicit `same` (a sample k of n, inside the box
 * when there is one, with exactly x_j's image), and `segment` certificates of region n. Pairs in
 * region pairs the sensitivity prune skips are left out unless they have a record, as the checker
 * does (implicit `same` still counts there, as in the checker). `points` are the samples as the network sees them (the bundle's points).
 *
 * Only meaningful for a bundle the trusted checker accepted: it then lists exactly the pairs the
 * checker settles yes (the report compares the count with the checker's).
 */
export function yesDecisions(layer: LayerAnalysis, recs: LayerRecordsView, points: readonly (readonly Rat[])[], sensitivity: Rat | null, box: bigint | null): YesDecision[] {
  const R = layer.regions.length;
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
  const imgs = layer.images.map((y) => y.num.map((v) => Rat.of(v, y.den)));
  const out: YesDecision[] = [];
  for (let n = 0; n < R; n++) {
    const reg = layer.regions[n] as Region;
    const rec = recs.regionRecords[n];
    const explicit = new Map<number, YesDecision | null>();
    for (const y of rec?.yes ?? []) {
      const pruned = !compare(layer.regionOf[y.j] as number, n);
      explicit.set(y.j, 'same' in y ? { j: y.j, n, rule: 'same', z: points[y.same] ?? [], pruned } : { j: y.j, n, rule: 'witness', z: ratPoint(y.point), pruned });
    }
    for (const j of rec?.noOrPinned ?? []) explicit.set(j, null);
    const segs = (rec?.segments ?? []).map((s) => {
      const lo = ratPoint(s.lo);
      const hi = ratPoint(s.hi);
      return { lo, hi, a: mapOf(reg, lo), b: mapOf(reg, hi) };
    });
    for (let j = 0; j < points.length; j++) {
      const K = layer.regionOf[j] as number;
      if (K === n) continue;
      if (explicit.has(j)) {
        const d = explicit.get(j);
        if (d !== null && d !== undefined) out.push(d);
        continue;
      }
      const pruned = !compare(K, n);
      const same = (byImage.get(keys[j] as string) ?? []).find((k) => layer.regionOf[k] === n && inBox(k));
      if (same !== undefined) {
        out.push({ j, n, rule: 'same', z: points[same] ?? [], pruned });
        continue;
      }
      if (pruned) continue;
      for (const s of segs) {
        const z = segmentPoint(s.lo, s.hi, s.a, s.b, imgs[j] as Rat[], points[j] ?? []);
        if (z !== undefined) {
          out.push({ j, n, rule: 'segment', z, pruned });
          break;
        }
      }
    }
  }
  return out;
}
