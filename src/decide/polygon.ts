// polygon.ts: the exact image of a polyhedron under a rank-2 linear map, by LPs, with certificates.
import { gcd } from '../checker/rational.js';
import type { FloatVec } from '../checker/floatSign.js';
import { optimize, rowFormsOf } from '../lp/optimize.js';
import { floatRows, maximizeFrom, pointFeasibleFiltered, vertexBasis } from './polygonLp.js';

/**
 * A point of the image polygon with one preimage, in integers over one positive denominator:
 * the preimage `z = zNum / den` satisfies `A z ≤ b`, and `w = wNum / den` with `wNum = (r1·zNum, r2·zNum)`.
 */
export interface PolygonVertex {
  readonly zNum: readonly bigint[];
  readonly den: bigint;
  readonly wNum: readonly [bigint, bigint];
  /** The LP basis (tight independent rows) z was read from, when known (a warm start). */
  readonly basis: readonly number[] | null;
}

/**
 * A facet of the image polygon: `h·w ≤ vN / vD` (vD > 0) for every `w` in it, with an LP dual as
 * proof: integers `λ ≥ 0` (sparse, rows ascending, non-zero) on the rows of `A z ≤ b` with
 * `λᵀA = s·(h[0]·r1 + h[1]·r2)` and `λᵀb = s·vN / vD` for some `s > 0`.
 */
export interface PolygonFacet {
  /** The primitive integer outward normal. */
  readonly h: readonly [bigint, bigint];
  readonly vN: bigint;
  readonly vD: bigint;
  readonly lambda: readonly (readonly [number, bigint])[];
}

/**
 * The image `P = { (r1·z, r2·z) : A z ≤ b }` as a strictly convex polygon: `vertices` in
 * counter-clockwise order (at least 3, no three collinear), each with a preimage, and one
 * certified facet per edge (`facets[i]` belongs to the edge from `vertices[i]` to `vertices[i+1]`).
 * `lps` counts the LPs it took.
 */
export interface PolygonHull {
  readonly vertices: readonly PolygonVertex[];
  readonly facets: readonly PolygonFacet[];
  readonly lps: number;
}

/** One LP's optimum: a point `xNum / den`, the value `valueNum / den`, and an integer dual (see {@link PolygonFacet}). */
interface LpOptimum {
  readonly xNum: readonly bigint[];
  readonly den: bigint;
  readonly valueNum: bigint;
  readonly lambda: readonly (readonly [number, bigint])[];
  readonly basis: readonly number[] | null;
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

function dotInt(a: readonly bigint[], x: readonly bigint[]): bigint {
  let s = 0n;
  for (let i = 0; i < a.length; i++) s += (a[i] as bigint) * (x[i] as bigint);
  return s;
}

/** The primitive integer vector with the direction of the non-zero integer vector (x, y). */
function primitive2(x: bigint, y: bigint): [bigint, bigint] {
  const g = gcd(abs(x), abs(y));
  return [x / g, y / g];
}

/**
 * The facet of the edge from `a` with a primitive normal: the LP ran with `h = g·h'`, so its dual
 * `λ = g·λ'` exactly (λ is linear in the objective) and the facet reads `h'·w ≤ h'·a`.
 */
function reduceFacet(f: PolygonFacet, a: PolygonVertex): PolygonFacet {
  const [h0, h1] = primitive2(f.h[0], f.h[1]);
  const g = f.h[0] !== 0n ? f.h[0] / h0 : f.h[1] / h1;
  const lambda = f.lambda.map(([row, v]) => [row, v % g === 0n ? v / g : v] as const);
  // an inexact division cannot happen (λ = cᵀ·Adj with c = g·c'); if it did, keep λ whole
  const whole = f.lambda.some(([, v]) => v % g !== 0n);
  return { h: [h0, h1], vN: h0 * a.wNum[0] + h1 * a.wNum[1], vD: a.den, lambda: whole ? f.lambda : lambda };
}

/** `q − p` for two vertices, as an integer vector with the right direction (scaled by p.den·q.den > 0). */
function diff(p: PolygonVertex, q: PolygonVertex): [bigint, bigint] {
  return [q.wNum[0] * p.den - p.wNum[0] * q.den, q.wNum[1] * p.den - p.wNum[1] * q.den];
}

/**
 * Compute the image polygon of `{ z : A z ≤ b }` under `z ↦ (r1·z, r2·z)` exactly.
 * Starts from the two extreme points of `r1·z`, then refines every edge of the current
 * counter-clockwise hull by maximising its outward normal `h·w` (the LP objective
 * `h[0]·r1 + h[1]·r2`): an optimum on the edge's line certifies a facet (its dual is the proof),
 * a larger one is a new vertex that splits the edge. Every vertex is an LP optimum, hence a
 * support point of P, so the sequence stays convex. Each LP either adds a vertex or certifies
 * an edge: `#vertices + #edges` LPs in all (plus collinear extras). The first LP is `optimize`;
 * the others run the exact vertex simplex (`maximizeFrom`) warm-started at a neighbouring vertex,
 * with `optimize` as the fallback.
 *
 * Returns null when an LP is infeasible or unbounded, when P is not 2-dimensional (a point
 * or a segment), or when more than `maxLps` LPs would be needed.
 */
export function polygonHull(
  A: readonly (readonly bigint[])[],
  b: readonly bigint[],
  r1: readonly bigint[],
  r2: readonly bigint[],
  maxLps = 200,
): PolygonHull | null {
  let lps = 0;
  const guide = floatRows(A, b);
  // the rows as FloatVecs for `optimize`, made on its first call
  let forms: FloatVec[] | undefined;
  /** max c·z from the warm basis (exact vertex simplex), else by `optimize`; null: give up. */
  // `onN / onD`: the value h·a of the edge being refined; a warm optimum that beats it must be checked
  const solve = (h: readonly [bigint, bigint], warm: readonly number[] | null, onN?: bigint, onD?: bigint): LpOptimum | null => {
    if (lps >= maxLps) return null;
    lps++;
    const c = r1.map((v, i) => h[0] * v + h[1] * (r2[i] as bigint));
    if (warm !== null) {
      const res = maximizeFrom(A, b, c, warm, 200, guide, false);
      if (res !== null && res !== 'unbounded') {
        // a facet needs only the dual; a new vertex must be a point of the set
        const facet = onN !== undefined && onD !== undefined && res.valueNum * onD === onN * res.den;
        if (facet) return res;
        forms ??= rowFormsOf(A, b);
        if (pointFeasibleFiltered(A, b, forms, res.xNum, res.den)) return res;
      }
    }
    forms ??= rowFormsOf(A, b);
    const res = optimize(A, b, c, forms);
    if (res.kind !== 'optimal') return null;
    // x and the dual in integers over the lcm of their denominators
    const { num: xNum, den } = res.point;
    const basis = vertexBasis(
      A,
      b,
      xNum,
      den,
      res.lambda.map(([row]) => row),
    );
    return { xNum, den, valueNum: dotInt(c, xNum), lambda: res.lambda, basis };
  };
  let lastBasis: readonly number[] | null = null;
  const vertexOf = (opt: LpOptimum): PolygonVertex => {
    if (opt.basis !== null) lastBasis = opt.basis;
    return { zNum: opt.xNum, den: opt.den, wNum: [dotInt(r1, opt.xNum), dotInt(r2, opt.xNum)], basis: opt.basis };
  };
  const up = solve([1n, 0n], null);
  if (up === null) return null;
  const second = vertexOf(up);
  const down = solve([-1n, 0n], lastBasis);
  if (down === null) return null;
  const first = vertexOf(down);
  // r1·z is constant over P: P is a segment or a point
  if (first.wNum[0] * second.den === second.wNum[0] * first.den) return null;
  const verts: PolygonVertex[] = [first, second];
  const edgeFacet: (PolygonFacet | undefined)[] = [undefined, undefined];
  let i = 0;
  while (i < verts.length) {
    const a = verts[i] as PolygonVertex;
    const bb = verts[(i + 1) % verts.length] as PolygonVertex;
    // outward normal of the counter-clockwise edge a → b: the direction rotated clockwise
    // (not reduced here: c only enters the duals, and the kept facets are reduced at the end)
    const e = diff(a, bb);
    const h: [bigint, bigint] = [e[1], -e[0]];
    // h·a = onN / a.den
    const onN = h[0] * a.wNum[0] + h[1] * a.wNum[1];
    const res = solve(h, a.basis ?? bb.basis ?? lastBasis, onN, a.den);
    if (res === null) return null;
    // the LP value valueNum / res.den against h·a
    const lhs = res.valueNum * a.den;
    const rhs = onN * res.den;
    if (lhs < rhs) throw new Error('polygonHull: a point of P beyond its own maximum (internal error)');
    if (lhs === rhs) {
      edgeFacet[i] = { h, vN: res.valueNum, vD: res.den, lambda: res.lambda };
      i++;
    } else {
      verts.splice(i + 1, 0, vertexOf(res));
      edgeFacet.splice(i + 1, 0, undefined);
    }
  }
  // drop collinear vertices (their two edges share one facet line)
  const keep: number[] = [];
  const n = verts.length;
  for (let k = 0; k < n; k++) {
    const p = verts[(k + n - 1) % n] as PolygonVertex;
    const v = verts[k] as PolygonVertex;
    const q = verts[(k + 1) % n] as PolygonVertex;
    const u = diff(p, v);
    const t = diff(v, q);
    const turn = u[0] * t[1] - u[1] * t[0];
    if (turn === 0n) continue;
    if (turn < 0n) return null; // cannot happen for a convex sequence; be safe
    keep.push(k);
  }
  if (keep.length < 3) return null;
  // a kept vertex's outgoing edge lies on the line of the facet of its collinear run
  return {
    vertices: keep.map((k) => verts[k] as PolygonVertex),
    facets: keep.map((k) => reduceFacet(edgeFacet[k] as PolygonFacet, verts[k] as PolygonVertex)),
    lps,
  };
}
