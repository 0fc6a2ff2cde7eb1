// verifyAnswer.ts: hand a Q(j, n) answer and its system to the trusted checks.
import { checkBound, type Entry } from '../checker/bound.js';
import { checkFarkas, checkWitness } from '../checker/membership.js';
import { Rat } from '../checker/rational.js';
import type { IntSparse, QueryAnswer, QueryPath, Sparse } from './regionQuery.js';

/** The Q(j, n) system in rationals: region rows, local map rows, right-hand side f = den·y − c. */
export interface RationalQuery {
  readonly ineqA: Rat[][];
  readonly ineqB: Rat[];
  readonly eqA: Rat[][];
  readonly eqB: Rat[];
}

/** Build the rational system of Q(j, n) from integer region rows and the image y = yN / yDen. */
export function rationalQuery(
  ineqA: readonly (readonly bigint[])[],
  ineqB: readonly bigint[],
  M: readonly (readonly bigint[])[],
  c: readonly bigint[],
  den: bigint,
  yN: readonly bigint[],
  yDen: bigint,
): RationalQuery {
  return {
    ineqA: ineqA.map((r) => r.map((v) => Rat.int(v))),
    ineqB: ineqB.map((v) => Rat.int(v)),
    eqA: M.map((r) => r.map((v) => Rat.int(v))),
    eqB: yN.map((y, i) => Rat.of(den * y - yDen * (c[i] as bigint), yDen)),
  };
}

const entries = (s: Sparse): Entry[] => s.map(([row, value]) => ({ row, value }));

/** A Q(j, n) answer with its certificate in rationals (what the trusted rules read). */
export type RationalAnswer =
  | { readonly answer: 'yes'; readonly z: readonly Rat[]; readonly path: QueryPath }
  | { readonly answer: 'no'; readonly lambda: Sparse; readonly mu: Sparse; readonly path: QueryPath }
  | Extract<QueryAnswer, { answer: 'pinned' }>;

const ratSparse = (s: IntSparse): Sparse => s.map(([i, v]) => [i, Rat.int(v)] as const);

/** The solver's integer-form answer as rationals (witness reduced, multipliers as integers). */
export function toRationalAnswer(ans: QueryAnswer): RationalAnswer {
  if (ans.answer === 'yes') return { answer: 'yes', z: ans.z.num.map((v) => Rat.of(v, ans.z.den)), path: ans.path };
  if (ans.answer === 'no') return { answer: 'no', lambda: ratSparse(ans.lambda), mu: ratSparse(ans.mu), path: ans.path };
  return ans;
}

/**
 * Check an answer with the trusted rules: `witness` (and z ≠ x_j), `farkas`, or for `pinned`
 * that x_j is a preimage in G_n and the `bound` certificates pin every coordinate to x_j's.
 * Returns undefined when it holds, else the reason.
 */
export function verifyAnswer(sys: RationalQuery, answer: QueryAnswer | RationalAnswer, xj: readonly Rat[]): string | undefined {
  const ans: RationalAnswer = isIntForm(answer) ? toRationalAnswer(answer) : answer;
  if (ans.answer === 'yes') {
    const r = checkWitness(sys, [...ans.z]);
    if (!r.ok) return `${r.rule}: ${r.reason}`;
    if (ans.z.every((v, i) => v.eq(xj[i] as Rat))) return 'witness: the witness is x_j itself, not a gluing';
    return undefined;
  }
  if (ans.answer === 'no') {
    const r = checkFarkas(sys, entries(ans.lambda), entries(ans.mu));
    return r.ok ? undefined : `${r.rule}: ${r.reason}`;
  }
  const self = checkWitness(sys, [...xj]);
  if (!self.ok) return `pinned: x_j is not a preimage in the region: ${self.reason}`;
  const d = xj.length;
  for (let c = 0; c < d; c++) {
    for (const sign of [1, -1] as const) {
      const b = ans.bounds.find((x) => x.coord === c && x.sign === sign);
      if (b === undefined) return `pinned: no bound for coordinate ${c} sign ${sign}`;
      const e = Array.from({ length: d }, (_, k) => (k === c ? Rat.int(BigInt(sign)) : Rat.ZERO));
      const v = sign === 1 ? (xj[c] as Rat) : (xj[c] as Rat).neg();
      const r = checkBound(sys, entries(b.lambda), entries(b.mu), e, v);
      if (!r.ok) return `bound: coordinate ${c} sign ${sign}: ${r.reason}`;
    }
  }
  return undefined;
}

function isIntForm(a: QueryAnswer | RationalAnswer): a is QueryAnswer {
  if (a.answer === 'yes') return !Array.isArray(a.z);
  if (a.answer === 'no') return typeof (a.lambda[0] ?? a.mu[0])?.[1] === 'bigint';
  return false;
}
