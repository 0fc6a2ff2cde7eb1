// betti.test.ts: `ohc betti` end to end: table, --json, fields, file complexes, the --out bundle, errors.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'ohc-betti-'));

/** Octagon (label 1: a circle under knn-rips k=3, eps=1) plus two far points of label 0. */
const DATA = join(dir, 'octagon.csv');
writeFileSync(DATA, 'x,y,label\n3,0,1\n2,2,1\n0,3,1\n-2,2,1\n-3,0,1\n-2,-2,1\n0,-3,1\n2,-2,1\n100,100,0\n100,101/2,0\n');

/** The 6-vertex real projective plane: H_1 = Z/2, so GF(2) gives (1, 1, 1) and Q gives (1, 0, 0). */
const RP2 = [[0, 1, 2], [0, 2, 3], [0, 3, 4], [0, 4, 5], [0, 1, 5], [1, 2, 4], [2, 3, 5], [1, 3, 4], [2, 4, 5], [1, 3, 5]];
const SIX = join(dir, 'six.csv');
writeFileSync(SIX, Array.from({ length: 6 }, (_, i) => `${i},0`).join('\n'));
const RP2_FILE = join(dir, 'rp2.json');
writeFileSync(RP2_FILE, JSON.stringify({ format: 'ohc-complex/1', vertices: 6, simplices: RP2 }));

function run(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(['betti', ...argv], (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ohc betti', () => {
  it('table: selection, complex, sizes, tie choices, Betti numbers', () => {
    const r = run('--data', DATA, '--class', '1', '--complex', 'knn-rips:k=3,eps=1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('8 of 10 points, class 1; profile default');
    expect(r.out).toContain('complex knn-rips k=3 eps=1; field GF(2)');
    expect(r.out).toMatch(/vertices\s+edges\s+after reduction \(v \/ e\)\s+tie choices\s+betti\n\s+8\s+8\s+[0-9]+ \/ [0-9]+\s+0\s+1 1\n/);
  });

  it('--json: { "betti": [...] } with sizes; all points: two components more', () => {
    const r = run('--data', DATA, '--complex', 'knn-rips:k=3,eps=1', '--json', '--max-dim', '2');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Record<string, unknown>;
    expect(doc['betti']).toEqual([1, 1, 0]);
    expect(doc).toMatchObject({ field: 'gf2', maxDim: 2, points: 10, vertices: 10, tieChoices: 0, bundle: null });
    const rips = JSON.parse(run('--data', DATA, '--complex', 'rips:eps2=5', '--json').out) as Record<string, unknown>;
    expect(rips['betti']).toEqual([3, 1]);
  });

  it('file complex: RP^2 over GF(2) and over Q (torsion shows)', () => {
    const gf2 = JSON.parse(run('--data', SIX, '--complex', `file:${RP2_FILE}`, '--max-dim', '2', '--json').out) as Record<string, unknown>;
    expect(gf2['betti']).toEqual([1, 1, 1]);
    expect(gf2).toMatchObject({ simplices: 10, edges: null, vertices: 6 });
    const q = JSON.parse(run('--data', SIX, '--complex', `file:${RP2_FILE}`, '--max-dim', '2', '--field', 'q', '--json').out) as Record<string, unknown>;
    expect(q['betti']).toEqual([1, 0, 0]);
    const table = run('--data', SIX, '--complex', `file:${RP2_FILE}`);
    expect(table.out).toMatch(/vertices\s+simplices\s+after reduction \(v \/ e\)\s+tie choices\s+betti\n\s+6\s+10\s+6 \/ 15\s+0\s+1 1\n/);
  });

  it('--out: an ohc-bundle/1 with a network-less header, the homology records and end', () => {
    const out = join(dir, 'b1', 'octagon.ohcb');
    mkdirSync(join(dir, 'b1'));
    const r = run('--data', DATA, '--class', '1', '--complex', 'knn-rips:k=3,eps=5/2', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'b1'))).toEqual(['octagon.ohcb']);
    const text = readFileSync(out, 'utf8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    const recs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs.map((x) => x['t'])).toEqual(['header', 'complex', 'reduce', 'rank', 'rank', 'cohomology', 'cohomology', 'betti', 'end']);
    expect(recs[0]).toMatchObject({
      format: 'ohc-bundle/1',
      network: null,
      layers: [],
      inputs: { model: null, data: { path: 'octagon.csv' }, labels: null },
      selection: { class: 1, correct: false, indices: [0, 1, 2, 3, 4, 5, 6, 7] },
      profile: 'default',
    });
    expect((recs[0]!['points'] as string[][])[1]).toEqual(['2', '2']);
    expect(recs[1]).toEqual({ t: 'complex', spec: { kind: 'knn-rips', k: 3, eps: '5/2' }, field: 'gf2', maxDim: 1, quotients: [], tieChoices: 0 });
    expect(recs[7]).toEqual({ t: 'betti', layer: 0, quotient: 'none', betti: [1, 1] });
    const body = lines.slice(0, -1).map((l) => `${l}\n`).join('');
    expect(recs[8]).toEqual({ t: 'end', records: 8, sha256: createHash('sha256').update(body).digest('hex') });
    expect((JSON.parse(r.out) as { bundle: string }).bundle).toBe(out);
    const v = check(text);
    expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason}` : v.kind).toBe('accepted');
  });

  it('--out bundles of rips and file complexes over Q are accepted by the checker', () => {
    for (const argv of [
      ['--data', DATA, '--complex', 'rips:eps2=5', '--field', 'q'],
      ['--data', SIX, '--complex', `file:${RP2_FILE}`, '--max-dim', '2', '--field', 'q'],
      ['--data', SIX, '--complex', `file:${RP2_FILE}`, '--max-dim', '2'],
    ]) {
      const out = join(dir, 'q.ohcb');
      expect(run(...argv, '--out', out).code).toBe(0);
      const v = check(readFileSync(out));
      expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason}` : v.kind, argv.join(' ')).toBe('accepted');
    }
  });

  it('--correct --model: the network selects the points; the bundle still has no network and no model', () => {
    const xor = join(import.meta.dirname, '..', '..', 'certificates', 'examples', 'xor');
    const out = join(dir, 'xor.ohcb');
    const r = run('--data', join(xor, 'xor_points.npy'), '--labels', join(xor, 'xor_labels.npy'), '--correct', '--model', join(xor, 'xor_overlap.pth'), '--complex', 'rips:eps2=1', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^[0-9]+ of 4 points, correctly classified; profile default\n/);
    const header = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ network: null, layers: [], inputs: { model: null }, selection: { correct: true } });
    const v = check(readFileSync(out));
    expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason}` : v.kind).toBe('accepted');
  });

  it.each([
    [['--data', DATA], '--complex SPEC is required'],
    [['--data', DATA, '--complex', 'knn-rips:k=3'], 'eps=… is required'],
    [['--data', DATA, '--complex', 'rips:eps2=1', '--field', 'z'], '--field must be gf2 or q'],
    [['--data', DATA, '--complex', 'rips:eps2=1', '--max-dim', '-1'], '--max-dim'],
    [['--data', DATA, '--complex', 'rips:eps2=1', '--max-dim', '17'], 'at most 16'],
    [['--data', DATA, '--complex', 'rips:eps2=1', '--correct'], '--correct needs --model'],
    [['--data', SIX, '--complex', 'rips:eps2=1', '--class', '0'], '--class needs labels'],
    [['--complex', 'rips:eps2=1'], '--data FILE is required'],
    [['--data', DATA, '--complex', `file:${RP2_FILE}`], 'has 6 vertices, but 10 samples'],
    [['--data', DATA, '--complex', 'rips:eps2=1', '--out', dir], 'is a folder'],
    [['--data', join(dir, 'missing.csv'), '--complex', 'rips:eps2=1'], 'cannot open'],
    [['--data', DATA, '--complex', 'rips:eps2=1', '--bogus'], 'Unknown option'],
  ])('exit 2: %j', (argv, message) => {
    const r = run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('nothing is written when the run fails', () => {
    const sub = join(dir, 'b2');
    mkdirSync(sub);
    expect(run('--data', DATA, '--complex', `file:${RP2_FILE}`, '--out', join(sub, 'x.ohcb')).code).toBe(2);
    expect(readdirSync(sub)).toEqual([]);
  });

  it('usage lists the verb', () => {
    const out: string[] = [];
    main(['--help'], (s) => out.push(s));
    expect(out.join('\n')).toContain('betti    --data FILE');
  });
});
