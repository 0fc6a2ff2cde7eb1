// defaultJobs.ts: how many threads `ohc certify` and `ohc check` use by default: one per two cores.
import { availableParallelism } from 'node:os';

/**
 * The default of `--jobs`: one thread per two available cores, at least 1. A one-thread run of
 * these bigint-heavy verbs already keeps a second core busy with garbage collection: on the
 * 2-core machine of issue 3, `--jobs 2` was slower than `--jobs 1` for both certify (13.7-14.1 s
 * against 13.3-13.5 s, twice the memory) and check (6.0-6.2 s against 5.8-5.9 s) on D-II model 0.
 */
export function defaultJobs(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}
