// queryOracle.ts: test-only helpers for Q(j, n): an independent exact system, a brute-force
// oracle for d ≤ 2, an independent certificate check, and single mutations of certificates.
// Plain Rat arithmetic only: nothing here calls src/lp or src/decide.
import { Rat } from '../../src/checker/rational.js';
import type { Sparse } from '../../src/decide/regionQuery.js';
import type { RationalAnswer as QueryAnswer } from '../../src/decide/verifyAnswer.js';
import type { Region } from '../../src/net/regions.js';

/** `ineqA z ≤ ineqB`, `eqA z = eqB` over Q (the set P = { z ∈ G_n : Φ_n(z) = y }). */
export interface DenseSystem {
  readonly ineqA: Rat[][];
  readonly ineqB: Rat[];
  readonly eqA: Rat[][];
  readonly eqB: Rat[];
}

export type Kind = QueryAnswer['answer'];

/**
 * P for region `reg` and image `y` (exact rationals), built here without `rationalQuery`:
 * Φ_n(z) = (M z + c)/den = y  ⇔  M z = den·y − c.
 */
export function denseSystem(reg: Region, y: readonly Rat[]): DenseSystem {
  const den = Rat.int(reg.map.den);
  return {
    ineqA: reg.ineqA.map((r) => r.map((v) => Rat.int(v))),
    ineqB: reg.ineqB.map((v) => Rat.int(v)),
    eqA: reg.map.M.map((r) => r.map((v) => Rat.int(v))),
    eqB: y.map((v, i) => den.mul(v).sub(Rat.int(reg.map.c[i] as bigint))),
  };
}

function dotR(a: readonly Rat[], z: readonly Rat[]): Rat {
  let s = Rat.ZERO;
  for (let i = 0; i < a.length; i++) s = s.add((a[i] as Rat).mul(z[i] as Rat));
  return s;
}

export function samePoint(a: readonly Rat[], b: readonly Rat[]): boolean {
  return a.length === b.length && a.every((v, i) => v.eq(b[i] as Rat));
}

/** Exact membership of z in P. */
export function inP(sys: DenseSystem, z: readonly Rat[]): boolean {
  for (let i = 0; i < sys.ineqA.length; i++) {
    const row = sys.ineqA[i] as Rat[];
    if (row.length !== z.length) return false;
    if (dotR(row, z).cmp(sys.ineqB[i] as Rat) > 0) return false;
  }
  for (let i = 0; i < sys.eqA.length; i++) {
    const row = sys.eqA[i] as Rat[];
    if (row.length !== z.length) return false;
    if (!dotR(row, z).eq(sys.eqB[i] as Rat)) return false;
  }
  return true;
}

/**
 * Brute-force Q(j, n) for d ∈ {1, 2}. All constraints as half-planes a·z ≤ β (an equality gives
 * two). Candidate points: the origin, one point on every constraint line (β a / a·a) and, for
 * d = 2, every intersection of two non-parallel lines. Directions: ±e_i and, for d = 2, ±a⊥ for
 * every normal a. If P ≠ ∅ some candidate lies in P (a vertex, or a point on a tight line when
 * P has a lineality space, or the origin when P = R^d). If P ⊋ {x_j} then either P is bounded and
 * has a vertex ≠ x_j, or P is unbounded and its recession cone { r : A r ≤ 0 } ≠ {0} contains
 * one of the directions (its extreme rays and the direction of its affine hull lie on lines
 * a·r = 0, or it is all of R^d), so x_j + r ∈ P.
 */
export function oracleKind(sys: DenseSystem, xj: readonly Rat[]): Kind {
  const d = xj.length;
  if (d < 1 || d > 2) throw new RangeError('oracle: d must be 1 or 2');
  const cons: { a: Rat[]; b: Rat }[] = [];
  sys.ineqA.forEach((a, i) => cons.push({ a, b: sys.ineqB[i] as Rat }));
  sys.eqA.forEach((a, i) => {
    cons.push({ a, b: sys.eqB[i] as Rat });
    cons.push({ a: a.map((v) => v.neg()), b: (sys.eqB[i] as Rat).neg() });
  });
  const nonzero = cons.filter((c) => c.a.some((v) => !v.isZero()));
  const cands = new Map<string, Rat[]>();
  const add = (p: Rat[]): void => {
    cands.set(p.join(','), p);
  };
  add(new Array<Rat>(d).fill(Rat.ZERO));
  for (const { a, b } of nonzero) {
    const aa = dotR(a, a);
    add(a.map((v) => v.mul(b).div(aa)));
  }
  if (d === 2) {
    for (let i = 0; i < nonzero.length; i++) {
      for (let k = i + 1; k < nonzero.length; k++) {
        const p = nonzero[i] as { a: Rat[]; b: Rat };
        const q = nonzero[k] as { a: Rat[]; b: Rat };
        const [a1, a2] = p.a as [Rat, Rat];
        const [b1, b2] = q.a as [Rat, Rat];
        const det = a1.mul(b2).sub(a2.mul(b1));
        if (det.isZero()) continue;
        // Cramer: a1 x + a2 y = p.b, b1 x + b2 y = q.b
        add([p.b.mul(b2).sub(a2.mul(q.b)).div(det), a1.mul(q.b).sub(p.b.mul(b1)).div(det)]);
      }
    }
  }
  const inside = [...cands.values()].filter((p) => inP(sys, p));
  if (inside.length === 0) return 'no';
  if (inside.some((p) => !samePoint(p, xj))) return 'yes';
  // only x_j among the candidates: P is {x_j} unless it is unbounded
  const dirs: Rat[][] = [];
  for (let i = 0; i < d; i++) {
    for (const s of [Rat.ONE, Rat.ONE.neg()]) dirs.push(Array.from({ length: d }, (_, k) => (k === i ? s : Rat.ZERO)));
  }
  if (d === 2) {
    for (const { a } of nonzero) {
      const perp = [(a[1] as Rat).neg(), a[0] as Rat];
      dirs.push(perp, perp.map((v) => v.neg()));
    }
  }
  for (const r of dirs) {
    if (inP(
      sys,
      xj.map((v, i) => v.add(r[i] as Rat)),
    )) {
      return 'yes';
    }
  }
  return 'pinned';
}

function denseCombination(sys: DenseSystem, lambda: Sparse, mu: Sparse, d: number): { vec: Rat[]; rhs: Rat } | undefined {
  const vec = new Array<Rat>(d).fill(Rat.ZERO);
  let rhs = Rat.ZERO;
  for (const [row, v] of lambda) {
    if (!Number.isInteger(row) || row < 0 || row >= sys.ineqA.length) return undefined;
    if (v.sign() < 0) return undefined;
    const a = sys.ineqA[row] as Rat[];
    for (let c = 0; c < d; c++) vec[c] = (vec[c] as Rat).add(v.mul(a[c] as Rat));
    rhs = rhs.add(v.mul(sys.ineqB[row] as Rat));
  }
  for (const [row, v] of mu) {
    if (!Number.isInteger(row) || row < 0 || row >= sys.eqA.length) return undefined;
    const a = sys.eqA[row] as Rat[];
    for (let c = 0; c < d; c++) vec[c] = (vec[c] as Rat).add(v.mul(a[c] as Rat));
    rhs = rhs.add(v.mul(sys.eqB[row] as Rat));
  }
  return { vec, rhs };
}

/**
 * Is `ans` a mathematically valid certificate for Q(j, n) on `sys` (lenient about the order of
 * entries, strict about the mathematics)? Dense sums, written independently of src/checker.
 */
export function genuinelyValid(sys: DenseSystem, ans: QueryAnswer, xj: readonly Rat[]): boolean {
  const d = xj.length;
  if (ans.answer === 'yes') return ans.z.length === d && inP(sys, ans.z) && !samePoint(ans.z, xj);
  if (ans.answer === 'no') {
    const comb = denseCombination(sys, ans.lambda, ans.mu, d);
    return comb !== undefined && comb.vec.every((v) => v.isZero()) && comb.rhs.sign() < 0;
  }
  if (!inP(sys, xj)) return false;
  for (let c = 0; c < d; c++) {
    for (const sign of [1, -1] as const) {
      const ok = ans.bounds.some((b) => {
        if (b.coord !== c || b.sign !== sign) return false;
        const comb = denseCombination(sys, b.lambda, b.mu, d);
        if (comb === undefined) return false;
        const s = Rat.int(BigInt(sign));
        return comb.vec.every((v, k) => v.eq(k === c ? s : Rat.ZERO)) && comb.rhs.cmp(s.mul(xj[c] as Rat)) <= 0;
      });
      if (!ok) return false;
    }
  }
  return true;
}

const valueMutations = (v: Rat): Rat[] => [v.add(Rat.ONE), v.mul(Rat.int(2n)), v.neg()];

function sparseMutations(s: Sparse): Sparse[] {
  const out: Sparse[] = [];
  s.forEach(([row, v], i) => {
    for (const w of valueMutations(v)) out.push(s.map((e, k) => (k === i ? ([row, w] as const) : e)));
    out.push(s.filter((_, k) => k !== i));
    for (const r of [row + 1, row - 1]) out.push(s.map((e, k) => (k === i ? ([r, v] as const) : e)));
  });
  return out;
}

/** All single mutations of a certificate: one rational changed (+1, ×2, −), one entry dropped, one index changed. */
export function mutations(ans: QueryAnswer): QueryAnswer[] {
  const out: QueryAnswer[] = [];
  if (ans.answer === 'yes') {
    ans.z.forEach((v, i) => {
      for (const w of valueMutations(v)) out.push({ ...ans, z: ans.z.map((x, k) => (k === i ? w : x)) });
      out.push({ ...ans, z: ans.z.filter((_, k) => k !== i) });
    });
    out.push({ ...ans, z: [...ans.z, Rat.ZERO] });
  } else if (ans.answer === 'no') {
    for (const lambda of sparseMutations(ans.lambda)) out.push({ ...ans, lambda });
    for (const mu of sparseMutations(ans.mu)) out.push({ ...ans, mu });
    // a multiplier on a row it did not use
    out.push({ ...ans, lambda: [...ans.lambda, [(ans.lambda.at(-1)?.[0] ?? -1) + 1, Rat.ONE]] });
    out.push({ ...ans, mu: [...ans.mu, [(ans.mu.at(-1)?.[0] ?? -1) + 1, Rat.ONE]] });
  } else {
    ans.bounds.forEach((b, i) => {
      const put = (nb: (typeof ans.bounds)[number]): void => {
        out.push({ ...ans, bounds: ans.bounds.map((x, k) => (k === i ? nb : x)) });
      };
      for (const lambda of sparseMutations(b.lambda)) put({ ...b, lambda });
      for (const mu of sparseMutations(b.mu)) put({ ...b, mu });
      put({ ...b, sign: b.sign === 1 ? -1 : 1 });
      put({ ...b, coord: b.coord + 1 });
      put({ ...b, coord: b.coord - 1 });
      out.push({ ...ans, bounds: ans.bounds.filter((_, k) => k !== i) });
    });
  }
  return out;
}
