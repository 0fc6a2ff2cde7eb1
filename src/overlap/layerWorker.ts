// layerWorker.ts: a worker thread of the layer pool: runs layer jobs sent on its port, answers on the same port.
import { type MessagePort, isMainThread, workerData } from 'node:worker_threads';
import { type LayerJob, pointsFromPairs, runLayerJob } from './layerJob.js';
import type { LayerPoolReply, LayerPoolRequest } from './layerPool.js';

/** What a layer worker is started with. */
export interface LayerWorkerData {
  /** Jobs come in and replies go out here. */
  readonly port: MessagePort;
  /** Incremented (and notified) after every reply, so that the pool can sleep in `Atomics.wait`. */
  readonly signal: Int32Array;
  /** The points as `[numerator, denominator]` pairs. */
  readonly points: [bigint, bigint][][];
}

/** The error as plain data (its class name, message, and an InputError's file and field). */
function plainError(e: unknown): NonNullable<LayerPoolReply['error']> {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const x = e as Error & { file?: unknown; field?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(typeof x.file === 'string' ? { file: x.file } : {}),
    ...(typeof x.field === 'string' ? { field: x.field } : {}),
  };
}

if (!isMainThread) {
  const { port, signal, points: pairs } = workerData as LayerWorkerData;
  const points = pointsFromPairs(pairs);
  const reply = (m: LayerPoolReply): void => {
    port.postMessage(m);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  port.on('message', (m: LayerPoolRequest) => {
    const job: LayerJob = m.job;
    try {
      const result = runLayerJob(job, points, (done, total) => reply({ id: m.id, done, total }));
      reply({ id: m.id, result });
    } catch (e) {
      reply({ id: m.id, error: plainError(e) });
    }
  });
}
