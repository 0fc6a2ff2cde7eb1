// renderReportHtml.ts: the report page: one static HTML file, inline CSS and SVG, no script, no network.
import { escapeHtml as esc } from './escapeHtml.js';
import { SERIES_COLORS, categoryColor } from './palette.js';
import type { LayerSummary, ReportData, ReportSummary } from './reportData.js';
import { classColors, regionColors, scatterSvg } from './svgScatter.js';
import { type Series, lineChartSvg, stackedBarSvg } from './svgLineChart.js';

/** At most this many float-disagreement rows are shown in the page (all are in summary.json). */
export const FLOAT_ROWS_SHOWN = 400;

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:1180px;margin:0 auto;padding:16px 24px 40px}
h1{font-size:22px;margin:8px 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 6px}
.verdict{display:flex;gap:16px;align-items:center;padding:12px 16px;border-radius:6px;font-size:15px}
.verdict .status{font-size:26px;font-weight:700;letter-spacing:.04em}
.verdict.verified{background:#e3f4e3;border:2px solid #2e8b2e;color:#155215}
.verdict.rejected{background:#fbe4e4;border:2px solid #c62828;color:#7f1111}
table{border-collapse:collapse;margin:6px 0 10px;background:#fff}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right;vertical-align:top}
th{background:#f0f0f0}th[colspan]{text-align:center}td.l,th.l{text-align:left}
table.kv td:first-child{text-align:left;color:#555;white-space:nowrap}table.kv td{text-align:left}
code,.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;word-break:break-all}
.charts,.scatters{display:flex;flex-wrap:wrap;gap:12px}
figure{margin:0;background:#fff;border:1px solid #e2e2e2;border-radius:4px;padding:6px}
figcaption{font-size:12px;color:#555;max-width:360px}
.note{color:#555;font-size:13px}.warn{color:#7f1111;font-weight:600}
svg text{font-family:system-ui,"DejaVu Sans",sans-serif}
.panel-title,.chart-title{font-size:12px;font-weight:600;fill:#333}.tick,.legend{font-size:10px;fill:#444}
.frame{fill:#fff;stroke:#ccc}.grid{stroke:#eee}.axis{stroke:#888}
ul.rules li{margin:4px 0}
`;

const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '<td class="na">–</td>' : `<td>${v}</td>`);
const fmtBetti = (b: readonly number[] | undefined): string => (b === undefined ? '–' : b.join(' '));
const rankText = (h: Record<string, number>): string => Object.entries(h).map(([r, c]) => `${r}:${c}`).join(' ');

function verdictBlock(s: ReportSummary): string {
  if (s.verdict === 'VERIFIED') {
    return `<div id="verdict" class="verdict verified"><span class="status">VERIFIED</span><span>The independent checker (<code>src/checker</code>) validated every certificate of this bundle${s.inputsChecked ? ', and the given model and data files are exactly its inputs' : ''}.</span></div>`;
  }
  const r = s.rejection;
  const where = r === null ? '' : Object.entries(r.step).map(([k, v]) => `${k} ${v}`).join(', ');
  return `<div id="verdict" class="verdict rejected"><span class="status">REJECTED</span><span>rule <b id="rejected-rule">${esc(r?.rule ?? '?')}</b>${where === '' ? '' : ` at ${esc(where)}`}: ${esc(r?.reason ?? '')}</span></div>
<p class="warn">Nothing in this bundle is certified. Regions, ranks and boundary points below are recomputed from the embedded network and points; the bundle's decisions, classes and Betti numbers are not shown.</p>`;
}

function inputsTable(s: ReportSummary): string {
  const file = (name: string, f: { path: string; sha256: string } | null): string =>
    `<tr><td>${name}</td><td>${f === null ? '–' : `${esc(f.path)}<br><span class="mono">sha256 ${esc(f.sha256)}</span>`}</td></tr>`;
  const sel = [s.selection.class === null ? 'all points' : `class ${s.selection.class}`, s.selection.correct ? 'correctly classified' : null].filter((x) => x !== null).join(', ');
  return `<table id="inputs" class="kv">
<tr><td>bundle</td><td>${esc(s.bundle.path)} (${s.bundle.bytes.toLocaleString('en-US')} bytes)<br><span class="mono">sha256 ${s.bundle.sha256}</span></td></tr>
${file('model', s.inputs.model)}${file('data', s.inputs.data)}${file('labels', s.inputs.labels)}
<tr><td>inputs confirmed</td><td>${s.inputsChecked ? 'yes: the files given with --model/--data have these sha256 and hold exactly the embedded network and points' : 'no (run with --model and --data to confirm the files)'}</td></tr>
<tr><td>selection</td><td>${esc(sel)}: ${s.selection.samples} samples</td></tr>
<tr><td>profile</td><td>${esc(s.profile)}${s.profile === 'reference' ? ' (the paper\'s conventions: points rounded to float32, box [−100, 100]^d, output-layer sign bits, sensitivity prune)' : ' (points exactly as stored, codeword bits of ReLU layers only, no box, no prune)'}</td></tr>
<tr><td>network</td><td>${s.widths.length === 0 ? 'none (a Betti-only bundle)' : esc(s.widths.join(' → '))}</td></tr>
<tr><td>certified layers</td><td>${s.certifiedLayers.length === 0 ? 'none' : esc(s.certifiedLayers.join(', '))}</td></tr>
<tr><td>tool</td><td>${esc(s.tool)}</td></tr>
</table>`;
}

function layerTable(s: ReportSummary): string {
  const ref = s.profile === 'reference';
  const quotients = s.homology?.quotients ?? [];
  const head = ['layer', 'regions', 'decisions', ...(ref ? ['pruned'] : []), 'yes', 'gluings', 'classes', 'glued points', 'boundary points', 'rank profile (rank:samples)', ...quotients.map((q) => `Betti ${q}`)];
  const rows = s.layers.map((l: LayerSummary) => {
    const betti = quotients.map((q) => `<td class="betti" data-quotient="${esc(q)}">${fmtBetti(l.betti[q as 'cone' | 'metric'])}</td>`).join('');
    return `<tr data-layer="${l.layer}"><td>${l.layer}</td><td>${l.regions}</td>${cell(l.decisions)}${ref ? cell(l.pruned) : ''}${cell(l.yes)}${cell(l.gluings)}${cell(l.classes)}${cell(l.gluedPoints)}<td>${l.boundaryPoints}</td><td class="l mono">${esc(rankText(l.rankHistogram))}</td>${betti}</tr>`;
  });
  return `<table id="layer-table"><thead><tr>${head.map((h, i) => `<th${i === head.length - 1 && quotients.length === 0 ? ' class="l"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p class="note">decisions: pairs (sample j, region n ≠ region of j) settled by a certificate or rule, as the checker counts them${ref ? ' (pairs in region pairs skipped by the sensitivity prune are under “pruned”)' : ''}; pairs whose sample and region lie inside one class carried from the previous layer are not decided (their answers cannot change a class); yes: of those, the pairs where another point of region n maps onto j's image; gluings: region pairs glued by the product rule among the decided pairs; classes and glued points include the classes carried from earlier layers; boundary points: samples with some pre-activation exactly 0 at a codeword layer ≤ l; rank profile: rank of the local map of each sample's region.</p>`;
}

function charts(s: ReportSummary): string {
  const xs = s.layers.map((l) => l.layer);
  const ok = s.verdict === 'VERIFIED';
  const figs: string[] = [];
  const fig = (svg: string, cap: string): string => `<figure>${svg}<figcaption>${cap}</figcaption></figure>`;
  const rg: Series[] = [{ name: 'regions', values: s.layers.map((l) => l.regions), color: SERIES_COLORS[0] as string }];
  if (ok) rg.push({ name: 'gluings', values: s.layers.map((l) => l.gluings), color: SERIES_COLORS[3] as string });
  figs.push(fig(lineChartSvg('regions', ok ? 'Regions and gluings per layer' : 'Regions per layer', xs, rg), `Sample-bearing activation regions${ok ? '; region pairs glued by the product rule at the layer' : ''}.`));
  if (ok) {
    figs.push(fig(lineChartSvg('classes', 'Overlap classes per layer', xs, [{ name: 'classes', values: s.layers.map((l) => l.classes), color: SERIES_COLORS[1] as string }]), 'Classes of glued samples, including those carried from earlier layers.'));
  }
  const pc: Series[] = [{ name: 'boundary points', values: s.layers.map((l) => l.boundaryPoints), color: SERIES_COLORS[4] as string }];
  if (ok) pc.unshift({ name: 'glued points', values: s.layers.map((l) => l.gluedPoints), color: SERIES_COLORS[2] as string });
  figs.push(fig(lineChartSvg('points', 'Glued points and points on boundaries', xs, pc), `Out of ${s.selection.samples} samples.`));
  const maxRank = s.inputDim ?? 3;
  figs.push(fig(stackedBarSvg('ranks', 'Rank profile: samples by rank of the local map', xs, s.layers.map((l) => l.rankHistogram), (c) => categoryColor(Math.max(0, maxRank - Number(c)) * 2), (c) => `rank ${c}`), 'Share of samples per rank of their region\'s local map (rank < input dimension: the network collapses directions there).'));
  const h = s.homology;
  // the Betti numbers per layer come first: they are what the analysis is for
  const bettiFigs: string[] = [];
  if (h !== null && xs.length > 0) {
    for (const q of h.quotients) {
      const series: Series[] = Array.from({ length: h.maxDim + 1 }, (_, k) => ({ name: `b${k}`, values: s.layers.map((l) => l.betti[q as 'cone' | 'metric']?.[k] ?? null), color: SERIES_COLORS[k % SERIES_COLORS.length] as string }));
      bettiFigs.push(fig(lineChartSvg(`betti-${q}`, `Betti numbers of the ${q} quotient per layer`, xs, series), `Certified over ${h.field === 'q' ? 'Q' : 'GF(2)'}; the complex itself (layer 0): ${fmtBetti(h.base ?? undefined)}.`));
    }
  }
  return `<div class="charts">${[...bettiFigs, ...figs].join('\n')}</div>`;
}

function homologySection(s: ReportSummary): string {
  const h = s.homology;
  if (h === null) {
    return `<p id="no-homology">${s.verdict === 'VERIFIED' ? 'No homology was certified in this bundle (the run that wrote it was not asked for Betti numbers).' : 'No homology is shown: the bundle is not verified.'}</p>`;
  }
  // column groups: one per quotient (the complex itself, layer 0, sits in the first group)
  const groups = h.quotients.length > 0 ? h.quotients : ['none'];
  const layersOf = [...new Set(h.targets.map((t) => t.layer))].sort((a, b) => a - b);
  const rows = layersOf.map((l) => {
    const cells = groups.map((q, gi) => {
      const t = h.targets.find((x) => x.layer === l && x.quotient === (l === 0 ? (gi === 0 ? 'none' : '') : q));
      if (t === undefined) return `<td colspan="3" class="na">${l === 0 ? '' : '–'}</td>`;
      return `<td class="betti" data-quotient="${esc(t.quotient)}">${fmtBetti(t.betti)}</td><td>${t.steps}</td><td class="l mono">${esc(t.simplices.join(' '))}</td>`;
    });
    return `<tr data-layer="${l}"><td>${l === 0 ? '0: the complex' : l}</td>${cells.join('')}</tr>`;
  });
  return `<p>Complex <code>${esc(h.complex)}</code> on the samples, field ${h.field === 'q' ? 'Q' : 'GF(2)'}, Betti numbers b<sub>0</sub>…b<sub>${h.maxDim}</sub>, as the checker verified them${h.tieChoices > 0 ? `; ${h.tieChoices} neighbour choices decided by the tie rule` : ''}.</p>
<table id="betti-table"><thead><tr><th rowspan="2">layer</th>${groups.map((q) => `<th colspan="3">${q === 'none' ? 'the complex' : `${esc(q)} quotient`}</th>`).join('')}</tr>
<tr>${groups.map(() => '<th>Betti b<sub>0</sub> b<sub>1</sub> …</th><th>collapse steps</th><th class="l">simplices per dim after collapse</th>').join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function scatterSection(s: ReportSummary, d: ReportData): string {
  const dim = s.inputDim ?? 0;
  if (d.figures.points.length === 0) return '<p class="note">No samples to draw.</p>';
  const xy = d.figures.points.map((p) => [p[0] ?? 0, dim >= 2 ? (p[1] ?? 0) : 0] as [number, number]);
  if (d.figures.layers.length === 0) {
    const one = scatterSvg(0, xy, [{ title: `${xy.length} samples`, colors: xy.map(() => SERIES_COLORS[0] as string), labels: xy.map((_, j) => `sample ${j}`) }]);
    return `<p class="note">No certified layer: the samples alone.</p><div class="scatters"><figure class="layer-fig" data-layer="0">${one}</figure></div>`;
  }
  const note = dim === 2 ? '' : dim === 1 ? '<p class="note">1-D inputs: drawn on a line.</p>' : `<p class="note">${dim}-D inputs: drawn as the projection onto (x<sub>0</sub>, x<sub>1</sub>).</p>`;
  const ok = s.verdict === 'VERIFIED';
  const figs = d.figures.layers.map((l) => {
    const R = new Set(l.regionOf).size;
    const C = s.layers.find((x) => x.layer === l.layer)?.classes;
    const panels = [{ title: `layer ${l.layer}: ${R} regions`, colors: regionColors(l.regionOf), labels: l.regionOf.map((r, j) => `sample ${j}, region ${r}`) }];
    if (ok) panels.push({ title: `layer ${l.layer}: ${C ?? 0} classes`, colors: classColors(l.classOf), labels: l.classOf.map((c, j) => (c < 0 ? `sample ${j}, no class` : `sample ${j}, class ${c}`)) });
    return `<figure class="layer-fig" data-layer="${l.layer}">${scatterSvg(l.layer, xy, panels)}</figure>`;
  });
  return `${note}<p class="note">Left: samples coloured by activation region (region ids as in FORMAT.md: 0, 1, … in order of the first sample). ${ok ? 'Right: coloured by overlap class; samples in no class are grey.' : ''}</p><div class="scatters">${figs.join('\n')}</div>`;
}

function floatSection(s: ReportSummary): string {
  const f = s.floatDisagreements;
  if (f === null) return '';
  const lrows = f.layers.filter((l) => l.yes > 0).map((l) => `<tr data-layer="${l.layer}"><td>${l.layer}</td><td>${l.yes}</td><td>${l.onFacet}</td><td>${l.facetRejected}</td><td>${l.allcloseRejected}</td><td>${l.exactClasses} / ${l.exactGluedPoints}</td><td>${l.floatClasses} / ${l.floatGluedPoints}</td></tr>`);
  const shown = f.items.slice(0, FLOAT_ROWS_SHOWN);
  const irows = shown.map((d) => `<tr><td>${d.layer}</td><td>${d.sample}</td><td>${d.region}</td><td class="l">${d.exactRule}</td><td class="l">${d.floatRule}</td><td>${d.tightRows}</td><td class="l mono">${esc(d.detail)}</td></tr>`);
  return `<h2 id="float-heading">Exact decisions the paper's float rules may reject</h2>
<p>The reference code (KBeshkov/QuotientHomology, <code>find_intersection</code>) accepts an overlap only if two float checks pass on its LP's point (method.md section 6, items 1–2). Every certified yes decision below was replayed through those checks on our exact witness.</p>
<h3>Simulated</h3><ul class="rules">${f.simulated.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>
<h3>Not simulated</h3><ul class="rules">${f.notSimulated.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>
<p class="note">Per certified layer with some yes decision (outside pruned region pairs):</p>
<table id="float-layers"><thead><tr><th>layer</th><th>yes decisions</th><th>witness on a facet (exact)</th><th>rejected by facet check</th><th>rejected by allclose</th><th>exact classes / glued</th><th>with rejections dropped</th></tr></thead><tbody>${lrows.join('')}</tbody></table>
<p class="note">Witness on a facet: the exact witness satisfies some row of G_n with equality, so the paper's no-tolerance check on it depends on rounding alone (of z, of the normalised row, of the sum); the simulation may keep such a decision where HiGHS's point, another point of the same facet, is rejected (on the XOR overlap net the paper's code misses the layer-2 gluing this way, method.md section 6). With rejections dropped: the classes the product rule gives when the rejected decisions are removed and everything else is as certified.</p>
${f.items.length === 0 ? '<p id="float-none">No certified decision is rejected by the simulated float rules.</p>' : `<table id="float-table"><thead><tr><th>layer</th><th>sample j</th><th>region n</th><th class="l">exact rule</th><th class="l">float rule</th><th>tight rows</th><th class="l">what the float check saw</th></tr></thead><tbody>
${irows.join('\n')}
</tbody></table>${f.items.length > shown.length ? `<p class="note">${shown.length} of ${f.items.length} rows shown; all are in summary.json.</p>` : ''}`}`;
}

/** The complete report page for `d`. */
export function renderReportHtml(d: ReportData): string {
  const s = d.summary;
  const cons = s.consistency.length === 0 ? '' : `<p class="warn">The report's own recomputation disagrees with the checker: ${esc(s.consistency.join('; '))}. The checker's counts are shown.</p>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>ohc report: ${esc(s.bundle.path)}</title><style>${CSS}</style></head>
<body><main>
<h1>Overlap-homology report</h1>
${verdictBlock(s)}
${cons}
<h2 id="inputs-heading">Inputs</h2>
${inputsTable(s)}
<h2 id="layers-heading">Per layer</h2>
${s.layers.length === 0 ? '<p id="no-layers">No certified layer: this bundle certifies a complex on the samples alone.</p>' : `${layerTable(s)}\n${charts(s)}`}
<h2 id="homology-heading">Homology</h2>
${homologySection(s)}
<h2 id="scatter-heading">Samples by region and by overlap class</h2>
${scatterSection(s, d)}
${floatSection(s)}
<p class="note">Written by <code>ohc report</code> (${esc(s.tool)}). Static page: inline SVG and CSS, no script, no network. Machine-readable: <a href="summary.json">summary.json</a>, <a href="summary.csv">summary.csv</a>.</p>
</main></body></html>
`;
}
