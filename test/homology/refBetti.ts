// refBetti.ts: a plain GF(2) Betti computation for small complexes (test reference, no certificates).
import type { Graph } from '../../src/homology/graph.js';

/** All simplices (vertex lists ascending) of dimension ≤ top of the closure of `maximal`. */
export function closure(maximal: readonly (readonly number[])[], top: number): Map<string, number[]>[] {
  const byDim: Map<string, number[]>[] = Array.from({ length: top + 1 }, () => new Map());
  for (const s of maximal) {
    const sorted = [...s].sort((a, b) => a - b);
    const m = sorted.length;
    for (let mask = 1; mask < 1 << m; mask++) {
      const f = sorted.filter((_, i) => (mask >> i) & 1);
      if (f.length - 1 <= top) byDim[f.length - 1]!.set(f.join(','), f);
    }
  }
  return byDim;
}

/** Cliques of size ≤ top+1 of a graph (the simplices of its flag complex up to dimension top). */
export function flagSimplices(g: Graph, top: number): number[][] {
  const out: number[][] = [];
  const grow = (s: number[], cands: number[]): void => {
    out.push(s);
    if (s.length > top) return;
    for (let i = 0; i < cands.length; i++) {
      const v = cands[i]!;
      grow([...s, v], cands.slice(i + 1).filter((w) => g.hasEdge(v, w)));
    }
  };
  for (const v of g.vertices()) grow([v], g.neighbours(v).filter((w) => w > v));
  return out;
}

function rankGf2(rows: bigint[]): number {
  const pivots = new Map<number, bigint>();
  let rank = 0;
  for (let r of rows) {
    while (r !== 0n) {
      const lead = r.toString(2).length - 1;
      const p = pivots.get(lead);
      if (p === undefined) {
        pivots.set(lead, r);
        rank++;
        break;
      }
      r ^= p;
    }
  }
  return rank;
}

/** GF(2) Betti numbers b_0..b_maxDim of the closure of the given simplices. */
export function refBetti(simplices: readonly (readonly number[])[], maxDim: number): number[] {
  const byDim = closure(simplices, maxDim + 1);
  const index = byDim.map((m) => new Map([...m.keys()].map((k, i) => [k, i])));
  const ranks: number[] = [0];
  for (let k = 1; k <= maxDim + 1; k++) {
    const rows: bigint[] = [];
    for (const s of byDim[k]!.values()) {
      let row = 0n;
      for (let i = 0; i < s.length; i++) row |= 1n << BigInt(index[k - 1]!.get(s.filter((_, j) => j !== i).join(','))!);
      rows.push(row);
    }
    ranks.push(rankGf2(rows));
  }
  return Array.from({ length: maxDim + 1 }, (_, k) => byDim[k]!.size - ranks[k]! - ranks[k + 1]!);
}
