// optimize.ts: exact, certified max c^T x subject to A x <= b.
import { Rat, gcd } from '../checker/rational.js';
import { checkShape } from './feasible.js';
import { feasibleCore } from './feasibleCore.js';
import { ratsOver } from './lazyPoint.js';
import { type FloatVec, floatVecOf } from '../checker/floatSign.js';
import { floatOptimalBasisOfForms } from './floatGuide.js';
import { runStandardSimplex } from './standardSimplex.js';
import type { OptimizeResult, SparseEntry } from './types.js';
import { assertFarkas, assertPoint, assertPointFiltered } from './verifyInt.js';

/** From this many rows on, a float run proposes the optimal basis. */
const FLOAT_OPT_MIN_ROWS = 8;

/**
 * Solve `max c^T x` s.t. `A x <= b` (`x` free) exactly (`forms`: the rows as {@link rowFormsOf}
 * gives them, when the caller has them), through the dual
 * `min b^T lambda` s.t. `A^T lambda = c`, `lambda >= 0` (k equality rows, m columns).
 * - `optimal`: `x` feasible, `dual` = `lambda >= 0` with `A^T lambda = c`, `b^T lambda = value = c^T x`.
 * - `infeasible`: a Farkas vector as in {@link feasible}.
 * - `unbounded`: a feasible `x` and a `ray` with `A ray <= 0`, `c^T ray > 0`.
 * Every answer is verified exactly before returning; an internal inconsistency throws.
 */
export function optimize(A: readonly (readonly bigint[])[], b: readonly bigint[], c: readonly bigint[], forms?: readonly FloatVec[]): OptimizeResult {
  const k = c.length;
  checkShape(A, b, k);
  const m = A.length;
  const sigma = c.map((v) => (v < 0n ? -1n : 1n));
  const cols: bigint[][] = [];
  for (let j = 0; j < m; j++) {
    const a = A[j] as readonly bigint[];
    cols.push(a.map((v, i) => v * (sigma[i] as bigint)));
  }
  const rhs = c.map((v, i) => v * (sigma[i] as bigint));
  // The columns' float forms (−sigma·a_j, b_j), from the system's row forms (sign flips keep the
  // FloatVec contract), for the simplex's pricing filter and the float guide.
  const rows = m < FLOAT_OPT_MIN_ROWS ? undefined : forms !== undefined && forms.length === m ? forms : rowFormsOf(A, b);
  const colForms = rows === undefined ? undefined : columnForms(rows, sigma);
  // A float run proposes the optimal basis. Its exact run is kept only when the optimum it ends at
  // is provably the only optimal basis (then Bland's rule from the artificial basis ends there
  // too: the same answer); otherwise the run starts over from the artificial basis.
  const start = colForms === undefined ? undefined : floatOptimalBasisOfForms(colForms, rhs);
  let out = runStandardSimplex({ cols, rhs, cost: b, start, colForms });
  if (out.kind !== 'optimal' ? start !== undefined : out.warm && !out.unique) out = runStandardSimplex({ cols, rhs, cost: b, colForms });
  if (out.kind === 'unbounded') {
    const rows = out.entries.map((e) => e.col);
    const vals = out.entries.map((e) => e.num);
    assertFarkas(A, b, k, rows, vals);
    return { kind: 'infeasible', farkas: rows.map((row, t) => ({ row, value: Rat.int(vals[t] as bigint) })) };
  }
  if (out.kind === 'phase1Positive') {
    const ray = out.y.map((v, i) => v * (sigma[i] as bigint));
    assertPoint(A, new Array<bigint>(m).fill(0n), ray, 1n);
    let cr = 0n;
    for (let i = 0; i < k; i++) cr += (c[i] as bigint) * (ray[i] as bigint);
    if (cr <= 0n) throw new Error('optimize: ray does not improve the objective (internal error)');
    const fc = feasibleCore(A, b, k);
    if (fc.kind === 'infeasible') {
      assertFarkas(A, b, k, fc.rows, fc.vals);
      return { kind: 'infeasible', farkas: fc.rows.map((row, t) => ({ row, value: Rat.int(fc.vals[t] as bigint) })) };
    }
    assertPoint(A, b, fc.num, fc.den);
    return { kind: 'unbounded', x: ratsOver(fc.num, fc.den), ray: ray.map((v) => Rat.int(v)) };
  }
  const { basis, beta, den, y } = out;
  const xNum = y.map((v, i) => v * (sigma[i] as bigint));
  if (rows === undefined) assertPoint(A, b, xNum, den);
  else assertPointFiltered(A, b, rows, xNum, den);
  const aty = new Array<bigint>(k).fill(0n);
  let bty = 0n;
  const pairs: [number, bigint][] = [];
  for (let i = 0; i < basis.length; i++) {
    const j = basis[i] as number;
    const v = beta[i] as bigint;
    if (j < 0 || v === 0n) continue;
    if (v < 0n) throw new Error('optimize: negative dual (internal error)');
    pairs.push([j, v]);
    const a = A[j] as readonly bigint[];
    for (let t = 0; t < k; t++) aty[t] = (aty[t] as bigint) + v * (a[t] as bigint);
    bty += v * (b[j] as bigint);
  }
  let cx = 0n;
  for (let t = 0; t < k; t++) {
    if (aty[t] !== (c[t] as bigint) * den) throw new Error('optimize: A^T lambda != c (internal error)');
    cx += (c[t] as bigint) * (xNum[t] as bigint);
  }
  if (cx !== bty) throw new Error('optimize: duality gap (internal error)');
  pairs.sort((u, v) => u[0] - v[0]);
  // the integer forms over the lcm of the denominators: divided by gcd(den, entries), one gcd chain each
  const gx = contentWith(den, xNum);
  const point = gx === 1n ? { num: xNum, den } : { num: xNum.map((v) => v / gx), den: den / gx };
  const gl = contentWith(den, pairs.map(([, v]) => v));
  const lambda = gl === 1n ? pairs : pairs.map(([row, v]) => [row, v / gl] as const);
  let x: Rat[] | undefined;
  let dual: SparseEntry[] | undefined;
  return {
    kind: 'optimal',
    get x(): Rat[] {
      return (x ??= ratsOver(xNum, den));
    },
    point,
    value: Rat.of(bty, den),
    get dual(): SparseEntry[] {
      return (dual ??= pairs.map(([row, v]) => ({ row, value: Rat.of(v, den) })));
    },
    lambda,
  };
}

/** Row forms made so far, by coefficient array (region rows are shared by a region's descendants), with their b. */
const rowFormCache = new WeakMap<readonly bigint[], { readonly b: bigint; readonly f: FloatVec }>();

/**
 * Each row `(a_i, b_i)` of `A x <= b` as a FloatVec, for {@link optimize}: a caller solving several
 * LPs over one system makes them once and passes them to each. A row array met before with the
 * same b_i gets the form made then (rows are never mutated; the regions of deeper layers share
 * their parents' row arrays, so most rows of a region are met before).
 */
export function rowFormsOf(A: readonly (readonly bigint[])[], b: readonly bigint[]): FloatVec[] {
  return A.map((a, i) => {
    const bi = b[i] as bigint;
    const hit = rowFormCache.get(a);
    if (hit !== undefined && hit.b === bi) return hit.f;
    const f = floatVecOf([...a, bi]);
    rowFormCache.set(a, { b: bi, f });
    return f;
  });
}

/**
 * The forms `(−sigma·a_j, b_j)` of the standard form's columns: every entry of a row form negated
 * or kept, so `f = v/2^t + err` with the same bound and the same M (a valid FloatVec).
 */
function columnForms(rows: readonly FloatVec[], sigma: readonly bigint[]): FloatVec[] {
  const k = sigma.length;
  const s = sigma.map((v) => (v < 0n ? 1 : -1));
  return rows.map(({ f, M }) => {
    const g = new Float64Array(k + 1);
    for (let i = 0; i < k; i++) g[i] = (s[i] as number) * (f[i] as number);
    g[k] = f[k] as number;
    return { f: g, M };
  });
}

/**
 * gcd(den, vals...) for den > 0. Then `vals[i] / den` in lowest terms has denominator
 * `den / g_i` with `g_i = gcd(den, vals[i])`, and the lcm of these is `den / gcd(den, vals...)`.
 */
function contentWith(den: bigint, vals: readonly bigint[]): bigint {
  let g = den;
  for (const v of vals) {
    if (g === 1n) return 1n;
    if (v !== 0n) g = gcd(g, v);
  }
  return g;
}
