// malformed.test.ts: every file of the malformed-input corpus (test/io/malformed/) is refused by
// `ohc certify` with exit 2, an error naming the file and the field, quickly, in bounded memory,
// writing nothing and executing nothing.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CORPUS, PWNED_MARKER, corpusIndex } from './malformed/make.js';

const DIR = join(import.meta.dirname, 'malformed');
const XOR = resolve(import.meta.dirname, '..', '..', 'certificates', 'examples', 'xor');
const GOOD = { model: join(XOR, 'xor_overlap.pth'), data: join(XOR, 'xor_points.npy') };
/** Generous bounds per file (the slowest file takes well under 100 ms on an idle machine). */
const MAX_MS = 2000;
const MAX_HEAP_GROWTH = 256 * 1024 * 1024;

const tmp = mkdtempSync(join(tmpdir(), 'ohc-malformed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const worst = { ms: 0, msFile: '', heap: 0, heapFile: '' };
afterAll(() => {
  console.log(`malformed corpus: ${CORPUS.length} files; slowest ${worst.ms.toFixed(0)} ms (${worst.msFile}); largest heap growth ${(worst.heap / 2 ** 20).toFixed(1)} MiB (${worst.heapFile})`);
});

describe('malformed-input corpus', () => {
  it('has at least 50 files; the committed files and index.json are exactly what make.ts generates', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CORPUS.map((e) => e.file)).size).toBe(CORPUS.length);
    const roles = new Set(CORPUS.map((e) => e.role));
    expect([...roles].sort()).toEqual(['data', 'labels', 'model']);
    for (const e of CORPUS) {
      const path = join(DIR, e.file);
      expect(existsSync(path), `${e.file} is missing: npm run build && node dist/test/io/malformed/make.js`).toBe(true);
      expect(Buffer.compare(readFileSync(path), Buffer.from(e.bytes())), `${e.file} differs from make.ts`).toBe(0);
    }
    expect(readFileSync(join(DIR, 'index.json'), 'utf8')).toBe(corpusIndex());
    const onDisk = readdirSync(DIR).filter((f) => f !== 'index.json' && f !== 'make.ts' && f !== '.gitattributes');
    expect(onDisk.sort()).toEqual(CORPUS.map((e) => e.file).sort());
  });

  for (const e of CORPUS) {
    it(`${e.file}: ${e.wrong}`, () => {
      const dir = mkdtempSync(join(tmp, 'case-'));
      const file = join(dir, e.file);
      copyFileSync(join(DIR, e.file), file);
      const before = readdirSync(dir).sort();
      const args = ['certify', '--model', e.role === 'model' ? file : GOOD.model, '--data', e.role === 'data' ? file : GOOD.data];
      if (e.role === 'labels') args.push('--labels', file, '--class', '0');
      args.push('--out', join(dir, 'out.ohcb'));
      const out: string[] = [];
      const err: string[] = [];
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const code = main(args, (s) => out.push(s), (s) => err.push(s));
      const ms = performance.now() - t0;
      const heap = process.memoryUsage().heapUsed - heap0;
      if (ms > worst.ms) Object.assign(worst, { ms, msFile: e.file });
      if (heap > worst.heap) Object.assign(worst, { heap, heapFile: e.file });

      expect(code, err.join('\n')).toBe(2);
      const msg = err.join('\n');
      const prefix = `ohc: error: ${file}: `;
      expect(msg.startsWith(prefix), msg).toBe(true);
      const rest = msg.slice(prefix.length);
      expect(rest, 'the field').toMatch(new RegExp(`^(?:${e.field}): `));
      expect(rest, 'the message').toMatch(new RegExp(e.message));
      expect(msg).not.toMatch(/\n\s+at /); // no stack trace
      expect(ms).toBeLessThan(MAX_MS);
      expect(heap).toBeLessThan(MAX_HEAP_GROWTH);
      expect(readdirSync(dir).sort(), 'nothing written').toEqual(before);
      expect(existsSync(join(dir, PWNED_MARKER)) || existsSync(PWNED_MARKER) || existsSync(join(tmpdir(), PWNED_MARKER)), 'nothing executed').toBe(false);
    });
  }
});
