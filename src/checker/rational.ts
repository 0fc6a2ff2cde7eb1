// rational.ts: exact rationals over bigint, canonical "p/q" strings. Trusted; no dependencies.

const SAFE = 0x1fffffffffffffn; // 2^53 − 1: below it, doubles divide exactly
const LEHMER_MIN = 1n << 64n; // below it, plain division steps are faster (measured)

/**
 * Greatest common divisor of two bigints (always >= 0). Lehmer's method (Knuth, TAOCP 2, 4.5.2,
 * Algorithm L): Euclid's quotients are simulated on the leading 47 to 49 bits in doubles (the bit
 * length is read off `Number(a)`, which may round up by one; all values stay below 2^50, so every
 * double operation is exact) as long as they are certain, then applied to the full numbers in one
 * step; a step with no certain quotient is one exact division (as is every step on values below
 * 2^64, where division is cheaper than the bookkeeping). The
 * pair only ever changes by unimodular steps, so the gcd is invariant; each step shrinks it.
 */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) [a, b] = [b, a];
  while (b > SAFE) {
    if (a < LEHMER_MIN) {
      [a, b] = [b, a % b];
      continue;
    }
    const f = Number(a);
    const bits = f < 2 ** 1000 ? Math.floor(Math.log2(f)) + 1 : a.toString(16).length * 4;
    const shift = BigInt(Math.max(0, bits - 48));
    let u = Number(a >> shift);
    let v = Number(b >> shift);
    let A = 1;
    let B = 0;
    let C = 0;
    let D = 1;
    while (v + C !== 0 && v + D !== 0) {
      const q = Math.floor((u + A) / (v + C));
      if (q !== Math.floor((u + B) / (v + D))) break;
      [A, C] = [C, A - q * C];
      [B, D] = [D, B - q * D];
      [u, v] = [v, u - q * v];
    }
    if (B === 0) [a, b] = [b, a % b];
    else [a, b] = [BigInt(A) * a + BigInt(B) * b, BigInt(C) * a + BigInt(D) * b];
    if (a < 0n) a = -a;
    if (b < 0n) b = -b;
    if (a < b) [a, b] = [b, a];
  }
  if (b === 0n) return a;
  let x = Number(b);
  let y = Number(a % b);
  while (y !== 0) [x, y] = [y, x % y];
  return BigInt(x);
}

/**
 * An exact rational number `n/d`, always in canonical form: `d > 0` and `gcd(n, d) = 1`.
 * Immutable. Build from bigints or `"p/q"` strings, never from a JavaScript `number`.
 */
export class Rat {
  /** Numerator. */
  readonly n: bigint;
  /** Denominator, always positive. */
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  /** `n/d`, normalised. Throws on a zero denominator. */
  static of(n: bigint, d: bigint = 1n): Rat {
    if (d === 0n) throw new RangeError('Rat: zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return new Rat(n, 1n);
    const g = gcd(n, d);
    return g === 1n ? new Rat(n, d) : new Rat(n / g, d / g);
  }

  /** An integer. */
  static int(n: bigint): Rat {
    return new Rat(n, 1n);
  }

  /** `m * 2^e` for an integer exponent `e` (the value of a binary float). */
  static dyadic(m: bigint, e: number): Rat {
    if (!Number.isSafeInteger(e)) throw new RangeError('Rat.dyadic: exponent must be a safe integer');
    return e >= 0 ? new Rat(m << BigInt(e), 1n) : Rat.of(m, 1n << BigInt(-e));
  }

  static readonly ZERO = new Rat(0n, 1n);
  static readonly ONE = new Rat(1n, 1n);

  /**
   * Parse the canonical text form `-?(0|[1-9][0-9]*)(/[1-9][0-9]*)?`. The value must be in lowest
   * terms when `canonicalOnly` is set (the default for certificates); otherwise it is normalised.
   * `maxDigits` bounds the length of the text (hostile inputs).
   */
  static parse(text: string, opts: { canonicalOnly?: boolean; maxDigits?: number } = {}): Rat {
    const maxDigits = opts.maxDigits ?? 100_000;
    if (typeof text !== 'string') throw new TypeError('rational must be a string "p/q"');
    if (text.length > maxDigits + 2) throw new RangeError(`rational has more than ${maxDigits} digits`);
    const m = /^(-?)(0|[1-9][0-9]*)(?:\/([1-9][0-9]*))?$/.exec(text);
    if (m === null) throw new SyntaxError(`not a rational "p/q": ${JSON.stringify(text.slice(0, 40))}`);
    const sign = m[1] === '-' ? -1n : 1n;
    const n = sign * BigInt(m[2] ?? '0');
    const d = m[3] === undefined ? 1n : BigInt(m[3]);
    if (m[1] === '-' && n === 0n) throw new SyntaxError('rational "-0" is not canonical');
    const r = Rat.of(n, d);
    if ((opts.canonicalOnly ?? true) && (r.n !== n || r.d !== d || m[3] === '1')) {
      throw new SyntaxError(`rational ${text} is not in lowest terms`);
    }
    return r;
  }

  /** Canonical text: `"p"` for integers, `"p/q"` otherwise. */
  toString(): string {
    return this.d === 1n ? this.n.toString() : `${this.n}/${this.d}`;
  }

  toJSON(): string {
    return this.toString();
  }

  add(o: Rat): Rat {
    if (this.d === o.d) return Rat.of(this.n + o.n, this.d);
    return Rat.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Rat): Rat {
    if (this.d === o.d) return Rat.of(this.n - o.n, this.d);
    return Rat.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }

  mul(o: Rat): Rat {
    return Rat.of(this.n * o.n, this.d * o.d);
  }

  div(o: Rat): Rat {
    if (o.n === 0n) throw new RangeError('Rat: division by zero');
    return Rat.of(this.n * o.d, this.d * o.n);
  }

  neg(): Rat {
    return new Rat(-this.n, this.d);
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.n > 0n ? 1 : this.n < 0n ? -1 : 0;
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  /** -1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: Rat): -1 | 0 | 1 {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  eq(o: Rat): boolean {
    return this.n === o.n && this.d === o.d;
  }
}
