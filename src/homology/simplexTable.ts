// simplexTable.ts: the k-simplices of a complex in FORMAT order (ascending vertex lists, lexicographic), with face lookup.

/**
 * The k-simplices of a complex, numbered in the order of certificates/FORMAT.md section 3: each
 * simplex is its k+1 vertex ids ascending, simplices in lexicographic order. Stored flat
 * (`verts[i*(k+1) .. i*(k+1)+k]` is simplex i). `indexOf` finds a simplex by binary search within
 * the block of simplices that share its first vertex.
 */
export class SimplexTable {
  /** Dimension k (k+1 vertices per simplex). */
  readonly dim: number;
  /** Number of simplices. */
  readonly count: number;
  /** Vertex ids, flat, `count * (dim+1)` entries. */
  readonly verts: Int32Array;
  /** first[v] .. first[v+1]−1: the simplices whose smallest vertex is v (v < size). */
  private readonly first: Int32Array;

  /** Wrap `verts` (must already be in FORMAT order; not checked) on vertex ids 0..size−1. */
  constructor(dim: number, verts: Int32Array, size: number) {
    const w = dim + 1;
    if (verts.length % w !== 0) throw new RangeError(`SimplexTable: ${verts.length} ids is not a multiple of ${w}`);
    this.dim = dim;
    this.count = verts.length / w;
    this.verts = verts;
    const first = new Int32Array(size + 1);
    for (let i = 0; i < this.count; i++) first[verts[i * w]! + 1]!++;
    for (let v = 0; v < size; v++) first[v + 1]! += first[v]!;
    this.first = first;
  }

  /** The vertices of simplex i (a copy). */
  simplex(i: number): number[] {
    const w = this.dim + 1;
    return Array.from(this.verts.subarray(i * w, i * w + w));
  }

  /**
   * Index of the simplex whose vertices are `ids` without position `skip` (pass −1 to skip
   * nothing); `ids` ascending with dim+1 (or dim+2 when skipping) entries. −1 when absent.
   */
  indexOf(ids: ArrayLike<number>, skip = -1): number {
    const w = this.dim + 1;
    const v0 = ids[skip === 0 ? 1 : 0]!;
    if (v0 < 0 || v0 + 1 >= this.first.length) return -1;
    let lo = this.first[v0]!;
    let hi = this.first[v0 + 1]! - 1;
    const verts = this.verts;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const base = mid * w;
      let cmp = 0;
      for (let a = 1, b = skip === 0 ? 2 : 1; a < w; a++, b++) {
        if (b === skip) b++;
        const d = verts[base + a]! - ids[b]!;
        if (d !== 0) {
          cmp = d;
          break;
        }
      }
      if (cmp === 0) return mid;
      if (cmp < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
