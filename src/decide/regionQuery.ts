// regionQuery.ts: the membership decision Q(j, n) against one prepared region, with certificates.
import { Rat, gcd } from '../checker/rational.js';
import { feasible } from '../lp/feasible.js';
import { type FloatVec, filteredSign, floatVecOf } from '../checker/floatSign.js';
import { optimize, rowFormsOf } from '../lp/optimize.js';
import type { OptimizeResult } from '../lp/types.js';
import { type IntCombination, type IntRowReduction, intRowReduce } from './intRowReduce.js';
import { intAdjugate } from '../lp/intAdjugate.js';
import { type FibreFilter, fibreCandidates, fibreFilterOf } from './fibreFilter.js';
import { polygonHull } from './polygon.js';

/** A sparse vector: `[index, value]` pairs with ascending indices and non-zero values. */
export type Sparse = readonly (readonly [number, Rat])[];

/** A sparse integer multiplier vector (a certificate may be scaled by any positive factor). */
export type IntSparse = readonly (readonly [number, bigint])[];

/** A point as integer numerators over one positive denominator (no gcd taken). */
export interface IntPoint {
  readonly num: readonly bigint[];
  readonly den: bigint;
  /** True when the point is known to be in lowest terms (gcd of den and every num is 1). */
  readonly lowest?: boolean;
}

/**
 * The system behind Q(j, n), in the region's own integer rows:
 * inequalities `ineqA z ≤ ineqB` (the rows of G_n) and equalities `M z = f` where
 * `f = den·y − c` for the local map `Φ_n(z) = (M z + c)/den` and the image `y`.
 */
export interface QuerySystem {
  readonly ineqA: readonly (readonly bigint[])[];
  readonly ineqB: readonly bigint[];
  readonly M: readonly (readonly bigint[])[];
  readonly f: readonly Rat[];
}

/** Which exact route settled a decision (for statistics; it carries no trust). */
export type QueryPath =
  | 'same-image'
  | 'dead-neuron'
  | 'eq-inconsistent'
  | 'unique-violated'
  | 'unique-feasible'
  | 'simplex-infeasible'
  | 'simplex-feasible'
  | 'segment'
  | 'polygon'
  | 'boundary-pinned'
  | 'boundary-other';

/**
 * An answer to Q(j, n) with its certificate.
 * - `yes`: `z` lies in G_n, `Φ_n(z) = y`, and `z ≠ x_j`.
 * - `no`: a Farkas vector in integers: `λ ≥ 0` on inequality rows and free `μ` on equality rows with
 *   `λᵀ ineqA + μᵀ M = 0` and `λᵀ ineqB + μᵀ f < 0`.
 * - `pinned`: `x_j` itself lies in G_n and is the only preimage there: for every coordinate c and
 *   sign s, a bound certificate (λ ≥ 0, μ) with `λᵀ ineqA + μᵀ M = s·e_c` and
 *   `λᵀ ineqB + μᵀ f = s·x_j[c]`, so every preimage z has `z_c = x_j[c]`. Not a gluing.
 */
export type QueryAnswer =
  | { readonly answer: 'yes'; readonly z: IntPoint; readonly path: QueryPath }
  | {
      readonly answer: 'no';
      readonly lambda: IntSparse;
      readonly mu: IntSparse;
      readonly path: QueryPath;
      /** When a region-level bound settled it: its index in `PreparedRegion.bounds`. */
      readonly bound?: number;
      /** When a null check settled it: its index in `PreparedRegion.nullChecks`. */
      readonly nullCheck?: number;
    }
  | {
      readonly answer: 'pinned';
      readonly bounds: readonly { coord: number; sign: 1 | -1; lambda: Sparse; mu: Sparse }[];
      readonly path: QueryPath;
    };

/**
 * A row of G_n that the sample x (integer form) may violate strictly, with x as doubles
 * (`floatVecOf([...x.num, x.den])`) for the float filter when the caller has them; or
 * `{ proved: true }` when the caller has proved that x lies outside G_n (then nothing is tested).
 */
export type OutsideRow =
  | { readonly proved?: false; readonly row: number; readonly x: IntPoint; readonly xf?: FloatVec }
  | { readonly proved: true };

/** A region prepared once for many queries (row reduction of its map, integer forms). */
export interface PreparedRegion {
  readonly d: number;
  readonly ineqA: readonly (readonly bigint[])[];
  readonly ineqB: readonly bigint[];
  readonly M: readonly (readonly bigint[])[];
  readonly c: readonly bigint[];
  readonly den: bigint;
  readonly red: IntRowReduction;
  /** Integer left-null vectors of M, one per dependent row, sparse. */
  readonly nullChecks: readonly { readonly row: number; readonly u: readonly (readonly [number, bigint])[] }[];
  /**
   * The particular solution as integers: `z0[col] = Σ e[i]·w_i / (L·yDen)` for each pivot,
   * free columns 0 (w = den·yN − yDen·c, the equation numerators).
   */
  readonly solve: { readonly cols: readonly number[]; readonly e: readonly (readonly (readonly [number, bigint])[])[]; readonly L: bigint };
  /** Integer null-space basis of M (k = d − rank vectors). */
  readonly N: readonly (readonly bigint[])[];
  /** The reduced rows A·N (m × k), made on first use (`reducedRows`): few regions need them. */
  AN?: readonly (readonly bigint[])[];
  /** Rank 1 (d > 1): the range of the image coordinate over G_n, computed on first use (null: unbounded). */
  segment?: Segment | null;
  /**
   * Rank 2 (d > 2): the image of G_n in the coordinates w = (r_1·z, r_2·z), computed on first use
   * (null: unbounded, empty, degenerate or too many LPs; set it to null to disable the route).
   */
  polygon?: Polygon | null;
  /**
   * Region-level bound certificates found so far, in Farkas form: `λ ≥ 0` on the region rows and
   * `μ` on the map rows with `λᵀA + μᵀM = 0`; a sample is excluded by bound i when
   * `λᵀb + μᵀf < 0` for its right-hand side f. Shared by every sample (the segment's two ends, or
   * the polygon's facets in counter-clockwise order).
   */
  readonly bounds: { readonly lambda: IntSparse; readonly mu: IntSparse }[];
  /**
   * Per-sample constants folded once (the same exact values, fewer products per pair): for each
   * null check k, `nullUc[k] = Σ u_i·c_i` and its two signed multiplier vectors; for each pivot p,
   * `solveEc[p] = Σ e_i·c_i`. Then uᵀw = den·(Σ u_i·yN_i) − yDen·uc, and likewise for z0.
   */
  readonly nullUc: readonly bigint[];
  readonly nullMu: readonly (readonly [IntSparse, IntSparse])[];
  readonly solveEc: readonly bigint[];
  /** Full rank: the bound index of each inequality row's Farkas vector, made on first use. */
  readonly rowBound: (number | undefined)[];
  /** Full rank: the independent rows of M (ascending) with the determinant and adjugate of their d × d matrix, made on first use (`rowFarkas`). */
  rowAdj?: { readonly rows: readonly number[]; readonly det: bigint; readonly adj: readonly (readonly bigint[])[] };
  /**
   * The 'no' answers settled by region-level certificates, made on first use and shared by every
   * sample (answers are read-only): by bound index, and by null check (2k, sign +; 2k + 1, sign −).
   */
  readonly boundAnswers: QueryAnswer[];
  readonly nullAnswers: QueryAnswer[];
  /** The float filter's forms, made on first use (see `RegionFilter`). */
  filter?: RegionFilter;
  /** Row i as the form (row_i, −b_i) in doubles, for `rowExceededFiltered`, made on first use. */
  rowForms?: (FloatVec | undefined)[];
  /** Rank 2, d = 3: the rows as doubles for `shortWitness` (null: entries too large), made on first use. */
  fibre?: FibreFilter | null;
}

/**
 * Every per-sample test of `queryRegion` is the sign of an integer linear form ℓ·Y in the extended
 * image Y = (yN, yDen). The forms are kept as `FloatVec`s for `filteredSign`, made on first use;
 * a test the doubles cannot settle is done exactly, so the answers are those of exact arithmetic.
 */
export interface RegionFilter {
  /** Null check k: sign(ℓ·Y) = sign(den·(uᵀyN) − yDen·uc_k). */
  readonly nulls: readonly FloatVec[];
  /** Exact forms of z0N[c] for c < d (zero for free columns) and of z0D at index d. */
  z?: readonly (readonly bigint[])[];
  /** Full rank: row i violated by z0 iff ℓ·Y > 0. */
  readonly rows: (FloatVec | undefined)[];
  /** Rank 1: above hi iff ℓ·Y > 0; below lo iff ℓ·Y < 0. */
  seg?: { readonly hi: FloatVec; readonly lo: FloatVec };
  /** Rank 2: facet i violated iff ℓ·Y > 0. */
  readonly facets: (FloatVec | undefined)[];
}

/**
 * For a rank-1 map, every row of M is a multiple of r0 (the primitive integer form of the RREF
 * row), so Φ_n(z) depends on z only through r0·z. Over G_n, r0·z ranges over [lo, hi], proved by
 * two `bound` certificates (LP duals) and attained at zLo and zHi. One pair of LPs per region then
 * answers every sample: outside the range, the matching dual is a Farkas vector; inside, a convex
 * combination of zLo and zHi is a witness.
 */
interface Segment {
  readonly r0: readonly bigint[];
  /** r0 = s·R_0 with the RREF row R_0 (s > 0): the sample's coordinate is s·z0[pivot]. */
  readonly s: bigint;
  readonly hi: Rat;
  readonly lo: Rat;
  readonly zHi: IntPoint;
  readonly zLo: IntPoint;
  readonly dualHi: IntSparse;
  readonly dualLo: IntSparse;
  readonly muHi: IntSparse;
  readonly muLo: IntSparse;
  /** Indices of the two bounds in `PreparedRegion.bounds`. */
  readonly boundHi: number;
  readonly boundLo: number;
}

/**
 * For a rank-2 map (d > 2), Φ_n(z) depends on z only through w = (r_1·z, r_2·z) with the integer
 * RREF rows r_p = delta_p·R_p, and a sample's coordinates are w_p = delta_p·z0[pivot_p]. The image
 * of G_n in w is a convex polygon, computed once per region by LPs (`polygonHull`): a sample outside
 * a facet is excluded by that facet's region-level bound; inside, a convex combination of three
 * vertex preimages (a triangle of the fan from vertex 0) is a witness. All in integers per sample.
 */
export interface Polygon {
  /** Facets `h·w ≤ vN/vD` (vD > 0) with their closed certificates and indices in `bounds`. */
  readonly facets: readonly {
    readonly h0: bigint;
    readonly h1: bigint;
    readonly vN: bigint;
    readonly vD: bigint;
    readonly lambda: IntSparse;
    readonly mu: IntSparse;
    readonly bound: number;
  }[];
  /** Vertices counter-clockwise as integers `P[k] / Dp` (one common Dp > 0). */
  readonly P: readonly (readonly [bigint, bigint])[];
  readonly Dp: bigint;
  /** Their preimages in G_n as integers `Z[k] / Dz` (one common Dz > 0). */
  readonly Z: readonly (readonly bigint[])[];
  readonly Dz: bigint;
  /** Fan edges `E[k] = P[k] − P[0]` and `C[k] = E[k] × E[k+1] > 0` (index k ≥ 1). */
  readonly E: readonly (readonly [bigint, bigint])[];
  readonly C: readonly bigint[];
  /** LPs spent on the region. */
  readonly lps: number;
}

function lcmDen(vals: readonly Rat[]): bigint {
  let l = 1n;
  for (const v of vals) if (v.d !== 1n) l = (l / gcd(l, v.d)) * v.d;
  return l;
}


function primitiveInt(ints: readonly bigint[]): bigint[] {
  const g = ints.reduce((acc, x) => gcd(acc, x), 0n);
  return g > 1n ? ints.map((x) => x / g) : [...ints];
}

/** Prepare a region: `ineqA z ≤ ineqB` and local map `(M z + c)/den`. */
export function prepareRegion(
  d: number,
  ineqA: readonly (readonly bigint[])[],
  ineqB: readonly bigint[],
  M: readonly (readonly bigint[])[],
  c: readonly bigint[],
  den: bigint,
  deadRow?: (row: number) => boolean,
): PreparedRegion {
  const red = intRowReduce(M, d);
  // A one-entry null check on a row the caller guarantees is 0 in every image it queries (and
  // in the map: row and constant 0) can never fire; it is left out (`deadRow`, see decideLayer).
  const nullChecks =
    deadRow === undefined
      ? red.dependents
      : red.dependents.filter(({ u }) => !(u.length === 1 && deadRow((u[0] as readonly [number, bigint])[0]) && (c[(u[0] as readonly [number, bigint])[0]] as bigint) === 0n));
  // one common denominator L = Π delta_p; pivot p's RREF row is rows[p] / delta[p]
  const L = red.delta.reduce((acc, x) => acc * x, 1n);
  const scaleOf = red.delta.map((x) => L / x);
  const solve = {
    cols: red.pivotCols,
    e: red.expr.map((comb, p) => comb.map(([i, v]) => [i, v * (scaleOf[p] as bigint)] as const)),
    L,
  };
  const N: bigint[][] = [];
  const isPivot = new Set(red.pivotCols);
  for (let c = 0; c < d; c++) {
    if (isPivot.has(c)) continue;
    const v = new Array<bigint>(d).fill(0n);
    v[c] = L;
    red.pivotCols.forEach((col, p) => {
      v[col] = -((red.rows[p] as readonly bigint[])[c] as bigint) * (scaleOf[p] as bigint);
    });
    N.push(primitiveInt(v));
  }
  const dotC = (u: readonly (readonly [number, bigint])[]): bigint => {
    let acc = 0n;
    for (const [i, coef] of u) acc += coef * (c[i] as bigint);
    return acc;
  };
  const nullUc = nullChecks.map(({ u }) => dotC(u));
  // sign −1 when uᵀw > 0, +1 when uᵀw < 0 (so that μᵀf < 0)
  const nullMu = nullChecks.map(({ u }) => [u.map(([i, coef]) => [i, -coef] as const), u.map(([i, coef]) => [i, coef] as const)] as const);
  const solveEc = solve.e.map(dotC);
  return { d, ineqA, ineqB, M, c, den, red, nullChecks, solve, N, bounds: [], nullUc, nullMu, solveEc, rowBound: [], boundAnswers: [], nullAnswers: [] };
}

/** The reduced rows A·N of a region (m × k; none at full rank), computed on first use. */
function reducedRows(reg: PreparedRegion): readonly (readonly bigint[])[] {
  if (reg.AN === undefined) {
    const N = reg.N;
    reg.AN = N.length === 0 ? [] : reg.ineqA.map((row) => N.map((v) => v.reduce((acc, x, k) => acc + x * (row[k] as bigint), 0n)));
  }
  return reg.AN;
}

function sparseOf(m: Map<number, Rat>): Sparse {
  return [...m.entries()].filter(([, v]) => !v.isZero()).sort((a, b) => a[0] - b[0]);
}


/** μ with μᵀM = v (v in the row space of M). */
function muFor(reg: PreparedRegion, v: readonly Rat[]): Map<number, Rat> {
  const acc = new Map<number, Rat>();
  reg.red.pivotCols.forEach((col, p) => {
    const s = (v[col] as Rat).div(Rat.int(reg.red.delta[p] as bigint));
    if (s.isZero()) return;
    for (const [i, e] of reg.red.expr[p] as readonly (readonly [number, bigint])[]) acc.set(i, (acc.get(i) ?? Rat.ZERO).add(s.mul(Rat.int(e))));
  });
  return acc;
}

/** λᵀ ineqA for a sparse λ. */
function lambdaTimesA(reg: PreparedRegion, lambda: Sparse): Rat[] {
  const out = new Array<Rat>(reg.d).fill(Rat.ZERO);
  for (const [i, l] of lambda) {
    const row = reg.ineqA[i] as readonly bigint[];
    for (let c = 0; c < reg.d; c++) out[c] = (out[c] as Rat).add(l.mul(Rat.int(row[c] as bigint)));
  }
  return out;
}


function samepoint(a: readonly Rat[], b: readonly Rat[]): boolean {
  return a.every((v, i) => v.eq(b[i] as Rat));
}

/** z (integer form) equals the rational point x, compared without a gcd. */
export function samePointInt(z: IntPoint, x: readonly Rat[]): boolean {
  return z.num.every((v, c) => v * (x[c] as Rat).d === (x[c] as Rat).n * z.den);
}

/** A rational point in integer form over the lcm of its denominators. */
export function intPointOf(z: readonly Rat[]): IntPoint {
  const den = lcmDen(z);
  return { num: z.map((v) => (v.n * den) / v.d), den };
}

/** μ with μᵀM = L·v for v in the row space of M (L = reg.solve.L), in integers. */
function muInt(reg: PreparedRegion, v: readonly bigint[]): IntSparse {
  return weightedSum(reg.solve.cols.map((col) => v[col] as bigint), reg.solve.e);
}

/** Σ_p w_p·combs[p] as a sparse vector (rows ascending, zeros dropped). */
function weightedSum(w: readonly bigint[], combs: readonly IntCombination[]): IntSparse {
  const acc = new Map<number, bigint>();
  w.forEach((s, p) => {
    if (s === 0n) return;
    for (const [i, e] of combs[p] as IntCombination) acc.set(i, (acc.get(i) ?? 0n) + s * e);
  });
  return [...acc.entries()].filter(([, x]) => x !== 0n).sort((a, b) => a[0] - b[0]);
}

/** λᵀ ineqA for an integer λ. */
function lambdaTimesAInt(reg: PreparedRegion, lambda: IntSparse): bigint[] {
  const out = new Array<bigint>(reg.d).fill(0n);
  for (const [i, l] of lambda) {
    const row = reg.ineqA[i] as readonly bigint[];
    for (let c = 0; c < reg.d; c++) out[c] = (out[c] as bigint) + l * (row[c] as bigint);
  }
  return out;
}

/**
 * A Farkas vector from an integer λ on the region rows (v = λᵀA in the row space of M): close it
 * with μ, μᵀM = −v. With the RREF rows R_p = rows[p]/δ_p, v = Σ_p v[col_p]·R_p, so
 * μ_i = −Σ_p (v[col_p]/δ_p)·expr[p]_i. When every δ_p divides v[col_p] (λ from an LP whose
 * objective is an integer combination of the rows[p], as the segment and polygon LPs are) that
 * μ is integral and λ is kept; otherwise λ is scaled by L = Π δ_p (`muInt`).
 */
function farkasFromLambda(reg: PreparedRegion, lambda: IntSparse): { lambda: IntSparse; mu: IntSparse } {
  const v = lambdaTimesAInt(reg, lambda);
  const { pivotCols, delta, expr } = reg.red;
  const x = pivotCols.map((col) => v[col] as bigint);
  if (x.some((xp, p) => xp % (delta[p] as bigint) !== 0n)) return { lambda: lambda.map(([i, l]) => [i, l * reg.solve.L] as const), mu: muInt(reg, v.map((y) => -y)) };
  return { lambda, mu: weightedSum(x.map((xp, p) => -xp / (delta[p] as bigint)), expr) };
}

/**
 * Full rank (rank = d): the Farkas vector of region row `bad` for every sample whose unique
 * candidate violates it: on the d independent rows S of M (the pivot rows), adj(S)·S = det(S)·I,
 * so λ = |det| on row `bad` and μ_S = −sign(det)·A_bad·adj(S) give λ·A_bad + μ_Sᵀ S = 0; it is
 * the positive multiple |det|/L of `farkasFromLambda(reg, [[bad, 1]])` (the same support),
 * with shorter numbers.
 */
function rowFarkas(reg: PreparedRegion, bad: number): { lambda: IntSparse; mu: IntSparse } {
  if (reg.rowAdj === undefined) {
    const dependent = new Set(reg.red.dependents.map((x) => x.row));
    const rows = reg.M.map((_, i) => i).filter((i) => !dependent.has(i));
    reg.rowAdj = { rows, ...intAdjugate(rows.map((i) => reg.M[i] as readonly bigint[])) };
  }
  const { rows, det, adj } = reg.rowAdj;
  const a = reg.ineqA[bad] as readonly bigint[];
  const sign = det < 0n ? 1n : -1n;
  const mu: [number, bigint][] = [];
  rows.forEach((i, k) => {
    let t = 0n;
    for (let c = 0; c < reg.d; c++) t += (a[c] as bigint) * ((adj[c] as readonly bigint[])[k] as bigint);
    if (t !== 0n) mu.push([i, sign * t]);
  });
  return { lambda: [[bad, det < 0n ? -det : det]], mu };
}



/**
 * Decide Q(j, n): is there z in G_n with Φ_n(z) = y, other than x_j itself?
 * `yN/yDen` is the image y = Φ^(l)(x_j); `xj` the sample (for the boundary rule). `fy`, when
 * given, is the extended image (yN, yDen) as doubles for the float filter; `nullsHold` says that y
 * is proved to pass every null check of the region (imageSpaces.ts), which are then skipped.
 * `outsideRow`, when given, names a row of G_n that x_j (in integer form) may violate strictly, or
 * says that x_j is proved outside G_n: when it is outside, a segment witness is known to differ from
 * it without computing it.
 */
export function queryRegion(
  reg: PreparedRegion,
  yN: readonly bigint[],
  yDen: bigint,
  xj: readonly Rat[],
  fy?: FloatVec,
  nullsHold = false,
  outsideRow?: () => OutsideRow | undefined,
): QueryAnswer {
  const den = reg.den;
  const ff = fy === undefined ? undefined : filterOf(reg);
  // 1. Consistency of M z = f: every left-null vector u must give uᵀw = 0.
  const nulls = reg.nullChecks;
  for (let k = 0; k < (nullsHold ? 0 : nulls.length); k++) {
    const u = (nulls[k] as { readonly u: IntSparse }).u;
    if (ff !== undefined) {
      const sg = filteredSign(ff.nulls[k] as FloatVec, fy as FloatVec);
      if (sg !== 0) return nullAnswer(reg, k, sg > 0);
    }
    let t = 0n;
    for (let q = 0; q < u.length; q++) {
      const e = u[q] as readonly [number, bigint];
      t += e[1] * (yN[e[0]] as bigint);
    }
    const s = den * t - yDen * (reg.nullUc[k] as bigint);
    if (s !== 0n) return nullAnswer(reg, k, s > 0n);
  }
  // 2. The particular solution z0 = z0N / z0D (free coordinates 0), in integers (made when needed).
  const zp = new Particular(reg, yN, yDen);
  if (reg.red.rank === reg.d) {
    // the unique candidate
    const bad = ff === undefined ? firstViolated(reg, zp.num(), zp.den()) : firstViolatedFiltered(reg, ff, fy as FloatVec, zp);
    if (bad >= 0) {
      // one Farkas vector per violated row, shared by every sample as a region-level bound
      let b = reg.rowBound[bad];
      if (b === undefined) {
        b = reg.bounds.push(normalisedFarkas(rowFarkas(reg, bad))) - 1;
        reg.rowBound[bad] = b;
      }
      return boundAnswer(reg, b, 'unique-violated');
    }
    const z: IntPoint = { num: zp.num(), den: zp.den() };
    if (!samePointInt(z, xj)) return { answer: 'yes', z, path: 'unique-feasible' };
    const bounds = [];
    for (let c = 0; c < reg.d; c++) {
      for (const sign of [1, -1] as const) {
        bounds.push({ coord: c, sign, lambda: [] as Sparse, mu: sparseOf(muFor(reg, unit(reg.d, c, sign))) });
      }
    }
    return { answer: 'pinned', bounds, path: 'boundary-pinned' };
  }
  if (reg.red.rank === 1) {
    const seg = segmentOf(reg);
    if (seg !== null) {
      const col = reg.solve.cols[0] as number;
      const { hi, lo } = seg;
      const sf = ff === undefined ? undefined : segForms(reg, ff, seg);
      const hiS = sf === undefined ? 0 : filteredSign(sf.hi, fy as FloatVec);
      if (hiS > 0) return boundAnswer(reg, seg.boundHi, 'segment');
      const loS = hiS < 0 && sf !== undefined ? filteredSign(sf.lo, fy as FloatVec) : 0;
      if (loS < 0) return boundAnswer(reg, seg.boundLo, 'segment');
      // the sample's coordinate U = UN / UD (UD > 0), compared with hi and lo without a gcd (made when needed)
      if (hiS === 0 || loS === 0) {
        const UN = seg.s * (zp.num()[col] as bigint);
        const UD = zp.den();
        if (hiS === 0 && UN * hi.d > hi.n * UD) return boundAnswer(reg, seg.boundHi, 'segment');
        if (loS === 0 && UN * lo.d < lo.n * UD) return boundAnswer(reg, seg.boundLo, 'segment');
      }
      // x_j outside G_n (a row it violates strictly): z in G_n differs from it, nothing to compare
      const out = outsideRow?.();
      if (out !== undefined && rowExceededFiltered(reg, out)) return new SegmentYes(seg, zp, col);
      // compare with x_j coordinate by coordinate, the witness built only when it is needed
      const yes = new SegmentYes(seg, zp, col);
      if (!yes.isPoint(xj)) return yes;
      // z is x_j itself: the general route below applies the boundary rule
    }
  }
  if (reg.red.rank === 2 && reg.d > 2) {
    const poly = polygonOf(reg);
    if (poly !== null) {
      const ans = polygonAnswer(reg, poly, zp, xj, ff, fy, outsideRow);
      if (ans !== null) return ans;
      // the witness is x_j itself: the general route below applies the boundary rule
    }
  }
  // 3. Rank-deficient: z = z0 + N t. With s = z0D·t the rows become (A N) s ≤ b·z0D − A·z0N:
  // the same matrix for every sample, and a Farkas vector of it is one of the region's rows as they stand.
  const z0N = zp.num();
  const z0D = zp.den();
  const rhsRows = reg.ineqA.map((row, i) => {
    let s = (reg.ineqB[i] as bigint) * z0D;
    for (let c = 0; c < reg.d; c++) s -= (row[c] as bigint) * (z0N[c] as bigint);
    return s;
  });
  const lift = (sNum: readonly bigint[], sDen: bigint): IntPoint => ({
    num: z0N.map((v, c) => v * sDen + reg.N.reduce((acc, vec, k) => acc + (vec[c] as bigint) * (sNum[k] as bigint), 0n)),
    den: z0D * sDen,
  });
  const liftRat = (sv: readonly Rat[]): IntPoint => {
    const t = intPointOf(sv);
    return lift(t.num, t.den);
  };
  const AN = reducedRows(reg);
  const res = feasible(AN, rhsRows, reg.N.length);
  if (res.kind === 'infeasible') {
    const l = intPointOf(res.farkas.map(({ value }) => value));
    const lambda: IntSparse = res.farkas.map(({ row }, t) => [row, l.num[t] as bigint] as const);
    return { answer: 'no', ...farkasFromLambda(reg, lambda), path: 'simplex-infeasible' };
  }
  const z = lift(res.point.num, res.point.den);
  if (!samePointInt(z, xj)) return { answer: 'yes', z, path: 'simplex-feasible' };
  // Boundary rule: x_j is a preimage in G_n; is there another one?
  const bounds: { coord: number; sign: 1 | -1; lambda: Sparse; mu: Sparse }[] = [];
  for (let c = 0; c < reg.d; c++) {
    for (const sign of [1, -1] as const) {
      // maximise sign·z_c, i.e. sign·(N s)_c over the reduced rows
      const obj = reg.N.map((vec) => (sign === 1 ? (vec[c] as bigint) : -(vec[c] as bigint)));
      const opt = optimize(AN, rhsRows, obj);
      if (opt.kind === 'unbounded') {
        // x + ray and x + 2·ray are distinct preimages (N has full column rank): one is not x_j
        const step = (m: bigint): IntPoint => liftRat(opt.x.map((v, k) => v.add((opt.ray[k] as Rat).mul(Rat.int(m)))));
        const other = step(1n);
        return { answer: 'yes', z: samePointInt(other, xj) ? step(2n) : other, path: 'boundary-other' };
      }
      if (opt.kind === 'infeasible') throw new Error('internal: feasible system reported infeasible');
      const zOpt = liftRat(opt.x);
      if (!samePointInt(zOpt, xj)) return { answer: 'yes', z: zOpt, path: 'boundary-other' };
      // λᵀ(A N) = sign·(row c of N): then sign·e_c − λᵀA is orthogonal to the null space
      const lambda: Sparse = opt.dual.filter(({ value }) => !value.isZero()).map(({ row, value }) => [row, value] as const);
      const la = lambdaTimesA(reg, lambda);
      const mu = sparseOf(muFor(reg, unit(reg.d, c, sign).map((v, k) => v.sub(la[k] as Rat))));
      bounds.push({ coord: c, sign, lambda, mu });
    }
  }
  return { answer: 'pinned', bounds, path: 'boundary-pinned' };
}

/** The 'no' answer by region-level bound b (its certificate as stored), shared by every sample. */
function boundAnswer(reg: PreparedRegion, b: number, path: QueryPath): QueryAnswer {
  let a = reg.boundAnswers[b];
  if (a === undefined) {
    const cert = reg.bounds[b] as { lambda: IntSparse; mu: IntSparse };
    a = { answer: 'no', lambda: cert.lambda, mu: cert.mu, path, bound: b };
    reg.boundAnswers[b] = a;
  }
  return a;
}

/** The 'no' answer by null check k (uᵀw > 0 when `positive`), shared by every sample. */
function nullAnswer(reg: PreparedRegion, k: number, positive: boolean): QueryAnswer {
  const slot = 2 * k + (positive ? 0 : 1);
  let a = reg.nullAnswers[slot];
  if (a === undefined) {
    const mus = reg.nullMu[k] as readonly [IntSparse, IntSparse];
    const u = (reg.nullChecks[k] as { readonly u: IntSparse }).u;
    a = { answer: 'no', lambda: [], mu: positive ? mus[0] : mus[1], path: u.length === 1 ? 'dead-neuron' : 'eq-inconsistent', nullCheck: k };
    reg.nullAnswers[slot] = a;
  }
  return a;
}

/**
 * The particular solution z0 = z0N / z0D of M z = f for one image (free coordinates 0), each part
 * made on first use: z0N[pivot p] = den·Σ e_i·yN_i − yDen·Σ e_i·c_i, z0D = L·yDen.
 */
class Particular {
  private n: bigint[] | undefined;
  private d: bigint | undefined;

  constructor(
    private readonly reg: PreparedRegion,
    private readonly yN: readonly bigint[],
    private readonly yDen: bigint,
  ) {}

  num(): bigint[] {
    if (this.n !== undefined) return this.n;
    const reg = this.reg;
    const yN = this.yN;
    const z0N = new Array<bigint>(reg.d).fill(0n);
    const cols = reg.solve.cols;
    for (let p = 0; p < cols.length; p++) {
      const e = reg.solve.e[p] as readonly (readonly [number, bigint])[];
      let t = 0n;
      for (let q = 0; q < e.length; q++) {
        const x = e[q] as readonly [number, bigint];
        t += x[1] * (yN[x[0]] as bigint);
      }
      z0N[cols[p] as number] = reg.den * t - this.yDen * (reg.solveEc[p] as bigint);
    }
    this.n = z0N;
    return z0N;
  }

  den(): bigint {
    return (this.d ??= this.reg.solve.L * this.yDen);
  }
}

/**
 * A segment 'yes': the witness z = zLo + θ (zHi − zLo) with θ = (U − lo)/(hi − lo) = TN / TD for
 * the sample's coordinate U = UN / UD = s·z0N[col] / z0D, built only when read.
 */
class SegmentYes {
  readonly answer = 'yes' as const;
  readonly path = 'segment' as const;
  private TN = 0n;
  private TD = 0n;
  private zD = 0n;

  constructor(
    private readonly seg: Segment,
    private readonly zp: Particular,
    private readonly col: number,
  ) {}

  private setT(): void {
    if (this.TD !== 0n) return;
    const { hi, lo, zLo, zHi } = this.seg;
    const UN = this.seg.s * (this.zp.num()[this.col] as bigint);
    const UD = this.zp.den();
    const widthN = hi.n * lo.d - lo.n * hi.d;
    this.TN = widthN === 0n ? 0n : (UN * lo.d - lo.n * UD) * hi.d;
    this.TD = widthN === 0n ? 1n : widthN * UD;
    this.zD = zLo.den * zHi.den * this.TD;
  }

  private zc(c: number): bigint {
    const { zLo, zHi } = this.seg;
    const pl = zLo.num[c] as bigint;
    return pl * zHi.den * this.TD + this.TN * ((zHi.num[c] as bigint) * zLo.den - pl * zHi.den);
  }

  /** Is the witness the point xj? (compared without a gcd, coordinate by coordinate) */
  isPoint(xj: readonly Rat[]): boolean {
    this.setT();
    for (let c = 0; c < xj.length; c++) if (this.zc(c) * (xj[c] as Rat).d !== (xj[c] as Rat).n * this.zD) return false;
    return true;
  }

  get z(): IntPoint {
    this.setT();
    return { num: this.seg.zLo.num.map((_, c) => this.zc(c)), den: this.zD };
  }
}

/** (λ, μ) divided by the gcd of λ when μ stays integral (a positive scaling keeps it a Farkas vector). */
function normalisedFarkas(f: { lambda: IntSparse; mu: IntSparse }): { lambda: IntSparse; mu: IntSparse } {
  let g = 0n;
  for (const [, v] of f.lambda) g = gcd(g, v);
  if (g <= 1n || !f.mu.every(([, v]) => v % g === 0n)) return f;
  return { lambda: f.lambda.map(([i, v]) => [i, v / g] as const), mu: f.mu.map(([i, v]) => [i, v / g] as const) };
}

/**
 * Segment LPs solved so far (both optimal, for the primitive objective `o`), by the region's last
 * row array: a region of a layer without bits has its parent's rows (the same arrays).
 */
const segmentLps = new WeakMap<
  readonly bigint[],
  { readonly A: readonly (readonly bigint[])[]; readonly B: readonly bigint[]; readonly o: readonly bigint[]; readonly up: Optimal; readonly down: Optimal }
>();

type Optimal = Extract<OptimizeResult, { kind: 'optimal' }>;

/** The same rows (the same arrays, in order) and right-hand sides. */
function sameRows(A1: readonly (readonly bigint[])[], B1: readonly bigint[], A2: readonly (readonly bigint[])[], B2: readonly bigint[]): boolean {
  if (A1.length !== A2.length || B1.length !== B2.length) return false;
  for (let i = 0; i < A1.length; i++) if (A1[i] !== A2[i] || B1[i] !== B2[i]) return false;
  return true;
}

/** The range of r0·z over G_n with its certificates, or null when G_n is unbounded along r0. */
function segmentOf(reg: PreparedRegion): Segment | null {
  if (reg.segment !== undefined) return reg.segment;
  // r0 = delta_0 · R_0, so r0·z = delta_0 · z[pivot] at the particular solution
  const r0 = reg.red.rows[0] as readonly bigint[];
  const l = reg.red.delta[0] as bigint;
  // The LPs maximise and minimise o·z for the primitive o = r0/c: their answers depend only on the
  // rows and o, so a region with the same rows (the same arrays: a layer without bits keeps its
  // parent's rows) and the same o takes the optima solved before, and the bundle is the same
  // whether or not they were (worker threads, resumed runs).
  const o = primitiveInt(r0);
  const k = o.findIndex((v) => v !== 0n);
  const c = (r0[k] as bigint) / (o[k] as bigint);
  const last = reg.ineqA[reg.ineqA.length - 1];
  const seen = last === undefined ? undefined : segmentLps.get(last);
  let up: Optimal;
  let down: Optimal;
  if (seen !== undefined && sameRows(seen.A, seen.B, reg.ineqA, reg.ineqB) && seen.o.length === o.length && seen.o.every((v, k) => v === o[k])) {
    ({ up, down } = seen);
  } else {
    const forms = rowFormsOf(reg.ineqA, reg.ineqB);
    const u = optimize(reg.ineqA, reg.ineqB, o, forms);
    const dn = optimize(reg.ineqA, reg.ineqB, o.map((v) => -v), forms);
    if (u.kind !== 'optimal' || dn.kind !== 'optimal') {
      reg.segment = null;
      return null;
    }
    [up, down] = [u, dn];
    if (last !== undefined) segmentLps.set(last, { A: reg.ineqA, B: reg.ineqB, o, up, down });
  }
  // integer duals: Λ·dual with Λ the lcm of its denominators, so λᵀA = Λ·(±o); times c, Λ·(±r0)
  const scaled = (lam: IntSparse): IntSparse => (c === 1n ? lam : lam.map(([i, v]) => [i, v * c] as const));
  const hiCert = farkasFromLambda(reg, scaled(up.lambda));
  const loCert = farkasFromLambda(reg, scaled(down.lambda));
  reg.segment = {
    r0,
    s: l,
    hi: c === 1n ? up.value : up.value.mul(Rat.int(c)),
    lo: c === 1n ? down.value.neg() : down.value.neg().mul(Rat.int(c)),
    zHi: up.point,
    zLo: down.point,
    dualHi: hiCert.lambda,
    dualLo: loCert.lambda,
    muHi: hiCert.mu,
    muLo: loCert.mu,
    boundHi: reg.bounds.push(hiCert) - 1,
    boundLo: reg.bounds.push(loCert) - 1,
  };
  return reg.segment;
}

/** The rank-2 polygon of the region with its certificates, computed once (null: no polygon). */
function polygonOf(reg: PreparedRegion): Polygon | null {
  if (reg.polygon !== undefined) return reg.polygon;
  const hull = polygonHull(reg.ineqA, reg.ineqB, reg.red.rows[0] as readonly bigint[], reg.red.rows[1] as readonly bigint[]);
  if (hull === null) {
    reg.polygon = null;
    return null;
  }
  const facets = hull.facets.map((f) => {
    const cert = farkasFromLambda(reg, f.lambda);
    return { h0: f.h[0], h1: f.h[1], vN: f.vN, vD: f.vD, ...cert, bound: reg.bounds.push(cert) - 1 };
  });
  // one common denominator for the vertices (w and z share each vertex's denominator)
  let Dp = 1n;
  for (const v of hull.vertices) Dp = (Dp / gcd(Dp, v.den)) * v.den;
  const P = hull.vertices.map((v) => [v.wNum[0] * (Dp / v.den), v.wNum[1] * (Dp / v.den)] as const);
  const Dz = Dp;
  const Z = hull.vertices.map((v) => v.zNum.map((x) => x * (Dp / v.den)));
  const P0 = P[0] as readonly [bigint, bigint];
  const E = P.map(([x, y]) => [x - P0[0], y - P0[1]] as const);
  const C = E.map((e, k) => {
    const f = E[k + 1];
    return f === undefined ? 0n : e[0] * f[1] - e[1] * f[0];
  });
  reg.polygon = { facets, P, Dp, Z, Dz, E, C, lps: hull.lps };
  return reg.polygon;
}

/**
 * Answer a sample against the polygon: a violated facet gives 'no' with that facet's bound,
 * else a witness from the fan triangle containing w; null when that witness is x_j itself (or,
 * which cannot happen for a correct hull, when no triangle contains w).
 *
 * When x_j strictly violates the row named by `outsideRow`, x_j is not in G_n, so the fan witness
 * (a convex combination of the vertex preimages, in G_n) differs from it: the short witness, when
 * there is one, is then the answer without computing the fan witness (its long numbers).
 */
function polygonAnswer(
  reg: PreparedRegion,
  poly: Polygon,
  zp: Particular,
  xj: readonly Rat[],
  ff: RegionFilter | undefined,
  fy: FloatVec | undefined,
  outsideRow?: () => OutsideRow | undefined,
): QueryAnswer | null {
  // w = (W0, W1) / z0D with W_p = delta_p · z0N[pivot_p] (made only when the filter cannot tell)
  let W: readonly [bigint, bigint] | undefined;
  const w = (): readonly [bigint, bigint] => {
    if (W === undefined) {
      const z0N = zp.num();
      W = [(reg.red.delta[0] as bigint) * (z0N[reg.red.pivotCols[0] as number] as bigint), (reg.red.delta[1] as bigint) * (z0N[reg.red.pivotCols[1] as number] as bigint)];
    }
    return W;
  };
  for (let i = 0; i < poly.facets.length; i++) {
    const f = poly.facets[i] as Polygon['facets'][number];
    const sg = ff === undefined ? 0 : filteredSign(facetForm(reg, ff, poly, i), fy as FloatVec);
    if (sg < 0) continue;
    if (sg > 0 || (f.h0 * w()[0] + f.h1 * w()[1]) * f.vD > f.vN * zp.den()) {
      return boundAnswer(reg, f.bound, 'polygon');
    }
  }
  const z0N = zp.num();
  const z0D = zp.den();
  const out = outsideRow?.();
  const outside = out !== undefined && rowExceededFiltered(reg, out);
  if (outside) {
    const short = shortWitness(reg, z0N, z0D, null);
    if (short !== null) return { answer: 'yes', z: short, path: 'polygon' };
  }
  const [W0, W1] = w();
  // U = w − P[0] at scale z0D·Dp
  const P0 = poly.P[0] as readonly [bigint, bigint];
  const U0 = W0 * poly.Dp - P0[0] * z0D;
  const U1 = W1 * poly.Dp - P0[1] * z0D;
  const k = poly.P.length;
  for (let i = 1; i + 1 < k; i++) {
    const Ei = poly.E[i] as readonly [bigint, bigint];
    const Ej = poly.E[i + 1] as readonly [bigint, bigint];
    // w = P0 + β E_i + γ E_{i+1} with β = bN / (z0D·C_i), γ = gN / (z0D·C_i)
    const gN = Ei[0] * U1 - Ei[1] * U0;
    if (gN < 0n) continue;
    const bN = U0 * Ej[1] - U1 * Ej[0];
    if (bN < 0n) continue;
    const T = z0D * (poly.C[i] as bigint);
    const aN = T - bN - gN;
    if (aN < 0n) return null;
    const Z0 = poly.Z[0] as readonly bigint[];
    const Zi = poly.Z[i] as readonly bigint[];
    const Zj = poly.Z[i + 1] as readonly bigint[];
    const z: IntPoint = { num: Z0.map((v, c) => aN * v + bN * (Zi[c] as bigint) + gN * (Zj[c] as bigint)), den: T * poly.Dz };
    if (samePointInt(z, xj)) return null;
    // The fan witness has long numbers; a short one on the same fibre is preferred when d = 3.
    return { answer: 'yes', z: (outside ? null : shortWitness(reg, z0N, z0D, xj)) ?? z, path: 'polygon' };
  }
  return null;
}

/** floor(n / d) for d > 0. */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d > n ? q - 1n : q;
}

/**
 * The rational with the smallest denominator (then the smallest |numerator|) in [lo, hi]
 * (`null` ends are unbounded; lo ≤ hi, denominators > 0), as [num, den].
 */
export function simplestIn(lo: readonly [bigint, bigint] | null, hi: readonly [bigint, bigint] | null): [bigint, bigint] {
  if (lo === null && hi === null) return [0n, 1n];
  if (lo === null) {
    const h = floorDiv((hi as readonly [bigint, bigint])[0], (hi as readonly [bigint, bigint])[1]);
    return [h < 0n ? h : 0n, 1n];
  }
  const c = -floorDiv(-lo[0], lo[1]); // ceil(lo)
  if (hi === null) return [c > 0n ? c : 0n, 1n];
  if (c * hi[1] <= hi[0]) {
    // an integer in [lo, hi]: the one nearest 0
    if (c > 0n) return [c, 1n];
    const f = floorDiv(hi[0], hi[1]);
    return [f < 0n ? f : 0n, 1n];
  }
  // lo, hi in (f, f + 1): f + 1/x with x simplest in [1/(hi − f), 1/(lo − f)]
  const f = c - 1n;
  const [xn, xd] = simplestIn([hi[1], hi[0] - f * hi[1]], [lo[1], lo[0] - f * lo[1]]);
  return [f * xn + xd, xn];
}

/**
 * Rank 2, d = 3: the preimages of y form the line z0 + t·N in G_n, an interval of t. The
 * simplest rational t there gives a witness with short numbers (exactly checked against the
 * interval, i.e. every row, and against x_j unless `xj` is null: the caller knows x_j is not in
 * G_n); null when there is none (the caller keeps its own witness).
 */
function shortWitness(reg: PreparedRegion, z0N: readonly bigint[], z0D: bigint, xj: readonly Rat[] | null): IntPoint | null {
  if (reg.N.length !== 1) return null;
  // the bounds r/a of t with a = (A N)_i·z0D, kept as [r, (A N)_i] (z0D > 0 is common to every
  // denominator, so it is left out of the comparisons and put back at the end)
  let lo: [bigint, bigint] | null = null;
  let hi: [bigint, bigint] | null = null;
  const m = reg.ineqA.length;
  // the float filter leaves out rows that provably hold (a = 0) or provably give no extreme bound
  const AN = reducedRows(reg);
  if (reg.fibre === undefined) reg.fibre = fibreFilterOf(reg.ineqA, reg.ineqB, AN.map((x) => x[0] as bigint), reg.d);
  let need: Uint8Array | null = null;
  if (reg.fibre !== null) {
    const zf = new Array<bigint>(reg.d + 1);
    for (let c = 0; c < reg.d; c++) zf[c] = z0N[c] as bigint;
    zf[reg.d] = z0D;
    need = new Uint8Array(m);
    if (!fibreCandidates(reg.fibre, floatVecOf(zf), need)) need = null;
  }
  for (let i = 0; i < m; i++) {
    if (need !== null && need[i] === 0) continue;
    const row = reg.ineqA[i] as readonly bigint[];
    let r = (reg.ineqB[i] as bigint) * z0D;
    for (let c = 0; c < reg.d; c++) r -= (row[c] as bigint) * (z0N[c] as bigint);
    const a = (AN[i] as readonly bigint[])[0] as bigint;
    // t·a·z0D ≤ r
    if (a > 0n) {
      if (hi === null || r * hi[1] < hi[0] * a) hi = [r, a];
    } else if (a < 0n) {
      if (lo === null || -r * lo[1] > lo[0] * -a) lo = [-r, -a];
    } else if (r < 0n) return null;
  }
  if (lo !== null && hi !== null && lo[0] * hi[1] > hi[0] * lo[1]) return null;
  const [tN, tD] = simplestIn(lo === null ? null : [lo[0], lo[1] * z0D], hi === null ? null : [hi[0], hi[1] * z0D]);
  // z satisfies row i iff t·(A N)_i·z0D ≤ r_i, so lo ≤ t ≤ hi is every row (tD > 0)
  if (tD <= 0n) return null;
  if (hi !== null && tN * hi[1] * z0D > hi[0] * tD) return null;
  if (lo !== null && tN * lo[1] * z0D < lo[0] * tD) return null;
  const v = reg.N[0] as readonly bigint[];
  const z: IntPoint = { num: z0N.map((x, c) => x * tD + tN * (v[c] as bigint) * z0D), den: z0D * tD };
  if (xj !== null && samePointInt(z, xj)) return null;
  return lowestTerms(reg, z, z0D, tN, tD, v);
}

/**
 * z = (z0N·tD + tN·v·z0D) / (z0D·tD) in lowest terms, the first gcd read off the structure: at a
 * free column f, z0N[f] = 0, so gcd(den, num_f) = z0D·gcd(tD, tN·v_f) (tD is short); the pivot
 * columns then take one gcd each against that number instead of against the long den.
 */
function lowestTerms(reg: PreparedRegion, z: IntPoint, z0D: bigint, tN: bigint, tD: bigint, v: readonly bigint[]): IntPoint {
  const pivots = new Set(reg.red.pivotCols);
  const f = z.num.findIndex((_, c) => !pivots.has(c));
  if (tN === 0n || f < 0 || (v[f] as bigint) === 0n) return z;
  let g = z0D * gcd(tD, tN * (v[f] as bigint));
  for (let c = 0; c < z.num.length && g !== 1n; c++) if (c !== f) g = gcd(g, z.num[c] as bigint);
  return g === 1n ? { ...z, lowest: true } : { num: z.num.map((x) => x / g), den: z.den / g, lowest: true };
}

function unit(d: number, c: number, sign: 1 | -1): Rat[] {
  return Array.from({ length: d }, (_, k) => (k === c ? Rat.int(BigInt(sign)) : Rat.ZERO));
}

/** The region's filter with its null-check forms (the other forms are made on first use). */
function filterOf(reg: PreparedRegion): RegionFilter {
  if (reg.filter !== undefined) return reg.filter;
  const n = reg.M.length;
  const nulls = reg.nullChecks.map(({ u }, k) => {
    const l = new Array<bigint>(n + 1).fill(0n);
    for (const [i, coef] of u) l[i] = reg.den * coef;
    l[n] = -(reg.nullUc[k] as bigint);
    return floatVecOf(l);
  });
  reg.filter = { nulls, rows: [], facets: [] };
  return reg.filter;
}

/** The exact forms of z0N[c] (c < d) and z0D (index d) in Y = (yN, yDen). */
function zForms(reg: PreparedRegion, ff: RegionFilter): readonly (readonly bigint[])[] {
  if (ff.z !== undefined) return ff.z;
  const n = reg.M.length;
  const z = Array.from({ length: reg.d + 1 }, () => new Array<bigint>(n + 1).fill(0n));
  reg.solve.cols.forEach((col, p) => {
    const l = z[col] as bigint[];
    for (const [i, e] of reg.solve.e[p] as readonly (readonly [number, bigint])[]) l[i] = reg.den * e;
    l[n] = -(reg.solveEc[p] as bigint);
  });
  (z[reg.d] as bigint[])[n] = reg.solve.L;
  ff.z = z;
  return z;
}

/** Σ coef·form over the given (coefficient, form) terms, as a FloatVec. */
function combined(terms: readonly (readonly [bigint, readonly bigint[]])[]): FloatVec {
  const len = (terms[0] as readonly [bigint, readonly bigint[]])[1].length;
  const out = new Array<bigint>(len).fill(0n);
  for (const [a, form] of terms) {
    if (a === 0n) continue;
    for (let i = 0; i < len; i++) {
      const x = form[i] as bigint;
      if (x !== 0n) out[i] = (out[i] as bigint) + a * x;
    }
  }
  return floatVecOf(out);
}

/** Row i violated by z0: Σ_c row[c]·z0N[c] − b·z0D > 0. */
function rowForm(reg: PreparedRegion, ff: RegionFilter, i: number): FloatVec {
  let f = ff.rows[i];
  if (f === undefined) {
    const z = zForms(reg, ff);
    const row = reg.ineqA[i] as readonly bigint[];
    f = combined([...row.map((a, c) => [a, z[c] as readonly bigint[]] as const), [-(reg.ineqB[i] as bigint), z[reg.d] as readonly bigint[]] as const]);
    ff.rows[i] = f;
  }
  return f;
}

/** The segment's two tests: UN·hi.d − hi.n·UD > 0 and UN·lo.d − lo.n·UD < 0, UN = s·z0N[col], UD = z0D. */
function segForms(reg: PreparedRegion, ff: RegionFilter, seg: Segment): { readonly hi: FloatVec; readonly lo: FloatVec } {
  if (ff.seg !== undefined) return ff.seg;
  const z = zForms(reg, ff);
  const zc = z[reg.solve.cols[0] as number] as readonly bigint[];
  const zd = z[reg.d] as readonly bigint[];
  ff.seg = {
    hi: combined([[seg.s * seg.hi.d, zc], [-seg.hi.n, zd]]),
    lo: combined([[seg.s * seg.lo.d, zc], [-seg.lo.n, zd]]),
  };
  return ff.seg;
}

/** Facet i violated: (h0·W0 + h1·W1)·vD − vN·z0D > 0, W_p = delta_p·z0N[pivot_p]. */
function facetForm(reg: PreparedRegion, ff: RegionFilter, poly: Polygon, i: number): FloatVec {
  let f = ff.facets[i];
  if (f === undefined) {
    const z = zForms(reg, ff);
    const fc = poly.facets[i] as Polygon['facets'][number];
    f = combined([
      [fc.vD * fc.h0 * (reg.red.delta[0] as bigint), z[reg.red.pivotCols[0] as number] as readonly bigint[]],
      [fc.vD * fc.h1 * (reg.red.delta[1] as bigint), z[reg.red.pivotCols[1] as number] as readonly bigint[]],
      [-fc.vN, z[reg.d] as readonly bigint[]],
    ]);
    ff.facets[i] = f;
  }
  return f;
}

/** `firstViolated` for z0 with the filter first: a row the doubles cannot settle is tested exactly. */
function firstViolatedFiltered(reg: PreparedRegion, ff: RegionFilter, fy: FloatVec, zp: Particular): number {
  for (let i = 0; i < reg.ineqA.length; i++) {
    const sg = filteredSign(rowForm(reg, ff, i), fy);
    if (sg > 0) return i;
    if (sg < 0) continue;
    const row = reg.ineqA[i] as readonly bigint[];
    const zN = zp.num();
    let s = 0n;
    for (let c = 0; c < reg.d; c++) s += (row[c] as bigint) * (zN[c] as bigint);
    if (s > (reg.ineqB[i] as bigint) * zp.den()) return i;
  }
  return -1;
}

/**
 * `rowExceeded(reg, out.row, out.x)`, read from the float filter when it can tell (with `out.xf`);
 * true without a test when the caller proved x outside G_n (`out.proved`).
 */
function rowExceededFiltered(reg: PreparedRegion, out: OutsideRow): boolean {
  if (out.proved === true) return true;
  const xf = out.xf;
  const row = reg.ineqA[out.row];
  if (xf !== undefined && row !== undefined) {
    const forms = (reg.rowForms ??= []);
    let f = forms[out.row];
    if (f === undefined) {
      const l = new Array<bigint>(reg.d + 1);
      for (let c = 0; c < reg.d; c++) l[c] = row[c] as bigint;
      l[reg.d] = -(reg.ineqB[out.row] as bigint);
      f = floatVecOf(l);
      forms[out.row] = f;
    }
    // a·x − b·den > 0 ⟺ the row is violated strictly (den > 0)
    const sg = filteredSign(f, xf);
    if (sg !== 0) return sg > 0;
  }
  return rowExceeded(reg, out.row, out.x);
}

/** Does z = zN / zD (zD > 0) violate row i of G_n (a·z > b)? */
function rowExceeded(reg: PreparedRegion, i: number, z: IntPoint): boolean {
  const row = reg.ineqA[i];
  if (row === undefined) return false;
  let s = 0n;
  for (let c = 0; c < reg.d; c++) s += (row[c] as bigint) * (z.num[c] as bigint);
  return s > (reg.ineqB[i] as bigint) * z.den;
}

/** The first inequality row violated by z = zN / zD (zD > 0), or −1. */
function firstViolated(reg: PreparedRegion, zN: readonly bigint[], zD: bigint): number {
  for (let i = 0; i < reg.ineqA.length; i++) {
    const row = reg.ineqA[i] as readonly bigint[];
    let s = 0n;
    for (let c = 0; c < reg.d; c++) s += (row[c] as bigint) * (zN[c] as bigint);
    if (s > (reg.ineqB[i] as bigint) * zD) return i;
  }
  return -1;
}
