// fuzz.ts: `npm run fuzz [-- --count N --seed S --di-rate R --verbose]`: a mutation campaign against the trusted checker.
//
// Each mutant is one good golden bundle with exactly one random mutation of one field kind (see KINDS).
// After the mutation the `end` record is recomputed (records count and sha256), so a rejection must
// come from a real rule, except for mutations that target the end record itself (an `end.records`
// count, or a line mutation of the end line), which keep the mutated end record as is.
//
// Outcome of one mutant:
//  - rejected: `check` returned a rejection that names a rule (counted by rule);
//  - internal: a rejection produced by check's catch-all ("cannot check: ..."): an unexpected exception
//    inside the checker masked as rule `parse` (counted as a failure, like a crash);
//  - accepted-identical: accepted, and the mutant's claims equal the original's (see `claims`):
//    the header apart from `tool` (informational) and `inputs` (bound only by `ohc check --model/--data`;
//    never mutated here), every layer's region count, class lists and gluings, every explicit decision's
//    answer (yes / no / pinned per layer, region, sample), and the checker's accepted stats apart from
//    `records` and `sha256` (pairs, how many pairs each rule settled, gluings, classes per layer);
//  - accepted-rebound: accepted, the claims differ only through the header's network, points, selection,
//    layers, profile or options (the mutant is a consistent bundle of *another* input: `check` without
//    input files cannot tell), and (1) `ohc check MUTANT --model F --data F [--labels F]` with the
//    golden's inputs (expected.json) rejects it by rule `header`, and (2) except for the D-I bundle, the
//    untrusted certifier (overlapDecomposition) run on the mutant's embedded network and points derives
//    the same regions, class lists and gluings as the mutant claims;
//  - false accept: accepted with any other claim difference, or a rebound mutant failing (1) or (2);
//  - crash: `check` threw (it must return a verdict);
//  - slow: one check took more than 5 s (measured in process; a true infinite loop would stop the run).
// A mutation that leaves the bytes unchanged (e.g. a class member added that is already there) is re-drawn.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Verdict, check, parseBundleHeader } from '../../src/checker/index.js';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { overlapDecomposition } from '../../src/overlap/overlapDecomposition.js';
import { prng } from './prng.js';

export const KINDS = ['number', 'index', 'count', 'classes', 'sparse', 'reorder', 'header', 'line'] as const;
export type Kind = (typeof KINDS)[number];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];


type Rng = () => number;
const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[int(rng, xs.length)] as T;
}

const RAT = /^(-?)(\d+)(?:\/(\d+))?$/;

// ---------------------------------------------------------------------------------------------
// Sites: where a mutation of each kind can apply, found by walking one record.

interface Site {
  kind: Kind;
  sub: string;
  path: Path;
}

function isSparse(v: Json[]): boolean {
  return v.length > 0 && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'number' && typeof e[1] === 'string');
}

function allEqual(v: Json[]): boolean {
  const s = JSON.stringify(v[0]);
  return v.every((x) => JSON.stringify(x) === s);
}

const COUNT_KEYS = new Set(['regions', 'gluings', 'records']);

/** Every mutation site of one record (the line kind is handled separately). */
function walk(rec: { [k: string]: Json }, emit: (s: Site) => void): void {
  const t = rec['t'];
  if (t === 'header') {
    for (const [sub, p] of [['profile', 'profile'], ['options', 'options'], ['layers', 'layers'], ['version', 'format'], ['version', 'tool'], ['network', 'network']] as const) emit({ kind: 'header', sub, path: [p] });
  }
  if (t === 'classes') emit({ kind: 'classes', sub: 'classes', path: ['classes'] });
  const visit = (v: Json, path: Path): void => {
    if (Array.isArray(v)) {
      if (v.length >= 2 && !allEqual(v)) emit({ kind: 'reorder', sub: `${String(t)}.${String(path[0] ?? '')}`, path });
      if (t === 'region' && isSparse(v)) emit({ kind: 'sparse', sub: String(path[0]), path });
      v.forEach((x, i) => visit(x, [...path, i]));
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) visit(v[k] as Json, [...path, k]);
    } else if (typeof v === 'string' && RAT.test(v)) {
      if (t === 'header') {
        if (path[0] === 'network') emit({ kind: 'header', sub: 'weight', path });
        else if (path[0] === 'points') emit({ kind: 'header', sub: 'point', path });
      } else {
        const last = path[path.length - 1];
        const field = last === 'den' || path[path.length - 2] === 'num' ? 'point' : 'value';
        emit({ kind: 'number', sub: `${String(path[0])}.${field}`, path });
      }
    } else if (typeof v === 'number' && t !== 'header') {
      const key = [...path].reverse().find((k) => typeof k === 'string');
      if (key !== undefined && COUNT_KEYS.has(key)) emit({ kind: 'count', sub: `${String(t)}.${key}`, path });
      else if (t === 'classes' && path[0] === 'classes') emit({ kind: 'index', sub: 'member', path });
      else if (key === 'layer' || key === 'region' || key === 'coord' || key === 'sign') emit({ kind: 'index', sub: key, path });
      else if (key === 'same') emit({ kind: 'index', sub: 'sample', path });
      else if (path.length === 3 && path[2] === 0 && (path[0] === 'yes' || path[0] === 'no' || path[0] === 'pinned')) emit({ kind: 'index', sub: 'sample', path });
      else if (path[path.length - 1] === 0) emit({ kind: 'index', sub: 'row', path });
      else emit({ kind: 'index', sub: `other:${path.join('.')}`, path });
    }
  };
  visit(rec, []);
}

// ---------------------------------------------------------------------------------------------
// Value mutations.

/** One change of a rational/integer string: numerator or denominator, ±1, ×2, digit appended, sign flipped. */
function mutRational(s: string, rng: Rng): { v: string; op: string } {
  const m = RAT.exec(s);
  if (m === null) return { v: `${s}0`, op: 'digit' };
  const [, sign = '', num = '0', den] = m;
  const part = den !== undefined && rng() < 0.5 ? 'den' : 'num';
  const op = pick(rng, ['+1', '-1', 'x2', 'digit', 'neg']);
  const change = (x: string): string => {
    if (op === 'neg') return x.startsWith('-') ? x.slice(1) : `-${x}`;
    if (op === 'digit') return `${x}${int(rng, 10)}`;
    const b = BigInt(x);
    return (op === '+1' ? b + 1n : op === '-1' ? b - 1n : b * 2n).toString();
  };
  const v = part === 'num' ? `${change(sign + num)}${den === undefined ? '' : `/${den}`}` : `${sign}${num}/${change(den as string)}`;
  return { v, op: `${part}:${op}` };
}

function mutNumber(n: number, rng: Rng): { v: number; op: string } {
  const op = pick(rng, ['+1', '-1', 'x2', 'zero', 'random', 'big']);
  const v = op === '+1' ? n + 1 : op === '-1' ? n - 1 : op === 'x2' ? n * 2 : op === 'zero' ? 0 : op === 'random' ? int(rng, Math.max(8, 2 * n + 2)) : 2 ** 31 - 1;
  return { v, op };
}

function getAt(root: Json, path: Path): Json {
  let v: Json = root;
  for (const k of path) v = (v as Record<string | number, Json>)[k] as Json;
  return v;
}
function setAt(root: Json, path: Path, x: Json): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path[path.length - 1] as string | number] = x;
}

function insertSorted(xs: number[], x: number): void {
  let i = 0;
  while (i < xs.length && (xs[i] as number) < x) i++;
  xs.splice(i, 0, x);
}

/** Apply a mutation of `site` to `rec` in place; returns the op name, or null if nothing applies. */
function applySite(rec: { [k: string]: Json }, site: Site, rng: Rng, samples: number): string | null {
  const cur = getAt(rec, site.path);
  switch (site.kind) {
    case 'number': {
      const r = mutRational(cur as string, rng);
      setAt(rec, site.path, r.v);
      return r.op;
    }
    case 'index':
    case 'count': {
      const r = mutNumber(cur as number, rng);
      setAt(rec, site.path, r.v);
      return r.op;
    }
    case 'reorder': {
      const xs = cur as Json[];
      const a = int(rng, xs.length);
      let b = int(rng, xs.length - 1);
      if (b >= a) b++;
      if (JSON.stringify(xs[a]) === JSON.stringify(xs[b])) return null;
      [xs[a], xs[b]] = [xs[b] as Json, xs[a] as Json];
      return 'swap';
    }
    case 'sparse': {
      const xs = cur as Json[];
      const a = int(rng, xs.length);
      if (rng() < 0.5) {
        xs.splice(a, 1);
        return 'drop';
      }
      xs.splice(a + 1, 0, JSON.parse(JSON.stringify(xs[a])) as Json);
      return 'dup';
    }
    case 'classes': {
      const cls = cur as number[][];
      const op = pick(rng, ['drop', 'add', 'move']);
      if (op === 'drop') {
        if (cls.length === 0) return null;
        const c = cls[int(rng, cls.length)] as number[];
        c.splice(int(rng, c.length), 1);
        return 'drop';
      }
      if (op === 'add') {
        const s = int(rng, samples);
        if (cls.length === 0 || rng() < 0.25) {
          let s2 = int(rng, samples - 1);
          if (s2 >= s) s2++;
          const nc = [Math.min(s, s2), Math.max(s, s2)];
          let i = 0;
          while (i < cls.length && ((cls[i] as number[])[0] as number) < (nc[0] as number)) i++;
          cls.splice(i, 0, nc);
          return 'add-class';
        }
        const c = cls[int(rng, cls.length)] as number[];
        if (c.includes(s)) return null;
        insertSorted(c, s);
        return 'add';
      }
      if (cls.length < 2) return null;
      const i = int(rng, cls.length);
      let j = int(rng, cls.length - 1);
      if (j >= i) j++;
      const from = cls[i] as number[];
      const m = from.splice(int(rng, from.length), 1)[0] as number;
      insertSorted(cls[j] as number[], m);
      return 'move';
    }
    case 'header':
      return applyHeader(rec, site, rng);
    case 'line':
      return null;
  }
}

function applyHeader(h: { [k: string]: Json }, site: Site, rng: Rng): string | null {
  const net = h['network'] as { inputDim: number; layers: { relu: boolean }[] };
  const L = net.layers.length;
  switch (site.sub) {
    case 'weight':
    case 'point': {
      const r = mutRational(getAt(h, site.path) as string, rng);
      setAt(h, site.path, r.v);
      return r.op;
    }
    case 'profile': {
      const v = pick(rng, ['default', 'reference', 'Default', '']);
      if (v === h['profile']) return null;
      h['profile'] = v;
      return `=${v}`;
    }
    case 'options': {
      const o = h['options'] as { box: Json; outputBits: boolean; sensitivity: Json };
      const op = pick(rng, ['box', 'box1', 'outputBits', 'sensitivity', 'sensitivity-tiny']);
      if (op === 'box') o.box = o.box === null ? '100' : null;
      else if (op === 'box1') o.box = '1';
      else if (op === 'outputBits') o.outputBits = !o.outputBits;
      else if (op === 'sensitivity') o.sensitivity = o.sensitivity === null ? '1' : null;
      else o.sensitivity = '1/1000000';
      return op;
    }
    case 'layers': {
      const ls = h['layers'] as number[];
      const op = pick(rng, ['drop', 'add', '+1', '-1', 'dup', 'empty']);
      if (op === 'drop') ls.splice(int(rng, ls.length), 1);
      else if (op === 'add') {
        const x = 1 + int(rng, L + 1);
        if (ls.includes(x)) return null;
        insertSorted(ls, x);
      } else if (op === '+1' || op === '-1') {
        const i = int(rng, ls.length);
        ls[i] = (ls[i] as number) + (op === '+1' ? 1 : -1);
      } else if (op === 'dup') {
        const i = int(rng, ls.length);
        ls.splice(i, 0, ls[i] as number);
      } else ls.length = 0;
      return op;
    }
    case 'version': {
      if (site.path[0] === 'format') {
        h['format'] = pick(rng, ['ohc-bundle/2', 'ohc-bundle/0', 'ohc-bundle/1 ', 'OHC-BUNDLE/1']);
        return 'format';
      }
      h['tool'] = pick(rng, ['overlap-homology 0.1.1', 'overlap-homology 9.9.9', '']);
      return 'tool';
    }
    case 'network': {
      const op = pick(rng, ['relu', 'inputDim+1', 'inputDim-1']);
      if (op === 'relu') {
        const l = net.layers[int(rng, L)] as { relu: boolean };
        l.relu = !l.relu;
      } else net.inputDim += op === 'inputDim+1' ? 1 : -1;
      return op;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Bundles, mutants, claims.

interface Bundle {
  name: string;
  text: string;
  lines: string[]; // without the trailing '\n', end record last
  samples: number;
  /** per kind: cumulative site counts per line (for a uniform draw among the bundle's sites). */
  cum: Map<Kind, number[]>;
  claims: string;
  /** `ohc check` input arguments (absolute paths) from expected.json. */
  args: string[];
  /** run the certifier on accepted header mutants (too slow for D-I). */
  recertify: boolean;
}

function withEnd(body: string[]): string {
  const b = body.length === 0 ? '' : `${body.join('\n')}\n`;
  const sha = createHash('sha256').update(b).digest('hex');
  return `${b}${JSON.stringify({ t: 'end', records: body.length, sha256: sha })}\n`;
}

/** The claims of an accepted bundle (see the top comment), as one comparable string. */
export function claims(text: string, v: Verdict): string {
  if (v.kind !== 'accepted') return 'rejected';
  const lines = text.split('\n').slice(0, -1);
  const out: string[] = [];
  const { records: _r, sha256: _s, kind: _k, ...stats } = v;
  out.push(JSON.stringify(stats));
  for (const line of lines) {
    const r = JSON.parse(line) as Record<string, Json>;
    if (r['t'] === 'header') {
      const { tool: _t, inputs: _i, ...rest } = r;
      out.push(JSON.stringify(rest));
    } else if (r['t'] === 'layer') out.push(`layer ${String(r['layer'])} regions ${String(r['regions'])}`);
    else if (r['t'] === 'classes') out.push(`classes ${String(r['layer'])} ${JSON.stringify(r['classes'])} gluings ${String(r['gluings'])}`);
    else if (r['t'] === 'region') {
      const d: string[] = [];
      for (const [key, ans] of [['yes', 'yes'], ['no', 'no'], ['pinned', 'pinned']] as const) {
        for (const e of r[key] as Json[][]) d.push(`${String(e[0])}:${ans}`);
      }
      d.sort();
      out.push(`region ${String(r['layer'])} ${String(r['region'])} ${d.join(',')}`);
    }
  }
  return out.join('\n');
}

function loadBundle(name: string, file: string, root: string): Bundle {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').slice(0, -1);
  const v = check(Buffer.from(text));
  if (v.kind !== 'accepted') throw new Error(`${name}: the golden bundle is not accepted (${v.rule}: ${v.reason})`);
  const cum = new Map<Kind, number[]>();
  for (const k of KINDS) cum.set(k, [0]);
  lines.forEach((line) => {
    const counts = new Map<Kind, number>();
    walk(JSON.parse(line) as { [k: string]: Json }, (s) => counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1));
    counts.set('line', 1);
    for (const k of KINDS) {
      const c = cum.get(k) as number[];
      c.push((c[c.length - 1] as number) + (counts.get(k) ?? 0));
    }
  });
  const header = JSON.parse(lines[0] as string) as { points: Json[] };
  const exp = JSON.parse(readFileSync(join(root, 'certificates', 'golden', 'expected.json'), 'utf8')) as { bundles: { file: string; status: string; args: string[] }[] };
  const e = exp.bundles.find((x) => x.file.endsWith(`/${name}.ohcb`) && x.status === 'VERIFIED');
  const args = (e?.args ?? []).map((a) => (a.startsWith('--') ? a : join(root, a)));
  return { name, text, lines, samples: header.points.length, cum, claims: claims(text, v), args, recertify: name !== DI };
}

/** Why an accepted mutant whose header differs is not a consistent bundle of another input, or undefined (see the top comment). */
function reboundProblem(b: Bundle, text: string, tmp: string): string | undefined {
  const la = b.claims.split('\n');
  const lb = claims(text, check(Buffer.from(text))).split('\n');
  if (la[1] === lb[1]) return 'the header is unchanged';
  if (b.recertify) {
    const h = parseBundleHeader(Buffer.from(text));
    let res: ReturnType<typeof overlapDecomposition>;
    try {
      res = overlapDecomposition({ inputDim: h.inputDim, layers: h.network }, h.points, { profile: h.profile, layers: h.layers, sensitivity: h.sensitivity });
    } catch (e) {
      return `the certifier fails on the mutant's header: ${e instanceof Error ? e.message : String(e)}`;
    }
    const want = res.flatMap((r) => [`layer ${r.layer} regions ${r.regions}`, `classes ${r.layer} ${JSON.stringify(r.classes)} gluings ${r.gluings}`]);
    const got = lb.filter((x) => x.startsWith('layer ') || x.startsWith('classes '));
    if (want.join('\n') !== got.join('\n')) return `the certifier derives ${want.join('; ')} but the accepted mutant claims ${got.join('; ')}`;
  }
  const file = join(tmp, 'mutant.ohcb');
  writeFileSync(file, text);
  const out: string[] = [];
  const code = checkCommand([file, ...b.args], (s) => out.push(s), (s) => out.push(s));
  if (code !== 1 || !out.some((s) => s.includes('rejected by rule header'))) return `ohc check with the golden's inputs does not reject by rule header: exit ${code}: ${out.join(' | ').slice(0, 300)}`;
  return undefined;
}

interface Mutant {
  kind: Kind;
  sub: string;
  op: string;
  line: number; // 0-based line index of the mutated record
  text: string;
}

function total(b: Bundle, k: Kind): number {
  const c = b.cum.get(k) as number[];
  return c[c.length - 1] as number;
}

/** One mutant of kind `kind` (null if the drawn mutation did not apply or changed nothing). */
function mutate(b: Bundle, kind: Kind, rng: Rng): Mutant | null {
  const c = b.cum.get(kind) as number[];
  const g = int(rng, total(b, kind));
  let li = 0;
  while ((c[li + 1] as number) <= g) li++;
  const endLine = b.lines.length - 1;
  if (kind === 'line') {
    const op = pick(rng, ['truncate', 'duplicate', 'remove']);
    const ls = b.lines.slice();
    const line = ls[li] as string;
    if (op === 'truncate') ls[li] = line.slice(0, int(rng, line.length));
    else if (op === 'duplicate') ls.splice(li, 0, line);
    else ls.splice(li, 1);
    const text = li === endLine ? (ls.length === 0 ? '' : `${ls.join('\n')}\n`) : withEnd(ls.slice(0, ls.length - 1));
    return { kind, sub: li === 0 ? 'header' : li === endLine ? 'end' : (JSON.parse(line) as { t: string }).t, op, line: li, text };
  }
  const rec = JSON.parse(b.lines[li] as string) as { [k: string]: Json };
  const sites: Site[] = [];
  walk(rec, (s) => {
    if (s.kind === kind) sites.push(s);
  });
  const site = sites[g - (c[li] as number)] as Site;
  const op = applySite(rec, site, rng, b.samples);
  if (op === null) return null;
  const ls = b.lines.slice();
  ls[li] = JSON.stringify(rec);
  const text = li === endLine ? `${ls.join('\n')}\n` : withEnd(ls.slice(0, ls.length - 1));
  if (text === b.text) return null;
  return { kind, sub: site.sub, op, line: li, text };
}

// ---------------------------------------------------------------------------------------------
// The campaign.

export interface KindCounts {
  mutants: number;
  rejected: number;
  byRule: Record<string, number>;
  identical: number;
  rebound: number;
  falseAccepts: number;
  crashes: number;
  internal: number;
  slow: number;
}

export interface Failure {
  what: 'false-accept' | 'crash' | 'internal' | 'slow';
  bundle: string;
  kind: Kind;
  sub: string;
  op: string;
  line: number;
  detail: string;
}

export interface FuzzResult {
  count: number;
  seed: number;
  seconds: number;
  byKind: Record<Kind, KindCounts>;
  byBundle: Record<string, { mutants: number; ms: number }>;
  byRule: Record<string, number>;
  failures: Failure[];
  noops: number;
}

export interface FuzzOptions {
  count: number;
  seed: number;
  /** fraction of mutants drawn from the D-I bundle (0 leaves it out). */
  diRate: number;
  slowMs?: number;
  root?: string;
  progress?: boolean;
}

const SMALL = ['xor-overlap', 'xor-rank', 'random-2d'];
const DI = 'd-i-model-0';

function defaultRoot(): string {
  // dist/test/bench/fuzz.js or test/bench/fuzz.ts: the repository root is three or two levels up.
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join('dist', 'test', 'bench')) ? join(here, '..', '..', '..') : join(here, '..', '..');
}

export function runFuzz(opts: FuzzOptions): FuzzResult {
  const root = opts.root ?? defaultRoot();
  const slowMs = opts.slowMs ?? 5000;
  const golden = (n: string): string => join(root, 'certificates', 'golden', `${n}.ohcb`);
  const small = SMALL.map((n) => loadBundle(n, golden(n), root));
  const di = opts.diRate > 0 ? loadBundle(DI, golden(DI), root) : null;
  const tmp = mkdtempSync(join(tmpdir(), 'ohc-fuzz-'));
  const rng = prng(opts.seed);
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { mutants: 0, rejected: 0, byRule: {}, identical: 0, rebound: 0, falseAccepts: 0, crashes: 0, internal: 0, slow: 0 }])) as Record<Kind, KindCounts>;
  const byBundle: Record<string, { mutants: number; ms: number }> = {};
  const byRule: Record<string, number> = {};
  const failures: Failure[] = [];
  let noops = 0;
  const t0 = performance.now();
  for (let n = 0; n < opts.count; n++) {
    let m: Mutant | null = null;
    let b: Bundle = small[0] as Bundle;
    for (let tries = 0; m === null; tries++) {
      b = di !== null && rng() < opts.diRate ? di : pick(rng, small);
      const kinds = KINDS.filter((k) => total(b, k) > 0);
      m = mutate(b, pick(rng, kinds), rng);
      if (m === null) noops++;
      if (tries > 1000) throw new Error('no mutation applies');
    }
    const kc = byKind[m.kind];
    kc.mutants++;
    const bb = (byBundle[b.name] ??= { mutants: 0, ms: 0 });
    bb.mutants++;
    const fail = (what: Failure['what'], detail: string): void => {
      failures.push({ what, bundle: b.name, kind: m.kind, sub: m.sub, op: m.op, line: m.line + 1, detail });
    };
    let v: Verdict;
    const t = performance.now();
    try {
      v = check(Buffer.from(m.text));
    } catch (e) {
      kc.crashes++;
      fail('crash', e instanceof Error ? (e.stack ?? e.message) : String(e));
      continue;
    } finally {
      const ms = performance.now() - t;
      bb.ms += ms;
      if (ms > slowMs) {
        kc.slow++;
        fail('slow', `${ms.toFixed(0)} ms`);
      }
    }
    if (v.kind === 'rejected') {
      if (v.reason.startsWith('cannot check:')) {
        kc.internal++;
        fail('internal', `${v.rule} at ${JSON.stringify(v.step)}: ${v.reason}`);
      } else {
        kc.rejected++;
        kc.byRule[v.rule] = (kc.byRule[v.rule] ?? 0) + 1;
        byRule[v.rule] = (byRule[v.rule] ?? 0) + 1;
      }
    } else if (claims(m.text, v) === b.claims) kc.identical++;
    else {
      const why = reboundProblem(b, m.text, tmp);
      if (why === undefined) kc.rebound++;
      else {
        kc.falseAccepts++;
        fail('false-accept', `${why}; ${diffClaims(b.claims, claims(m.text, v))}`);
      }
    }
    if (opts.progress === true && (n + 1) % 10000 === 0) console.error(`.. ${n + 1} mutants, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  rmSync(tmp, { recursive: true, force: true });
  return { count: opts.count, seed: opts.seed, seconds: (performance.now() - t0) / 1000, byKind, byBundle, byRule, failures, noops };
}

function diffClaims(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `claim ${i}: original ${(la[i] ?? '(none)').slice(0, 300)} / mutant ${(lb[i] ?? '(none)').slice(0, 300)}`;
  }
  return 'same';
}

export function failed(r: FuzzResult): boolean {
  return r.failures.length > 0;
}

export function report(r: FuzzResult): string {
  const out: string[] = [];
  out.push(`fuzz: ${r.count} mutants, seed ${r.seed}, ${r.seconds.toFixed(1)} s (${(r.count / r.seconds).toFixed(0)} mutants/s), ${r.noops} no-op draws re-drawn`);
  const pad = (s: string | number, w: number): string => String(s).padStart(w);
  out.push(`${'kind'.padEnd(9)}${pad('mutants', 9)}${pad('rejected', 10)}${pad('identical', 10)}${pad('rebound', 8)}${pad('falseAcc', 9)}${pad('crash', 7)}${pad('internal', 9)}${pad('slow', 6)}  rejected by rule`);
  const tot: KindCounts = { mutants: 0, rejected: 0, byRule: {}, identical: 0, rebound: 0, falseAccepts: 0, crashes: 0, internal: 0, slow: 0 };
  for (const k of KINDS) {
    const c = r.byKind[k];
    for (const f of ['mutants', 'rejected', 'identical', 'rebound', 'falseAccepts', 'crashes', 'internal', 'slow'] as const) tot[f] += c[f];
    const rules = Object.entries(c.byRule).sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`).join(', ');
    out.push(`${k.padEnd(9)}${pad(c.mutants, 9)}${pad(c.rejected, 10)}${pad(c.identical, 10)}${pad(c.rebound, 8)}${pad(c.falseAccepts, 9)}${pad(c.crashes, 7)}${pad(c.internal, 9)}${pad(c.slow, 6)}  ${rules}`);
  }
  out.push(`${'total'.padEnd(9)}${pad(tot.mutants, 9)}${pad(tot.rejected, 10)}${pad(tot.identical, 10)}${pad(tot.rebound, 8)}${pad(tot.falseAccepts, 9)}${pad(tot.crashes, 7)}${pad(tot.internal, 9)}${pad(tot.slow, 6)}`);
  out.push(`by rule: ${Object.entries(r.byRule).sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`).join(', ')}`);
  out.push(`by bundle: ${Object.entries(r.byBundle).map(([n, x]) => `${n} ${x.mutants} (${(x.ms / Math.max(1, x.mutants)).toFixed(2)} ms/check)`).join(', ')}`);
  for (const f of r.failures.slice(0, 50)) out.push(`FAIL ${f.what}: ${f.bundle} line ${f.line} ${f.kind}/${f.sub} ${f.op}: ${f.detail.slice(0, 600)}`);
  if (r.failures.length > 50) out.push(`... ${r.failures.length - 50} more failures`);
  return out.join('\n');
}

function main(argv: string[]): number {
  const opt = (name: string, dflt: number): number => {
    const i = argv.indexOf(name);
    if (i < 0) return dflt;
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v)) throw new Error(`${name} needs a number`);
    return v;
  };
  const r = runFuzz({ count: opt('--count', 100_000), seed: opt('--seed', 1), diRate: opt('--di-rate', 0.002), progress: true });
  console.log(report(r));
  return failed(r) ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
