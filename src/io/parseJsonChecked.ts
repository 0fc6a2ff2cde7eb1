// parseJsonChecked.ts: JSON.parse behind size, nesting and syntax checks that raise InputError.
import { InputError } from './inputError.js';
import { BUILTIN_LIMITS, limit, limitHint } from './limits.js';

/** Limits for {@link parseJsonChecked}. */
export interface JsonLimits {
  /** Deepest nesting of arrays and objects. Default: the `maxDepth` limit in force (built in 64). */
  readonly maxDepth?: number;
  /** Most entries of one array or object. Default: the `maxEntries` limit in force (built in 2^24). */
  readonly maxEntries?: number;
}

/**
 * Parse JSON text (bytes are decoded as strict UTF-8) after checking that arrays/objects nest at
 * most `maxDepth` deep and hold at most `maxEntries` entries each, so hostile inputs cannot
 * exhaust the stack or build giant arrays. Errors are
 * `InputError(file, field, ...)` with `field` = `json` plus the character position when known.
 * Note: `NaN`, `Infinity` and other non-JSON tokens are syntax errors here.
 */
export function parseJsonChecked(input: Uint8Array | string, file: string, limits: JsonLimits = {}): unknown {
  const maxDepth = limits.maxDepth ?? limit('maxDepth', BUILTIN_LIMITS.jsonDepth);
  const maxEntries = limits.maxEntries ?? limit('maxEntries', BUILTIN_LIMITS.elements);
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new InputError(file, 'json', 'not valid UTF-8');
    }
  }
  let depth = 0;
  let inString = false;
  // commas[k]: separators seen in the open array/object at depth k (entries = commas + 1).
  const commas = new Array<number>(maxDepth + 2).fill(0);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new InputError(file, `json character ${i}`, `nesting deeper than ${maxDepth}${limitHint('maxDepth')}`);
      commas[depth] = 0;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth > 0 && (commas[depth] = (commas[depth] as number) + 1) >= maxEntries) {
      throw new InputError(file, `json character ${i}`, `an array or object with more than ${maxEntries} entries${limitHint('maxEntries')}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg)?.[1];
    throw new InputError(file, pos === undefined ? 'json' : `json character ${pos}`, `invalid JSON: ${msg}`);
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
