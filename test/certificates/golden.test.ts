// golden.test.ts: the golden bundles of certificates/golden/: every verdict as expected.json says, and regeneration is byte-identical.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type GoodName, WITH_HOMOLOGY, expectedJson, makeBad, makeGood } from '../bench/makeGolden.js';
import { main } from '../../src/cli/main.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const GOLDEN = join(ROOT, 'certificates', 'golden');

interface Entry {
  file: string;
  status: 'VERIFIED' | 'REJECTED';
  rule: string | null;
  args: string[];
  what: string;
}

const expected = JSON.parse(readFileSync(join(GOLDEN, 'expected.json'), 'utf8')) as { format: string; bundles: Entry[] };

/** `ohc check` in process, as the CLI runs it; paths in expected.json are relative to the repository root. */
function check(e: Entry): { code: number; lines: string[] } {
  const lines: string[] = [];
  const capture = (s: string): void => {
    lines.push(...s.split('\n'));
  };
  const abs = (a: string): string => (a.startsWith('--') ? a : resolve(ROOT, a));
  const code = main(['check', abs(e.file), ...e.args.map(abs)], capture, capture);
  return { code, lines };
}

describe('golden bundles: ohc check verdicts', () => {
  it('expected.json lists every golden bundle, good and bad', () => {
    expect(expected.format).toBe('ohc-golden/1');
    const files = new Set(expected.bundles.map((e) => e.file.replace(/^certificates\/golden\//, '')));
    for (const f of [
      'xor-overlap', 'xor-rank', 'random-2d', 'd-i-model-0', 'd-i-betti', 'rp2-q', 'xor-overlap-homology', 'random-2d-homology',
      'bad-wrong-witness', 'bad-farkas-sign', 'bad-missing-decision', 'bad-carried-record', 'bad-forged-class', 'bad-other-inputs', 'bad-truncated',
      'bad-betti-off-by-one', 'bad-tie-choices', 'bad-edge-collapse-dominator', 'bad-rank-low-repeat', 'bad-dropped-cocycle',
    ]) {
      expect(files.has(`${f}.ohcb`), f).toBe(true);
    }
    for (const e of expected.bundles) expect(e.status === 'VERIFIED' ? e.rule === null : typeof e.rule === 'string', e.file).toBe(true);
  });

  for (const e of expected.bundles) {
    const name = `${e.file.replace(/^certificates\/golden\//, '')}${e.args.length > 0 ? ` ${e.args.filter((a) => !a.startsWith('--')).map((a) => a.split('/').pop()).join(' ')}` : ''}: ${e.status}${e.rule === null ? '' : ` by ${e.rule}`}`;
    it(name, () => {
      const r = check(e);
      const text = r.lines.join('\n');
      expect(r.code, text).toBe(e.status === 'VERIFIED' ? 0 : 1);
      expect(r.lines[r.lines.length - 1], text).toBe(`s ${e.status}`);
      expect(r.lines.filter((l) => /^s /.test(l)), text).toHaveLength(1);
      expect(r.lines.slice(0, -1).every((l) => l.startsWith('c ')), text).toBe(true);
      if (e.status === 'REJECTED') {
        const why = r.lines.filter((l) => l.startsWith('c rejected by rule '));
        expect(why, text).toHaveLength(1);
        expect(why[0], text).toMatch(new RegExp(`^c rejected by rule ${e.rule} at line [0-9]+`));
      } else {
        expect(text).not.toContain('c rejected');
        if (e.args.length > 0) expect(text).toContain('inputs match the bundle');
      }
    });
  }
});

describe('golden bundles: regeneration is deterministic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ohc-golden-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const same = (name: string): void => {
    const a = readFileSync(join(dir, name));
    const b = readFileSync(join(GOLDEN, name));
    expect(a.equals(b), `${name} differs from the committed file (run npm run golden)`).toBe(true);
  };

  it('XOR and random-2d bundles (and random-2d model/data files) are byte-identical', () => {
    const names: GoodName[] = ['xor-overlap.ohcb', 'xor-rank.ohcb', 'random-2d.ohcb'];
    makeGood(dir, names);
    for (const n of [...names, 'random-2d.model.json', 'random-2d.data.json']) same(n);
  });

  it('homology bundles (ohc betti --out, ohc certify --complex; RP^2 complex and data files) are byte-identical', () => {
    makeGood(dir, WITH_HOMOLOGY);
    for (const n of [...WITH_HOMOLOGY, 'rp2.complex.json', 'rp2.data.json']) same(n);
  });

  it('bad bundles derived from the regenerated good ones are byte-identical; expected.json is current', () => {
    for (const p of makeBad(dir)) same(p.slice(dir.length + 1));
    expect(expectedJson()).toBe(readFileSync(join(GOLDEN, 'expected.json'), 'utf8'));
  });

  it('D-I model 0 bundle is byte-identical', () => {
    makeGood(dir, ['d-i-model-0.ohcb']);
    same('d-i-model-0.ohcb');
  });
});
