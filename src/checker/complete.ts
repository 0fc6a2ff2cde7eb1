// complete.ts: rules `complete`, `dead`, `same` (implicit), `pruned`: every pair (j, n) is settled exactly once.
import type { Geometry, Img, LayerGeo } from './geometry.js';
import type { Header } from './header.js';
import type { Point } from './parse.js';
import type { RecordKind } from './samples.js';
import { type BoundCert, type NullCert, type SegmentCert, boundSettles, nullSettles, segmentSettles } from './regionCerts.js';
import { type LayerStats, type Step, reject } from './verdict.js';

/** The verified certificates of one region. */
export interface RegionCerts {
  readonly nulls: readonly NullCert[];
  readonly bounds: readonly BoundCert[];
  readonly segs: readonly SegmentCert[];
  readonly recs: ReadonlyMap<number, RecordKind>;
}

/** What the completeness pass hands to the gluing step. */
export interface Settled {
  /** Key K·R + n → samples j of K with Q(j, n) yes. */
  readonly yes: Map<number, number[]>;
  /** Rule `pruned` for the region pair {K, n} (cached, exact). */
  readonly pruned: (K: number, n: number) => boolean;
  readonly settled: LayerStats['settled'];
  readonly pairs: number;
}

/** Per sample, the other regions holding an in-box sample with exactly its image (implicit `same`). */
function sameImageRegions(geo: LayerGeo, g: Geometry): (Set<number> | undefined)[] {
  const groups = new Map<string, number[]>();
  geo.images.forEach((y, j) => {
    const key = `${y.d}:${y.n.join(',')}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [j]);
    else list.push(j);
  });
  const out: (Set<number> | undefined)[] = geo.images.map(() => undefined);
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    for (const j of list) {
      const K = geo.regionOf[j];
      const s = new Set(list.filter((k) => geo.regionOf[k] !== K && g.inBox(k)).map((k) => geo.regionOf[k] as number));
      if (s.size > 0) out[j] = s;
    }
  }
  return out;
}

/** Rule `pruned`: every sample image of K is at distance ≥ s from every sample image of n (exact). */
function prunedTest(geo: LayerGeo, h: Header): (K: number, n: number) => boolean {
  const s = h.sensitivity;
  const cache = new Map<number, boolean>();
  const R = geo.regions.length;
  const SH = 40n;
  // exact filter first: t = trunc(y·2^40) has |y·2^40 − t| < 1, so |Δ|·2^40 lies in (D − 2, D + 2)
  let approx: bigint[][] | undefined;
  const s2 = s === null ? 0n : (s.n * s.n) << (2n * SH);
  const sd2 = s === null ? 1n : s.d * s.d;
  const far = (a: number, b: number): boolean => {
    approx ??= geo.images.map((y) => y.n.map((v) => (v << SH) / y.d));
    const ta = approx[a] as bigint[];
    const tb = approx[b] as bigint[];
    let lo = 0n;
    let hi = 0n;
    for (let i = 0; i < ta.length; i++) {
      const D = (ta[i] as bigint) - (tb[i] as bigint);
      const A = D < 0n ? -D : D;
      if (A > 2n) lo += (A - 2n) * (A - 2n);
      hi += (A + 2n) * (A + 2n);
    }
    if (lo * sd2 >= s2) return true;
    if (hi * sd2 < s2) return false;
    const ya = geo.images[a] as Img;
    const yb = geo.images[b] as Img;
    let d2 = 0n;
    for (let i = 0; i < ya.n.length; i++) {
      const t = (ya.n[i] as bigint) * yb.d - (yb.n[i] as bigint) * ya.d;
      d2 += t * t;
    }
    return s !== null && d2 * sd2 >= s.n * s.n * ya.d * ya.d * yb.d * yb.d;
  };
  return (K, n) => {
    if (s === null) return false;
    const key = Math.min(K, n) * R + Math.max(K, n);
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = (geo.regions[K]?.samples ?? []).every((a) => (geo.regions[n]?.samples ?? []).every((b) => far(a, b)));
      cache.set(key, hit);
    }
    return hit;
  };
}

/** True when `test` holds for some certificate; tries the one that held last (`last[w]`) first. */
function firstHit<T>(cs: readonly T[], last: number[], w: number, y: Img, pd: bigint, test: (c: T, y: Img, pd: bigint) => boolean): boolean {
  const start = last[w] as number;
  for (let t = 0; t < cs.length; t++) {
    const k = (start + t) % cs.length;
    if (test(cs[k] as T, y, pd)) {
      last[w] = k;
      return true;
    }
  }
  return false;
}

/** Rule `complete`: settle every pair (j, n), n ≠ region(j); reject a missing or contradictory decision. */
export function settleLayer(geo: LayerGeo, g: Geometry, h: Header, certs: readonly RegionCerts[], at: Step): Settled {
  const settled: LayerStats['settled'] = { witness: 0, same: 0, farkas: 0, pinned: 0, dead: 0, null: 0, bound: 0, segment: 0, pruned: 0 };
  const yes = new Map<number, number[]>();
  const pruned = prunedTest(geo, h);
  const sameRegs = sameImageRegions(geo, g);
  const R = geo.regions.length;
  const N = geo.images.length;
  let pairs = 0;
  for (let n = 0; n < R; n++) {
    const reg = geo.regions[n] as LayerGeo['regions'][number];
    const c = certs[n] as RegionCerts;
    const off = geo.relu ? ~reg.on : 0n;
    const last = [0, 0];
    for (let j = 0; j < N; j++) {
      const K = geo.regionOf[j] as number;
      if (K === n) continue;
      pairs++;
      const y = geo.images[j] as LayerGeo['images'][number];
      const rk = c.recs.get(j);
      let isNo: keyof typeof settled | undefined = rk === 'farkas' ? rk : undefined;
      if (isNo === undefined && ((geo.on[j] as bigint) & off) !== 0n) isNo = 'dead';
      if (isNo === undefined && c.nulls.length > 0 && firstHit(c.nulls, last, 0, y, reg.pd, nullSettles)) isNo = 'null';
      if (isNo === undefined && c.bounds.length > 0 && firstHit(c.bounds, last, 1, y, reg.pd, boundSettles)) isNo = 'bound';
      let isYes: keyof typeof settled | undefined = rk === 'witness' || rk === 'same' ? rk : undefined;
      if (isYes === undefined && sameRegs[j]?.has(n) === true) isYes = 'same';
      // a pair an implicit no-rule settled, or a pruned pair without record, skips the segments
      if (isYes === undefined && c.segs.length > 0 && !(rk === undefined && (isNo !== undefined || pruned(K, n)))) for (const s of c.segs) if (segmentSettles(s, y, h.xs[j] as Point)) { isYes = 'segment'; break; }
      if ((isYes !== undefined && isNo !== undefined) || (rk === 'pinned' && (isYes ?? isNo) !== undefined)) {
        reject('complete', { ...at, region: n, sample: j }, `pair (${j}, ${n}) is settled twice`, `${rk === 'pinned' ? 'pinned' : `yes by ${isYes}`} and ${isNo === undefined ? `yes by ${isYes}` : `no by ${isNo}`}`);
      }
      const how = rk === 'pinned' ? 'pinned' : isYes ?? isNo;
      if (how === undefined) {
        if (!pruned(K, n)) reject('complete', { ...at, region: n, sample: j }, `missing decision for sample ${j} against region ${n}`, 'no record, and no rule of dead, same, null, bound, segment, pruned applies');
        settled.pruned++;
        continue;
      }
      settled[how]++;
      if (isYes !== undefined) {
        const list = yes.get(K * R + n);
        if (list === undefined) yes.set(K * R + n, [j]);
        else list.push(j);
      }
    }
  }
  return { yes, pruned, settled, pairs };
}
