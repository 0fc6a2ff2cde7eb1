// bundleEncoding.ts: JSON encodings of ohc-bundle/1 values (integers and rationals as strings).
import { type Rat, gcd } from '../checker/rational.js';
import type { IntPoint, IntSparse, Sparse } from '../decide/regionQuery.js';

/** A JSON sparse integer vector `[[index, "int"], ...]`: indices strictly increasing, zeros dropped, repeats summed. */
export function sparseIntJson(v: IntSparse, scale: bigint = 1n): [number, string][] {
  return scaledSparse(v, scale).map(([i, x]) => [i, x.toString()]);
}

/**
 * A region-level bound as written, `{"v": scale·μ, "lambda": λ}`, divided by the gcd of all its
 * entries: a positive scaling keeps it a certificate (λ ≥ 0, λᵀA = vᵀP, and the sign of
 * vᵀ(y − q) − λᵀb for every y). On D-II model 0 that gcd has about 170 digits on average.
 */
export function boundJson(lambda: IntSparse, mu: IntSparse, scale: bigint): { v: [number, string][]; lambda: [number, string][] } {
  const v = scaledSparse(mu, scale);
  const l = scaledSparse(lambda, 1n);
  let g = 0n;
  for (const [, x] of v) if (g !== 1n) g = gcd(g, x);
  for (const [, x] of l) if (g !== 1n) g = gcd(g, x);
  const text = (w: (readonly [number, bigint])[]): [number, string][] => w.map(([i, x]) => [i, (g > 1n ? x / g : x).toString()]);
  return { v: text(v), lambda: text(l) };
}

/** `v` times `scale`, indices strictly increasing, zeros dropped, repeats summed. */
function scaledSparse(v: IntSparse, scale: bigint): (readonly [number, bigint])[] {
  const sorted = isStrictlySorted(v) ? v : mergeSparse(v);
  const out: (readonly [number, bigint])[] = [];
  for (const [i, x] of sorted) {
    const y = x * scale;
    if (y !== 0n) out.push([i, y]);
  }
  return out;
}

/** A JSON sparse rational vector `[[index, "p/q"], ...]` (scaled by the integer `scale`), sorted, zeros dropped. */
export function sparseRatJson(v: Sparse, scale: Rat): [number, string][] {
  const acc = new Map<number, Rat>();
  for (const [i, x] of v) {
    const prev = acc.get(i);
    acc.set(i, prev === undefined ? x : prev.add(x));
  }
  return [...acc.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([i, x]) => [i, x.mul(scale)] as const)
    .filter(([, x]) => !x.isZero())
    .map(([i, x]) => [i, x.toString()]);
}

/** A JSON point `{"num": [...], "den": "..."}` with a positive denominator. */
export function pointJson(p: IntPoint): { num: string[]; den: string } {
  const neg = p.den < 0n;
  return { num: p.num.map((x) => (neg ? -x : x).toString()), den: (neg ? -p.den : p.den).toString() };
}

/** `JSON.stringify(pointJson(p))`, written directly (the entries are decimal integers: nothing to escape). */
export function pointJsonText(p: IntPoint): string {
  const neg = p.den < 0n;
  let s = '{"num":[';
  for (let c = 0; c < p.num.length; c++) {
    const x = p.num[c] as bigint;
    s += `${c === 0 ? '"' : ',"'}${(neg ? -x : x).toString()}"`;
  }
  return `${s}],"den":"${(neg ? -p.den : p.den).toString()}"}`;
}

function isStrictlySorted(v: IntSparse): boolean {
  for (let t = 1; t < v.length; t++) if ((v[t - 1] as readonly [number, bigint])[0] >= (v[t] as readonly [number, bigint])[0]) return false;
  return true;
}

function mergeSparse(v: IntSparse): (readonly [number, bigint])[] {
  const acc = new Map<number, bigint>();
  for (const [i, x] of v) acc.set(i, (acc.get(i) ?? 0n) + x);
  return [...acc.entries()].sort((a, b) => a[0] - b[0]);
}
