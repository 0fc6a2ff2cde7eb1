// complexSpec.test.ts: --complex parsing to exact values, ohc-complex/1 files, the bundle form of a spec.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { UsageError } from '../../src/cli/usageError.js';
import { complexSpecRecord, describeComplexSpec, parseComplexSpec } from '../../src/homology/complexSpec.js';
import { parseComplexJson } from '../../src/homology/fileComplex.js';
import { InputError } from '../../src/io/inputError.js';

const dir = mkdtempSync(join(tmpdir(), 'ohc-complex-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('parseComplexSpec', () => {
  it('knn-rips and rips with exact eps (decimal or p/q, never a float)', () => {
    const a = parseComplexSpec('knn-rips:k=19,eps=2.5');
    expect(a).toEqual({ kind: 'knn-rips', k: 19, eps: Rat.of(5n, 2n) });
    expect(complexSpecRecord(a)).toEqual({ kind: 'knn-rips', k: 19, eps: '5/2' });
    expect(describeComplexSpec(a)).toBe('knn-rips k=19 eps=5/2');
    expect(parseComplexSpec('knn-rips:eps=5/2,k=14')).toEqual({ kind: 'knn-rips', k: 14, eps: Rat.of(5n, 2n) });
    const r = parseComplexSpec('rips:eps2=0.1');
    expect(r).toEqual({ kind: 'rips', eps2: Rat.of(1n, 10n) });
    expect(complexSpecRecord(r)).toEqual({ kind: 'rips', eps2: '1/10' });
    expect(parseComplexSpec('rips:eps2=6/4')).toEqual({ kind: 'rips', eps2: Rat.of(3n, 2n) });
    expect(parseComplexSpec('rips:eps2=1e-2')).toEqual({ kind: 'rips', eps2: Rat.of(1n, 100n) });
    expect(parseComplexSpec('rips:eps2=0')).toEqual({ kind: 'rips', eps2: Rat.ZERO });
  });

  it.each([
    'knn',
    'knn-rips',
    'knn-rips:k=19',
    'knn-rips:eps=2.5',
    'knn-rips:k=0,eps=1',
    'knn-rips:k=1.5,eps=1',
    'knn-rips:k=019,eps=1',
    'knn-rips:k=3,eps=-1',
    'knn-rips:k=3,eps=nan',
    'knn-rips:k=3,eps=1,eps=2',
    'knn-rips:k=3,eps=1,x=2',
    'knn-rips:k=3,eps=1/0',
    'rips:eps2=',
    'rips:eps=1',
    'rips:eps2=Infinity',
    'rips:eps2=0x10',
    'file:',
    'sphere:r=1',
  ])('UsageError for %s', (spec) => {
    expect(() => parseComplexSpec(spec)).toThrow(UsageError);
  });

  it('file: reads an ohc-complex/1 file, simplices sorted ascending', () => {
    const p = file('c.json', '{"format":"ohc-complex/1","vertices":4,"simplices":[[2,0,1],[3],[1,3]],"meta":{"note":"x"}}');
    const s = parseComplexSpec(`file:${p}`);
    expect(s).toEqual({ kind: 'file', path: p, vertices: 4, simplices: [[0, 1, 2], [3], [1, 3]] });
    expect(complexSpecRecord(s)).toEqual({ kind: 'file', vertices: 4, simplices: [[0, 1, 2], [3], [1, 3]] });
    expect(() => parseComplexSpec(`file:${join(dir, 'missing.json')}`)).toThrow(InputError);
  });
});

describe('ohc-complex/1 content errors name the file and field', () => {
  const bad: [string, unknown, string][] = [
    ['not an object', [1], 'json'],
    ['wrong format', { format: 'ohc-complex/2', vertices: 1, simplices: [] }, 'format'],
    ['unknown member', { format: 'ohc-complex/1', vertices: 1, simplices: [], extra: 1 }, 'extra'],
    ['vertices not an integer', { format: 'ohc-complex/1', vertices: 1.5, simplices: [] }, 'vertices'],
    ['vertices missing', { format: 'ohc-complex/1', simplices: [] }, 'vertices'],
    ['simplices not an array', { format: 'ohc-complex/1', vertices: 2, simplices: {} }, 'simplices'],
    ['empty simplex', { format: 'ohc-complex/1', vertices: 2, simplices: [[]] }, 'simplices[0]'],
    ['id out of range', { format: 'ohc-complex/1', vertices: 2, simplices: [[0], [1, 2]] }, 'simplices[1][1]'],
    ['negative id', { format: 'ohc-complex/1', vertices: 2, simplices: [[-1]] }, 'simplices[0][0]'],
    ['string id', { format: 'ohc-complex/1', vertices: 2, simplices: [['0']] }, 'simplices[0][0]'],
    ['repeated id', { format: 'ohc-complex/1', vertices: 3, simplices: [[0, 2, 0]] }, 'simplices[0]'],
    ['huge simplex', { format: 'ohc-complex/1', vertices: 100, simplices: [Array.from({ length: 65 }, (_, i) => i)] }, 'simplices[0]'],
  ];
  it.each(bad)('%s', (_, doc, field) => {
    try {
      parseComplexJson(doc, 'k.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).file).toBe('k.json');
      expect((e as InputError).field).toBe(field);
    }
  });

  it('bad JSON in a file is an InputError naming the file', () => {
    const p = file('bad.json', '{"format":');
    expect(() => parseComplexSpec(`file:${p}`)).toThrow(InputError);
  });
});
