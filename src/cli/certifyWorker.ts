// certifyWorker.ts: the worker thread that runs `ohc certify` for certifyInterruptibly (the main thread stays free for Ctrl-C).
import { writeSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { certifyCommand } from './certifyCommand.js';
import { runVerb } from './verbRunner.js';

if (!isMainThread && parentPort !== null) {
  const { args, tty, columns } = workerData as { args: string[]; tty: boolean; columns: number | undefined };
  // a worker's process.stdout/stderr are forwarded by its event loop, which the synchronous run
  // blocks: write to the shared descriptors directly, in order, and draw the bar as the terminal allows
  const direct = (fd: number) => (s: string | Uint8Array): boolean => {
    const b = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
    for (let off = 0; off < b.length; ) off += writeSync(fd, b, off, b.length - off);
    return true;
  };
  Object.assign(process.stdout, { write: direct(1) });
  Object.assign(process.stderr, { write: direct(2), isTTY: tty, columns });
  const code = runVerb('certify', certifyCommand, args, (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
  parentPort.postMessage({ code });
}
