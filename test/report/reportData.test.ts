// reportData.test.ts: the report's summary on the golden bundles, a rejected bundle and reference-profile runs.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildReport } from '../../src/report/reportData.js';
import { renderReportHtml } from '../../src/report/renderReportHtml.js';
import { summaryCsv } from '../../src/report/summaryCsv.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const GOLDEN = join(ROOT, 'certificates', 'golden');
const XOR = join(ROOT, 'certificates', 'examples', 'xor');
const DI = join(ROOT, 'certificates', 'examples', 'd-i');
const report = (file: string) => buildReport(readFileSync(file), { bundlePath: file }).summary;
const col = <K extends keyof ReturnType<typeof report>['layers'][number]>(s: ReturnType<typeof report>, k: K) => s.layers.map((l) => l[k]);

function certify(...args: string[]): string {
  const out = join(mkdtempSync(join(tmpdir(), 'ohc-report-')), 'b.ohcb');
  const code = main(['certify', ...args, '--out', out], () => {}, () => {});
  expect(code).toBe(0);
  return out;
}

describe('buildReport: summary of a verified bundle', () => {
  it('xor-overlap: regions, gluings, classes, glued points, ranks, boundary points per layer', () => {
    const s = report(join(GOLDEN, 'xor-overlap.ohcb'));
    expect(s.verdict).toBe('VERIFIED');
    expect(s.rejection).toBeNull();
    expect(s.profile).toBe('default');
    expect(s.widths).toEqual([2, 4, 2, 1]);
    expect(col(s, 'layer')).toEqual([1, 2, 3]);
    expect(col(s, 'regions')).toEqual([3, 4, 4]);
    expect(col(s, 'decisions')).toEqual([8, 12, 10]);
    expect(col(s, 'gluings')).toEqual([0, 1, 1]);
    expect(col(s, 'classes')).toEqual([0, 1, 2]);
    expect(col(s, 'gluedPoints')).toEqual([0, 2, 4]);
    expect(col(s, 'rankHistogram')).toEqual([{ '2': 4 }, { '0': 2, '1': 2 }, { '0': 2, '1': 2 }]);
    expect(s.layers.every((l) => Object.keys(l.betti).length === 0)).toBe(true);
    expect(s.homology).toBeNull();
    expect(s.floatDisagreements).toBeNull();
    expect(s.consistency).toEqual([]);
  });

  it('random-2d: every kind of evidence; the witnesses found agree with the checker\'s yes count and re-derive the classes', () => {
    const s = report(join(GOLDEN, 'random-2d.ohcb'));
    expect(s.verdict).toBe('VERIFIED');
    expect(col(s, 'regions')).toEqual([12, 17, 17]);
    expect(col(s, 'gluings')).toEqual([0, 23, 0]);
    expect(col(s, 'classes')).toEqual([0, 4, 4]);
    expect(s.consistency).toEqual([]);
    const csv = summaryCsv(s).trimEnd().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[0]).toBe('verdict,profile,layer,regions,decisions,pruned,yes,gluings,classes,glued_points,boundary_points,rank_histogram,betti_cone,betti_metric');
    expect(csv[2]?.split(',').slice(0, 4)).toEqual(['VERIFIED', 'default', '2', '17']);
  });
});

describe('renderReportHtml: text from the bundle is escaped', () => {
  it('a verified bundle whose tool and input paths hold markup renders it as text', () => {
    const lines = readFileSync(join(GOLDEN, 'xor-overlap.ohcb'), 'utf8').trimEnd().split('\n').slice(0, -1);
    const h = JSON.parse(lines[0] as string) as { tool: string; inputs: { model: { path: string } } };
    h.tool = '<script>alert(1)</script>';
    h.inputs.model.path = '"><img src=x onerror=alert(2)>.pth';
    lines[0] = JSON.stringify(h);
    const body = `${lines.join('\n')}\n`;
    const bytes = Buffer.from(`${body}${JSON.stringify({ t: 'end', records: lines.length, sha256: createHash('sha256').update(body).digest('hex') })}\n`);
    const d = buildReport(bytes, { bundlePath: '<b>x</b>.ohcb' });
    expect(d.summary.verdict).toBe('VERIFIED');
    const html = renderReportHtml(d);
    expect(html).not.toMatch(/<script|<img|<b>x/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;.pth');
  });
});

describe('buildReport: homology records (ohc certify --complex)', () => {
  it('Betti numbers come from the checker\'s verdict: per layer and quotient, the complex itself as layer 0', () => {
    const s = report(certify('--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy'), '--complex', 'knn-rips:k=2,eps=1', '--quotient', 'cone,metric'));
    expect(s.verdict).toBe('VERIFIED');
    expect(s.homology).toMatchObject({ complex: 'knn-rips k=2 eps=1', field: 'gf2', maxDim: 1, quotients: ['cone', 'metric'], base: [1, 0] });
    expect(s.layers.map((l) => l.betti)).toEqual([{ cone: [1, 0], metric: [1, 0] }, { cone: [1, 1], metric: [1, 0] }, { cone: [1, 2], metric: [1, 0] }]);
    expect(summaryCsv(s).split('\n')[3]?.endsWith(',1 2,1 0')).toBe(true);
  });

  it('a bundle of the complex alone (ohc betti --out): the Betti numbers of layer 0, no layer table, the samples drawn', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ohc-report-')), 'betti.ohcb');
    expect(main(['betti', '--data', join(XOR, 'xor_points.npy'), '--complex', 'rips:eps2=1', '--out', out], () => {}, () => {})).toBe(0);
    const d = buildReport(readFileSync(out), { bundlePath: out });
    expect(d.summary.verdict).toBe('VERIFIED');
    expect(d.summary.layers).toEqual([]);
    expect(d.summary.homology).toMatchObject({ complex: 'rips eps2=1', quotients: [], base: [1, 1] });
    const html = renderReportHtml(d);
    expect(html).toContain('<p id="no-layers">');
    expect(html).toMatch(/<tr data-layer="0"><td>0: the complex<\/td><td class="betti" data-quotient="none">1 1<\/td>/);
    expect(html).toContain('<svg class="scatter" data-layer="0"');
  });

  it('a claimed Betti number the checker refutes is not shown', () => {
    const good = readFileSync(certify('--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy'), '--complex', 'knn-rips:k=2,eps=1', '--quotient', 'cone'), 'utf8');
    const lines = good.trimEnd().split('\n').slice(0, -1);
    const k = lines.findIndex((l) => l.includes('"t":"betti"') && l.includes('"layer":3'));
    lines[k] = (lines[k] as string).replace('"betti":[1,2]', '"betti":[1,3]');
    const body = `${lines.join('\n')}\n`;
    const forged = `${body}${JSON.stringify({ t: 'end', records: lines.length, sha256: createHash('sha256').update(body).digest('hex') })}\n`;
    const s = buildReport(Buffer.from(forged), { bundlePath: 'forged' }).summary;
    expect(s.verdict).toBe('REJECTED');
    expect(s.rejection?.rule).toBe('betti');
    expect(s.homology).toBeNull();
    expect(s.layers.every((l) => Object.keys(l.betti).length === 0)).toBe(true);
  });
});

describe('buildReport: a rejected bundle shows nothing the checker did not establish', () => {
  it('bad-forged-class: REJECTED by rule classes; decisions, classes and gluings are null', () => {
    const s = report(join(GOLDEN, 'bad-forged-class.ohcb'));
    expect(s.verdict).toBe('REJECTED');
    expect(s.rejection?.rule).toBe('classes');
    expect(col(s, 'regions')).toEqual([3, 4, 4]);
    for (const k of ['decisions', 'yes', 'gluings', 'classes', 'gluedPoints'] as const) expect(col(s, k)).toEqual([null, null, null]);
    expect(s.floatDisagreements).toBeNull();
    expect(summaryCsv(s).split('\n')[1]).toBe('REJECTED,default,1,3,,,,,,,0,2:4,,');
  });

  it('a truncated bundle and text that is no bundle at all: REJECTED, the verdict alone', () => {
    expect(buildReport(readFileSync(join(GOLDEN, 'bad-truncated.ohcb')), { bundlePath: 'x' }).summary.rejection?.rule).toBe('end');
    const s = buildReport(Buffer.from('hello\n'), { bundlePath: 'hello' }).summary;
    expect([s.verdict, s.layers, s.selection.samples]).toEqual(['REJECTED', [], 0]);
  });

  it('a verdict handed in by the caller decides; without one, only a verdict the checker minted counts', () => {
    const bytes = readFileSync(join(GOLDEN, 'xor-overlap.ohcb'));
    const rejected = { kind: 'rejected', rule: 'header', step: { line: 1 }, reason: 'inputs differ' } as const;
    expect(buildReport(bytes, { bundlePath: 'x', verdict: rejected }).summary.verdict).toBe('REJECTED');
    expect(buildReport(bytes, { bundlePath: 'x' }).summary.verdict).toBe('VERIFIED');
  });
});

describe('buildReport: reference profile against the paper\'s float rules', () => {
  it('XOR overlap net: the same-image witnesses lie on facets of G_n; float64 keeps them (small exact values), classes unchanged', () => {
    const s = report(certify('--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy'), '--profile', 'reference'));
    expect(s.verdict).toBe('VERIFIED');
    const f = s.floatDisagreements;
    expect(f).not.toBeNull();
    expect(f?.simulated.length).toBe(2);
    expect(f?.notSimulated.some((t) => t.includes('HiGHS'))).toBe(true);
    expect(f?.layers.map((l) => [l.layer, l.yes, l.onFacet])).toEqual([[1, 0, 0], [2, 2, 2], [3, 4, 2]]);
    expect(f?.items).toEqual([]);
    expect(f?.layers.map((l) => l.floatClasses)).toEqual([0, 1, 2]);
  });

  it('D-I model 0, layer 10: the float32 image check rejects 52 of 764 certified yes decisions (18 classes would become 21)', () => {
    const b = certify('--model', join(DI, 'D-I_model_0.pth'), '--data', join(DI, 'D-I-test.npy'), '--labels', join(DI, 'D-I-test-labels.npy'), '--class', '1', '--correct', '--profile', 'reference', '--layers', '10');
    const s = report(b);
    expect(s.verdict).toBe('VERIFIED');
    expect(s.consistency).toEqual([]);
    const l = s.floatDisagreements?.layers[0];
    expect(l).toMatchObject({ layer: 10, yes: 764, onFacet: 0, facetRejected: 0, allcloseRejected: 52, exactClasses: 18, exactGluedPoints: 153, floatClasses: 21, floatGluedPoints: 148 });
    const first = s.floatDisagreements?.items[0];
    expect(first).toMatchObject({ layer: 10, sample: 33, region: 5, exactRule: 'witness', floatRule: 'allclose' });
    expect(s.layers[0]?.pruned).toBeGreaterThan(0);
  });
});
