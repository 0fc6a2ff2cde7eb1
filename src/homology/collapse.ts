// collapse.ts: certified reduction of a flag complex by dominated-vertex and dominated-edge removal, to a fixed point.
import type { Graph } from './graph.js';

/** The outcome of {@link collapseFlag}. */
export interface CollapseResult {
  /** The reduced graph (a new object; the input is not modified). */
  readonly graph: Graph;
  /**
   * The steps, in the order applied (certificates/FORMAT.md section 3, record `reduce`):
   * `[u, v, w]` (u < v) removed the edge {u, v}, dominated by w (N[u] ∩ N[v] ⊆ N[w]);
   * `[v, w]` removed the vertex v, dominated by w (N[v] ⊆ N[w]).
   */
  readonly steps: number[][];
  /** Counts: vertex and edge steps. */
  readonly vertexSteps: number;
  readonly edgeSteps: number;
}

/**
 * Reduce the flag complex of `input` by removing dominated vertices (strong collapses) and
 * dominated edges (Boissonnat and Pritam's edge collapse) until neither exists. Both preserve the
 * homotopy type of the flag complex (proofs/collapse.md). Vertex removals go first (one step
 * removes many edges); every removal queues exactly the vertices and edges whose domination it
 * can have created: removing v can make its neighbours dominated and the edges among them
 * (their common neighbourhood lost v); removing {u, v} can make u and v dominated and the edges
 * {u, x}, {v, x} for x in N(u) ∩ N(v). So the result is a fixed point: no step applies to it.
 * Domination tests are word operations on the bitset rows, restricted to non-zero words.
 */
export function collapseFlag(input: Graph): CollapseResult {
  const g = input.clone();
  const size = g.size;
  const W = g.words;
  const steps: number[][] = [];
  let vertexSteps = 0;
  let edgeSteps = 0;

  // vertex work queue
  const vq: number[] = [];
  const inVq = new Uint8Array(size);
  const pushV = (v: number): void => {
    if (inVq[v] === 0) {
      inVq[v] = 1;
      vq.push(v);
    }
  };
  // dirty edges: bitset rows (bit x of row u: edge {u, x} to be tested), and the rows with bits
  const dirty = new Uint32Array(size * W);
  const eq: number[] = [];
  const inEq = new Uint8Array(size);
  const pushE = (u: number): void => {
    if (inEq[u] === 0) {
      inEq[u] = 1;
      eq.push(u);
    }
  };
  const verts = g.vertices();
  for (const v of verts) {
    pushV(v);
    const row = g.row(v);
    let any = 0;
    for (let x = 0; x < W; x++) {
      // edges {v, x} with x > v
      let bits = row[x]!;
      if (x < v >>> 5) bits = 0;
      else if (x === v >>> 5) bits &= (v & 31) === 31 ? 0 : ~((1 << ((v & 31) + 1)) - 1);
      dirty[v * W + x] = bits;
      any |= bits;
    }
    if (any !== 0) pushE(v);
  }

  const nz = new Int32Array(W); // non-zero word indices of the set under test
  const cset = new Uint32Array(W);

  /** A vertex w ≠ v with N[v] ⊆ N[w], or −1. */
  const vertexDominator = (v: number): number => {
    const rv = g.row(v);
    let m = 0;
    for (let x = 0; x < W; x++) if (rv[x] !== 0) nz[m++] = x;
    for (let i = 0; i < m; i++) {
      const xw = nz[i]!;
      let bits = rv[xw]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const w = (xw << 5) + (31 - Math.clz32(low));
        const rw = g.row(w);
        let ok = true;
        for (let j = 0; j < m; j++) {
          const x = nz[j]!;
          let rest = rv[x]! & ~rw[x]!;
          if (x === xw) rest &= ~low;
          if (rest !== 0) {
            ok = false;
            break;
          }
        }
        if (ok) return w;
      }
    }
    return -1;
  };

  /** A vertex w ∉ {u, v} adjacent to both with N(u) ∩ N(v) ⊆ N[w], or −1; leaves N(u) ∩ N(v) in cset/nz. */
  let cm = 0;
  const edgeDominator = (u: number, v: number): number => {
    const ru = g.row(u);
    const rv = g.row(v);
    cm = 0;
    for (let x = 0; x < W; x++) {
      const c = ru[x]! & rv[x]!;
      cset[x] = c;
      if (c !== 0) nz[cm++] = x;
    }
    for (let i = 0; i < cm; i++) {
      const xw = nz[i]!;
      let bits = cset[xw]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const w = (xw << 5) + (31 - Math.clz32(low));
        const rw = g.row(w);
        let ok = true;
        for (let j = 0; j < cm; j++) {
          const x = nz[j]!;
          let rest = cset[x]! & ~rw[x]!;
          if (x === xw) rest &= ~low;
          if (rest !== 0) {
            ok = false;
            break;
          }
        }
        if (ok) return w;
      }
    }
    return -1;
  };

  const drainVertices = (): void => {
    while (vq.length > 0) {
      const v = vq.pop()!;
      inVq[v] = 0;
      if (!g.hasVertex(v)) continue;
      const w = vertexDominator(v);
      if (w < 0) continue;
      steps.push([v, w]);
      vertexSteps++;
      const nbrs = g.neighbours(v);
      const rv = g.row(v);
      for (const a of nbrs) {
        pushV(a);
        // the edges {a, b}, b in N(v), lost v from their common neighbourhood
        const ra = g.row(a);
        let any = 0;
        for (let x = 0; x < W; x++) {
          const bits = ra[x]! & rv[x]!;
          dirty[a * W + x]! |= bits;
          any |= bits;
        }
        if (any !== 0) pushE(a);
      }
      g.removeVertex(v);
    }
  };

  drainVertices();
  while (eq.length > 0) {
    const u = eq[eq.length - 1]!;
    // next dirty edge at u
    let b = -1;
    for (let x = 0; x < W; x++) {
      const bits = dirty[u * W + x]!;
      if (bits !== 0) {
        const low = bits & -bits;
        dirty[u * W + x] = bits ^ low;
        b = (x << 5) + (31 - Math.clz32(low));
        break;
      }
    }
    if (b < 0) {
      eq.pop();
      inEq[u] = 0;
      continue;
    }
    if (!g.hasEdge(u, b)) continue;
    const w = edgeDominator(u, b);
    if (w < 0) continue;
    const lo = Math.min(u, b);
    const hi = Math.max(u, b);
    steps.push([lo, hi, w]);
    edgeSteps++;
    // the edges {u, x}, {b, x} for x in N(u) ∩ N(b) (still in cset/nz) lost a common neighbour
    for (let i = 0; i < cm; i++) {
      const x = nz[i]!;
      dirty[u * W + x]! |= cset[x]!;
      dirty[b * W + x]! |= cset[x]!;
    }
    pushE(b);
    g.removeEdge(u, b);
    pushV(u);
    pushV(b);
    drainVertices();
  }
  return { graph: g, steps, vertexSteps, edgeSteps };
}
