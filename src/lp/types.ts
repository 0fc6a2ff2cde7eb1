// types.ts: result types shared by the exact LP core.
import type { Rat } from '../checker/rational.js';

/** One entry `value` at index `row` of a sparse certificate vector. */
export interface SparseEntry {
  /** Row index into the system the certificate refers to. */
  readonly row: number;
  /** The multiplier on that row. */
  readonly value: Rat;
}

/**
 * A point as integer numerators over one positive common denominator, with the rational
 * vector computed lazily (normalising rationals costs one gcd per coordinate).
 */
export interface LazyPoint {
  /** Integer numerators. */
  readonly num: readonly bigint[];
  /** Positive common denominator. */
  readonly den: bigint;
}

/** Result of {@link feasible}: a witness point or a basic Farkas certificate. */
export type FeasibilityResult =
  | {
      readonly kind: 'feasible';
      /** A point with `A x <= b` (computed on first access from `point`). */
      readonly x: Rat[];
      /** The same point as integer numerators over a common denominator. */
      readonly point: LazyPoint;
    }
  | {
      readonly kind: 'infeasible';
      /** `value > 0`, `sum value*A[row] = 0`, `sum value*b[row] < 0`, support <= k+1, sorted by row. */
      readonly farkas: SparseEntry[];
    };

/** Result of {@link optimize} for `max c^T x` subject to `A x <= b`. */
export type OptimizeResult =
  | {
      readonly kind: 'optimal';
      /** An optimal point (computed on first access from `point`). */
      readonly x: Rat[];
      /** `x` in integers over the lcm of its denominators: `gcd(den, num...) = 1`. */
      readonly point: LazyPoint;
      /** The optimal value `c^T x`. */
      readonly value: Rat;
      /** `lambda >= 0` with `A^T lambda = c` and `b^T lambda = value`, sorted by row (computed on first access). */
      readonly dual: SparseEntry[];
      /**
       * `dual` times the lcm of its denominators, as `[row, integer]` (the same rows, all values
       * positive): a positive multiple of the dual, without a gcd per entry.
       */
      readonly lambda: readonly (readonly [number, bigint])[];
    }
  | { readonly kind: 'infeasible'; readonly farkas: SparseEntry[] }
  | {
      readonly kind: 'unbounded';
      /** A feasible point. */
      readonly x: Rat[];
      /** A direction with `A ray <= 0` and `c^T ray > 0`. */
      readonly ray: Rat[];
    };

/** Result of {@link solveEqualities} for `E x = f`. */
export type EqualitiesResult =
  | {
      readonly kind: 'inconsistent';
      /** `mu^T E = 0` and `mu^T f != 0`, support <= rank+1, sorted by row. */
      readonly mu: SparseEntry[];
    }
  | {
      readonly kind: 'solved';
      /** A particular solution. */
      readonly x0: Rat[];
      /** `k - rank` vectors spanning the null space of `E`. */
      readonly nullBasis: Rat[][];
      /** Rank of `E`. */
      readonly rank: number;
      /** Indices of `rank` linearly independent rows of `E` whose solution set equals that of the system. */
      readonly pivotRows: number[];
    };
