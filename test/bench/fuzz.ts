// fuzz.ts: `npm run fuzz [-- --count N --seed S --di-rate R --betti-rate R]`: a mutation campaign against the trusted checker.
//
// Inputs: the good golden bundles (certificates/golden/; the overlap ones and the homology ones: `ohc betti --out`
// of D-I, the RP^2 file complex over Q, XOR and random-2d with `--complex ... --quotient cone,metric`) and, with
// --di-rate > 0, a D-I `ohc certify --complex knn-rips:k=14,eps=5/2 --quotient cone,metric` bundle generated at the
// start of the run into a temporary folder (it holds every record of d-i-model-0.ohcb and the homology records).
// Each mutant is one such bundle with exactly one random mutation of one field kind (see KINDS).
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
//    `records` and `sha256` (pairs, how many pairs each rule settled, gluings, classes per layer), and the homology
//    claims (the complex record's spec, field, maxDim and quotients as written, tieChoices, and each target's layer,
//    quotient and Betti numbers; not the size of the
//    reduced complex or the number of reduction steps, which a different valid reduction may change);
//  - accepted-rebound: accepted, the claims differ only through the header's network, points, selection,
//    layers, profile or options (the mutant is a consistent bundle of *another* input: `check` without
//    input files cannot tell), and (1) `ohc check MUTANT --model F --data F [--labels F]` with the
//    golden's inputs (expected.json) rejects it by rule `header`, and (2) except for the D-I bundle, the
//    untrusted certifier (overlapDecomposition) run on the mutant's embedded network and points derives
//    the same regions, class lists and gluings as the mutant claims;
//    and (3) when the bundle has homology records, the untrusted producer (homologyRecords) run on the mutant's
//    points, classes and complex record (spec, field, maxDim, quotients) derives the claimed tieChoices and Betti
//    numbers of every target. A homology mutant whose claims differ only through the complex record's parameters
//    (another eps, k, ...: a true claim about another complex) is also accepted-rebound when (3) holds; a betti-only
//    bundle (network null) cannot be bound to its data file by `ohc check` (it needs --model), so (1) is skipped;
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
import { Rat } from '../../src/checker/rational.js';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { main as ohcMain } from '../../src/cli/main.js';
import type { ComplexSpec } from '../../src/homology/complexSpec.js';
import type { Field } from '../../src/homology/computeBetti.js';
import { type Quotient, homologyRecords } from '../../src/homology/homologyRecords.js';
import { overlapDecomposition } from '../../src/overlap/overlapDecomposition.js';
import { goodInputs } from './makeGolden.js';
import { prng } from './prng.js';

/**
 * The field kinds. Overlap records: number (rationals), index, count, classes, sparse, reorder (array swaps),
 * header. Homology records (FORMAT.md section 3): chain (rank chains, cycles, cocycles: simplex indices over gf2,
 * indices and integer coefficients over q, chains dropped/duplicated/swapped/summed), collapse (reduction steps:
 * their vertices, dropped/duplicated/swapped, edge step <-> vertex step), betti (claimed Betti numbers), complex (the
 * complex record: tieChoices, maxDim, field, quotient names, spec k/eps/eps2/kind/vertices/simplices), target (a
 * homology record's layer, quotient name, dim). line: a whole record truncated, duplicated, removed, or swapped
 * with the next one (record order), any record type.
 */
export const KINDS = ['number', 'index', 'count', 'classes', 'sparse', 'reorder', 'header', 'line', 'chain', 'collapse', 'betti', 'complex', 'target'] as const;
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
  if (typeof t === 'string' && HOMOLOGY_RECORDS.has(t)) {
    walkHomology(rec, t, emit);
    return;
  }
  if (t === 'header') {
    for (const [sub, p] of [['profile', 'profile'], ['options', 'options'], ['layers', 'layers'], ['version', 'format'], ['version', 'tool'], ['network', 'network']] as const) {
      if (p !== 'network' || rec['network'] !== null) emit({ kind: 'header', sub, path: [p] });
    }
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

const HOMOLOGY_RECORDS = new Set(['complex', 'reduce', 'rank', 'cohomology', 'betti']);

/** The mutation sites of a homology record (FORMAT.md section 3). */
function walkHomology(rec: { [k: string]: Json }, t: string, emit: (s: Site) => void): void {
  if (t === 'complex') {
    for (const k of ['tieChoices', 'maxDim', 'field', 'quotients']) emit({ kind: 'complex', sub: k, path: [k] });
    const spec = rec['spec'] as { [k: string]: Json };
    for (const k of Object.keys(spec)) emit({ kind: 'complex', sub: `spec.${k}`, path: ['spec', k] });
    return;
  }
  for (const k of ['layer', 'quotient', 'dim']) if (k in rec) emit({ kind: 'target', sub: `${t}.${k}`, path: [k] });
  if (t === 'reduce') {
    const steps = rec['steps'] as Json[];
    steps.forEach((st, i) => emit({ kind: 'collapse', sub: (st as Json[]).length === 3 ? 'edge-step' : 'vertex-step', path: ['steps', i] }));
    if (steps.length === 0) emit({ kind: 'collapse', sub: 'no-steps', path: ['steps'] });
  } else if (t === 'betti') {
    (rec['betti'] as Json[]).forEach((_, i) => emit({ kind: 'betti', sub: 'entry', path: ['betti', i] }));
    emit({ kind: 'betti', sub: 'length', path: ['betti'] });
  } else {
    for (const key of t === 'rank' ? ['chains'] : ['cycles', 'cocycles']) {
      const chains = rec[key] as Json[];
      chains.forEach((_, i) => emit({ kind: 'chain', sub: `${t}.${key}`, path: [key, i] }));
      if (chains.length === 0) emit({ kind: 'chain', sub: `${t}.${key}.empty`, path: [key] });
    }
  }
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
    case 'chain':
      return applyChain(rec, site, rng);
    case 'collapse':
      return applyCollapse(rec, site, rng, samples);
    case 'betti':
      return applyBetti(rec, site, rng);
    case 'complex':
      return applyComplex(rec, site, rng, samples);
    case 'target':
      return applyTarget(rec, site, rng);
  }
}

/** A chain is a q chain when it holds [index, "int"] pairs (else gf2: a list of indices). */
const isQChain = (c: Json[]): boolean => c.length > 0 && Array.isArray(c[0]);

/** Change one entry of a chain: an index (±1, ×2, 0, random, 2^31−1) or, over q, a coefficient (±1, ×2, negated, a digit appended, 0, a fraction). */
function chainEntryOp(c: Json[], rng: Rng): string | null {
  if (c.length === 0) return null;
  const i = int(rng, c.length);
  const e = c[i] as Json;
  if (Array.isArray(e)) {
    if (rng() < 0.5) {
      const r = mutNumber(e[0] as number, rng);
      e[0] = r.v;
      return `index:${r.op}`;
    }
    const op = pick(rng, ['+1', '-1', 'x2', 'neg', 'digit', 'zero', 'half']);
    const t = e[1] as string;
    const b = BigInt(t);
    e[1] = op === '+1' ? (b + 1n).toString() : op === '-1' ? (b - 1n).toString() : op === 'x2' ? (b * 2n).toString() : op === 'neg' ? (-b).toString() : op === 'digit' ? `${t}${int(rng, 10)}` : op === 'zero' ? '0' : `${t}/2`;
    return `coef:${op}`;
  }
  const r = mutNumber(e as number, rng);
  c[i] = r.v;
  return `index:${r.op}`;
}

function applyChain(rec: { [k: string]: Json }, site: Site, rng: Rng): string | null {
  const list = rec[site.path[0] as string] as Json[];
  if (site.path.length === 1) {
    list.push(pick(rng, [[0], [[0, '1']], []] as Json[]));
    return 'add-chain';
  }
  const at = site.path[1] as number;
  const c = list[at] as Json[];
  const q = isQChain(c);
  const op = pick(rng, ['entry', 'entry', 'entry', 'drop-entry', 'dup-entry', 'add-entry', 'swap-entries', 'drop-chain', 'dup-chain', 'swap-chains', 'empty-chain', 'sum-chains']);
  switch (op) {
    case 'entry':
      return chainEntryOp(c, rng);
    case 'drop-entry':
      if (c.length === 0) return null;
      c.splice(int(rng, c.length), 1);
      return op;
    case 'dup-entry': {
      if (c.length === 0) return null;
      const i = int(rng, c.length);
      c.splice(i + 1, 0, JSON.parse(JSON.stringify(c[i])) as Json);
      return op;
    }
    case 'add-entry': {
      const last = c.length === 0 ? -1 : ((q ? (c[c.length - 1] as Json[])[0] : c[c.length - 1]) as number);
      const x = last + 1 + int(rng, 3);
      c.push(q ? [x, pick(rng, ['1', '-1', '2'])] : x);
      return op;
    }
    case 'swap-entries': {
      if (c.length < 2) return null;
      const i = int(rng, c.length - 1);
      [c[i], c[i + 1]] = [c[i + 1] as Json, c[i] as Json];
      return op;
    }
    case 'drop-chain':
      list.splice(at, 1);
      return op;
    case 'dup-chain':
      list.splice(at + 1, 0, JSON.parse(JSON.stringify(c)) as Json);
      return op;
    case 'swap-chains': {
      if (list.length < 2) return null;
      let b = int(rng, list.length - 1);
      if (b >= at) b++;
      if (JSON.stringify(list[at]) === JSON.stringify(list[b])) return null;
      [list[at], list[b]] = [list[b] as Json, list[at] as Json];
      return op;
    }
    case 'empty-chain':
      if (c.length === 0) return null;
      list[at] = [];
      return op;
    default: {
      // the chain replaced by its sum with another chain of the list (gf2: symmetric difference; q: entrywise sum)
      if (list.length < 2) return null;
      let b = int(rng, list.length - 1);
      if (b >= at) b++;
      const d = list[b] as Json[];
      if (q || isQChain(d)) {
        const m = new Map<number, bigint>();
        for (const e of [...c, ...d]) if (Array.isArray(e)) m.set(e[0] as number, (m.get(e[0] as number) ?? 0n) + BigInt(e[1] as string));
        list[at] = [...m.entries()].filter(([, v]) => v !== 0n).sort((x, y) => x[0] - y[0]).map(([k, v]) => [k, v.toString()]);
      } else {
        const set = new Set<number>(c as number[]);
        for (const x of d as number[]) {
          if (set.has(x)) set.delete(x);
          else set.add(x);
        }
        list[at] = [...set].sort((x, y) => x - y);
      }
      return op;
    }
  }
}

function applyCollapse(rec: { [k: string]: Json }, site: Site, rng: Rng, samples: number): string | null {
  const steps = rec['steps'] as Json[];
  if (site.path.length === 1) {
    steps.push(rng() < 0.5 ? [int(rng, samples), int(rng, samples)] : [0, 1, 2]);
    return 'add-step';
  }
  const i = site.path[1] as number;
  const st = steps[i] as number[];
  const op = pick(rng, ['vertex', 'vertex', 'vertex', 'drop', 'dup', 'swap-next', 'swap-uv', 'edge<->vertex', 'extra-vertex']);
  switch (op) {
    case 'vertex': {
      const j = int(rng, st.length);
      const r = mutNumber(st[j] as number, rng);
      st[j] = r.v;
      return `vertex${j}:${r.op}`;
    }
    case 'drop':
      steps.splice(i, 1);
      return op;
    case 'dup':
      steps.splice(i + 1, 0, [...st]);
      return op;
    case 'swap-next': {
      if (i + 1 >= steps.length || JSON.stringify(steps[i + 1]) === JSON.stringify(st)) return null;
      [steps[i], steps[i + 1]] = [steps[i + 1] as Json, st];
      return op;
    }
    case 'swap-uv':
      [st[0], st[1]] = [st[1] as number, st[0] as number];
      return op;
    case 'edge<->vertex':
      if (st.length === 3) st.splice(0, 1);
      else st.unshift(int(rng, samples));
      return op;
    default:
      st.push(int(rng, samples));
      return op;
  }
}

function applyBetti(rec: { [k: string]: Json }, site: Site, rng: Rng): string | null {
  const b = rec['betti'] as number[];
  if (site.sub === 'length') {
    const op = pick(rng, ['append0', 'append1', 'drop-last', 'empty']);
    if (op === 'append0' || op === 'append1') b.push(op === 'append0' ? 0 : 1);
    else if (op === 'drop-last') b.pop();
    else b.length = 0;
    return op;
  }
  const i = site.path[1] as number;
  const r = mutNumber(b[i] as number, rng);
  b[i] = r.v;
  return r.op;
}

function applyComplex(rec: { [k: string]: Json }, site: Site, rng: Rng, samples: number): string | null {
  const key = site.path[site.path.length - 1] as string;
  const holder = getAt(rec, site.path.slice(0, -1)) as { [k: string]: Json };
  const cur = holder[key] as Json;
  switch (site.sub) {
    case 'tieChoices':
    case 'maxDim':
    case 'spec.k':
    case 'spec.vertices': {
      const r = mutNumber(cur as number, rng);
      holder[key] = r.v;
      return r.op;
    }
    case 'field': {
      const v = pick(rng, ['gf2', 'q', 'GF2', 'Q', '']);
      if (v === cur) return null;
      holder[key] = v;
      return `=${v}`;
    }
    case 'quotients': {
      const qs = cur as string[];
      const op = pick(rng, ['drop', 'add-cone', 'add-metric', 'swap', 'dup', 'rename', 'none']);
      if (op === 'drop') {
        if (qs.length === 0) return null;
        qs.splice(int(rng, qs.length), 1);
      } else if (op === 'add-cone' || op === 'add-metric') {
        const q = op === 'add-cone' ? 'cone' : 'metric';
        if (qs.includes(q)) return null;
        qs.push(q);
      } else if (op === 'swap') {
        if (qs.length < 2) return null;
        qs.reverse();
      } else if (op === 'dup') {
        if (qs.length === 0) return null;
        qs.push(qs[0] as string);
      } else if (op === 'rename') {
        if (qs.length === 0) return null;
        qs[0] = pick(rng, ['Cone', 'metric ', 'none', 'quotient']);
      } else qs.push('none');
      return op;
    }
    case 'spec.kind': {
      const v = pick(rng, ['knn-rips', 'rips', 'file', 'knn', '']);
      if (v === cur) return null;
      holder[key] = v;
      return `=${v}`;
    }
    case 'spec.simplices': {
      const ss = cur as number[][];
      if (ss.length === 0) return null;
      const op = pick(rng, ['vertex', 'drop', 'dup', 'add', 'swap']);
      const i = int(rng, ss.length);
      const sx = ss[i] as number[];
      if (op === 'vertex') {
        const j = int(rng, sx.length);
        sx[j] = mutNumber(sx[j] as number, rng).v;
      } else if (op === 'drop') ss.splice(i, 1);
      else if (op === 'dup') ss.splice(i + 1, 0, [...sx]);
      else if (op === 'add') {
        const v = int(rng, samples);
        if (sx.includes(v)) return null;
        insertSorted(sx, v);
      } else {
        if (ss.length < 2) return null;
        const j = (i + 1) % ss.length;
        [ss[i], ss[j]] = [ss[j] as number[], sx];
      }
      return `simplices:${op}`;
    }
    default: {
      // spec.eps, spec.eps2: rationals
      if (typeof cur !== 'string') return null;
      const r = mutRational(cur, rng);
      holder[key] = r.v;
      return r.op;
    }
  }
}

function applyTarget(rec: { [k: string]: Json }, site: Site, rng: Rng): string | null {
  const key = site.path[0] as string;
  if (key === 'quotient') {
    const v = pick(rng, ['none', 'cone', 'metric', 'Cone', '']);
    if (v === rec[key]) return null;
    rec[key] = v;
    return `=${v}`;
  }
  const r = mutNumber(rec[key] as number, rng);
  rec[key] = r.v;
  return r.op;
}


function applyHeader(h: { [k: string]: Json }, site: Site, rng: Rng): string | null {
  const net = h['network'] as { inputDim: number; layers: { relu: boolean }[] } | null;
  const L = net === null ? 0 : net.layers.length;
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
      if (op === 'drop') {
        if (ls.length === 0) return null;
        ls.splice(int(rng, ls.length), 1);
      }
      else if (op === 'add') {
        const x = 1 + int(rng, L + 1);
        if (ls.includes(x)) return null;
        insertSorted(ls, x);
      } else if (op === '+1' || op === '-1') {
        if (ls.length === 0) return null;
        const i = int(rng, ls.length);
        ls[i] = (ls[i] as number) + (op === '+1' ? 1 : -1);
      } else if (op === 'dup') {
        if (ls.length === 0) return null;
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
      if (net === null) return null;
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
  const { records: _r, sha256: _s, kind: _k, homology, ...stats } = v;
  out.push(JSON.stringify(stats));
  // homology: what is claimed, not how (the reduced complex's size and the steps may differ between valid reductions)
  out.push(
    homology === null
      ? 'homology none'
      : `homology ${JSON.stringify({ spec: homology.spec, field: homology.field, maxDim: homology.maxDim, tieChoices: homology.tieChoices, targets: homology.targets.map((t) => [t.layer, t.quotient, t.betti]) })}`,
  );
  for (const line of lines) {
    const r = JSON.parse(line) as Record<string, Json>;
    if (r['t'] === 'header') {
      const { tool: _t, inputs: _i, ...rest } = r;
      out.push(JSON.stringify(rest));
    } else if (r['t'] === 'layer') out.push(`layer ${String(r['layer'])} regions ${String(r['regions'])}`);
    else if (r['t'] === 'classes') out.push(`classes ${String(r['layer'])} ${JSON.stringify(r['classes'])} gluings ${String(r['gluings'])}`);
    else if (r['t'] === 'betti') out.push(`betti ${String(r['layer'])} ${String(r['quotient'])} ${JSON.stringify(r['betti'])}`);
    else if (r['t'] === 'complex') {
      // the complex itself (the checker's spec summary of a file complex only counts its simplices)
      const { tieChoices: _t, ...params } = r;
      out.push(`complex ${JSON.stringify(params)}`);
    }
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

function loadBundle(name: string, file: string, root: string, argsOf: string = name): Bundle {
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
  const e = exp.bundles.find((x) => x.file.endsWith(`/${argsOf}.ohcb`) && x.status === 'VERIFIED');
  const args = (e?.args ?? []).map((a) => (a.startsWith('--') ? a : join(root, a)));
  return { name, text, lines, samples: header.points.length, cum, claims: claims(text, v), args, recertify: !name.startsWith('d-i-') };
}

/** The complex record's parameters (spec, field, maxDim, quotients; not tieChoices, a derived count), or '' without one. */
function complexParams(text: string): string {
  for (const line of text.split('\n')) {
    if (!line.includes('"t":"complex"')) continue;
    const r = JSON.parse(line) as Record<string, Json>;
    if (r['t'] !== 'complex') continue;
    const { tieChoices: _t, ...rest } = r;
    return JSON.stringify(rest);
  }
  return '';
}

/** The exact spec of a complex record, as the producer takes it. */
function specOf(x: Json): ComplexSpec {
  const o = x as Record<string, Json>;
  if (o['kind'] === 'knn-rips') return { kind: 'knn-rips', k: o['k'] as number, eps: Rat.parse(o['eps'] as string) };
  if (o['kind'] === 'rips') return { kind: 'rips', eps2: Rat.parse(o['eps2'] as string) };
  return { kind: 'file', path: '(bundle)', vertices: o['vertices'] as number, simplices: o['simplices'] as number[][] };
}

/**
 * Why the homology claims of an accepted mutant are not what the untrusted producer (homologyRecords) derives from
 * the mutant's own points, classes and complex record, or undefined (also when the bundle has no homology records).
 */
function homologyProblem(text: string, got: readonly string[]): string | undefined {
  const recs = text.split('\n').slice(0, -1).map((l) => JSON.parse(l) as Record<string, Json>);
  const cx = recs.find((r) => r['t'] === 'complex');
  if (cx === undefined) return undefined;
  const h = parseBundleHeader(Buffer.from(text));
  const layers = recs.filter((r) => r['t'] === 'classes').map((r) => ({ layer: r['layer'] as number, classes: r['classes'] as number[][] }));
  let res: ReturnType<typeof homologyRecords>;
  try {
    res = homologyRecords(h.points, specOf(cx['spec'] as Json), cx['field'] as Field, cx['maxDim'] as number, cx['quotients'] as Quotient[], layers);
  } catch (e) {
    return `the homology producer fails on the mutant: ${e instanceof Error ? e.message : String(e)}`;
  }
  const want = [`tieChoices ${res.summary.tieChoices}`, ...res.summary.targets.map((t) => `betti ${t.layer} ${t.quotient} ${JSON.stringify(t.betti)}`)];
  const claimed = [`tieChoices ${String(cx['tieChoices'])}`, ...got.filter((x) => x.startsWith('betti '))];
  if (want.join('\n') !== claimed.join('\n')) return `the producer derives ${want.join('; ')} but the accepted mutant claims ${claimed.join('; ')}`;
  return undefined;
}

/**
 * Why an accepted mutant whose header (or complex record's parameters) differs is not a consistent bundle of another
 * input, or undefined (see the top comment). Claims lines: 0 the checker's stats, 1 its homology, 2 the header.
 */
function reboundProblem(b: Bundle, text: string, tmp: string): string | undefined {
  const la = b.claims.split('\n');
  const lb = claims(text, check(Buffer.from(text))).split('\n');
  const headerChanged = la[2] !== lb[2];
  const paramsChanged = complexParams(b.text) !== complexParams(text);
  if (!headerChanged && !paramsChanged) return 'neither the header nor the complex record\'s parameters changed';
  if (!headerChanged) {
    const rest = (ls: string[]): string => ls.filter((x, i) => i !== 1 && !x.startsWith('betti ') && !x.startsWith('complex ')).join('\n');
    if (rest(la) !== rest(lb)) return 'claims beyond the homology differ, but the header does not';
  }
  const hp = homologyProblem(text, lb);
  if (hp !== undefined) return hp;
  if (!headerChanged) return undefined;
  if (b.recertify && (JSON.parse(text.slice(0, text.indexOf('\n'))) as { network: Json })['network'] !== null) {
    const h = parseBundleHeader(Buffer.from(text));
    let res: ReturnType<typeof overlapDecomposition>;
    try {
      res = overlapDecomposition({ inputDim: h.inputDim, layers: h.network }, h.points, { profile: h.profile, layers: h.layers, sensitivity: h.sensitivity, skipCarried: h.skipCarried });
    } catch (e) {
      return `the certifier fails on the mutant's header: ${e instanceof Error ? e.message : String(e)}`;
    }
    const want = res.flatMap((r) => [`layer ${r.layer} regions ${r.regions}`, `classes ${r.layer} ${JSON.stringify(r.classes)} gluings ${r.gluings}`]);
    const got = lb.filter((x) => x.startsWith('layer ') || x.startsWith('classes '));
    if (want.join('\n') !== got.join('\n')) return `the certifier derives ${want.join('; ')} but the accepted mutant claims ${got.join('; ')}`;
  }
  // a betti-only bundle: `ohc check` cannot bind it to its data file (no --model), see the top comment
  if (b.args.length === 0) return undefined;
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
    const op = pick(rng, ['truncate', 'duplicate', 'remove', 'swap-next']);
    const ls = b.lines.slice();
    const line = ls[li] as string;
    if (op === 'truncate') ls[li] = line.slice(0, int(rng, line.length));
    else if (op === 'duplicate') ls.splice(li, 0, line);
    else if (op === 'remove') ls.splice(li, 1);
    else {
      // record order: swap with the next record (the end record stays last)
      if (li + 1 >= endLine || ls[li + 1] === line) return null;
      [ls[li], ls[li + 1]] = [ls[li + 1] as string, line];
    }
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
  /** The D-I bundle: `generate` (default) runs `ohc certify --complex knn-rips:k=14,eps=5/2 --quotient cone,metric` on D-I model 0 into a temporary folder; `golden` takes d-i-model-0.ohcb (no homology records; faster). */
  diBundle?: 'generate' | 'golden';
  /** fraction of mutants drawn from d-i-betti.ohcb (`ohc betti --out` of D-I, ~0.1 s a check); default 0.01. */
  bettiRate?: number;
  slowMs?: number;
  root?: string;
  progress?: boolean;
}

const SMALL = ['xor-overlap', 'xor-rank', 'random-2d', 'xor-overlap-homology', 'random-2d-homology', 'rp2-q'];
const DI = 'd-i-model-0';
const DI_HOMOLOGY = 'd-i-homology';
const DI_BETTI = 'd-i-betti';

/** Write the D-I homology bundle (D-I model 0, class 1, correct, all layers, knn-rips k=14 eps=5/2, cone and metric) into `dir`. */
function makeDiHomology(dir: string): string {
  const out = join(dir, `${DI_HOMOLOGY}.ohcb`);
  const args = [...(goodInputs()['d-i-model-0.ohcb'] as string[]), '--complex', 'knn-rips:k=14,eps=5/2', '--quotient', 'cone,metric', '--out', out];
  const lines: string[] = [];
  const code = ohcMain(['certify', ...args], (x) => lines.push(x), (x) => lines.push(x));
  if (code !== 0) throw new Error(`fuzz: ohc certify ${args.join(' ')} exited ${code}: ${lines.join('\n')}`);
  return out;
}

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
  const tmp = mkdtempSync(join(tmpdir(), 'ohc-fuzz-'));
  const di = opts.diRate <= 0 ? null : opts.diBundle === 'golden' ? loadBundle(DI, golden(DI), root) : loadBundle(DI_HOMOLOGY, makeDiHomology(tmp), root, DI);
  const bettiRate = opts.bettiRate ?? 0.01;
  const diBetti = bettiRate > 0 ? loadBundle(DI_BETTI, golden(DI_BETTI), root) : null;
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
      const u = rng();
      b = di !== null && u < opts.diRate ? di : diBetti !== null && u >= opts.diRate && u < opts.diRate + bettiRate ? diBetti : pick(rng, small);
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
  const r = runFuzz({ count: opt('--count', 100_000), seed: opt('--seed', 1), diRate: opt('--di-rate', 0.001), bettiRate: opt('--betti-rate', 0.01), progress: true });
  console.log(report(r));
  return failed(r) ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
