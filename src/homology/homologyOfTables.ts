// homologyOfTables.ts: Betti numbers of a complex given by its simplex tables, with rank and (co)cycle certificates.
import type { Cofaces } from './boundary.js';
import { cofaceLists, faceIndices } from './boundary.js';
import { nonSingular } from './nonSingular.js';
import type { QColumn } from './reduceQ.js';
import { reduceQ } from './reduceQ.js';
import { reduceGf2 } from './reduceGf2.js';
import type { SimplexTable } from './simplexTable.js';

/** Coefficient field. */
export type Field = 'gf2' | 'q';

/** A chain as FORMAT writes it: over gf2 ascending simplex indices, over q `[[index, "int"], …]`. */
export type Chain = number[] | [number, string][];

/** Certified homology of one complex (certificates/FORMAT.md section 3). */
export interface HomologyCertificate {
  /** b_0..b_K. */
  readonly betti: number[];
  /** n_0..n_{K+1}: simplices per dimension. */
  readonly counts: number[];
  /** rankChains[k] (k = 1..K+1; entry 0 empty): chains whose boundaries are non-zero with distinct lows. */
  readonly rankChains: Chain[][];
  /** cycles[k], cocycles[k] (k = 0..K): b_k each, with a non-singular pairing matrix. */
  readonly cycles: Chain[][];
  readonly cocycles: Chain[][];
}

interface Ops<C> {
  reduce(order: ArrayLike<number>, column: (j: number) => C, rows: number, cols: number): { pivotOf: Int32Array; zero(j: number): boolean; v(j: number): C };
  size(c: C): number;
  /** Smallest and largest index of a non-zero chain. */
  span(c: C): [number, number];
  unit(j: number): C;
  homColumn(faces: Int32Array, w: number, j: number): C;
  cohColumn(cof: Cofaces, s: number, upperCount: number): C;
  chain(c: C): Chain;
  /** The pairing Σ_σ w(σ) z(σ) (over gf2 mod 2). */
  dot(w: C, z: C): bigint;
}

const gf2: Ops<Int32Array> = {
  reduce: reduceGf2,
  size: (c) => c.length,
  span: (c) => [c[0]!, c[c.length - 1]!],
  unit: (j) => Int32Array.of(j),
  homColumn(faces, w, j) {
    const out = new Int32Array(w);
    for (let t = 0; t < w; t++) out[t] = faces[j * w + (w - 1 - t)]!;
    return out;
  },
  cohColumn(cof, s, upperCount) {
    const a = cof.start[s]!;
    const b = cof.start[s + 1]!;
    const out = new Int32Array(b - a);
    for (let t = 0; t < b - a; t++) out[t] = upperCount - 1 - cof.coface[b - 1 - t]!;
    return out;
  },
  chain: (c) => Array.from(c),
  dot(w, z) {
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < w.length && j < z.length) {
      if (w[i]! < z[j]!) i++;
      else if (z[j]! < w[i]!) j++;
      else {
        n ^= 1;
        i++;
        j++;
      }
    }
    return BigInt(n);
  },
};

const q: Ops<QColumn> = {
  reduce: reduceQ,
  size: (c) => c.idx.length,
  span: (c) => [c.idx[0]!, c.idx[c.idx.length - 1]!],
  unit: (j) => ({ idx: Int32Array.of(j), val: [1n] }),
  homColumn(faces, w, j) {
    const idx = new Int32Array(w);
    const val: bigint[] = [];
    for (let t = 0; t < w; t++) {
      const pos = w - 1 - t;
      idx[t] = faces[j * w + pos]!;
      val.push(pos % 2 === 0 ? 1n : -1n);
    }
    return { idx, val };
  },
  cohColumn(cof, s, upperCount) {
    const a = cof.start[s]!;
    const b = cof.start[s + 1]!;
    const idx = new Int32Array(b - a);
    const val: bigint[] = [];
    for (let t = 0; t < b - a; t++) {
      idx[t] = upperCount - 1 - cof.coface[b - 1 - t]!;
      val.push(cof.pos[b - 1 - t]! % 2 === 0 ? 1n : -1n);
    }
    return { idx, val };
  },
  chain: (c) => Array.from(c.idx, (i, t): [number, string] => [i, c.val[t]!.toString()]),
  dot(w, z) {
    let i = 0;
    let j = 0;
    let s = 0n;
    while (i < w.idx.length && j < z.idx.length) {
      if (w.idx[i]! < z.idx[j]!) i++;
      else if (z.idx[j]! < w.idx[i]!) j++;
      else s += w.val[i++]! * z.val[j++]!;
    }
    return s;
  },
};

/**
 * True when the pairing matrix M_ab = ⟨w_a, z_b⟩ is visibly non-singular: for the ascending
 * simplices `ess`, z_b has largest index ess[b], w_a has smallest index ess[a], and ⟨w_a, z_a⟩ ≠ 0
 * (over gf2: odd). Then M_ab = 0 for a > b (no index is both ≥ ess[a] and ≤ ess[b]), so M is
 * triangular with a non-zero diagonal. O(total chain size) instead of m² products.
 */
function triangularPairing<C>(ops: Ops<C>, ess: readonly number[], z: readonly C[], w: readonly C[]): boolean {
  for (let a = 0; a < ess.length; a++) {
    const [zmin, zmax] = ops.span(z[a]!);
    const [wmin] = ops.span(w[a]!);
    if (zmax !== ess[a] || wmin !== ess[a] || zmin > zmax) return false;
    const d = ops.dot(w[a]!, z[a]!);
    if (d === 0n) return false;
  }
  return true;
}

/**
 * Betti numbers b_0..b_maxDim of the complex whose k-simplices are `tables[k]` (k = 0..maxDim+1,
 * FORMAT order), over `field`, with the certificates of FORMAT section 3.
 *
 * Method (the persistence algorithm with the simplices in FORMAT order as a filtration, all
 * vertices first, then all edges, …): first persistent cohomology, dimension 0 up, with clearing
 * (a k-simplex that is the pivot of a reduced coboundary column of dimension k−1 is skipped):
 * each coboundary δ_k is reduced with rows and columns in reverse order. Its pivots pair
 * k-simplices with (k+1)-simplices; its zero columns are the essential simplices, and V of those
 * columns are cocycles. By the duality of persistent homology and cohomology (de Silva, Morozov,
 * Vejdemo-Johansson 2011) the pairs and essential simplices are those of persistent homology, so
 * then only the paired ("negative") and essential columns of each ∂_k are reduced: the negative
 * ones give the rank chains, the essential ones cycles. Essential cycle z_b has low b and
 * cocycle w_a has its first entry at a, so the pairing matrix is triangular with a non-zero
 * diagonal; both facts, every count and the matrix's non-singularity are verified here, and an
 * inconsistency throws (a bug, never a wrong certificate).
 */
export function homologyOfTables(tables: readonly SimplexTable[], field: Field, maxDim: number): HomologyCertificate {
  return field === 'gf2' ? run(gf2, tables, maxDim, field) : run(q, tables, maxDim, field);
}

function run<C>(ops: Ops<C>, tables: readonly SimplexTable[], K: number, field: Field): HomologyCertificate {
  if (tables.length < K + 2) throw new RangeError(`homologyOfTables: need simplex tables of dimensions 0..${K + 1}`);
  const n = tables.slice(0, K + 2).map((t) => t.count);
  const faces: Int32Array[] = [new Int32Array(0)];
  for (let k = 1; k <= K + 1; k++) faces.push(faceIndices(tables[k]!, tables[k - 1]!));

  // persistent cohomology with clearing, k = 0..K
  const negative: Uint8Array[] = n.map((c) => new Uint8Array(c)); // negative[k][σ]: σ is paired with a (k−1)-simplex
  const essential: number[][] = [];
  const cocycleOf: Map<number, C>[] = [];
  for (let k = 0; k <= K; k++) {
    const nk = n[k]!;
    const up = n[k + 1]!;
    const cof = cofaceLists(faces[k + 1]!, k + 2, up, nk);
    const order: number[] = [];
    for (let s = nk - 1; s >= 0; s--) if (negative[k]![s] === 0) order.push(s);
    const red = ops.reduce(order, (s) => ops.cohColumn(cof, s, up), up, nk);
    const ess: number[] = [];
    const cocycles = new Map<number, C>();
    for (const s of order) {
      if (red.zero(s)) {
        ess.push(s);
        cocycles.set(s, red.v(s));
      }
    }
    for (let key = 0; key < up; key++) if (red.pivotOf[key]! >= 0) negative[k + 1]![up - 1 - key] = 1;
    ess.sort((a, b) => a - b);
    essential.push(ess);
    cocycleOf.push(cocycles);
  }

  // homology of the negative and essential columns, k = 1..K+1
  const rankChains: Chain[][] = [[]];
  const cycleOf: Map<number, C>[] = [new Map(essential[0]!.map((s) => [s, ops.unit(s)]))];
  for (let k = 1; k <= K + 1; k++) {
    const ess = k <= K ? essential[k]! : [];
    const isEss = new Uint8Array(n[k]!);
    for (const s of ess) isEss[s] = 1;
    const order: number[] = [];
    for (let j = 0; j < n[k]!; j++) if (negative[k]![j] === 1 || isEss[j] === 1) order.push(j);
    const red = ops.reduce(order, (j) => ops.homColumn(faces[k]!, k + 1, j), n[k - 1]!, n[k]!);
    const chains: Chain[] = [];
    const cycles = new Map<number, C>();
    for (const j of order) {
      const zero = red.zero(j);
      if (zero !== (isEss[j] === 1)) throw new Error(`homologyOfTables: dimension ${k} simplex ${j} is ${zero ? 'a cycle' : 'not a cycle'} in homology but ${isEss[j] === 1 ? 'essential' : 'negative'} in cohomology`);
      if (zero) cycles.set(j, red.v(j));
      else chains.push(ops.chain(red.v(j)));
    }
    rankChains.push(chains);
    if (k <= K) cycleOf.push(cycles);
  }

  const betti: number[] = [];
  const cycles: Chain[][] = [];
  const cocycles: Chain[][] = [];
  for (let k = 0; k <= K; k++) {
    const ess = essential[k]!;
    const b = n[k]! - rankChains[k]!.length - rankChains[k + 1]!.length;
    if (b !== ess.length) throw new Error(`homologyOfTables: dimension ${k}: ${ess.length} essential simplices but n − r − r' = ${b}`);
    const z = ess.map((s) => cycleOf[k]!.get(s)!);
    const w = ess.map((s) => cocycleOf[k]!.get(s)!);
    if (!triangularPairing(ops, ess, z, w)) {
      const m = z.map((_, a) => z.map((zb) => ops.dot(w[a]!, zb)));
      if (!nonSingular(m, field)) throw new Error(`homologyOfTables: dimension ${k}: the pairing matrix is singular`);
    }
    betti.push(b);
    cycles.push(z.map((c) => ops.chain(c)));
    cocycles.push(w.map((c) => ops.chain(c)));
  }
  return { betti, counts: n, rankChains, cycles, cocycles };
}
