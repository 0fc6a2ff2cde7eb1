// regionCerts.ts: rules `null`, `bound`, `segment`: region-level certificates, checked once, applied per pair.
import type { Img, Region } from './geometry.js';
import { type Point, type Sparse, list, obj, point, sparse } from './parse.js';
import { type Step, reject } from './verdict.js';

/** uᵀP = 0 checked; `uq` = uᵀq (integer form). */
export interface NullCert extends Sparse { readonly uq: bigint }
/** λᵀA·pd = vᵀP checked; `t` = vᵀQ + λᵀb·pd (so the rule reads (vᵀY)·pd > t·Y_d). */
export interface BoundCert extends Sparse { readonly t: bigint }
/** lo, hi ∈ G_n; images Φ(lo) = a/D, Φ(hi) = (a + dir)/D; `k` a coordinate with dir_k ≠ 0, or −1. */
export interface SegmentCert { readonly lo: Point; readonly hi: Point; readonly a: bigint[]; readonly dir: bigint[]; readonly D: bigint; readonly k: number }

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

/** The first row of G_n violated by the point, or −1. */
export function violatedRow(reg: Region, z: Point): number {
  for (let r = 0; r < reg.A.length; r++) {
    const a = reg.A[r] as readonly bigint[];
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
    return { ...u, uq: sdot(u, reg.q) };
  });
}

/** Rule `bound`: each {v, lambda} with λ ≥ 0 and λᵀA = vᵀP. */
export function parseBounds(x: unknown, reg: Region, at: Step): BoundCert[] {
  const d = reg.P[0]?.length ?? 0;
  return list(x ?? [], at, 'bounds').map((e, t) => {
    const o = obj(e, at, `bounds[${t}]`, ['v', 'lambda']);
    const v = sparse(o['v'], at, `bounds[${t}].v`, reg.P.length, false);
    const lam = sparse(o['lambda'], at, `bounds[${t}].lambda`, reg.A.length, true);
    const lhs = combine(lam, reg.A, d).map((s) => s * reg.pd);
    const rhs = combine(v, reg.P, d);
    const c = lhs.findIndex((s, k) => s !== rhs[k]);
    if (c >= 0) reject('bound', at, `bounds[${t}]: λᵀA ≠ vᵀP in column ${c}`, `derived λᵀA·pd = [${lhs.join(', ')}], expected vᵀP·pd = [${rhs.join(', ')}]`);
    return { ...v, t: sdot(v, reg.q) + sdot(lam, reg.b) * reg.pd };
  });
}

/** Rule `segment`: each {lo, hi} with both points in G_n. */
export function parseSegments(x: unknown, reg: Region, at: Step): SegmentCert[] {
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
    return { lo, hi, a, dir, D: reg.pd * lo.den * hi.den, k: dir.findIndex((v) => v !== 0n) };
  });
}

/** Rule `null` for one pair: uᵀ(y − q) ≠ 0. */
export function nullSettles(u: NullCert, y: Img, pd: bigint): boolean {
  return sdot(u, y.n) * pd !== u.uq * y.d;
}

/** Rule `bound` for one pair: vᵀ(y − q) > λᵀb, i.e. (vᵀY)·pd > (vᵀQ + λᵀb·pd)·Y_d. */
export function boundSettles(bd: BoundCert, y: Img, pd: bigint): boolean {
  return sdot(bd, y.n) * pd > bd.t * y.d;
}

/** Rule `segment` for one pair: y = Φ(lo + θ(hi − lo)), θ ∈ [0, 1], and that point is not x. */
export function segmentSettles(s: SegmentCert, y: Img, x: Point): boolean {
  const m = s.a.length;
  if (s.k < 0) {
    for (let i = 0; i < m; i++) if ((y.n[i] as bigint) * s.D !== (s.a[i] as bigint) * y.d) return false;
    return !samePoint(s.lo, x) || !samePoint(s.hi, x);
  }
  const dk = s.dir[s.k] as bigint;
  let tn = (y.n[s.k] as bigint) * s.D - (s.a[s.k] as bigint) * y.d;
  let td = dk * y.d;
  for (let i = 0; i < m; i++) if (((y.n[i] as bigint) * s.D - (s.a[i] as bigint) * y.d) * dk !== tn * (s.dir[i] as bigint)) return false;
  if (td < 0n) [tn, td] = [-tn, -td];
  if (tn < 0n || tn > td) return false;
  for (let c = 0; c < x.num.length; c++) {
    const l = s.lo.num[c] as bigint;
    const zc = l * s.hi.den * td + tn * ((s.hi.num[c] as bigint) * s.lo.den - l * s.hi.den);
    if (zc * x.den !== (x.num[c] as bigint) * s.lo.den * s.hi.den * td) return true;
  }
  return false;
}

/** True when two points are equal. */
export function samePoint(a: Point, b: Point): boolean {
  return a.num.every((v, c) => v * b.den === (b.num[c] as bigint) * a.den);
}
