// regions.ts: sample-bearing linear regions per layer: codewords, H-representations, local maps, ranks.
import type { Rat } from '../checker/rational.js';
import { type RowOrigin, boxRows, canonicalRow } from './canonicalRow.js';
import { type PointCodes, firstBoundaryLayer, pointCodes } from './codewords.js';
import { type LayerValues, forwardScaled } from './forward.js';
import type { Network } from './network.js';
import { type Profile, layerHasBits, profilePoints, profileRules } from './profile.js';
import { rankOf } from './rank.js';
import { type ScaledVec, intDot, intMatMul, scaledVecFromRats, stripTwosAffine } from './scaled.js';
import { scaledNetworkOf } from './scaledNetwork.js';

/** A sample-bearing region G_J at one layer, with its local map. Treat as read-only: rows are shared. */
export interface Region {
  /** Layer, 1-based. */
  layer: number;
  /** 0-based within the layer, in order of the first sample (by point index). */
  id: number;
  /** Bits `'0'`/`'1'` of the bit-contributing layers 1..l, layers separated by `'|'`. */
  codeword: string;
  /** Point indices (ascending) with this codeword. */
  samples: number[];
  /**
   * H-representation: rows `ineqA[r]·x ≤ ineqB[r]`, integer, each the canonical (primitive,
   * positively scaled) row of `canonicalRow`. Order: layer 1 neurons 0..n_1−1, layer 2 neurons,
   * …, layer l neurons (bit-contributing layers only), then (reference profile) the 2d box rows
   * in `boxRows` order. The row arrays are shared with the parent region: do not mutate.
   */
  ineqA: bigint[][];
  ineqB: bigint[];
  /** Which neuron or box face each row comes from (parallel to `ineqA`). */
  rowOrigin: RowOrigin[];
  /**
   * Local map `Φ_J(x) = (M x + c) / den` on the region, `M` of shape n_l × d: M_1 = D_1 A_1,
   * c_1 = D_1 b_1, M_i = D_i A_i M_{i−1}, c_i = D_i (A_i c_{i−1} + b_i), D_i = diag(ON bits);
   * a layer without ReLU has no D. Integers over one positive `den` (not necessarily lowest terms).
   */
  map: { M: bigint[][]; c: bigint[]; den: bigint };
  /** Rank of M over Q. */
  rank: number;
}

/** The regions of one layer and the per-point data behind them. */
export interface LayerAnalysis {
  /** Layer, 1-based. */
  layer: number;
  /** Sample-bearing regions in order of their first sample. */
  regions: Region[];
  /** Point index → region id. */
  regionOf: number[];
  /** Φ^(l)(x_j) per point (exact). */
  images: ScaledVec[];
  /** Point indices (ascending) with some z_ij exactly 0 for a bit-contributing layer i ≤ l. */
  boundaryPoints: number[];
  /** Rank → number of points whose region has that rank. */
  rankClasses: Map<number, number>;
}

/** Per-point forward data used by `computeLayers` (exposed for callers that need it too). */
export interface PointData {
  readonly values: readonly LayerValues[];
  readonly codes: PointCodes;
}

/**
 * The forward pass and codewords of every point under `profile` (points rounded to float32 first
 * in the reference profile).
 */
export function analysePoints(net: Network, points: readonly (readonly Rat[])[], profile: Profile): PointData[] {
  const rules = profileRules(profile);
  const sn = scaledNetworkOf(net);
  const hasBits = net.layers.map((_, i) => layerHasBits(net, i + 1, rules));
  return profilePoints(points, profile).map((p) => {
    const values = forwardScaled(sn, scaledVecFromRats(p));
    return { values, codes: pointCodes(values, hasBits) };
  });
}

interface Parent {
  readonly M: bigint[][];
  readonly c: bigint[];
  readonly den: bigint;
  readonly codeword: string;
  readonly rowsA: bigint[][];
  readonly rowsB: bigint[];
  readonly origins: RowOrigin[];
}

/**
 * The sample-bearing regions of every layer l = 1..L (entry l−1) for the given points, under
 * `profile` (see profile.ts). Regions of layer l refine those of layer l−1; each region's rows
 * and local map are computed once from its parent region's local map, not per point.
 *
 * Row of neuron j of layer i (see `canonicalRow`): with the parent map `(M x + c)/e` and the
 * scaled layer `(W, b)/D`, `z_ij(x) = (g·x + h)/(D e)` where `g = W[j]·M`, `h = W[j]·c + b[j]·e`;
 * ON gives `−g·x ≤ h`, OFF gives `g·x ≤ −h`, then divided by the gcd of its entries.
 *
 * Every sample satisfies every neuron row of its own region (closed regions: an OFF row allows
 * z = 0). In the reference profile a sample outside [−100, 100]^d still gets its region, whose
 * box rows it then violates; callers that care should check the box.
 */
export function computeLayers(net: Network, points: readonly (readonly Rat[])[], profile: Profile): LayerAnalysis[] {
  return computeLayersFrom(net, analysePoints(net, points, profile), profile);
}

/** `computeLayers` from points already analysed with `analysePoints(net, points, profile)`. */
export function computeLayersFrom(net: Network, data: readonly PointData[], profile: Profile): LayerAnalysis[] {
  const rules = profileRules(profile);
  const sn = scaledNetworkOf(net);
  const d = sn.inputDim;
  const box = rules.box === null ? { rows: [], origins: [] } : boxRows(d, rules.box);
  const boxA = box.rows.map((r) => r.a);
  const boxB = box.rows.map((r) => r.b);
  const identity = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1n : 0n)));
  let parents: Parent[] = [
    { M: identity, c: new Array<bigint>(d).fill(0n), den: 1n, codeword: '', rowsA: [], rowsB: [], origins: [] },
  ];
  let parentOf: number[] = data.map(() => 0);
  const firstZero = data.map((p) => firstBoundaryLayer(p.codes) ?? Infinity);
  const out: LayerAnalysis[] = [];

  sn.layers.forEach((layer, li) => {
    const l = li + 1;
    const withBits = layerHasBits(sn, l, rules);
    const regions: Region[] = [];
    const next: Parent[] = [];
    const regionOf: number[] = [];
    const byKey = new Map<string, number>();
    data.forEach((p, j) => {
      const parentId = parentOf[j] as number;
      const bits = p.codes.layerBits[li] as string;
      const key = `${parentId}:${bits}`;
      let id = byKey.get(key);
      if (id === undefined) {
        id = regions.length;
        byKey.set(key, id);
        const parent = parents[parentId] as Parent;
        const { region, self } = childRegion(parent, layer, l, withBits, bits, id, boxA, boxB, box.origins);
        regions.push(region);
        next.push(self);
      }
      (regions[id] as Region).samples.push(j);
      regionOf.push(id);
    });
    const rankClasses = new Map<number, number>();
    for (const r of regions) rankClasses.set(r.rank, (rankClasses.get(r.rank) ?? 0) + r.samples.length);
    out.push({
      layer: l,
      regions,
      regionOf,
      images: data.map((p) => (p.values[li] as LayerValues).phi),
      boundaryPoints: data.flatMap((_, j) => ((firstZero[j] as number) <= l ? [j] : [])),
      rankClasses,
    });
    parents = next;
    parentOf = regionOf;
  });
  return out;
}

function childRegion(
  parent: Parent,
  layer: { readonly W: bigint[][]; readonly b: bigint[]; readonly den: bigint; readonly relu: boolean },
  l: number,
  withBits: boolean,
  bits: string,
  id: number,
  boxA: bigint[][],
  boxB: bigint[],
  boxOrigins: RowOrigin[],
): { region: Region; self: Parent } {
  // z(x) = (G x + H) / den on the parent region
  const G = intMatMul(layer.W, parent.M);
  const H = layer.W.map((row, j) => intDot(row, parent.c) + (layer.b[j] as bigint) * parent.den);
  const den = layer.den * parent.den;
  const rowsA = parent.rowsA.slice();
  const rowsB = parent.rowsB.slice();
  const origins = parent.origins.slice();
  if (withBits) {
    G.forEach((g, j) => {
      const on = bits[j] === '1';
      const row = canonicalRow(g, H[j] as bigint, on);
      rowsA.push(row.a);
      rowsB.push(row.b);
      origins.push({ kind: 'neuron', layer: l, neuron: j, on });
    });
  }
  let M = G;
  let c = H;
  if (layer.relu) {
    const d = parent.M[0]?.length ?? 0;
    M = G.map((g, j) => (bits[j] === '1' ? g : new Array<bigint>(d).fill(0n)));
    c = H.map((h, j) => (bits[j] === '1' ? h : 0n));
  }
  const map = stripTwosAffine({ W: M, b: c, den });
  const codeword = withBits ? (parent.codeword === '' ? bits : `${parent.codeword}|${bits}`) : parent.codeword;
  const self: Parent = { M: map.W, c: map.b, den: map.den, codeword, rowsA, rowsB, origins };
  const region: Region = {
    layer: l,
    id,
    codeword,
    samples: [],
    ineqA: [...rowsA, ...boxA],
    ineqB: [...rowsB, ...boxB],
    rowOrigin: [...origins, ...boxOrigins],
    map: { M: map.W, c: map.b, den: map.den },
    rank: rankOf(map.W),
  };
  return { region, self };
}
