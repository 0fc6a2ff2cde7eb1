// expectInputError.ts: assert that a call throws InputError naming a file and a field.
import { expect } from 'vitest';
import { InputError } from '../../src/io/inputError.js';

/** Run `f`, require an InputError for `file` whose field matches `field`; return it. */
export function expectInputError(f: () => unknown, file: string, field: string | RegExp, message?: RegExp): InputError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`expected InputError, got ${String(e)}`);
    expect(e.file).toBe(file);
    if (typeof field === 'string') expect(e.field).toBe(field);
    else expect(e.field).toMatch(field);
    if (message !== undefined) expect(e.message).toMatch(message);
    return e;
  }
  throw new Error('expected an InputError, nothing was thrown');
}
