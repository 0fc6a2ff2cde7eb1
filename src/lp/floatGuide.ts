// floatGuide.ts: a floating-point phase-1 simplex used ONLY to propose a starting basis.
// Nothing it returns is trusted: the exact simplex re-derives everything from the basis indices.
import { float64ToDyadic } from '../numbers/ratFromFloat64.js';

/** Bit length of |v| (0 for 0). */
function bitLength(v: bigint): number {
  if (v < 0n) v = -v;
  return v === 0n ? 0 : v.toString(16).length * 4;
}

/**
 * Write `v` as floats into `out`, scaled by one positive factor so that the largest magnitude is
 * about 1 (no overflow in later products). A heuristic guide only: no decision rests on these.
 */
export function scaledFloats(v: readonly bigint[], out: Float64Array, offset = 0): void {
  let finite = true;
  let max = 0;
  for (let i = 0; i < v.length; i++) {
    const f = Number(v[i] as bigint);
    out[offset + i] = f;
    if (!Number.isFinite(f) || Math.abs(f) > 1e300) finite = false;
    else if (Math.abs(f) > max) max = Math.abs(f);
  }
  if (!finite) {
    let bits = 0;
    for (const x of v) bits = Math.max(bits, bitLength(x));
    const sh = BigInt(Math.max(0, bits - 960));
    max = 0;
    for (let i = 0; i < v.length; i++) {
      const f = Number((v[i] as bigint) >> sh);
      out[offset + i] = f;
      if (Math.abs(f) > max) max = Math.abs(f);
    }
  }
  if (max > 0) {
    const inv = 1 / max;
    for (let i = 0; i < v.length; i++) out[offset + i] = (out[offset + i] as number) * inv;
  }
}

const TOL = 1e-11;

/**
 * Run a float phase-1 simplex on `{ lambda >= 0 : M lambda = rhs }` (columns scaled to unit
 * norm) and return its final basis as variable ids (`j >= 0` structural, `-1-i` the artificial of
 * row `i`), or undefined when the float run breaks down. The exact simplex checks the basis.
 */
export function floatPhase1Basis(cols: readonly (readonly bigint[])[], rhs: readonly bigint[]): number[] | undefined {
  const p = rhs.length;
  const n = cols.length;
  const cf = new Float64Array(n * p);
  for (let j = 0; j < n; j++) scaledFloats(cols[j] as readonly bigint[], cf, j * p);
  const rf = new Float64Array(p);
  scaledFloats(rhs, rf);
  return floatPhase1(cf, n, p, rf)?.basis;
}

/**
 * Run a float two-phase simplex on `min cost·lambda` s.t. `M lambda = rhs`, `lambda >= 0` (each
 * column scaled with its cost by one positive factor, then to unit norm; Dantzig's rule) and return
 * its final basis (`p` structural column ids) when it ends optimal with no artificial left in the
 * basis, else undefined. A guess only: the exact simplex checks whatever it uses.
 */
export function floatOptimalBasis(cols: readonly (readonly bigint[])[], rhs: readonly bigint[], cost: readonly bigint[]): number[] | undefined {
  const p = rhs.length;
  const n = cols.length;
  const q = p + 1;
  // column j with its cost, one scaling per column (the cost ratios across columns are kept)
  const cc = new Float64Array(n * q);
  const ext = new Array<bigint>(q);
  for (let j = 0; j < n; j++) {
    const col = cols[j] as readonly bigint[];
    for (let c = 0; c < p; c++) ext[c] = col[c] as bigint;
    ext[p] = cost[j] as bigint;
    scaledFloats(ext, cc, j * q);
  }
  return floatTwoPhase(cc, n, p, rhs);
}

/**
 * {@link floatOptimalBasis} from the columns' pricing forms `(−M_j, cost_j)` (FloatVecs, as the
 * exact simplex takes them): the same guess without converting the columns again.
 */
export function floatOptimalBasisOfForms(forms: readonly { readonly f: Float64Array }[], rhs: readonly bigint[]): number[] | undefined {
  const p = rhs.length;
  const n = forms.length;
  const q = p + 1;
  const cc = new Float64Array(n * q);
  for (let j = 0; j < n; j++) {
    const f = (forms[j] as { readonly f: Float64Array }).f;
    if (f.length !== q) return undefined;
    for (let c = 0; c < p; c++) cc[j * q + c] = -(f[c] as number);
    cc[j * q + p] = f[p] as number;
  }
  return floatTwoPhase(cc, n, p, rhs);
}

/** The two-phase float run behind {@link floatOptimalBasis}: `cc` holds column j and its cost at `j·(p+1)`. */
function floatTwoPhase(cc: Float64Array, n: number, p: number, rhs: readonly bigint[]): number[] | undefined {
  const q = p + 1;
  const cf = new Float64Array(n * p);
  const cost2 = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let nn = 0;
    for (let c = 0; c < p; c++) nn += (cc[j * q + c] as number) ** 2;
    if (!Number.isFinite(nn)) return undefined;
    const inv = nn > 0 ? 1 / Math.sqrt(nn) : 0;
    for (let c = 0; c < p; c++) cf[j * p + c] = (cc[j * q + c] as number) * inv;
    cost2[j] = (cc[j * q + p] as number) * inv;
  }
  const rf = new Float64Array(p);
  scaledFloats(rhs, rf);
  for (let c = 0; c < p; c++) if (!Number.isFinite(rf[c] as number)) return undefined;
  const binv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) binv[i * p + i] = 1;
  const beta = Float64Array.from(rf);
  const basis: number[] = [];
  for (let i = 0; i < p; i++) basis.push(-1 - i);
  const inBasis = new Uint8Array(n);
  const y = new Float64Array(p);
  const alpha = new Float64Array(p);
  let phase2 = false;
  for (let iter = 0; iter < 20 * p + 2 * n; iter++) {
    // multipliers: phase 1 the sum of the artificial rows of B^-1, phase 2 cost_B·B^-1
    y.fill(0);
    let infeas = 0;
    for (let i = 0; i < p; i++) {
      const bi = basis[i] as number;
      const w = phase2 ? (bi >= 0 ? (cost2[bi] as number) : 0) : bi < 0 ? 1 : 0;
      if (!phase2 && bi < 0) infeas += beta[i] as number;
      if (w === 0) continue;
      for (let c = 0; c < p; c++) y[c] = (y[c] as number) + w * (binv[i * p + c] as number);
    }
    if (!phase2 && infeas < TOL) phase2 = true;
    // entering column: the most negative reduced cost (phase 1: cost 0, minimised −y·M_j)
    let ent = -1;
    let best = -TOL;
    for (let j = 0; j < n; j++) {
      if (inBasis[j] === 1) continue;
      let s = phase2 ? (cost2[j] as number) : 0;
      for (let c = 0; c < p; c++) s -= (y[c] as number) * (cf[j * p + c] as number);
      if (s < best) {
        best = s;
        ent = j;
      }
    }
    if (ent < 0) {
      if (!phase2) return undefined;
      return basis.every((v) => v >= 0) ? basis.slice() : undefined;
    }
    if (!floatPivot(p, cf, ent, binv, beta, alpha, basis, inBasis)) return undefined;
  }
  return undefined;
}

/**
 * Float phase 1 on the Farkas form of `A x <= b` given as float rows `(a_i, b_i)` (each row may
 * be scaled by any positive factor): the rows of a probable Farkas vector (at most `k+1`), or
 * undefined when the float run finds the system feasible or breaks down. A guess only.
 */
export function floatFarkasSupport(rowsF: Float64Array, m: number, k: number): number[] | undefined {
  const p = k + 1;
  const cf = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < k; c++) cf[i * p + c] = rowsF[i * p + c] as number;
    cf[i * p + k] = -(rowsF[i * p + k] as number);
  }
  const rf = new Float64Array(p);
  rf[k] = 1;
  const out = floatPhase1(cf, m, p, rf);
  if (out === undefined || out.obj >= TOL) return undefined;
  const rows = out.basis.filter((v) => v >= 0).sort((u, v) => u - v);
  return rows.length > 0 ? rows : undefined;
}

/** The float phase-1 simplex itself; `cf` is overwritten with unit-norm columns. */
function floatPhase1(cf: Float64Array, n: number, p: number, rf: Float64Array): { basis: number[]; obj: number } | undefined {
  for (let j = 0; j < n; j++) {
    let nn = 0;
    for (let c = 0; c < p; c++) nn += (cf[j * p + c] as number) ** 2;
    if (!Number.isFinite(nn)) return undefined;
    const inv = nn > 0 ? 1 / Math.sqrt(nn) : 0;
    for (let c = 0; c < p; c++) cf[j * p + c] = (cf[j * p + c] as number) * inv;
  }
  let rn = 0;
  for (let c = 0; c < p; c++) rn = Math.max(rn, Math.abs(rf[c] as number));
  if (!(rn > 0) || !Number.isFinite(rn)) return undefined;
  const binv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) binv[i * p + i] = 1;
  const beta = new Float64Array(p);
  for (let i = 0; i < p; i++) beta[i] = (rf[i] as number) / rn;
  const basis: number[] = [];
  for (let i = 0; i < p; i++) basis.push(-1 - i);
  const inBasis = new Uint8Array(n);
  const y = new Float64Array(p);
  const alpha = new Float64Array(p);
  const maxIter = 20 * p + 2 * n;
  let obj = 1;
  for (let iter = 0; iter < maxIter; iter++) {
    y.fill(0);
    obj = 0;
    for (let i = 0; i < p; i++) {
      if ((basis[i] as number) >= 0) continue;
      obj += beta[i] as number;
      for (let c = 0; c < p; c++) y[c] = (y[c] as number) + (binv[i * p + c] as number);
    }
    if (obj < TOL) return { basis, obj };
    let ymax = 0;
    for (let c = 0; c < p; c++) ymax = Math.max(ymax, Math.abs(y[c] as number));
    let q = -1;
    let best = TOL * ymax;
    for (let j = 0; j < n; j++) {
      if (inBasis[j] === 1) continue;
      let s = 0;
      for (let c = 0; c < p; c++) s += (y[c] as number) * (cf[j * p + c] as number);
      if (s > best) {
        best = s;
        q = j;
      }
    }
    if (q < 0) return { basis, obj };
    if (!floatPivot(p, cf, q, binv, beta, alpha, basis, inBasis)) return undefined;
  }
  return { basis, obj };
}

/**
 * One pivot of the float revised simplex (B^-1 in `binv`, basic values in `beta`, `alpha` scratch):
 * column `ent` enters, the row of least ratio leaves (an artificial row first on near-ties); false
 * when no row limits it.
 */
function floatPivot(p: number, cf: Float64Array, ent: number, binv: Float64Array, beta: Float64Array, alpha: Float64Array, basis: number[], inBasis: Uint8Array): boolean {
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let c = 0; c < p; c++) s += (binv[i * p + c] as number) * (cf[ent * p + c] as number);
    alpha[i] = s;
  }
  let r = -1;
  let ratio = Infinity;
  for (let i = 0; i < p; i++) {
    const a = alpha[i] as number;
    if (a <= TOL) continue;
    const t = Math.max(0, beta[i] as number) / a;
    if (t < ratio - 1e-14 || (t <= ratio + 1e-14 && r >= 0 && (basis[i] as number) < 0 && (basis[r] as number) >= 0)) {
      ratio = t;
      r = i;
    }
  }
  if (r < 0) return false;
  const ar = alpha[r] as number;
  for (let c = 0; c < p; c++) binv[r * p + c] = (binv[r * p + c] as number) / ar;
  beta[r] = Math.max(0, beta[r] as number) / ar;
  for (let i = 0; i < p; i++) {
    if (i === r) continue;
    const ai = alpha[i] as number;
    if (ai === 0) continue;
    for (let c = 0; c < p; c++) binv[i * p + c] = (binv[i * p + c] as number) - ai * (binv[r * p + c] as number);
    beta[i] = (beta[i] as number) - ai * (beta[r] as number);
  }
  const old = basis[r] as number;
  if (old >= 0) inBasis[old] = 0;
  basis[r] = ent;
  inBasis[ent] = 1;
  return true;
}

/** The exact value of a finite float as `m * 2^e` (undefined for NaN or infinities). */
export function floatToDyadic(x: number): { m: bigint; e: number } | undefined {
  return Number.isFinite(x) ? float64ToDyadic(x) : undefined;
}
