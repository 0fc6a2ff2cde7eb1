// quotient.ts: the cone and metric quotients of a complex on samples by overlap classes.
import type { Rat } from '../checker/rational.js';
import type { ComplexInput } from './computeBetti.js';
import { Graph } from './graph.js';
import { hopGraph } from './hopGraph.js';

/** Classes of one layer: disjoint sets of sample ids, each of size ≥ 2 (the `classes` record). */
export type Classes = readonly (readonly number[])[];

/** Throws RangeError unless `classes` are disjoint sets of ≥ 2 distinct ids in 0..n−1. */
export function validateClasses(classes: Classes, n: number): void {
  const seen = new Uint8Array(n);
  classes.forEach((c, i) => {
    if (c.length < 2) throw new RangeError(`class ${i} has fewer than 2 members`);
    for (const v of c) {
      if (!Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`class ${i}: sample ${v} outside 0..${n - 1}`);
      if (seen[v] === 1) throw new RangeError(`class ${i}: sample ${v} is in two classes (or listed twice)`);
      seen[v] = 1;
    }
  });
}

/**
 * The cone quotient (FORMAT.md section 3): for each class C_c a new vertex N + c (N = `n`, the
 * number of samples) and the simplices {N + c} ∪ σ for every simplex σ of K with all vertices in
 * C_c. For a flag complex: the flag complex of G plus the edges from N + c to each present
 * member of C_c. For an explicit complex: the listed simplices plus, for each of them, its
 * vertices in C_c with N + c (the closure then holds every cone simplex), and [N + c] itself.
 */
export function coneQuotient(k: ComplexInput, n: number, classes: Classes): ComplexInput {
  validateClasses(classes, n);
  const size = n + classes.length;
  if (k.kind === 'flag') {
    const g = new Graph(size);
    for (const v of k.graph.vertices()) g.addVertex(v);
    for (const [u, v] of k.graph.edgeList()) g.addEdge(u, v);
    classes.forEach((c, i) => {
      g.addVertex(n + i);
      for (const v of c) if (g.hasVertex(v)) g.addEdge(n + i, v);
    });
    return { kind: 'flag', graph: g };
  }
  const classOf = new Int32Array(n).fill(-1);
  classes.forEach((c, i) => {
    for (const v of c) classOf[v] = i;
  });
  const simplices: number[][] = k.simplices.map((s) => [...s]);
  for (let i = 0; i < classes.length; i++) simplices.push([n + i]);
  for (const s of k.simplices) {
    const parts = new Map<number, number[]>();
    for (const v of s) {
      const c = classOf[v]!;
      if (c >= 0) {
        const p = parts.get(c);
        if (p === undefined) parts.set(c, [v]);
        else p.push(v);
      }
    }
    for (const [c, vs] of parts) simplices.push([...vs].sort((a, b) => a - b).concat(n + c));
  }
  return { kind: 'explicit', size, simplices };
}

/**
 * The metric quotient of a knn-rips complex (FORMAT.md section 3): each class is represented by
 * its smallest member, the other members are removed; hop' is the BFS distance in the kNN graph
 * with each class contracted to its representative (1000 between components), and the result is
 * the flag complex of "hop' ≤ eps" on the remaining vertices (ids unchanged, size N).
 */
export function metricQuotient(knn: Graph, eps: Rat, classes: Classes): ComplexInput {
  const n = knn.size;
  validateClasses(classes, n);
  const rep = new Int32Array(n);
  for (let v = 0; v < n; v++) rep[v] = v;
  for (const c of classes) {
    const r = Math.min(...c);
    for (const v of c) rep[v] = r;
  }
  const contracted = new Graph(n);
  for (const v of knn.vertices()) contracted.addVertex(rep[v]!);
  for (const [u, v] of knn.edgeList()) {
    const ru = rep[u]!;
    const rv = rep[v]!;
    if (ru !== rv) contracted.addEdge(ru, rv);
  }
  return { kind: 'flag', graph: hopGraph(contracted, eps) };
}
