// closureSimplices.ts: the simplices of the closure of a list of simplices, up to a dimension, in FORMAT order.
import { SimplexTable } from './simplexTable.js';

/**
 * The simplices of dimensions 0..maxDim of the closure of `simplices` (every non-empty subset of
 * a listed simplex), vertex ids in 0..size−1, one table per dimension in FORMAT order. The
 * vertices are the ids that occur in some listed simplex. Throws RangeError on an id outside
 * 0..size−1 or a simplex with a repeated id.
 */
export function closureSimplices(size: number, simplices: readonly (readonly number[])[], maxDim: number): SimplexTable[] {
  const sets: Set<string>[] = [];
  for (let k = 0; k <= maxDim; k++) sets.push(new Set());
  for (const s of simplices) {
    const ids = [...s].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i++) {
      const v = ids[i]!;
      if (!Number.isInteger(v) || v < 0 || v >= size) throw new RangeError(`closureSimplices: vertex ${v} outside 0..${size - 1}`);
      if (i > 0 && ids[i - 1] === v) throw new RangeError(`closureSimplices: vertex ${v} repeated in [${s.join(',')}]`);
    }
    // all subsets of at most maxDim+1 vertices, by a depth-first walk
    const pick: number[] = [];
    const walk = (from: number): void => {
      if (pick.length > 0) sets[pick.length - 1]!.add(pick.join(','));
      if (pick.length === maxDim + 1) return;
      for (let i = from; i < ids.length; i++) {
        pick.push(ids[i]!);
        walk(i + 1);
        pick.pop();
      }
    };
    walk(0);
  }
  return sets.map((set, k) => {
    const list = [...set].map((key) => key.split(',').map(Number));
    list.sort((a, b) => {
      for (let i = 0; i <= k; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return 0;
    });
    const verts = new Int32Array(list.length * (k + 1));
    list.forEach((s, i) => verts.set(s, i * (k + 1)));
    return new SimplexTable(k, verts, size);
  });
}
