// layerWorker.ts: the entry of the layer thread: walk the bundle's layers and send back the parts of the given ones.
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { LayerThreadReply } from './layerThread.js';

const { bytes, layers, port, flag, limits } = workerData as { bytes: Uint8Array; layers: number[]; port: MessagePort; flag: Int32Array; limits: { maxDigits: number; maxList: number; maxLine: number } };
let reply: LayerThreadReply = { parts: [] };
try {
  // imported here, so that a failure to load still raises the flag below
  const { parseLine, walkLayers } = await import('./check.js');
  const { parseHeader } = await import('./header.js');
  const { Rejection } = await import('./verdict.js');
  (await import('./parse.js')).setBundleLimits(limits);
  const lines: Uint8Array[] = [];
  for (let s = 0, i = bytes.indexOf(10); i >= 0; s = i + 1, i = bytes.indexOf(10, s)) lines.push(bytes.subarray(s, i));
  const h = parseHeader(parseLine(lines[0] as Uint8Array, { line: 1 }));
  const walk = walkLayers(lines, h, new Set(layers), Math.max(...layers));
  reply = {
    parts: [...walk.parts].map(([l, p]) => [l, p instanceof Rejection ? { rule: p.rule, step: p.step, reason: p.reason, ...(p.trace === undefined ? {} : { trace: p.trace }) } : p]),
  };
} catch (e) {
  reply = { parts: [], error: e instanceof Error ? e.message : String(e) };
} finally {
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
