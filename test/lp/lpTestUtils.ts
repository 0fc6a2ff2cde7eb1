// lpTestUtils.ts: random small systems, rational conversion and independent oracles for LP tests.
import fc from 'fast-check';
import lpSolverImport from 'javascript-lp-solver';
import { checkFarkas, checkWitness, type MembershipSystem } from '../../src/checker/membership.js';
import { Rat } from '../../src/checker/rational.js';

type SolveFn = { Solve(model: unknown): unknown };
// The package's typings are CommonJS-shaped under NodeNext; at run time the ESM default is the solver.
const solver: SolveFn = ((lpSolverImport as unknown as { default?: SolveFn }).default ?? lpSolverImport) as unknown as SolveFn;

/** An integer system with inequalities and equalities. */
export interface TestSystem {
  ineqA: bigint[][];
  ineqB: bigint[];
  eqA: bigint[][];
  eqB: bigint[];
}

/** The same system over the rationals. */
export function toRat(sys: TestSystem): MembershipSystem {
  const r = (v: bigint): Rat => Rat.int(v);
  return {
    ineqA: sys.ineqA.map((row) => row.map(r)),
    ineqB: sys.ineqB.map(r),
    eqA: sys.eqA.map((row) => row.map(r)),
    eqB: sys.eqB.map(r),
  };
}

const small = fc.integer({ min: -5, max: 5 }).map(BigInt);

/** One way to derive an extra row from an earlier one: degenerate and redundant structure. */
type Derive = { from: number; kind: 'neg' | 'scale' | 'copy' | 'zero' | 'sum'; s: bigint; d: bigint; other: number };

const derive: fc.Arbitrary<Derive> = fc.record({
  from: fc.nat(20),
  kind: fc.constantFrom('neg' as const, 'scale' as const, 'copy' as const, 'zero' as const, 'sum' as const),
  s: fc.integer({ min: 1, max: 3 }).map(BigInt),
  d: fc.integer({ min: -2, max: 2 }).map(BigInt),
  other: fc.nat(20),
});

function applyDerive(rows: bigint[][], rhs: bigint[], k: number, dv: Derive): void {
  if (rows.length === 0) return;
  const i = dv.from % rows.length;
  const a = rows[i] as bigint[];
  const b = rhs[i] as bigint;
  switch (dv.kind) {
    case 'neg': // opposite half-space: empty interior when d = 0, empty when d < 0
      rows.push(a.map((v) => -v));
      rhs.push(-b + dv.d);
      break;
    case 'scale':
      rows.push(a.map((v) => v * dv.s));
      rhs.push(b * dv.s + dv.d);
      break;
    case 'copy':
      rows.push(a.slice());
      rhs.push(b);
      break;
    case 'zero':
      rows.push(new Array<bigint>(k).fill(0n));
      rhs.push(dv.d);
      break;
    case 'sum': {
      const j = dv.other % rows.length;
      rows.push(a.map((v, c) => v + ((rows[j] as bigint[])[c] as bigint)));
      rhs.push(b + (rhs[j] as bigint) + dv.d);
      break;
    }
  }
}

/** Random rows `A x <= b` in `k` variables, with derived degenerate/redundant rows. */
export function arbRows(k: number, maxBase: number, maxDerived: number, minBase = 0): fc.Arbitrary<{ A: bigint[][]; b: bigint[] }> {
  return fc
    .tuple(
      fc.array(fc.tuple(fc.array(small, { minLength: k, maxLength: k }), small), { minLength: minBase, maxLength: maxBase }),
      fc.array(derive, { minLength: Math.min(minBase, maxDerived), maxLength: maxDerived }),
    )
    .map(([base, ds]) => {
      const A = base.map((t) => t[0]);
      const b = base.map((t) => t[1]);
      for (const dv of ds) applyDerive(A, b, k, dv);
      return { A, b };
    });
}

/** Random systems with inequalities and (often rank-deficient) equalities in `k` variables. */
export function arbSystem(k: number, minIneq = 0): fc.Arbitrary<TestSystem> {
  return fc
    .tuple(minIneq > 0 ? arbRows(k, minIneq + 10, 8, minIneq) : arbRows(k, 7, 4), arbRows(k, 2, 2), fc.array(small, { minLength: k, maxLength: k }), fc.boolean())
    .map(([ineq, eq, z0, consistent]) => {
      // Consistent equalities most of the time: right-hand side from a point z0.
      const eqB = consistent ? eq.A.map((row) => row.reduce((s, v, c) => s + v * (z0[c] as bigint), 0n)) : eq.b;
      return { ineqA: ineq.A, ineqB: ineq.b, eqA: eq.A, eqB };
    });
}

/** Does the rational point satisfy the system (trusted checker)? */
export function satisfies(sys: MembershipSystem, z: Rat[]): boolean {
  return checkWitness(sys, z).ok;
}

/**
 * Exact brute-force feasibility for k <= 2 (equalities become two inequalities). A nonempty
 * polyhedron has a minimal face `{x : A_I x = b_I}` inside it: for rank 2 a vertex (two
 * independent rows tight), for rank 1 a whole line `a_i x = b_i` (any point of it, e.g. the one
 * nearest the origin), for rank 0 everything (the origin). So testing those candidates decides.
 */
export function bruteFeasible(sys: TestSystem, k: number): boolean {
  const rs = toRat(sys);
  const rows: bigint[][] = [...sys.ineqA, ...sys.eqA, ...sys.eqA.map((r) => r.map((v) => -v))];
  const rhs: bigint[] = [...sys.ineqB, ...sys.eqB, ...sys.eqB.map((v) => -v)];
  const cands: Rat[][] = [new Array<Rat>(k).fill(Rat.ZERO)];
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i] as bigint[];
    const n2 = a.reduce((s, v) => s + v * v, 0n);
    if (n2 !== 0n) cands.push(a.map((v) => Rat.of(v * (rhs[i] as bigint), n2)));
    if (k !== 2) continue;
    for (let j = i + 1; j < rows.length; j++) {
      const c = rows[j] as bigint[];
      const det = (a[0] as bigint) * (c[1] as bigint) - (a[1] as bigint) * (c[0] as bigint);
      if (det === 0n) continue;
      const bi = rhs[i] as bigint;
      const bj = rhs[j] as bigint;
      cands.push([Rat.of(bi * (c[1] as bigint) - (a[1] as bigint) * bj, det), Rat.of((a[0] as bigint) * bj - bi * (c[0] as bigint), det)]);
    }
  }
  if (k > 2) throw new Error('bruteFeasible: k <= 2 only');
  return cands.some((z) => satisfies(rs, z));
}

/** Check any decision-shaped result against the trusted checker. */
export function certificateOk(
  sys: TestSystem,
  d: { kind: 'witness'; z: Rat[] } | { kind: 'farkas'; lambda: { row: number; value: Rat }[]; mu: { row: number; value: Rat }[] },
): string | undefined {
  const rs = toRat(sys);
  const r = d.kind === 'witness' ? checkWitness(rs, d.z) : checkFarkas(rs, d.lambda, d.mu);
  return r.ok ? undefined : `${r.rule}: ${r.reason}`;
}

/**
 * Float oracle (javascript-lp-solver): the largest margin t in [-1, 1] with normalised rows
 * `a x + t <= b` inside a large box. Returns +1 (clearly feasible), -1 (clearly infeasible) or 0
 * (margin too small to trust, or the solver gave no answer).
 */
export function floatVerdict(A: bigint[][], b: bigint[], k: number): -1 | 0 | 1 {
  const constraints: Record<string, { max?: number; min?: number }> = { tcap: { max: 1, min: -1 } };
  const variables: Record<string, Record<string, number>> = { t: { margin: 1, tcap: 1 } };
  for (let c = 0; c < k; c++) {
    variables[`x${c}`] = { [`box${c}`]: 1 };
    constraints[`box${c}`] = { max: 1e6, min: -1e6 };
  }
  let zeroRowBad = false;
  for (let i = 0; i < A.length; i++) {
    const a = (A[i] as bigint[]).map(Number);
    const norm = Math.hypot(...a);
    if (norm === 0) {
      if ((b[i] as bigint) < 0n) zeroRowBad = true;
      continue;
    }
    constraints[`r${i}`] = { max: Number(b[i]) / norm };
    (variables['t'] as Record<string, number>)[`r${i}`] = 1;
    for (let c = 0; c < k; c++) (variables[`x${c}`] as Record<string, number>)[`r${i}`] = (a[c] as number) / norm;
  }
  if (zeroRowBad) return -1;
  const unrestricted: Record<string, 1> = { t: 1 };
  for (let c = 0; c < k; c++) unrestricted[`x${c}`] = 1;
  const res = solver.Solve({ optimize: 'margin', opType: 'max', constraints, variables, unrestricted, options: { timeout: 2000 } }) as {
    feasible?: boolean;
    result?: number;
  };
  if (res.feasible !== true || typeof res.result !== 'number' || !Number.isFinite(res.result)) return 0;
  if (res.result > 1e-3) return 1;
  if (res.result < -1e-3) return -1;
  return 0;
}
