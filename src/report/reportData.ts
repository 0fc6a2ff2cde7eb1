// reportData.ts: everything a report shows, built from a bundle after the trusted checker's verdict.
import { createHash } from 'node:crypto';
import { type LayerStats, check, isAccepted } from '../checker/index.js';
import type { Rat } from '../checker/rational.js';
import { layerHasBits, profileRules } from '../net/profile.js';
import { type LayerAnalysis, computeLayers } from '../net/regions.js';
import { UnionFind, classIds } from '../overlap/unionFind.js';
import { ratToFloat64 } from '../numbers/ratToFloat64.js';
import { FLOAT_RULES_NOT_SIMULATED, FLOAT_RULES_SIMULATED, type FloatDisagreement, floatDisagreements } from './floatRules.js';
import { type BundleView, readBundle } from './readBundle.js';
import { type IntPoint, type YesDecision, yesDecisions } from './yesDecisions.js';

/** One row of the per-layer table (and of summary.csv). Counts the checker did not establish are null. */
export interface LayerSummary {
  layer: number;
  regions: number;
  /** Pairs (j, n), n ≠ region(j), settled by a certificate or rule (pruned pairs and pairs inside carried classes excluded), as the checker counts them. */
  decisions: number | null;
  /** Pairs skipped by the sensitivity prune (reference profile). */
  pruned: number | null;
  /** Pairs settled yes (witness, same or segment). */
  yes: number | null;
  gluings: number | null;
  classes: number | null;
  gluedPoints: number | null;
  /** Samples with some pre-activation exactly 0 at a codeword layer ≤ l. */
  boundaryPoints: number;
  /** Rank of the local map of a sample's region → number of samples. */
  rankHistogram: Record<string, number>;
  /** Certified Betti numbers b_0.. of the quotient by this layer's classes, per construction. */
  betti: { cone?: number[]; metric?: number[] };
}

/** Per certified layer: what the simulated float rules change. */
export interface FloatLayer {
  layer: number;
  /** Certified yes decisions outside pruned region pairs. */
  yes: number;
  /** Of those, witnesses that lie exactly on some facet of G_n. */
  onFacet: number;
  facetRejected: number;
  allcloseRejected: number;
  exactClasses: number;
  exactGluedPoints: number;
  /** Classes and glued points when the rejected decisions are dropped (everything else as certified). */
  floatClasses: number;
  floatGluedPoints: number;
}

/** The reference-profile comparison with the paper's float rules. */
export interface FloatSummary {
  simulated: string[];
  notSimulated: string[];
  layers: FloatLayer[];
  /** Every rejected decision (a decision can appear once per float rule). */
  items: FloatDisagreement[];
}

/** summary.json. */
export interface ReportSummary {
  format: 'ohc-report/1';
  verdict: 'VERIFIED' | 'REJECTED';
  /** Why the checker rejected the bundle (REJECTED only). */
  rejection: { rule: string; step: Record<string, number | string>; reason: string } | null;
  bundle: { path: string; bytes: number; sha256: string };
  tool: string;
  inputs: BundleView['header']['inputs'];
  /** Whether --model/--data were confirmed against the bundle (sha256 and contents). */
  inputsChecked: boolean;
  selection: { class: number | null; correct: boolean; samples: number };
  profile: string;
  inputDim: number | null;
  /** The network's widths, input first. */
  widths: number[];
  certifiedLayers: number[];
  layers: LayerSummary[];
  /** The certified homology (Betti numbers as the checker established them), or null. */
  homology: { complex: string; field: string; maxDim: number; quotients: string[]; tieChoices: number; base: number[] | null; targets: BettiTarget[] } | null;
  /** Null unless the profile is `reference` and the bundle is verified. */
  floatDisagreements: FloatSummary | null;
  /** Differences between the report's own recomputation and the checker's counts (empty when all agree). */
  consistency: string[];
}

/** Data for the figures: sample coordinates and, per certified layer, region ids and class ids. */
export interface ReportFigures {
  /** Samples as doubles (for drawing only), all coordinates. */
  points: number[][];
  layers: { layer: number; regionOf: number[]; classOf: number[] }[];
}

/** A report: the summary and the data behind the figures. */
export interface ReportData {
  summary: ReportSummary;
  figures: ReportFigures;
}

/** The trusted checker's verdict on the bundle, as `ohc check --json` prints it (`verdict`). */
export type ReportVerdict =
  | { readonly kind: 'accepted'; readonly layers: readonly LayerStats[]; readonly homology?: CheckedHomology | null }
  | { readonly kind: 'rejected'; readonly rule: string; readonly step: Readonly<Record<string, number | string>>; readonly reason: string };

/** What the checker established about homology records (its `homology` stats): Betti numbers per target. */
export interface CheckedHomology {
  readonly spec: string;
  readonly field: string;
  readonly maxDim: number;
  readonly tieChoices: number;
  readonly targets: readonly { readonly layer: number; readonly quotient: string; readonly betti: readonly number[]; readonly steps: number; readonly simplices: readonly number[] }[];
}

/** One certified Betti target in the summary. */
export interface BettiTarget {
  layer: number;
  quotient: string;
  betti: number[];
  /** Certified collapse steps, and simplices per dimension of the reduced complex. */
  steps: number;
  simplices: number[];
}

/** Options of `buildReport`. */
export interface BuildOptions {
  /** The path shown for the bundle. */
  bundlePath: string;
  /**
   * The trusted checker's verdict on exactly these bytes when the caller already ran it (`ohc
   * report` runs `ohc check --json`, with the input files when given); otherwise `check(bytes)`
   * runs here and only a verdict it minted counts as accepted.
   */
  verdict?: ReportVerdict;
  /** True when the verdict also confirmed the model and data files (`ohc check --model --data`). */
  inputsChecked?: boolean;
}

/** Classes of the product rule on `yes` decisions, with `uf` carried from the previous layer. */
function glueInto(uf: UnionFind, yes: readonly YesDecision[], regionOf: readonly number[], R: number): void {
  const hits = new Map<number, number[]>();
  for (const d of yes) {
    if (d.pruned) continue;
    const key = (regionOf[d.j] as number) * R + d.n;
    const l = hits.get(key);
    if (l === undefined) hits.set(key, [d.j]);
    else l.push(d.j);
  }
  for (const [key, fwd] of hits) {
    const K = Math.floor(key / R);
    const n = key % R;
    if (K > n) continue;
    const back = hits.get(n * R + K);
    if (back !== undefined) uf.unionAll([...fwd, ...back]);
  }
}

const EMPTY_VIEW: BundleView = {
  header: { tool: '', inputs: { model: null, data: null, labels: null }, selection: { class: null, correct: false, indices: [] }, profile: 'default', sensitivity: null, skipCarried: false, layers: [], network: null, points: [] },
  layers: [],
  complex: null,
  betti: [],
};

const glued = (cs: readonly (readonly number[])[]): number => cs.reduce((a, c) => a + c.length, 0);

/**
 * Build a report of `bytes` (a bundle). The trusted checker decides the verdict; only a verified
 * bundle's certificates (decisions, classes, Betti numbers) are shown. Regions, ranks and
 * boundary points are recomputed exactly from the embedded network and points in either case.
 */
export function buildReport(bytes: Uint8Array, opts: BuildOptions): ReportData {
  let verdict: ReportVerdict;
  let ok: boolean;
  if (opts.verdict === undefined) {
    const v = check(bytes);
    ok = isAccepted(v);
    verdict =
      v.kind === 'rejected'
        ? { kind: 'rejected', rule: v.rule, step: { ...v.step }, reason: v.reason }
        : ok
          ? { kind: 'accepted', layers: v.layers, homology: (v as { homology?: CheckedHomology | null }).homology ?? null }
          : { kind: 'rejected', rule: 'parse', step: { line: 0 }, reason: 'the verdict was not minted by the checker' };
  } else {
    verdict = opts.verdict;
    ok = verdict.kind === 'accepted';
  }
  const consistency: string[] = [];
  // a rejected bundle may be unreadable: show the verdict alone then
  let view: BundleView;
  try {
    view = readBundle(bytes);
  } catch (e) {
    if (ok) throw e;
    view = EMPTY_VIEW;
  }
  const h = view.header;
  const net = h.network;
  let analysis: LayerAnalysis[] = [];
  try {
    analysis = net === null ? [] : computeLayers(net, h.points, h.profile);
  } catch (e) {
    if (ok) throw e;
  }
  const stats = verdict.kind === 'accepted' && ok ? verdict.layers : [];
  const rules = profileRules(h.profile);
  const hasBits = net === null ? [] : net.layers.map((_, i) => layerHasBits(net, i + 1, rules));
  // Betti numbers only as the checker established them (its verdict), never from the records alone
  const hom = verdict.kind === 'accepted' && ok ? (verdict.homology ?? null) : null;
  const bettiOf = (l: number, q: string): number[] | undefined => hom?.targets.find((b) => b.layer === l && b.quotient === q)?.betti.slice();
  const reference = h.profile === 'reference';
  const exactUf = new UnionFind(h.points.length);
  const floatUf = new UnionFind(h.points.length);
  const floatLayers: FloatLayer[] = [];
  const items: FloatDisagreement[] = [];
  const figLayers: ReportFigures['layers'] = [];
  const layers: LayerSummary[] = h.layers.map((l) => {
    const a = analysis[l - 1];
    const st = stats.find((s) => s.layer === l);
    const recs = ok ? view.layers.find((r) => r.layer === l) : undefined;
    const rankHistogram: Record<string, number> = {};
    for (const [r, c] of [...(a?.rankClasses ?? new Map<number, number>())].sort((x, y) => x[0] - y[0])) rankHistogram[String(r)] = c;
    const classes = recs?.classes ?? [];
    const classOf = h.points.map(() => -1);
    classes.forEach((c, k) => c.forEach((j) => (classOf[j] = k)));
    if (a !== undefined) figLayers.push({ layer: l, regionOf: [...a.regionOf], classOf });
    if (st !== undefined && a !== undefined && st.regions !== a.regions.length) consistency.push(`layer ${l}: the checker derives ${st.regions} regions, the report's recomputation ${a.regions.length}`);
    const yesCount = st === undefined ? null : st.settled.witness + st.settled.same + st.settled.segment;
    if (ok && a !== undefined && recs !== undefined && net !== null) {
      // the classes carried into this layer (the bundle's own, as the checker derives them)
      const carried = h.skipCarried ? classIds(exactUf.classes(), h.points.length) : null;
      const yes = yesDecisions(a, recs, h.points, h.sensitivity, rules.box, carried);
      if (yesCount !== null && yes.length !== yesCount) consistency.push(`layer ${l}: the checker settles ${yesCount} pairs yes, the report finds ${yes.length} witnesses`);
      glueInto(exactUf, yes, a.regionOf, a.regions.length);
      const exact = exactUf.classes();
      if (JSON.stringify(exact) !== JSON.stringify(classes)) consistency.push(`layer ${l}: the classes re-derived from the witnesses differ from the certified classes`);
      if (reference) {
        const rej = floatDisagreements(l, net, a.regions, a.regionOf, hasBits, h.points, yes);
        items.push(...rej);
        const bad = new Set(rej.map((d) => `${d.sample}:${d.region}`));
        glueInto(floatUf, yes.filter((d) => !bad.has(`${d.j}:${d.n}`)), a.regionOf, a.regions.length);
        const fc = floatUf.classes();
        const unpruned = yes.filter((d) => !d.pruned);
        floatLayers.push({
          layer: l,
          yes: unpruned.length,
          onFacet: unpruned.filter((d) => {
            const reg = a.regions[d.n];
            return reg !== undefined && tightAny(reg.ineqA, reg.ineqB, d.z);
          }).length,
          facetRejected: rej.filter((d) => d.floatRule === 'facet').length,
          allcloseRejected: rej.filter((d) => d.floatRule === 'allclose').length,
          exactClasses: classes.length,
          exactGluedPoints: glued(classes),
          floatClasses: fc.length,
          floatGluedPoints: glued(fc),
        });
      }
    }
    const betti: LayerSummary['betti'] = {};
    const cone = bettiOf(l, 'cone');
    const metric = bettiOf(l, 'metric');
    if (cone !== undefined) betti.cone = cone;
    if (metric !== undefined) betti.metric = metric;
    return {
      layer: l,
      regions: st?.regions ?? a?.regions.length ?? 0,
      decisions: st === undefined ? null : st.pairs - st.settled.pruned - st.settled.carried,
      pruned: st === undefined ? null : st.settled.pruned,
      yes: yesCount,
      gluings: st?.gluings ?? null,
      classes: st === undefined ? null : classes.length,
      gluedPoints: st === undefined ? null : glued(classes),
      boundaryPoints: a?.boundaryPoints.length ?? 0,
      rankHistogram,
      betti,
    };
  });
  const c = view.complex;
  const widths = net === null ? [] : [net.inputDim, ...net.layers.map((L) => L.b.length)];
  const summary: ReportSummary = {
    format: 'ohc-report/1',
    verdict: ok ? 'VERIFIED' : 'REJECTED',
    rejection: verdict.kind === 'rejected' ? { rule: verdict.rule, step: { ...verdict.step }, reason: verdict.reason } : null,
    bundle: { path: opts.bundlePath, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    tool: h.tool,
    inputs: h.inputs,
    inputsChecked: ok && opts.inputsChecked === true,
    selection: { class: h.selection.class, correct: h.selection.correct, samples: h.points.length },
    profile: h.profile,
    inputDim: net?.inputDim ?? h.points[0]?.length ?? null,
    widths,
    certifiedLayers: [...h.layers],
    layers,
    homology:
      hom === null
        ? null
        : {
            complex: hom.spec,
            field: hom.field,
            maxDim: hom.maxDim,
            quotients: [...(c?.quotients ?? [...new Set(hom.targets.filter((t) => t.layer > 0).map((t) => t.quotient))])],
            tieChoices: hom.tieChoices,
            base: bettiOf(0, 'none') ?? null,
            targets: hom.targets.map((t) => ({ layer: t.layer, quotient: t.quotient, betti: [...t.betti], steps: t.steps, simplices: [...t.simplices] })),
          },
    floatDisagreements: ok && reference ? { simulated: [...FLOAT_RULES_SIMULATED], notSimulated: [...FLOAT_RULES_NOT_SIMULATED], layers: floatLayers, items } : null,
    consistency,
  };
  return { summary, figures: { points: h.points.map((p) => p.map((v: Rat) => ratToFloat64(v))), layers: figLayers } };
}

/** True when z lies exactly on some non-zero row a·x ≤ β. */
function tightAny(A: readonly (readonly bigint[])[], b: readonly bigint[], z: IntPoint): boolean {
  return A.some((a, r) => a.some((v) => v !== 0n) && a.reduce((s, v, c) => s + v * (z.num[c] as bigint), 0n) === (b[r] as bigint) * z.den);
}
