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
  const dist: bigint[] = new Array<bigint>(n).fill(0n);
  for (let i = 0; i < n; i++) {
    const xi = coords[i]!;
    for (let j = 0; j < n; j++) dist[j] = j === i ? 0n : squaredDistance(xi, coords[j]!);
    // best: the m smallest (distance, index) among j ≠ i, kept sorted; j ascending, so an equal
    // distance never displaces an earlier (lower) index.
    const best: number[] = [];
    if (m > 0) {
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const d = dist[j]!;
        if (best.length === m && d >= dist[best[m - 1]!]!) continue;
        let pos = best.length;
        while (pos > 0 && dist[best[pos - 1]!]! > d) pos--;
        best.splice(pos, 0, j);
        if (best.length > m) best.pop();
      }
    }
    neighbours.push([i, ...best]);
    for (const j of best) graph.addEdge(i, j);
    const di = best.length === 0 ? 0n : dist[best[best.length - 1]!]!;
    if (best.length < n - 1) {
      const chosen = new Set(best);
      let leftOut = 0;
      for (let j = 0; j < n; j++) if (j !== i && !chosen.has(j) && dist[j] === di) leftOut++;
      if (leftOut > 0) {
        let atDi = di === 0n ? 1 : 0;
        for (const j of best) if (dist[j] === di) atDi++;
        tieChoices += atDi;
      }
    }
  }
  return { graph, neighbours, tieChoices };
}
