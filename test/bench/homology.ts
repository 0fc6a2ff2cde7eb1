// homology.ts: benchmark of certified Betti numbers (computeBetti) against Debian's `ripser` on the same flag complexes:
// the D-II knn-rips complex (k = 19, eps = 2.5) of D-II model 0's 1,206 analysed points, its cone and metric quotients
// by the model's real overlap classes and by 100 random classes of 5 points. Both run in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Rat } from '../../src/checker/rational.js';
import type { Field } from '../../src/homology/computeBetti.js';
import { computeBetti } from '../../src/homology/computeBetti.js';
import type { Graph } from '../../src/homology/graph.js';
import { hopGraph } from '../../src/homology/hopGraph.js';
import { knnGraph } from '../../src/homology/knnGraph.js';
import { coneQuotient, metricQuotient } from '../../src/homology/quotient.js';
import { loadDataset } from '../../src/io/loadData.js';
import { loadModel } from '../../src/io/loadModel.js';
import { profilePoints } from '../../src/net/profile.js';
import { selectPoints } from '../../src/net/select.js';
import { overlapDecomposition } from '../../src/overlap/overlapDecomposition.js';
import { peakRssMiB, sharedDir } from './decisions.js';
import { prng } from './prng.js';

const RIPSER = process.env['OHC_RIPSER'] ?? '/usr/bin/ripser';
/** ripser runs longer than this are stopped and shown as "> limit". */
const RIPSER_TIMEOUT_S = 120;

/** ripser on the graph's flag complex (distance 1 on edges, 2 otherwise, threshold 1): Betti numbers, seconds, peak MiB. */
function ripser(g: Graph, maxDim: number): { betti: number[]; seconds: number; textSeconds: number; mib: number } {
  let t = performance.now();
  const vs = g.vertices();
  const lines: string[] = [];
  for (let i = 1; i < vs.length; i++) {
    const row = new Array<string>(i);
    for (let j = 0; j < i; j++) row[j] = g.hasEdge(vs[i]!, vs[j]!) ? '1' : '2';
    lines.push(row.join(','));
  }
  const text = `${lines.join('\n')}\n`;
  const textSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const args = ['-f', 'maxrss %M', RIPSER, '--format', 'lower-distance', '--threshold', '1', '--dim', String(maxDim)];
  const r = spawnSync('/usr/bin/time', args, { input: text, encoding: 'utf8', maxBuffer: 1 << 28, timeout: RIPSER_TIMEOUT_S * 1000 });
  const seconds = (performance.now() - t) / 1000;
  if (r.error !== undefined || r.signal !== null) return { betti: [], seconds: Infinity, textSeconds, mib: NaN };
  if (r.status !== 0) throw new Error(`ripser failed (${r.status}): ${r.stderr}`);
  const betti = new Array<number>(maxDim + 1).fill(0);
  let dim = -1;
  for (const line of r.stdout.split('\n')) {
    const head = /^persistence intervals in dim ([0-9]+):$/.exec(line);
    if (head !== null) dim = Number(head[1]);
    else if (dim >= 0 && /^ \[[0-9.e+-]+, \)$/.test(line)) betti[dim]!++;
  }
  const kb = /maxrss (\d+)/.exec(r.stderr);
  return { betti, seconds, textSeconds, mib: kb?.[1] === undefined ? NaN : Number(kb[1]) / 1024 };
}

/** Run the homology benchmark; prints a table and returns the figures. */
export async function runHomologyBench(log: (s: string) => void = console.log): Promise<object> {
  const maxDim = 2;
  const base = resolve(sharedDir(), 'data', 'quotienthomology', 'json');
  const net = loadModel(resolve(base, 'models', 'D-II_model_0.json'));
  const data = loadDataset(resolve(base, 'data', 'D-II-test.json'));
  const profile = 'reference' as const;
  const sel = selectPoints(net, data, { class: 1, correct: true, profile });
  const all = profilePoints(data.points, profile);
  const points = sel.map((i) => all[i]!);
  let t = performance.now();
  const knn = knnGraph(points, 19);
  const g = hopGraph(knn.graph, Rat.parse('5/2'));
  log(`D-II model 0, ${points.length} analysed points (class 1, correct, profile ${profile}); knn-rips k=19 eps=2.5: ${g.edgeCount} edges, built in ${((performance.now() - t) / 1000).toFixed(2)} s`);

  const eps = Rat.parse('5/2');
  const n = points.length;
  const targets: { name: string; graph: Graph }[] = [{ name: 'K', graph: g }];
  const quotients = (label: string, classes: readonly (readonly number[])[]): void => {
    for (const [q, c] of [['cone', coneQuotient({ kind: 'flag', graph: g }, n, classes)], ['metric', metricQuotient(knn.graph, eps, classes)]] as const) {
      if (c.kind !== 'flag') throw new Error('expected a flag quotient');
      targets.push({ name: `${q} ${label}`, graph: c.graph });
    }
  };
  t = performance.now();
  const layers = overlapDecomposition(net, points, { profile, layers: net.layers.map((_, i) => i + 1), sensitivity: Rat.parse('1') });
  log(`overlap classes of all ${layers.length} layers in ${((performance.now() - t) / 1000).toFixed(2)} s: ${layers.map((l) => l.classes.length).join(' ')}`);
  const seen = new Set<string>();
  for (const l of layers) {
    const key = JSON.stringify(l.classes);
    if (l.classes.length === 0 || seen.has(key)) continue;
    seen.add(key);
    quotients(`L${l.layer} (${l.classes.length} cl, ${l.gluedPoints} pts)`, l.classes);
  }
  const rnd = prng(20261129);
  const perm = points.map((_, i) => i);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const random = Array.from({ length: 100 }, (_, c) => perm.slice(5 * c, 5 * c + 5).sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
  quotients('100 random classes of 5', random);

  const haveRipser = existsSync(RIPSER) && existsSync('/usr/bin/time');
  if (!haveRipser) log(`(${RIPSER} or /usr/bin/time not installed: no ripser baseline)`);
  log('target                               vertices   edges → reduced  n2    n3   betti(gf2)  ours s (collapse+enum+reduce, json)  cert KiB  q s     ripser s  ratio  ripser MiB');
  const rows: object[] = [];
  let worst = 0;
  let mismatches = 0;
  for (const { name, graph } of targets) {
    const run = (field: Field): { seconds: number; res: ReturnType<typeof computeBetti>; bytes: number; json: number } => {
      const t0 = performance.now();
      const res = computeBetti({ kind: 'flag', graph }, field, maxDim, { layer: 0, quotient: 'none' });
      const t1 = performance.now();
      const bytes = res.records.reduce((acc, r) => acc + JSON.stringify(r).length + 1, 0);
      const t2 = performance.now();
      return { seconds: (t2 - t0) / 1000, res, bytes, json: (t2 - t1) / 1000 };
    };
    const gf2 = run('gf2');
    const q = run('q');
    if (q.res.betti.join() !== gf2.res.betti.join()) log(`  note: ${name}: Q ${q.res.betti} differs from GF(2) ${gf2.res.betti}`);
    const s = gf2.res.stats;
    const rip = haveRipser ? ripser(graph, maxDim) : null;
    const ratio = rip === null ? NaN : gf2.seconds / rip.seconds; // 0 when ripser timed out
    if (rip !== null) worst = Math.max(worst, ratio);
    const agree = rip === null || rip.seconds === Infinity || rip.betti.join() === gf2.res.betti.join();
    const ms = (x: number | undefined): string => ((x ?? 0) / 1000).toFixed(2);
    log(
      `${name.padEnd(36)} ${String(s['vertices']).padStart(8)} ${String(s['edges']).padStart(7)} → ${`${s['reducedVertices']}/${s['reducedEdges']}`.padEnd(9)} ${String(s['n2']).padStart(4)} ${String(s['n3']).padStart(5)}  ${`(${gf2.res.betti.join(', ')})`.padEnd(11)} ${gf2.seconds.toFixed(2).padStart(6)} (${ms(s['collapseMs'])}+${ms(s['enumerateMs'])}+${ms(s['reduceMs'])}, ${gf2.json.toFixed(2)})`.padEnd(
        134,
      ) + ` ${(gf2.bytes / 1024).toFixed(0).padStart(8)}  ${q.seconds.toFixed(2).padStart(5)}  ${rip === null ? '-' : rip.seconds === Infinity ? `>${RIPSER_TIMEOUT_S}`.padStart(8) : rip.seconds.toFixed(2).padStart(8)}  ${rip === null ? '-' : ratio.toFixed(2).padStart(5)}  ${rip === null ? '-' : rip.mib.toFixed(0).padStart(6)}${agree ? '' : `  MISMATCH ripser (${rip?.betti.join(', ')})`}`,
    );
    rows.push({ name, stats: s, betti: gf2.res.betti, seconds: gf2.seconds, qSeconds: q.seconds, certBytes: gf2.bytes, ripser: rip, ratio, agree });
    if (!agree) mismatches++;
  }
  const peak = await peakRssMiB();
  log(`peak RSS ${peak.toFixed(0)} MiB (ours, whole run); worst ratio ours/ripser ${worst.toFixed(2)} (target ≤ 1); ${mismatches} Betti mismatches with ripser`);
  return { rows, peakRssMiB: peak, worstRatio: worst, mismatches };
}
