// readInputFile.ts: read a whole input file with a size cap, turning fs errors into InputError.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './inputError.js';
import { fileByteLimit, limitHint } from './limits.js';

/** Open `file` for reading; a failure becomes `InputError(file, 'file', 'cannot open: CODE')`. */
export function openInputFile(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (e) {
    throw new InputError(file, 'file', `cannot open: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Built-in largest input file read into memory: 1 GiB (see `limits.ts`, `--max-file-bytes`). */
export const MAX_INPUT_BYTES = 1 << 30;

/**
 * The bytes of `file`. Throws `InputError(file, 'file', ...)` when it cannot be opened, is not a
 * regular file, or is larger than `maxBytes` (checked with fstat before allocating; default: the
 * `maxFileBytes` limit in force, see `limits.ts`).
 */
export function readInputFile(file: string, maxBytes: number = fileByteLimit()): Uint8Array {
  const fd = openInputFile(file);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(file, 'file', 'not a regular file');
    if (st.size > maxBytes) {
      throw new InputError(file, 'file', `${st.size} bytes is larger than the limit of ${maxBytes}${limitHint('maxFileBytes')}`);
    }
    const buf = new Uint8Array(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) throw new InputError(file, 'file', 'file shrank while being read');
      off += n;
    }
    return buf;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, 'file', `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  } finally {
    closeSync(fd);
  }
}
