// checkWorker.ts: the worker-thread entry of `checkInFreshRealm`: runs `ohc check` in a fresh realm.
// Started with `execArgv: []` (no preloads); sends back only the printed lines and the exit code,
// then raises the shared flag the waiting thread blocks on. Every path out raises the flag.
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

/** What the waiting thread receives: the lines in print order (1 stdout, 2 stderr) and the exit code. */
export interface CheckWorkerReply {
  readonly code: number;
  readonly lines: [1 | 2, string][];
}

const { args, port, flag } = workerData as { args: string[]; port: MessagePort; flag: SharedArrayBuffer };
const lines: [1 | 2, string][] = [];
let code = 2;
let sent = false;

function send(): void {
  if (sent) return;
  sent = true;
  try {
    port.postMessage({ code, lines } satisfies CheckWorkerReply);
  } finally {
    const f = new Int32Array(flag);
    Atomics.store(f, 0, 1);
    Atomics.notify(f, 0);
  }
}

process.on('exit', () => {
  if (!sent) lines.push([2, 'ohc check: the checker stopped before giving a verdict']);
  code = sent ? code : 2;
  send();
});

try {
  // Imported here, not statically, so that even a failure to load the checker raises the flag.
  const { checkInRealm } = await import('./checkInRealm.js');
  code = checkInRealm(
    args,
    (s) => lines.push([1, s]),
    (s) => lines.push([2, s]),
  );
} catch (e) {
  code = 2;
  lines.push([2, `ohc check: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`]);
} finally {
  send();
}
