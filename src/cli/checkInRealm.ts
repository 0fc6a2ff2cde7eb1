// checkInRealm.ts: `ohc check` in the current JavaScript realm: run the trusted checker, print c/s lines.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Header, type Verdict, check, parseBundleHeader } from '../checker/index.js';
import { setBundleLimits } from '../checker/parse.js';
import type { Rat } from '../checker/rational.js';
import { InputError } from '../io/inputError.js';
import { readInputFile } from '../io/readInputFile.js';
import { type ResourceLimits, currentLimits, fileByteLimit, limitHint, limitOptions, limitsFromOptions, withLimits } from '../io/limits.js';
import { loadDataset } from '../io/loadData.js';
import { loadModel } from '../io/loadModel.js';
import { profilePoints } from '../net/profile.js';
import { selectPoints } from '../net/select.js';

/** The usage line of `ohc check`. */
export const CHECK_USAGE =
  'usage: ohc check BUNDLE [[--model FILE] --data FILE [--labels FILE]] [--json]\n' +
  '                 [--max-file-bytes N] [--max-digits N] [--max-entries N] [--max-depth N]';
const USAGE = CHECK_USAGE;
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const eqRats = (a: readonly Rat[], b: readonly Rat[]): boolean => a.length === b.length && a.every((v, i) => v.eq(b[i] as Rat));

/** Why the input files do not match the bundle's header, or undefined (throws InputError on unreadable files). */
function inputsMismatch(h: Header, model: string | undefined, data: string, labels: string | undefined): string | undefined {
  if (model === undefined && h.inputs.model !== null) return 'the bundle records a model file: give --model too';
  const files: [string, string | undefined, string | undefined][] = [
    ['model', model, h.inputs.model?.sha256],
    ['data', data, h.inputs.data.sha256],
    ['labels', labels, h.inputs.labels?.sha256],
  ];
  for (const [name, file, want] of files) {
    if (file === undefined) continue;
    const bytes = readInputFile(file);
    if (want === undefined) return `--${name} given but the bundle records no ${name} file`;
    if (sha(bytes) !== want) return `sha256 of ${file} is ${sha(bytes)}, the bundle records ${want}`;
  }
  const net = model === undefined ? undefined : loadModel(model);
  const ds = loadDataset(data, labels === undefined ? {} : { labelsFile: labels });
  if (net !== undefined && (net.inputDim !== h.inputDim || net.layers.length !== h.network.length)) return 'the loaded network has another shape than the embedded one';
  for (const [i, L] of (net?.layers ?? []).entries()) {
    const E = h.network[i];
    if (E === undefined || L.relu !== E.relu || !eqRats(L.b, E.b) || L.W.length !== E.W.length || !L.W.every((r, k) => eqRats(r, E.W[k] ?? []))) {
      return `layer ${i + 1} of the loaded network differs from the embedded one`;
    }
  }
  const pts = profilePoints(ds.points, h.profile);
  for (const [j, i] of h.selection.indices.entries()) {
    const p = pts[i];
    if (p === undefined || !eqRats(p, h.points[j] ?? [])) return `point ${i} of ${data} (sample ${j}) differs from the embedded one`;
  }
  const { class: cls, correct } = h.selection;
  // without a network (ohc betti) the class selection is re-derived from the labels; a --correct
  // selection came from a model the bundle does not record, so there only the points are compared
  if (net === undefined && correct) return undefined;
  if (cls !== null && ds.labels === undefined) return `selection.class is ${cls}, but ${data} has no labels (give --labels)`;
  if (cls !== null || correct || labels !== undefined) {
    const sel = selectPoints(net ?? null, ds, { ...(cls === null ? {} : { class: cls }), correct, profile: h.profile });
    if (sel.join(',') !== h.selection.indices.join(',')) return 'the selection (class, correct) of the loaded files differs from selection.indices';
  }
  return undefined;
}

/**
 * Run `ohc check ARGS` in THIS realm (its built-ins as they are now); returns the exit code: 0
 * verified, 1 rejected, 2 usage error or unreadable input file. `ohc check` itself runs this in a
 * fresh realm (see `checkInFreshRealm`). The `--max-*` options (else `OHC_MAX_*`) set the limits:
 * `--max-file-bytes` caps the bundle and every input file (a larger bundle is REJECTED by rule
 * `limits`), `--max-digits` the digits of a bundle number, `--max-entries` the entries of a bundle
 * list (and, like `--max-depth`, what the input files may hold).
 */
export function checkInRealm(args: string[], out: (s: string) => void, err: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): number {
  let values: CheckValues & Record<string, unknown>;
  let positionals: string[];
  let limits: ResourceLimits;
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { model: { type: 'string' }, data: { type: 'string' }, labels: { type: 'string' }, json: { type: 'boolean' }, ...limitOptions } }));
    limits = { ...currentLimits(), ...limitsFromOptions(values, (o, v) => { throw new Error(`${o} must be a positive integer, got ${JSON.stringify(v)}`); }) };
  } catch (e) {
    err(`ohc check: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const file = positionals[0];
  // --data alone is for bundles without a network (ohc betti); --model needs --data, --labels needs --data
  if (file === undefined || positionals.length > 1 || (values.model !== undefined && values.data === undefined) || (values.labels !== undefined && values.data === undefined)) {
    err(USAGE);
    return 2;
  }
  return withLimits(limits, () => {
    const prev = setBundleLimits({ ...(limits.maxDigits === undefined ? {} : { maxDigits: limits.maxDigits }), ...(limits.maxEntries === undefined ? {} : { maxList: limits.maxEntries }) });
    try {
      return checkFile(file, values, out, err);
    } finally {
      setBundleLimits(prev);
    }
  });
}

/** The options of `ohc check` (strings as on the command line). */
interface CheckValues {
  model?: string | undefined;
  data?: string | undefined;
  labels?: string | undefined;
  json?: boolean | undefined;
}

function checkFile(file: string, values: CheckValues, out: (s: string) => void, err: (s: string) => void): number {
  const maxBytes = fileByteLimit();
  let bytes: Uint8Array;
  try {
    const st = statSync(file);
    if (st.isFile() && st.size > maxBytes) {
      const reason = `the bundle has ${st.size} bytes, more than the limit of ${maxBytes}${limitHint('maxFileBytes')}`;
      return report(file, new Uint8Array(0), { kind: 'rejected', rule: 'limits', step: { line: 0 }, reason }, values, out, st.size);
    }
    bytes = readFileSync(file);
  } catch (e) {
    err(`ohc check: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  let v: Verdict;
  v = check(bytes);
  if (v.kind === 'accepted' && values.data !== undefined) {
    try {
      const why = inputsMismatch(parseBundleHeader(bytes), values.model, values.data, values.labels);
      if (why !== undefined) v = { kind: 'rejected', rule: 'header', step: { line: 1 }, reason: `inputs: ${why}` };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      err(`ohc check: ${e.message}`);
      return 2;
    }
  }
  return report(file, bytes, v, values, out, bytes.length);
}

/** Print the verdict (c lines and one s line, or one JSON line); returns 0 accepted, 1 rejected. */
function report(file: string, bytes: Uint8Array, v: Verdict, values: { data?: string | undefined; json?: boolean | undefined }, out: (s: string) => void, size: number): number {
  const status = v.kind === 'accepted' ? 'VERIFIED' : 'REJECTED';
  const lines = bytes.reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
  const digest = bytes.length === size ? sha(bytes) : 'not computed (over the size limit)';
  if (values.json === true) {
    out(JSON.stringify({ status, bundle: file, bytes: size, lines, sha256: digest, inputsChecked: values.data !== undefined, verdict: v }));
    return v.kind === 'accepted' ? 0 : 1;
  }
  out(`c bundle ${file}: ${lines} lines, ${size} bytes, sha256 ${digest}`);
  if (v.kind === 'accepted') {
    out(`c ${v.samples} samples in dimension ${v.inputDim}, profile ${v.profile}, inputs ${values.data === undefined ? 'not checked (no --model/--data)' : 'match the bundle'}`);
    for (const l of v.layers) {
      const by = Object.entries(l.settled).filter(([, n]) => n > 0).map(([r, n]) => `${r} ${n}`).join(', ');
      out(`c layer ${l.layer}: ${l.regions} regions, ${l.pairs} pairs (${by}), ${l.gluings} gluings, ${l.classes} classes`);
    }
    const hom = v.homology;
    if (hom !== null) out(`c complex ${hom.spec}, field ${hom.field}, maxDim ${hom.maxDim}, tieChoices ${hom.tieChoices}`);
    for (const t of hom?.targets ?? []) out(`c betti layer ${t.layer} ${t.quotient}: ${t.betti.join(' ')} (${t.steps} reduction steps; simplices ${t.simplices.join(' ')})`);
  } else {
    const s = v.step;
    const where = [`line ${s.line}`, ...(s.layer === undefined ? [] : [`layer ${s.layer}`]), ...(s.region === undefined ? [] : [`region ${s.region}`]), ...(s.sample === undefined ? [] : [`sample ${s.sample}`]), ...(s.quotient === undefined ? [] : [`quotient ${s.quotient}`]), ...(s.dim === undefined ? [] : [`dim ${s.dim}`]), ...(s.index === undefined ? [] : [`index ${s.index}`])];
    out(`c rejected by rule ${v.rule} at ${where.join(', ')}: ${v.reason}`);
    if (v.trace !== undefined) out(`c trace: ${v.trace}`);
  }
  out(`s ${status}`);
  return v.kind === 'accepted' ? 0 : 1;
}
