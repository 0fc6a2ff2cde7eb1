// boundary.ts: face indices of every simplex (the boundary matrices), and their transposes (coboundaries).
import type { SimplexTable } from './simplexTable.js';

/**
 * Face indices of the k-simplices (k ≥ 1): entry i·(k+1)+j is the index in `lower` (the
 * (k−1)-simplices) of simplex i of `upper` without its vertex j; the coefficient of that face in
 * ∂ is (−1)^j. Faces of one simplex decrease with j (dropping an earlier vertex gives a
 * lexicographically later face), so j = k..0 lists a column of ∂_k ascending.
 */
export function faceIndices(upper: SimplexTable, lower: SimplexTable): Int32Array {
  const w = upper.dim + 1;
  const out = new Int32Array(upper.count * w);
  const verts = upper.verts;
  for (let i = 0; i < upper.count; i++) {
    const ids = verts.subarray(i * w, i * w + w);
    for (let j = 0; j < w; j++) {
      const f = lower.indexOf(ids, j);
      if (f < 0) throw new Error(`faceIndices: face ${j} of [${Array.from(ids).join(',')}] is not a simplex (not a complex)`);
      out[i * w + j] = f;
    }
  }
  return out;
}

/** Coboundary lists: for each (k−1)-simplex s, its cofaces start[s]..start[s+1]−1 (ascending), with the vertex position dropped. */
export interface Cofaces {
  readonly start: Int32Array;
  readonly coface: Int32Array;
  /** Position j of the dropped vertex: the coefficient of the coface in δ is (−1)^j. */
  readonly pos: Uint8Array;
}

/** Transpose {@link faceIndices} (`faces` of `upperCount` simplices with `w` faces each, on `lowerCount` faces). */
export function cofaceLists(faces: Int32Array, w: number, upperCount: number, lowerCount: number): Cofaces {
  const start = new Int32Array(lowerCount + 1);
  for (let t = 0; t < faces.length; t++) start[faces[t]! + 1]!++;
  for (let s = 0; s < lowerCount; s++) start[s + 1]! += start[s]!;
  const fill = start.slice(0, lowerCount);
  const coface = new Int32Array(faces.length);
  const pos = new Uint8Array(faces.length);
  for (let i = 0; i < upperCount; i++) {
    for (let j = 0; j < w; j++) {
      const s = faces[i * w + j]!;
      const at = fill[s]!++;
      coface[at] = i;
      pos[at] = j;
    }
  }
  return { start, coface, pos };
}
