// lp.ts: benchmark of the exact LP core on a generic family of small LPs (3 variables, 45
// inequalities, 15 equalities of rank 1-3, float32 data made exact), with an in-run cddlib
// (GMP rational) baseline when gcc and libcdd-dev are available.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decideSystem, type DecisionPath, type IntSystem } from '../../src/decide/membershipCore.js';
import { feasible } from '../../src/lp/feasible.js';
import { float64ToDyadic } from '../../src/numbers/ratFromFloat64.js';
import { prng } from './prng.js';


/** An exact dyadic rational `m * 2^e`. */
interface Dyadic {
  m: bigint;
  e: number;
}


const dmul = (a: Dyadic, b: Dyadic): Dyadic => ({ m: a.m * b.m, e: a.e + b.e });
function dadd(a: Dyadic, b: Dyadic): Dyadic {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  return a.e <= b.e ? { m: a.m + (b.m << BigInt(b.e - a.e)), e: a.e } : { m: b.m + (a.m << BigInt(a.e - b.e)), e: b.e };
}

/** Scale a row of dyadics (coefficients then right-hand side) to integers by one power of 2. */
function toIntegers(row: Dyadic[]): bigint[] {
  let emin = Infinity;
  for (const d of row) if (d.m !== 0n && d.e < emin) emin = d.e;
  if (emin === Infinity) emin = 0;
  return row.map((d) => (d.m === 0n ? 0n : d.m << BigInt(d.e - emin)));
}

/** One benchmark instance and the kind of equality block it was built with. */
interface Instance {
  sys: IntSystem;
  kind: 'rank1' | 'rank2' | 'rank3' | 'inconsistent';
}

/** Generate the family: float32 data, exact dyadic conversion, integer rows. */
export function generateInstances(count: number, seed = 1): Instance[] {
  const rnd = prng(seed);
  const f32 = (): number => Math.fround((2 * rnd() - 1) * 2 ** (Math.floor(rnd() * 13) - 6));
  const vec = (): number[] => [f32(), f32(), f32()];
  const out: Instance[] = [];
  for (let n = 0; n < count; n++) {
    const u = rnd();
    const kind: Instance['kind'] = u < 0.45 ? 'rank1' : u < 0.85 ? 'rank2' : u < 0.95 ? 'rank3' : 'inconsistent';
    const r = kind === 'rank1' ? 1 : kind === 'rank3' ? 3 : 2;
    const dirs = Array.from({ length: r }, () => vec().map(float64ToDyadic));
    const z0f = vec();
    const z0 = z0f.map(float64ToDyadic);
    const eqA: bigint[][] = [];
    const eqB: bigint[] = [];
    for (let i = 0; i < 15; i++) {
      let row: Dyadic[] = [{ m: 0n, e: 0 }, { m: 0n, e: 0 }, { m: 0n, e: 0 }];
      for (const d of dirs) {
        const c = float64ToDyadic(f32());
        row = row.map((x, j) => dadd(x, dmul(c, d[j] as Dyadic)));
      }
      let rhs: Dyadic = { m: 0n, e: 0 };
      for (let j = 0; j < 3; j++) rhs = dadd(rhs, dmul(row[j] as Dyadic, z0[j] as Dyadic));
      if (kind === 'inconsistent' && i === 14) rhs = dadd(rhs, { m: 1n, e: -4 });
      const ints = toIntegers([...row, rhs]);
      eqA.push(ints.slice(0, 3));
      eqB.push(ints[3] as bigint);
    }
    const ineqA: bigint[][] = [];
    const ineqB: bigint[] = [];
    for (let i = 0; i < 45; i++) {
      const a = vec();
      const slack = Math.fround((rnd() - 0.02) * 2 ** (Math.floor(rnd() * 5) - 2));
      const b = Math.fround(a[0]! * z0f[0]! + a[1]! * z0f[1]! + a[2]! * z0f[2]! + slack);
      const ints = toIntegers([...a, b].map(float64ToDyadic));
      ineqA.push(ints.slice(0, 3));
      ineqB.push(ints[3] as bigint);
    }
    out.push({ sys: { ineqA, ineqB, eqA, eqB }, kind });
  }
  return out;
}

/**
 * A second, workload-like family: 3 variables, 150 inequalities of `bits`-bit integers, 15
 * equalities of rank 1-3 (random integer combinations of 1-3 directions), rows near a point.
 */
export function generateLargeInstances(count: number, bits: number, seed = 2): Instance[] {
  const rnd = prng(seed);
  const big = (nbits: number): bigint => {
    let v = 0n;
    for (let i = 0; i < nbits; i += 30) v = (v << 30n) | BigInt(Math.floor(rnd() * 2 ** 30));
    v >>= BigInt(Math.max(0, Math.ceil(nbits / 30) * 30 - nbits));
    return rnd() < 0.5 ? -v : v;
  };
  const out: Instance[] = [];
  for (let n = 0; n < count; n++) {
    const u = rnd();
    const kind: Instance['kind'] = u < 0.45 ? 'rank1' : u < 0.85 ? 'rank2' : u < 0.95 ? 'rank3' : 'inconsistent';
    const r = kind === 'rank1' ? 1 : kind === 'rank3' ? 3 : 2;
    const z = [big(8), big(8), big(8)];
    const dirs = Array.from({ length: r }, () => [big(bits / 2), big(bits / 2), big(bits / 2)]);
    const eqA = Array.from({ length: 15 }, () => {
      const cf = dirs.map(() => big(bits / 2));
      return [0, 1, 2].map((j) => dirs.reduce((acc, d, t) => acc + (cf[t] as bigint) * (d[j] as bigint), 0n));
    });
    const eqB = eqA.map((row, i) => row.reduce((acc, v, c) => acc + v * (z[c] as bigint), 0n) + (kind === 'inconsistent' && i === 14 ? 1n : 0n));
    const ineqA: bigint[][] = [];
    const ineqB: bigint[] = [];
    for (let i = 0; i < 150; i++) {
      const a = [big(bits), big(bits), big(bits)];
      const slack = BigInt(Math.floor((rnd() - 0.01) * 1000)) << BigInt(bits - 6);
      ineqA.push(a);
      ineqB.push(a.reduce((acc, v, c) => acc + v * (z[c] as bigint), 0n) + slack);
    }
    out.push({ sys: { ineqA, ineqB, eqA, eqB }, kind });
  }
  return out;
}

/**
 * Items per second of `fn` over all items: a warm-up pass, then `rounds` timed rounds of at
 * least `minMs` each; the best round is reported (the machine may be shared; the cddlib baseline
 * gets the same best-of treatment).
 */
function rate<T>(items: readonly T[], fn: (x: T) => void, minMs: number, rounds = 3): number {
  for (const x of items) fn(x);
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let done = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < minMs) {
      for (const x of items) fn(x);
      done += items.length;
      t = performance.now();
    }
    best = Math.max(best, (done * 1000) / (t - t0));
  }
  return best;
}

const CDD_SOURCE = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <gmp.h>
#include "setoper.h"
#include "cdd.h"
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1], "r");
  int N;
  if (fscanf(f, "%d", &N) != 1) return 2;
  dd_set_global_constants();
  dd_MatrixPtr *Ms = malloc(sizeof(dd_MatrixPtr) * N);
  static char buf[1 << 16];
  for (int t = 0; t < N; t++) {
    int m, p, k;
    if (fscanf(f, "%d %d %d", &m, &p, &k) != 3) return 2;
    dd_MatrixPtr M = dd_CreateMatrix(m + p, k + 1);
    M->representation = dd_Inequality;
    M->numbtype = dd_Rational;
    for (int i = 0; i < m + p; i++) {
      for (int j = 0; j <= k; j++) {
        if (fscanf(f, "%65535s", buf) != 1) return 2;
        mpq_set_str(M->matrix[i][j], buf, 10);
        if (j > 0) mpq_neg(M->matrix[i][j], M->matrix[i][j]);
      }
      if (i >= m) set_addelem(M->linset, i + 1);
    }
    M->objective = dd_LPmax;
    Ms[t] = M;
  }
  char *verdict = malloc(N + 1);
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (int t = 0; t < N; t++) {
    dd_ErrorType err = dd_NoError;
    dd_LPPtr lp = dd_Matrix2LP(Ms[t], &err);
    dd_LPSolve(lp, dd_DualSimplex, &err);
    verdict[t] = err != dd_NoError ? 'E' : lp->LPS == dd_Optimal ? '1' : (lp->LPS == dd_Inconsistent || lp->LPS == dd_StrucInconsistent) ? '0' : '?';
    dd_FreeLPData(lp);
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  verdict[N] = 0;
  printf("%.6f\n%s\n", (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9, verdict);
  return 0;
}
`;

/** Solve the instances with cddlib (GMP rationals); undefined when gcc/cddlib are unavailable. */
function cddBaseline(instances: readonly Instance[]): { lpPerSec: number; verdicts: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'lpbench-'));
  try {
    writeFileSync(join(dir, 'base.c'), CDD_SOURCE);
    try {
      execFileSync('gcc', ['-O2', '-DGMPRATIONAL', '-I/usr/include/cddlib', '-I/usr/include/cdd', '-o', join(dir, 'base'), join(dir, 'base.c'), '-lcddgmp', '-lgmp'], {
        stdio: 'pipe',
      });
    } catch {
      return undefined;
    }
    const lines: string[] = [String(instances.length)];
    for (const { sys } of instances) {
      lines.push(`${sys.ineqA.length} ${sys.eqA.length} 3`);
      sys.ineqA.forEach((a, i) => lines.push([sys.ineqB[i] as bigint, ...a].join(' ')));
      sys.eqA.forEach((a, i) => lines.push([sys.eqB[i] as bigint, ...a].join(' ')));
    }
    writeFileSync(join(dir, 'lps.txt'), lines.join('\n') + '\n');
    let secs = Infinity;
    let verdicts = '';
    for (let r = 0; r < 3; r++) {
      const out = execFileSync(join(dir, 'base'), [join(dir, 'lps.txt')], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n');
      secs = Math.min(secs, Number(out[0]));
      verdicts = out[1] ?? '';
    }
    return { lpPerSec: instances.length / secs, verdicts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run the benchmark, print a summary and return the figures. */
export async function runLpBench(opts: { count?: number; minMs?: number } = {}): Promise<object> {
  const count = opts.count ?? 2000;
  const minMs = opts.minMs ?? 1000;
  const instances = generateInstances(count);
  let maxBits = 0;
  for (const { sys } of instances) {
    for (const v of [...sys.ineqA.flat(), ...sys.eqA.flat()]) maxBits = Math.max(maxBits, (v < 0n ? -v : v).toString(2).length);
  }

  const paths: Partial<Record<DecisionPath, number>> = {};
  let feasibleCount = 0;
  const ours: string[] = [];
  for (const { sys } of instances) {
    const d = decideSystem(sys);
    paths[d.path] = (paths[d.path] ?? 0) + 1;
    if (d.kind === 'witness') feasibleCount++;
    ours.push(d.kind === 'witness' ? '1' : '0');
  }
  const decideRate = rate(instances, ({ sys }) => void decideSystem(sys), minMs);
  const decideWithRatsRate = rate(
    instances,
    ({ sys }) => {
      const d = decideSystem(sys);
      if (d.kind === 'witness') void d.z;
    },
    minMs,
  );
  const ineqOnly = instances.map(({ sys }) => sys);
  let feasibleOnlyYes = 0;
  for (const s of ineqOnly) if (feasible(s.ineqA, s.ineqB).kind === 'feasible') feasibleOnlyYes++;
  const feasibleRate = rate(ineqOnly, (s) => void feasible(s.ineqA, s.ineqB), minMs);

  const cdd = cddBaseline(instances);
  let agree: number | undefined;
  if (cdd !== undefined) {
    agree = 0;
    for (let i = 0; i < count; i++) if (cdd.verdicts[i] === ours[i]) agree++;
  }
  const large: Record<string, object> = {};
  for (const bits of [100, 400]) {
    const inst = generateLargeInstances(200, bits);
    const lp: Partial<Record<DecisionPath, number>> = {};
    let yes = 0;
    for (const { sys } of inst) {
      const d = decideSystem(sys);
      lp[d.path] = (lp[d.path] ?? 0) + 1;
      if (d.kind === 'witness') yes++;
    }
    const r = rate(inst, ({ sys }) => void decideSystem(sys), minMs);
    const c = cddBaseline(inst);
    large[`bits${bits}`] = {
      feasibleShare: yes / inst.length,
      decideSystemPerSec: Math.round(r),
      pathShare: Object.fromEntries(Object.entries(lp).map(([k, v]) => [k, Number((v / inst.length).toFixed(3))])),
      cddlibLpPerSec: c === undefined ? null : Math.round(c.lpPerSec),
      ratioVsCddlib: c === undefined ? null : Number((r / c.lpPerSec).toFixed(2)),
    };
  }
  const mem = process.memoryUsage();
  const result = {
    instances: count,
    maxEntryBits: maxBits,
    feasibleShare: feasibleCount / count,
    decideSystemPerSec: Math.round(decideRate),
    decideSystemWithRationalWitnessPerSec: Math.round(decideWithRatsRate),
    feasibleIneqOnlyPerSec: Math.round(feasibleRate),
    feasibleIneqOnlyShare: feasibleOnlyYes / count,
    pathShare: Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, Number((v / count).toFixed(3))])),
    peakRssMiB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    rssMiB: Number((mem.rss / 2 ** 20).toFixed(1)),
    cddlibLpPerSec: cdd === undefined ? null : Math.round(cdd.lpPerSec),
    ratioVsCddlib: cdd === undefined ? null : Number((decideRate / cdd.lpPerSec).toFixed(2)),
    verdictAgreementWithCddlib: agree === undefined ? null : `${agree}/${count}`,
    workloadLike150Rows: large,
  };
  console.log(JSON.stringify(result, null, 2));
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runLpBench();
}
