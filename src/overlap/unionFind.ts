// unionFind.ts: disjoint sets over sample indices 0..n−1, with the classes of size ≥ 2.

/** Union-find with path halving and union by size. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(readonly n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  /** The representative of `x`'s set. */
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      const gp = p[p[x] as number] as number;
      p[x] = gp;
      x = gp;
    }
    return x;
  }

  /** Merge the sets of `a` and `b`; true when they were different. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
    return true;
  }

  /** Merge all of `items` into one set. */
  unionAll(items: readonly number[]): void {
    const first = items[0];
    if (first === undefined) return;
    for (let i = 1; i < items.length; i++) this.union(first, items[i] as number);
  }

  /** The sets of size ≥ 2, each ascending, ordered by their first (lowest) element. */
  classes(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.n; i++) {
      const r = this.find(i);
      if ((this.size[r] as number) < 2) continue;
      const list = byRoot.get(r);
      if (list === undefined) byRoot.set(r, [i]);
      else list.push(i);
    }
    // elements are visited in ascending order, so each list is sorted and the map's insertion
    // order is the order of first elements
    return [...byRoot.values()];
  }
}

/** Per sample 0..n−1, the index of its class in `classes`, or −1 for a sample in none. */
export function classIds(classes: readonly (readonly number[])[], n: number): number[] {
  const id = new Array<number>(n).fill(-1);
  classes.forEach((c, k) => {
    for (const j of c) id[j] = k;
  });
  return id;
}
