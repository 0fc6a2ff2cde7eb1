// hopGraph.ts: BFS hop distances in a graph and the graph "hop ≤ eps" (the Rips step of knn-rips).
import type { Rat } from '../checker/rational.js';
import { Graph } from './graph.js';

/** The hop distance given to pairs in different components (the paper's recipe). */
export const UNREACHABLE_HOPS = 1000;

/**
 * BFS hop distances from `source` in `g` to every vertex id (−1 for ids not reached or absent),
 * exploring at most `maxDepth` hops (all when omitted). `adj` may pass precomputed neighbour lists.
 */
export function hopDistances(g: Graph, source: number, maxDepth = Infinity, adj?: readonly (readonly number[])[]): Int32Array {
  const dist = new Int32Array(g.size).fill(-1);
  if (!g.hasVertex(source)) return dist;
  dist[source] = 0;
  let frontier = [source];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const v of adj?.[u] ?? g.neighbours(u)) {
        if (dist[v] === -1) {
          dist[v] = depth;
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/**
 * The graph on the present vertices of `g` with an edge {u, v}, u ≠ v, iff hop(u, v) ≤ eps,
 * hop being the BFS distance in `g` and {@link UNREACHABLE_HOPS} between components. Exact:
 * hops are integers, so hop ≤ eps iff hop ≤ ⌊eps⌋.
 */
export function hopGraph(g: Graph, eps: Rat): Graph {
  if (eps.sign() < 0) throw new RangeError('hopGraph: eps must be non-negative');
  const floor = eps.n / eps.d; // eps ≥ 0: truncation is the floor
  const h = floor > 1_000_000_000n ? 1_000_000_000 : Number(floor);
  const out = new Graph(g.size);
  const vs = g.vertices();
  for (const v of vs) out.addVertex(v);
  if (h < 1) return out;
  const adj: number[][] = [];
  for (const v of vs) adj[v] = g.neighbours(v);
  const joinUnreachable = h >= UNREACHABLE_HOPS;
  for (const u of vs) {
    const dist = hopDistances(g, u, joinUnreachable ? Infinity : h, adj);
    for (const v of vs) {
      if (v <= u) continue;
      const d = dist[v]!;
      if (d === -1 ? joinUnreachable : d <= h) out.addEdge(u, v);
    }
  }
  return out;
}
