// membership.ts: trusted rules `witness` and `farkas` for systems { A z <= b, E z = f } over Q.
import { checkBound } from './bound.js';
import { Rat } from './rational.js';

/** A system `ineqA z <= ineqB`, `eqA z = eqB` over the rationals. */
export interface MembershipSystem {
  readonly ineqA: readonly (readonly Rat[])[];
  readonly ineqB: readonly Rat[];
  readonly eqA: readonly (readonly Rat[])[];
  readonly eqB: readonly Rat[];
}

/** A sparse multiplier entry: `value` on row `row`. */
export interface MembershipEntry {
  readonly row: number;
  readonly value: Rat;
}

/** Outcome of a rule check: `ok`, or the rule that failed and why. */
export type CheckResult = { ok: true } | { ok: false; rule: 'witness' | 'farkas'; reason: string };

const OK: CheckResult = { ok: true };

function fail(rule: 'witness' | 'farkas', reason: string): CheckResult {
  return { ok: false, rule, reason };
}

/** Sum of `a[c] * z[c]`, exact. */
function rowDot(a: readonly Rat[], z: readonly Rat[]): Rat {
  let s = Rat.ZERO;
  for (let c = 0; c < z.length; c++) s = s.add((a[c] as Rat).mul(z[c] as Rat));
  return s;
}

/** Reason why the system is malformed for `k` columns, or undefined. */
function shapeProblem(sys: MembershipSystem, k: number): string | undefined {
  if (sys.ineqA.length !== sys.ineqB.length) return `ineqA has ${sys.ineqA.length} rows but ineqB has ${sys.ineqB.length}`;
  if (sys.eqA.length !== sys.eqB.length) return `eqA has ${sys.eqA.length} rows but eqB has ${sys.eqB.length}`;
  for (let i = 0; i < sys.ineqA.length; i++) {
    if ((sys.ineqA[i] as readonly Rat[]).length !== k) return `inequality row ${i} has ${(sys.ineqA[i] as readonly Rat[]).length} entries, expected ${k}`;
  }
  for (let i = 0; i < sys.eqA.length; i++) {
    if ((sys.eqA[i] as readonly Rat[]).length !== k) return `equality row ${i} has ${(sys.eqA[i] as readonly Rat[]).length} entries, expected ${k}`;
  }
  return undefined;
}

/** Number of columns of the system (0 when it has no rows). */
function columns(sys: MembershipSystem): number {
  return (sys.ineqA[0] ?? sys.eqA[0] ?? []).length;
}

/**
 * Rule `witness`: `z` satisfies every inequality `ineqA[i]·z <= ineqB[i]` and every equality
 * `eqA[i]·z = eqB[i]` exactly.
 */
export function checkWitness(sys: MembershipSystem, z: readonly Rat[]): CheckResult {
  const shape = shapeProblem(sys, z.length);
  if (shape !== undefined) return fail('witness', shape);
  for (let i = 0; i < sys.ineqA.length; i++) {
    const s = rowDot(sys.ineqA[i] as readonly Rat[], z);
    const b = sys.ineqB[i] as Rat;
    if (s.cmp(b) > 0) return fail('witness', `inequality row ${i} violated: a·z = ${s} > ${b}`);
  }
  for (let i = 0; i < sys.eqA.length; i++) {
    const s = rowDot(sys.eqA[i] as readonly Rat[], z);
    const f = sys.eqB[i] as Rat;
    if (!s.eq(f)) return fail('witness', `equality row ${i} violated: a·z = ${s} != ${f}`);
  }
  return OK;
}

/**
 * Rule `farkas`: `lambda >= 0` on inequality rows and free `mu` on equality rows (each sorted by
 * row, no duplicates, in range) with `lambda^T ineqA + mu^T eqA = 0` and
 * `lambda^T ineqB + mu^T eqB < 0`; then no `z` satisfies the system, since for such `z`
 * `0 = (lambda^T ineqA + mu^T eqA) z <= lambda^T ineqB + mu^T eqB < 0`. It is rule `bound`
 * (`checkBound`) with e = 0, v = 0 and a strict inequality.
 */
export function checkFarkas(
  sys: MembershipSystem,
  lambda: readonly MembershipEntry[],
  mu: readonly MembershipEntry[],
): CheckResult {
  const k = columns(sys);
  const shape = shapeProblem(sys, k);
  if (shape !== undefined) return fail('farkas', shape);
  const r = checkBound(sys, lambda, mu, new Array<Rat>(k).fill(Rat.ZERO), Rat.ZERO, true);
  return r.ok ? OK : fail('farkas', r.reason);
}
