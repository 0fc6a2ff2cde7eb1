// The D-I knn-rips complex (k = 14, eps = 2.5, class-1 test points): `ohc betti --out`, then `ohc check` certifies (9, 0).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { HAVE_SHARED, shared } from '../sharedData.js';

const dir = mkdtempSync(join(tmpdir(), 'ohc-homology-'));
const run = (...argv: string[]): { code: number; out: string } => {
  const out: string[] = [];
  const code = main(argv, (s) => out.push(s), (s) => out.push(s));
  return { code, out: out.join('\n') };
};

describe.skipIf(!HAVE_SHARED)('ohc check on homology bundles', () => {
  it('D-I, class 1, knn-rips k=14 eps=2.5: c lines with the certified Betti numbers; a forged one is rejected', () => {
    const npy = (f: string): string => shared('data', 'quotienthomology', 'npy', f);
    const out = join(dir, 'd1.jsonl');
    const b = run('betti', '--data', npy('D-I-test.npy'), '--labels', npy('D-I-test-labels.npy'), '--class', '1', '--complex', 'knn-rips:k=14,eps=2.5', '--out', out);
    expect(b.code, b.out).toBe(0);
    const c = run('check', out);
    expect(c.code, c.out).toBe(0);
    expect(c.out).toContain('c complex knn-rips k=14 eps=5/2, field gf2, maxDim 1, tieChoices ');
    expect(c.out).toMatch(/\nc betti layer 0 none: 9 0 \(\d+ reduction steps; simplices 9 0\)\n/);
    expect(c.out.split('\n').at(-1)).toBe('s VERIFIED');
    // forge b_1 = 1 and re-seal the end record: rejected by rule betti, naming the step
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').slice(0, -1).map((l) => (l.startsWith('{"t":"betti"') ? l.replace('"betti":[9,0]', '"betti":[9,1]') : l));
    const body = lines.map((l) => `${l}\n`).join('');
    const sha = createHash('sha256').update(body).digest('hex');
    writeFileSync(join(dir, 'forged.jsonl'), `${body}${JSON.stringify({ t: 'end', records: lines.length, sha256: sha })}\n`);
    const f = run('check', join(dir, 'forged.jsonl'));
    expect(f.code).toBe(1);
    expect(f.out).toMatch(/c rejected by rule betti at line \d+, layer 0, quotient none, dim 1: b_1 = 1, m_1 = 0/);
  });
});
