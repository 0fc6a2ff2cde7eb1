// atomicWriteStream.ts: write a large file piece by piece under a temporary name, then rename it into place.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const FLUSH_BYTES = 1 << 22;

/**
 * A file written in pieces so that `path` is either absent/old or complete, never half written:
 * `open` creates a temporary file in the same folder (so opening fails early when the folder is
 * missing or not writable), `write` buffers and appends, `commit` flushes, fsyncs and renames,
 * and `abort` closes and removes the temporary file. Synchronous, for the CLI. For journaled
 * runs: `sync` makes everything written so far durable, `detach` closes the file but keeps it,
 * and `resume` reopens a kept temporary file cut back to a durable length.
 */
export class AtomicWriteStream {
  /** The temporary file's path (in the target's folder). */
  readonly tmp: string;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Where the next flushed byte goes in the file. */
  private position = 0;

  private constructor(
    readonly path: string,
    tmp: string,
    fd: number,
  ) {
    this.tmp = tmp;
    this.fd = fd;
  }

  /** Create the temporary file for `path`. Throws the file system's error (nothing is left behind). */
  static open(path: string): AtomicWriteStream {
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    const fd = openSync(tmp, 'wx');
    return new AtomicWriteStream(path, tmp, fd);
  }

  /**
   * Reopen the kept temporary file `tmp` of `path`, cut to its first `length` bytes (what a
   * checkpoint made durable; anything after it is discarded), and append from there. Throws the
   * file system's error, or a RangeError when the file is shorter than `length`.
   */
  static resume(path: string, tmp: string, length: number): AtomicWriteStream {
    const fd = openSync(tmp, 'r+');
    try {
      const size = fstatSync(fd).size;
      if (size < length) throw new RangeError(`${tmp} has ${size} bytes, fewer than the ${length} of the checkpoint`);
      ftruncateSync(fd, length);
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    const s = new AtomicWriteStream(path, tmp, fd);
    s.position = length;
    return s;
  }

  /** Append `text` (UTF-8). */
  write(text: string): void {
    if (this.fd === undefined) throw new Error('AtomicWriteStream: write after commit or abort');
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0 || this.fd === undefined) return;
    const data = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off, this.position + off);
    this.position += data.length;
  }

  /** Flush what is buffered and fsync: everything written so far survives a crash of the process or machine. */
  sync(): void {
    if (this.fd === undefined) throw new Error('AtomicWriteStream: sync after commit or abort');
    this.flush();
    fsyncSync(this.fd);
  }

  /** Close the temporary file but keep it (an interrupted journaled run resumes from it); idempotent. */
  detach(): void {
    this.pending = [];
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    this.fd = undefined;
  }

  /** Flush, fsync, close and rename into place. On failure the temporary file is removed and the error rethrown. */
  commit(): void {
    if (this.fd === undefined) throw new Error('AtomicWriteStream: commit after commit or abort');
    try {
      this.flush();
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.tmp, this.path);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Close and remove the temporary file (idempotent; never throws). */
  abort(): void {
    this.pending = [];
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      /* already renamed or removed */
    }
  }
}
