// complexSpec.ts: the --complex option (knn-rips, rips, file) parsed to exact values, and its bundle form.
import { Rat } from '../checker/rational.js';
import { UsageError } from '../cli/usageError.js';
import { ratFromDecimal } from '../numbers/ratFromDecimal.js';
import { readComplexFile } from './fileComplex.js';

/**
 * Which complex K is built on the samples (certificates/FORMAT.md section 3):
 * - `knn-rips`: flag complex of "hop distance ≤ eps" in the k-nearest-neighbour graph;
 * - `rips`: flag complex of "squared Euclidean distance ≤ eps2";
 * - `file`: the closure of the simplices of an `ohc-complex/1` file.
 */
export type ComplexSpec =
  | { readonly kind: 'knn-rips'; readonly k: number; readonly eps: Rat }
  | { readonly kind: 'rips'; readonly eps2: Rat }
  | { readonly kind: 'file'; readonly path: string; readonly vertices: number; readonly simplices: readonly (readonly number[])[] };

/** Parse a non-negative exact number: a decimal (`2.5`, `1e-3`, read exactly) or `p/q`. */
export function parseExactOption(name: string, text: string): Rat {
  let r: Rat;
  try {
    r = text.includes('/') ? Rat.parse(text, { canonicalOnly: false, maxDigits: 1000 }) : ratFromDecimal(text);
  } catch {
    throw new UsageError(`${name} must be a decimal or p/q, got ${JSON.stringify(text)}`);
  }
  if (r.sign() < 0) throw new UsageError(`${name} must be non-negative, got ${JSON.stringify(text)}`);
  return r;
}

function params(kind: string, text: string, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text === '' ? [] : text.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (eq < 0 || !allowed.includes(key)) {
      throw new UsageError(`--complex ${kind}: expected ${allowed.map((a) => `${a}=…`).join(',')}, got ${JSON.stringify(part)}`);
    }
    if (out.has(key)) throw new UsageError(`--complex ${kind}: ${key} given twice`);
    out.set(key, part.slice(eq + 1));
  }
  for (const key of allowed) if (!out.has(key)) throw new UsageError(`--complex ${kind}: ${key}=… is required`);
  return out;
}

/**
 * Parse `--complex SPEC`: `knn-rips:k=K,eps=E` (K ≥ 1), `rips:eps2=E` (E a non-negative
 * decimal or `p/q`, read exactly, never as a float) or `file:PATH` (an `ohc-complex/1` file,
 * read now: InputError on bad content). Throws UsageError on a malformed spec.
 */
export function parseComplexSpec(text: string): ComplexSpec {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (kind === 'knn-rips') {
    const p = params(kind, rest, ['k', 'eps']);
    const kText = p.get('k') ?? '';
    if (!/^[1-9][0-9]{0,8}$/.test(kText)) throw new UsageError(`--complex knn-rips: k must be a positive integer, got ${JSON.stringify(kText)}`);
    return { kind, k: Number(kText), eps: parseExactOption('--complex knn-rips: eps', p.get('eps') ?? '') };
  }
  if (kind === 'rips') {
    const p = params(kind, rest, ['eps2']);
    return { kind, eps2: parseExactOption('--complex rips: eps2', p.get('eps2') ?? '') };
  }
  if (kind === 'file') {
    if (rest === '') throw new UsageError('--complex file:PATH needs a path');
    const c = readComplexFile(rest);
    return { kind, path: rest, vertices: c.vertices, simplices: c.simplices };
  }
  throw new UsageError(`--complex must be knn-rips:k=K,eps=E, rips:eps2=E or file:PATH, got ${JSON.stringify(text)}`);
}

/** The `spec` member of the `complex` record (FORMAT.md section 3). */
export function complexSpecRecord(spec: ComplexSpec): object {
  switch (spec.kind) {
    case 'knn-rips':
      return { kind: spec.kind, k: spec.k, eps: spec.eps.toString() };
    case 'rips':
      return { kind: spec.kind, eps2: spec.eps2.toString() };
    case 'file':
      return { kind: spec.kind, vertices: spec.vertices, simplices: spec.simplices.map((s) => [...s]) };
  }
}

/** Human-readable spec, e.g. `knn-rips k=19 eps=5/2`. */
export function describeComplexSpec(spec: ComplexSpec): string {
  switch (spec.kind) {
    case 'knn-rips':
      return `knn-rips k=${spec.k} eps=${spec.eps.toString()}`;
    case 'rips':
      return `rips eps2=${spec.eps2.toString()}`;
    case 'file':
      return `file ${spec.path} (${spec.vertices} vertices, ${spec.simplices.length} simplices)`;
  }
}
