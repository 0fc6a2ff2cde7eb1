// imageSpaces.ts: regions whose local maps have the same affine image, proved exactly.
//
// A region's image space is A = {(M z + c)/den : z ∈ R^d}. A sample y in A passes every null
// check of a region n with the same image space (uᵀM_n = 0 gives den_n·uᵀy = uᵀc_n on A), so
// `queryRegion` can skip them. Candidates are grouped by a canonical form of A modulo a prime
// (a hash: it may merge different spaces or split equal ones); each member of a group is then
// proved equal to the group's first region exactly, and only proved members share a class.
import type { IntRowReduction } from './intRowReduce.js';

/** A local map `(M z + c)/den` with its row reduction (rank and left-null vectors). */
export interface ImageMap {
  readonly M: readonly (readonly bigint[])[];
  readonly c: readonly bigint[];
  readonly den: bigint;
  readonly red: IntRowReduction;
}

const P = 67108859; // a prime below 2^26: products of residues stay exact in doubles
const PN = BigInt(P);

function mod(x: bigint): number {
  const r = Number(x % PN);
  return r < 0 ? r + P : r;
}

function inv(a: number): number {
  // a^(P−2) mod P by squaring, products below 2^52
  let r = 1;
  let b = a;
  let e = P - 2;
  while (e > 0) {
    if (e & 1) r = (r * b) % P;
    b = (b * b) % P;
    e = Math.floor(e / 2);
  }
  return r;
}

/** The canonical form of A modulo P as a string, or null when den ≡ 0 or the rank differs mod P. */
function keyOf(m: ImageMap): string | null {
  const n = m.M.length;
  const d = n === 0 ? 0 : (m.M[0] as readonly bigint[]).length;
  const dm = mod(m.den);
  if (dm === 0) return null;
  const di = inv(dm);
  // the columns of M as rows, reduced to RREF mod P
  const rows = Array.from({ length: d }, (_, col) => m.M.map((row) => mod(row[col] as bigint)));
  const basis: number[][] = [];
  const pivots: number[] = [];
  for (const r of rows) {
    for (let b = 0; b < basis.length; b++) {
      const f = r[pivots[b] as number] as number;
      if (f !== 0) for (let i = 0; i < n; i++) r[i] = ((r[i] as number) + (P - f) * ((basis[b] as number[])[i] as number)) % P;
    }
    const p = r.findIndex((x) => x !== 0);
    if (p < 0) continue;
    const s = inv(r[p] as number);
    for (let i = 0; i < n; i++) r[i] = ((r[i] as number) * s) % P;
    for (let b = 0; b < basis.length; b++) {
      const br = basis[b] as number[];
      const f = br[p] as number;
      if (f !== 0) for (let i = 0; i < n; i++) br[i] = ((br[i] as number) + (P - f) * (r[i] as number)) % P;
    }
    basis.push(r);
    pivots.push(p);
  }
  if (basis.length !== m.red.rank) return null;
  // the offset c/den with the pivot coordinates cleared
  const q = m.c.map((x) => (mod(x) * di) % P);
  basis.forEach((br, b) => {
    const f = q[pivots[b] as number] as number;
    if (f !== 0) for (let i = 0; i < n; i++) q[i] = ((q[i] as number) + (P - f) * (br[i] as number)) % P;
  });
  const order = basis.map((_, b) => b).sort((a, b) => (pivots[a] as number) - (pivots[b] as number));
  return `${m.red.rank}|${order.map((b) => (basis[b] as number[]).join(',')).join(';')}|${q.join(',')}`;
}

/** A_K = A_rep, exactly: equal ranks, and every left-null vector u of M_rep has uᵀM_K = 0 and den_rep·uᵀc_K = den_K·uᵀc_rep. */
function sameSpace(rep: ImageMap, k: ImageMap): boolean {
  if (rep.red.rank !== k.red.rank) return false;
  const d = k.red.cols;
  for (const { u } of rep.red.dependents) {
    for (let col = 0; col < d; col++) {
      let s = 0n;
      for (const [i, v] of u) s += v * ((k.M[i] as readonly bigint[])[col] as bigint);
      if (s !== 0n) return false;
    }
    let ck = 0n;
    let cr = 0n;
    for (const [i, v] of u) {
      ck += v * (k.c[i] as bigint);
      cr += v * (rep.c[i] as bigint);
    }
    if (rep.den * ck !== k.den * cr) return false;
  }
  return true;
}

/**
 * Image-space classes, made on demand: maps with the same class have, proved exactly, the same
 * image space (−1: a class of its own). `map(i)` gives map i (called at most once per map, and only
 * for the maps whose class is asked for).
 */
export class ImageSpaces {
  private readonly cls: Int32Array;
  private readonly groups = new Map<string, { rep: ImageMap; id: number }>();

  constructor(
    count: number,
    private readonly map: (i: number) => ImageMap,
  ) {
    this.cls = new Int32Array(count).fill(-2);
  }

  /** The class of map i. */
  classOf(i: number): number {
    const known = this.cls[i] as number;
    if (known !== -2) return known;
    const m = this.map(i);
    const key = keyOf(m);
    let c = -1;
    if (key !== null) {
      const g = this.groups.get(key);
      if (g === undefined) {
        this.groups.set(key, { rep: m, id: i });
        c = i;
      } else if (sameSpace(g.rep, m)) c = g.id;
    }
    this.cls[i] = c;
    return c;
  }
}

/** The classes of maps 0..count−1 (see `ImageSpaces`). */
export function imageSpaceClasses(count: number, map: (i: number) => ImageMap): Int32Array {
  const s = new ImageSpaces(count, map);
  return Int32Array.from({ length: count }, (_, i) => s.classOf(i));
}

/** Is `y = yN/yDen` exactly `(M x + c)/den` for the point `x = xN/xD` (xD, yDen, den > 0)? */
export function isImageOf(m: { readonly M: readonly (readonly bigint[])[]; readonly c: readonly bigint[]; readonly den: bigint }, xN: readonly bigint[], xD: bigint, yN: readonly bigint[], yDen: bigint): boolean {
  for (let i = 0; i < m.M.length; i++) {
    const row = m.M[i] as readonly bigint[];
    let s = (m.c[i] as bigint) * xD;
    for (let c = 0; c < row.length; c++) s += (row[c] as bigint) * (xN[c] as bigint);
    if (yDen * s !== m.den * xD * (yN[i] as bigint)) return false;
  }
  return true;
}
