// ohc.test.ts: the CLI end to end, in process: outputs, JSON shapes and the three exit codes.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { HAVE_SHARED, shared } from '../sharedData.js';

const XOR = resolve(import.meta.dirname, '..', '..', 'certificates', 'examples', 'xor');

function run(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ohc', () => {
  it('prints usage with --help (exit 0) and without a verb (exit 2)', () => {
    expect(run('--help').code).toBe(0);
    expect(run('--help').out).toContain('usage: ohc');
    expect(run().code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
  });

  it('demo: certifies D-I model 0 with its quotient Betti numbers, checks the bundle, writes the report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohc-demo-'));
    const r = run('demo', '--out', join(dir, 'd-i.ohcb'));
    expect(r.code).toBe(0);
    // layer 10: 202 regions, 56682 decisions, none inside a carried class, 124 gluings, 19 classes, 155 points; cone (2, 17), metric (2, 0)
    expect(r.out).toMatch(/^\s+10\s+202\s+56682\s+0\s+124\s+19\s+155\s+[0-9.]+\s+2 17\s+2 0$/m);
    expect(r.out).toMatch(/data itself: 9 0/);
    expect(r.out).toMatch(/^s VERIFIED$/m);
    expect(existsSync(join(dir, 'report', 'index.html'))).toBe(true);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/report[/\\]index\.html in a browser/);
  });

  it('regions --json on the XOR overlap net', () => {
    const r = run('regions', '--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy'), '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { layers: { layer: number; regions: number; boundaryPoints: number[]; rankClasses: Record<string, number> }[] };
    expect(doc.layers.map((l) => l.layer)).toEqual([1, 2, 3]);
    for (const l of doc.layers) {
      expect(Object.values(l.rankClasses).reduce((a, b) => a + b, 0)).toBe(4);
      expect(Array.isArray(l.boundaryPoints)).toBe(true);
    }
  });

  it('regions on the XOR rank net: (0,0) and (1,1) share a rank-0 region at layer 1', () => {
    const r = run('regions', '--model', join(XOR, 'xor_rank.pth'), '--data', join(XOR, 'xor_points.npy'), '--labels', join(XOR, 'xor_labels.npy'), '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { layers: { rankClasses: Record<string, number> }[] };
    expect(doc.layers[0]?.rankClasses['0']).toBe(2);
  });

  it('decide: a single query with its certificate, checked', () => {
    const r = run('decide', '--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy'), '--layer', '2', '--sample', '0', '--region', '1', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { answer: string; certificate: string; witness?: string[] };
    expect(doc.certificate).toBe('holds');
    expect(['yes', 'no', 'pinned']).toContain(doc.answer);
  });

  it('usage errors exit 2 with a message, no stack trace', () => {
    const base = ['--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy')];
    for (const argv of [
      ['regions', ...base, '--profile', 'fast'],
      ['regions', ...base, '--class', 'x'],
      ['regions', ...base, '--bogus'],
      ['regions', '--data', join(XOR, 'xor_points.npy')],
      ['regions', ...base, '--correct'],
      ['decide', ...base, '--layer', '9', '--all'],
      ['decide', ...base, '--layer', '1'],
    ]) {
      const r = run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('bad input files exit 2 naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohc-cli-'));
    const bad = join(dir, 'model.json');
    writeFileSync(bad, '{"format":"ohc-model/1","inputDim":2,"layers":[{"W":[["NaN","1"]],"b":["0"],"activation":"relu"}]}');
    const r = run('regions', '--model', bad, '--data', join(XOR, 'xor_points.npy'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(bad);
    const missing = run('regions', '--model', join(dir, 'nope.pth'), '--data', join(XOR, 'xor_points.npy'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.pth');
  });

  it.runIf(HAVE_SHARED)('regions on D-II model 0, reference profile: the paper-code region counts', () => {
    const r = run(
      'regions',
      '--model', shared('data', 'quotienthomology', 'pth', 'D-II_model_0.pth'),
      '--data', shared('data', 'quotienthomology', 'npy', 'D-II-test.npy'),
      '--labels', shared('data', 'quotienthomology', 'npy', 'D-II-test-labels.npy'),
      '--class', '1', '--correct', '--profile', 'reference', '--json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { points: number; layers: { regions: number }[] };
    expect(doc.points).toBe(1206);
    expect(doc.layers.map((l) => l.regions)).toEqual([59, 169, 393, 574, 759, 853, 903, 921, 931, 931]);
  });
});
