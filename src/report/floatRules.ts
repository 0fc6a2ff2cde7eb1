// floatRules.ts: the paper's two float membership checks (method.md section 6, items 1-2), simulated on our certified witnesses.
import { Rat } from '../checker/rational.js';
import type { Network } from '../net/network.js';
import type { Region } from '../net/regions.js';
import { intDot } from '../net/scaled.js';
import { ratToFloat64 } from '../numbers/ratToFloat64.js';
import type { YesDecision } from './yesDecisions.js';

/**
 * A certified yes decision that a simulated float rule of the paper's code rejects.
 * `rule`: `facet` (item 1: `np.all(H z <= h)` in float64, no tolerance) or `allclose` (item 2:
 * `torch.allclose(Φ_n(z), y, rtol=1e-5, atol=0)` in float32).
 */
export interface FloatDisagreement {
  readonly layer: number;
  readonly sample: number;
  readonly region: number;
  /** The rule that settles the decision exactly: witness, same or segment. */
  readonly exactRule: YesDecision['rule'];
  readonly floatRule: 'facet' | 'allclose';
  /** Rows of G_n on which the witness lies exactly (a·z = β). */
  readonly tightRows: number;
  /** What the float check saw, e.g. `row 12: H z − h = 2.2e-16 > 0`. */
  readonly detail: string;
}

/** The texts the report shows for what is and is not simulated. */
export const FLOAT_RULES_SIMULATED = [
  'Item 1 (facet check): for every certified yes decision Q(j, n) outside pruned region pairs, our witness z (the witness record, the segment point, or the other sample x_k for a same-image decision) is rounded to float64; every row a·x ≤ β of G_n (exact primitive integer row, box rows included) is scaled to unit length in float64 (as the polytope package normalises its H-representation); H z is summed left to right in float64 and compared with h by <= with no tolerance, as np.all(H1[0] @ x <= H1[1] + 0) does.',
  'Item 2 (image check): the local maps of the sample\'s region K and of region n are composed in float32 from the float32 weights exactly as get_map_at_point does (Q·W·M per layer, no Q on a final layer without ReLU), with every product and every partial sum rounded to float32, left to right; y = A_K x_j + b_K and Φ_n(z) = A_n z + b_n with x_j and z rounded to float32; the decision is rejected when |Φ_n(z) − y| > 1e-5·|y| in some coordinate (torch.allclose with rtol = 1e-5, atol = 0).',
];

/** The texts the report shows for what cannot be simulated. */
export const FLOAT_RULES_NOT_SIMULATED = [
  'HiGHS\'s own point: the paper checks the vertex its LP solver returns, not our witness; which vertex HiGHS picks (and whether it reports success at all on nearly infeasible systems) cannot be reproduced, so a rejection here says the paper\'s rules may reject the decision, not that they do.',
  'pc.reduce: the polytope package removes redundant rows, merges near-parallel rows and empties regions with Chebyshev radius ≤ 1e-7 (item 3); all rows are kept here.',
  'Float no-decisions the paper would turn into yes (loose allclose on large values, LP tolerances): there is no witness to test, so they are not listed.',
  'BLAS summation order and fused multiply-add in torch\'s float32 matrix products; float32 sums are simulated left to right.',
];

const f32 = Math.fround;

/** Float32 local map (A, b) of a region at its layer, composed as the reference code does from float32 weights (`hasBits[i]`: layer i+1 contributes codeword bits). */
export function float32Map(net: Network, reg: Region, hasBits: readonly boolean[]): { A: number[][]; b: number[] } {
  const bits = reg.codeword.split('|');
  let seg = 0;
  let A: number[][] = [];
  let b: number[] = [];
  for (let i = 0; i < reg.layer; i++) {
    const L = net.layers[i] as Network['layers'][number];
    const on = hasBits[i] === true ? (bits[seg++] ?? '') : '';
    const W = L.W.map((r) => r.map((v) => f32(ratToFloat64(v))));
    const bias = L.b.map((v) => f32(ratToFloat64(v)));
    const q = (k: number): number => (L.relu ? (on[k] === '1' ? 1 : 0) : 1);
    if (i === 0) {
      A = W.map((r, k) => r.map((v) => f32(q(k) * v)));
      b = bias.map((v, k) => f32(q(k) * v));
      continue;
    }
    const d = A[0]?.length ?? 0;
    A = W.map((r, k) => {
      const row = new Array<number>(d).fill(0);
      for (let c = 0; c < d; c++) {
        let s = 0;
        for (let t = 0; t < r.length; t++) s = f32(s + f32(f32(q(k) * (r[t] as number)) * ((A[t] as number[])[c] as number)));
        row[c] = s;
      }
      return row;
    });
    b = W.map((r, k) => {
      let s = 0;
      for (let t = 0; t < r.length; t++) s = f32(s + f32(f32(q(k) * (r[t] as number)) * (b[t] as number)));
      return f32(s + f32(q(k) * (bias[k] as number)));
    });
  }
  return { A, b };
}

/** A float32 affine map applied to a float32 point, sums left to right. */
export function apply32(m: { A: number[][]; b: number[] }, x: readonly number[]): number[] {
  return m.A.map((r, i) => {
    let s = 0;
    for (let c = 0; c < r.length; c++) s = f32(s + f32((r[c] as number) * (x[c] as number)));
    return f32(s + (m.b[i] as number));
  });
}

const fmt = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(6))) : x.toExponential(2));

/**
 * The certified yes decisions of one layer that the simulated float rules reject (see
 * FLOAT_RULES_SIMULATED). `regions` and `regionOf` are the layer's exact regions; `hasBits[i]`
 * says whether layer i+1 contributes codeword bits. Decisions in pruned region pairs are skipped
 * (the paper never compares those pairs). These floats simulate the paper's code; no decision
 * of ours depends on them.
 */
export function floatDisagreements(layer: number, net: Network, regions: readonly Region[], regionOf: readonly number[], hasBits: readonly boolean[], points: readonly (readonly Rat[])[], decisions: readonly YesDecision[]): FloatDisagreement[] {
  const maps = new Map<number, { A: number[][]; b: number[] }>();
  const map32 = (n: number): { A: number[][]; b: number[] } => {
    let m = maps.get(n);
    if (m === undefined) {
      m = float32Map(net, regions[n] as Region, hasBits);
      maps.set(n, m);
    }
    return m;
  };
  const unitRows = new Map<number, { a: number[]; beta: number }[]>();
  const rows64 = (n: number): { a: number[]; beta: number }[] => {
    let rs = unitRows.get(n);
    if (rs === undefined) {
      const reg = regions[n] as Region;
      rs = reg.ineqA.map((a, r) => {
        const af = a.map((v) => Number(v));
        const norm = Math.sqrt(af.reduce((s, v) => s + v * v, 0));
        return norm === 0 ? { a: af, beta: Number(reg.ineqB[r] as bigint) } : { a: af.map((v) => v / norm), beta: Number(reg.ineqB[r] as bigint) / norm };
      });
      unitRows.set(n, rs);
    }
    return rs;
  };
  const out: FloatDisagreement[] = [];
  for (const d of decisions) {
    if (d.pruned) continue;
    const reg = regions[d.n] as Region;
    // exact: rows on which z lies (a·z = β)
    const zs = d.z;
    let tight = 0;
    reg.ineqA.forEach((a, r) => {
      if (a.some((v) => v !== 0n) && intDot(a, zs.num) === (reg.ineqB[r] as bigint) * zs.den) tight++;
    });
    const base = { layer, sample: d.j, region: d.n, exactRule: d.rule, tightRows: tight };
    const zr = d.z.num.map((v) => Rat.of(v, d.z.den));
    const z64 = zr.map(ratToFloat64);
    let facet: string | undefined;
    rows64(d.n).forEach((row, r) => {
      if (facet !== undefined) return;
      let s = 0;
      for (let c = 0; c < z64.length; c++) s += (row.a[c] as number) * (z64[c] as number);
      if (s > row.beta) facet = `row ${r}: H z − h = ${fmt(s - row.beta)} > 0 in float64`;
    });
    if (facet !== undefined) out.push({ ...base, floatRule: 'facet', detail: facet });
    const K = regionOf[d.j] as number;
    const y = apply32(map32(K), (points[d.j] ?? []).map((v) => f32(ratToFloat64(v))));
    const t = apply32(map32(d.n), zr.map((v) => f32(ratToFloat64(v))));
    const bad = t.findIndex((v, i) => !(f32(Math.abs(f32(v - (y[i] as number)))) <= f32(1e-5 * Math.abs(y[i] as number))));
    if (bad >= 0) out.push({ ...base, floatRule: 'allclose', detail: `coordinate ${bad}: Φ_n(z) = ${fmt(t[bad] as number)}, y = ${fmt(y[bad] as number)} in float32` });
  }
  return out;
}
