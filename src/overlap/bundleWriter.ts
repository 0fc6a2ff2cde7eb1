// bundleWriter.ts: an ohc-bundle/1 file written line by line, hashed, with the `end` record and an atomic rename.
import { createHash, type Hash } from 'node:crypto';
import { AtomicWriteStream } from '../util/atomicWriteStream.js';

/**
 * Writes the records of a bundle (JSON Lines) to a temporary file next to `path`, hashing every
 * byte; `finish` appends `{"t":"end","records":N,"sha256":…}` and renames the file into place;
 * `abort` removes it. Nothing half-written is ever left at `path`.
 */
export class BundleWriter {
  private readonly stream: AtomicWriteStream;
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private bytesWritten = 0;

  /** Opens the temporary file (throws the file system's error when the folder is not writable). */
  constructor(readonly path: string) {
    this.stream = AtomicWriteStream.open(path);
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
