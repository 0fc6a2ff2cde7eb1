import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import {
  ratFromBfloat16Bits,
  ratFromDecimal,
  ratFromFloat16Bits,
  ratFromFloat32Bits,
  ratFromFloat64,
  ratFromFloatString,
  ratToFloat64,
  readFloat32BE,
  readFloat32LE,
  readFloat64BE,
  readFloat64LE,
  readFloat16LE,
  roundRatToFloat32,
  roundRatToFloat64,
} from '../../src/numbers/index.js';
import { fcOptions } from '../fcSeed.js';

const f32 = new DataView(new ArrayBuffer(4));
function bitsOfFloat32(x: number): number {
  f32.setFloat32(0, x);
  return f32.getUint32(0);
}

describe('ratFromFloat64', () => {
  it('decodes known values exactly', () => {
    expect(ratFromFloat64(0.1).toString()).toBe('3602879701896397/36028797018963968');
    expect(ratFromFloat64(-0.5).toString()).toBe('-1/2');
    expect(ratFromFloat64(-0).toString()).toBe('0');
    expect(ratFromFloat64(3).toString()).toBe('3');
    expect(ratFromFloat64(5e-324).eq(Rat.dyadic(1n, -1074))).toBe(true);
    expect(ratFromFloat64(Number.MAX_VALUE).eq(Rat.dyadic((1n << 53n) - 1n, 971))).toBe(true);
    expect(ratFromFloat64(2 ** 60).toString()).toBe((1n << 60n).toString());
  });
  it('rejects NaN and infinities', () => {
    expect(() => ratFromFloat64(NaN)).toThrow(RangeError);
    expect(() => ratFromFloat64(Infinity)).toThrow(RangeError);
    expect(() => ratFromFloat64(-Infinity)).toThrow(RangeError);
  });
  it('round-trips every finite double (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = ratFromFloat64(x);
        expect(ratToFloat64(r)).toBe(x === 0 ? 0 : x);
        expect(roundRatToFloat64(r).eq(r)).toBe(true);
      }),
      fcOptions(2000),
    );
  });
  it('agrees with Math.fround when rounding to float32 (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const y = Math.fround(x);
        const r = ratFromFloat64(x);
        if (!Number.isFinite(y)) {
          expect(() => roundRatToFloat32(r)).toThrow(RangeError);
        } else {
          expect(roundRatToFloat32(r).eq(ratFromFloat64(y))).toBe(true);
        }
      }),
      fcOptions(2000),
    );
  });
  it('agrees with Math.fround near float32 ties and subnormals (property)', () => {
    // doubles built as float32 midpoints and neighbours, where double rounding would show.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7f7ffffe }), fc.integer({ min: -2, max: 2 }), (bits, k) => {
        f32.setUint32(0, bits);
        const a = f32.getFloat32(0);
        f32.setUint32(0, bits + 1);
        const b = f32.getFloat32(0);
        const mid = ratFromFloat64(a).add(ratFromFloat64(b)).div(Rat.int(2n));
        const x = ratToFloat64(mid) + k * Number.EPSILON * Math.abs(a) * 2 ** -30;
        const y = Math.fround(x);
        expect(roundRatToFloat32(ratFromFloat64(x)).eq(ratFromFloat64(y))).toBe(true);
      }),
      fcOptions(2000),
    );
  });
});

describe('float32 / float16 / bfloat16 bits', () => {
  it('round-trips every finite float32 bit pattern (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (bits) => {
        f32.setUint32(0, bits);
        const x = f32.getFloat32(0);
        if (!Number.isFinite(x)) {
          expect(() => ratFromFloat32Bits(bits)).toThrow(RangeError);
          return;
        }
        const r = ratFromFloat32Bits(bits);
        expect(r.eq(ratFromFloat64(x))).toBe(true);
        expect(roundRatToFloat32(r).eq(r)).toBe(true);
        if (x !== 0) expect(bitsOfFloat32(ratToFloat64(r))).toBe(bits);
      }),
      fcOptions(5000),
    );
  });
  it('decodes float16 and bfloat16', () => {
    expect(ratFromFloat16Bits(0x3c00).toString()).toBe('1');
    expect(ratFromFloat16Bits(0xc000).toString()).toBe('-2');
    expect(ratFromFloat16Bits(0x7bff).toString()).toBe('65504');
    expect(ratFromFloat16Bits(0x0001).eq(Rat.dyadic(1n, -24))).toBe(true);
    expect(ratFromFloat16Bits(0x3555).toString()).toBe('1365/4096');
    expect(() => ratFromFloat16Bits(0x7c00)).toThrow(RangeError);
    expect(() => ratFromFloat16Bits(0x7e00)).toThrow(RangeError);
    expect(ratFromBfloat16Bits(0x3f80).toString()).toBe('1');
    expect(ratFromBfloat16Bits(0xc0a0).toString()).toBe('-5');
  });
  it('reads floats from buffers in both byte orders', () => {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setFloat32(0, 0.1, true);
    v.setFloat32(4, -3.25, false);
    v.setFloat64(8, 0.1, true);
    expect(readFloat32LE(b, 0)?.eq(ratFromFloat64(Math.fround(0.1)))).toBe(true);
    expect(readFloat32BE(b, 4)?.toString()).toBe('-13/4');
    expect(readFloat64LE(b, 8)?.eq(ratFromFloat64(0.1))).toBe(true);
    v.setFloat64(8, 0.1, false);
    expect(readFloat64BE(b, 8)?.eq(ratFromFloat64(0.1))).toBe(true);
    v.setFloat64(8, NaN, true);
    expect(readFloat64LE(b, 8)).toBeNull();
    v.setUint16(0, 0x3c00, true);
    expect(readFloat16LE(b, 0)?.toString()).toBe('1');
    expect(() => readFloat64LE(b, 9)).toThrow(RangeError);
  });
});

describe('ratFromDecimal', () => {
  it('parses exactly', () => {
    expect(ratFromDecimal('-12.5e-3').toString()).toBe('-1/80');
    expect(ratFromDecimal('0.1').toString()).toBe('1/10');
    expect(ratFromDecimal('1.').toString()).toBe('1');
    expect(ratFromDecimal('.5').toString()).toBe('1/2');
    expect(ratFromDecimal('+3E+02').toString()).toBe('300');
    expect(ratFromDecimal('-0').toString()).toBe('0');
    expect(ratFromDecimal('0007.2500').toString()).toBe('29/4');
    expect(ratFromDecimal('1e-0005').toString()).toBe('1/100000');
  });
  it('rejects non-decimals', () => {
    for (const bad of ['', ' 1', '1 ', 'NaN', 'Infinity', '-Infinity', '0x10', '.', 'e5', '1e', '1e+', '--1', '1_000', '1,5', '١']) {
      expect(() => ratFromDecimal(bad), bad).toThrow(SyntaxError);
    }
  });
  it('caps digits and exponents', () => {
    expect(() => ratFromDecimal('1e100000')).toThrow(RangeError);
    expect(() => ratFromDecimal('1e-99999999999999999999')).toThrow(RangeError);
    expect(() => ratFromDecimal('1'.repeat(2000))).toThrow(RangeError);
    expect(ratFromDecimal('1e10000').toString()).toBe((10n ** 10000n).toString());
  });
  it('inverts exact decimal printing (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -40, max: 40 }), (m, e) => {
        const text = `${m}e${e}`;
        const expected = e >= 0 ? Rat.int(m * 10n ** BigInt(e)) : Rat.of(m, 10n ** BigInt(-e));
        expect(ratFromDecimal(text).eq(expected)).toBe(true);
      }),
      fcOptions(1000),
    );
  });
});

describe('ratFromFloatString', () => {
  it('reads the double the text names, not the decimal', () => {
    expect(ratFromFloatString('0.10000000149011612').toString()).toBe('13421773/134217728');
    expect(ratFromFloatString('0.1').eq(ratFromFloat64(0.1))).toBe(true);
    expect(ratFromFloatString('-2').toString()).toBe('-2');
    expect(() => ratFromFloatString('1e400')).toThrow(RangeError);
    for (const bad of ['NaN', 'Infinity', '', ' 0.5', '0x1p3', '1e', 'inf']) {
      expect(() => ratFromFloatString(bad), bad).toThrow(SyntaxError);
    }
  });
  it('round-trips repr of every double and agrees with exact rounding (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x);
        const r = ratFromFloatString(text);
        expect(r.eq(ratFromFloat64(x))).toBe(true);
        // independent check: exact decimal, then exact bigint rounding to float64.
        expect(roundRatToFloat64(ratFromDecimal(text)).eq(r)).toBe(true);
      }),
      fcOptions(2000),
    );
  });
});

describe('roundRatToFloat32', () => {
  it('rounds ties to even and handles subnormals and overflow', () => {
    // 1 + 2^-24 is halfway between 1 and 1 + 2^-23: ties to even gives 1.
    expect(roundRatToFloat32(Rat.of((1n << 24n) + 1n, 1n << 24n)).toString()).toBe('1');
    // 1 + 3·2^-24 is halfway between 1 + 2^-23 and 1 + 2^-22: even is 1 + 2^-22.
    expect(roundRatToFloat32(Rat.of((1n << 24n) + 3n, 1n << 24n)).eq(Rat.of((1n << 22n) + 1n, 1n << 22n))).toBe(true);
    expect(roundRatToFloat32(Rat.of(1n, 3n)).eq(ratFromFloat64(Math.fround(1 / 3)))).toBe(true);
    expect(roundRatToFloat32(Rat.dyadic(3n, -151)).eq(Rat.dyadic(1n, -149))).toBe(true);
    expect(roundRatToFloat32(Rat.dyadic(1n, -150)).isZero()).toBe(true);
    expect(roundRatToFloat32(Rat.dyadic(-1n, -1000)).isZero()).toBe(true);
    expect(roundRatToFloat32(Rat.ZERO).isZero()).toBe(true);
    expect(() => roundRatToFloat32(Rat.dyadic(1n, 128))).toThrow(RangeError);
    expect(() => roundRatToFloat32(Rat.dyadic(-((1n << 25n) - 1n), 103))).toThrow(RangeError);
    expect(roundRatToFloat32(Rat.dyadic((1n << 26n) - 3n, 102)).eq(Rat.dyadic((1n << 24n) - 1n, 104))).toBe(true);
    expect(roundRatToFloat32(Rat.dyadic((1n << 25n) - 3n, 103)).eq(Rat.dyadic((1n << 24n) - 2n, 104))).toBe(true);
  });
  it('agrees with Math.fround on random rationals (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }), fc.bigInt({ min: 1n, max: 1n << 80n }), (n, d) => {
        const r = Rat.of(n, d);
        // Math.fround(ratToFloat64(r)) double-rounds; it can differ only when r is within one
        // double ulp of a float32 midpoint, so compare against the exact result loosely there.
        const exact = roundRatToFloat32(r);
        const viaDouble = ratFromFloat64(Math.fround(ratToFloat64(r)));
        if (!exact.eq(viaDouble)) {
          const mid = exact.add(viaDouble).div(Rat.int(2n));
          const gap = ratFromFloat64(ratToFloat64(r)).sub(mid);
          expect(gap.isZero()).toBe(true);
        }
      }),
      fcOptions(2000),
    );
  });
});

describe('ratToFloat64', () => {
  it('is the nearest double', () => {
    expect(ratToFloat64(Rat.of(1n, 3n))).toBe(1 / 3);
    expect(ratToFloat64(Rat.of(-1n, 10n))).toBe(-0.1);
    expect(ratToFloat64(Rat.dyadic(1n, 2000))).toBe(Infinity);
    expect(ratToFloat64(Rat.dyadic(-1n, 2000))).toBe(-Infinity);
    expect(ratToFloat64(Rat.dyadic(1n, -1100))).toBe(0);
    expect(ratToFloat64(Rat.dyadic(1n, -1074))).toBe(5e-324);
  });
});
