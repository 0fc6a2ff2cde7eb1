// index.ts: the library API of overlap-homology (`import { certify, check } from 'overlap-homology'`).
/**
 * Certified, exact overlap decomposition of ReLU networks, as a library: use it as an oracle for
 * another implementation (`certify` its inputs, compare its classes, `check` the bundle).
 *
 * ```ts
 * import { certify, check } from 'overlap-homology';
 * const run = certify({ model: 'net.pth', data: 'points.npy', out: 'run.ohcb' });
 * run.layers[1]?.classes;            // [[0, 1]]: indices into the selected points
 * check(run.bundlePath).verified;    // true: the independent checker accepts the bundle
 * ```
 *
 * Everything is synchronous and exact (rationals as bigint fractions). Errors in inputs or
 * options throw {@link InputError} or {@link UsageError} with a message naming the file and field.
 * @packageDocumentation
 */
import type { Rat } from './checker/rational.js';
import { type CertifyHomologyJson, type CertifyLayerJson, runCertify } from './cli/certifyCommand.js';
import { checkCommand } from './cli/checkCommand.js';
import { ProgressBar } from './cli/progress.js';
import { prepareRegion, queryRegion } from './decide/regionQuery.js';
import { rationalQuery, verifyAnswer } from './decide/verifyAnswer.js';
import { answerToJson } from './cli/decideCommand.js';
import { InputError } from './io/inputError.js';
import type { Network } from './net/network.js';
import type { Profile } from './net/profile.js';
import { computeLayers } from './net/regions.js';

export { Rat } from './checker/rational.js';
export { InputError } from './io/inputError.js';
export { UsageError } from './cli/usageError.js';
export { loadModel } from './io/loadModel.js';
export { loadDataset } from './io/loadData.js';
export { selectPoints } from './net/select.js';
export { profilePoints } from './net/profile.js';
export { computeLayers } from './net/regions.js';
export type { Dataset, Layer, Network } from './net/network.js';
export type { Profile } from './net/profile.js';
export type { LayerAnalysis, Region } from './net/regions.js';
export type { Verdict } from './checker/index.js';
export { audit, type AuditOptions, type AuditReport } from './audit/audit.js';

/** One certified layer: as one element of `ohc certify --json`'s `layers`. */
export type CertifiedLayer = CertifyLayerJson;

/** Options of {@link certify}; the same as `ohc certify`'s. */
export interface CertifyOptions {
  /** The network: PyTorch state dict (`.pth`/`.pt`), `.safetensors`, or JSON. */
  model: string;
  /** The points: `.npy`, CSV or JSON (labels may be in it). */
  data: string;
  /** Labels, when not in the data file. */
  labels?: string;
  /** Keep the points labelled `class`. */
  class?: number;
  /** Keep the points the network classifies correctly (exact argmax). */
  correct?: boolean;
  /** `default` (exact points, no box) or `reference` (the paper's conventions). */
  profile?: Profile;
  /** Sensitivity of the reference prune, a rational "p/q" or decimal (reference profile only; default 1). */
  sensitivity?: string;
  /** Certified layers: a list such as [1, 2, 3] or a spec such as "1-3,7" (default: all). */
  layers?: string | readonly number[];
  /** The bundle to write. A journal `OUT.journal` stays beside it until the run completes. */
  out: string;
  /** Continue an interrupted run from its journal (byte-identical result). */
  resume?: boolean;
  /** A complex on the samples (`knn-rips:k=K,eps=E`, `rips:eps2=E`, `file:PATH`): adds certified per-layer quotient Betti numbers. */
  complex?: string;
  /** Quotient constructions with `complex`: `cone` (default), `metric`, `cone,metric`. */
  quotient?: string;
  /** Field of the Betti numbers: `gf2` (default) or `q`. */
  field?: 'gf2' | 'q';
  /** Highest Betti dimension (default 1). */
  maxDim?: number;
  /**
   * Worker threads deciding layers at once (default one per two available cores, see `defaultJobs`; 1: all in the
   * calling thread, which blocks either way). The bundle does not depend on it. In the default profile
   * without `allPairs` each layer needs the classes of the one before: the layers are decided in
   * order, each split between the threads by region.
   */
  jobs?: number;
  /**
   * Decide every pair (default profile), also those whose sample and region lie inside a class
   * carried from the previous certified layer (by default left undecided: their answers cannot
   * change a class; rule `carried`). The reference profile always decides every pair.
   */
  allPairs?: boolean;
  /**
   * Called every few thousand decisions: the layer, decisions made, decisions to make (with
   * `jobs` > 1 deciding whole layers at once, i.e. with `allPairs` or in the reference profile:
   * counted over all layers, and the first layer not yet complete).
   */
  onProgress?: (layer: number, done: number, total: number) => void;
}

/** What {@link certify} returns. */
export interface CertifyResult {
  /** Per certified layer: regions, decisions, gluings, classes (indices into the selected points), glued points. */
  layers: CertifiedLayer[];
  /** The bundle written. */
  bundlePath: string;
  /** Wall-clock seconds of the call. */
  seconds: number;
  /** Positions in the data file of the selected points (sample j is point `selected[j]`). */
  selected: number[];
  /** With `complex`: the complex, the data's own Betti numbers, cone/metric disagreements. */
  homology?: CertifyHomologyJson;
}

class CallbackProgress extends ProgressBar {
  private layerNo = 0;
  constructor(private readonly cb: (layer: number, done: number, total: number) => void) {
    super({ write: () => true }, false);
  }
  override startLayer(layer: number, index: number, count: number): void {
    this.layerNo = layer;
    super.startLayer(layer, index, count);
  }
  override setLayer(layer: number, index: number, count: number): void {
    this.layerNo = layer;
    super.setLayer(layer, index, count);
  }
  override update(done: number, total: number): void {
    this.cb(this.layerNo, done, total);
  }
}

/**
 * Certify: every decision Q(j, n) of the chosen layers with its certificate, the product-rule
 * gluings and the overlap classes, written as an `ohc-bundle/1` bundle (`certificates/FORMAT.md`).
 * Same as `ohc certify … --json`. Throws InputError / UsageError on bad inputs or options, or
 * when a journal of an interrupted run is in the way (pass `resume: true`).
 */
export function certify(options: CertifyOptions): CertifyResult {
  const layers = options.layers === undefined ? undefined : typeof options.layers === 'string' ? options.layers : options.layers.join(',');
  const run = runCertify(
    {
      model: options.model,
      data: options.data,
      labels: options.labels,
      class: options.class === undefined ? undefined : String(options.class),
      correct: options.correct,
      profile: options.profile,
      sensitivity: options.sensitivity,
      layers,
      out: options.out,
      resume: options.resume,
      complex: options.complex,
      quotient: options.quotient,
      field: options.field,
      maxDim: options.maxDim === undefined ? undefined : String(options.maxDim),
      jobs: options.jobs === undefined ? undefined : String(options.jobs),
      allPairs: options.allPairs,
    },
    options.onProgress === undefined ? { command: 'certify()' } : { command: 'certify()', progress: new CallbackProgress(options.onProgress) },
  );
  return { layers: run.layers, ...(run.homology === null ? {} : { homology: run.homology }), bundlePath: run.bundlePath, seconds: run.seconds, selected: [...run.inputs.selected] };
}

/** Input files to confirm against a bundle's header in {@link check}. */
export interface CheckInputs {
  model?: string;
  data?: string;
  labels?: string;
}

/** What {@link check} returns. */
export interface CheckResult {
  /** True iff the checker printed `s VERIFIED`. */
  verified: boolean;
  /** The checker's output, as `ohc check` prints it: `c …` lines, then one `s VERIFIED` / `s REJECTED`. */
  lines: string[];
  /** The rule that rejected the bundle (absent when verified). */
  rule?: string;
}

/**
 * Check a bundle with the independent checker (`src/checker/`), as `ohc check BUNDLE [--model F
 * --data F [--labels F]]` does: with `model` and `data` it also confirms the files' hashes and
 * that they hold exactly the embedded network and points. Throws InputError when the bundle or
 * an input file cannot be read, or when only one of model and data is given.
 */
export function check(bundlePath: string, inputs: CheckInputs = {}): CheckResult {
  if ((inputs.model === undefined) !== (inputs.data === undefined) || (inputs.labels !== undefined && inputs.model === undefined)) {
    throw new InputError(bundlePath, 'inputs', 'give model and data together (labels only with them)');
  }
  const args = [bundlePath];
  if (inputs.model !== undefined && inputs.data !== undefined) args.push('--model', inputs.model, '--data', inputs.data);
  if (inputs.labels !== undefined) args.push('--labels', inputs.labels);
  const lines: string[] = [];
  const errors: string[] = [];
  const code = checkCommand(args, (s) => lines.push(...s.split('\n')), (s) => errors.push(s));
  if (code === 2) throw new InputError(bundlePath, 'file', errors.join('; ').replace(/^ohc check: /, ''));
  const verified = code === 0;
  const rule = /^c rejected by rule ([a-z-]+) /.exec(lines.find((l) => l.startsWith('c rejected by rule ')) ?? '')?.[1];
  return { verified, lines, ...(verified || rule === undefined ? {} : { rule }) };
}

/** One decision Q(j, n), as {@link decide} returns it. */
export interface Decision {
  /** `yes` (a gluing candidate: another preimage exists), `no`, or `pinned` (only x_j itself). */
  answer: 'yes' | 'no' | 'pinned';
  /** The route that decided it (e.g. `same-image`, `dead-neuron`, `simplex`). */
  path: string;
  /** The certificate (witness point, Farkas vector or bounds), rationals as "p/q" strings. */
  certificate: unknown;
  /** True when the certificate was re-checked and holds (always expected). */
  holds: boolean;
}

/**
 * Decide Q(sample, region) at `layer` (1..L) for `points` as the network sees them (apply
 * {@link profilePoints} first for the reference profile): is there z ≠ x_j in the region with
 * Φ_n(z) = Φ(x_j)? Exact, with its certificate, checked. Recomputes the regions of all points
 * each call (use `ohc decide --all` or {@link certify} for whole layers).
 */
export function decide(net: Network, points: readonly (readonly Rat[])[], q: { layer: number; sample: number; region: number; profile?: Profile }): Decision {
  const layers = computeLayers(net, points, q.profile ?? 'default');
  const L = layers[q.layer - 1];
  if (L === undefined) throw new RangeError(`layer ${q.layer} is not within 1..${layers.length}`);
  const r = L.regions[q.region];
  const img = L.images[q.sample];
  const x = points[q.sample];
  if (r === undefined || img === undefined || x === undefined) throw new RangeError(`no region ${q.region} or sample ${q.sample} at layer ${q.layer}`);
  const ans = queryRegion(prepareRegion(net.inputDim, r.ineqA, r.ineqB, r.map.M, r.map.c, r.map.den), img.num, img.den, x);
  const why = verifyAnswer(rationalQuery(r.ineqA, r.ineqB, r.map.M, r.map.c, r.map.den, img.num, img.den), ans, x);
  const { answer, path, ...certificate } = answerToJson(ans) as { answer: 'yes' | 'no' | 'pinned'; path: string };
  return { answer, path, certificate, holds: why === undefined };
}
