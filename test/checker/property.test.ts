// Property: on random small networks, bundles written from src/net + src/decide answers are accepted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { fcOptions } from '../fcSeed.js';
import { netAndPointsArb } from '../net/netArbitraries.js';
import { buildBundle } from './bundleFixture.js';

describe('fixture bundles on random networks', () => {
  for (const profile of ['default', 'reference'] as const) {
    for (const implicit of [false, true]) {
      it(`are accepted (${profile}, implicit=${implicit})`, () => {
        fc.assert(
          fc.property(netAndPointsArb(2), ({ net, points }) => {
            const v = check(buildBundle(net, points, { profile, implicit }));
            expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason} ${v.trace ?? ''}` : 'accepted').toBe('accepted');
          }),
          fcOptions(40),
        );
      });
    }
  }
});
