// ratFromFloatString.ts: the JSON-export rule, decimal text that NAMES a float64.
import type { Rat } from '../checker/rational.js';
import { DECIMAL_PATTERN } from './ratFromDecimal.js';
import { ratFromFloat64 } from './ratFromFloat64.js';

/**
 * The exact value of the float64 that decimal text denotes (the rule of the shared JSON exports,
 * whose strings are Python `repr()` of a double): check the text against the strict decimal
 * grammar ({@link DECIMAL_PATTERN}; no whitespace, hex, `NaN`, `Infinity`, empty text), round it
 * to the nearest double with `Number()` (correctly rounded in ECMAScript), require a finite
 * result, then decode the double's bits exactly. So `"0.1"` gives
 * `3602879701896397/36028797018963968`, not `1/10`. Throws `SyntaxError` on bad syntax and
 * `RangeError` on overflow or text longer than 1000 characters.
 */
export function ratFromFloatString(text: string): Rat {
  if (typeof text !== 'string') throw new SyntaxError('float must be given as a string');
  if (text.length > 1000) throw new RangeError('float text longer than 1000 characters');
  const m = DECIMAL_PATTERN.exec(text);
  if (m === null || (m[2] ?? '').length + (m[3] ?? '').length === 0) {
    throw new SyntaxError(`not a decimal number: ${JSON.stringify(text.slice(0, 40))}`);
  }
  const x = Number(text);
  if (!Number.isFinite(x)) throw new RangeError(`${text.slice(0, 40)} overflows float64`);
  return ratFromFloat64(x);
}
