// certifyCommand.ts: `ohc certify`: the certified overlap decomposition, written as an ohc-bundle/1 bundle.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Rat } from '../checker/rational.js';
import { InputError } from '../io/inputError.js';
import { ratFromDecimal } from '../numbers/ratFromDecimal.js';
import { bundleHeader, bundleInputFile } from '../overlap/bundleHeader.js';
import { BundleWriter } from '../overlap/bundleWriter.js';
import { type LayerOverlap, overlapDecomposition } from '../overlap/overlapDecomposition.js';
import { loadAnalysisInputs, selectionOptions } from './analysisInputs.js';
import { describeSelection } from './regionsCommand.js';
import { UsageError } from './usageError.js';

/** One layer of `ohc certify --json`. */
export interface CertifyLayerJson {
  layer: number;
  regions: number;
  decisions: number;
  gluings: number;
  /** Overlap classes: indices into the selected points (input order), ascending, ordered by first sample. */
  classes: number[][];
  gluedPoints: number;
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

/**
 * Run `ohc certify ARGS`: decide every Q(j, n) of the chosen layers, glue by the product rule,
 * print the per-layer table (or `--json`), and write the certificate bundle to `--out`
 * (atomically: a temporary file in the same folder, renamed when complete). Returns the exit
 * code; throws UsageError / InputError (exit 2) for bad options, inputs or an unwritable `--out`.
 */
export function certifyCommand(args: string[], out: (s: string) => void): number {
  const { values } = parseArgs({
    args,
    options: { ...selectionOptions, sensitivity: { type: 'string' }, layers: { type: 'string' }, out: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.out === undefined) throw new UsageError('--out BUNDLE is required');
  const profile = values.profile ?? 'default';
  if (values.sensitivity !== undefined && profile !== 'reference') {
    throw new UsageError('--sensitivity applies to --profile reference only (the default profile never prunes)');
  }
  const sensitivity = profile === 'reference' ? parseSensitivity(values.sensitivity ?? '1') : null;
  const inp = loadAnalysisInputs(values);
  const L = inp.net.layers.length;
  const layers = values.layers === undefined ? Array.from({ length: L }, (_, i) => i + 1) : parseLayerSpec(values.layers, L);
  const outPath = values.out;
  if (isDirectory(outPath)) throw new InputError(outPath, '--out', 'is a folder; give the bundle file name');
  let writer: BundleWriter;
  try {
    writer = new BundleWriter(outPath);
  } catch (e) {
    throw new InputError(outPath, '--out', `cannot write the bundle here (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const json = values.json === true;
  const tty = !json && process.stderr.isTTY === true;
  const t0 = process.hrtime.bigint();
  let result: LayerOverlap[];
  try {
    writer.record(
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
        layers,
        net: inp.net,
        points: inp.points,
      }),
    );
    let last = 0;
    result = overlapDecomposition(
      inp.net,
      inp.points,
      { profile: inp.profile, layers, sensitivity },
      {
        record: (line) => writer.record(line),
        ...(tty
          ? {
              progress: (l: number, done: number, total: number) => {
                const now = Date.now();
                if (now - last < 1000) return;
                last = now;
                process.stderr.write(`\r  layer ${l}: ${done}/${total} decisions`);
              },
            }
          : {}),
      },
    );
    writer.finish();
    if (tty && last !== 0) process.stderr.write('\r\x1b[K');
  } catch (e) {
    writer.abort();
    if (tty) process.stderr.write('\n');
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new InputError(outPath, '--out', `writing the bundle failed (${code})`);
    throw e;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rows: CertifyLayerJson[] = result.map((r) => ({
    layer: r.layer,
    regions: r.regions,
    decisions: r.decisions,
    gluings: r.gluings,
    classes: r.classes,
    gluedPoints: r.gluedPoints,
  }));
  if (json) {
    out(JSON.stringify({ layers: rows, bundle: outPath, seconds }));
    return 0;
  }
  out(describeSelection(inp) + (sensitivity === null ? '' : `, sensitivity ${sensitivity.toString()}`));
  out('layer  regions  decisions  gluings  classes  points glued  seconds');
  rows.forEach((r, i) => {
    const secs = (result[i] as LayerOverlap).seconds.toFixed(1);
    out(
      `${String(r.layer).padStart(5)}  ${String(r.regions).padStart(7)}  ${String(r.decisions).padStart(9)}  ${String(r.gluings).padStart(7)}  ${String(r.classes.length).padStart(7)}  ${String(r.gluedPoints).padStart(12)}  ${secs.padStart(7)}`,
    );
  });
  out(`bundle ${outPath}: ${writer.records + 1} records, ${formatBytes(writer.bytes)}; ${seconds.toFixed(1)} s`);
  return 0;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
