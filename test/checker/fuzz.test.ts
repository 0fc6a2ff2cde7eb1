// A fixed-seed slice of the mutation campaign (test/bench/fuzz.ts): single mutations of the small golden
// bundles (overlap and homology records), a few of D-I's betti-only bundle and of the D-I overlap bundle;
// no false accept, no crash, no internal error, nothing slow.
import { describe, expect, it } from 'vitest';
import { KINDS, report, runFuzz } from '../bench/fuzz.js';

describe('checker mutation fuzz (fixed seed)', () => {
  it('rejects or identically accepts 2,500 single mutants of the small golden bundles and d-i-betti', () => {
    const r = runFuzz({ count: 2500, seed: 20260101, diRate: 0, bettiRate: 0.01 });
    const msg = report(r);
    expect(r.failures, msg).toEqual([]);
    for (const k of KINDS) expect(r.byKind[k].mutants, `kind ${k}\n${msg}`).toBeGreaterThan(50);
    const total = KINDS.reduce((s, k) => s + r.byKind[k].rejected, 0);
    expect(total, msg).toBeGreaterThan(2000);
    for (const b of ['xor-overlap-homology', 'random-2d-homology', 'rp2-q', 'd-i-betti']) expect(r.byBundle[b]?.mutants ?? 0, `${b}\n${msg}`).toBeGreaterThan(10);
  });

  it('handles a few D-I mutants', () => {
    const r = runFuzz({ count: 4, seed: 7, diRate: 1, diBundle: 'golden', bettiRate: 0 });
    expect(r.failures, report(r)).toEqual([]);
    expect(r.byBundle['d-i-model-0']?.mutants).toBe(4);
  });
});
