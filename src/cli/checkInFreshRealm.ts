// checkInFreshRealm.ts: run `ohc check` in a worker thread whose built-ins no earlier code could tamper with.
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { LIMIT_OPTION, type LimitName, type ResourceLimits } from '../io/limits.js';
import type { CheckWorkerReply } from './checkWorker.js';

/** The outcome of one `ohc check` run. */
export interface CheckRun {
  /** 0 VERIFIED, 1 REJECTED, 2 usage error, unreadable input, or the checker could not run. */
  readonly code: number;
  /** `VERIFIED` (code 0), `REJECTED` (code 1) or `ERROR` (code 2). */
  readonly status: 'VERIFIED' | 'REJECTED' | 'ERROR';
  /** The printed lines in order: `[1, line]` for standard output, `[2, line]` for standard error. */
  readonly lines: readonly (readonly [1 | 2, string])[];
  /** `fresh`: a worker realm started without preloads; `current`: this realm (see {@link FRESH_REALM_AVAILABLE}). */
  readonly realm: 'fresh' | 'current';
}

/** Options of {@link checkInFreshRealm}: the `ohc check` options. */
export interface CheckOptions {
  readonly model?: string;
  readonly data?: string;
  readonly labels?: string;
  readonly json?: boolean;
  readonly limits?: ResourceLimits;
}

/**
 * True when the compiled worker script sits next to this module (running from `dist/`). From the
 * TypeScript sources (vitest) a plain Node worker cannot load the checker, and runs fall back to
 * the current realm (`realm: 'current'`).
 */
export const FRESH_REALM_AVAILABLE = import.meta.url.endsWith('.js');

const WORKER = new URL('./checkWorker.js', import.meta.url);

/** The checker in this realm, loaded only where there is no fresh realm (the TypeScript sources): a built run loads it in the worker alone. */
const checkHere = FRESH_REALM_AVAILABLE ? undefined : (await import('./checkInRealm.js')).checkInRealm;

function run(code: number, lines: [1 | 2, string][], realm: 'fresh' | 'current'): CheckRun {
  return { code, status: code === 0 ? 'VERIFIED' : code === 1 ? 'REJECTED' : 'ERROR', lines, realm };
}

/**
 * Run `ohc check ARGS` in a fresh realm and wait for it SYNCHRONOUSLY: a `node:worker_threads`
 * Worker started with `execArgv: []` (no `--import`/`--require` preloads, pristine built-ins)
 * loads the checker and runs it; the calling thread blocks on a shared flag (`Atomics.wait`) and
 * then takes the one reply (`receiveMessageOnPort`). Only the printed lines and the exit code
 * cross back, so code loaded before (prototype or global tampering in this realm) cannot change
 * the verdict. A worker that fails to start or to answer gives exit code 2, never VERIFIED.
 */
export function runCheckInFreshRealm(args: readonly string[]): CheckRun {
  const copy: string[] = [];
  for (let i = 0; i < args.length; i++) copy[i] = `${args[i]}`;
  if (!FRESH_REALM_AVAILABLE) {
    const lines: [1 | 2, string][] = [];
    const code = (checkHere as NonNullable<typeof checkHere>)(copy, (s) => lines.push([1, s]), (s) => lines.push([2, s]));
    return run(code, lines, 'current');
  }
  const flag = new SharedArrayBuffer(4);
  const cell = new Int32Array(flag);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    // The worker would run NODE_OPTIONS preloads (--import/--require) even with execArgv [].
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['NODE_OPTIONS'];
    worker = new Worker(WORKER, { execArgv: [], argv: [], env, workerData: { args: copy, port: port2, flag }, transferList: [port2] });
  } catch (e) {
    port1.close();
    return run(2, [[2, `ohc check: cannot start the checker: ${e instanceof Error ? e.message : String(e)}`]], 'fresh');
  }
  Atomics.wait(cell, 0, 0);
  const got = receiveMessageOnPort(port1) as { message: CheckWorkerReply } | undefined;
  port1.close();
  worker.unref();
  void worker.terminate();
  const reply = got?.message;
  if (Atomics.load(cell, 0) !== 1 || reply === undefined || typeof reply.code !== 'number' || !Array.isArray(reply.lines)) {
    return run(2, [[2, 'ohc check: the checker gave no answer']], 'fresh');
  }
  const lines: [1 | 2, string][] = [];
  for (let i = 0; i < reply.lines.length; i++) {
    const l = reply.lines[i];
    if (l !== undefined) lines[i] = [l[0] === 1 ? 1 : 2, String(l[1])];
  }
  return run(reply.code === 0 || reply.code === 1 ? reply.code : 2, lines, 'fresh');
}

/**
 * Check the bundle at `bundlePath` in a fresh realm (see {@link runCheckInFreshRealm}), with the
 * input files and limits of `opts`: the typed form of `ohc check BUNDLE [--model F --data F
 * [--labels F]] [--json] [--max-* N]`.
 */
export function checkInFreshRealm(bundlePath: string, opts: CheckOptions = {}): CheckRun {
  // Index writes and a fixed key list instead of push/Object.entries: this realm may be tampered with.
  const args: string[] = [bundlePath];
  const add = (...xs: string[]): void => {
    for (let i = 0; i < xs.length; i++) args[args.length] = xs[i] as string;
  };
  if (opts.model !== undefined) add('--model', opts.model);
  if (opts.data !== undefined) add('--data', opts.data);
  if (opts.labels !== undefined) add('--labels', opts.labels);
  if (opts.json === true) add('--json');
  const names: readonly LimitName[] = ['maxFileBytes', 'maxDigits', 'maxEntries', 'maxDepth'];
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as LimitName;
    const v = opts.limits?.[name];
    if (v !== undefined) add(`--${LIMIT_OPTION[name]}`, `${v}`);
  }
  return runCheckInFreshRealm(args);
}
