// polygonLp.ts: an exact, warm-started vertex simplex for max c·x subject to A x ≤ b in small dimension.
import type { FloatVec } from '../checker/floatSign.js';
import { scaledFloats } from '../lp/floatGuide.js';
import { intAdjugate } from '../lp/intAdjugate.js';
import { violatedRowFiltered } from '../lp/verifyInt.js';

/**
 * The rows `(a_i, b_i)` of `A x ≤ b` as floats, each scaled by its own positive factor to a largest
 * magnitude of about 1 (row-major, `d + 1` entries per row). A guide for the ratio test only.
 */
export interface FloatRows {
  readonly d: number;
  readonly f: Float64Array;
}

/** Scale every row of `A x ≤ b` to floats (see {@link FloatRows}). */
export function floatRows(A: readonly (readonly bigint[])[], b: readonly bigint[]): FloatRows {
  const d = A[0]?.length ?? 0;
  const f = new Float64Array(A.length * (d + 1));
  A.forEach((row, i) => scaledFloats([...row, b[i] as bigint], f, i * (d + 1)));
  return { d, f };
}

function bitLen(v: bigint): number {
  return v === 0n ? 0 : (v < 0n ? -v : v).toString(16).length * 4;
}

/** n / d (d > 0) as a float, without overflow for large integers. */
function ratioFloat(n: bigint, d: bigint): number {
  const sh = Math.max(0, Math.max(bitLen(n), bitLen(d)) - 900);
  const s = BigInt(sh);
  return Number(n >> s) / Number(d >> s);
}

/** Integers `v` as floats scaled by one positive factor (largest magnitude about 1). */
function directionFloat(v: readonly bigint[]): number[] {
  const out = new Float64Array(v.length);
  scaledFloats(v, out);
  return [...out];
}

/**
 * An optimal vertex of `max c·x` s.t. `A x ≤ b`: `x = xNum / den` (den > 0), the basis (d rows,
 * tight at x, linearly independent) it was read from, and the dual as integers: `λ ≥ 0` on the
 * basis rows (sparse, rows ascending, non-zero) with `λᵀA = den·c` and `λᵀb = den·(c·x) = valueNum`.
 */
export interface VertexOptimum {
  readonly basis: readonly number[];
  readonly xNum: readonly bigint[];
  readonly den: bigint;
  readonly lambda: readonly (readonly [number, bigint])[];
  /** `c·xNum`, so that the optimal value is `valueNum / den`. */
  readonly valueNum: bigint;
}

/**
 * Row indices of `d` linearly independent rows of `A` tight at `x = xNum / den`, preferring the
 * rows of `prefer` (in their order), then the others by index; null when the tight rows have
 * rank < d (x is not a vertex).
 */
export function vertexBasis(
  A: readonly (readonly bigint[])[],
  b: readonly bigint[],
  xNum: readonly bigint[],
  den: bigint,
  prefer: readonly number[] = [],
): number[] | null {
  const d = xNum.length;
  const tight = (i: number): boolean => {
    const row = A[i] as readonly bigint[];
    let s = 0n;
    for (let c = 0; c < d; c++) s += (row[c] as bigint) * (xNum[c] as bigint);
    return s === (b[i] as bigint) * den;
  };
  const chosen: number[] = [];
  // a fraction-free echelon of the chosen rows, to test independence
  const echelon: { v: bigint[]; col: number }[] = [];
  const tryAdd = (i: number): void => {
    if (chosen.length === d || chosen.includes(i) || !tight(i)) return;
    const v = (A[i] as readonly bigint[]).slice();
    for (const { v: e, col } of echelon) {
      const f = v[col] as bigint;
      if (f === 0n) continue;
      const p = e[col] as bigint;
      for (let c = 0; c < d; c++) v[c] = p * (v[c] as bigint) - f * (e[c] as bigint);
    }
    const col = v.findIndex((x) => x !== 0n);
    if (col < 0) return;
    echelon.push({ v, col });
    chosen.push(i);
  };
  for (const i of prefer) tryAdd(i);
  for (let i = 0; i < A.length && chosen.length < d; i++) tryAdd(i);
  return chosen.length === d ? chosen : null;
}

/** Does `x = xNum / den` (den > 0) satisfy every row of `A x ≤ b`? Exact. */
export function pointFeasible(A: readonly (readonly bigint[])[], b: readonly bigint[], xNum: readonly bigint[], den: bigint): boolean {
  const d = xNum.length;
  for (let i = 0; i < A.length; i++) {
    const row = A[i] as readonly bigint[];
    let s = 0n;
    for (let t = 0; t < d; t++) s += (row[t] as bigint) * (xNum[t] as bigint);
    if (s > (b[i] as bigint) * den) return false;
  }
  return true;
}

/**
 * {@link pointFeasible} with each row's sign read from the proven float filter when it can tell
 * (`forms[i]`: row `(a_i, b_i)` as a FloatVec, see `rowFormsOf`); a row it cannot settle is
 * checked exactly. Exact either way.
 */
export function pointFeasibleFiltered(
  A: readonly (readonly bigint[])[],
  b: readonly bigint[],
  forms: readonly FloatVec[],
  xNum: readonly bigint[],
  den: bigint,
): boolean {
  return violatedRowFiltered(A, b, forms, xNum, den) < 0;
}

/**
 * Maximise `c·x` over `A x ≤ b` by the primal simplex on vertices, starting from the feasible
 * basis `start` (d independent rows, tight at a feasible vertex), with Bland's rule (drop the
 * lowest-index row with a negative multiplier; among ratio-test ties add the lowest-index row).
 * Exact in integers (adjugates of the d × d basis). Returns 'unbounded' on an unbounded edge, or
 * null when the start is not a feasible basis or `maxPivots` is exceeded (the caller then uses
 * the general LP). With a float `guide`, floats pick the few candidate rows of each ratio test
 * and the exact test runs on those only (a wrong pick shows as an infeasible point). The dual is
 * exact either way (λ ≥ 0 proves `max ≤ value`); the point is checked against every row unless
 * `checkPoint` is false (then the caller must check it before using it as a point of the set).
 */
export function maximizeFrom(
  A: readonly (readonly bigint[])[],
  b: readonly bigint[],
  c: readonly bigint[],
  start: readonly number[],
  maxPivots = 200,
  guide?: FloatRows,
  checkPoint = true,
): VertexOptimum | 'unbounded' | null {
  const d = c.length;
  const m = A.length;
  if (start.length !== d) return null;
  const basis = start.slice();
  const inBasis = new Uint8Array(m);
  for (const i of basis) inBasis[i] = 1;
  for (let pivots = 0; pivots <= maxPivots; pivots++) {
    const { det, adj } = intAdjugate(basis.map((i) => A[i] as readonly bigint[]));
    if (det === 0n) return null;
    // A_B^{-1} = Adj / D with D > 0
    const D = det < 0n ? -det : det;
    const Adj = det < 0n ? adj.map((r) => r.map((v) => -v)) : adj;
    const at = (j: number, k: number): bigint => (Adj[j] as bigint[])[k] as bigint;
    const xNum = new Array<bigint>(d).fill(0n);
    for (let j = 0; j < d; j++) {
      let s = 0n;
      for (let k = 0; k < d; k++) s += at(j, k) * (b[basis[k] as number] as bigint);
      xNum[j] = s;
    }
    // multipliers λ_k = (cᵀ Adj)_k / D on the basis rows
    const lam = new Array<bigint>(d).fill(0n);
    let drop = -1;
    for (let k = 0; k < d; k++) {
      let s = 0n;
      for (let j = 0; j < d; j++) s += (c[j] as bigint) * at(j, k);
      lam[k] = s;
      if (s < 0n && (drop < 0 || (basis[k] as number) < (basis[drop] as number))) drop = k;
    }
    if (drop < 0) {
      // optimal for the rows met so far: check every row once, exactly (unless the caller will)
      if (checkPoint && !pointFeasible(A, b, xNum, D)) return null;
      const lambda = basis
        .map((row, k) => [row, lam[k] as bigint] as const)
        .filter(([, v]) => v !== 0n)
        .sort((p, q) => p[0] - q[0]);
      let valueNum = 0n;
      for (let j = 0; j < d; j++) valueNum += (c[j] as bigint) * (xNum[j] as bigint);
      return { basis, xNum, den: D, lambda, valueNum };
    }
    // move along u = −Adj[:, drop] (row `drop` becomes slack, the others stay tight)
    const exactRow = (i: number): { g: bigint; s: bigint } => {
      const row = A[i] as readonly bigint[];
      let g = 0n;
      for (let j = 0; j < d; j++) g -= (row[j] as bigint) * at(j, drop);
      let s = (b[i] as bigint) * D;
      for (let j = 0; j < d; j++) s -= (row[j] as bigint) * (xNum[j] as bigint);
      return { g, s };
    };
    let enter = -1;
    let bestS = 0n;
    let bestG = 1n;
    const consider = (i: number): boolean => {
      const { g, s } = exactRow(i);
      if (g <= 0n) return true;
      if (s < 0n) return false; // the start was not feasible
      // s/g < bestS/bestG (ties keep the lower index when rows come in ascending order)
      if (enter < 0 || s * bestG < bestS * g || (s * bestG === bestS * g && i < enter)) {
        enter = i;
        bestS = s;
        bestG = g;
      }
      return true;
    };
    if (guide === undefined) {
      for (let i = 0; i < m; i++) if (inBasis[i] === 0 && !consider(i)) return null;
    } else {
      // floats pick the candidate rows (near-minimal ratios); the exact ratio test runs on them only
      const xf = xNum.map((v) => ratioFloat(v, D));
      const uf = directionFloat(Adj.map((r) => -(r[drop] as bigint)));
      const f = guide.f;
      const w = d + 1;
      const ratio = new Float64Array(m).fill(Infinity);
      let min = Infinity;
      for (let i = 0; i < m; i++) {
        if (inBasis[i] === 1) continue;
        let g = 0;
        let ax = 0;
        for (let j = 0; j < d; j++) {
          g += (f[i * w + j] as number) * (uf[j] as number);
          ax += (f[i * w + j] as number) * (xf[j] as number);
        }
        if (!(g > 1e-12)) continue;
        const r = Math.max(0, (f[i * w + d] as number) - ax) / g;
        ratio[i] = r;
        if (r < min) min = r;
      }
      if (min === Infinity) return null; // maybe unbounded: let the exact route decide
      const cut = min + 1e-7 * (1 + min);
      for (let i = 0; i < m; i++) if ((ratio[i] as number) <= cut && !consider(i)) return null;
    }
    if (enter < 0) return 'unbounded';
    inBasis[basis[drop] as number] = 0;
    inBasis[enter] = 1;
    basis[drop] = enter;
  }
  return null;
}
