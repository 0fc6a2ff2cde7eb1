// standardSimplex.ts: fraction-free revised simplex for { lambda >= 0 : M lambda = rhs } with few rows.
import { type FloatVec, filteredSign, floatVecOf } from '../checker/floatSign.js';
import { intAdjugate } from './intAdjugate.js';

/** A standard-form problem `min cost^T lambda` s.t. `M lambda = rhs`, `lambda >= 0`, integer data. */
export interface StandardForm {
  /** The `n` columns of `M`, each of length `p` (the number of rows). */
  readonly cols: readonly (readonly bigint[])[];
  /** Right-hand side, length `p`, every entry `>= 0`. */
  readonly rhs: readonly bigint[];
  /** Phase-2 costs (length `n`); without them the run stops after phase 1. */
  readonly cost?: readonly bigint[] | undefined;
  /**
   * A proposed starting basis (`p` variable ids: `j >= 0` structural, `-1-i` the artificial of
   * row `i`), e.g. from a float run. Used only if it is exactly nonsingular and primal feasible;
   * artificials outside it count as having left the basis.
   */
  readonly start?: readonly number[] | undefined;
  /**
   * Each column's pricing form `(−M_j, cost_j)` as a FloatVec (`floatVecOf`, or any vector meeting
   * the FloatVec contract), when the caller has them; otherwise made on first use.
   */
  readonly colForms?: readonly FloatVec[] | undefined;
}

/**
 * Outcome of {@link runStandardSimplex}. All vectors are integer numerators; `den > 0`.
 * - `phase1Positive`: no feasible `lambda`; `y` satisfies `y^T M_j <= 0` for every column and
 *   `y^T rhs > 0` (a Farkas certificate for the standard form).
 * - `optimal`: basic feasible `lambda` with `lambda[basis[i]] = beta[i]/den` (artificial basics,
 *   negative entries of `basis`, are at zero); with costs, `y/den` are optimal simplex multipliers:
 *   `cost_j*den - y^T M_j >= 0` for every column and `y^T rhs = cost^T (beta/den) * den`.
 * - `unbounded`: a direction `d >= 0` (`entries`, sparse) with `M d = 0` and `cost^T d < 0`.
 */
export type StandardOutcome =
  | { readonly kind: 'phase1Positive'; readonly y: bigint[] }
  | {
      readonly kind: 'optimal';
      readonly basis: number[];
      readonly beta: bigint[];
      readonly den: bigint;
      readonly y: bigint[];
      /** Whether the proposed `start` was used (else the run started from the artificial basis). */
      readonly warm: boolean;
      /**
       * With costs: every basic variable is structural and positive and every non-basic column has
       * a positive reduced cost. Then `lambda` is the only optimal solution and this basis the only
       * optimal one, so every run (from any start) ends with it.
       */
      readonly unique: boolean;
    }
  | { readonly kind: 'unbounded'; readonly entries: { col: number; num: bigint }[] };

/**
 * Revised simplex with artificial variables (phase 1) and optional phase 2, Bland's rule.
 *
 * The basis inverse is kept fraction-free as `adj/den` with an integer matrix `adj` and `den > 0`
 * (`den` is, up to sign, the determinant of the basis matrix; updates divide exactly), so pricing
 * a column is `p` bigint products and no gcd is ever taken.
 *
 * Termination: entering variable = the lowest-index structural column with negative reduced cost,
 * leaving variable = minimum ratio with ties broken by lowest variable index (artificials are
 * ordered before structurals). This is Bland's rule, under which the simplex method cannot cycle,
 * hence visits each basis at most once. Artificial columns that leave the basis (or are not in a
 * proposed starting basis) are never priced again; this removes columns at most `p` times, and
 * after the last removal the run is Bland's rule on a fixed problem, so it terminates. Phase 1 is
 * bounded below by 0; phase 2 either finds an unbounded direction or ends at an optimal basis.
 * A float run may propose the starting basis (`start`); that only changes where Bland's rule
 * starts, and the start is used only after exact checks (nonsingular, basic values >= 0).
 */
export function runStandardSimplex(sf: StandardForm): StandardOutcome {
  const { cols, rhs, cost } = sf;
  const p = rhs.length;
  const n = cols.length;
  let adj: bigint[][] = [];
  for (let i = 0; i < p; i++) {
    const row = new Array<bigint>(p).fill(0n);
    row[i] = 1n;
    adj.push(row);
  }
  let den = 1n;
  let beta = rhs.slice();
  // basis[i] >= 0: structural column; basis[i] = -1 - i: the artificial of row i.
  const basis: number[] = [];
  for (let i = 0; i < p; i++) basis.push(-1 - i);
  const inBasis = new Uint8Array(n);
  const alpha = new Array<bigint>(p).fill(0n);
  const y = new Array<bigint>(p).fill(0n);
  const rank = (v: number): number => (v < 0 ? -1 - v : p + v);
  /** Exact reduced cost numerator (times den) of column j: cost_j*den - y.M_j. */
  const reduced = (j: number, withCost: boolean): bigint => {
    const d = -dotY(cols[j] as bigint[]);
    return withCost ? d + (cost as readonly bigint[])[j]! * den : d;
  };

  // The reduced cost of column j is the integer dot product ℓ_j·Y with ℓ_j = (−M_j, cost_j) and
  // Y = (y, den) (phase 2) or (y, 0) (phase 1): its sign is read from doubles when the proven
  // filter (checker/floatSign.ts) can tell, else computed exactly. Same signs, so the same pivots.
  const colForms: (FloatVec | undefined)[] = sf.colForms !== undefined && sf.colForms.length === n ? sf.colForms.slice() : new Array<FloatVec | undefined>(n);
  const colForm = (j: number): FloatVec => {
    let f = colForms[j];
    if (f === undefined) {
      const col = cols[j] as readonly bigint[];
      const l = new Array<bigint>(p + 1);
      for (let c = 0; c < p; c++) l[c] = -(col[c] as bigint);
      l[p] = cost === undefined ? 0n : (cost[j] as bigint);
      f = floatVecOf(l);
      colForms[j] = f;
    }
    return f;
  };
  const yExt = new Array<bigint>(p + 1).fill(0n);

  // set by `choose` when it returns −1: some non-basic column has reduced cost exactly 0
  let zeroReduced = false;
  /** Entering column by Bland's rule: the lowest-index column with negative reduced cost. */
  const choose = (withCost: boolean): number => {
    for (let c = 0; c < p; c++) yExt[c] = y[c] as bigint;
    yExt[p] = withCost ? den : 0n;
    const yf = floatVecOf(yExt);
    zeroReduced = false;
    for (let j = 0; j < n; j++) {
      if (inBasis[j] === 1) continue;
      const sg = filteredSign(colForm(j), yf);
      if (sg < 0) return j;
      if (sg > 0) continue;
      const rc = reduced(j, withCost);
      if (rc < 0n) return j;
      if (rc === 0n) zeroReduced = true;
    }
    return -1;
  };

  const computeAlpha = (col: readonly bigint[]): void => {
    for (let i = 0; i < p; i++) {
      const row = adj[i] as bigint[];
      let s = 0n;
      for (let c = 0; c < p; c++) {
        const v = col[c] as bigint;
        if (v !== 0n) s += (row[c] as bigint) * v;
      }
      alpha[i] = s;
    }
  };

  const ratioTest = (): number => {
    let r = -1;
    for (let i = 0; i < p; i++) {
      const a = alpha[i] as bigint;
      if (a <= 0n) continue;
      if (r < 0) {
        r = i;
        continue;
      }
      const lhs = (beta[i] as bigint) * (alpha[r] as bigint);
      const rhsv = (beta[r] as bigint) * a;
      if (lhs < rhsv || (lhs === rhsv && rank(basis[i] as number) < rank(basis[r] as number))) r = i;
    }
    return r;
  };

  const pivot = (r: number, q: number): void => {
    const ar = alpha[r] as bigint;
    const rowR = adj[r] as bigint[];
    const bR = beta[r] as bigint;
    for (let i = 0; i < p; i++) {
      if (i === r) continue;
      const ai = alpha[i] as bigint;
      const row = adj[i] as bigint[];
      if (ai === 0n) {
        for (let c = 0; c < p; c++) row[c] = (ar * (row[c] as bigint)) / den;
        beta[i] = (ar * (beta[i] as bigint)) / den;
      } else {
        for (let c = 0; c < p; c++) row[c] = (ar * (row[c] as bigint) - ai * (rowR[c] as bigint)) / den;
        beta[i] = (ar * (beta[i] as bigint) - ai * bR) / den;
      }
    }
    den = ar;
    if (den < 0n) {
      den = -den;
      for (let i = 0; i < p; i++) {
        const row = adj[i] as bigint[];
        for (let c = 0; c < p; c++) row[c] = -(row[c] as bigint);
        beta[i] = -(beta[i] as bigint);
      }
    }
    const old = basis[r] as number;
    if (old >= 0) inBasis[old] = 0;
    basis[r] = q;
    inBasis[q] = 1;
  };

  const dotY = (col: readonly bigint[]): bigint => {
    let s = 0n;
    for (let c = 0; c < p; c++) {
      const v = y[c] as bigint;
      if (v !== 0n) s += v * (col[c] as bigint);
    }
    return s;
  };

  let warm = false;
  if (sf.start !== undefined && sf.start.length === p) {
    const st = sf.start;
    const B: bigint[][] = [];
    for (let row = 0; row < p; row++) {
      B.push(st.map((v) => (v >= 0 ? ((cols[v] as readonly bigint[])[row] as bigint) : row === -1 - v ? 1n : 0n)));
    }
    const ok = st.every((v, t) => v < n && v >= -p && st.indexOf(v) === t);
    const res = ok ? intAdjugate(B) : { det: 0n, adj: [] };
    if (res.det !== 0n) {
      const sg = res.det < 0n ? -1n : 1n;
      const A2 = res.adj.map((row) => row.map((v) => v * sg));
      const b2 = A2.map((row) => row.reduce((acc, v, c) => acc + v * (rhs[c] as bigint), 0n));
      if (b2.every((v) => v >= 0n)) {
        adj = A2;
        beta = b2;
        den = res.det * sg;
        warm = true;
        for (let t = 0; t < p; t++) {
          basis[t] = st[t] as number;
          if ((st[t] as number) >= 0) inBasis[st[t] as number] = 1;
        }
      }
    }
  }

  // Phase 1: minimise the sum of artificials.
  for (;;) {
    let obj = 0n;
    y.fill(0n);
    for (let i = 0; i < p; i++) {
      if ((basis[i] as number) >= 0) continue;
      obj += beta[i] as bigint;
      const row = adj[i] as bigint[];
      for (let c = 0; c < p; c++) y[c] = (y[c] as bigint) + (row[c] as bigint);
    }
    if (obj === 0n) break;
    const q = choose(false);
    if (q < 0) return { kind: 'phase1Positive', y: y.slice() };
    computeAlpha(cols[q] as bigint[]);
    const r = ratioTest();
    if (r < 0) throw new Error('simplex: phase 1 unbounded (internal error)');
    pivot(r, q);
  }

  if (cost === undefined) return { kind: 'optimal', basis: basis.slice(), beta: beta.slice(), den, y: [], warm, unique: false };

  // Drive zero-level artificials out of the basis where possible; rows where this is impossible
  // are redundant (every column has a zero entry in that row of adj*M, and stays so).
  for (let r = 0; r < p; r++) {
    if ((basis[r] as number) >= 0) continue;
    const row = adj[r] as bigint[];
    for (let j = 0; j < n; j++) {
      if (inBasis[j] === 1) continue;
      const col = cols[j] as bigint[];
      let s = 0n;
      for (let c = 0; c < p; c++) s += (row[c] as bigint) * (col[c] as bigint);
      if (s !== 0n) {
        computeAlpha(col);
        pivot(r, j);
        break;
      }
    }
  }

  // Phase 2: minimise cost^T lambda.
  for (;;) {
    y.fill(0n);
    for (let i = 0; i < p; i++) {
      const bi = basis[i] as number;
      if (bi < 0) continue;
      const cb = cost[bi] as bigint;
      if (cb === 0n) continue;
      const row = adj[i] as bigint[];
      for (let c = 0; c < p; c++) y[c] = (y[c] as bigint) + cb * (row[c] as bigint);
    }
    const q = choose(true);
    if (q < 0) {
      const unique = !zeroReduced && basis.every((v, i) => v >= 0 && (beta[i] as bigint) > 0n);
      return { kind: 'optimal', basis: basis.slice(), beta: beta.slice(), den, y: y.slice(), warm, unique };
    }
    computeAlpha(cols[q] as bigint[]);
    for (let i = 0; i < p; i++) {
      if ((basis[i] as number) < 0 && alpha[i] !== 0n) throw new Error('simplex: redundant row moved (internal error)');
    }
    const r = ratioTest();
    if (r < 0) {
      const entries: { col: number; num: bigint }[] = [{ col: q, num: den }];
      for (let i = 0; i < p; i++) {
        const bi = basis[i] as number;
        const a = alpha[i] as bigint;
        if (bi >= 0 && a !== 0n) entries.push({ col: bi, num: -a });
      }
      entries.sort((u, v) => u.col - v.col);
      return { kind: 'unbounded', entries };
    }
    pivot(r, q);
  }
}
