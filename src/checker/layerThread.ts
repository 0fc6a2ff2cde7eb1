// layerThread.ts: a second thread for `check`: some layers' parts computed in a fresh worker realm, waited for synchronously.
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { LayerPart } from './check.js';
import { MAX_DIGITS, MAX_LINE, MAX_LIST } from './parse.js';
import { Rejection } from './verdict.js';

/** What the layer thread sends: per layer, its part or the rejection (as plain data); `error` when it failed. */
export interface LayerThreadReply {
  readonly parts: readonly (readonly [number, LayerPart | { rule: Rejection['rule']; step: Rejection['step']; reason: string; trace?: string }])[];
  readonly error?: string;
}

const SCRIPT = new URL('./layerWorker.js', import.meta.url);

/**
 * Start the parts of `layers` on a worker thread (started without preloads or NODE_OPTIONS, like the
 * checker's own realm); returns a function that waits for them. Returns undefined when no worker can
 * run (TypeScript sources, or the worker fails to start). Layers it does not deliver (it stops at
 * its first rejection, or fails) are missing from the map, and the caller checks them itself.
 */
export function startLayerThread(bytes: Uint8Array, layers: readonly number[]): (() => Map<number, LayerPart | Rejection>) | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['NODE_OPTIONS'];
    worker = new Worker(SCRIPT, { execArgv: [], argv: [], env, workerData: { bytes, layers, port: port2, flag, limits: { maxDigits: MAX_DIGITS, maxList: MAX_LIST, maxLine: MAX_LINE } }, transferList: [port2] });
  } catch {
    port1.close();
    return undefined;
  }
  return () => {
    Atomics.wait(flag, 0, 0);
    const got = receiveMessageOnPort(port1) as { message: LayerThreadReply } | undefined;
    port1.close();
    void worker.terminate();
    const out = new Map<number, LayerPart | Rejection>();
    for (const [l, p] of got?.message.parts ?? []) out.set(l, 'groups' in p ? p : new Rejection(p.rule, p.step, p.reason, p.trace));
    return out;
  };
}
