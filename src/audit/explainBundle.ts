// explainBundle.ts: replay a verified bundle with the checker's own rules to say which record or rule settles each pair.
import { UnionFind, carriedClassOf, glue } from '../checker/classes.js';
import { type RegionCerts, type Settled, settleLayer } from '../checker/complete.js';
import { Geometry, type LayerGeo } from '../checker/geometry.js';
import { splitBundle } from '../checker/check.js';
import { type Header, parseHeader } from '../checker/header.js';
import type { Point } from '../checker/parse.js';
import { floatVecOf } from '../checker/floatSign.js';
import { LineIds, boundSettles, nullSettles, onImageLine, parseBounds, parseNulls, parseSegments, segmentHolds } from '../checker/regionCerts.js';
import { checkSampleRecords } from '../checker/samples.js';
import { carriedClassOfRegions } from '../decide/layerDecisions.js';

/** How one decision Q(j, n) is settled in the bundle: the rule, and the record line that carries it (1-based). */
export interface Citation {
  readonly sample: number;
  readonly region: number;
  readonly answer: 'yes' | 'no' | 'pinned' | 'pruned' | 'carried';
  /** witness, same, segment (yes); farkas, dead, null, bound (no); pinned; pruned; carried (no decision: inside a carried class). */
  readonly rule: string;
  /** The `region` record of region n (explicit records and region-level certificates live there); absent for implicit rules. */
  readonly line?: number;
  /** For an implicit `same`: a sample of region n with exactly the same image. */
  readonly sameAs?: number;
}

/** A region pair that glued under the product rule at some certified layer. */
export interface GlueEvent {
  readonly layer: number;
  /** The regions K < n. */
  readonly regions: readonly [number, number];
  /** S_K→n and S_n→K: all of them are glued. */
  readonly fromK: readonly number[];
  readonly fromN: readonly number[];
  /** The `yes` citation of every member against the other region (fromK then fromN). */
  readonly cites: ReadonlyMap<number, Citation>;
}

/** One certified layer of a replayed bundle, as the callback sees it. */
export interface LayerExplain {
  readonly layer: number;
  readonly regions: number;
  readonly regionOf: readonly number[];
  /** Line of the layer's `classes` record. */
  readonly classesLine: number;
  /** Classes after this layer (as the checker derives them, equal to the record). */
  readonly classes: readonly (readonly number[])[];
  /** Glue events of this and all earlier certified layers. */
  readonly events: readonly GlueEvent[];
  /** Pairs (j, n) at this layer, n ≠ region(j) (the checker's completeness count; pruned and carried ones included). */
  readonly pairs: number;
  /** Pairs left undecided inside a carried class (rule `carried`). */
  readonly carried: number;
  /** How Q(j, n) is settled at this layer (valid during the callback). */
  cite(j: number, n: number): Citation;
  /** S_K→n at this layer (samples of K with Q yes against n); empty when none. */
  yesFrom(K: number, n: number): readonly number[];
  pruned(K: number, n: number): boolean;
}

const REGION_KEYS_OK = (o: unknown): o is Record<string, unknown> => typeof o === 'object' && o !== null;

/**
 * Replay a bundle that the checker has accepted (call `check` first: this trusts the certificates
 * it re-parses and only attributes each decision to the record or rule that settles it, in the
 * checker's own order: carried; farkas record, dead, null, bound; witness/same record, same,
 * segment; pinned; pruned). `onHeader` sees the header first; `onLayer` is called once per certified
 * layer, in order. Returns the header.
 */
export function explainBundle(bytes: Uint8Array, onLayer: (x: LayerExplain) => void, onHeader: (h: Header) => void = () => undefined): Header {
  const { lines } = splitBundle(bytes);
  const parse = (k: number): Record<string, unknown> => {
    const o = JSON.parse(Buffer.from(lines[k] as Uint8Array).toString('utf8')) as unknown;
    if (!REGION_KEYS_OK(o)) throw new Error(`line ${k + 1} is not a record`);
    return o;
  };
  const h = parseHeader(parse(0));
  onHeader(h);
  const g = new Geometry(h);
  const uf = new UnionFind(h.xs.length);
  const events: GlueEvent[] = [];
  let i = 1;
  let done = 0;
  for (const l of h.layers) {
    let geo: LayerGeo = g.next();
    for (done++; done < l; done++) geo = g.next();
    const R = geo.regions.length;
    const certs: RegionCerts[] = [];
    const lines = new LineIds();
    for (let n = 0; n < R; n++) {
      const at = { line: i + 2 + n, layer: l, region: n };
      const r = parse(i + 1 + n);
      const reg = geo.regions[n] as LayerGeo['regions'][number];
      certs.push({ nulls: parseNulls(r['null'], reg, at), bounds: parseBounds(r['bounds'], reg, at), segs: parseSegments(r['segments'], reg, at, lines), recs: checkSampleRecords(r, reg, geo, h, at) });
    }
    const classesLine = i + 2 + R;
    const carried = h.skipCarried ? carriedClassOf(uf, h.xs.length) : null;
    const s: Settled = settleLayer(geo, g, h, certs, { line: classesLine, layer: l }, carried);
    const regionLine = (n: number): number => i + 2 + n;
    const classOfRegion = carriedClassOfRegions(geo.regions, carried);
    const inCarried = (j: number, n: number): boolean => (carried?.[j] ?? -1) >= 0 && classOfRegion[n] === carried?.[j];
    const cite = (j: number, n: number): Citation => (inCarried(j, n) && geo.regionOf[j] !== n ? { sample: j, region: n, answer: 'carried', rule: 'carried' } : citeOne(geo, g, h, certs, s, j, n, regionLine(n)));
    // glue events of this layer, with citations (the same pairs `glue` uses)
    s.yes.forEach((toN, n) => {
      for (const [K, fromK] of toN) {
        if (K > n) continue;
        const fromN = s.yes[K]?.get(n);
        if (fromN === undefined || s.pruned(K, n)) continue;
        const cites = new Map<number, Citation>();
        for (const j of fromK) cites.set(j, cite(j, n));
        for (const j of fromN) cites.set(j, cite(j, K));
        events.push({ layer: l, regions: [K, n], fromK, fromN, cites });
      }
    });
    glue(s, uf);
    onLayer({
      layer: l,
      regions: R,
      regionOf: geo.regionOf,
      classesLine,
      classes: uf.classes(),
      events,
      pairs: s.pairs,
      carried: s.settled.carried,
      cite,
      yesFrom: (K, n) => s.yes[n]?.get(K) ?? [],
      pruned: (K, n) => s.pruned(K, n),
    });
    i += R + 2;
  }
  return h;
}

function citeOne(geo: LayerGeo, g: Geometry, h: Header, certs: readonly RegionCerts[], s: Settled, j: number, n: number, line: number): Citation {
  const K = geo.regionOf[j] as number;
  const base = { sample: j, region: n };
  if (K === n) throw new RangeError(`sample ${j} lies in region ${n}: Q(${j}, ${n}) is not a decision`);
  const c = certs[n] as RegionCerts;
  const reg = geo.regions[n] as LayerGeo['regions'][number];
  const y = geo.images[j] as LayerGeo['images'][number];
  const yf = floatVecOf([...y.n, y.d]);
  const rk = c.recs.get(j);
  if (rk === 'farkas') return { ...base, answer: 'no', rule: 'farkas', line };
  if (rk === 'pinned') return { ...base, answer: 'pinned', rule: 'pinned', line };
  if (rk === 'witness' || rk === 'same') return { ...base, answer: 'yes', rule: rk, line };
  if (geo.relu && ((geo.regions[K] as LayerGeo['regions'][number]).on & ~reg.on) !== 0n) return { ...base, answer: 'no', rule: 'dead' };
  if (c.nulls.some((u) => nullSettles(u, y, reg.pd, yf))) return { ...base, answer: 'no', rule: 'null', line };
  if (c.bounds.some((b) => boundSettles(b, y, reg.pd, yf))) return { ...base, answer: 'no', rule: 'bound', line };
  const sameAs = reg.samples.find((k) => g.inBox(k) && sameImg(geo.images[k] as LayerGeo['images'][number], y));
  if (sameAs !== undefined) return { ...base, answer: 'yes', rule: 'same', sameAs };
  // as in settleLayer: a pruned pair without a record is not tried against the segments
  if (s.pruned(K, n)) return { ...base, answer: 'pruned', rule: 'pruned' };
  const xf = floatVecOf([...(h.xs[j] as Point).num, (h.xs[j] as Point).den]);
  if (c.segs.some((sg) => onImageLine(sg, y, yf) && segmentHolds(sg, y, h.xs[j] as Point, yf, xf))) return { ...base, answer: 'yes', rule: 'segment', line };
  throw new Error(`internal: Q(${j}, ${n}) at layer ${geo.layer} is settled by no rule (was the bundle checked?)`);
}

function sameImg(a: LayerGeo['images'][number], b: LayerGeo['images'][number]): boolean {
  return a.d === b.d && a.n.length === b.n.length && a.n.every((v, i) => v === b.n[i]);
}
