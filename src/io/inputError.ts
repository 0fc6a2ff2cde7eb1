// inputError.ts: the one error type for bad input files; the CLI maps it to exit code 2.

/**
 * A problem with an input file: names the file and the field (a dotted path, a tensor key, a
 * byte offset, a CSV line...) and says why. The CLI prints `error: FILE: FIELD: MESSAGE` and
 * exits with code 2, without a stack trace.
 */
export class InputError extends Error {
  readonly file: string;
  readonly field: string;

  constructor(file: string, field: string, message: string) {
    super(`${file}: ${field}: ${message}`);
    this.name = 'InputError';
    this.file = file;
    this.field = field;
  }
}
