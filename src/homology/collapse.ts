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
 * Domination tests are word operations on the bitset rows, restricted to non-zero words, and
 * skip candidates whose degree is too small to dominate.
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

  const rows = g.adjacency(); // live view; changed only through g.removeEdge / g.removeVertex
  const deg = new Int32Array(size);
  for (const v of verts) deg[v] = popcountRow(rows, v * W, W);
  const nz = new Int32Array(W); // non-zero word indices of the set under test
  const cset = new Uint32Array(W);

  /**
   * A vertex w of the set S held in cset (its non-zero words listed in nz[0..m)) with
   * S ∖ {w} ⊆ N(w), or −1; only vertices of degree ≥ minDeg can qualify.
   */
  let cm = 0;
  const dominatorInSet = (m: number, minDeg: number): number => {
    for (let i = 0; i < m; i++) {
      const xw = nz[i]!;
      let bits = cset[xw]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const w = (xw << 5) + (31 - Math.clz32(low));
        if (deg[w]! < minDeg) continue;
        const bw = w * W;
        let ok = true;
        for (let j = 0; j < m; j++) {
          const x = nz[j]!;
          let rest = cset[x]! & ~rows[bw + x]!;
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

  /** A vertex w ≠ v with N[v] ⊆ N[w], or −1: w ∈ N(v) with N(v) ∖ {w} ⊆ N(w) (so deg(w) ≥ deg(v)). */
  const vertexDominator = (v: number): number => {
    const bv = v * W;
    cm = 0;
    for (let x = 0; x < W; x++) {
      const c = rows[bv + x]!;
      cset[x] = c;
      if (c !== 0) nz[cm++] = x;
    }
    return dominatorInSet(cm, deg[v]!);
  };

  /** A vertex w ∉ {u, v} adjacent to both with N(u) ∩ N(v) ⊆ N[w], or −1; leaves N(u) ∩ N(v) in cset/nz/cm. */
  const edgeDominator = (u: number, v: number): number => {
    const bu = u * W;
    const bv = v * W;
    cm = 0;
    let count = 0;
    for (let x = 0; x < W; x++) {
      const c = rows[bu + x]! & rows[bv + x]!;
      cset[x] = c;
      if (c !== 0) {
        nz[cm++] = x;
        count += popcount(c);
      }
    }
    // w is adjacent to u, v and the count − 1 others
    return dominatorInSet(cm, count + 1);
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
      const bv = v * W;
      for (let xw = 0; xw < W; xw++) {
        let bits = rows[bv + xw]!;
        while (bits !== 0) {
          const low = bits & -bits;
          bits ^= low;
          const a = (xw << 5) + (31 - Math.clz32(low));
          deg[a]!--;
          pushV(a);
          // the edges {a, b}, b in N(v), lost v from their common neighbourhood
          const ba = a * W;
          let any = 0;
          for (let x = 0; x < W; x++) {
            const c = rows[ba + x]! & rows[bv + x]!;
            dirty[ba + x]! |= c;
            any |= c;
          }
          if (any !== 0) pushE(a);
        }
      }
      g.removeVertex(v);
      deg[v] = 0;
    }
  };

  drainVertices();
  while (eq.length > 0) {
    const u = eq[eq.length - 1]!;
    const bu = u * W;
    // next dirty edge at u
    let b = -1;
    for (let x = 0; x < W; x++) {
      const bits = dirty[bu + x]!;
      if (bits !== 0) {
        const low = bits & -bits;
        dirty[bu + x] = bits ^ low;
        b = (x << 5) + (31 - Math.clz32(low));
        break;
      }
    }
    if (b < 0) {
      eq.pop();
      inEq[u] = 0;
      continue;
    }
    if (((rows[bu + (b >>> 5)]! >>> (b & 31)) & 1) === 0) continue;
    const w = edgeDominator(u, b);
    if (w < 0) continue;
    steps.push(u < b ? [u, b, w] : [b, u, w]);
    edgeSteps++;
    // the edges {u, x}, {b, x} for x in N(u) ∩ N(b) (still in cset/nz) lost a common neighbour
    const bb = b * W;
    for (let i = 0; i < cm; i++) {
      const x = nz[i]!;
      dirty[bu + x]! |= cset[x]!;
      dirty[bb + x]! |= cset[x]!;
    }
    pushE(b);
    g.removeEdge(u, b);
    deg[u]!--;
    deg[b]!--;
    pushV(u);
    pushV(b);
    drainVertices();
  }
  return { graph: g, steps, vertexSteps, edgeSteps };
}

/** Number of set bits of a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function popcountRow(rows: Uint32Array, base: number, words: number): number {
  let n = 0;
  for (let x = 0; x < words; x++) n += popcount(rows[base + x]!);
  return n;
}
