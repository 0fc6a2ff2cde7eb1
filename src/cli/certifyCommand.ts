// certifyCommand.ts: `ohc certify`: the certified overlap decomposition, written as an ohc-bundle/1 bundle.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Rat } from '../checker/rational.js';
import { InputError } from '../io/inputError.js';
import { ratFromDecimal } from '../numbers/ratFromDecimal.js';
import type { JournalCheckpoint } from '../journal/journal.js';
import { JournaledBundle } from '../journal/journaledBundle.js';
import { bundleHeader, bundleInputFile } from '../overlap/bundleHeader.js';
import { overlapDecomposition } from '../overlap/overlapDecomposition.js';
import type { Field } from '../homology/computeBetti.js';
import { type ComplexSpec, describeComplexSpec, parseComplexSpec } from '../homology/complexSpec.js';
import { type HomologySummary, type Quotient, homologyRecords, normaliseQuotients } from '../homology/homologyRecords.js';
import { parseField, parseMaxDim } from './bettiCommand.js';
import { type AnalysisInputs, loadAnalysisInputs, selectionOptions } from './analysisInputs.js';
import { ProgressBar } from './progress.js';
import { describeSelection } from './regionsCommand.js';
import { UsageError } from './usageError.js';
import { defaultJobs } from './defaultJobs.js';
import { assertBundleOutPath } from '../util/bundleOutPath.js';

/** One layer of `ohc certify --json`. */
export interface CertifyLayerJson {
  layer: number;
  regions: number;
  decisions: number;
  /** Pairs not decided because they lie inside a class carried from the previous certified layer (rule `carried`; 0 with `--all-pairs`). */
  skipped: number;
  gluings: number;
  /** Overlap classes: indices into the selected points (input order), ascending, ordered by first sample. */
  classes: number[][];
  gluedPoints: number;
  /** Certified Betti numbers b_0..b_D of this layer's quotients (with `--complex`). */
  betti?: { cone?: number[]; metric?: number[] };
}

/** The homology part of `ohc certify --json` (with `--complex`). */
export interface CertifyHomologyJson {
  complex: string;
  field: Field;
  maxDim: number;
  quotients: Quotient[];
  /** Betti numbers of the complex on the samples itself (layer 0). */
  data: number[];
  tieChoices: number;
  /** Layers where the cone and metric quotients have different Betti numbers. */
  disagreements: { layer: number; cone: number[]; metric: number[] }[];
  seconds: number;
}

/**
 * Parse a layer list such as `1-10` or `3,5,7-9` into strictly increasing layers within 1..L.
 * Throws UsageError on bad syntax, out-of-range layers or repeats.
 */
export function parseLayerSpec(spec: string, L: number): number[] {
  const set = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^([1-9][0-9]{0,5})(?:-([1-9][0-9]{0,5}))?$/.exec(part);
    if (m === null) throw new UsageError(`--layers: bad item ${JSON.stringify(part)} (expected e.g. 1-10 or 3,5,7-9)`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new UsageError(`--layers: empty range ${part}`);
    if (b > L) throw new UsageError(`--layers: layer ${b} is beyond the last layer ${L}`);
    for (let l = a; l <= b; l++) {
      if (set.has(l)) throw new UsageError(`--layers: layer ${l} given twice`);
      set.add(l);
    }
  }
  return [...set].sort((x, y) => x - y);
}

/** Parse `--sensitivity`: a positive rational "p/q" or decimal ("0.5", "1e-3"). */
export function parseSensitivity(text: string): Rat {
  let s: Rat;
  try {
    s = /^-?[0-9]+\/[0-9]+$/.test(text) ? Rat.parse(text, { canonicalOnly: false, maxDigits: 1000 }) : ratFromDecimal(text, { maxDigits: 100, maxExponent: 100 });
  } catch {
    throw new UsageError(`--sensitivity must be a positive rational or decimal, got ${JSON.stringify(text)}`);
  }
  if (s.n <= 0n) throw new UsageError(`--sensitivity must be positive, got ${JSON.stringify(text)}`);
  return s;
}

/** The options of one certify run, as `ohc certify` parses them (strings as on the command line). */
export interface CertifyValues {
  model?: string | undefined;
  data?: string | undefined;
  labels?: string | undefined;
  class?: string | undefined;
  correct?: boolean | undefined;
  profile?: string | undefined;
  sensitivity?: string | undefined;
  layers?: string | undefined;
  out?: string | undefined;
  /** Continue an interrupted run from its journal `OUT.journal`. */
  resume?: boolean | undefined;
  /** The complex on the samples (`knn-rips:k=K,eps=E`, `rips:eps2=E`, `file:PATH`): adds per-layer quotient Betti numbers. */
  complex?: string | undefined;
  /** Quotient constructions: `cone` (default), `metric`, or `cone,metric`. */
  quotient?: string | undefined;
  /** `gf2` (default) or `q`. */
  field?: string | undefined;
  /** Highest Betti dimension D (default 1). */
  maxDim?: string | undefined;
  /** Worker threads (default one per two cores, see `defaultJobs`; 1: in this thread): each layer split by region, or with `allPairs` and in the reference profile whole layers at once. */
  jobs?: string | undefined;
  /**
   * Decide every pair, also those inside a class carried from the previous certified layer
   * (default profile; the reference profile always does). Layers can then be decided at once on
   * the `jobs` threads.
   */
  allPairs?: boolean | undefined;
}

/** Parse `--jobs`: a positive integer (at most 256). */
export function parseJobs(text: string | undefined): number {
  if (text === undefined) return defaultJobs();
  if (!/^[1-9][0-9]{0,2}$/.test(text) || Number(text) > 256) throw new UsageError(`--jobs must be an integer from 1 to 256, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** The homology options of a certify run, parsed. */
interface HomologyPlan {
  spec: ComplexSpec;
  text: string;
  field: Field;
  maxDim: number;
  quotients: Quotient[];
}

/** Parse `--quotient`: a comma list of cone and metric. */
export function parseQuotients(text: string | undefined): Quotient[] {
  if (text === undefined) return ['cone'];
  const qs = text.split(',');
  for (const q of qs) if (q !== 'cone' && q !== 'metric') throw new UsageError(`--quotient must be cone, metric or cone,metric, got ${JSON.stringify(text)}`);
  if (new Set(qs).size !== qs.length) throw new UsageError(`--quotient lists a construction twice: ${JSON.stringify(text)}`);
  return qs as Quotient[];
}

function homologyPlan(values: CertifyValues): HomologyPlan | null {
  if (values.complex === undefined) {
    for (const [k, v] of [['--quotient', values.quotient], ['--field', values.field], ['--max-dim', values.maxDim]] as const) {
      if (v !== undefined) throw new UsageError(`${k} needs --complex SPEC`);
    }
    return null;
  }
  const spec = parseComplexSpec(values.complex);
  return { spec, text: values.complex, field: parseField(values.field), maxDim: parseMaxDim(values.maxDim), quotients: normaliseQuotients(parseQuotients(values.quotient), spec) };
}

/** Where a certify run reports: the progress bar and notices for the user (stderr). */
export interface CertifyReporting {
  readonly progress?: ProgressBar;
  readonly notice?: (line: string) => void;
  /** The command line, kept in the journal for messages. */
  readonly command?: string;
}

/** What a certify run produced. */
export interface CertifyRun {
  readonly inputs: AnalysisInputs;
  readonly sensitivity: Rat | null;
  /** One row per certified layer, as `--json` prints them (resumed layers included). */
  readonly layers: CertifyLayerJson[];
  /** Seconds per layer (for resumed layers: as the interrupted run measured them). */
  readonly layerSeconds: number[];
  readonly bundlePath: string;
  /** Records of the bundle, the `end` record included, and its size in bytes. */
  readonly records: number;
  readonly bytes: number;
  /** Layers taken from the journal of an interrupted run (0 for a fresh run). */
  readonly resumedLayers: number;
  /** The homology part (with `--complex`), else null. */
  readonly homology: CertifyHomologyJson | null;
  /** Wall-clock seconds of this run. */
  readonly seconds: number;
}

/** What a phase of a certify run sees: where its records go, checkpoints, what a resumed run already did. */
export interface PhaseContext {
  readonly inputs: AnalysisInputs;
  record(line: string): void;
  /** Journal that `step` is complete; `state` (JSON data) is what a resumed run needs to go on. */
  checkpoint(step: string, state: unknown): void;
  /** The steps (and states) an interrupted run completed, in order. */
  readonly resumed: readonly JournalCheckpoint[];
  readonly progress: ProgressBar;
}

/** The state journaled after each certified layer. */
interface LayerState {
  row: CertifyLayerJson;
  seconds: number;
}

/**
 * Phase 1 of certify: the layer records (FORMAT.md section 2), one checkpoint per layer. Layers
 * done by an interrupted run are taken from the journal and their classes carried forward.
 * (Later phases, e.g. homology records, append after it and checkpoint their own steps.)
 */
function layersPhase(ctx: PhaseContext, layers: readonly number[], sensitivity: Rat | null, jobs: number, skipCarried: boolean): { rows: CertifyLayerJson[]; seconds: number[] } {
  const rows: CertifyLayerJson[] = [];
  const seconds: number[] = [];
  for (const c of ctx.resumed) {
    const st = c.state as LayerState;
    if (!c.step.startsWith('layer ') || st?.row?.layer !== layers[rows.length]) break;
    rows.push(st.row);
    seconds.push(st.seconds);
  }
  const todo = layers.slice(rows.length);
  if (todo.length === 0) return { rows, seconds };
  const inp = ctx.inputs;
  let shown = 0;
  overlapDecomposition(
    inp.net,
    inp.points,
    { profile: inp.profile, layers: todo, sensitivity, carried: rows.at(-1)?.classes ?? [], jobs, skipCarried },
    {
      record: (line) => ctx.record(line),
      layerStart: (l) => {
        shown = l;
        ctx.progress.startLayer(l, layers.indexOf(l) + 1, layers.length);
      },
      progress: (l, done, total) => {
        // with worker threads the counts run over all layers: the label follows the first layer not yet done
        if (l !== shown) {
          shown = l;
          ctx.progress.setLayer(l, layers.indexOf(l) + 1, layers.length);
        }
        ctx.progress.update(done, total);
      },
      layerDone: (r) => {
        const row: CertifyLayerJson = { layer: r.layer, regions: r.regions, decisions: r.decisions, skipped: r.carried, gluings: r.gluings, classes: r.classes, gluedPoints: r.gluedPoints };
        rows.push(row);
        seconds.push(r.seconds);
        ctx.checkpoint(`layer ${r.layer}`, { row, seconds: r.seconds } satisfies LayerState);
      },
    },
  );
  return { rows, seconds };
}

/**
 * Certify: load and select the inputs, write the bundle `values.out` with its journal
 * `OUT.journal` (a checkpoint after every layer; with `resume`, continue an interrupted run from
 * its last checkpoint, producing the same bytes as an uninterrupted run), and return the
 * per-layer rows. Throws UsageError / InputError (exit 2) for bad options or inputs, an unwritable
 * `--out`, or a journal that is in the way or belongs to other inputs. When the run fails after
 * a checkpoint, the journal and the temporary file are kept for `--resume`.
 */
export function runCertify(values: CertifyValues, rep: CertifyReporting = {}): CertifyRun {
  if (values.out === undefined) throw new UsageError('--out BUNDLE is required');
  const profile = values.profile ?? 'default';
  if (values.sensitivity !== undefined && profile !== 'reference') {
    throw new UsageError('--sensitivity applies to --profile reference only (the default profile never prunes)');
  }
  const sensitivity = profile === 'reference' ? parseSensitivity(values.sensitivity ?? '1') : null;
  const jobs = parseJobs(values.jobs);
  // the default profile leaves pairs inside carried classes undecided (rule `carried`); the
  // reference profile decides every pair, as the reference does
  const skipCarried = profile === 'default' && values.allPairs !== true;
  const plan = homologyPlan(values);
  const inp = loadAnalysisInputs(values);
  if (plan !== null && plan.spec.kind === 'file' && plan.spec.vertices !== inp.points.length) {
    throw new UsageError(`--complex ${plan.text} has ${plan.spec.vertices} vertices, but ${inp.points.length} samples are selected`);
  }
  const L = inp.net.layers.length;
  const layers = values.layers === undefined ? Array.from({ length: L }, (_, i) => i + 1) : parseLayerSpec(values.layers, L);
  const outPath = values.out;
  assertBundleOutPath(outPath);
  const progress = rep.progress ?? new ProgressBar({ write: () => true }, false);
  const notice = rep.notice ?? (() => undefined);
  const t0 = process.hrtime.bigint();
  const header = JSON.stringify(
    bundleHeader({
      inputs: {
        model: bundleInputFile(inp.modelFile),
        data: bundleInputFile(inp.dataFile),
        labels: values.labels === undefined ? null : bundleInputFile(values.labels),
      },
      classLabel: inp.classLabel,
      correct: inp.correct,
      selected: inp.selected,
      profile: inp.profile,
      sensitivity,
      skipCarried,
      layers,
      net: inp.net,
      points: inp.points,
    }),
  );
  // everything that determines the bundle's bytes: the header (inputs, selection, profile,
  // options, layers, network, points), plus the options of the homology phase
  const phases = plan === null ? { phases: ['layers'] } : { phases: ['layers', 'homology'], complex: plan.spec.kind === 'file' ? { ...plan.spec } : complexSpecKey(plan.spec), field: plan.field, maxDim: plan.maxDim, quotients: plan.quotients };
  const fingerprint = createHash('sha256').update(`${header}\n${JSON.stringify(phases)}`).digest('hex');
  let jb: JournaledBundle;
  try {
    jb = JournaledBundle.open(outPath, { fingerprint, resume: values.resume === true, command: rep.command ?? 'ohc certify' }, (record) => record(header));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(outPath, '--out', `cannot write the bundle here (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const resumedLayers = jb.resumed.filter((c) => c.step.startsWith('layer ')).length;
  if (resumedLayers > 0) notice(`ohc certify: resuming from ${jb.journalPath}: ${resumedLayers} of ${layers.length} layers done (last: ${(jb.resumed.at(-1) as JournalCheckpoint).step})`);
  else notice(`ohc certify: journal ${jb.journalPath}; if the run is interrupted (Ctrl-C, kill), rerun the same command with --resume to continue`);
  const ctx: PhaseContext = {
    inputs: inp,
    record: (line) => jb.record(line),
    checkpoint: (step, state) => jb.checkpoint(step, state),
    resumed: jb.resumed,
    progress,
  };
  let phase: { rows: CertifyLayerJson[]; seconds: number[] };
  let homology: CertifyHomologyJson | null = null;
  try {
    // The phases, in bundle order. A later phase (e.g. the homology records of FORMAT.md section 3)
    // goes after this one: it writes through ctx.record, checkpoints its own steps (keys not
    // starting with 'layer '), skips those found in ctx.resumed, and adds its options to the
    // fingerprint above so that a journal made with other options is refused.
    phase = layersPhase(ctx, layers, sensitivity, jobs, skipCarried);
    // Phase 2 (with --complex): the homology records (FORMAT.md section 3). It takes seconds,
    // so it has no checkpoint of its own: a resumed run redoes it after the last layer.
    if (plan !== null) homology = homologyPhase(ctx, plan, phase.rows);
    jb.finish();
    progress.clear();
  } catch (e) {
    progress.clear();
    if (jb.checkpoints > 0) {
      jb.keep();
      notice(`ohc certify: stopped; ${jb.journalPath} keeps ${jb.checkpoints} completed step${jb.checkpoints === 1 ? '' : 's'}: rerun the same command with --resume to continue`);
    } else {
      jb.abort();
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new InputError(outPath, '--out', `writing the bundle failed (${code})`);
    throw e;
  }
  return {
    inputs: inp,
    sensitivity,
    layers: phase.rows,
    layerSeconds: phase.seconds,
    bundlePath: outPath,
    records: jb.records + 1,
    bytes: jb.bytes,
    resumedLayers,
    homology,
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
  };
}

/** The exact values of a complex spec, for the fingerprint (rationals as strings). */
function complexSpecKey(spec: ComplexSpec): object {
  return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, typeof v === 'object' && v !== null ? String(v) : v]));
}

/**
 * Phase 2 of certify: the complex on the samples, its quotient by each certified layer's
 * classes, and their certified Betti numbers (records of FORMAT.md section 3). Adds `betti` to
 * each layer row and returns the homology summary.
 */
function homologyPhase(ctx: PhaseContext, plan: HomologyPlan, rows: CertifyLayerJson[]): CertifyHomologyJson {
  const t0 = performance.now();
  const { summary } = homologyRecords(
    ctx.inputs.points,
    plan.spec,
    plan.field,
    plan.maxDim,
    plan.quotients,
    rows.map((r) => ({ layer: r.layer, classes: r.classes })),
    { onRecord: (rec) => ctx.record(JSON.stringify(rec)) },
  );
  for (const t of summary.targets) {
    if (t.quotient === 'none') continue;
    const row = rows.find((r) => r.layer === t.layer);
    if (row !== undefined) row.betti = { ...row.betti, [t.quotient]: t.betti };
  }
  return {
    complex: describeComplexSpec(plan.spec),
    field: plan.field,
    maxDim: plan.maxDim,
    quotients: plan.quotients,
    data: summary.targets[0]?.betti ?? [],
    tieChoices: summary.tieChoices,
    disagreements: summary.disagreements,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** The Betti part of a table row: `cone` and/or `metric` numbers, `-` when absent. */
function bettiCells(r: CertifyLayerJson, qs: readonly Quotient[]): string {
  return qs.map((q) => `  ${(r.betti?.[q]?.join(' ') ?? '-').padStart(12)}`).join('');
}

function homologyLines(h: CertifyHomologyJson): string[] {
  const lines = [`complex ${h.complex}; field ${h.field === 'gf2' ? 'GF(2)' : 'Q'}; Betti numbers b_0..b_${h.maxDim}; tie choices ${h.tieChoices}; data itself: ${h.data.join(' ')}`];
  if (h.quotients.length === 2) {
    lines.push(h.disagreements.length === 0 ? 'cone and metric quotients agree at every layer' : `cone and metric quotients differ at layer${h.disagreements.length === 1 ? '' : 's'} ${h.disagreements.map((d) => d.layer).join(', ')}`);
  }
  return lines;
}

/**
 * Run `ohc certify ARGS`: decide every Q(j, n) of the chosen layers, glue by the product rule,
 * print the per-layer table (or `--json`), and write the certificate bundle to `--out`
 * (atomically: a temporary file in the same folder, renamed when complete; a journal
 * `OUT.journal` beside it until then, so that `--resume` continues an interrupted run). A
 * progress bar goes to stderr when it is a terminal (not with `--quiet`). Returns the exit
 * code; throws UsageError / InputError (exit 2) for bad options, inputs or an unwritable `--out`.
 */
export function certifyCommand(args: string[], out: (s: string) => void, err: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): number {
  const { values } = parseArgs({
    args,
    options: {
      ...selectionOptions,
      sensitivity: { type: 'string' },
      layers: { type: 'string' },
      out: { type: 'string' },
      resume: { type: 'boolean' },
      quiet: { type: 'boolean' },
      complex: { type: 'string' },
      quotient: { type: 'string' },
      field: { type: 'string' },
      'max-dim': { type: 'string' },
      jobs: { type: 'string' },
      'all-pairs': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const tty = values.quiet !== true && process.stderr.isTTY === true;
  const progress = new ProgressBar(process.stderr, tty);
  const run = runCertify({ ...values, maxDim: values['max-dim'], allPairs: values['all-pairs'] }, {
    progress,
    // notices go to stderr: always when resuming or stopping, the journal hint only on a terminal
    notice: (line) => {
      if (values.quiet === true) return;
      if (!tty && line.includes('if the run is interrupted')) return;
      err(line);
    },
    command: `ohc certify ${args.join(' ')}`,
  });
  const rows = run.layers;
  if (values.json === true) {
    out(JSON.stringify({ layers: rows, ...(run.homology === null ? {} : { homology: run.homology }), bundle: run.bundlePath, seconds: run.seconds }));
    return 0;
  }
  out(describeSelection(run.inputs) + (run.sensitivity === null ? '' : `, sensitivity ${run.sensitivity.toString()}`));
  const qs = run.homology?.quotients ?? [];
  out(`layer  regions  decisions  in class  gluings  classes  points glued  seconds${qs.map((q) => `  ${`betti ${q}`.padStart(12)}`).join('')}`);
  rows.forEach((r, i) => {
    const secs = (run.layerSeconds[i] ?? 0).toFixed(1);
    out(
      `${String(r.layer).padStart(5)}  ${String(r.regions).padStart(7)}  ${String(r.decisions).padStart(9)}  ${String(r.skipped).padStart(8)}  ${String(r.gluings).padStart(7)}  ${String(r.classes.length).padStart(7)}  ${String(r.gluedPoints).padStart(12)}  ${secs.padStart(7)}${bettiCells(r, qs)}`,
    );
  });
  if (run.homology !== null) for (const line of homologyLines(run.homology)) out(line);
  out(`bundle ${run.bundlePath}: ${run.records} records, ${formatBytes(run.bytes)}; ${run.seconds.toFixed(1)} s`);
  return 0;
}


/** A size in B, KiB or MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
