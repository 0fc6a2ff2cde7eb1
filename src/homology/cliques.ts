// cliques.ts: the simplices of a flag complex (the cliques of its graph) up to a dimension, in FORMAT order.
import type { Graph } from './graph.js';
import { SimplexTable } from './simplexTable.js';

/** Growable Int32Array. */
class IntBuffer {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * The simplices of dimensions 0..maxDim of the flag complex of `g` (its cliques of 1..maxDim+1
 * vertices), one table per dimension, each in FORMAT order. A depth-first search over
 * ascending vertices with bitset candidate sets (common higher neighbours) visits every clique
 * once, in lexicographic order; so each dimension's list comes out already sorted.
 */
export function flagSimplices(g: Graph, maxDim: number): SimplexTable[] {
  const size = g.size;
  const W = g.words;
  const bufs: IntBuffer[] = [];
  for (let k = 0; k <= maxDim; k++) bufs.push(new IntBuffer());
  const stack = new Int32Array(maxDim + 1);
  // cand[d] holds the candidate set at depth d (vertices above stack[d] adjacent to stack[0..d]).
  const cand = new Uint32Array(W * (maxDim + 1));
  const visit = (depth: number): void => {
    // emit the clique stack[0..depth] (dimension depth)
    const buf = bufs[depth]!;
    for (let i = 0; i <= depth; i++) buf.push(stack[i]!);
    if (depth === maxDim) return;
    const base = depth * W;
    const nextBase = base + W;
    for (let w = 0; w < W; w++) {
      let bits = cand[base + w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const u = (w << 5) + (31 - Math.clz32(low));
        const row = g.row(u);
        // next candidates: current candidates above u, adjacent to u
        for (let x = 0; x < W; x++) cand[nextBase + x] = x < w ? 0 : cand[base + x]! & row[x]!;
        // clear bits ≤ u in word w
        const shift = (u & 31) + 1;
        cand[nextBase + w] = shift === 32 ? 0 : cand[nextBase + w]! & ~((1 << shift) - 1);
        stack[depth + 1] = u;
        visit(depth + 1);
      }
    }
  };
  for (const v of g.vertices()) {
    stack[0] = v;
    const row = g.row(v);
    for (let x = 0; x < W; x++) cand[x] = row[x]!;
    // keep neighbours above v only
    const w0 = v >>> 5;
    for (let x = 0; x < w0; x++) cand[x] = 0;
    const shift = (v & 31) + 1;
    cand[w0] = shift === 32 ? 0 : cand[w0]! & ~((1 << shift) - 1);
    visit(0);
  }
  return bufs.map((b, k) => new SimplexTable(k, b.done(), size));
}
