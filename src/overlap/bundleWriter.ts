// bundleWriter.ts: an ohc-bundle/1 file written line by line, hashed, with the `end` record and an atomic rename.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { AtomicWriteStream } from '../util/atomicWriteStream.js';

/** A durable prefix of a bundle being written: its length, records and sha256. */
export interface BundlePrefix {
  readonly bytes: number;
  readonly records: number;
  readonly sha256: string;
}

/**
 * Writes the records of a bundle (JSON Lines) to a temporary file next to `path`, hashing every
 * byte; `finish` appends `{"t":"end","records":N,"sha256":…}` and renames the file into place;
 * `abort` removes it. Nothing half-written is ever left at `path`. For journaled runs,
 * `checkpoint` makes the prefix durable and describes it, and `resume` continues a kept
 * temporary file from such a prefix (after re-hashing it).
 */
export class BundleWriter {
  private readonly stream: AtomicWriteStream;
  private hash: Hash = createHash('sha256');
  private count = 0;
  private bytesWritten = 0;

  /** Opens the temporary file (throws the file system's error when the folder is not writable). */
  constructor(
    readonly path: string,
    stream?: AtomicWriteStream,
  ) {
    this.stream = stream ?? AtomicWriteStream.open(path);
  }

  /**
   * Continue the kept temporary file `tmp` of `path` from `prefix`: the file is cut to
   * `prefix.bytes`, those bytes are re-hashed and must have `prefix.sha256` and hold
   * `prefix.records` lines. Throws RangeError when they do not (the file was changed), or the
   * file system's error.
   */
  static resume(path: string, tmp: string, prefix: BundlePrefix): BundleWriter {
    const hash = createHash('sha256');
    let lines = 0;
    const fd = openSync(tmp, 'r');
    try {
      const buf = Buffer.alloc(1 << 20);
      for (let pos = 0; pos < prefix.bytes; ) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, prefix.bytes - pos), pos);
        if (n === 0) throw new RangeError(`${tmp} has fewer than the ${prefix.bytes} bytes of the checkpoint`);
        const chunk = buf.subarray(0, n);
        hash.update(chunk);
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
        pos += n;
      }
    } finally {
      closeSync(fd);
    }
    const sha = hash.copy().digest('hex');
    if (sha !== prefix.sha256 || lines !== prefix.records) {
      throw new RangeError(`the first ${prefix.bytes} bytes of ${tmp} are not those of the checkpoint (sha256 ${sha}, ${lines} lines; expected ${prefix.sha256}, ${prefix.records})`);
    }
    const w = new BundleWriter(path, AtomicWriteStream.resume(path, tmp, prefix.bytes));
    w.hash = hash;
    w.count = prefix.records;
    w.bytesWritten = prefix.bytes;
    return w;
  }

  /** The temporary file the records go to until `finish`. */
  get tmp(): string {
    return this.stream.tmp;
  }

  /** Make every record written so far durable (flush, fsync) and describe that prefix. */
  checkpoint(): BundlePrefix {
    this.stream.sync();
    return { bytes: this.bytesWritten, records: this.count, sha256: this.hash.copy().digest('hex') };
  }

  /** Close the temporary file and keep it, for a later `resume` (idempotent). */
  detach(): void {
    this.stream.detach();
  }

  /** Records written so far. */
  get records(): number {
    return this.count;
  }

  /** Bytes written so far (the `end` line included once finished). */
  get bytes(): number {
    return this.bytesWritten;
  }

  /** Append one record: a JSON object text without newline (or an object, stringified). */
  record(rec: string | object): void {
    const line = `${typeof rec === 'string' ? rec : JSON.stringify(rec)}\n`;
    this.hash.update(line, 'utf8');
    this.stream.write(line);
    this.count++;
    this.bytesWritten += Buffer.byteLength(line, 'utf8');
  }

  /** Append the `end` record and move the bundle into place. */
  finish(): void {
    const end = `${JSON.stringify({ t: 'end', records: this.count, sha256: this.hash.digest('hex') })}\n`;
    this.stream.write(end);
    this.bytesWritten += Buffer.byteLength(end, 'utf8');
    this.stream.commit();
  }

  /** Remove the temporary file (idempotent). */
  abort(): void {
    this.stream.abort();
  }
}
