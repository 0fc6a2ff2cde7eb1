// journaledBundle.ts: a bundle written with a journal of checkpoints, so that a killed run resumes where it stopped.
import { existsSync, unlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../io/inputError.js';
import { BundleWriter } from '../overlap/bundleWriter.js';
import { Journal, type JournalCheckpoint, journalPath, readJournal } from './journal.js';

/** How to open a journaled bundle. */
export interface JournaledBundleOptions {
  /** sha256 of everything that determines the bundle's bytes; a journal with another one is refused. */
  readonly fingerprint: string;
  /** Continue from an existing journal (without it, an existing journal is an error). */
  readonly resume: boolean;
  /** The command line, kept in the journal for messages. */
  readonly command: string;
}

/**
 * The bundle `out` written through a BundleWriter (temporary file, atomic rename) with a journal
 * `OUT.journal` beside it. `checkpoint(step, state)` makes the bundle so far durable and appends
 * the step to the journal; `resumed` lists the checkpoints an earlier run left (the caller skips
 * those steps and continues from the last state). `finish` renames the bundle into place and
 * deletes the journal; `keep` leaves both for a later `--resume`; `abort` deletes both.
 */
export class JournaledBundle {
  private constructor(
    readonly out: string,
    private readonly writer: BundleWriter,
    private readonly journal: Journal,
    /** Checkpoints of the interrupted run this one continues (empty for a fresh run). */
    readonly resumed: readonly JournalCheckpoint[],
  ) {}

  /**
   * Open the journaled bundle `out`. A fresh run calls `first()` for the records before the first
   * step (the header); a resumed run checks the journal's fingerprint, cuts the temporary file back
   * to the last checkpoint and re-hashes it. Throws InputError (exit 2) when a journal is in the way
   * without `resume`, was made with other inputs or options, or its temporary file was changed or lost.
   */
  static open(out: string, opts: JournaledBundleOptions, first: (record: (line: string) => void) => void): JournaledBundle {
    const jpath = journalPath(out);
    if (existsSync(jpath)) {
      const j = readJournal(jpath);
      const done = j.checkpoints.length;
      if (!opts.resume) {
        throw new InputError(jpath, 'journal', `an interrupted run of ${basename(out)} left this journal (${done} step${done === 1 ? '' : 's'} done${done > 0 ? `, last: ${(j.checkpoints[done - 1] as JournalCheckpoint).step}` : ''}); add --resume to continue it, or delete ${jpath} to start over`);
      }
      if (j.fingerprint !== opts.fingerprint) {
        throw new InputError(jpath, 'fingerprint', `was made with other inputs or options (${j.command === '' ? 'another command' : j.command}); rerun that command with --resume, or delete ${jpath} to start over`);
      }
      const last = j.checkpoints[done - 1];
      if (last !== undefined) {
        let writer: BundleWriter;
        try {
          writer = BundleWriter.resume(out, j.tmp, last.prefix);
        } catch (e) {
          throw new InputError(j.tmp, 'journal', `cannot continue from the journal's last checkpoint (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); delete ${jpath} to start over`);
        }
        return new JournaledBundle(out, writer, Journal.reopen(jpath, j), j.checkpoints);
      }
      // no step was completed: start over
      removeQuietly(j.tmp);
      unlinkSync(jpath);
    }
    const writer = new BundleWriter(out);
    let journal: Journal;
    try {
      journal = Journal.create(jpath, { fingerprint: opts.fingerprint, tmp: writer.tmp, command: opts.command });
    } catch (e) {
      writer.abort();
      throw e;
    }
    const jb = new JournaledBundle(out, writer, journal, []);
    try {
      first((line) => writer.record(line));
    } catch (e) {
      jb.abort();
      throw e;
    }
    return jb;
  }

  /** Append one record (a JSON object text without newline). */
  record(line: string): void {
    this.writer.record(line);
  }

  /** Records written so far (before the `end` record). */
  get records(): number {
    return this.writer.records;
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.writer.bytes;
  }

  /** Steps completed, the resumed ones included. */
  get checkpoints(): number {
    return this.journal.checkpoints;
  }

  /** The journal's path. */
  get journalPath(): string {
    return this.journal.path;
  }

  /** Make everything written durable, then journal that `step` is complete with `state` (JSON data). */
  checkpoint(step: string, state: unknown): void {
    this.journal.checkpoint({ step, prefix: this.writer.checkpoint(), state });
  }

  /** Write the `end` record, rename the bundle into place, delete the journal. */
  finish(): void {
    this.writer.finish();
    this.journal.remove();
  }

  /** Stop, keeping the temporary file and the journal for `--resume`. */
  keep(): void {
    this.writer.detach();
    this.journal.close();
  }

  /** Stop and delete the temporary file and the journal. */
  abort(): void {
    this.writer.abort();
    this.journal.remove();
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}
