// bound.ts: rule `bound`: a dual certificate that e·z ≤ v for every z in { Az ≤ b, Ez = f }.
import type { MembershipEntry as Entry, MembershipSystem as BoundSystem } from './membership.js';
import { Rat } from './rational.js';

export type { Entry, BoundSystem };

/** Outcome of one rule check. */
export type BoundCheck = { ok: true } | { ok: false; rule: 'bound'; reason: string };

function fail(reason: string): BoundCheck {
  return { ok: false, rule: 'bound', reason };
}

function entriesValid(name: string, es: readonly Entry[], rows: number, nonNegative: boolean): string | undefined {
  let last = -1;
  for (const { row, value } of es) {
    if (!Number.isInteger(row) || row < 0 || row >= rows) return `${name} row index ${row} out of range`;
    if (row <= last) return `${name} row ${row} duplicated or out of order`;
    if (nonNegative && value.sign() < 0) return `${name}[${row}] is negative`;
    last = row;
  }
  return undefined;
}

/**
 * Rule `bound`: λ ≥ 0 on inequality rows and μ on equality rows with λᵀA + μᵀE = e and
 * λᵀb + μᵀf ≤ v prove e·z ≤ v on the whole system (for feasible z: e·z = λᵀAz + μᵀEz ≤ λᵀb + μᵀf).
 * With `strict`, λᵀb + μᵀf < v is required (rule `farkas` is e = 0, v = 0, strict: no z at all).
 */
export function checkBound(
  sys: BoundSystem,
  lambda: readonly Entry[],
  mu: readonly Entry[],
  e: readonly Rat[],
  v: Rat,
  strict = false,
): BoundCheck {
  const bad =
    entriesValid('lambda', lambda, sys.ineqA.length, true) ?? entriesValid('mu', mu, sys.eqA.length, false);
  if (bad !== undefined) return fail(bad);
  for (let c = 0; c < e.length; c++) {
    let s = Rat.ZERO;
    for (const { row, value } of lambda) s = s.add(value.mul((sys.ineqA[row] as readonly Rat[])[c] ?? Rat.ZERO));
    for (const { row, value } of mu) s = s.add(value.mul((sys.eqA[row] as readonly Rat[])[c] ?? Rat.ZERO));
    if (!s.eq(e[c] as Rat)) return fail(`combination is ${s} in column ${c}, expected ${e[c]}`);
  }
  let rhs = Rat.ZERO;
  for (const { row, value } of lambda) rhs = rhs.add(value.mul(sys.ineqB[row] as Rat));
  for (const { row, value } of mu) rhs = rhs.add(value.mul(sys.eqB[row] as Rat));
  if (rhs.cmp(v) > (strict ? -1 : 0)) return fail(`bound ${rhs} ${strict ? 'is not below' : 'exceeds claimed value'} ${v}`);
  return { ok: true };
}
