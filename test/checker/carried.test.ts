// carried.test.ts: rule `carried` on the golden XOR overlap bundle: pairs inside a carried class have no decision.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';

const GOLDEN = join(import.meta.dirname, '..', '..', 'certificates', 'golden', 'xor-overlap.ohcb');

/** The golden bundle with `edit` applied to its records (the end record rewritten to match). */
function edited(edit: (recs: Record<string, unknown>[]) => void): string {
  const lines = readFileSync(GOLDEN, 'utf8').trimEnd().split('\n');
  const recs = lines.slice(0, -1).map((l) => JSON.parse(l) as Record<string, unknown>);
  edit(recs);
  const body = `${recs.map((r) => JSON.stringify(r)).join('\n')}\n`;
  return `${body}${JSON.stringify({ t: 'end', records: recs.length, sha256: createHash('sha256').update(body).digest('hex') })}\n`;
}

/** `text` with its end record rewritten to match its other lines. */
function rehashed(text: string): string {
  const lines = text.trimEnd().split('\n').slice(0, -1);
  const body = `${lines.join('\n')}\n`;
  return `${body}${JSON.stringify({ t: 'end', records: lines.length, sha256: createHash('sha256').update(body).digest('hex') })}\n`;
}

const region = (recs: Record<string, unknown>[], layer: number, n: number): Record<string, unknown> =>
  recs.find((r) => r['t'] === 'region' && r['layer'] === layer && r['region'] === n) as Record<string, unknown>;

const verdict = (text: string): string => {
  const v = check(text);
  return v.kind === 'accepted' ? 'accepted' : `${v.rule}: ${v.reason}`;
};

describe('rule carried (xor-overlap: samples 0 and 1 are one class from layer 2 on)', () => {
  it('the golden bundle leaves their two pairs of layer 3 undecided, and is accepted', () => {
    const v = check(readFileSync(GOLDEN));
    expect(v.kind).toBe('accepted');
    if (v.kind === 'accepted') expect(v.layers.map((l) => l.settled.carried)).toEqual([0, 0, 2]);
  });

  it('without options.skipCarried the two pairs are decided (implicit same) and glue once more: rejected by classes', () => {
    const text = edited((recs) => (((recs[0] as Record<string, unknown>)['options'] as Record<string, unknown>)['skipCarried'] = false));
    expect(verdict(text)).toBe('classes: gluings = 1, derived 2');
  });

  it('a record for a carried pair, even a true one, is rejected by carried', () => {
    // Q(0, region 1) at layer 3 is yes (sample 1 has the same image), but the pair has no decision
    const text = edited((recs) => ((region(recs, 3, 1)['yes'] as unknown[]).push([0, { same: 1 }])));
    expect(verdict(text)).toBe('carried: pair (0, 1) lies inside a carried class and must have no same record');
  });

  it('a bundle without options.skipCarried (written before the field existed) decides every pair', () => {
    const text = edited((recs) => delete ((recs[0] as Record<string, unknown>)['options'] as Record<string, unknown>)['skipCarried']);
    expect(verdict(text)).toBe('classes: gluings = 1, derived 2');
    const all = readFileSync(join(import.meta.dirname, '..', '..', 'certificates', 'golden', 'xor-rank.ohcb'), 'utf8').replace(',"skipCarried":true}', '}');
    expect(all).not.toContain('skipCarried');
    const v = check(rehashed(all));
    expect(v.kind).toBe('accepted');
  });

  it('options.skipCarried must be a boolean', () => {
    const text = edited((recs) => (((recs[0] as Record<string, unknown>)['options'] as Record<string, unknown>)['skipCarried'] = 'yes'));
    expect(verdict(text)).toBe('header: options.skipCarried is not a boolean');
  });

  it('at the first certified layer nothing is carried: layer 3 alone decides the two pairs', () => {
    const text = edited((recs) => {
      (recs[0] as Record<string, unknown>)['layers'] = [3];
      recs.splice(1, 11); // the records of layers 1 and 2
    });
    expect(verdict(text)).toBe('classes: gluings = 1, derived 2');
  });
});
