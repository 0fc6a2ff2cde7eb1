// layerPoolHost.ts: the thread that starts the layer workers and reports when one stops (its event loop stays free for that).
import { type MessagePort, Worker, isMainThread, workerData } from 'node:worker_threads';
import type { LayerWorkerData } from './layerWorker.js';

/** What the pool host is started with. */
export interface LayerPoolHostData {
  /** One port per layer worker (handed on to it). */
  readonly ports: MessagePort[];
  /** Where the host reports: `{ ready: true }` once the workers are started, `{ stopped, message }` when worker `stopped` fails or exits. */
  readonly status: MessagePort;
  readonly signal: Int32Array;
  readonly points: [bigint, bigint][][];
  readonly resourceLimits: NonNullable<ConstructorParameters<typeof Worker>[1]>['resourceLimits'];
}

/** A status message of the host. */
export interface LayerPoolStatus {
  readonly ready?: true;
  /** Index of a worker that failed or exited, and why. */
  readonly stopped?: number;
  readonly message?: string;
}

if (!isMainThread) {
  const { ports, status, signal, points, resourceLimits } = workerData as LayerPoolHostData;
  const report = (m: LayerPoolStatus): void => {
    status.postMessage(m);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  // The pool's own thread blocks in Atomics.wait and never sees a worker's 'error' or 'exit'
  // event; this thread does, and passes it on (a worker out of memory is stopped without a
  // chance to answer). The workers die with this thread when the pool terminates it.
  ports.forEach((port, i) => {
    const data: LayerWorkerData = { port, signal, points };
    const w = new Worker(new URL('./layerWorker.js', import.meta.url), { workerData: data, transferList: [port], ...(resourceLimits === undefined ? {} : { resourceLimits }) });
    let failed = false;
    w.on('error', (e) => {
      failed = true;
      report({ stopped: i, message: `${(e as NodeJS.ErrnoException).code ?? e.name}: ${e.message}` });
    });
    w.on('exit', (code) => {
      if (!failed) report({ stopped: i, message: `exited with code ${code}` });
    });
  });
  report({ ready: true });
}
