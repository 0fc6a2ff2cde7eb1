// samples.ts: rules `witness`, `same`, `farkas`, `pinned`: the per-sample records of a region.
import { checkBound } from './bound.js';
import { type LayerGeo, type Region, canonicalRows } from './geometry.js';
import type { Header } from './header.js';
import { type Point, idx, list, obj, point, sparse, sparseRat } from './parse.js';
import { Rat } from './rational.js';
import { combine, mapPoint, samePoint, sdot, violatedRow } from './regionCerts.js';
import { type Step, reject } from './verdict.js';

/** The answer a per-sample record gives, by rule. */
export type RecordKind = 'witness' | 'same' | 'farkas' | 'pinned';

/** Why the point is not in S(j, n) = { z ∈ G_n : Φ_n(z) = y_j }, or undefined. */
function notInS(reg: Region, z: Point, geo: LayerGeo, j: number): string | undefined {
  const r = violatedRow(reg, z);
  if (r >= 0) return `violates row ${r} of G_n: a·z·den = ${(reg.A[r] as bigint[]).reduce((s, v, c) => s + v * (z.num[c] as bigint), 0n)} > ${(reg.b[r] as bigint) * z.den} = b·den`;
  const y = geo.images[j];
  if (y === undefined) return `no sample ${j}`;
  const m = mapPoint(reg, z);
  const i = m.findIndex((v, k) => v * y.d !== (y.n[k] as bigint) * reg.pd * z.den);
  if (i >= 0) return `Φ_n(z)[${i}] = ${m[i]}/${reg.pd * z.den} ≠ y[${i}] = ${y.n[i]}/${y.d}`;
  return undefined;
}

/** Rule `farkas`: λ ≥ 0, λᵀA + μᵀP = 0, λᵀb + μᵀ(y − q) < 0; the reason it fails, or undefined. */
function farkasProblem(x: readonly unknown[], reg: Region, geo: LayerGeo, j: number, at: Step): string | undefined {
  const lam = sparse(x[1], at, 'lambda', reg.A.length, true);
  const mu = sparse(x[2], at, 'mu', reg.P.length, false);
  const y = geo.images[j] as LayerGeo['images'][number];
  const d = reg.P[0]?.length ?? 0;
  const rows = canonicalRows(reg, lam.i);
  const lA = combine(lam, rows.A, d);
  const mP = combine(mu, reg.P, d);
  const c = lA.findIndex((v, k) => v * reg.pd + (mP[k] as bigint) !== 0n);
  if (c >= 0) return `λᵀA + μᵀP ≠ 0 in column ${c}: derived pd·λᵀA + μᵀP·pd = [${lA.map((v, k) => v * reg.pd + (mP[k] as bigint)).join(', ')}], expected 0`;
  const rhs = sdot(lam, rows.b) * reg.pd * y.d + sdot(mu, y.n) * reg.pd - sdot(mu, reg.q) * y.d;
  if (rhs >= 0n) return `λᵀb + μᵀ(y − q) = ${rhs}/${reg.pd * y.d}, not < 0`;
  return undefined;
}

/** Rule `pinned`: x_j ∈ S(j, n) and 2d bound certificates pin every coordinate to x_j's. */
function pinnedProblem(x: unknown, reg: Region, geo: LayerGeo, h: Header, j: number, at: Step): string | undefined {
  const xj = h.xs[j] as Point;
  const self = notInS(reg, xj, geo, j);
  if (self !== undefined) return `x_j is not in S(j, n): ${self}`;
  const d = h.inputDim;
  const es = list(x, at, 'pinned bounds');
  if (es.length !== 2 * d) return `${es.length} bounds, expected ${2 * d}`;
  const y = geo.images[j] as LayerGeo['images'][number];
  const rows = canonicalRows(reg, reg.A.map((_, r) => r));
  const sys = {
    ineqA: rows.A.map((r) => r.map((v) => Rat.int(v))),
    ineqB: rows.b.map((v) => Rat.int(v)),
    eqA: reg.P.map((r) => r.map((v) => Rat.of(v, reg.pd))),
    eqB: y.n.map((v, i) => Rat.of(v, y.d).sub(Rat.of(reg.q[i] as bigint, reg.pd))),
  };
  const seen = new Set<string>();
  for (const e of es) {
    const o = obj(e, at, 'pinned bound', ['coord', 'sign', 'lambda', 'mu']);
    const c = idx(o['coord'], at, 'coord', d);
    const sign = o['sign'];
    if (sign !== 1 && sign !== -1) return `sign ${JSON.stringify(sign)} is not ±1`;
    if (seen.has(`${c}:${sign}`)) return `coordinate ${c} sign ${sign} repeated`;
    seen.add(`${c}:${sign}`);
    const lambda = sparseRat(o['lambda'], at, 'lambda', reg.A.length);
    const mu = sparseRat(o['mu'], at, 'mu', reg.P.length);
    const e1 = Array.from({ length: d }, (_, k) => (k === c ? Rat.int(BigInt(sign)) : Rat.ZERO));
    const v = Rat.of(BigInt(sign) * (xj.num[c] as bigint), xj.den);
    const r = checkBound(sys, lambda, mu, e1, v);
    if (!r.ok) return `coordinate ${c} sign ${sign}: ${r.reason}`;
  }
  return undefined;
}

/** Check the `yes`, `no`, `pinned` lists of region n; returns sample → the rule of its record. */
export function checkSampleRecords(rec: Record<string, unknown>, reg: Region, geo: LayerGeo, h: Header, base: Step): Map<number, RecordKind> {
  const out = new Map<number, RecordKind>();
  const N = h.xs.length;
  const seen = new Set<number>();
  for (const name of ['yes', 'no', 'pinned']) for (const x of list(rec[name] ?? [], base, name)) {
    const j = idx(list(x, base, name)[0], base, `${name} sample`, N);
    if (seen.has(j)) reject('parse', { ...base, sample: j }, `sample ${j} has more than one record in region ${reg.id}`);
    if (geo.regionOf[j] === reg.id) reject('parse', { ...base, sample: j }, `sample ${j} belongs to region ${reg.id} itself`);
    seen.add(j);
  }
  const take = (x: unknown, rule: RecordKind | 'no' | 'pinned', what: string): { j: number; e: readonly unknown[]; at: Step } => {
    const e = list(x, base, what);
    const j = idx(e[0], base, `${what} sample`, N);
    const at = { ...base, sample: j };
    if (e.length !== (rule === 'no' ? 3 : 2)) reject('parse', at, `${what} record has ${e.length} fields`);
    return { j, e, at };
  };
  for (const x of list(rec['yes'] ?? [], base, 'yes')) {
    const { j, e, at } = take(x, 'witness', 'yes');
    const isSame = typeof e[1] === 'object' && e[1] !== null && !Array.isArray(e[1]) && 'same' in e[1];
    if (isSame) {
      const k = idx(obj(e[1], at, 'same', ['same'])['same'], at, 'same', N);
      const xk = h.xs[k] as Point;
      if (k === j || samePoint(xk, h.xs[j] as Point)) reject('same', at, `sample ${k} is the point x_j itself`);
      const p = notInS(reg, xk, geo, j);
      if (p !== undefined) reject('same', at, `x_${k} is not in S(${j}, ${reg.id}): ${p}`);
      out.set(j, 'same');
    } else {
      const z = point(e[1], at, 'witness', h.inputDim);
      const p = notInS(reg, z, geo, j);
      if (p !== undefined) reject('witness', at, `the witness is not in S(${j}, ${reg.id})`, p);
      if (samePoint(z, h.xs[j] as Point)) reject('witness', at, 'the witness is x_j itself, not a gluing');
      out.set(j, 'witness');
    }
  }
  for (const x of list(rec['no'] ?? [], base, 'no')) {
    const { j, e, at } = take(x, 'no', 'no');
    const p = farkasProblem(e, reg, geo, j, at);
    if (p !== undefined) reject('farkas', at, `Farkas certificate for (${j}, ${reg.id}) fails`, p);
    out.set(j, 'farkas');
  }
  for (const x of list(rec['pinned'] ?? [], base, 'pinned')) {
    const { j, e, at } = take(x, 'pinned', 'pinned');
    const p = pinnedProblem(e[1], reg, geo, h, j, at);
    if (p !== undefined) reject('pinned', at, `pinned certificate for (${j}, ${reg.id}) fails`, p);
    out.set(j, 'pinned');
  }
  return out;
}
