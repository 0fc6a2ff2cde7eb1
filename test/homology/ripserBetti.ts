// ripserBetti.ts: Betti numbers of a flag complex from Debian's `ripser` command (a reference for tests).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Graph } from '../../src/homology/graph.js';

/** The ripser binary (Debian package `ripser`). */
export const RIPSER = process.env['OHC_RIPSER'] ?? '/usr/bin/ripser';
/** True when ripser is installed. */
export const HAVE_RIPSER = existsSync(RIPSER);
/** Set OHC_REQUIRE_TOOLS=1 (CI) to fail instead of skipping when ripser is absent. */
export const REQUIRE_TOOLS = process.env['OHC_REQUIRE_TOOLS'] === '1';

/** Whether ripser tests run: true when installed; throws when absent but required. */
export function ripserAvailable(): boolean {
  if (!HAVE_RIPSER && REQUIRE_TOOLS) throw new Error(`OHC_REQUIRE_TOOLS=1 but ${RIPSER} is not installed`);
  return HAVE_RIPSER;
}

/** The lower-triangular distance matrix of a graph's present vertices: 1 for edges, 2 otherwise. */
export function lowerDistanceText(g: Graph): string {
  const vs = g.vertices();
  const lines: string[] = [];
  for (let i = 1; i < vs.length; i++) {
    const row = new Array<string>(i);
    for (let j = 0; j < i; j++) row[j] = g.hasEdge(vs[i]!, vs[j]!) ? '1' : '2';
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Betti numbers b_0..b_maxDim over GF(2) (or Z/p with `modulus`, via ripser-coeff) of the flag
 * complex of `g`: ripser at threshold 1 on the distance matrix of {@link lowerDistanceText}; b_k
 * is the number of dimension-k intervals `[b, )` with b ≤ 1 (still alive at 1). Note: this
 * ripser build does not read lower-distance by default, so the format is passed explicitly.
 */
export function ripserBetti(g: Graph, maxDim: number, modulus?: number): number[] {
  const n = g.vertices().length;
  if (n === 0) return new Array<number>(maxDim + 1).fill(0);
  if (n === 1) return [1, ...new Array<number>(maxDim).fill(0)];
  const bin = modulus === undefined ? RIPSER : `${RIPSER}-coeff`;
  const args = ['--format', 'lower-distance', '--threshold', '1', '--dim', String(maxDim)];
  if (modulus !== undefined) args.push('--modulus', String(modulus));
  const r = spawnSync(bin, args, { input: lowerDistanceText(g), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`ripser failed (${r.status}): ${r.stderr}`);
  const betti = new Array<number>(maxDim + 1).fill(0);
  let dim = -1;
  for (const line of r.stdout.split('\n')) {
    const head = /^persistence intervals in dim ([0-9]+):$/.exec(line);
    if (head !== null) {
      dim = Number(head[1]);
      continue;
    }
    const bar = /^ \[([0-9.e+-]+),([0-9.e+-]*| )\)$/.exec(line);
    if (bar === null || dim < 0) continue;
    if (bar[2] === ' ' && Number(bar[1]) <= 1) betti[dim]!++;
  }
  return betti;
}
