// certifyHomology.test.ts: `ohc certify --complex`: per-layer quotient Betti numbers in the table, the JSON and the bundle, checked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, isAccepted } from '../../src/checker/index.js';
import { certifyCommand, parseQuotients } from '../../src/cli/certifyCommand.js';
import { UsageError } from '../../src/cli/usageError.js';

const XOR = resolve(import.meta.dirname, '..', '..', 'certificates', 'examples', 'xor');
const base = ['--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy')];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'ohc-certify-homology-'));

describe('ohc certify --complex', () => {
  it('adds cone and metric Betti numbers per layer, and the checker confirms them', () => {
    const out = join(tmp(), 'xor.ohcb');
    const lines: string[] = [];
    const code = certifyCommand([...base, '--complex', 'knn-rips:k=2,eps=1', '--quotient', 'cone,metric', '--out', out, '--json', '--quiet'], (s) => lines.push(s));
    expect(code).toBe(0);
    const doc = JSON.parse(lines.join('\n')) as { layers: { layer: number; classes: number[][]; betti: { cone: number[]; metric: number[] } }[]; homology: { data: number[]; quotients: string[] } };
    expect(doc.homology.quotients).toEqual(['cone', 'metric']);
    const l2 = doc.layers.find((l) => l.layer === 2)!;
    expect(l2.classes).toEqual([[0, 1]]);
    // the 2-NN graph of the four inputs is connected without a loop; coning off the glued pair
    // {(0,0), (1,1)} closes a loop through the new vertex, collapsing the pair to a point does not
    expect(doc.homology.data).toEqual([1, 0]);
    expect(l2.betti).toEqual({ cone: [1, 1], metric: [1, 0] });
    const v = check(out);
    expect(isAccepted(v)).toBe(true);
  });

  it('prints the Betti columns and where cone and metric differ', () => {
    const out = join(tmp(), 'xor.ohcb');
    const lines: string[] = [];
    certifyCommand([...base, '--complex', 'knn-rips:k=2,eps=1', '--quotient', 'cone,metric', '--out', out, '--quiet'], (s) => lines.push(s));
    const text = lines.join('\n');
    expect(text).toMatch(/betti cone\s+betti metric/);
    expect(text).toMatch(/cone and metric quotients differ at layer/);
  });

  it('refuses homology options without --complex and bad quotient lists', () => {
    const out = join(tmp(), 'x.ohcb');
    expect(() => certifyCommand([...base, '--quotient', 'cone', '--out', out], () => undefined)).toThrow(UsageError);
    expect(() => certifyCommand([...base, '--complex', 'rips:eps2=1', '--quotient', 'metric', '--out', out], () => undefined)).toThrow(/metric quotient needs a knn-rips/);
    expect(() => parseQuotients('cone,cone')).toThrow(UsageError);
    expect(() => parseQuotients('mesh')).toThrow(UsageError);
    expect(parseQuotients(undefined)).toEqual(['cone']);
  });
});
