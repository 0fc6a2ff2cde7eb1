import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fibreCandidates, fibreFilterOf } from '../../src/decide/fibreFilter.js';
import { floatVecOf } from '../../src/checker/floatSign.js';
import { fcOptions } from '../fcSeed.js';

// entries up to ~300 bits, some tiny, with near-ties (rows repeated up to a small change)
const big = fc.oneof(fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }), fc.bigInt({ min: -3n, max: 3n }));
const d = 3;
const row = fc.tuple(fc.array(big, { minLength: d, maxLength: d }), big, big);

describe('fibreCandidates', () => {
  it('leaves out only rows that hold (a = 0) or give no extreme bound', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.array(fc.bigInt({ min: -(1n << 1200n), max: 1n << 1200n }), { minLength: d, maxLength: d }),
        fc.bigInt({ min: 1n, max: 1n << 1100n }),
        fc.array(fc.nat(11), { maxLength: 4 }),
        (rows0, zN, zD, dup) => {
          const rows = rows0.slice();
          // near-duplicates: the same row with b one larger or equal (ties between bounds)
          for (const k of dup) {
            const r = rows[k % rows.length] as (typeof rows)[number];
            rows.push([r[0], r[1] + BigInt(k % 2), r[2]]);
          }
          const A = rows.map((r) => r[0]);
          const b = rows.map((r) => r[1]);
          const a = rows.map((r) => r[2]);
          const ff = fibreFilterOf(A, b, a, d);
          expect(ff).not.toBeNull();
          const need = new Uint8Array(rows.length);
          if (!fibreCandidates(ff as NonNullable<typeof ff>, floatVecOf([...zN, zD]), need)) return;
          const r = rows.map((_, i) => {
            let s = (b[i] as bigint) * zD;
            for (let c = 0; c < d; c++) s -= ((A[i] as bigint[])[c] as bigint) * (zN[c] as bigint);
            return s;
          });
          // q_i = r_i / a_i compared as fractions
          const less = (i: number, k: number): boolean => {
            const ai = a[i] as bigint;
            const ak = a[k] as bigint;
            const lhs = (r[i] as bigint) * ak;
            const rhs = (r[k] as bigint) * ai;
            return ai * ak > 0n ? lhs < rhs : lhs > rhs;
          };
          rows.forEach((_, i) => {
            if (need[i] === 1) return;
            const ai = a[i] as bigint;
            if (ai === 0n) expect((r[i] as bigint) > 0n).toBe(true);
            else {
              // some row on the same side has a strictly more extreme bound
              const better = rows.some((__, k) => k !== i && (a[k] as bigint) * ai > 0n && (ai > 0n ? less(k, i) : less(i, k)));
              expect(better).toBe(true);
            }
          });
        },
      ),
      fcOptions(1500),
    );
  });

  it('declines entries too large for the error analysis', () => {
    expect(fibreFilterOf([[1n << 950n, 0n, 0n]], [0n], [1n], 3)).toBeNull();
  });
});
