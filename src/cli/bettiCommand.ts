// bettiCommand.ts: `ohc betti`: certified Betti numbers of a complex on the selected samples.
import { parseArgs } from 'node:util';
import type { Field } from '../homology/computeBetti.js';
import { type ComplexSpec, describeComplexSpec, parseComplexSpec } from '../homology/complexSpec.js';
import { type HomologySummary, homologyRecords } from '../homology/homologyRecords.js';
import { InputError } from '../io/inputError.js';
import { bundleHeader, bundleInputFile } from '../overlap/bundleHeader.js';
import { BundleWriter } from '../overlap/bundleWriter.js';
import { type DataInputs, loadDataInputs, selectionOptions } from './analysisInputs.js';
import { UsageError, parseIndex } from './usageError.js';
import { assertBundleOutPath } from '../util/bundleOutPath.js';

/** Largest `--max-dim` accepted (b_0..b_D; the complexes here never need more). */
export const MAX_BETTI_DIM = 16;

/** `ohc betti --json` output. */
export interface BettiJson {
  betti: number[];
  field: Field;
  maxDim: number;
  complex: string;
  points: number;
  vertices: number;
  edges: number | null;
  simplices: number | null;
  tieChoices: number;
  stats: Record<string, number>;
  bundle: string | null;
  seconds: number;
}

/** Parse `--max-dim`: an integer 0..{@link MAX_BETTI_DIM}, default 1. */
export function parseMaxDim(text: string | undefined): number {
  const d = parseIndex('max-dim', text) ?? 1;
  if (d > MAX_BETTI_DIM) throw new UsageError(`--max-dim must be at most ${MAX_BETTI_DIM}, got ${d}`);
  return d;
}

/** Parse `--field`: `gf2` (default) or `q`. */
export function parseField(text: string | undefined): Field {
  if (text === undefined || text === 'gf2') return 'gf2';
  if (text === 'q') return 'q';
  throw new UsageError(`--field must be gf2 or q, got ${JSON.stringify(text)}`);
}

function describeInputs(inp: DataInputs): string {
  const parts = [`${inp.points.length} of ${inp.data.points.length} points`];
  if (inp.classLabel !== undefined) parts.push(`class ${inp.classLabel}`);
  if (inp.correct) parts.push('correctly classified');
  return `${parts.join(', ')}; profile ${inp.profile}`;
}

/**
 * Run `ohc betti ARGS`: build the complex `--complex SPEC` on the selected samples (no network
 * needed; `--correct` needs `--model`), certify its Betti numbers b_0..b_D over `--field`, print
 * a short table (or `--json`: `{ "betti": [...], ... }`) and, with `--out`, write an
 * `ohc-bundle/1` of homology records only (header with `network: null`, `layers: []`).
 * Returns the exit code; throws UsageError / InputError (exit 2).
 */
export function bettiCommand(args: string[], out: (s: string) => void): number {
  const { values } = parseArgs({
    args,
    options: { ...selectionOptions, complex: { type: 'string' }, field: { type: 'string' }, 'max-dim': { type: 'string' }, out: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.complex === undefined) throw new UsageError('--complex SPEC is required (knn-rips:k=K,eps=E, rips:eps2=E or file:PATH)');
  const field = parseField(values.field);
  const maxDim = parseMaxDim(values['max-dim']);
  const outPath = values.out ?? null;
  if (outPath !== null) assertBundleOutPath(outPath);
  const spec: ComplexSpec = parseComplexSpec(values.complex);
  const inp = loadDataInputs(values);
  if (spec.kind === 'file' && spec.vertices !== inp.points.length) {
    throw new UsageError(`--complex file:${spec.path} has ${spec.vertices} vertices, but ${inp.points.length} samples are selected`);
  }
  let writer: BundleWriter | null = null;
  if (outPath !== null) {
    try {
      writer = new BundleWriter(outPath);
    } catch (e) {
      throw new InputError(outPath, '--out', `cannot write the bundle here (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  let summary: HomologySummary;
  try {
    writer?.record(
      bundleHeader({
        inputs: {
          // FORMAT.md section 3: a bundle without a network records no model (with --correct the
          // selection came from one; the checker does not re-derive selections).
          model: null,
          data: bundleInputFile(inp.dataFile),
          labels: values.labels === undefined ? null : bundleInputFile(values.labels),
        },
        classLabel: inp.classLabel,
        correct: inp.correct,
        selected: inp.selected,
        profile: inp.profile,
        sensitivity: null,
        layers: [],
        net: null,
        points: inp.points,
      }),
    );
    const w = writer;
    summary = homologyRecords(inp.points, spec, field, maxDim, [], [], w === null ? { onRecord: () => undefined } : { onRecord: (r) => w.record(r) }).summary;
    writer?.finish();
  } catch (e) {
    writer?.abort();
    const code = (e as NodeJS.ErrnoException).code;
    if (outPath !== null && typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new InputError(outPath, '--out', `writing the bundle failed (${code})`);
    throw e;
  }
  const t = summary.targets[0]!;
  const doc: BettiJson = {
    betti: t.betti,
    field,
    maxDim,
    complex: describeComplexSpec(spec),
    points: inp.points.length,
    vertices: t.size.vertices,
    edges: t.size.edges ?? null,
    simplices: t.size.simplices ?? null,
    tieChoices: summary.tieChoices,
    stats: t.stats,
    bundle: outPath,
    seconds: summary.seconds,
  };
  if (values.json === true) {
    out(JSON.stringify(doc));
    return 0;
  }
  out(describeInputs(inp));
  out(`complex ${doc.complex}; field ${field === 'gf2' ? 'GF(2)' : 'Q'}`);
  const reduced = `${t.stats['reducedVertices'] ?? doc.vertices} / ${t.stats['reducedEdges'] ?? doc.edges ?? '-'}`;
  out(`vertices  ${doc.edges === null ? 'simplices' : '    edges'}  after reduction (v / e)  tie choices  betti`);
  out(`${String(doc.vertices).padStart(8)}  ${String(doc.edges ?? doc.simplices).padStart(9)}  ${reduced.padStart(23)}  ${String(doc.tieChoices).padStart(11)}  ${doc.betti.join(' ')}`);
  out(`${outPath === null ? '' : `bundle ${outPath}; `}${summary.seconds.toFixed(1)} s (complex ${summary.buildSeconds.toFixed(1)} s, homology ${t.seconds.toFixed(1)} s)`);
  return 0;
}
