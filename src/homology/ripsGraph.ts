// ripsGraph.ts: the graph "exact squared Euclidean distance ≤ eps2" (the 1-skeleton of the rips complex).
import type { Rat } from '../checker/rational.js';
import { Graph } from './graph.js';
import { integerPoints, squaredDistance } from './integerPoints.js';

/**
 * The graph on samples 0..N−1 with an edge {u, v}, u ≠ v, iff |x_u − x_v|² ≤ eps2, compared
 * exactly: with integer points scaled by s, the test is D·eps2.d ≤ eps2.n·s², all bigints.
 */
export function ripsGraph(points: readonly (readonly Rat[])[], eps2: Rat): Graph {
  const n = points.length;
  const { scale, coords } = integerPoints(points);
  const bound = eps2.n * scale * scale;
  const g = new Graph(n);
  for (let i = 0; i < n; i++) g.addVertex(i);
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) if (squaredDistance(coords[u]!, coords[v]!) * eps2.d <= bound) g.addEdge(u, v);
  }
  return g;
}
