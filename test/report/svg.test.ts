// svg.test.ts: the SVG helpers: tick steps, equal-aspect bounds, escaping, one circle per sample.
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escapeHtml.js';
import { SINGLETON_COLOR } from '../../src/report/palette.js';
import { classColors, equalAspectBounds, scatterSvg } from '../../src/report/svgScatter.js';
import { lineChartSvg, niceStep, stackedBarSvg } from '../../src/report/svgLineChart.js';

describe('svg helpers', () => {
  it('niceStep: 1, 2 or 5 times a power of ten, at least 1', () => {
    expect([0, 3, 10, 19, 250, 2042, 56682].map((m) => niceStep(m))).toEqual([1, 1, 2, 5, 50, 500, 20000]);
  });

  it('equalAspectBounds: a square around the points, the same scale on both axes', () => {
    const sq = equalAspectBounds([[0, 0], [1, 1], [1, 0], [0, 1]]);
    expect([sq.x0, sq.y0, sq.span].map((v) => Number(v.toFixed(12)))).toEqual([-0.03, -0.03, 1.06]);
    const b = equalAspectBounds([[0, 0], [4, 1]]);
    expect(b.span).toBeCloseTo(4.24);
    expect(b.y0 + b.span / 2).toBeCloseTo(0.5);
    expect(equalAspectBounds([])).toEqual({ x0: -1, y0: -1, span: 2 });
  });

  it('scatterSvg: one circle per sample and panel, grey samples first, titles escaped', () => {
    const xy: [number, number][] = [[0, 0], [1, 1], [2, 0]];
    const svg = scatterSvg(3, xy, [{ title: 'a<b', colors: classColors([0, -1, 0]), labels: ['x', 'y&', 'z'] }]);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('a&lt;b');
    expect(svg).toContain('<title>y&amp;</title>');
    expect(svg.indexOf(SINGLETON_COLOR)).toBeLessThan(svg.indexOf('hsl('));
    expect(svg.startsWith('<svg class="scatter" data-layer="3"')).toBe(true);
  });

  it('lineChartSvg and stackedBarSvg: a marker per value, gaps for nulls, bars per layer', () => {
    const c = lineChartSvg('x', 'T', [1, 2, 3], [{ name: 's', values: [1, null, 3], color: '#000' }]);
    expect(c.match(/<circle /g)).toHaveLength(2);
    expect(c).not.toContain('<polyline');
    const b = stackedBarSvg('r', 'R', [1, 2], [{ '2': 3 }, { '1': 1, '2': 2 }], () => '#123', (k) => `rank ${k}`);
    expect(b.match(/<\/rect>/g)).toHaveLength(3);
    expect(escapeHtml(`<'&">`)).toBe('&lt;&#39;&amp;&quot;&gt;');
  });
});
