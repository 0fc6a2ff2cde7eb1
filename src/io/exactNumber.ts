// exactNumber.ts: the exact-number strings of our own formats ("p/q" or a decimal).
import { Rat } from '../checker/rational.js';
import { ratFromDecimal } from '../numbers/ratFromDecimal.js';
import { InputError } from './inputError.js';
import { BUILTIN_LIMITS, limit } from './limits.js';

/**
 * Parse a number of the `ohc-model/1` / `ohc-data/1` formats: a JSON STRING holding either a
 * rational `"p/q"` (`-?digits/digits`, normalised; lowest terms not required; `q > 0`; at most
 * 4096 digits per side, so the gcd stays cheap, or the `maxDigits` limit in force) or a
 * decimal read EXACTLY as written (`"0.1"` is 1/10, `"-12.5e-3"` is -1/80; see `ratFromDecimal`).
 * JSON number literals are refused: `JSON.parse` has already rounded them to a double.
 * Throws `InputError(file, field, ...)`.
 */
export function parseExactNumber(v: unknown, file: string, field: string): Rat {
  if (typeof v !== 'string') {
    throw new InputError(
      file,
      field,
      typeof v === 'number' ? 'numbers must be strings ("p/q" or an exact decimal), not JSON numbers' : 'expected a number string',
    );
  }
  try {
    if (v.includes('/')) {
      if (!/^-?[0-9]+\/[0-9]+$/.test(v)) throw new SyntaxError('bad rational');
      const maxSide = limit('maxDigits', BUILTIN_LIMITS.ratioDigits);
      const slash = v.indexOf('/');
      const p = v.slice(0, slash);
      const q = v.slice(slash + 1);
      if (p.replace('-', '').length > maxSide || q.length > maxSide) throw new RangeError(`rational with more than ${maxSide} digits on a side`);
      if (BigInt(q) === 0n) throw new RangeError('zero denominator');
      return Rat.of(BigInt(p), BigInt(q));
    }
    return ratFromDecimal(v, { maxDigits: limit('maxDigits', BUILTIN_LIMITS.decimalDigits) });
  } catch (e) {
    if (e instanceof SyntaxError || e instanceof RangeError) {
      throw new InputError(file, field, `not an exact number "p/q" or decimal: ${JSON.stringify(v.slice(0, 40))} (${e.message})`);
    }
    throw e;
  }
}
