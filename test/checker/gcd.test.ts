// gcd.test.ts: Lehmer's gcd in the trusted rational type agrees with plain Euclid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcd } from '../../src/checker/rational.js';

function euclid(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const seed = Number(process.env['FC_SEED'] ?? 42);
const big = (bits: number): fc.Arbitrary<bigint> => fc.bigInt({ min: -(1n << BigInt(bits)), max: 1n << BigInt(bits) });

describe('gcd', () => {
  it('agrees with Euclid on random pairs with and without a large common factor', () => {
    fc.assert(
      fc.property(big(700), big(700), big(200), (a, b, g) => {
        expect(gcd(a, b)).toBe(euclid(a, b));
        expect(gcd(a * g, b * g)).toBe(euclid(a * g, b * g));
      }),
      { seed, numRuns: 3000 },
    );
  });

  it('handles zeros, signs, equal values and values around 2^53', () => {
    const edge = [0n, 1n, -1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 64n, -(2n ** 100n), 3n ** 80n, 6n ** 60n];
    for (const a of edge) for (const b of edge) expect(gcd(a, b)).toBe(euclid(a, b));
    // consecutive Fibonacci numbers: the worst case for Euclid, all quotients 1
    let f0 = 0n;
    let f1 = 1n;
    for (let i = 0; i < 1000; i++) [f0, f1] = [f1, f0 + f1];
    expect(gcd(f1, f0)).toBe(1n);
    expect(gcd(f1 * 12345n, f0 * 12345n)).toBe(12345n);
  });
});
