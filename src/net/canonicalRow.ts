// canonicalRow.ts: how a region row a·x ≤ b is derived from a neuron (or the box), canonically.
import { type Rat, gcd } from '../checker/rational.js';

/** Where a region row comes from: a neuron (`layer` 1-based, `neuron` 0-based) or a box face. */
export type RowOrigin =
  | { readonly kind: 'neuron'; readonly layer: number; readonly neuron: number; readonly on: boolean }
  | { readonly kind: 'box'; readonly axis: number; readonly upper: boolean };

/** One inequality `a·x ≤ b` with integer entries. */
export interface IntRow {
  readonly a: bigint[];
  readonly b: bigint;
}

/** gcd of |entries| (0 when all are 0); common powers of two are removed first (cheap). */
function gcdAll(xs: readonly bigint[]): bigint {
  let acc = 0n;
  for (const x of xs) acc |= x;
  if (acc === 0n) return 0n;
  const two = acc & -acc; // 2^(min trailing zeros)
  let g = 0n;
  for (const x of xs) {
    if (x === 0n) continue;
    g = g === 0n ? (x < 0n ? -x : x) / two : gcd(g, x / two);
    if (g === 1n) break;
  }
  return g * two;
}

/**
 * The canonical row of neuron `j` of layer `i` in a region.
 *
 * Input: integers `g` (length d) and `h` POSITIVELY proportional to the pre-activation as an
 * affine function of the input, valid on the parent region: `z_ij(x) = (g·x + h)/s` for some
 * rational `s > 0`. (In `computeLayers`, `g = W_i[j]·M_{i-1}` and `h = W_i[j]·c_{i-1} +
 * b_i[j]·e_{i-1}` from the scaled layer `(W_i, b_i)/D_i` and the parent's local map
 * `(M_{i-1} x + c_{i-1})/e_{i-1}`, so `s = D_i e_{i-1}`; for layer 1 the parent map is the
 * identity, `M_0 = I`, `c_0 = 0`, `e_0 = 1`.)
 *
 * Row before scaling: ON (`z_ij > 0` at the region's samples) gives `−g·x ≤ h`, i.e.
 * `z_ij(x) ≥ 0`; OFF gives `g·x ≤ −h`, i.e. `z_ij(x) ≤ 0`. Then the whole row `(a, b)` is divided
 * by `gcd(|a_1|, …, |a_d|, |b|)` (nothing when that is 0), so the canonical row is the unique
 * primitive integer row positively proportional to `(−s·g, s·h)` (ON) or `(s·g, −s·h)` (OFF) for
 * the exact rational `(g, h)`, whatever positive scaling the caller used. A checker recomputing
 * `(g, h)` with rationals gets the same row from {@link canonicalRowFromRats}.
 */
export function canonicalRow(g: readonly bigint[], h: bigint, on: boolean): IntRow {
  const a = on ? g.map((x) => -x) : g.slice();
  const b = on ? h : -h;
  const q = gcdAll([...a, b]);
  if (q <= 1n) return { a, b };
  return { a: a.map((x) => x / q), b: b / q };
}

/**
 * {@link canonicalRow} for the exact rational affine function `z(x) = g·x + h`: multiplies by the
 * lcm of all denominators (a positive scaling), then canonicalises. Same result as `canonicalRow`
 * on any positive integer multiple of `(g, h)`.
 */
export function canonicalRowFromRats(g: readonly Rat[], h: Rat, on: boolean): IntRow {
  let l = h.d;
  for (const r of g) l = (l / gcd(l, r.d)) * r.d;
  return canonicalRow(
    g.map((r) => r.n * (l / r.d)),
    h.n * (l / h.d),
    on,
  );
}

/**
 * The 2d rows of the box [−B, B]^d, in the reference's order (`[−I; I] x ≤ [B…; B…]`): first the
 * lower faces `−x_k ≤ B` for k = 0..d−1, then the upper faces `x_k ≤ B` for k = 0..d−1. These are
 * already canonical when `B` is an integer ≥ 1 (gcd(1, B) = 1).
 */
export function boxRows(d: number, B: bigint): { rows: IntRow[]; origins: RowOrigin[] } {
  if (B < 1n) throw new RangeError('box half-width must be a positive integer');
  const rows: IntRow[] = [];
  const origins: RowOrigin[] = [];
  for (const upper of [false, true]) {
    for (let k = 0; k < d; k++) {
      const a = new Array<bigint>(d).fill(0n);
      a[k] = upper ? 1n : -1n;
      rows.push({ a, b: B });
      origins.push({ kind: 'box', axis: k, upper });
    }
  }
  return { rows, origins };
}
