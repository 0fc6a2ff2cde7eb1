// limits.test.ts: the configurable resource limits (src/io/limits.ts, `ohc check --max-*`, OHC_MAX_*):
// each cap refuses what exceeds it, real inputs pass the defaults, and hostile bundle claims
// (a million-digit rational, a billion entries) are refused by `ohc check` in under a second.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { parseExactNumber } from '../../src/io/exactNumber.js';
import { BUILTIN_LIMITS, currentLimits, limitsFromEnv, parseLimitValue, withLimits } from '../../src/io/limits.js';
import { loadDataset } from '../../src/io/loadData.js';
import { loadModel } from '../../src/io/loadModel.js';
import { parseJsonChecked } from '../../src/io/parseJsonChecked.js';
import { expectInputError } from '../io/expectInputError.js';
import { HAVE_SHARED, shared } from '../sharedData.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const XOR = join(ROOT, 'certificates', 'examples', 'xor');
const GOLDEN = join(ROOT, 'certificates', 'golden');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'ohc.js');
const tmp = mkdtempSync(join(tmpdir(), 'ohc-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('limit values', () => {
  it('parses positive integers with _ and K/M/G suffixes, refuses the rest', () => {
    expect(parseLimitValue('1000')).toBe(1000);
    expect(parseLimitValue('1_000_000')).toBe(1_000_000);
    expect(parseLimitValue('64M')).toBe(64 * 2 ** 20);
    expect(parseLimitValue('2GiB')).toBe(2 * 2 ** 30);
    expect(parseLimitValue('1k')).toBe(1024);
    for (const bad of ['', '0', '-5', '1.5', 'x', '1e9', '99999999999999999', 'Infinity']) expect(parseLimitValue(bad), bad).toBeUndefined();
  });

  it('reads OHC_MAX_* from the environment; a bad value is an InputError naming the variable', () => {
    expect(limitsFromEnv({ OHC_MAX_DIGITS: '50', OHC_MAX_FILE_BYTES: '1M', OTHER: 'x' })).toEqual({ maxDigits: 50, maxFileBytes: 2 ** 20 });
    expectInputError(() => limitsFromEnv({ OHC_MAX_ENTRIES: 'lots' }), 'environment', 'OHC_MAX_ENTRIES', /not a positive integer/);
  });

  it('withLimits nests and restores, also after a throw', () => {
    const before = currentLimits();
    withLimits({ maxDigits: 7 }, () => {
      expect(currentLimits().maxDigits).toBe(7);
      withLimits({ maxDepth: 3 }, () => expect(currentLimits()).toMatchObject({ maxDigits: 7, maxDepth: 3 }));
      expect(() => withLimits({ maxDigits: 1 }, () => { throw new Error('x'); })).toThrow('x');
      expect(currentLimits().maxDigits).toBe(7);
    });
    expect(currentLimits()).toEqual(before);
  });
});

describe('each cap refuses what exceeds it', () => {
  const model = join(XOR, 'xor_overlap.pth');
  const data = join(XOR, 'xor_points.npy');
  it('maxFileBytes: model, data and labels files', () => {
    withLimits({ maxFileBytes: 100 }, () => {
      expectInputError(() => loadModel(model), model, 'file', /larger than the limit of 100 \(limit: OHC_MAX_FILE_BYTES/);
      expectInputError(() => loadDataset(data), data, 'file', /larger than the limit of 100/);
    });
    const csv = join(tmp, 'pts.csv');
    writeFileSync(csv, '0,0\n1,1\n');
    withLimits({ maxFileBytes: 4 }, () => expectInputError(() => loadDataset(csv), csv, 'file', /limit of 4/));
    expect(loadDataset(csv).points.length).toBe(2);
  });

  it('maxEntries: array elements, tensor sizes, CSV rows, JSON arrays', () => {
    withLimits({ maxEntries: 7 }, () => expectInputError(() => loadDataset(data), data, 'header.shape', /more than 7 elements/));
    expect(withLimits({ maxEntries: 8 }, () => loadDataset(data).points.length)).toBe(4);
    withLimits({ maxEntries: 3 }, () => expectInputError(() => loadModel(model), model, /^layers\.0\.weight$|^zip: /, /more than (the limit of )?3/));
    const csv = join(tmp, 'rows.csv');
    writeFileSync(csv, '0,0\n1,1\n1,0\n0,1\n');
    withLimits({ maxEntries: 2 }, () => expectInputError(() => loadDataset(csv), csv, /^line \d+$/, /more than 2 lines/));
    expectInputError(() => withLimits({ maxEntries: 3 }, () => parseJsonChecked('[1,2,3,4]', 'x.json')), 'x.json', 'json character 6', /more than 3 entries/);
    expect(withLimits({ maxEntries: 4 }, () => parseJsonChecked('[1,2,3,4]', 'x.json'))).toEqual([1, 2, 3, 4]);
  });

  it('maxDigits: decimals and p/q in our text formats', () => {
    withLimits({ maxDigits: 4 }, () => {
      expect(parseExactNumber('1234', 'f', 'x').toString()).toBe('1234');
      expectInputError(() => parseExactNumber('12345', 'f', 'x'), 'f', 'x', /more than 4 digits/);
      expectInputError(() => parseExactNumber('1/12345', 'f', 'x'), 'f', 'x', /more than 4 digits on a side/);
    });
    // the built-in caps: 1000 decimal digits, 4096 per side of p/q
    expect(parseExactNumber('9'.repeat(1000), 'f', 'x').n).toBe(10n ** 1000n - 1n);
    expectInputError(() => parseExactNumber(`1/${'3'.repeat(BUILTIN_LIMITS.ratioDigits + 1)}`, 'f', 'x'), 'f', 'x', /4096/);
  });

  it('maxDepth: JSON nesting', () => {
    expectInputError(() => withLimits({ maxDepth: 2 }, () => parseJsonChecked('[[[1]]]', 'd.json')), 'd.json', 'json character 2', /nesting deeper than 2/);
    expect(withLimits({ maxDepth: 3 }, () => parseJsonChecked('[[[1]]]', 'd.json'))).toEqual([[[1]]]);
  });

  it.skipIf(!HAVE_SHARED)('the real inputs pass the defaults (D-I/D-II .pth, .npy, JSON exports)', () => {
    const q = (...p: string[]): string => shared('data', 'quotienthomology', ...p);
    for (const m of ['D-II_model_0', 'D-I_model_0']) {
      expect(loadModel(q('pth', `${m}.pth`)).layers.length).toBeGreaterThan(1);
      expect(loadModel(q('json', 'models', `${m}.json`)).layers.length).toBeGreaterThan(1);
    }
    expect(loadDataset(q('npy', 'D-II-train.npy'), { labelsFile: q('npy', 'D-II-train-labels.npy') }).points.length).toBeGreaterThan(1000);
    expect(loadDataset(q('json', 'data', 'D-III-train.json')).points.length).toBeGreaterThan(1000);
  });
});

// ---------- hostile bundles for `ohc check` ----------

const golden = readFileSync(join(GOLDEN, 'xor-overlap.ohcb'), 'utf8').trimEnd().split('\n').slice(0, -1);

/** The golden XOR bundle with record `line` (0-based) edited, re-sealed with a correct end record. */
function hostile(name: string, edit: (records: Record<string, unknown>[]) => void): string {
  const recs = golden.map((l) => JSON.parse(l) as Record<string, unknown>);
  edit(recs);
  const body = recs.map((r) => `${JSON.stringify(r)}\n`).join('');
  const sha = createHash('sha256').update(body).digest('hex');
  const f = join(tmp, name);
  writeFileSync(f, `${body}${JSON.stringify({ t: 'end', records: recs.length, sha256: sha })}\n`);
  return f;
}
const region = (recs: Record<string, unknown>[], n: number): Record<string, unknown> => recs.filter((r) => r['t'] === 'region')[n] as Record<string, unknown>;
const MILLION = '7'.repeat(1_000_000);

const HOSTILE: [string, () => string, string[], string][] = [
  ['a million-digit rational in the header points', () => hostile('digits-point.ohcb', (r) => { ((r[0]?.['points'] as string[][])[0] as string[])[0] = `1/${MILLION}`; }), [], 'limits'],
  ['a million-digit integer in a null certificate', () => hostile('digits-null.ohcb', (r) => { region(r, 2)['null'] = [[[0, MILLION]]]; }), [], 'limits'],
  ['a billion regions claimed by a layer record', () => hostile('regions.ohcb', (r) => { (r[1] as Record<string, unknown>)['regions'] = 1_000_000_000; }), [], 'complete'],
  ['a billion records claimed by the end record', () => {
    const f = hostile('records.ohcb', () => {});
    const lines = readFileSync(f, 'utf8').trimEnd().split('\n');
    const end = JSON.parse(lines.pop() as string) as Record<string, unknown>;
    writeFileSync(f, `${[...lines, JSON.stringify({ ...end, records: 1_000_000_000 })].join('\n')}\n`);
    return f;
  }, [], 'end'],
  ['a sparse index of a billion', () => hostile('index.ohcb', (r) => { region(r, 2)['null'] = [[[1_000_000_000, '1']]]; }), [], 'parse'],
  ['4 header points over --max-entries 3', () => join(GOLDEN, 'xor-overlap.ohcb'), ['--max-entries', '3'], 'limits'],
  ['"-1/2" over --max-digits 1', () => join(GOLDEN, 'xor-overlap.ohcb'), ['--max-digits', '1'], 'limits'],
  ['a 2587-byte bundle over --max-file-bytes 1K', () => join(GOLDEN, 'xor-overlap.ohcb'), ['--max-file-bytes', '1K'], 'limits'],
];

describe('ohc check refuses hostile claims in under a second', () => {
  for (const [what, make, opts, rule] of HOSTILE) {
    it(`${what}: REJECTED by rule ${rule}`, () => {
      const f = make();
      const out: string[] = [];
      const t0 = performance.now();
      const code = checkCommand([f, ...opts], (s) => out.push(s), (s) => out.push(s));
      const ms = performance.now() - t0;
      expect(out.join('\n')).toMatch(new RegExp(`rejected by rule ${rule} `));
      expect(out.at(-1)).toBe('s REJECTED');
      expect(code).toBe(1);
      expect(ms).toBeLessThan(1000);
    });
  }

  it('the golden bundle still verifies under limits it fits (--max-digits 3 --max-entries 4 --max-file-bytes 4K)', () => {
    const out: string[] = [];
    expect(checkCommand([join(GOLDEN, 'xor-overlap.ohcb'), '--max-digits', '3', '--max-entries', '4', '--max-file-bytes', '4K'], (s) => out.push(s), (s) => out.push(s))).toBe(0);
    expect(out.at(-1)).toBe('s VERIFIED');
  });

  it('a bad --max-* value is a usage error (exit 2)', () => {
    const err: string[] = [];
    expect(checkCommand([join(GOLDEN, 'xor-overlap.ohcb'), '--max-digits', 'many'], () => {}, (s) => err.push(s))).toBe(2);
    expect(err.join('\n')).toMatch(/--max-digits must be a positive integer/);
  });
});

describe.skipIf(!existsSync(CLI))('the built CLI (fresh realm, environment variables)', () => {
  it('ohc check refuses the million-digit rational (fresh realm, --json); OHC_MAX_FILE_BYTES caps every verb', () => {
    const f = hostile('digits-cli.ohcb', (r) => { ((r[0]?.['points'] as string[][])[0] as string[])[0] = `1/${MILLION}`; });
    const r = spawnSync(process.execPath, [CLI, 'check', f, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { status: string; verdict: { rule: string } };
    expect(doc).toMatchObject({ status: 'REJECTED', verdict: { rule: 'limits' } });
    const model = join(XOR, 'xor_overlap.pth');
    const env = { ...process.env, OHC_MAX_FILE_BYTES: '100' };
    const reg = spawnSync(process.execPath, [CLI, 'regions', '--model', model, '--data', join(XOR, 'xor_points.npy')], { encoding: 'utf8', env });
    expect(reg.status).toBe(2);
    expect(reg.stderr).toContain(`${model}: file: `);
    const chk = spawnSync(process.execPath, [CLI, 'check', join(GOLDEN, 'xor-overlap.ohcb')], { encoding: 'utf8', env });
    expect(chk.status).toBe(1);
    expect(chk.stdout).toMatch(/rejected by rule limits .*OHC_MAX_FILE_BYTES/);
  });
});
