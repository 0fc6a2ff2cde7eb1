// bundleFixture.ts: a test-only bundle writer for tiny networks (src/net regions + src/decide answers).
import { createHash } from 'node:crypto';
import { Rat } from '../../src/checker/rational.js';
import { decideLayer } from '../../src/decide/layerDecisions.js';
import type { PreparedRegion, QueryAnswer } from '../../src/decide/regionQuery.js';
import type { Network } from '../../src/net/network.js';
import { type Profile, profilePoints } from '../../src/net/profile.js';
import { computeLayers } from '../../src/net/regions.js';

export interface FixtureOptions {
  profile?: Profile;
  /** Certified layers (default: all). */
  layers?: number[];
  /** Leave dead, same-image and region-certificate answers implicit (emit null/bounds/segments). */
  implicit?: boolean;
  /** Reference profile: the sensitivity s (default "1/2"). */
  sensitivity?: Rat;
}

const S = (v: bigint): string => v.toString();
const sparse = (s: readonly (readonly [number, bigint])[], k = 1n): [number, string][] => s.map(([i, v]) => [i, S(v * k)]);

/** Finish a bundle from its records (adds the end record). */
export function withEnd(records: readonly object[]): string {
  const body = records.map((r) => `${JSON.stringify(r)}\n`).join('');
  const sha = createHash('sha256').update(body).digest('hex');
  return `${body}${JSON.stringify({ t: 'end', records: records.length, sha256: sha })}\n`;
}

/** Naive squared distance of two rational vectors. */
function dist2(a: readonly Rat[], b: readonly Rat[]): Rat {
  return a.reduce((s, v, i) => s.add(v.sub(b[i] as Rat).mul(v.sub(b[i] as Rat))), Rat.ZERO);
}

/** The records (without end) of a valid bundle for `net` on `points`. */
export function bundleRecords(net: Network, rawPoints: readonly (readonly Rat[])[], opts: FixtureOptions = {}): object[] {
  const profile = opts.profile ?? 'default';
  const ref = profile === 'reference';
  const s = opts.sensitivity ?? Rat.of(1n, 2n);
  const points = profilePoints(rawPoints, profile);
  const all = computeLayers(net, points, profile);
  const layers = opts.layers ?? all.map((_, i) => i + 1);
  const recs: object[] = [
    {
      t: 'header', format: 'ohc-bundle/1', tool: 'test fixture',
      inputs: { model: { path: 'm.json', sha256: '0'.repeat(64) }, data: { path: 'd.json', sha256: '1'.repeat(64) }, labels: null },
      selection: { class: null, correct: false, indices: points.map((_, i) => i) },
      profile,
      options: { box: ref ? '100' : null, outputBits: ref, sensitivity: ref ? s.toString() : null, skipCarried: false },
      layers,
      network: { inputDim: net.inputDim, layers: net.layers.map((L) => ({ W: L.W.map((r) => r.map(String)), b: L.b.map(String), relu: L.relu })) },
      points: points.map((p) => p.map(String)),
    },
  ];
  const parent = points.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (const l of layers) {
    const la = all[l - 1];
    if (la === undefined) throw new Error('layer');
    const R = la.regions.length;
    const imgs = la.images.map((y) => y.num.map((v) => Rat.of(v, y.den)));
    const pruned = (K: number, n: number): boolean =>
      ref && (la.regions[K]?.samples ?? []).every((a) => (la.regions[n]?.samples ?? []).every((b) => dist2(imgs[a] as Rat[], imgs[b] as Rat[]).cmp(s.mul(s)) >= 0));
    const answers: { j: number; n: number; a: QueryAnswer }[] = [];
    const prepared = new Map<number, PreparedRegion>();
    decideLayer(la, points, net.layers[l - 1]?.relu === true, (j, n, a, p) => {
      answers.push({ j, n, a });
      if (p !== undefined) prepared.set(n, p);
    }, { compare: (K, n) => !pruned(K, n) });
    recs.push({ t: 'layer', layer: l, regions: R });
    const yesSets = new Map<string, number[]>();
    for (let n = 0; n < R; n++) {
      const reg = la.regions[n];
      if (reg === undefined) throw new Error('region');
      const den = reg.map.den;
      const p = prepared.get(n);
      const rec = { t: 'region', layer: l, region: n, null: [] as unknown[], bounds: [] as unknown[], segments: [] as unknown[], yes: [] as unknown[], no: [] as unknown[], pinned: [] as unknown[] };
      if (opts.implicit === true && p !== undefined) {
        rec.null = p.nullChecks.map((c) => sparse(c.u));
        rec.bounds = p.bounds.map((b) => ({ v: sparse(b.mu, -den), lambda: sparse(b.lambda) }));
        if (p.segment) rec.segments = [{ lo: { num: p.segment.zLo.num.map(S), den: S(p.segment.zLo.den) }, hi: { num: p.segment.zHi.num.map(S), den: S(p.segment.zHi.den) } }];
      }
      for (const { j, a } of answers.filter((x) => x.n === n)) {
        const K = la.regionOf[j] as number;
        if (a.answer === 'yes') {
          const key = `${K}:${n}`;
          yesSets.set(key, [...(yesSets.get(key) ?? []), j]);
        }
        if (opts.implicit === true && ['dead-neuron', 'same-image', 'eq-inconsistent', 'segment'].includes(a.path)) continue;
        if (opts.implicit === true && a.answer === 'no' && a.bound !== undefined) continue;
        if (a.answer === 'yes') rec.yes.push([j, { num: a.z.num.map(S), den: S(a.z.den) }]);
        else if (a.answer === 'no') rec.no.push([j, sparse(a.lambda), sparse(a.mu, den)]);
        else rec.pinned.push([j, a.bounds.map((b) => ({ coord: b.coord, sign: b.sign, lambda: b.lambda.map(([i, v]) => [i, String(v)]), mu: b.mu.map(([i, v]) => [i, String(v.mul(Rat.int(den)))]) }))]);
      }
      recs.push(rec);
    }
    let gluings = 0;
    for (const [key, fwd] of yesSets) {
      const [K, n] = key.split(':').map(Number) as [number, number];
      const back = yesSets.get(`${n}:${K}`);
      if (K < n && back !== undefined) {
        gluings++;
        for (const j of [...fwd, ...back]) parent[find(j)] = find(fwd[0] as number);
      }
    }
    const groups = new Map<number, number[]>();
    points.forEach((_, j) => groups.set(find(j), [...(groups.get(find(j)) ?? []), j]));
    const classes = [...groups.values()].filter((c) => c.length > 1).sort((a, b) => (a[0] as number) - (b[0] as number));
    recs.push({ t: 'classes', layer: l, classes, gluings });
  }
  return recs;
}

/** A valid bundle text for `net` on `points`. */
export function buildBundle(net: Network, points: readonly (readonly Rat[])[], opts: FixtureOptions = {}): string {
  return withEnd(bundleRecords(net, points, opts));
}
