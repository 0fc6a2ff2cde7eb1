// feasible.ts: exact, certified feasibility of { x in Q^k : A x <= b }.
import { Rat } from '../checker/rational.js';
import { feasibleCore } from './feasibleCore.js';
import { ratsOver } from './lazyPoint.js';
import type { FeasibilityResult, SparseEntry } from './types.js';
import { assertFarkas, assertPoint } from './verifyInt.js';

/** Throw unless `A` is `m x k` and `b` has length `m`. */
export function checkShape(A: readonly (readonly bigint[])[], b: readonly bigint[], k: number): void {
  if (A.length !== b.length) throw new RangeError(`A has ${A.length} rows but b has ${b.length} entries`);
  for (let i = 0; i < A.length; i++) {
    if ((A[i] as readonly bigint[]).length !== k) throw new RangeError(`row ${i} has length ${(A[i] as readonly bigint[]).length}, expected ${k}`);
  }
}

/**
 * Decide `{ x in Q^k : A x <= b }` exactly. Returns a point (`x` rational, computed lazily from
 * the integer `point`) or a basic Farkas vector: entries `value > 0` sorted by row, at most `k+1`
 * of them, `sum value*A[row] = 0`, `sum value*b[row] < 0` (values are integers; any positive
 * multiple is equally valid). Both answers are verified exactly before returning; an internal
 * inconsistency throws. `k` defaults to the row length (0 when `A` is empty).
 */
export function feasible(A: readonly (readonly bigint[])[], b: readonly bigint[], k: number = A[0]?.length ?? 0): FeasibilityResult {
  checkShape(A, b, k);
  const res = feasibleCore(A, b, k);
  if (res.kind === 'feasible') {
    assertPoint(A, b, res.num, res.den);
    const { num, den } = res;
    let cache: Rat[] | undefined;
    return {
      kind: 'feasible',
      point: { num, den },
      get x(): Rat[] {
        cache ??= ratsOver(num, den);
        return cache;
      },
    };
  }
  assertFarkas(A, b, k, res.rows, res.vals);
  const farkas: SparseEntry[] = res.rows.map((row, t) => ({ row, value: Rat.int(res.vals[t] as bigint) }));
  return { kind: 'infeasible', farkas };
}
