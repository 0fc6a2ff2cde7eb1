// ratFromDecimal.ts: exact rational value of decimal text such as "-12.5e-3" (= -1/80).
import { Rat } from '../checker/rational.js';

/** Limits for {@link ratFromDecimal} against hostile inputs. */
export interface DecimalLimits {
  /** Most significand digits (integer part plus fraction part). Default 1000. */
  readonly maxDigits?: number;
  /** Largest absolute value of the written exponent. Default 10000. */
  readonly maxExponent?: number;
}

/**
 * The grammar of a decimal: optional sign, digits with an optional fraction (`1`, `1.`, `.5`,
 * `1.50`), optional exponent (`e-3`, `E+07`). No whitespace, no `NaN`/`Infinity`, no hex,
 * no `_`. Group 1 sign, 2 integer digits, 3 fraction digits, 4 exponent.
 */
export const DECIMAL_PATTERN = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;

/**
 * Parse decimal text into its EXACT rational value (the digits themselves, not a float):
 * `ratFromDecimal("-12.5e-3")` is `-1/80` and `"0.1"` is `1/10`. Throws `SyntaxError` on text
 * outside {@link DECIMAL_PATTERN} (including empty text and text with whitespace) and
 * `RangeError` when the digit count or exponent exceeds `limits`.
 */
export function ratFromDecimal(text: string, limits: DecimalLimits = {}): Rat {
  const maxDigits = limits.maxDigits ?? 1000;
  const maxExponent = limits.maxExponent ?? 10000;
  if (typeof text !== 'string') throw new SyntaxError('decimal must be a string');
  if (text.length > maxDigits + 40) {
    throw new RangeError(`decimal text longer than ${maxDigits + 40} characters`);
  }
  const m = DECIMAL_PATTERN.exec(text);
  if (m === null) throw new SyntaxError(`not a decimal number: ${JSON.stringify(text.slice(0, 40))}`);
  const intDigits = m[2] ?? '';
  const fracDigits = m[3] ?? '';
  if (intDigits.length + fracDigits.length === 0) {
    throw new SyntaxError(`not a decimal number: ${JSON.stringify(text.slice(0, 40))}`);
  }
  if (intDigits.length + fracDigits.length > maxDigits) {
    throw new RangeError(`decimal has more than ${maxDigits} digits`);
  }
  let exp = 0;
  const expText = m[4];
  if (expText !== undefined) {
    const neg = expText.startsWith('-');
    const digits = expText.replace(/^[+-]/, '').replace(/^0+(?=[0-9])/, '');
    if (digits.length > 9 || Number(digits) > maxExponent) {
      throw new RangeError(`decimal exponent larger than ${maxExponent} in absolute value`);
    }
    exp = neg ? -Number(digits) : Number(digits);
  }
  let n = BigInt(intDigits + fracDigits);
  if (m[1] === '-') n = -n;
  const e = exp - fracDigits.length;
  return e >= 0 ? Rat.int(n * 10n ** BigInt(e)) : Rat.of(n, 10n ** BigInt(-e));
}
