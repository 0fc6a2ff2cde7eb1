// regionCerts.ts: rules `null`, `bound`, `segment`: region-level certificates, checked once, applied per pair.
import { type FloatVec, filteredSign, floatVecOf, pointFloats, rowFloats, rowSign } from './floatSign.js';
import { type Img, type Region, canonicalRows, gcdAll } from './geometry.js';
import { type Point, type Sparse, list, obj, point, sparse } from './parse.js';
import { type Step, reject } from './verdict.js';

/** uᵀP = 0 checked; `uq` = uᵀq (integer form); `m` = rows of P; `lf` the form (pd·u, −uq) on (Y, Y_d) as doubles, made by `nullSettles` on first use. */
export interface NullCert extends Sparse { readonly uq: bigint; readonly m: number; lf?: FloatVec }
/** λᵀA·pd = vᵀP checked; `t` = vᵀQ + λᵀb·pd (so the rule reads (vᵀY)·pd > t·Y_d); `lf` the form (pd·v, −t). */
export interface BoundCert extends Sparse { readonly t: bigint; readonly lf: FloatVec }
/**
 * lo, hi ∈ G_n; images Φ(lo) = a/D, Φ(hi) = (a + dir)/D; `k` a coordinate with dir_k ≠ 0, or −1.
 * B/Bd is a point of the image line with small numbers (q/pd when it lies on it, else a/D) and
 * `delta` is dir over its gcd. Float forms (see `onImageLine`, `segmentHolds`): `forms` vanish on the image line,
 * `ends` are Y_k·D − a_k·Y_d and Y_k·D − (a_k + dir_k)·Y_d, `xline` vanish on the input line through lo, hi.
 * `line` is the id of the image line in the layer's `LineIds` (−1 when dir = 0); `lineRep` the layer's first
 * certificate on that line (undefined: this one), whose data `onImageLine` uses (only it has `forms`).
 */
export interface SegmentCert {
  readonly lo: Point; readonly hi: Point; readonly a: bigint[]; readonly dir: bigint[]; readonly D: bigint; readonly k: number;
  readonly B: readonly bigint[]; readonly Bd: bigint; readonly delta: readonly bigint[]; readonly Bdk: bigint;
  readonly forms: readonly FloatVec[]; readonly ends: readonly FloatVec[]; readonly xline: readonly FloatVec[];
  readonly line: number; readonly lineRep: SegmentCert | undefined;
}

/**
 * Ids for the image lines of one layer's segment certificates: two certificates get one id only when
 * their lines are equal, i.e. have the same primitive direction δ (δ_k > 0 at the first k with δ_k ≠ 0)
 * and the same point p with p_k = 0, p = (B·δ_k − B_k·δ)/(Bd·δ_k), compared exactly.
 */
export class LineIds {
  private readonly byDir = new Map<string, { n: bigint[]; d: bigint; id: number }[]>();
  count = 0;
  /** The first certificate with each line id. */
  readonly first: SegmentCert[] = [];

  /** The id of the line {B/Bd + s·δ}, δ primitive with δ_k ≠ 0 at its first non-zero k. */
  id(B: readonly bigint[], Bd: bigint, delta: readonly bigint[], k: number): number {
    const dir = (delta[k] as bigint) > 0n ? delta : delta.map((v) => -v);
    const dk = dir[k] as bigint;
    const bk = B[k] as bigint;
    const n = B.map((b, i) => b * dk - bk * (dir[i] as bigint));
    const d = Bd * dk;
    const key = `${k}:${dir.join(',')}`;
    const reps = this.byDir.get(key) ?? [];
    this.byDir.set(key, reps);
    const same = reps.find((r) => r.n.every((v, i) => v * d === (n[i] as bigint) * r.d));
    if (same !== undefined) return same.id;
    reps.push({ n, d, id: this.count });
    return this.count++;
  }
}

/** The dense vector of length `len` with the given entries (entries at one index add up), as doubles. */
function dense(len: number, entries: readonly (readonly [number, bigint])[]): FloatVec {
  const v = new Array<bigint>(len).fill(0n);
  for (const e of entries) v[e[0]] = (v[e[0]] as bigint) + e[1];
  return floatVecOf(v);
}

/** The form (pd·s, c) on (Y, Y_d) for a sparse s over `m` rows. */
function formOf(s: Sparse, pd: bigint, c: bigint, m: number): FloatVec {
  return dense(m + 1, [...s.i.map((r, t) => [r, (s.v[t] as bigint) * pd] as const), [m, c]]);
}

/** Sparse combination Σ w_t · rows[i_t] (a dense vector of length `cols`). */
export function combine(s: Sparse, rows: readonly (readonly bigint[])[], cols: number): bigint[] {
  const out = new Array<bigint>(cols).fill(0n);
  s.i.forEach((r, t) => {
    const w = s.v[t] as bigint;
    const row = rows[r] as readonly bigint[];
    for (let c = 0; c < cols; c++) out[c] = (out[c] as bigint) + w * (row[c] as bigint);
  });
  return out;
}

/** Sparse dot product Σ w_t · x[i_t]. */
export function sdot(s: Sparse, x: readonly bigint[]): bigint {
  let acc = 0n;
  for (let t = 0; t < s.i.length; t++) acc += (s.v[t] as bigint) * (x[s.i[t] as number] as bigint);
  return acc;
}

/** The rows of each region as doubles (`rowFloats`), made on the first point tested against it. */
const floatRows = new WeakMap<Region, Float64Array>();

/** The first row of G_n violated by the point, or −1 (a certain float sign of a·z − b settles a row; else exact). */
export function violatedRow(reg: Region, z: Point): number {
  const zf = pointFloats(z.num, z.den);
  let rows = floatRows.get(reg);
  if (rows === undefined) floatRows.set(reg, (rows = rowFloats(reg.A, reg.b)));
  for (let r = 0; r < reg.A.length; r++) {
    const a = reg.A[r] as readonly bigint[];
    const f = a.length + 1 === zf.length ? rowSign(rows, r, zf) : 0;
    if (f !== 0) {
      if (f > 0) return r;
      continue;
    }
    let s = 0n;
    for (let c = 0; c < a.length; c++) s += (a[c] as bigint) * (z.num[c] as bigint);
    if (s > (reg.b[r] as bigint) * z.den) return r;
  }
  return -1;
}

/** Φ_n(z) as integers over pd·z.den. */
export function mapPoint(reg: Region, z: Point): bigint[] {
  return reg.P.map((p, i) => p.reduce((s, v, c) => s + v * (z.num[c] as bigint), 0n) + (reg.q[i] as bigint) * z.den);
}

/** Rule `null`: each u ≠ 0 with uᵀP = 0. */
export function parseNulls(x: unknown, reg: Region, at: Step): NullCert[] {
  const d = reg.P[0]?.length ?? 0;
  return list(x ?? [], at, 'null').map((e, t) => {
    const u = sparse(e, at, `null[${t}]`, reg.P.length, false);
    if (u.i.length === 0) reject('null', at, `null[${t}] is the zero vector`);
    const uP = combine(u, reg.P, d);
    if (uP.some((v) => v !== 0n)) reject('null', at, `null[${t}]: uᵀP ≠ 0`, `derived uᵀP·pd = [${uP.join(', ')}], expected all 0 (pd = ${reg.pd})`);
    const uq = sdot(u, reg.q);
    return { i: u.i, v: u.v, uq, m: reg.P.length };
  });
}

/** Rule `bound`: each {v, lambda} with λ ≥ 0 and λᵀA = vᵀP. */
export function parseBounds(x: unknown, reg: Region, at: Step): BoundCert[] {
  const d = reg.P[0]?.length ?? 0;
  return list(x ?? [], at, 'bounds').map((e, t) => {
    const o = obj(e, at, `bounds[${t}]`, ['v', 'lambda']);
    const v = sparse(o['v'], at, `bounds[${t}].v`, reg.P.length, false);
    const lam = sparse(o['lambda'], at, `bounds[${t}].lambda`, reg.A.length, true);
    const rows = canonicalRows(reg, lam.i);
    const lhs = combine(lam, rows.A, d).map((s) => s * reg.pd);
    const rhs = combine(v, reg.P, d);
    const c = lhs.findIndex((s, k) => s !== rhs[k]);
    if (c >= 0) reject('bound', at, `bounds[${t}]: λᵀA ≠ vᵀP in column ${c}`, `derived λᵀA·pd = [${lhs.join(', ')}], expected vᵀP·pd = [${rhs.join(', ')}]`);
    const tv = sdot(v, reg.q) + sdot(lam, rows.b) * reg.pd;
    return { i: v.i, v: v.v, t: tv, lf: formOf(v, reg.pd, -tv, reg.P.length) };
  });
}

/** Rule `segment`: each {lo, hi} with both points in G_n. */
export function parseSegments(x: unknown, reg: Region, at: Step, lines = new LineIds()): SegmentCert[] {
  const d = reg.P[0]?.length ?? 0;
  return list(x ?? [], at, 'segments').map((e, t) => {
    const o = obj(e, at, `segments[${t}]`, ['lo', 'hi']);
    const lo = point(o['lo'], at, `segments[${t}].lo`, d);
    const hi = point(o['hi'], at, `segments[${t}].hi`, d);
    for (const [name, z] of [['lo', lo], ['hi', hi]] as const) {
      const r = violatedRow(reg, z);
      if (r >= 0) reject('segment', at, `segments[${t}].${name} violates row ${r} of G_n`, `a·z = ${(reg.A[r] as bigint[]).reduce((s, v, c) => s + v * (z.num[c] as bigint), 0n)}/${z.den} > ${reg.b[r]}`);
    }
    const a = mapPoint(reg, lo).map((v) => v * hi.den);
    const dir = mapPoint(reg, hi).map((v, i) => v * lo.den - (a[i] as bigint));
    const D = reg.pd * lo.den * hi.den;
    const k = dir.findIndex((v) => v !== 0n);
    const g = gcdAll(dir);
    const delta = g > 1n ? dir.map((v) => v / g) : dir;
    // q/pd lies on the image line iff (q_i·D − a_i·pd)·dir_k = (q_k·D − a_k·pd)·dir_i for every i
    const qk = k < 0 ? 0n : (reg.q[k] as bigint) * D - (a[k] as bigint) * reg.pd;
    const qOn = k >= 0 && dir.every((v, i) => ((reg.q[i] as bigint) * D - (a[i] as bigint) * reg.pd) * (dir[k] as bigint) === qk * v);
    const B = qOn ? reg.q : a;
    const Bd = qOn ? reg.pd : D;
    const line = k < 0 ? -1 : lines.id(B, Bd, delta, k);
    const lineRep = lines.first[line];
    const cert = { lo, hi, a, dir, D, k, B, Bd, delta, Bdk: Bd * (k < 0 ? 1n : (delta[k] as bigint)), ...segmentForms(lo, hi, a, dir, D, k, lineRep === undefined), line, lineRep };
    if (line >= 0 && lineRep === undefined) lines.first[line] = cert;
    return cert;
  });
}

/** The float forms of a segment (see `SegmentCert`); `xline` is empty when lo = hi. */
function segmentForms(lo: Point, hi: Point, a: readonly bigint[], dir: readonly bigint[], D: bigint, k: number, lineForms: boolean): Pick<SegmentCert, 'forms' | 'ends' | 'xline'> {
  const m = a.length;
  const d = lo.num.length;
  const dk = k < 0 ? 1n : (dir[k] as bigint);
  const ak = k < 0 ? 0n : (a[k] as bigint);
  // k ≥ 0, i ≠ k: (Y_i·D − a_i·Y_d)·dir_k − (Y_k·D − a_k·Y_d)·dir_i; k < 0 (dk = 1, ak = 0, di = 0): Y_i·D − a_i·Y_d
  const di = (i: number): bigint => (k < 0 ? 0n : (dir[i] as bigint));
  const forms = !lineForms ? [] : a.flatMap((ai, i) => (i === k ? [] : [dense(m + 1, [[i, D * dk], [Math.max(k, 0), -D * di(i)], [m, -ai * dk + ak * di(i)]])]));
  const ends = k < 0 ? [] : [dense(m + 1, [[k, D], [m, -ak]]), dense(m + 1, [[k, D], [m, -ak - dk]])];
  // input direction Δ ∝ hi − lo; for c ≠ c0: (X_c·L − lo_c·X_d)·Δ_c0 − (X_c0·L − lo_c0·X_d)·Δ_c, L = lo.den
  const delta = lo.num.map((l, c) => (hi.num[c] as bigint) * lo.den - l * hi.den);
  const c0 = delta.findIndex((v) => v !== 0n);
  const [D0, l0] = [delta[c0] ?? 0n, lo.num[c0] ?? 0n];
  const xline = c0 < 0 ? [] : lo.num.flatMap((l, c) => (c === c0 ? [] : [dense(d + 1, [[c, lo.den * D0], [c0, -lo.den * (delta[c] as bigint)], [d, -l * D0 + l0 * (delta[c] as bigint)]])]));
  return { forms, ends, xline };
}

/** Rule `null` for one pair: uᵀ(y − q) ≠ 0 (`yf` is (Y, Y_d) as doubles: a certain float sign settles it). */
export function nullSettles(u: NullCert, y: Img, pd: bigint, yf: FloatVec): boolean {
  return filteredSign((u.lf ??= formOf(u, pd, -u.uq, u.m)), yf) !== 0 || sdot(u, y.n) * pd !== u.uq * y.d;
}

/** Rule `bound` for one pair: vᵀ(y − q) > λᵀb, i.e. (vᵀY)·pd > (vᵀQ + λᵀb·pd)·Y_d (a certain float sign decides). */
export function boundSettles(bd: BoundCert, y: Img, pd: bigint, yf: FloatVec): boolean {
  const s = filteredSign(bd.lf, yf);
  return s !== 0 ? s > 0 : sdot(bd, y.n) * pd > bd.t * y.d;
}

/**
 * Rule `segment` for one pair is y = Φ(lo + θ(hi − lo)), θ ∈ [0, 1], and that point is not x. First
 * half: y lies on the image line (the point a/D when dir = 0); a certain non-zero float line form refutes it.
 */
export function onImageLine(c: SegmentCert, y: Img, yf: FloatVec): boolean {
  const s = c.lineRep ?? c; // the line's first certificate: same line, same answer
  for (let t = 0; t < s.forms.length; t++) if (filteredSign(s.forms[t] as FloatVec, yf) !== 0) return false;
  const m = s.a.length;
  const k = s.k;
  if (k < 0) {
    for (let i = 0; i < m; i++) if ((y.n[i] as bigint) * s.D !== (s.a[i] as bigint) * y.d) return false;
    return true;
  }
  // on the line: (Y_i·Bd − B_i·Y_d)·δ_k = (Y_k·Bd − B_k·Y_d)·δ_i for every i (Y_i = 0 when B_i = δ_i = 0),
  // evaluated as Y_i·(Bd·δ_k) − B_i·(Y_d·δ_k) = e_k·δ_i
  const dk = s.delta[k] as bigint;
  const ek = (y.n[k] as bigint) * s.Bd - (s.B[k] as bigint) * y.d;
  const ydk = y.d * dk;
  for (let i = 0; i < m; i++) {
    if (i === k) continue;
    const bi = s.B[i] as bigint;
    const di = s.delta[i] as bigint;
    if (bi === 0n && di === 0n ? y.n[i] !== 0n : (y.n[i] as bigint) * s.Bdk - bi * ydk !== ek * di) return false;
  }
  return true;
}

/** Rule `segment`, second half, for y on the line: θ ∈ [0, 1] (the ends' float signs) and the point is not x (a certain non-zero `xline` form puts x off the input line; `xf` is (x, x_den) as doubles). */
export function segmentHolds(s: SegmentCert, y: Img, x: Point, yf: FloatVec, xf: FloatVec): boolean {
  const k = s.k;
  if (k < 0) return !samePoint(s.lo, x) || !samePoint(s.hi, x);
  // θ ∈ [0, 1] iff y_k lies between a_k/D and (a_k + dir_k)/D
  const lo = endSign(s, 0, y, yf);
  const hi = endSign(s, 1, y, yf);
  if (lo * hi > 0) return false;
  for (let t = 0; t < s.xline.length; t++) if (filteredSign(s.xline[t] as FloatVec, xf) !== 0) return true;
  let tn = (y.n[k] as bigint) * s.D - (s.a[k] as bigint) * y.d;
  let td = (s.dir[k] as bigint) * y.d;
  if (td < 0n) [tn, td] = [-tn, -td];
  for (let c = 0; c < x.num.length; c++) {
    const l = s.lo.num[c] as bigint;
    const zc = l * s.hi.den * td + tn * ((s.hi.num[c] as bigint) * s.lo.den - l * s.hi.den);
    if (zc * x.den !== (x.num[c] as bigint) * s.lo.den * s.hi.den * td) return true;
  }
  return false;
}

/** The sign of Y_k·D − e·Y_d, e = a_k (t = 0) or a_k + dir_k (t = 1): end form `t` of the segment (float filter, exact when unsure). */
function endSign(s: SegmentCert, t: number, y: Img, yf: FloatVec): number {
  const f = filteredSign(s.ends[t] as FloatVec, yf);
  if (f !== 0) return f;
  const e = t === 0 ? (s.a[s.k] as bigint) : (s.a[s.k] as bigint) + (s.dir[s.k] as bigint);
  const v = (y.n[s.k] as bigint) * s.D - e * y.d;
  return v > 0n ? 1 : v < 0n ? -1 : 0;
}

/** True when two points are equal. */
export function samePoint(a: Point, b: Point): boolean {
  return a.num.every((v, c) => v * b.den === (b.num[c] as bigint) * a.den);
}
