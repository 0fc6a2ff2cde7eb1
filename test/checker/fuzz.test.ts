// A fixed-seed slice of the mutation campaign (test/bench/fuzz.ts): single mutations of the small golden
// bundles and a few of the D-I bundle; no false accept, no crash, no internal error, nothing slow.
import { describe, expect, it } from 'vitest';
import { KINDS, report, runFuzz } from '../bench/fuzz.js';

describe('checker mutation fuzz (fixed seed)', () => {
  it('rejects or identically accepts 1,500 single mutants of the small golden bundles', () => {
    const r = runFuzz({ count: 1500, seed: 20260101, diRate: 0 });
    const msg = report(r);
    expect(r.failures, msg).toEqual([]);
    for (const k of KINDS) expect(r.byKind[k].mutants, `kind ${k}\n${msg}`).toBeGreaterThan(50);
    const total = KINDS.reduce((s, k) => s + r.byKind[k].rejected, 0);
    expect(total, msg).toBeGreaterThan(1300);
  });

  it('handles a few D-I mutants', () => {
    const r = runFuzz({ count: 6, seed: 7, diRate: 1 });
    expect(r.failures, report(r)).toEqual([]);
    expect(r.byBundle['d-i-model-0']?.mutants).toBe(6);
  });
});
