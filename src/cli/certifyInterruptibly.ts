// certifyInterruptibly.ts: `ohc certify` from the command line: the run in a worker thread, Ctrl-C stops it and says how to resume.
import { existsSync, unlinkSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { journalPath, readJournal } from '../journal/journal.js';

/** Exit code after SIGINT (128 + 2), as shells report it. */
export const SIGINT_EXIT = 130;

/** The `--out` of certify's arguments, if any (without validating the rest). */
function outOf(args: string[]): string | undefined {
  try {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: false, allowPositionals: true });
    return typeof values['out'] === 'string' ? values['out'] : undefined;
  } catch {
    return undefined;
  }
}

/** What to tell the user after an interrupt: where the journal is and how to continue; clears a journal with no step done. */
export function interruptMessage(out: string | undefined): string {
  if (out === undefined) return 'ohc certify: interrupted';
  const jpath = journalPath(out);
  if (!existsSync(jpath)) return 'ohc certify: interrupted before the run started; nothing was written';
  let done = 0;
  try {
    const j = readJournal(jpath);
    done = j.checkpoints.length;
    if (done === 0) {
      for (const f of [j.tmp, jpath]) if (existsSync(f)) unlinkSync(f);
      return 'ohc certify: interrupted before the first layer was complete; nothing was kept';
    }
    return `ohc certify: interrupted; ${jpath} keeps ${done} completed step${done === 1 ? '' : 's'} (last: ${j.checkpoints[done - 1]?.step}): rerun the same command with --resume to continue`;
  } catch {
    return `ohc certify: interrupted; rerun the same command with --resume to continue from ${jpath}`;
  }
}

/**
 * Run `ohc certify ARGS` in a worker thread so that the main thread can take Ctrl-C (SIGINT)
 * while the exact computation runs: the worker is terminated (the journal keeps every completed
 * layer; the temporary bundle is cut back to the last checkpoint when resumed), the user is told
 * how to resume, and the exit code is 130. Otherwise resolves to the verb's exit code.
 */
export function certifyInterruptibly(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./certifyWorker.js', import.meta.url), {
      workerData: { args, tty: process.stderr.isTTY === true, columns: process.stderr.columns },
    });
    let code: number | undefined;
    let interrupted = false;
    const onSigint = (): void => {
      if (interrupted) process.exit(SIGINT_EXIT); // a second Ctrl-C: stop at once
      interrupted = true;
      void worker.terminate().then(() => {
        process.stderr.write(`\r\x1b[K${interruptMessage(outOf(args))}\n`);
        process.off('SIGINT', onSigint);
        resolve(SIGINT_EXIT);
      });
    };
    process.on('SIGINT', onSigint);
    worker.on('message', (m: { code: number }) => {
      code = m.code;
    });
    worker.on('error', (e) => {
      process.off('SIGINT', onSigint);
      reject(e);
    });
    worker.on('exit', () => {
      if (interrupted) return;
      process.off('SIGINT', onSigint);
      resolve(code ?? 1);
    });
  });
}
