// computeBetti.ts: certified Betti numbers of a flag or explicit complex: reduce, enumerate, reduce matrices, write the records.
import { closureSimplices } from './closureSimplices.js';
import { flagSimplices } from './cliques.js';
import { collapseFlag } from './collapse.js';
import type { Graph } from './graph.js';
import type { Field } from './homologyOfTables.js';
import { homologyOfTables } from './homologyOfTables.js';
import type { SimplexTable } from './simplexTable.js';

export type { Field } from './homologyOfTables.js';

/** The complex: the flag complex of a graph (reduced by collapses first), or the closure of explicit simplices (ids 0..size−1). */
export type ComplexInput = { kind: 'flag'; graph: Graph } | { kind: 'explicit'; size: number; simplices: number[][] };

/** Which target of FORMAT section 3 the records are for. */
export interface BettiTarget {
  layer: number;
  quotient: 'none' | 'cone' | 'metric';
}

/** Betti numbers b_0..b_maxDim, the target's records, and counts and timings (ms) for reports. */
export interface BettiResult {
  betti: number[];
  records: object[];
  stats: Record<string, number>;
}

/**
 * Certified Betti numbers b_0..b_maxDim of a complex over `field`, with the records of
 * certificates/FORMAT.md section 3 for `target`, in order: `reduce` (the collapse steps of a
 * flag complex, {@link collapseFlag}; `[]` for an explicit complex), `rank` for dimensions
 * 1..maxDim+1, `cohomology` for 0..maxDim, `betti`. The simplices are those of the reduced
 * complex up to dimension maxDim+1 in FORMAT order ({@link flagSimplices},
 * {@link closureSimplices}); the certificates come from {@link homologyOfTables}. An explicit
 * complex's vertices are the ids that occur in its simplices. The caller's graph is not modified.
 *
 * `stats`: `vertices`, `edges` (before reduction), `reducedVertices`, `reducedEdges`,
 * `vertexSteps`, `edgeSteps`, `n0`, `n1`, … (simplices of the reduced complex per dimension),
 * `collapseMs`, `enumerateMs`, `reduceMs`.
 */
export function computeBetti(c: ComplexInput, field: Field, maxDim: number, target: BettiTarget): BettiResult {
  if (!Number.isInteger(maxDim) || maxDim < 0) throw new RangeError(`computeBetti: bad maxDim ${maxDim}`);
  const stats: Record<string, number> = {};
  const { layer, quotient } = target;
  let steps: number[][] = [];
  let tables: SimplexTable[];
  let t = performance.now();
  if (c.kind === 'flag') {
    stats['vertices'] = c.graph.vertices().length;
    stats['edges'] = c.graph.edgeCount;
    const red = collapseFlag(c.graph);
    steps = red.steps;
    stats['reducedVertices'] = red.graph.vertices().length;
    stats['reducedEdges'] = red.graph.edgeCount;
    stats['vertexSteps'] = red.vertexSteps;
    stats['edgeSteps'] = red.edgeSteps;
    stats['collapseMs'] = performance.now() - t;
    t = performance.now();
    tables = flagSimplices(red.graph, maxDim + 1);
  } else {
    tables = closureSimplices(c.size, c.simplices, maxDim + 1);
    stats['vertices'] = stats['reducedVertices'] = tables[0]!.count;
    stats['edges'] = stats['reducedEdges'] = tables[1]!.count;
    stats['vertexSteps'] = stats['edgeSteps'] = 0;
    stats['collapseMs'] = 0;
  }
  tables.forEach((tb, k) => (stats[`n${k}`] = tb.count));
  stats['enumerateMs'] = performance.now() - t;
  t = performance.now();
  const h = homologyOfTables(tables, field, maxDim);
  stats['reduceMs'] = performance.now() - t;

  const records: object[] = [{ t: 'reduce', layer, quotient, steps }];
  for (let k = 1; k <= maxDim + 1; k++) records.push({ t: 'rank', layer, quotient, dim: k, chains: h.rankChains[k]! });
  for (let k = 0; k <= maxDim; k++) records.push({ t: 'cohomology', layer, quotient, dim: k, cycles: h.cycles[k]!, cocycles: h.cocycles[k]! });
  records.push({ t: 'betti', layer, quotient, betti: h.betti });
  return { betti: h.betti, records, stats };
}
