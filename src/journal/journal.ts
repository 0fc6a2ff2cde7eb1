// journal.ts: the journal of a long `ohc certify` run: its fingerprint, temporary bundle file and checkpoints.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../io/inputError.js';
import type { BundlePrefix } from '../overlap/bundleWriter.js';
import { writeFileAtomic } from '../util/writeAtomic.js';

/** The journal format written here. */
export const JOURNAL_FORMAT = 'ohc-journal/1';

/** One checkpoint: a completed step (e.g. `layer 3`), the durable bundle prefix after it, and the state carried forward. */
export interface JournalCheckpoint {
  readonly step: string;
  readonly prefix: BundlePrefix;
  /** JSON data the run needs to continue after this step (e.g. the layer's row with its classes). */
  readonly state: unknown;
}

/** What a journal file holds. */
export interface JournalContents {
  /** sha256 (hex) of everything that determines the bundle's bytes (inputs, selection, options). */
  readonly fingerprint: string;
  /** The temporary bundle file (absolute, beside the bundle). */
  readonly tmp: string;
  /** The command line that started the run (for messages). */
  readonly command: string;
  readonly checkpoints: readonly JournalCheckpoint[];
}

/** The journal of the bundle `out`: `OUT.journal` beside it. */
export function journalPath(out: string): string {
  return `${out}.journal`;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/**
 * Read a journal. Complete lines only: a torn last line (the process died while appending it)
 * is ignored. Throws InputError when the file is unreadable or is not a journal.
 */
export function readJournal(path: string): JournalContents {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, 'file', `cannot read the journal (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const lines = text.split('\n');
  lines.pop(); // after the last '\n': empty, or a torn line
  const recs: unknown[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      recs.push(JSON.parse(line));
    } catch {
      if (i === lines.length - 1) break; // torn while written: ignore
      throw new InputError(path, `line ${i + 1}`, 'is not JSON (not an ohc journal?)');
    }
  }
  const head = recs[0];
  if (!isObj(head) || head['t'] !== 'journal' || head['format'] !== JOURNAL_FORMAT || typeof head['fingerprint'] !== 'string' || typeof head['tmp'] !== 'string' || basename(head['tmp']) !== head['tmp']) {
    throw new InputError(path, 'line 1', `is not an ${JOURNAL_FORMAT} header`);
  }
  const checkpoints = recs.slice(1).map((r, k): JournalCheckpoint => {
    if (!isObj(r) || r['t'] !== 'checkpoint' || typeof r['step'] !== 'string' || !isCount(r['bytes']) || !isCount(r['records']) || typeof r['sha256'] !== 'string') {
      throw new InputError(path, `line ${k + 2}`, 'is not a checkpoint record');
    }
    return { step: r['step'], prefix: { bytes: r['bytes'], records: r['records'], sha256: r['sha256'] }, state: r['state'] ?? null };
  });
  return { fingerprint: head['fingerprint'], tmp: join(dirname(path), head['tmp']), command: typeof head['command'] === 'string' ? head['command'] : '', checkpoints };
}

/**
 * An open journal: created with its header (fsynced) or reopened after rewriting the complete
 * records of an existing one; `checkpoint` appends a record and fsyncs it before returning.
 */
export class Journal {
  private fd: number | undefined;
  private count: number;

  private constructor(
    readonly path: string,
    fd: number,
    count: number,
  ) {
    this.fd = fd;
    this.count = count;
  }

  /** Create `path` (it must not exist) with the header; `tmp` is the temporary bundle file beside it. */
  static create(path: string, h: { fingerprint: string; tmp: string; command: string }): Journal {
    const fd = openSync(path, 'wx');
    const head = { t: 'journal', format: JOURNAL_FORMAT, fingerprint: h.fingerprint, tmp: basename(h.tmp), command: h.command };
    writeAll(fd, `${JSON.stringify(head)}\n`);
    fsyncSync(fd);
    return new Journal(path, fd, 0);
  }

  /** Reopen an existing journal for appending, first rewriting it with `contents` only (drops a torn line). */
  static reopen(path: string, contents: JournalContents): Journal {
    const head = { t: 'journal', format: JOURNAL_FORMAT, fingerprint: contents.fingerprint, tmp: basename(contents.tmp), command: contents.command };
    const lines = [JSON.stringify(head), ...contents.checkpoints.map(checkpointLine)];
    writeFileAtomic(path, `${lines.join('\n')}\n`);
    return new Journal(path, openSync(path, 'a'), contents.checkpoints.length);
  }

  /** Checkpoints in the journal. */
  get checkpoints(): number {
    return this.count;
  }

  /** Append a checkpoint and fsync it. */
  checkpoint(c: JournalCheckpoint): void {
    if (this.fd === undefined) throw new Error('Journal: checkpoint after close');
    writeAll(this.fd, `${checkpointLine(c)}\n`);
    fsyncSync(this.fd);
    this.count++;
  }

  /** Close the journal and keep it (idempotent). */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Close and delete the journal (idempotent). */
  remove(): void {
    this.close();
    if (existsSync(this.path)) unlinkSync(this.path);
  }
}

function checkpointLine(c: JournalCheckpoint): string {
  return JSON.stringify({ t: 'checkpoint', step: c.step, bytes: c.prefix.bytes, records: c.prefix.records, sha256: c.prefix.sha256, state: c.state });
}

function writeAll(fd: number, text: string): void {
  const data = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}
