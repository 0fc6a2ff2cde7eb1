// index.ts: public surface of the exact LP core.
export { feasible } from './feasible.js';
export { optimize } from './optimize.js';
export { solveEqualities } from './solveEqualities.js';
export type { EqualitiesResult, FeasibilityResult, LazyPoint, OptimizeResult, SparseEntry } from './types.js';
