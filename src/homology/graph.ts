// graph.ts: an undirected simple graph on vertex ids 0..size-1 with bitset rows, the 1-skeleton of a flag complex.

/**
 * An undirected simple graph whose vertices are a subset of 0..size−1. Adjacency is kept as one
 * bitset row per vertex (32 ids per word), so neighbourhood intersections and subset tests (the
 * domination tests of edge collapse) are word operations.
 */
export class Graph {
  /** Number of possible vertex ids. */
  readonly size: number;
  /** Words per bitset row. */
  readonly words: number;
  private readonly present: Uint8Array;
  private readonly rows: Uint32Array;
  private edges = 0;

  /** An empty graph on ids 0..size−1 (no vertex present yet). */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`Graph: bad size ${size}`);
    this.size = size;
    this.words = (size + 31) >>> 5;
    this.present = new Uint8Array(size);
    this.rows = new Uint32Array(this.words * size);
  }

  /** Make vertex v present (idempotent). */
  addVertex(v: number): void {
    this.id(v);
    this.present[v] = 1;
  }

  /** Is v a present vertex? */
  hasVertex(v: number): boolean {
    return v >= 0 && v < this.size && this.present[v] === 1;
  }

  /** Add the edge {u, v} (u ≠ v, both present); idempotent. */
  addEdge(u: number, v: number): void {
    if (u === v) throw new RangeError(`Graph: loop at ${u}`);
    if (!this.hasVertex(u) || !this.hasVertex(v)) throw new RangeError(`Graph: edge {${u}, ${v}} has an absent end`);
    if (this.hasEdge(u, v)) return;
    this.rows[u * this.words + (v >>> 5)]! |= 1 << (v & 31);
    this.rows[v * this.words + (u >>> 5)]! |= 1 << (u & 31);
    this.edges++;
  }

  /** Remove the edge {u, v} (no-op when absent). */
  removeEdge(u: number, v: number): void {
    if (!this.hasEdge(u, v)) return;
    this.rows[u * this.words + (v >>> 5)]! &= ~(1 << (v & 31));
    this.rows[v * this.words + (u >>> 5)]! &= ~(1 << (u & 31));
    this.edges--;
  }

  /** Remove vertex v and all its edges. */
  removeVertex(v: number): void {
    if (!this.hasVertex(v)) return;
    for (const u of this.neighbours(v)) this.removeEdge(u, v);
    this.present[v] = 0;
  }

  /** Is {u, v} an edge? */
  hasEdge(u: number, v: number): boolean {
    if (u < 0 || v < 0 || u >= this.size || v >= this.size) return false;
    return ((this.rows[u * this.words + (v >>> 5)]! >>> (v & 31)) & 1) === 1;
  }

  /** The neighbours of v, ascending. */
  neighbours(v: number): number[] {
    const out: number[] = [];
    const base = this.id(v) * this.words;
    for (let w = 0; w < this.words; w++) {
      let bits = this.rows[base + w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        out.push((w << 5) + (31 - Math.clz32(low)));
        bits ^= low;
      }
    }
    return out;
  }

  /** The bitset row of v (a view: do not modify). */
  row(v: number): Uint32Array {
    const base = this.id(v) * this.words;
    return this.rows.subarray(base, base + this.words);
  }

  /** All bitset rows in one array, row v at words `v·words .. v·words + words − 1` (a live view: do not modify). */
  adjacency(): Uint32Array {
    return this.rows;
  }

  /** Present vertices, ascending. */
  vertices(): number[] {
    const out: number[] = [];
    for (let v = 0; v < this.size; v++) if (this.present[v] === 1) out.push(v);
    return out;
  }

  /** Number of edges. */
  get edgeCount(): number {
    return this.edges;
  }

  /** Edges {u, v} with u < v, in lexicographic order. */
  edgeList(): [number, number][] {
    const out: [number, number][] = [];
    for (const u of this.vertices()) for (const v of this.neighbours(u)) if (v > u) out.push([u, v]);
    return out;
  }

  /** A deep copy. */
  clone(): Graph {
    const g = new Graph(this.size);
    g.present.set(this.present);
    g.rows.set(this.rows);
    g.edges = this.edges;
    return g;
  }

  private id(v: number): number {
    if (!Number.isInteger(v) || v < 0 || v >= this.size) throw new RangeError(`Graph: vertex ${v} outside 0..${this.size - 1}`);
    return v;
  }
}
