// parse.ts: defensive readers for the JSON values of a bundle (integers, rationals, indices, lists).
import { Rat } from './rational.js';
import { type Step, reject } from './verdict.js';

/** Limits of FORMAT.md: digits of an integer or rational, entries of a list, bytes of a line. */
export let MAX_DIGITS = 100_000;
export let MAX_LIST = 100_000_000;
export let MAX_LINE = 256 * 1024 * 1024;

/** Replace the limits given (`ohc check --max-*`; realm-wide); returns the previous ones. */
export function setBundleLimits(l: { maxDigits?: number; maxList?: number; maxLine?: number }): { maxDigits: number; maxList: number; maxLine: number } {
  const prev = { maxDigits: MAX_DIGITS, maxList: MAX_LIST, maxLine: MAX_LINE };
  ({ maxDigits: MAX_DIGITS = MAX_DIGITS, maxList: MAX_LIST = MAX_LIST, maxLine: MAX_LINE = MAX_LINE } = l);
  return prev;
}

/** A sparse vector: strictly increasing indices `i`, non-zero values `v`. */
export interface Sparse {
  readonly i: readonly number[];
  readonly v: readonly bigint[];
}

/** A point `num[k]/den`, den > 0. */
export interface Point {
  readonly num: readonly bigint[];
  readonly den: bigint;
}

const INT = /^-?(0|[1-9][0-9]*)$/;

/** A JSON object with only the `allowed` keys. */
export function obj(x: unknown, at: Step, what: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) reject('parse', at, `${what} is not an object`);
  for (const k of Object.keys(x)) if (!allowed.includes(k)) reject('parse', at, `${what} has unknown field ${JSON.stringify(k)}`);
  return x as Record<string, unknown>;
}

/** A JSON array of at most MAX_LIST entries. */
export function list(x: unknown, at: Step, what: string): readonly unknown[] {
  if (!Array.isArray(x)) reject('parse', at, `${what} is not a list`);
  if (x.length > MAX_LIST) reject('limits', at, `${what} has ${x.length} entries (limit ${MAX_LIST})`);
  return x;
}

/** An integer string `-?(0|[1-9][0-9]*)`. */
export function int(x: unknown, at: Step, what: string): bigint {
  if (typeof x !== 'string') reject('parse', at, `${what} is not an integer string`);
  if (x.length > MAX_DIGITS + 1) reject('limits', at, `${what} has more than ${MAX_DIGITS} digits`);
  if (!INT.test(x) || x === '-0') reject('parse', at, `${what} is not a canonical integer: ${JSON.stringify(x.slice(0, 40))}`);
  return BigInt(x);
}

/** A rational string `p/q` in lowest terms (q > 1), or an integer. */
export function rat(x: unknown, at: Step, what: string): Rat {
  if (typeof x !== 'string') reject('parse', at, `${what} is not a rational string`);
  try {
    return Rat.parse(x, { maxDigits: MAX_DIGITS });
  } catch (e) {
    return reject(e instanceof RangeError ? 'limits' : 'parse', at, `${what}: ${(e as Error).message}`);
  }
}

/** A JSON number that is an integer in [0, bound) (and below 2^31). */
export function idx(x: unknown, at: Step, what: string, bound = 2 ** 31): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= 2 ** 31) reject('parse', at, `${what} is not an index: ${JSON.stringify(x)}`);
  if (x >= bound) reject('parse', at, `${what} = ${x} is out of range (< ${bound})`);
  return x;
}

/** A sparse integer vector over indices < bound; `positive` demands every value > 0. */
export function sparse(x: unknown, at: Step, what: string, bound: number, positive: boolean): Sparse {
  const es = list(x, at, what);
  const i: number[] = [];
  const v: bigint[] = [];
  for (const e of es) {
    const pair = list(e, at, what);
    if (pair.length !== 2) reject('parse', at, `${what} entry is not [index, value]`);
    const k = idx(pair[0], at, `${what} index`, bound);
    const val = int(pair[1], at, `${what}[${k}]`);
    const last = i[i.length - 1];
    if (last !== undefined && k <= last) reject('parse', at, `${what} index ${k} repeated or out of order`);
    if (val === 0n) reject('parse', at, `${what}[${k}] is zero (sparse vectors list non-zeros)`);
    if (positive && val < 0n) reject('parse', at, `${what}[${k}] = ${val} is negative`);
    i.push(k);
    v.push(val);
  }
  return { i, v };
}

/** A sparse rational vector `[[index, "p/q"], …]` as Rat entries (for `pinned`). */
export function sparseRat(x: unknown, at: Step, what: string, bound: number): { row: number; value: Rat }[] {
  const out: { row: number; value: Rat }[] = [];
  for (const e of list(x, at, what)) {
    const pair = list(e, at, what);
    if (pair.length !== 2) reject('parse', at, `${what} entry is not [index, value]`);
    const row = idx(pair[0], at, `${what} index`, bound);
    const last = out[out.length - 1];
    if (last !== undefined && row <= last.row) reject('parse', at, `${what} index ${row} repeated or out of order`);
    out.push({ row, value: rat(pair[1], at, `${what}[${row}]`) });
  }
  return out;
}

/** A point `{"num": [int × d], "den": int > 0}`. */
export function point(x: unknown, at: Step, what: string, d: number): Point {
  const o = obj(x, at, what, ['num', 'den']);
  const nums = list(o['num'], at, `${what}.num`);
  if (nums.length !== d) reject('parse', at, `${what} has ${nums.length} coordinates, expected ${d}`);
  const den = int(o['den'], at, `${what}.den`);
  if (den <= 0n) reject('parse', at, `${what}.den = ${den} is not positive`);
  return { num: nums.map((n, k) => int(n, at, `${what}.num[${k}]`)), den };
}
