// complexes.ts: small known complexes for the homology tests (explicit triangulations and flag graphs).
import { Graph } from '../../src/homology/graph.js';

/** Boundary of the tetrahedron: a 2-sphere. */
export const SPHERE: number[][] = [
  [0, 1, 2],
  [0, 1, 3],
  [0, 2, 3],
  [1, 2, 3],
];

/** Möbius's 7-vertex torus. */
export const TORUS: number[][] = [];
for (let i = 0; i < 7; i++) {
  TORUS.push([i, (i + 1) % 7, (i + 3) % 7]);
  TORUS.push([i, (i + 2) % 7, (i + 3) % 7]);
}

/** The 6-vertex real projective plane (half an icosahedron). */
export const RP2: number[][] = [
  [1, 2, 3],
  [1, 3, 4],
  [1, 4, 5],
  [1, 5, 6],
  [1, 2, 6],
  [2, 3, 5],
  [2, 4, 5],
  [2, 4, 6],
  [3, 4, 6],
  [3, 5, 6],
].map((s) => s.map((v) => v - 1));

/** A Klein bottle: the a×b grid, sides glued straight, top to bottom with a flip. */
export function kleinBottle(a = 4, b = 4): number[][] {
  const id = (x: number, y: number): number => {
    if (y === b) return ((a - (x % a)) % a) + 0 * b;
    return (x % a) + a * y;
  };
  const out: number[][] = [];
  for (let x = 0; x < a; x++) {
    for (let y = 0; y < b; y++) {
      out.push([id(x, y), id(x + 1, y), id(x + 1, y + 1)]);
      out.push([id(x, y), id(x, y + 1), id(x + 1, y + 1)]);
    }
  }
  return out;
}

/** The flag graph of an n-cycle (n ≥ 4: a circle). */
export function cycleGraph(n: number): Graph {
  const g = new Graph(n);
  for (let v = 0; v < n; v++) g.addVertex(v);
  for (let v = 0; v < n; v++) g.addEdge(v, (v + 1) % n);
  return g;
}

/** The octahedron's graph: its flag complex is a 2-sphere. */
export function octahedronGraph(): Graph {
  const g = new Graph(6);
  for (let v = 0; v < 6; v++) g.addVertex(v);
  for (let u = 0; u < 6; u++) for (let v = u + 1; v < 6; v++) if (v !== u + 3) g.addEdge(u, v);
  return g;
}

/** A graph from an edge list on 0..size−1 (all ids present). */
export function graphOf(size: number, edges: readonly (readonly [number, number])[]): Graph {
  const g = new Graph(size);
  for (let v = 0; v < size; v++) g.addVertex(v);
  for (const [u, v] of edges) if (u !== v) g.addEdge(u, v);
  return g;
}
