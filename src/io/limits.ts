// limits.ts: the configurable resource limits (file size, digits, entries, nesting) of every reader.
import { InputError } from './inputError.js';

/**
 * Caps on what a hostile input may make the toolkit read, parse or allocate. A missing member
 * means "the built-in limit of each place" (see {@link BUILTIN_LIMITS}); a given member REPLACES
 * the built-in limit everywhere it applies (it may lower or raise it).
 */
export interface ResourceLimits {
  /** Largest file read (model, data, labels, bundle). Built in: 1 GiB (JSON/CSV text 512 MiB). */
  readonly maxFileBytes?: number;
  /** Most digits of one number: bundle integers/rationals, input decimals, each side of `p/q`. */
  readonly maxDigits?: number;
  /** Most entries: elements of a tensor or array, rows of a dataset, list entries, zip entries. */
  readonly maxEntries?: number;
  /** Deepest nesting of JSON arrays/objects (input JSON files and safetensors headers). */
  readonly maxDepth?: number;
}

/** A limit's name. */
export type LimitName = keyof ResourceLimits;

/**
 * The built-in limits, per place, used when no override is given (documented in README
 * "Resource limits"). Where one knob has several built-in values, the override replaces all.
 */
export const BUILTIN_LIMITS = {
  /** Binary files (.npy, .pth, .safetensors) and bundles. */
  fileBytes: 1 << 30,
  /** JSON and CSV text (a JavaScript string holds at most about 512 Mi characters). */
  textBytes: 512 * 1024 * 1024,
  /** Integers and rationals in a bundle (FORMAT.md). */
  bundleDigits: 100_000,
  /** Significand digits of a decimal in our JSON/CSV formats. */
  decimalDigits: 1000,
  /** Digits of each side of a `p/q` in our JSON/CSV formats. */
  ratioDigits: 4096,
  /** Entries of one list in a bundle (FORMAT.md). */
  bundleList: 100_000_000,
  /** Elements of one tensor or .npy array, and points of one dataset. */
  elements: 1 << 24,
  /** Entries of a ZIP central directory. */
  zipEntries: 65_536,
  /** Values on the pickle stack and entries in its memo. */
  pickleValues: 1_000_000,
  /** JSON nesting (input files). */
  jsonDepth: 64,
  /** JSON nesting of a safetensors header. */
  safetensorsDepth: 8,
} as const;

/** The environment variable of each limit. */
export const LIMIT_ENV: Readonly<Record<LimitName, string>> = {
  maxFileBytes: 'OHC_MAX_FILE_BYTES',
  maxDigits: 'OHC_MAX_DIGITS',
  maxEntries: 'OHC_MAX_ENTRIES',
  maxDepth: 'OHC_MAX_DEPTH',
};

/** The command-line option of each limit (`--max-file-bytes N`, ...). */
export const LIMIT_OPTION: Readonly<Record<LimitName, string>> = {
  maxFileBytes: 'max-file-bytes',
  maxDigits: 'max-digits',
  maxEntries: 'max-entries',
  maxDepth: 'max-depth',
};

/** `node:util` parseArgs specs of the limit options. */
export const limitOptions = {
  'max-file-bytes': { type: 'string' },
  'max-digits': { type: 'string' },
  'max-entries': { type: 'string' },
  'max-depth': { type: 'string' },
} as const;

const NAMES: readonly LimitName[] = ['maxFileBytes', 'maxDigits', 'maxEntries', 'maxDepth'];

/**
 * Parse a limit value: a positive integer, optionally with a binary suffix `K`, `M`, `G`
 * (`64M` = 64 MiB) or written with `_` separators; at most 2^53 - 1. Returns undefined when
 * the text is not one.
 */
export function parseLimitValue(text: string): number | undefined {
  const m = /^([0-9][0-9_]*)([KMG]i?B?)?$/i.exec(text.trim());
  if (m === null) return undefined;
  const digits = (m[1] as string).replaceAll('_', '');
  if (digits.length > 16) return undefined;
  const unit = (m[2] ?? '').charAt(0).toUpperCase();
  const v = Number(digits) * (unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1);
  return Number.isSafeInteger(v) && v >= 1 ? v : undefined;
}

/**
 * The limits set in the environment (`OHC_MAX_FILE_BYTES`, `OHC_MAX_DIGITS`, `OHC_MAX_ENTRIES`,
 * `OHC_MAX_DEPTH`). A variable that is set but not a positive integer is an InputError naming it.
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): ResourceLimits {
  const out: Record<string, number> = {};
  for (const name of NAMES) {
    const v = env[LIMIT_ENV[name]];
    if (v === undefined || v === '') continue;
    const n = parseLimitValue(v);
    if (n === undefined) throw new InputError('environment', LIMIT_ENV[name], `${JSON.stringify(v.slice(0, 40))} is not a positive integer`);
    out[name] = n;
  }
  return out as ResourceLimits;
}

/**
 * The limits given by the `--max-*` options of a parseArgs result (undefined members are
 * skipped). A bad value is reported through `bad(option, value)`, which must throw.
 */
export function limitsFromOptions(values: Readonly<Record<string, unknown>>, bad: (option: string, value: string) => never): ResourceLimits {
  const out: Record<string, number> = {};
  for (const name of NAMES) {
    const v = values[LIMIT_OPTION[name]];
    if (typeof v !== 'string') continue;
    const n = parseLimitValue(v);
    if (n === undefined) bad(`--${LIMIT_OPTION[name]}`, v);
    out[name] = n as number;
  }
  return out as ResourceLimits;
}

let overrides: ResourceLimits | undefined;
let fromEnv: ResourceLimits | undefined;

/**
 * The limits in force: those set by {@link withLimits} (innermost call), else those of the
 * environment (read once per process, on first use).
 */
export function currentLimits(): ResourceLimits {
  return overrides ?? (fromEnv ??= limitsFromEnv());
}

/**
 * Run `f` with `limits` in force (members left out fall back to the environment, then to the
 * built-in limits). Restores the previous limits afterwards, also when `f` throws.
 */
export function withLimits<T>(limits: ResourceLimits, f: () => T): T {
  const prev = overrides;
  overrides = { ...(prev ?? (fromEnv ??= limitsFromEnv())), ...limits };
  try {
    return f();
  } finally {
    overrides = prev;
  }
}

/** The limit `name` in force, or `builtin` when none is set. */
export function limit(name: LimitName, builtin: number): number {
  return currentLimits()[name] ?? builtin;
}

/** Largest binary input file in force (`maxFileBytes`, built in 1 GiB). */
export function fileByteLimit(): number {
  return limit('maxFileBytes', BUILTIN_LIMITS.fileBytes);
}

/** Largest JSON/CSV text file in force: `maxFileBytes`, but never above 512 MiB (a JavaScript string's size). */
export function textByteLimit(): number {
  return Math.min(limit('maxFileBytes', BUILTIN_LIMITS.textBytes), BUILTIN_LIMITS.textBytes);
}

/** ` (limit: OHC_MAX_NAME; ohc check --max-NAME)`, appended to limit errors so users know the knob. */
export function limitHint(name: LimitName): string {
  return ` (limit: ${LIMIT_ENV[name]}; ohc check --${LIMIT_OPTION[name]})`;
}
