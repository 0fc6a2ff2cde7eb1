// defaultJobs.ts: how many worker threads `ohc certify` uses by default: one per two cores.
import { availableParallelism } from 'node:os';

/**
 * The default of `--jobs`: one thread per two available cores, at least 1. A one-thread run of
 * this bigint-heavy verb already keeps a second core busy with garbage collection: on the 2-core
 * machine of issue 3, `--jobs 2` was slower than `--jobs 1` on D-II model 0 (13.7-14.1 s against
 * 13.3-13.5 s, at twice the memory).
 */
export function defaultJobs(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}
