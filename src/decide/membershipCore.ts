// membershipCore.ts: exact, certified decision of { z : ineqA z <= ineqB, eqA z = eqB } over Q.
import { Rat } from '../checker/rational.js';
import { eliminateEqualities } from '../lp/eliminate.js';
import { feasibleCore, type RouteSlot } from '../lp/feasibleCore.js';
import { floatFarkasSupport, floatToDyadic, scaledFloats } from '../lp/floatGuide.js';
import { ratsOver } from '../lp/lazyPoint.js';
import type { LazyPoint, SparseEntry } from '../lp/types.js';

/** An integer system `ineqA z <= ineqB`, `eqA z = eqB`. */
export interface IntSystem {
  readonly ineqA: readonly (readonly bigint[])[];
  readonly ineqB: readonly bigint[];
  readonly eqA: readonly (readonly bigint[])[];
  readonly eqB: readonly bigint[];
}

/**
 * The route a decision took, for statistics: `zero-row` (a zero row with an impossible
 * right-hand side), `eq-inconsistent` (the equalities alone), `full-rank` (the equalities pin a
 * single point), and on the system reduced to the null space of the equalities: `origin` (the
 * particular solution works), `interval` (one free direction), `simplex`, `float-support` (a
 * float pass guessed the rows of a Farkas vector and the exact solve on those rows confirmed it),
 * `float-point` (one free direction: the float midpoint of the feasible interval, taken exactly,
 * is exactly a witness).
 */
export type DecisionPath =
  | 'zero-row'
  | 'eq-inconsistent'
  | 'full-rank'
  | 'origin'
  | 'interval'
  | 'simplex'
  | 'float-support'
  | 'float-point';

/** From this many inequality rows on, a float pass guesses the support of a Farkas vector. */
const FLOAT_FILTER_MIN_ROWS = 16;

/** Result of {@link decideSystem}. */
export type Decision =
  | {
      readonly kind: 'witness';
      /** A point of the system (rationals computed on first access from `point`). */
      readonly z: Rat[];
      /** The point as integer numerators over a positive common denominator. */
      readonly point: LazyPoint;
      readonly path: DecisionPath;
    }
  | {
      readonly kind: 'farkas';
      /** `lambda >= 0` on inequality rows, sorted by row, nonzero values. */
      readonly lambda: SparseEntry[];
      /** Free `mu` on equality rows, sorted by row, nonzero values. */
      readonly mu: SparseEntry[];
      readonly path: DecisionPath;
    };

function witness(num: bigint[], den: bigint, path: DecisionPath): Decision {
  let cache: Rat[] | undefined;
  return {
    kind: 'witness',
    point: { num, den },
    get z(): Rat[] {
      cache ??= ratsOver(num, den);
      return cache;
    },
    path,
  };
}

function entries(rows: readonly number[], vals: readonly bigint[]): SparseEntry[] {
  const out: SparseEntry[] = [];
  for (let t = 0; t < rows.length; t++) {
    const v = vals[t] as bigint;
    if (v !== 0n) out.push({ row: rows[t] as number, value: Rat.int(v) });
  }
  return out;
}

function isZeroRow(a: readonly bigint[]): boolean {
  for (const v of a) if (v !== 0n) return false;
  return true;
}

/**
 * Decide `{ z in Q^k : ineqA z <= ineqB, eqA z = eqB }` exactly (`k` defaults to the row length).
 * Returns a witness point or a Farkas certificate (`lambda >= 0`, `mu` free, integer values,
 * `lambda^T ineqA + mu^T eqA = 0`, `lambda^T ineqB + mu^T eqB < 0`), verified before returning.
 * Cheap routes first: zero rows, inconsistent equalities, a unique point when the equalities have
 * full column rank; otherwise the inequalities are restricted to the solution set of the
 * equalities, `z = (x0 + N s)/det`, and decided in `k - rank` variables.
 */
export function decideSystem(sys: IntSystem, k: number = (sys.ineqA[0] ?? sys.eqA[0] ?? []).length): Decision {
  const { ineqA: A, ineqB: b, eqA: E, eqB: f } = sys;
  const m = A.length;
  if (b.length !== m || f.length !== E.length) throw new RangeError('decideSystem: row counts of matrices and right-hand sides differ');
  for (const a of A) if (a.length !== k) throw new RangeError(`decideSystem: inequality row of length ${a.length}, expected ${k}`);
  for (const a of E) if (a.length !== k) throw new RangeError(`decideSystem: equality row of length ${a.length}, expected ${k}`);

  // (a) zero rows with an impossible right-hand side.
  for (let i = 0; i < E.length; i++) {
    const fi = f[i] as bigint;
    if (fi !== 0n && isZeroRow(E[i] as readonly bigint[])) {
      return { kind: 'farkas', lambda: [], mu: [{ row: i, value: Rat.int(fi > 0n ? -1n : 1n) }], path: 'zero-row' };
    }
  }
  for (let i = 0; i < m; i++) {
    if ((b[i] as bigint) < 0n && isZeroRow(A[i] as readonly bigint[])) {
      return { kind: 'farkas', lambda: [{ row: i, value: Rat.ONE }], mu: [], path: 'zero-row' };
    }
  }

  // (b) the equalities alone.
  const el = eliminateEqualities(E, f, k);
  if (el.kind === 'inconsistent') {
    return finish(sys, k, { kind: 'farkas', lambda: [], mu: entries(el.rows, el.vals), path: 'eq-inconsistent' });
  }
  const { pivotRows: P, pivotCols: C, det, adj } = el;
  const r = P.length;
  // x0 on the pivot columns: x0C = adj * f_P (over det).
  const x0C: bigint[] = [];
  for (let t = 0; t < r; t++) {
    const row = adj[t] as bigint[];
    let s = 0n;
    for (let u = 0; u < r; u++) s += (row[u] as bigint) * (f[P[u] as number] as bigint);
    x0C.push(s);
  }

  // (c) full column rank: the unique candidate.
  if (r === k) {
    const zNum = new Array<bigint>(k).fill(0n);
    for (let t = 0; t < r; t++) zNum[C[t] as number] = x0C[t] as bigint;
    for (let i = 0; i < m; i++) {
      const a = A[i] as readonly bigint[];
      let s = 0n;
      for (let c = 0; c < k; c++) s += (a[c] as bigint) * (zNum[c] as bigint);
      if (s > (b[i] as bigint) * det) {
        // a_i = (a_i[C] adj / det) E_P: lambda_i = det, mu_P = -a_i[C] adj.
        const muVals: bigint[] = [];
        for (let t = 0; t < r; t++) {
          let w = 0n;
          for (let u = 0; u < r; u++) w += (a[C[u] as number] as bigint) * ((adj[u] as bigint[])[t] as bigint);
          muVals.push(-w);
        }
        return finish(sys, k, {
          kind: 'farkas',
          lambda: [{ row: i, value: Rat.int(det) }],
          mu: entries(P, muVals),
          path: 'full-rank',
        });
      }
    }
    // Every inequality was just checked exactly against zNum/det; finish checks the equalities.
    return finish(sys, k, witness(zNum, det, 'full-rank'), true);
  }

  // (d) restrict to z = (x0 + N s)/det with N's columns n_j (j free): n_j[j] = det, n_j[C] = -g_j.
  const free: number[] = [];
  const isPivot = new Uint8Array(k);
  for (const c of C) isPivot[c] = 1;
  for (let j = 0; j < k; j++) if (isPivot[j] === 0) free.push(j);
  const kr = free.length;
  const slot: RouteSlot = { route: 'simplex' };
  if (r === 0) {
    const res = feasibleCore(A, b, k, slot);
    if (res.kind === 'feasible') return finish(sys, k, witness(res.num, res.den, slot.route));
    return finish(sys, k, { kind: 'farkas', lambda: entries(res.rows, res.vals), mu: [], path: slot.route });
  }
  const g: bigint[][] = free.map((j) => {
    const gj: bigint[] = [];
    for (let t = 0; t < r; t++) {
      const row = adj[t] as bigint[];
      let s = 0n;
      for (let u = 0; u < r; u++) s += (row[u] as bigint) * ((E[P[u] as number] as readonly bigint[])[j] as bigint);
      gj.push(s);
    }
    return gj;
  });
  const reducedRow = (i: number): [bigint[], bigint] => {
    const a = A[i] as readonly bigint[];
    const row: bigint[] = [];
    for (let jj = 0; jj < kr; jj++) {
      const gj = g[jj] as bigint[];
      let s = det * (a[free[jj] as number] as bigint);
      for (let t = 0; t < r; t++) {
        const at = a[C[t] as number] as bigint;
        if (at !== 0n) s -= at * (gj[t] as bigint);
      }
      row.push(s);
    }
    let s = det * (b[i] as bigint);
    for (let t = 0; t < r; t++) {
      const at = a[C[t] as number] as bigint;
      if (at !== 0n) s -= at * (x0C[t] as bigint);
    }
    return [row, s];
  };
  // Map a Farkas vector of the reduced system back: v = sum vals_i a_i lies in the row space of
  // E_P; lambda = det * vals, mu_P = -v[C] adj.
  const mapBack = (rows: readonly number[], vals: readonly bigint[], path: DecisionPath): Decision => {
    const v = new Array<bigint>(k).fill(0n);
    for (let t = 0; t < rows.length; t++) {
      const a = A[rows[t] as number] as readonly bigint[];
      const val = vals[t] as bigint;
      for (let c = 0; c < k; c++) v[c] = (v[c] as bigint) + val * (a[c] as bigint);
    }
    const muVals: bigint[] = [];
    for (let t = 0; t < r; t++) {
      let w = 0n;
      for (let u = 0; u < r; u++) w += (v[C[u] as number] as bigint) * ((adj[u] as bigint[])[t] as bigint);
      muVals.push(-w);
    }
    return finish(sys, k, { kind: 'farkas', lambda: entries(rows, vals.map((x) => x * det)), mu: entries(P, muVals), path });
  };

  if (m >= FLOAT_FILTER_MIN_ROWS) {
    const guess = guessReduced(A, b, k, kr, free, C, g, det, x0C);
    if (guess.kind === 'point') {
      // z = (x0 + s n)/det with the float s taken exactly; accepted only if exactly a witness.
      const { m: sm, e } = guess.s;
      const sh = BigInt(e < 0 ? -e : 0);
      const sMul = e < 0 ? sm : sm << BigInt(e);
      const nv = g[0] as bigint[];
      const zNum = new Array<bigint>(k).fill(0n);
      C.forEach((c, t) => (zNum[c] = ((x0C[t] as bigint) << sh) - sMul * (nv[t] as bigint)));
      zNum[free[0] as number] = sMul * det;
      const zDen = det << sh;
      if (witnessHolds(sys, k, zNum, zDen)) return witness(zNum, zDen, "float-point");
    }
    const support = guess.kind === 'support' ? guess.rows : undefined;
    if (support !== undefined) {
      const Rs: bigint[][] = [];
      const rbs: bigint[] = [];
      for (const i of support) {
        const [row, rhs] = reducedRow(i);
        Rs.push(row);
        rbs.push(rhs);
      }
      const sub = feasibleCore(Rs, rbs, kr);
      if (sub.kind === 'infeasible') return mapBack(sub.rows.map((t) => support[t] as number), sub.vals, 'float-support');
    }
  }

  const R: bigint[][] = [];
  const rb: bigint[] = [];
  for (let i = 0; i < m; i++) {
    const [row, rhs] = reducedRow(i);
    R.push(row);
    rb.push(rhs);
  }
  const res = feasibleCore(R, rb, kr, slot);
  if (res.kind === 'feasible') {
    const sDen = res.den;
    const zNum = new Array<bigint>(k).fill(0n);
    for (let t = 0; t < r; t++) {
      let s = (x0C[t] as bigint) * sDen;
      for (let jj = 0; jj < kr; jj++) {
        const sv = res.num[jj] as bigint;
        if (sv !== 0n) s -= sv * ((g[jj] as bigint[])[t] as bigint);
      }
      zNum[C[t] as number] = s;
    }
    for (let jj = 0; jj < kr; jj++) zNum[free[jj] as number] = det * (res.num[jj] as bigint);
    return finish(sys, k, witness(zNum, det * sDen, slot.route));
  }
  return mapBack(res.rows, res.vals, slot.route);
}

/** What the float pass over the reduced system suggests. */
type ReducedGuess =
  | { kind: 'support'; rows: number[] }
  | { kind: 'point'; s: { m: bigint; e: number } }
  | { kind: 'none' };

/**
 * Float guesses for the reduced system `a_i (x0 + N s)/det <= b_i`: the rows of a Farkas vector,
 * or (one free direction) a parameter `s` in the middle of the feasible interval. Heuristic only:
 * the caller checks every guess exactly and falls back to the exact route otherwise.
 */
function guessReduced(
  A: readonly (readonly bigint[])[],
  b: readonly bigint[],
  k: number,
  kr: number,
  free: readonly number[],
  C: readonly number[],
  g: readonly (readonly bigint[])[],
  det: bigint,
  x0C: readonly bigint[],
): ReducedGuess {
  const m = A.length;
  const p = kr + 1;
  // x0 (numerators, over det) and the null vectors as floats.
  const x0v = new Array<bigint>(k + 1).fill(0n);
  C.forEach((c, t) => (x0v[c] = x0C[t] as bigint));
  x0v[k] = det;
  const x0F = new Float64Array(k + 1);
  scaledFloats(x0v, x0F);
  const nF = new Float64Array(kr * k);
  const nScale: number[] = [];
  for (let jj = 0; jj < kr; jj++) {
    const nv = new Array<bigint>(k).fill(0n);
    nv[free[jj] as number] = det;
    C.forEach((c, t) => (nv[c] = -((g[jj] as readonly bigint[])[t] as bigint)));
    scaledFloats(nv, nF, jj * k);
    // Approximate factor with nF = n * factor (for mapping a float parameter back).
    nScale.push((nF[jj * k + (free[jj] as number)] as number) / approx(det));
  }
  const rowsF = new Float64Array(m * p);
  const aF = new Float64Array(k + 1);
  const ab: bigint[] = new Array<bigint>(k + 1).fill(0n);
  for (let i = 0; i < m; i++) {
    const a = A[i] as readonly bigint[];
    for (let c = 0; c < k; c++) ab[c] = a[c] as bigint;
    ab[k] = b[i] as bigint;
    scaledFloats(ab, aF);
    for (let jj = 0; jj < kr; jj++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += (aF[c] as number) * (nF[jj * k + c] as number);
      rowsF[i * p + jj] = s;
    }
    let s = (aF[k] as number) * (x0F[k] as number);
    for (let c = 0; c < k; c++) s -= (aF[c] as number) * (x0F[c] as number);
    rowsF[i * p + kr] = s;
  }
  if (kr === 1) {
    // Float interval of the parameter: rows alpha s <= beta.
    let lo = -Infinity;
    let hi = Infinity;
    for (let i = 0; i < m; i++) {
      const al = rowsF[i * 2] as number;
      const be = rowsF[i * 2 + 1] as number;
      if (al > 0) hi = Math.min(hi, be / al);
      else if (al < 0) lo = Math.max(lo, be / al);
      else if (be < 0) lo = Infinity;
    }
    // The float parameter multiplies nF = n * nScale while x0F = (x0, det) * tau, so a float
    // parameter t corresponds to s = t * nScale * det / x0F[k] in z = (x0 + s n)/det.
    const unit = ((nScale[0] as number) * approx(det)) / (x0F[k] as number);
    if (lo < hi && Number.isFinite(unit) && unit !== 0) {
      const s = unit > 0 ? simpleInside(lo * unit, hi * unit) : simpleInside(hi * unit, lo * unit);
      if (s !== undefined) return { kind: 'point', s };
    }
    if (!(lo > hi)) return { kind: 'none' };
  }
  const rows = floatFarkasSupport(rowsF, m, kr);
  return rows === undefined ? { kind: 'none' } : { kind: 'support', rows };
}

/**
 * A short dyadic well inside the float interval (lo, hi) (either end may be infinite), or
 * undefined when the interval is empty or too narrow to trust.
 */
function simpleInside(lo: number, hi: number): { m: bigint; e: number } | undefined {
  if (Number.isNaN(lo) || Number.isNaN(hi) || !(lo < hi)) return undefined;
  let target: number;
  let step: number;
  if (Number.isFinite(lo) && Number.isFinite(hi)) {
    const width = hi - lo;
    if (!(width > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)))) return undefined;
    target = lo + width / 2;
    step = 2 ** Math.floor(Math.log2(width / 4));
  } else if (Number.isFinite(lo)) {
    target = lo + Math.abs(lo) + 1;
    step = 2 ** Math.floor(Math.log2(Math.abs(lo) + 1));
  } else if (Number.isFinite(hi)) {
    target = hi - Math.abs(hi) - 1;
    step = 2 ** Math.floor(Math.log2(Math.abs(hi) + 1));
  } else {
    target = 0;
    step = 1;
  }
  if (!Number.isFinite(step) || step === 0) return floatToDyadic(target);
  return floatToDyadic(Math.round(target / step) * step);
}

/** A float approximation of a bigint, finite (huge values saturate at about 1e300). */
function approx(v: bigint): number {
  const f = Number(v);
  return Number.isFinite(f) ? f : v < 0n ? -1e300 : 1e300;
}

/** Exactly: does `num/den` (den > 0) satisfy every inequality and equality? */
function witnessHolds(sys: IntSystem, k: number, num: readonly bigint[], den: bigint, inequalitiesChecked = false): boolean {
  const { ineqA: A, ineqB: b, eqA: E, eqB: f } = sys;
  if (den <= 0n) return false;
  for (let i = 0; i < (inequalitiesChecked ? 0 : A.length); i++) {
    const a = A[i] as readonly bigint[];
    let s = 0n;
    for (let c = 0; c < k; c++) s += (a[c] as bigint) * (num[c] as bigint);
    if (s > (b[i] as bigint) * den) return false;
  }
  for (let i = 0; i < E.length; i++) {
    const a = E[i] as readonly bigint[];
    let s = 0n;
    for (let c = 0; c < k; c++) s += (a[c] as bigint) * (num[c] as bigint);
    if (s !== (f[i] as bigint) * den) return false;
  }
  return true;
}

/** Verify a decision exactly at integer level; throw (internal error) if it does not hold. */
function finish(sys: IntSystem, k: number, d: Decision, inequalitiesChecked = false): Decision {
  const { ineqA: A, ineqB: b, eqA: E, eqB: f } = sys;
  if (d.kind === 'witness') {
    if (!witnessHolds(sys, k, d.point.num, d.point.den, inequalitiesChecked)) {
      throw new Error('decideSystem: witness fails (internal error)');
    }
    return d;
  }
  const acc = new Array<bigint>(k).fill(0n);
  let rhs = 0n;
  const add = (rows: readonly (readonly bigint[])[], rb: readonly bigint[], es: readonly SparseEntry[], nonNeg: boolean): void => {
    let last = -1;
    for (const { row, value } of es) {
      if (value.d !== 1n || row <= last || row >= rows.length || (nonNeg && value.n < 0n)) {
        throw new Error('decideSystem: malformed certificate (internal error)');
      }
      last = row;
      const a = rows[row] as readonly bigint[];
      for (let c = 0; c < k; c++) acc[c] = (acc[c] as bigint) + value.n * (a[c] as bigint);
      rhs += value.n * (rb[row] as bigint);
    }
  };
  add(A, b, d.lambda, true);
  add(E, f, d.mu, false);
  if (acc.some((s) => s !== 0n) || rhs >= 0n) throw new Error('decideSystem: Farkas certificate fails (internal error)');
  return d;
}
