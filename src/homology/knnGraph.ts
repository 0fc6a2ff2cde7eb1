// knnGraph.ts: the exact k-nearest-neighbour graph with the deterministic tie rule and its tie count.
import type { Rat } from '../checker/rational.js';
import { Graph } from './graph.js';
import { integerPoints, squaredDistance } from './integerPoints.js';

/** The kNN graph of some samples and what the tie rule decided. */
export interface KnnGraph {
  /** Vertices 0..N−1, i joined to each of its neighbours (undirected). */
  readonly graph: Graph;
  /** Per sample i: its k nearest neighbours (i itself first, then by (distance, index)). */
  readonly neighbours: readonly (readonly number[])[];
  /** Number of neighbour choices decided by the tie rule (FORMAT.md section 3). */
  readonly tieChoices: number;
}

/**
 * The k-nearest-neighbour graph of `points` exactly as certificates/FORMAT.md section 3 defines
 * it: the k nearest neighbours of sample i are i itself and the k−1 other samples that come
 * first in the order (exact squared Euclidean distance to x_i, index) ascending (equal
 * distances go to the lower index; all others when N ≤ k). `tieChoices` = Σ_i (number of
 * neighbours of i, i itself included, at distance d_i) over the i where some other sample at
 * distance d_i was left out, d_i the largest distance among the neighbours of i.
 * Distances are compared as bigints on points scaled to integers; no float takes part.
 */
export function knnGraph(points: readonly (readonly Rat[])[], k: number): KnnGraph {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`knnGraph: k must be a positive integer, got ${k}`);
  const n = points.length;
  const { coords } = integerPoints(points);
  const graph = new Graph(n);
  for (let i = 0; i < n; i++) graph.addVertex(i);
  const m = Math.min(k - 1, n - 1); // others per sample
  const neighbours: number[][] = [];
  let tieChoices = 0;
  // Sweep along the coordinate of widest range: the samples sorted by it, visited outwards from
  // x_i in order of |Δ| along it. Every sample at squared distance ≤ D has Δ² ≤ D, so once the
  // m best are known and the next Δ² exceeds the worst of them, no unvisited sample can be chosen
  // or tie with it. All comparisons are on bigints.
  const axis = widestAxis(coords);
  const key = (j: number): bigint => coords[j]![axis] ?? 0n;
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b));
  const pos = new Int32Array(n);
  order.forEach((j, p) => (pos[j] = p));
  const bestJ: number[] = [];
  const bestD: bigint[] = [];
  const seenJ: number[] = [];
  const seenD: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const xi = coords[i]!;
    const ki = key(i);
    bestJ.length = bestD.length = seenJ.length = seenD.length = 0;
    let left = pos[i]! - 1;
    let right = pos[i]! + 1;
    while (left >= 0 || right < n) {
      const dl = left >= 0 ? ki - key(order[left]!) : -1n;
      const dr = right < n ? key(order[right]!) - ki : -1n;
      const takeLeft = dr < 0n || (dl >= 0n && dl <= dr);
      const delta = takeLeft ? dl : dr;
      if (bestJ.length === m && delta * delta > (m === 0 ? 0n : bestD[m - 1]!)) break;
      const j = order[takeLeft ? left-- : right++]!;
      const d = squaredDistance(xi, coords[j]!);
      seenJ.push(j);
      seenD.push(d);
      if (m === 0) continue;
      if (bestJ.length === m) {
        const wd = bestD[m - 1]!;
        if (d > wd || (d === wd && j > bestJ[m - 1]!)) continue;
        bestJ.pop();
        bestD.pop();
      }
      let p = bestJ.length;
      while (p > 0 && (bestD[p - 1]! > d || (bestD[p - 1] === d && bestJ[p - 1]! > j))) p--;
      bestJ.splice(p, 0, j);
      bestD.splice(p, 0, d);
    }
    neighbours.push([i, ...bestJ]);
    for (const j of bestJ) graph.addEdge(i, j);
    const di = m === 0 ? 0n : bestD[bestJ.length - 1]!;
    let leftOut = 0;
    for (let s = 0; s < seenJ.length; s++) if (seenD[s] === di) leftOut++;
    let atDi = 0;
    for (const d of bestD) if (d === di) atDi++;
    leftOut -= atDi; // the visited samples at d_i that were not chosen
    if (leftOut > 0) tieChoices += atDi + (di === 0n ? 1 : 0);
  }
  return { graph, neighbours, tieChoices };
}

/** The coordinate along which the points spread most (0 when there are none). */
function widestAxis(coords: readonly (readonly bigint[])[]): number {
  const dim = coords[0]?.length ?? 0;
  let best = 0;
  let bestRange = -1n;
  for (let a = 0; a < dim; a++) {
    let lo = coords[0]![a]!;
    let hi = lo;
    for (const c of coords) {
      const v = c[a]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo > bestRange) {
      bestRange = hi - lo;
      best = a;
    }
  }
  return best;
}
