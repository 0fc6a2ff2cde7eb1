// e2e.ts: the target of issue 3 as a benchmark: `ohc certify` then `ohc check` of D-II model 0 on its
// 1,206 analysed points, all 10 layers, default profile, as a user runs them (the built CLI, one
// process each, `--jobs 1`), against the same with `--all-pairs` (every pair decided, also those inside the
// classes carried from the layer before: the behaviour before rule `carried`) measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedDir } from './decisions.js';

const TARGET_SECONDS = 14;
const TARGET_MIB = 1024;

interface Run {
  seconds: number;
  mib: number | null;
  stdout: string;
}

/** One CLI run; peak RSS from /usr/bin/time when it is installed. */
function ohc(args: string[]): Run {
  const cli = resolve(import.meta.dirname, '..', '..', 'src', 'cli', 'ohc.js');
  const time = existsSync('/usr/bin/time');
  const cmd = time ? '/usr/bin/time' : process.execPath;
  const argv = time ? ['-f', 'maxrss %M', process.execPath, cli, ...args] : [cli, ...args];
  const t = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`ohc ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const m = /maxrss (\d+)/.exec(r.stderr);
  return { seconds, mib: m?.[1] === undefined ? null : Number(m[1]) / 1024, stdout: r.stdout };
}

const mib = (x: number | null): string => (x === null ? 'n/a' : `${x.toFixed(0)} MiB`);

const median = (xs: readonly number[]): number => {
  const a = [...xs].sort((x, y) => x - y);
  const h = Math.floor(a.length / 2);
  return a.length % 2 === 1 ? (a[h] as number) : ((a[h - 1] as number) + (a[h] as number)) / 2;
};

/**
 * Run the benchmark `runs` times (the two configurations alternating, so both see the same
 * moments of this VM, whose speed drifts); prints each run, then best and median per configuration.
 */
export async function runE2eBench(log: (s: string) => void = console.log, runs = 1): Promise<object> {
  const all: Record<string, { certify: number; check: number; total: number }[]> = {};
  let last: Record<string, unknown> = {};
  for (let r = 0; r < runs; r++) {
    last = (await runOnce(log)) as Record<string, unknown>;
    for (const name of CONFIGS.map(([n]) => n)) (all[name] ??= []).push(last[name] as { certify: number; check: number; total: number });
  }
  if (runs > 1) {
    for (const [name, xs] of Object.entries(all)) {
      const f = (k: 'certify' | 'check' | 'total'): string => `${Math.min(...xs.map((x) => x[k])).toFixed(1)} / ${median(xs.map((x) => x[k])).toFixed(1)} s`;
      const ratios = xs.map((x) => x.check / x.certify);
      log(`${name} over ${runs} runs, best / median: certify ${f('certify')}, check ${f('check')}, total ${f('total')}; check/certify median ${median(ratios).toFixed(2)}, <= 0.33 in ${ratios.filter((q) => q <= 1 / 3).length} of ${runs}; total < ${TARGET_SECONDS} s in ${xs.filter((x) => x.total < TARGET_SECONDS).length} of ${runs}`);
    }
  }
  return { runs: all, last };
}

/** The two configurations: the default, and the baseline that decides every pair. */
const CONFIGS = [
  ['default', ['--jobs', '1']],
  ['--all-pairs', ['--jobs', '1', '--all-pairs']],
] as const;

/** The `classes` records of a bundle, in order (the overlap classes of every certified layer). */
function classesOf(bundle: string): string {
  return readFileSync(bundle, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{"t":"classes"'))
    .map((l) => JSON.stringify((JSON.parse(l) as { classes: unknown }).classes))
    .join('\n');
}

async function runOnce(log: (s: string) => void): Promise<object> {
  const base = resolve(sharedDir(), 'data', 'quotienthomology', 'json');
  const inputs = ['--model', join(base, 'models', 'D-II_model_0.json'), '--data', join(base, 'data', 'D-II-test.json'), '--class', '1', '--correct'];
  const dir = mkdtempSync(join(tmpdir(), 'ohc-e2e-'));
  const out: Record<string, unknown> = {};
  const classes: string[] = [];
  try {
    for (const [name, jobs] of CONFIGS) {
      const bundle = join(dir, `${classes.length}.ohcb`);
      const c = ohc(['certify', ...inputs, '--out', bundle, '--quiet', ...jobs]);
      const k = ohc(['check', bundle]);
      if (!k.stdout.includes('s VERIFIED')) throw new Error(`check did not verify: ${k.stdout.slice(-500)}`);
      classes.push(classesOf(bundle));
      const total = c.seconds + k.seconds;
      const peak = Math.max(c.mib ?? 0, k.mib ?? 0);
      out[name] = { certify: c.seconds, check: k.seconds, total, certifyMiB: c.mib, checkMiB: k.mib, bytes: statSync(bundle).size };
      log(`${name}: certify ${c.seconds.toFixed(1)} s (${mib(c.mib)}) + check ${k.seconds.toFixed(1)} s (${mib(k.mib)}) = ${total.toFixed(1)} s; bundle ${(statSync(bundle).size / 1048576).toFixed(1)} MiB`);
      log(`  targets: total < ${TARGET_SECONDS} s ${total < TARGET_SECONDS ? 'met' : 'NOT met'}; check/certify ${(k.seconds / c.seconds).toFixed(2)} <= 0.33 ${k.seconds <= c.seconds / 3 ? 'met' : 'NOT met'}; peak ${mib(peak)} < ${TARGET_MIB} MiB ${peak < TARGET_MIB ? 'met' : 'NOT met'}`);
    }
    const one = out['default'] as { total: number };
    const two = out['--all-pairs'] as { total: number };
    log(`default against --all-pairs: ${(two.total / one.total).toFixed(2)}x faster; classes identical: ${classes[0] === classes[1]}`);
    out['identical'] = classes[0] === classes[1];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
