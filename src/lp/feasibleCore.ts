// feasibleCore.ts: integer-level decision of { x : A x <= b } (no verification, no rationals).
import { floatPhase1Basis } from './floatGuide.js';
import { runStandardSimplex } from './standardSimplex.js';

/**
 * Integer outcome of {@link feasibleCore}.
 * - `feasible`: `x = num/den` (`den > 0`) satisfies `A x <= b`.
 * - `infeasible`: `vals > 0` on increasing `rows` (at most `k+1`), `sum vals*A[row] = 0`,
 *   `sum vals*b[row] < 0`.
 */
export type FeasibleCoreResult =
  | { readonly kind: 'feasible'; readonly num: bigint[]; readonly den: bigint }
  | { readonly kind: 'infeasible'; readonly rows: number[]; readonly vals: bigint[] };

/** Which route {@link feasibleCore} took (for statistics). */
export type FeasibleRoute = 'origin' | 'zero-row' | 'interval' | 'simplex';

/** Mutable slot receiving the route of the last {@link feasibleCore} call, if the caller wants it. */
export interface RouteSlot {
  route: FeasibleRoute;
}

/** From this many rows on, a float run proposes the simplex's starting basis. */
const FLOAT_GUIDE_MIN_ROWS = 40;

function isZeroRow(a: readonly bigint[]): boolean {
  for (const v of a) if (v !== 0n) return false;
  return true;
}

/**
 * Decide `A x <= b` over `Q^k` (`x` free). Exact and unverified: callers verify.
 * Cheap routes first (origin, zero row, 1-D intervals), else the simplex method on the Farkas
 * standard form `[A^T; -b^T] lambda = e_k`, `lambda >= 0`, whose phase-1 multipliers give a point.
 */
export function feasibleCore(
  A: readonly (readonly bigint[])[],
  b: readonly bigint[],
  k: number,
  slot?: RouteSlot,
): FeasibleCoreResult {
  const m = A.length;
  let allNonNeg = true;
  for (let i = 0; i < m; i++) {
    const bi = b[i] as bigint;
    if (bi < 0n) {
      allNonNeg = false;
      if (isZeroRow(A[i] as readonly bigint[])) {
        if (slot) slot.route = 'zero-row';
        return { kind: 'infeasible', rows: [i], vals: [1n] };
      }
    }
  }
  if (allNonNeg) {
    if (slot) slot.route = 'origin';
    return { kind: 'feasible', num: new Array<bigint>(k).fill(0n), den: 1n };
  }
  if (k === 0) throw new Error('feasibleCore: 0-dimensional system not settled (internal error)');
  if (k === 1) {
    if (slot) slot.route = 'interval';
    return interval(A, b);
  }
  if (slot) slot.route = 'simplex';
  const cols: bigint[][] = [];
  for (let i = 0; i < m; i++) {
    const a = A[i] as readonly bigint[];
    const col = a.slice();
    col.push(-(b[i] as bigint));
    cols.push(col);
  }
  const rhs = new Array<bigint>(k + 1).fill(0n);
  rhs[k] = 1n;
  // Many rows: a float phase-1 run proposes the starting basis (checked exactly, else ignored).
  const start = m >= FLOAT_GUIDE_MIN_ROWS ? floatPhase1Basis(cols, rhs) : undefined;
  const out = runStandardSimplex({ cols, rhs, start });
  if (out.kind === 'phase1Positive') {
    const y = out.y;
    const den = y[k] as bigint;
    if (den <= 0n) throw new Error('feasibleCore: phase-1 multiplier not positive (internal error)');
    return { kind: 'feasible', num: y.slice(0, k), den };
  }
  if (out.kind !== 'optimal') throw new Error('feasibleCore: unexpected simplex outcome (internal error)');
  const pairs: [number, bigint][] = [];
  for (let i = 0; i < out.basis.length; i++) {
    const j = out.basis[i] as number;
    const v = out.beta[i] as bigint;
    if (j >= 0 && v !== 0n) pairs.push([j, v]);
  }
  pairs.sort((u, v) => u[0] - v[0]);
  return { kind: 'infeasible', rows: pairs.map((q) => q[0]), vals: pairs.map((q) => q[1]) };
}

/** Floor of `n/d` for `d > 0`. */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d > n ? q - 1n : q;
}

/** One variable: intersect the half-lines; a crossing pair is the Farkas certificate. */
function interval(A: readonly (readonly bigint[])[], b: readonly bigint[]): FeasibleCoreResult {
  // Upper bound x <= hiN/hiD (hiD > 0) from rows with a > 0; lower bound x >= loN/loD from a < 0.
  let hi = -1;
  let hiN = 0n;
  let hiD = 1n;
  let lo = -1;
  let loN = 0n;
  let loD = 1n;
  for (let i = 0; i < A.length; i++) {
    const a = (A[i] as readonly bigint[])[0] as bigint;
    const bi = b[i] as bigint;
    if (a > 0n) {
      if (hi < 0 || bi * hiD < hiN * a) {
        hi = i;
        hiN = bi;
        hiD = a;
      }
    } else if (a < 0n) {
      if (lo < 0 || -bi * loD > loN * -a) {
        lo = i;
        loN = -bi;
        loD = -a;
      }
    }
  }
  if (hi >= 0 && lo >= 0 && loN * hiD > hiN * loD) {
    // lambda_hi = loD, lambda_lo = hiD: loD*a_hi + hiD*a_lo = loD*hiD - hiD*loD = 0.
    const rows = hi < lo ? [hi, lo] : [lo, hi];
    const vals = hi < lo ? [loD, hiD] : [hiD, loD];
    return { kind: 'infeasible', rows, vals };
  }
  if (hi >= 0) {
    const f = floorDiv(hiN, hiD);
    if (lo < 0 || f * loD >= loN) return { kind: 'feasible', num: [f], den: 1n };
    return { kind: 'feasible', num: [hiN], den: hiD };
  }
  if (lo >= 0) {
    const c = -floorDiv(-loN, loD);
    return { kind: 'feasible', num: [c], den: 1n };
  }
  return { kind: 'feasible', num: [0n], den: 1n };
}
