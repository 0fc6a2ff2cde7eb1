// reportPage.test.ts: `ohc report` end to end on D-I model 0: files, summary, and the page as headless Chromium shows it.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { ReportSummary } from '../../src/report/reportData.js';
import { findChromium, pngSize, renderInChromium } from './chromium.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const GOLDEN = join(ROOT, 'certificates', 'golden');
const DI = join(ROOT, 'certificates', 'examples', 'd-i');
const CHROMIUM = findChromium();
/** Set OHC_REQUIRE_TOOLS=1 (CI) to fail instead of skipping when Chromium is absent. */
const REQUIRE_TOOLS = process.env['OHC_REQUIRE_TOOLS'] === '1';

function run(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

const tmp = mkdtempSync(join(tmpdir(), 'ohc-report-page-'));
const diDir = join(tmp, 'd-i');
const badDir = join(tmp, 'bad');
let di: ReturnType<typeof run>;
const inputs = ['--model', join(DI, 'D-I_model_0.pth'), '--data', join(DI, 'D-I-test.npy'), '--labels', join(DI, 'D-I-test-labels.npy')];

// the README's run: certify D-I model 0 with the paper's complex and both quotients, then report
beforeAll(() => {
  const bundle = join(tmp, 'd-i.ohcb');
  expect(run('certify', ...inputs, '--class', '1', '--correct', '--complex', 'knn-rips:k=14,eps=2.5', '--quotient', 'cone,metric', '--out', bundle, '--quiet').code).toBe(0);
  di = run('report', bundle, '--out', diDir, ...inputs);
});

describe('ohc report on D-I model 0 (certify --complex knn-rips:k=14,eps=2.5, inputs confirmed)', () => {
  it('exits 0, says where the report is, writes exactly index.html, summary.json, summary.csv', () => {
    expect(di.code).toBe(0);
    expect(di.out).toContain(`report ${join(diDir, 'index.html')}: VERIFIED, inputs confirmed`);
    expect(readdirSync(diDir).sort()).toEqual(['index.html', 'summary.csv', 'summary.json']);
    expect(readdirSync(tmp).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('summary.json: verdict, per-layer counts, Betti numbers, no float table (default profile)', () => {
    const s = JSON.parse(readFileSync(join(diDir, 'summary.json'), 'utf8')) as ReportSummary;
    expect(s.verdict).toBe('VERIFIED');
    expect(s.inputsChecked).toBe(true);
    expect(s.selection).toEqual({ class: 1, correct: true, samples: 282 });
    expect(s.layers.map((l) => l.regions)).toEqual([40, 61, 77, 93, 97, 100, 149, 190, 202, 202]);
    const l10 = s.layers[9];
    expect([l10?.gluings, l10?.classes, l10?.gluedPoints]).toEqual([124, 19, 155]);
    expect(s.layers.every((l) => l.rankHistogram['2'] === 282 && l.boundaryPoints === 0)).toBe(true);
    expect(s.homology).toMatchObject({ complex: 'knn-rips k=14 eps=5/2', field: 'gf2', maxDim: 1, quotients: ['cone', 'metric'], tieChoices: 67, base: [9, 0] });
    expect(s.layers.slice(0, 9).every((l) => JSON.stringify(l.betti) === '{"cone":[9,0],"metric":[9,0]}')).toBe(true);
    expect(l10?.betti).toEqual({ cone: [2, 17], metric: [2, 0] });
    expect(s.floatDisagreements).toBeNull();
    expect(s.consistency).toEqual([]);
    const csv = readFileSync(join(diDir, 'summary.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(11);
    expect(csv[10]).toBe('VERIFIED,default,10,202,56682,0,799,124,19,155,0,2:282,2 17,2 0');
  });

  it('the page is static: no script, no external reference', () => {
    const html = readFileSync(join(diDir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link |<img |<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it('replaces an earlier report in place, refuses a folder with other files (exit 2, untouched)', () => {
    const dir = join(tmp, 'replace');
    expect(run('report', join(GOLDEN, 'xor-overlap.ohcb'), '--out', dir).code).toBe(0);
    expect(run('report', join(GOLDEN, 'random-2d.ohcb'), '--out', dir).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).selection.samples).toBe(40);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('<p id="no-homology">No homology was certified in this bundle');
    expect(readdirSync(dir).sort()).toEqual(['index.html', 'summary.csv', 'summary.json']);
    const other = join(tmp, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    const r = run('report', join(GOLDEN, 'xor-overlap.ohcb'), '--out', other);
    expect(r.code).toBe(2);
    expect(r.err).toContain('holds other files');
    expect(readdirSync(other)).toEqual(['notes.txt']);
  });
});

describe('ohc report: errors and rejected bundles', () => {
  it('usage errors and unreadable bundles exit 2 and write nothing', () => {
    expect(run('report', join(GOLDEN, 'xor-overlap.ohcb')).code).toBe(2);
    expect(run('report', '--out', join(tmp, 'x')).code).toBe(2);
    expect(run('report', join(GOLDEN, 'xor-overlap.ohcb'), '--out', join(tmp, 'x'), '--model', 'm.pth').code).toBe(2);
    expect(run('report', join(tmp, 'missing.ohcb'), '--out', join(tmp, 'x')).code).toBe(2);
    expect(existsSync(join(tmp, 'x'))).toBe(false);
  });

  it('a file that is not a bundle: REJECTED by rule end (exit 1), the page has the verdict alone', () => {
    const junk = join(tmp, 'junk.ohcb');
    writeFileSync(junk, 'not a bundle\n');
    const r = run('report', junk, '--out', join(tmp, 'junk'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('REJECTED by rule end');
    expect(readFileSync(join(tmp, 'junk', 'index.html'), 'utf8')).toContain('class="status">REJECTED<');
  });

  it('a bundle bound to other inputs: REJECTED with --model (exit 1), the page says so', () => {
    const r = run('report', join(GOLDEN, 'bad-other-inputs.ohcb'), '--out', join(tmp, 'other-inputs'), '--model', join(ROOT, 'certificates', 'examples', 'xor', 'xor_overlap.pth'), '--data', join(ROOT, 'certificates', 'examples', 'xor', 'xor_points.npy'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('REJECTED by rule header');
    const s = JSON.parse(readFileSync(join(tmp, 'other-inputs', 'summary.json'), 'utf8')) as ReportSummary;
    expect([s.verdict, s.rejection?.rule, s.inputsChecked]).toEqual(['REJECTED', 'header', false]);
  });

  it('a forged class: REJECTED (exit 1); the page names the rule, warns, shows regions only (no class panel, no homology)', () => {
    const r = run('report', join(GOLDEN, 'bad-forged-class.ohcb'), '--out', badDir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('REJECTED by rule classes');
    const html = readFileSync(join(badDir, 'index.html'), 'utf8');
    expect(html).toMatch(/<div id="verdict" class="verdict rejected"><span class="status">REJECTED<\/span>/);
    expect(html).toContain('<b id="rejected-rule">classes</b>');
    expect(html).toContain('Nothing in this bundle is certified.');
    expect(html).not.toContain('>VERIFIED<');
    expect(count(html, /<svg class="scatter"/g)).toBe(3);
    expect(count(html, /<g class="panel"/g)).toBe(3);
    expect(html).toContain('No homology is shown: the bundle is not verified.');
  });
});

describe.skipIf(CHROMIUM === null && !REQUIRE_TOOLS)('the report in headless Chromium', () => {
  it('Chromium is installed (OHC_REQUIRE_TOOLS=1)', () => {
    expect(CHROMIUM, 'chromium not found: install the Debian package chromium').not.toBeNull();
  });

  it('D-I: verdict VERIFIED, one scatter SVG per layer with both panels, 10 table rows, layer 10 counts and Betti numbers; screenshot', () => {
    const shot = process.env['OHC_REPORT_SCREENSHOT'] ?? join(tmp, 'd-i.png');
    const { dom, png } = renderInChromium(CHROMIUM as string, join(diDir, 'index.html'), { screenshot: shot, width: 1280, height: 2400 });
    expect(dom).toMatch(/<div id="verdict" class="verdict verified"><span class="status">VERIFIED<\/span>/);
    expect(dom).not.toContain('REJECTED');
    expect(count(dom, /<svg class="scatter" data-layer="\d+"/g)).toBe(10);
    for (let l = 1; l <= 10; l++) expect(dom).toContain(`<svg class="scatter" data-layer="${l}"`);
    expect(count(dom, /<g class="panel"/g)).toBe(20);
    expect(count(dom, /<circle cx="[\d.]+" cy="[\d.]+" r="2.3"/g)).toBe(20 * 282);
    const tbody = /<table id="layer-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(dom)?.[1] ?? '';
    expect(count(tbody, /<tr data-layer=/g)).toBe(10);
    const row10 = /<tr data-layer="10">(.*?)<\/tr>/.exec(tbody)?.[1] ?? '';
    expect([...row10.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(['10', '202', '56682', '799', '124', '19', '155', '0', '2:282', '2 17', '2 0']);
    const betti = /<table id="betti-table">[\s\S]*?<\/table>/.exec(dom)?.[0] ?? '';
    expect(count(betti, /<tr data-layer=/g)).toBe(11);
    expect(betti).toMatch(/<tr data-layer="0"><td>0: the complex<\/td><td class="betti" data-quotient="none">9 0<\/td>/);
    expect(betti).toMatch(/<tr data-layer="10"><td>10<\/td><td class="betti" data-quotient="cone">2 17<\/td>.*<td class="betti" data-quotient="metric">2 0<\/td>/);
    expect(dom).not.toContain('id="no-homology"');
    expect(count(dom, /<svg class="chart"/g)).toBe(6);
    expect(pngSize(png as Buffer)).toEqual({ width: 1280, height: 2400 });
    expect((png as Buffer).length).toBeGreaterThan(50_000);
  });

  it('XOR overlap net, ohc certify --complex knn-rips:k=2,eps=1 --quotient cone,metric: Betti numbers per layer and quotient, where cone and metric differ', () => {
    const dir = join(tmp, 'xor-homology');
    const bundle = join(tmp, 'xor-homology.ohcb');
    const XOR = join(ROOT, 'certificates', 'examples', 'xor');
    expect(run('certify', '--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy'), '--complex', 'knn-rips:k=2,eps=1', '--quotient', 'cone,metric', '--out', bundle).code).toBe(0);
    expect(run('report', bundle, '--out', dir).code).toBe(0);
    const { dom } = renderInChromium(CHROMIUM as string, join(dir, 'index.html'), { width: 1280, height: 1200 });
    expect(dom).toContain('class="status">VERIFIED<');
    const cell = (l: number, q: string): string | undefined => new RegExp(`<tr data-layer="${l}">.*?<td class="betti" data-quotient="${q}">([^<]*)</td>`).exec(/<table id="layer-table">[\s\S]*?<\/table>/.exec(dom)?.[0] ?? '')?.[1];
    expect([1, 2, 3].map((l) => cell(l, 'cone'))).toEqual(['1 0', '1 1', '1 2']);
    expect([1, 2, 3].map((l) => cell(l, 'metric'))).toEqual(['1 0', '1 0', '1 0']);
    const betti = /<table id="betti-table">[\s\S]*?<\/table>/.exec(dom)?.[0] ?? '';
    expect(count(betti, /<tr data-layer=/g)).toBe(4);
    expect(betti).toMatch(/<tr data-layer="0"><td>0: the complex<\/td><td class="betti" data-quotient="none">1 0<\/td>/);
    expect(count(dom, /<svg class="chart" data-chart="betti-(cone|metric)"/g)).toBe(2);
    expect(dom).not.toContain('id="no-homology"');
  });
});
