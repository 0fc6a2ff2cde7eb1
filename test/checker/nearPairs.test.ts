// Property: rule `pruned`'s sweep (nearPairs) marks exactly the region pairs with a cross pair at distance < s.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearPairs } from '../../src/checker/complete.js';
import type { LayerGeo } from '../../src/checker/geometry.js';
import type { Header } from '../../src/checker/header.js';
import { Rat } from '../../src/checker/rational.js';
import { fcOptions } from '../fcSeed.js';

const caseArb = fc.record({
  dim: fc.integer({ min: 1, max: 4 }),
  s: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20 })),
  pts: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 40 }),
});

describe('nearPairs (rule pruned)', () => {
  it('agrees with the all-pairs exact distance test', () => {
    fc.assert(
      fc.property(caseArb, ({ dim, s: [sn, sd], pts }) => {
        const R = 1 + Math.max(...pts.map((p) => p[0]));
        const images = pts.map(([, v, d]) => ({ n: v.slice(0, dim).map(BigInt), d: BigInt(d) }));
        const geo = { regions: Array.from({ length: R }, () => ({})), regionOf: pts.map((p) => p[0]), images } as unknown as LayerGeo;
        const s = Rat.of(BigInt(sn), BigInt(sd));
        const near = nearPairs(geo, { sensitivity: s } as Header);
        for (let a = 0; a < pts.length; a++) for (let b = 0; b < pts.length; b++) {
          const K = geo.regionOf[a] as number;
          const n = geo.regionOf[b] as number;
          if (K === n) continue;
          // exact: |y_a − y_b|² < s² over the rationals
          const ya = images[a]!;
          const yb = images[b]!;
          let d2 = Rat.of(0n);
          for (let i = 0; i < dim; i++) { const e = Rat.of(ya.n[i]!, ya.d).sub(Rat.of(yb.n[i]!, yb.d)); d2 = d2.add(e.mul(e)); }
          if (d2.cmp(s.mul(s)) < 0) expect(near?.[K]?.has(n), `${a} ${b}`).toBe(true);
        }
        for (let K = 0; K < R; K++) for (const n of near?.[K] ?? []) {
          const close = pts.some((p, a) => p[0] === K && pts.some((q, b) => q[0] === n && (() => {
            let d2 = Rat.of(0n);
            for (let i = 0; i < dim; i++) { const e = Rat.of(images[a]!.n[i]!, images[a]!.d).sub(Rat.of(images[b]!.n[i]!, images[b]!.d)); d2 = d2.add(e.mul(e)); }
            return d2.cmp(s.mul(s)) < 0;
          })()));
          expect(close, `${K} ${n}`).toBe(true);
        }
      }),
      fcOptions(300),
    );
  });
});
