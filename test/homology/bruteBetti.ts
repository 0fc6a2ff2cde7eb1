// bruteBetti.ts: slow oracle: all simplices by brute force, dense boundary matrices, Gaussian elimination over GF(2) or Q.

/** All simplices (as sorted id lists) of the closure of `simplices`, up to dimension maxDim, grouped by dimension. */
export function closureOf(simplices: readonly (readonly number[])[], maxDim: number): number[][][] {
  const keys: Set<string>[] = Array.from({ length: maxDim + 1 }, () => new Set<string>());
  for (const s of simplices) {
    const ids = [...s].sort((a, b) => a - b);
    for (let mask = 1; mask < 1 << ids.length; mask++) {
      const sub = ids.filter((_, i) => (mask >> i) & 1);
      if (sub.length <= maxDim + 1) keys[sub.length - 1]!.add(sub.join(','));
    }
  }
  return keys.map((set) => [...set].map((k) => k.split(',').map(Number)).sort(lex));
}

/** All cliques of a graph given by an adjacency predicate on ids 0..n−1 (present ids only), up to dimension maxDim. */
export function cliquesOf(ids: readonly number[], adj: (u: number, v: number) => boolean, maxDim: number): number[][][] {
  const out: number[][][] = Array.from({ length: maxDim + 1 }, () => []);
  const sorted = [...ids].sort((a, b) => a - b);
  const grow = (c: number[], from: number): void => {
    out[c.length - 1]!.push([...c]);
    if (c.length === maxDim + 1) return;
    for (let i = from; i < sorted.length; i++) {
      const v = sorted[i]!;
      if (c.every((u) => adj(u, v))) {
        c.push(v);
        grow(c, i + 1);
        c.pop();
      }
    }
  };
  for (let i = 0; i < sorted.length; i++) grow([sorted[i]!], i + 1);
  return out.map((l) => l.sort(lex));
}

/** Lexicographic comparison of id lists. */
export function lex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Rank of a dense integer matrix over GF(2) or Q (fraction-free elimination on bigints). */
export function denseRank(rows: bigint[][], field: 'gf2' | 'q'): number {
  const m = rows.map((r) => r.map((x) => (field === 'gf2' ? ((x % 2n) + 2n) % 2n : x)));
  const cols = m[0]?.length ?? 0;
  let rank = 0;
  for (let c = 0; c < cols && rank < m.length; c++) {
    const p = m.findIndex((r, i) => i >= rank && r[c] !== 0n);
    if (p < 0) continue;
    [m[rank], m[p]] = [m[p]!, m[rank]!];
    const piv = m[rank]!;
    for (let i = rank + 1; i < m.length; i++) {
      const r = m[i]!;
      const f = r[c]!;
      if (f === 0n) continue;
      for (let x = 0; x < cols; x++) r[x] = field === 'gf2' ? (r[x]! + piv[x]!) % 2n : piv[c]! * r[x]! - f * piv[x]!;
      if (field === 'q') {
        // keep entries small
        let g = 0n;
        for (const x of r) g = gcdB(g, x);
        if (g > 1n) for (let x = 0; x < cols; x++) r[x] = r[x]! / g;
      }
    }
    rank++;
  }
  return rank;
}

function gcdB(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Dense boundary matrix ∂_k (rows: (k−1)-simplices, columns: k-simplices). */
export function denseBoundary(simplices: number[][][], k: number): bigint[][] {
  const lower = simplices[k - 1] ?? [];
  const upper = simplices[k] ?? [];
  const index = new Map(lower.map((s, i) => [s.join(','), i]));
  const rows = lower.map(() => upper.map(() => 0n));
  upper.forEach((s, j) => {
    for (let i = 0; i < s.length; i++) {
      const f = index.get(s.filter((_, t) => t !== i).join(','))!;
      rows[f]![j] = i % 2 === 0 ? 1n : -1n;
    }
  });
  return rows;
}

/** Betti numbers b_0..b_maxDim from simplices of dimensions 0..maxDim+1. */
export function bruteBetti(simplices: number[][][], field: 'gf2' | 'q', maxDim: number): number[] {
  const rank = [0];
  for (let k = 1; k <= maxDim + 1; k++) rank.push(denseRank(denseBoundary(simplices, k), field));
  const out: number[] = [];
  for (let k = 0; k <= maxDim; k++) out.push((simplices[k]?.length ?? 0) - rank[k]! - rank[k + 1]!);
  return out;
}
