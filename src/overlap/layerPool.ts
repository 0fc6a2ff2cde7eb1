// layerPool.ts: layer jobs decided on worker threads while the calling thread waits synchronously.
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { Rat } from '../checker/rational.js';
import { InputError } from '../io/inputError.js';
import { type LayerJob, type LayerJobResult, pointsToPairs } from './layerJob.js';
import type { LayerPoolHostData, LayerPoolStatus } from './layerPoolHost.js';

/**
 * True when the compiled worker scripts sit next to this module (running from `dist/`). From the
 * TypeScript sources (vitest) a plain Node worker cannot load them, and layers are decided in the
 * calling thread.
 */
export const LAYER_POOL_AVAILABLE = import.meta.url.endsWith('.js');

/** A job sent to a layer worker. */
export interface LayerPoolRequest {
  readonly id: number;
  readonly job: LayerJob;
}

/** A layer worker's reply: progress (`done`, `total`), the `result`, or the `error` the job threw. */
export interface LayerPoolReply {
  readonly id: number;
  readonly done?: number;
  readonly total?: number;
  readonly result?: LayerJobResult;
  readonly error?: { name: string; message: string; file?: string; field?: string };
}

/** Callbacks of {@link runLayerPool}, called in the calling thread. */
export interface LayerPoolHandlers {
  /** Decisions of job `index` so far, of `total`. */
  readonly progress?: (index: number, done: number, total: number) => void;
  /**
   * Job `index` is complete (in order of completion). It may return more jobs: they are queued
   * behind the others and numbered on from the last index.
   */
  readonly result: (index: number, result: LayerJobResult) => readonly LayerJob[] | void;
}

/**
 * V8 limits of each layer worker: a young generation larger than V8's default (the decisions
 * allocate many short-lived bigints, and fewer scavenges promote fewer of them).
 */
export const LAYER_WORKER_LIMITS = { maxYoungGenerationSizeMb: 64 } as const;

/** How long the pool waits for its threads to start before giving up (ms). */
const START_TIMEOUT_MS = 120_000;

/** The error a worker reported, rebuilt as the same class where it is a known one. */
function rebuiltError(e: NonNullable<LayerPoolReply['error']>): Error {
  let err: Error;
  if (e.name === 'InputError' && e.file !== undefined && e.field !== undefined) {
    err = new InputError(e.file, e.field, '');
    err.message = e.message;
  } else if (e.name === 'RangeError') err = new RangeError(e.message);
  else if (e.name === 'TypeError') err = new TypeError(e.message);
  else {
    err = new Error(e.message);
    err.name = e.name;
  }
  return err;
}

/**
 * Run `jobs` on `workers` worker threads (each job on one thread, dispatched in `order`, e.g.
 * largest first; jobs returned by `handlers.result` after them) and return when all are complete. The calling thread blocks (`Atomics.wait`),
 * taking the workers' replies with `receiveMessageOnPort` and calling `handlers` as they come. A
 * job that throws rethrows its error here (InputError, RangeError, TypeError keep their class);
 * a worker that stops (e.g. out of memory) gives an Error. The threads are terminated on return
 * or throw, and die with the calling thread if it is terminated.
 */
export function runLayerPool(initial: readonly LayerJob[], points: readonly (readonly Rat[])[], workers: number, order: readonly number[], handlers: LayerPoolHandlers): void {
  if (initial.length === 0) return;
  const jobs = [...initial];
  const n = Math.max(1, Math.min(workers, jobs.length));
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const channels = Array.from({ length: n }, () => new MessageChannel());
  const status = new MessageChannel();
  const data: LayerPoolHostData = { ports: channels.map((c) => c.port2), status: status.port2, signal, points: pointsToPairs(points), resourceLimits: LAYER_WORKER_LIMITS };
  const host = new Worker(new URL('./layerPoolHost.js', import.meta.url), { workerData: data, transferList: [...channels.map((c) => c.port2), status.port2] });
  host.unref();
  const ports: MessagePort[] = channels.map((c) => c.port1);
  try {
    const queue = [...order];
    const busy = new Array<number>(n).fill(-1);
    const send = (w: number): void => {
      const id = queue.shift();
      if (id === undefined) return;
      const job = jobs[id];
      if (job === undefined) throw new RangeError(`internal: no layer job ${id}`);
      busy[w] = id;
      (ports[w] as MessagePort).postMessage({ id, job } satisfies LayerPoolRequest);
    };
    for (let w = 0; w < n; w++) send(w);
    let left = jobs.length;
    let ready = false;
    const t0 = Date.now();
    while (left > 0) {
      const seen = Atomics.load(signal, 0);
      let got = false;
      for (let w = 0; w < n; w++) {
        for (let m = receiveMessageOnPort(ports[w] as MessagePort); m !== undefined; m = receiveMessageOnPort(ports[w] as MessagePort)) {
          got = true;
          const r = m.message as LayerPoolReply;
          if (r.error !== undefined) throw rebuiltError(r.error);
          if (r.result !== undefined) {
            const more = handlers.result(r.id, r.result) ?? [];
            left += more.length - 1;
            for (const job of more) queue.push(jobs.push(job) - 1);
            busy[w] = -1;
            for (let v = 0; v < n; v++) if (busy[v] === -1) send(v);
          } else if (r.done !== undefined && r.total !== undefined) handlers.progress?.(r.id, r.done, r.total);
        }
      }
      for (let m = receiveMessageOnPort(status.port1); m !== undefined; m = receiveMessageOnPort(status.port1)) {
        got = true;
        const s = m.message as LayerPoolStatus;
        if (s.ready === true) ready = true;
        if (s.stopped !== undefined) {
          const id = busy[s.stopped] ?? -1;
          throw new Error(`a layer worker stopped${id >= 0 ? ` deciding layer ${jobs[id]?.layer.layer}` : ''}: ${s.message ?? 'unknown reason'}`);
        }
      }
      if (got) continue;
      if (!ready && Date.now() - t0 > START_TIMEOUT_MS) throw new Error('the layer workers did not start');
      Atomics.wait(signal, 0, seen, ready ? undefined : 1000);
    }
  } finally {
    for (const p of ports) p.close();
    status.port1.close();
    void host.terminate();
  }
}
