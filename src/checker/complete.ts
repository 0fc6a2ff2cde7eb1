// complete.ts: rules `complete`, `dead`, `same` (implicit), `pruned`, `carried`: every pair (j, n) is settled, no record contradicted.
import { type FloatVec, floatVecOf } from './floatSign.js';
import type { Geometry, Img, LayerGeo } from './geometry.js';
import type { Header } from './header.js';
import type { Point } from './parse.js';
import type { RecordKind } from './samples.js';
import { type BoundCert, type NullCert, type SegmentCert, boundSettles, nullSettles, onImageLine, segmentHolds } from './regionCerts.js';
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
  /** yes[n]: region K → the samples j of K with Q(j, n) yes. */
  readonly yes: readonly ReadonlyMap<number, number[]>[];
  /** Rule `pruned` for the region pair {K, n} (derived once per layer, exact). */
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

/**
 * Rule `pruned` for every region pair at once: near[K] ∋ n iff some a ∈ K, b ∈ n (K ≠ n) have
 * |y_a − y_b| < s (exact); a pair is pruned iff it is not near. Sweep over the samples sorted by
 * t_c = trunc(y_c·2^40) for one coordinate c; a pair is compared only while t_c differs by < 2 + s·2^40.
 */
export function nearPairs(geo: LayerGeo, h: Header): Set<number>[] | null {
  const s = h.sensitivity;
  if (s === null) return null;
  const N = geo.images.length;
  const SH = 40n;
  // t = trunc(y·2^40) has |y·2^40 − t| < 1, so |Δ|·2^40 lies in (D − 2, D + 2), D = |Δt|
  const t = geo.images.map((y) => y.n.map((v) => (v << SH) / y.d));
  const sd2 = s.d * s.d;
  const thr = ((s.n * s.n << (2n * SH)) + sd2 - 1n) / sd2; // for an integer x: x ≥ s²·2^80 ⇔ x ≥ thr
  const apart = (D: bigint): boolean => D > 2n && (D - 2n) * (D - 2n) >= thr; // |Δ| > s
  // coordinates ordered by how many pairs each leaves within s (any order is sound; this only saves time)
  const counts = (t[0] ?? []).map((_, k) => {
    const ord = [...Array(N).keys()].sort((a, b) => { const x = t[a]?.[k] as bigint; const y = t[b]?.[k] as bigint; return x < y ? -1 : x > y ? 1 : 0; });
    let count = 0;
    for (let i = 0, e = 0; i < N; i++) {
      const ti = t[ord[i] as number]?.[k] as bigint;
      while (e < N && !apart((t[ord[e] as number]?.[k] as bigint) - ti)) e++;
      count += e - i - 1;
    }
    return { k, ord, count };
  }).sort((a, b) => a.count - b.count);
  const cs = counts.map((x) => x.k);
  const far = (a: number, b: number): boolean => {
    const ta = t[a] as bigint[];
    const tb = t[b] as bigint[];
    let lo = 0n;
    for (const i of cs) {
      const D = (ta[i] as bigint) - (tb[i] as bigint);
      const A = D < 0n ? -D : D;
      if (A > 2n && (lo += (A - 2n) * (A - 2n)) >= thr) return true;
    }
    let hi = 0n;
    for (const i of cs) {
      const D = (ta[i] as bigint) - (tb[i] as bigint);
      hi += (D < 0n ? 2n - D : D + 2n) ** 2n;
    }
    if (hi < thr) return false;
    const ya = geo.images[a] as Img;
    const yb = geo.images[b] as Img;
    let d2 = 0n;
    for (let i = 0; i < ya.n.length; i++) {
      const e = (ya.n[i] as bigint) * yb.d - (yb.n[i] as bigint) * ya.d;
      d2 += e * e;
    }
    return d2 * sd2 >= s.n * s.n * ya.d * ya.d * yb.d * yb.d;
  };
  const best = counts[0]?.ord ?? [];
  const c = counts[0]?.k ?? 0;
  const near = geo.regions.map(() => new Set<number>());
  for (let i = 0; i < N; i++) {
    const a = best[i] as number;
    const K = geo.regionOf[a] as number;
    const ta = t[a]?.[c] as bigint;
    for (let k = i + 1; k < N; k++) {
      const b = best[k] as number;
      if (apart((t[b]?.[c] as bigint) - ta)) break; // sorted: every later b is apart along c too
      const n = geo.regionOf[b] as number;
      if (n !== K && !near[K]?.has(n) && !far(a, b)) {
        near[K]?.add(n);
        near[n]?.add(K);
      }
    }
  }
  return near;
}

/** True when `test` holds for some certificate; tries the one that held last (`last[w]`) first. */
function firstHit<T>(cs: readonly T[], last: number[], w: number, y: Img, pd: bigint, yf: FloatVec, test: (c: T, y: Img, pd: bigint, yf: FloatVec) => boolean): boolean {
  const start = last[w] as number;
  for (let t = 0; t < cs.length; t++) {
    const k = (start + t) % cs.length;
    if (test(cs[k] as T, y, pd, yf)) {
      last[w] = k;
      return true;
    }
  }
  return false;
}

/**
 * Rule `segment` by some certificate of the region (a loop, not a closure per pair). Whether y_j lies
 * on an image line is kept in `on[line·N + j]` (0 unknown, 1 on, 2 off): certificates with one line id
 * have equal lines (`LineIds`).
 */
function anySegment(segs: readonly SegmentCert[], y: Img, x: Point, yf: FloatVec, xf: FloatVec, on: Int8Array, j: number, N: number): boolean {
  for (let t = 0; t < segs.length; t++) {
    const s = segs[t] as SegmentCert;
    const c = s.line * N + j;
    if (s.line >= 0 && on[c] === 0) on[c] = onImageLine(s, y, yf) ? 1 : 2;
    if ((s.line < 0 ? onImageLine(s, y, yf) : on[c] === 1) && segmentHolds(s, y, x, yf, xf)) return true;
  }
  return false;
}

/**
 * Rule `complete`: settle every pair (j, n), n ≠ region(j); reject a missing or contradictory
 * decision. `carried` (rule `carried`, see `carriedClassOf`): each sample's carried class, or
 * null when the bundle decides every pair.
 */
export function settleLayer(geo: LayerGeo, g: Geometry, h: Header, certs: readonly RegionCerts[], at: Step, carried: Int32Array | null = null): Settled {
  const settled: LayerStats['settled'] = { witness: 0, same: 0, farkas: 0, pinned: 0, dead: 0, null: 0, bound: 0, segment: 0, pruned: 0, carried: 0 };
  const yes: Map<number, number[]>[] = [];
  const R = geo.regions.length;
  const yesK: (number[] | undefined)[] = new Array<undefined>(R).fill(undefined);
  const touched: number[] = [];
  const near = nearPairs(geo, h);
  const pruned = (K: number, n: number): boolean => near !== null && near[K]?.has(n) !== true;
  const sameRegs = sameImageRegions(geo, g);
  const N = geo.images.length;
  const yfs = geo.images.map((y) => floatVecOf([...y.n, y.d]));
  const xfs = h.xs.map((x) => floatVecOf([...x.num, x.den]));
  let pairs = 0;
  let dead = 0;
  const lines = certs.reduce((mx, c) => c.segs.reduce((m2, s) => Math.max(m2, s.line + 1), mx), 0);
  const onLine = new Int8Array(lines * N);
  // the ON bits of each region as 32-bit words: rule `dead` without a bigint operation per pair
  const W = Math.max(1, ...geo.regions.map((r) => Math.ceil(r.on.toString(2).length / 32)));
  const words = new Int32Array(R * W);
  geo.regions.forEach((r, K) => words.set(Array.from({ length: W }, (_, t) => Number(BigInt.asIntN(32, r.on >> BigInt(32 * t)))), K * W));
  const prunedK = new Uint8Array(R);
  // rule `carried`: the carried class holding every sample of region n, or −1
  const classOfRegion = geo.regions.map((r) => {
    const c = carried?.[r.samples[0] as number] ?? -1;
    return c >= 0 && r.samples.every((j) => carried?.[j] === c) ? c : -1;
  });
  for (let n = 0; n < R; n++) {
    const reg = geo.regions[n] as LayerGeo['regions'][number];
    const c = certs[n] as RegionCerts;
    prunedK.fill(near === null ? 0 : 1);
    for (const K of near?.[n] ?? []) prunedK[K] = 0;
    const last = [0, 0];
    const hasRecs = c.recs.size > 0;
    const cn = classOfRegion[n] as number;
    for (let K = 0; K < R; K++) {
      if (K === n) continue;
      const samples = (geo.regions[K] as LayerGeo['regions'][number]).samples;
      pairs += samples.length;
      if (cn >= 0 && classOfRegion[K] === cn && !hasRecs) {
        settled.carried += samples.length; // rule `carried` for every sample of K at once
        continue;
      }
      // every sample of K has the codeword regions[K].on (geometry keys regions by it), so `dead` depends on K only
      let hit = 0;
      for (let t = 0; t < W && geo.relu; t++) hit |= (words[K * W + t] as number) & ~(words[n * W + t] as number);
      const deadK = hit !== 0;
      // some sample of K in n's carried class (then each sample is tested for rule `carried`)
      const inClass = cn >= 0 && (classOfRegion[K] === cn || (samples.length > 1 && samples.some((j) => carried?.[j] === cn)));
      if (deadK && !hasRecs && !inClass) {
        dead += samples.length; // rule `dead` for every sample of K at once
        continue;
      }
      for (let i = 0; i < samples.length; i++) {
        const j = samples[i] as number;
        const rk = hasRecs ? c.recs.get(j) : undefined;
        if (inClass && carried?.[j] === cn) {
          // rule `carried`: j and every sample of n lie in one carried class; no decision, no record
          if (rk !== undefined) reject('carried', { ...at, region: n, sample: j }, `pair (${j}, ${n}) lies inside a carried class and must have no ${rk} record`);
          settled.carried++;
          continue;
        }
        if (rk === undefined && deadK) {
          dead++; // rule `dead`, the common case, counted without the rest
          continue;
        }
        const y = geo.images[j] as LayerGeo['images'][number];
        const yf = yfs[j] as FloatVec;
        const x = h.xs[j] as Point;
        const xf = xfs[j] as FloatVec;
        if (rk === undefined) {
          // no record: the first implicit rule that applies (a pruned pair is not run through the segments)
          if (sameRegs[j]?.has(n) === true) settled.same++;
          else if (firstHit(c.bounds, last, 1, y, reg.pd, yf, boundSettles)) {
            settled.bound++;
            continue;
          } else if (prunedK[K] === 0 && anySegment(c.segs, y, x, yf, xf, onLine, j, N)) settled.segment++;
          else if (firstHit(c.nulls, last, 0, y, reg.pd, yf, nullSettles)) {
            settled.null++;
            continue;
          } else {
            if (prunedK[K] === 0) reject('complete', { ...at, region: n, sample: j }, `missing decision for sample ${j} against region ${n}`, 'no record, and no rule of dead, same, null, bound, segment, pruned applies');
            settled.pruned++;
            continue;
          }
        } else {
          // a record: every implicit rule is compared with it, and a contradiction is rejected
          const no = deadK || firstHit(c.nulls, last, 0, y, reg.pd, yf, nullSettles) || firstHit(c.bounds, last, 1, y, reg.pd, yf, boundSettles);
          const yes = sameRegs[j]?.has(n) === true || anySegment(c.segs, y, x, yf, xf, onLine, j, N);
          if (rk === 'farkas' ? yes : rk === 'pinned' ? yes || no : no) reject('complete', { ...at, region: n, sample: j }, `pair (${j}, ${n}) is settled twice`, `a ${rk} record and an implicit ${yes ? 'yes' : 'no'} rule`);
          settled[rk]++;
          if (rk !== 'witness' && rk !== 'same') continue;
        }
        // a yes: j joins S_K→n
        const list = yesK[K];
        if (list === undefined) {
          yesK[K] = [j];
          touched.push(K);
        } else list.push(j);
      }
    }
    yes.push(new Map(touched.map((K) => [K, yesK[K] as number[]])));
    for (const K of touched) yesK[K] = undefined;
    touched.length = 0;
  }
  settled.dead += dead;
  return { yes, pruned, settled, pairs };
}
