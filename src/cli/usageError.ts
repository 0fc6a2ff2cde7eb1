// usageError.ts: a wrong command line; the CLI prints it with a hint and exits with code 2.

/** A command-line mistake (unknown option, missing value, bad number). Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parse a non-negative integer option strictly (no "1e3", no "08", no spaces). */
export function parseIndex(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^(0|[1-9][0-9]{0,8})$/.test(text)) throw new UsageError(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}
