// certify.test.ts: `ohc certify` end to end on the bundled XOR example: table, JSON, bundle, errors, determinism.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { certifyCommand, parseJobs, parseLayerSpec, parseSensitivity } from '../../src/cli/certifyCommand.js';
import { defaultJobs } from '../../src/cli/defaultJobs.js';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { UsageError } from '../../src/cli/usageError.js';
import { InputError } from '../../src/io/inputError.js';
import { validateBundle } from '../overlap/bundleValidator.js';

const XOR = resolve(import.meta.dirname, '..', '..', 'certificates', 'examples', 'xor');
const base = ['--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy')];

/** Run the verb as ohc.ts does: UsageError, InputError and parseArgs errors are exit 2. */
function run(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  try {
    const code = certifyCommand(argv, (s) => out.push(s));
    return { code, out: out.join('\n'), err: '' };
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError || (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
      return { code: 2, out: out.join('\n'), err: (e as Error).message };
    }
    throw e;
  }
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ohc-certify-'));

interface CertifyJson {
  layers: { layer: number; regions: number; decisions: number; gluings: number; classes: number[][]; gluedPoints: number }[];
  bundle: string;
  seconds: number;
}

describe('ohc certify', () => {
  it('XOR overlap net: table, bundle written and accepted by the checker', () => {
    const dir = tmp();
    const out = join(dir, 'xor.ohc');
    const r = run(...base, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('layer  regions  decisions  in class  gluings  classes  points glued  seconds');
    expect(r.out).toMatch(/\n\s+2\s+4\s+12\s+0\s+1\s+1\s+2\s+[0-9]+\.[0-9]\n/);
    // layer 3: samples 0 and 1 are a class carried from layer 2, so their two pairs are not decided
    expect(r.out).toMatch(/\n\s+3\s+4\s+10\s+2\s+1\s+2\s+4\s+[0-9]+\.[0-9]\n/);
    expect(readdirSync(dir)).toEqual(['xor.ohc']);
    const text = readFileSync(out, 'utf8');
    const recs = validateBundle(text);
    expect(recs.filter((x) => x.t === 'classes').map((x) => x['classes'])).toEqual([[], [[0, 1]], [[0, 1], [2, 3]]]);
    const v = check(text);
    expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason}` : 'accepted').toBe('accepted');
  });

  it('--json: classes per layer with indices into the selected points', () => {
    const out = join(tmp(), 'b.ohc');
    const r = run(...base, '--out', out, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as CertifyJson;
    expect(doc.bundle).toBe(out);
    expect(typeof doc.seconds).toBe('number');
    expect(doc.layers).toEqual([
      { layer: 1, regions: 3, decisions: 8, skipped: 0, gluings: 0, classes: [], gluedPoints: 0 },
      { layer: 2, regions: 4, decisions: 12, skipped: 0, gluings: 1, classes: [[0, 1]], gluedPoints: 2 },
      { layer: 3, regions: 4, decisions: 10, skipped: 2, gluings: 1, classes: [[0, 1], [2, 3]], gluedPoints: 4 },
    ]);
  });

  it('--all-pairs decides the pairs inside carried classes too: the same classes, more decisions and gluings', () => {
    const out = join(tmp(), 'b.ohc');
    const r = run(...base, '--out', out, '--json', '--all-pairs');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as CertifyJson;
    expect(doc.layers[2]).toEqual({ layer: 3, regions: 4, decisions: 12, skipped: 0, gluings: 2, classes: [[0, 1], [2, 3]], gluedPoints: 4 });
    const text = readFileSync(out, 'utf8');
    expect(((validateBundle(text)[0] as Record<string, unknown>)['options'] as { skipCarried: boolean }).skipCarried).toBe(false);
    expect(check(text).kind).toBe('accepted');
  });

  it('selection, --layers and the reference profile; the header records inputs and options', () => {
    const out = join(tmp(), 'b.ohc');
    const r = run(...base, '--labels', join(XOR, 'xor_labels.npy'), '--class', '1', '--profile', 'reference', '--sensitivity', '0.5', '--layers', '1,3', '--out', out, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as CertifyJson;
    expect(doc.layers.map((l) => l.layer)).toEqual([1, 3]);
    const text = readFileSync(out, 'utf8');
    const header = validateBundle(text)[0] as Record<string, unknown>;
    expect(header['selection']).toEqual({ class: 1, correct: false, indices: [2, 3] });
    expect(header['options']).toEqual({ box: '100', outputBits: true, sensitivity: '1/2', skipCarried: false });
    expect((header['inputs'] as { labels: { path: string } }).labels.path).toBe('xor_labels.npy');
    expect(header['layers']).toEqual([1, 3]);
    expect(check(text).kind).toBe('accepted');
  });

  it('ohc check with the input files verifies the bundles of both XOR nets, both profiles', () => {
    const dir = tmp();
    for (const model of ['xor_overlap.pth', 'xor_rank.pth']) {
      for (const extra of [[], ['--profile', 'reference'], ['--profile', 'reference', '--sensitivity', '1/100'], ['--class', '0']]) {
        const inputs = ['--model', join(XOR, model), '--data', join(XOR, 'xor_points.npy'), '--labels', join(XOR, 'xor_labels.npy')];
        const out = join(dir, `${model}-${extra.join('').replace(/[^a-z0-9]/gi, '_')}.ohc`);
        expect(run(...inputs, ...extra, '--out', out).code).toBe(0);
        const lines: string[] = [];
        const code = checkCommand([out, ...inputs], (s) => lines.push(s), (s) => lines.push(s));
        expect(lines.join('\n'), `${model} ${extra.join(' ')}`).toContain('s VERIFIED');
        expect(code).toBe(0);
      }
    }
  });

  it('two runs give byte-identical bundles', () => {
    const dir = tmp();
    for (const p of ['default', 'reference']) {
      expect(run(...base, '--profile', p, '--out', join(dir, `a-${p}.ohc`)).code).toBe(0);
      expect(run(...base, '--profile', p, '--out', join(dir, `b-${p}.ohc`)).code).toBe(0);
      expect(readFileSync(join(dir, `a-${p}.ohc`)).equals(readFileSync(join(dir, `b-${p}.ohc`)))).toBe(true);
    }
  });

  it('a missing folder, a file as folder, or a folder as --out: exit 2, no temporary file left', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plain'), 'x');
    mkdirSync(join(dir, 'sub'));
    for (const out of [join(dir, 'missing', 'b.ohc'), join(dir, 'plain', 'b.ohc'), join(dir, 'sub')]) {
      const r = run(...base, '--out', out);
      expect(r.code, out).toBe(2);
      expect(r.err).toContain('--out');
    }
    expect(readdirSync(dir).sort()).toEqual(['plain', 'sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder: exit 2, nothing written', () => {
    const dir = tmp();
    chmodSync(dir, 0o555);
    try {
      const r = run(...base, '--out', join(dir, 'b.ohc'));
      expect(r.code).toBe(2);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('bad inputs are reported before anything is written', () => {
    const dir = tmp();
    const r = run(...base, '--correct', '--out', join(dir, 'b.ohc'));
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('usage errors exit 2', () => {
    const out = join(tmp(), 'b.ohc');
    for (const argv of [
      [...base],
      [...base, '--out', out, '--layers', '0-2'],
      [...base, '--out', out, '--layers', '4'],
      [...base, '--out', out, '--layers', '2,2'],
      [...base, '--out', out, '--layers', '3-1'],
      [...base, '--out', out, '--layers', 'x'],
      [...base, '--out', out, '--sensitivity', '1'],
      [...base, '--out', out, '--profile', 'reference', '--sensitivity', '0'],
      [...base, '--out', out, '--profile', 'reference', '--sensitivity', '-1'],
      [...base, '--out', out, '--profile', 'reference', '--sensitivity', 'abc'],
      [...base, '--out', out, '--bogus'],
      ['--data', join(XOR, 'xor_points.npy'), '--out', out],
    ]) {
      expect(run(...argv).code, argv.join(' ')).toBe(2);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('parses layer lists and sensitivities', () => {
    expect(parseLayerSpec('1-10', 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(parseLayerSpec('7-9,3,5', 10)).toEqual([3, 5, 7, 8, 9]);
    expect(parseSensitivity('1').toString()).toBe('1');
    expect(parseSensitivity('0.25').toString()).toBe('1/4');
    expect(parseSensitivity('2/6').toString()).toBe('1/3');
    expect(parseSensitivity('1e-3').toString()).toBe('1/1000');
  });

  it('parses --jobs: 1..256, default one per two cores', () => {
    expect(parseJobs('1')).toBe(1);
    expect(parseJobs('16')).toBe(16);
    expect(parseJobs(undefined)).toBe(defaultJobs());
    expect(defaultJobs()).toBe(Math.max(1, Math.floor(availableParallelism() / 2)));
    for (const bad of ['0', '-1', '1.5', 'two', '257', '01', '']) expect(() => parseJobs(bad), bad).toThrow(UsageError);
  });
});
