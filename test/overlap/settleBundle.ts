// settleBundle.ts: test-only re-derivation of every decision and class from a bundle's layer records.
// A small stand-in for the trusted checker: it rebuilds regions with the solver's own computeLayers
// (so it checks the writer, not the region code), applies FORMAT.md's rules and demands completeness.
import { expect } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { lastLayerMask } from '../../src/decide/layerDecisions.js';
import type { IntPoint, QueryAnswer } from '../../src/decide/regionQuery.js';
import { type RationalAnswer, rationalQuery, verifyAnswer } from '../../src/decide/verifyAnswer.js';
import type { Network } from '../../src/net/network.js';
import type { Profile } from '../../src/net/profile.js';
import { type Region, computeLayers } from '../../src/net/regions.js';
import { UnionFind } from '../../src/overlap/unionFind.js';
import type { BundleRecord } from './bundleValidator.js';

type SparseJ = [number, string][];
type PointJ = { num: string[]; den: string };

const intPoint = (p: PointJ): IntPoint => ({ num: p.num.map(BigInt), den: BigInt(p.den) });
const sparseBig = (s: SparseJ): [number, bigint][] => s.map(([i, v]) => [i, BigInt(v)]);
const sparseRat = (s: SparseJ, div: bigint): [number, Rat][] => s.map(([i, v]) => [i, Rat.parse(v).div(Rat.int(div))]);

function inRegion(r: Region, p: IntPoint): boolean {
  return r.ineqA.every((row, i) => row.reduce((acc, a, c) => acc + a * (p.num[c] as bigint), 0n) <= (r.ineqB[i] as bigint) * p.den);
}

/** Per certified layer: the settled answers counted and the classes derived. */
export interface SettledLayer {
  layer: number;
  yes: number;
  no: number;
  explicit: number;
  classes: number[][];
  gluings: number;
}

/**
 * Settle every pair (j, n) of every certified layer from the records: each region-level
 * certificate is checked once, each explicit record by `verifyAnswer`, the implicit rules
 * (`dead`, `same`, `null`, `bound`, `segment`, `pruned`) are applied, every unpruned pair must be
 * settled exactly one way, and the classes and gluing counts must equal the `classes` records.
 */
export function settleBundle(net: Network, points: readonly (readonly Rat[])[], profile: Profile, sensitivity: Rat | null, recs: readonly BundleRecord[]): SettledLayer[] {
  const layers = computeLayers(net, points, profile);
  const uf = new UnionFind(points.length);
  const out: SettledLayer[] = [];
  let at = recs.findIndex((r) => r.t === 'layer');
  while (at >= 0 && at < recs.length && (recs[at] as BundleRecord).t === 'layer') {
    const l = (recs[at] as BundleRecord)['layer'] as number;
    const layer = layers[l - 1];
    if (layer === undefined) throw new Error(`no layer ${l}`);
    const R = layer.regions.length;
    expect((recs[at] as BundleRecord)['regions']).toBe(R);
    const regionRecs = recs.slice(at + 1, at + 1 + R);
    const classesRec = recs[at + 1 + R] as BundleRecord;
    at += R + 2;
    const reluLast = (net.layers[l - 1] as { relu: boolean }).relu;
    const masks = layer.regions.map((r) => (reluLast ? lastLayerMask(r.codeword) : 0n));
    const N = points.length;
    const ptsInt = points.map((p) => {
      let den = 1n;
      for (const v of p) den = (den * v.d) / gcdB(den, v.d);
      return { num: p.map((v) => (v.n * den) / v.d), den };
    });
    const ownOk = ptsInt.map((p, k) => inRegion(layer.regions[layer.regionOf[k] as number] as Region, p));
    const imgKey = layer.images.map((v) => v.num.map((x) => Rat.of(x, v.den).toString()).join(','));
    // pruned pairs, by exact squared distances
    const compared = (K: number, n: number): boolean => {
      if (sensitivity === null) return true;
      const s2 = sensitivity.mul(sensitivity);
      for (const j of (layer.regions[K] as Region).samples) {
        for (const k of (layer.regions[n] as Region).samples) {
          const a = layer.images[j] as { num: bigint[]; den: bigint };
          const b = layer.images[k] as { num: bigint[]; den: bigint };
          let acc = Rat.ZERO;
          a.num.forEach((x, c) => {
            const t = Rat.of(x, a.den).sub(Rat.of(b.num[c] as bigint, b.den));
            acc = acc.add(t.mul(t));
          });
          if (acc.cmp(s2) < 0) return true;
        }
      }
      return false;
    };
    const settled = new Map<number, 'yes' | 'no'>(); // key j·R + n
    const set = (j: number, n: number, a: 'yes' | 'no'): void => {
      const prev = settled.get(j * R + n);
      expect(prev === undefined || prev === a, `layer ${l} Q(${j}, ${n}) settled both ways`).toBe(true);
      settled.set(j * R + n, a);
    };
    let explicit = 0;
    regionRecs.forEach((rec, n) => {
      const r = layer.regions[n] as Region;
      const { M, c, den } = r.map;
      const d = points[0]?.length ?? 0;
      const nulls = (rec['null'] as SparseJ[]).map(sparseBig);
      for (const u of nulls) for (let col = 0; col < d; col++) expect(u.reduce((acc, [i, x]) => acc + x * ((M[i] as bigint[])[col] as bigint), 0n)).toBe(0n);
      const bounds = (rec['bounds'] as { v: SparseJ; lambda: SparseJ }[]).map((b) => ({ v: sparseBig(b.v), lambda: sparseBig(b.lambda) }));
      for (const b of bounds) {
        for (const [, x] of b.lambda) expect(x >= 0n).toBe(true);
        for (let col = 0; col < d; col++) {
          const la = b.lambda.reduce((acc, [i, x]) => acc + x * ((r.ineqA[i] as bigint[])[col] as bigint), 0n);
          const vp = b.v.reduce((acc, [i, x]) => acc + x * ((M[i] as bigint[])[col] as bigint), 0n);
          expect(la * den).toBe(vp);
        }
      }
      const segs = (rec['segments'] as { lo: PointJ; hi: PointJ }[]).map((s) => ({ lo: intPoint(s.lo), hi: intPoint(s.hi) }));
      for (const s of segs) expect(inRegion(r, s.lo) && inRegion(r, s.hi)).toBe(true);
      const sys = (j: number) => {
        const img = layer.images[j] as { num: bigint[]; den: bigint };
        return rationalQuery(r.ineqA, r.ineqB, M, c, den, img.num, img.den);
      };
      for (const [j, w] of rec['yes'] as [number, PointJ][]) {
        expect(verifyAnswer(sys(j), { answer: 'yes', z: intPoint(w), path: 'simplex-feasible' } as QueryAnswer, points[j] as Rat[])).toBeUndefined();
        set(j, n, 'yes');
        explicit++;
      }
      for (const [j, lam, mu] of rec['no'] as [number, SparseJ, SparseJ][]) {
        // (den·λ, μ_P) is a Farkas vector of the solver's system λᵀA + μᵀM = 0 (M = den·P)
        const ans: QueryAnswer = { answer: 'no', lambda: sparseBig(lam).map(([i, x]) => [i, x * den]), mu: sparseBig(mu), path: 'simplex-infeasible' };
        if (ans.lambda.length === 0 && ans.mu.length === 0) throw new Error('empty Farkas vector');
        expect(verifyAnswer(sys(j), ans, points[j] as Rat[]), `layer ${l} Q(${j}, ${n}) no`).toBeUndefined();
        set(j, n, 'no');
        explicit++;
      }
      for (const [j, entries] of rec['pinned'] as [number, { coord: number; sign: 1 | -1; lambda: SparseJ; mu: SparseJ }[]][]) {
        const ans: RationalAnswer = {
          answer: 'pinned',
          path: 'boundary-pinned',
          bounds: entries.map((e) => ({ coord: e.coord, sign: e.sign, lambda: sparseRat(e.lambda, 1n), mu: sparseRat(e.mu, den) })),
        };
        expect(verifyAnswer(sys(j), ans, points[j] as Rat[]), `layer ${l} Q(${j}, ${n}) pinned`).toBeUndefined();
        set(j, n, 'no');
        explicit++;
      }
      for (let j = 0; j < N; j++) {
        const K = layer.regionOf[j] as number;
        if (K === n || !compared(K, n)) continue;
        const img = layer.images[j] as { num: bigint[]; den: bigint };
        // f = den·y − c over yDen
        const f = img.num.map((y, i) => den * y - img.den * (c[i] as bigint));
        if (reluLast && ((masks[K] as bigint) & ~(masks[n] as bigint)) !== 0n) set(j, n, 'no');
        if (r.samples.some((k) => ownOk[k] === true && imgKey[k] === imgKey[j])) set(j, n, 'yes');
        if (nulls.some((u) => u.reduce((acc, [i, x]) => acc + x * (f[i] as bigint), 0n) !== 0n)) set(j, n, 'no');
        for (const b of bounds) {
          const vf = b.v.reduce((acc, [i, x]) => acc + x * (f[i] as bigint), 0n);
          const lb = b.lambda.reduce((acc, [i, x]) => acc + x * (r.ineqB[i] as bigint), 0n);
          if (vf > lb * den * img.den) set(j, n, 'no');
        }
        for (const s of segs) if (onSegment(M, f.map((x) => Rat.of(x, img.den)), s.lo, s.hi, points[j] as Rat[])) set(j, n, 'yes');
        expect(settled.has(j * R + n), `layer ${l}: Q(${j}, ${n}) unsettled`).toBe(true);
      }
    });
    // nothing settled outside the compared pairs
    for (const key of settled.keys()) expect(compared(layer.regionOf[Math.floor(key / R)] as number, key % R)).toBe(true);
    // product rule
    let gluings = 0;
    let yes = 0;
    let no = 0;
    const hits = new Map<string, number[]>();
    for (const [key, a] of settled) {
      if (a === 'no') {
        no++;
        continue;
      }
      yes++;
      const j = Math.floor(key / R);
      const k = `${layer.regionOf[j] as number}>${key % R}`;
      hits.set(k, [...(hits.get(k) ?? []), j]);
    }
    for (let K = 0; K < R; K++) {
      for (let n = K + 1; n < R; n++) {
        const a = hits.get(`${K}>${n}`);
        const b = hits.get(`${n}>${K}`);
        if (a === undefined || b === undefined) continue;
        gluings++;
        uf.unionAll([...a, ...b]);
      }
    }
    const classes = uf.classes();
    expect(classesRec).toMatchObject({ t: 'classes', layer: l });
    expect(classesRec['classes']).toEqual(classes);
    expect(classesRec['gluings']).toBe(gluings);
    out.push({ layer: l, yes, no, explicit, classes, gluings });
  }
  return out;
}

/** Is f/den·… : does P z = f/den (P = M/den, i.e. M z = f) hold at lo + θ(hi − lo) for some θ in [0, 1], with that point ≠ x_j? */
function onSegment(M: readonly (readonly bigint[])[], f: readonly Rat[], lo: IntPoint, hi: IntPoint, xj: readonly Rat[]): boolean {
  const loR = lo.num.map((x) => Rat.of(x, lo.den));
  const hiR = hi.num.map((x) => Rat.of(x, hi.den));
  const Mz = (z: readonly Rat[]) => M.map((row) => row.reduce((acc, a, col) => acc.add(Rat.int(a).mul(z[col] as Rat)), Rat.ZERO));
  const a = Mz(loR);
  const b = Mz(hiR);
  const D = b.map((x, i) => x.sub(a[i] as Rat));
  const T = f.map((x, i) => x.sub(a[i] as Rat));
  const i0 = D.findIndex((x) => !x.isZero());
  const thetas = i0 < 0 ? [Rat.ZERO, Rat.ONE] : [(T[i0] as Rat).div(D[i0] as Rat)];
  for (const th of thetas) {
    if (th.cmp(Rat.ZERO) < 0 || th.cmp(Rat.ONE) > 0) continue;
    if (!T.every((t, i) => t.eq((D[i] as Rat).mul(th)))) continue;
    const z = loR.map((x, col) => x.add(th.mul((hiR[col] as Rat).sub(x))));
    if (!z.every((v, col) => v.eq(xj[col] as Rat))) return true;
  }
  return false;
}

function gcdB(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
