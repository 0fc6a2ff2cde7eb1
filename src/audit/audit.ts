// audit.ts: compare an implementation's claimed overlap classes with a checked bundle, with a certificate for every difference.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CertifyValues, parseLayerSpec, runCertify } from '../cli/certifyCommand.js';
import { checkCommand } from '../cli/checkCommand.js';
import { UsageError } from '../cli/usageError.js';
import { InputError } from '../io/inputError.js';
import { type Claim, type ClaimedClass, readClaim } from './claim.js';
import { type Citation, type GlueEvent, type LayerExplain, explainBundle } from './explainBundle.js';

/** Options of {@link audit} (as `ohc audit`'s; strings as on the command line). */
export interface AuditOptions extends Pick<CertifyValues, 'labels' | 'class' | 'correct' | 'profile' | 'sensitivity' | 'layers'> {
  /** The claim file: `{"layers":[{"layer":l,"classes":[[i,j,…],…]},…]}`. */
  claim: string;
  model: string;
  data: string;
  /** Reuse this bundle (checked first, with the input files) instead of certifying. */
  bundle?: string | undefined;
  /** Certify into this bundle (default: a temporary file, removed afterwards). */
  out?: string | undefined;
}

/** One step of a path certificate: the region pair (K, n) glued at `layer` (product rule) joins `from` and `to`. */
export interface PathStep {
  readonly layer: number;
  readonly regions: readonly [number, number];
  readonly from: number;
  readonly to: number;
  /** The `yes` decisions that make the product rule fire and put `from` and `to` in it. */
  readonly yes: readonly Citation[];
}

/** A block: samples of one claimed class (or one unclaimed sample) that share one certified class (or are one certified singleton). */
export interface Block {
  readonly members: readonly number[];
  /** Position of the claimed class in the claim file's list, or null (not claimed in any class). */
  readonly claimed: number | null;
  /** Position of the certified class in the layer's `classes` record, or null (a certified singleton). */
  readonly certified: number | null;
}

/** Why two samples are certified apart. */
export interface Separation {
  readonly samples: readonly [number, number];
  /** Their regions at the layer. */
  readonly regions: readonly [number, number];
  /** The direct decisions Q(a, region(b)) and Q(b, region(a)) (none when they share a region). */
  readonly direct: readonly Citation[];
}

/** The audit of one claimed layer. */
export interface AuditLayer {
  readonly layer: number;
  readonly match: boolean;
  /** Line of the bundle's `classes` record of this layer; the checker re-derived it from all `pairs` decisions of the certified layers up to here. */
  readonly classesLine: number;
  readonly pairs: number;
  /** Of those, the pairs inside a carried class, left undecided (rule `carried`: they cannot change a class). */
  readonly carried: number;
  readonly certifiedClasses: readonly (readonly number[])[];
  /** Counts of point pairs: claimed glued, of which certified true and false; certified glued but not claimed. */
  readonly counts: { readonly claimed: number; readonly true: number; readonly false: number; readonly missed: number };
  /** Claimed gluings that are certified: each block of ≥ 2 claimed-together samples in one certified class, with a path certificate joining each member to the first. */
  readonly confirmed: readonly { readonly block: Block; readonly certificate: readonly PathStep[] }[];
  /** Claimed classes that join different certified classes: every pair across two blocks is a false gluing. */
  readonly falseGluings: readonly { readonly claimed: number; readonly blocks: readonly Block[]; readonly separations: readonly Separation[] }[];
  /** Certified classes the claim splits: every pair across two blocks is a missed gluing; `links` join consecutive blocks. */
  readonly missed: readonly { readonly certified: number; readonly blocks: readonly Block[]; readonly links: readonly { readonly from: number; readonly to: number; readonly certificate: readonly PathStep[] }[] }[];
}

/** What {@link audit} reports. */
export interface AuditReport {
  readonly bundle: string;
  /** The bundle was checked by the independent checker (with the input files) before the comparison. */
  readonly verified: true;
  readonly samples: number;
  readonly match: boolean;
  readonly layers: AuditLayer[];
  /** Certified layers the claim says nothing about (not audited). */
  readonly unclaimed: number[];
}

const pairsOf = (k: number): number => (k * (k - 1)) / 2;

/**
 * Audit a claim: certify the inputs (or take `bundle`), check the bundle with the independent
 * checker, then for each claimed layer compare the claimed classes with the certified ones:
 * claimed gluings that are certified (path certificates of product-rule gluings, citing the
 * bundle's records), false ones (the samples are in different certified classes; the bundle's
 * completeness certifies every decision between them, and the direct decisions are cited), and
 * missed ones (certified, with path certificates). Throws InputError / UsageError on bad inputs.
 */
export function audit(o: AuditOptions): AuditReport {
  if (o.bundle !== undefined && o.out !== undefined) throw new UsageError('give --bundle B (reuse) or --out B (certify), not both');
  readClaim(o.claim); // bad claims are reported before any work
  let bundle: string;
  let tmpDir: string | undefined;
  if (o.bundle !== undefined) {
    bundle = o.bundle;
  } else {
    if (o.out === undefined) tmpDir = mkdtempSync(join(tmpdir(), 'ohc-audit-'));
    bundle = o.out ?? join(tmpDir as string, 'audit.ohcb');
    runCertify({ model: o.model, data: o.data, labels: o.labels, class: o.class, correct: o.correct, profile: o.profile, sensitivity: o.sensitivity, layers: o.layers, out: bundle });
  }
  try {
    const args = [bundle, '--model', o.model, '--data', o.data, ...(o.labels === undefined ? [] : ['--labels', o.labels])];
    const lines: string[] = [];
    const code = checkCommand(args, (s) => lines.push(s), (s) => lines.push(s));
    if (code !== 0) throw new InputError(bundle, 'bundle', `the checker does not verify it: ${lines.filter((l) => !l.startsWith('c bundle')).join(' / ')}`);
    const bytes = readFileSync(bundle);
    const layers: AuditLayer[] = [];
    let claim: Claim | undefined;
    const h = explainBundle(bytes, (x) => {
      const cl = claim?.get(x.layer);
      if (cl !== undefined) layers.push(auditLayer(x, cl));
    }, (hd) => {
      if (o.bundle !== undefined) confirmOptions(o, hd);
      claim = readClaim(o.claim, hd.xs.length);
      for (const l of claim.keys()) if (!hd.layers.includes(l)) throw new InputError(o.claim, 'layers', `layer ${l} is not certified in ${bundle} (certified: ${hd.layers.join(', ')})`);
    });
    layers.sort((a, b) => a.layer - b.layer);
    const unclaimed = h.layers.filter((l) => claim?.has(l) !== true);
    return { bundle: tmpDir === undefined ? bundle : '(temporary)', verified: true, samples: h.xs.length, match: layers.every((l) => l.match), layers, unclaimed };
  } finally {
    if (tmpDir !== undefined) rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** With `--bundle`, options given explicitly must agree with the bundle's header. */
function confirmOptions(o: AuditOptions, h: { profile: string; layers: readonly number[]; net: readonly unknown[]; selection: { class: number | null; correct: boolean } }): void {
  const bad = (what: string, want: string, got: string): never => {
    throw new UsageError(`--${what} ${want} differs from the bundle's ${got}`);
  };
  if (o.profile !== undefined && o.profile !== h.profile) bad('profile', o.profile, h.profile);
  if (o.class !== undefined && Number(o.class) !== h.selection.class) bad('class', o.class, String(h.selection.class));
  if (o.correct === true && !h.selection.correct) bad('correct', '', 'selection without --correct');
  if (o.layers !== undefined && parseLayerSpec(o.layers, h.net.length).join(',') !== h.layers.join(',')) bad('layers', o.layers, `certified layers ${h.layers.join(',')}`);
}

/** Partition of the samples by (claimed class, certified class). */
function auditLayer(x: LayerExplain, claimed: readonly ClaimedClass[]): AuditLayer {
  const N = x.regionOf.length;
  const certArr = new Int32Array(N).fill(-1);
  x.classes.forEach((c, k) => c.forEach((j) => (certArr[j] = k)));
  const claimArr = new Int32Array(N).fill(-1);
  for (const c of claimed) for (const j of c.members) claimArr[j] = c.index;
  const certOf = (j: number): number => certArr[j] as number;
  const claimOf = (j: number): number => claimArr[j] as number;
  const graph = new EventGraph(x.events, N);

  // blocks: claimed class ∩ certified class; a sample outside every claimed class, or outside
  // every certified class, is a block of its own
  const blockKey = (j: number): string => (claimOf(j) < 0 || certOf(j) < 0 ? `s${j}` : `${claimOf(j)}:${certOf(j)}`);
  const blocks = new Map<string, number[]>();
  for (let j = 0; j < N; j++) {
    if (claimOf(j) < 0 && certOf(j) < 0) continue;
    const k = blockKey(j);
    const b = blocks.get(k);
    if (b === undefined) blocks.set(k, [j]);
    else b.push(j);
  }
  const block = (members: number[]): Block => {
    const j = members[0] as number;
    return { members, claimed: claimOf(j) < 0 ? null : claimOf(j), certified: certOf(j) < 0 ? null : certOf(j) };
  };
  const all = [...blocks.values()].map(block);

  let claimedPairs = 0;
  for (const c of claimed) claimedPairs += pairsOf(c.members.length);
  let certifiedPairs = 0;
  for (const c of x.classes) certifiedPairs += pairsOf(c.length);
  let truePairs = 0;
  for (const b of all) if (b.claimed !== null && b.certified !== null) truePairs += pairsOf(b.members.length);

  const confirmed = all.filter((b) => b.claimed !== null && b.certified !== null && b.members.length >= 2).map((b) => ({ block: b, certificate: graph.tree(b.members[0] as number, b.members.slice(1)) }));

  const falseGluings = claimed.flatMap((c) => {
    const bs = all.filter((b) => b.claimed === c.index);
    if (bs.length < 2) return [];
    const separations: Separation[] = [];
    for (let a = 0; a < bs.length; a++) for (let b = a + 1; b < bs.length; b++) separations.push(separate(x, (bs[a] as Block).members[0] as number, (bs[b] as Block).members[0] as number));
    return [{ claimed: c.index, blocks: bs, separations }];
  });

  const missed = x.classes.flatMap((c, k) => {
    const bs = all.filter((b) => b.certified === k);
    if (bs.length < 2) return [];
    const links = bs.slice(1).map((b, i) => {
      const from = (bs[i] as Block).members[0] as number;
      const to = b.members[0] as number;
      return { from, to, certificate: graph.path(from, to) };
    });
    return [{ certified: k, blocks: bs, links }];
  });

  return {
    layer: x.layer,
    match: claimedPairs === truePairs && certifiedPairs === truePairs,
    classesLine: x.classesLine,
    pairs: x.pairs,
    carried: x.carried,
    certifiedClasses: x.classes,
    counts: { claimed: claimedPairs, true: truePairs, false: claimedPairs - truePairs, missed: certifiedPairs - truePairs },
    confirmed,
    falseGluings,
    missed,
  };
}

function separate(x: LayerExplain, a: number, b: number): Separation {
  const K = x.regionOf[a] as number;
  const n = x.regionOf[b] as number;
  return { samples: [a, b], regions: [K, n], direct: K === n ? [] : [x.cite(a, n), x.cite(b, K)] };
}

/** The samples joined by glue events (hyperedges), searched breadth first for path certificates. */
class EventGraph {
  private readonly at: number[][];
  constructor(
    private readonly events: readonly GlueEvent[],
    N: number,
  ) {
    this.at = Array.from({ length: N }, () => []);
    events.forEach((e, i) => {
      for (const j of [...e.fromK, ...e.fromN]) this.at[j]?.push(i);
    });
  }

  /** BFS from `src`: for each reached sample, the event and sample it was reached from. */
  private bfs(src: number): Map<number, { e: number; from: number }> {
    const parent = new Map<number, { e: number; from: number }>();
    const seenE = new Set<number>();
    const queue = [src];
    parent.set(src, { e: -1, from: -1 });
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q] as number;
      for (const ei of this.at[u] ?? []) {
        if (seenE.has(ei)) continue;
        seenE.add(ei);
        const e = this.events[ei] as GlueEvent;
        for (const v of [...e.fromK, ...e.fromN]) {
          if (parent.has(v)) continue;
          parent.set(v, { e: ei, from: u });
          queue.push(v);
        }
      }
    }
    return parent;
  }

  private step(ei: number, from: number, to: number): PathStep {
    const e = this.events[ei] as GlueEvent;
    const side = (j: number): number => (e.fromK.includes(j) ? 0 : 1);
    const yes = [e.cites.get(from) as Citation, e.cites.get(to) as Citation];
    // both on one side: one yes from the other side shows that the product rule fires
    if (side(from) === side(to)) yes.push(e.cites.get((side(from) === 0 ? e.fromN[0] : e.fromK[0]) as number) as Citation);
    return { layer: e.layer, regions: e.regions, from, to, yes };
  }

  private walk(parent: Map<number, { e: number; from: number }>, to: number): PathStep[] {
    const steps: PathStep[] = [];
    for (let v = to; ; ) {
      const p = parent.get(v);
      if (p === undefined) throw new Error(`internal: no certified path reaches sample ${to}`);
      if (p.e < 0) break;
      steps.push(this.step(p.e, p.from, v));
      v = p.from;
    }
    return steps.reverse();
  }

  /** Steps joining `from` to `to`. */
  path(from: number, to: number): PathStep[] {
    return this.walk(this.bfs(from), to);
  }

  /** Steps joining `root` to every sample of `others` (a BFS tree; each step once). */
  tree(root: number, others: readonly number[]): PathStep[] {
    const parent = this.bfs(root);
    const used = new Set<number>();
    const steps: PathStep[] = [];
    for (const t of others) {
      const chain: number[] = [];
      for (let v = t; !used.has(v); ) {
        const p = parent.get(v);
        if (p === undefined) throw new Error(`internal: no certified path reaches sample ${t}`);
        if (p.e < 0) break;
        chain.push(v);
        v = p.from;
      }
      for (const v of chain.reverse()) {
        used.add(v);
        const p = parent.get(v) as { e: number; from: number };
        steps.push(this.step(p.e, p.from, v));
      }
    }
    return steps;
  }
}
