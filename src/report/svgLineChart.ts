// svgLineChart.ts: a small line chart over the certified layers (counts per layer), as inline SVG.
import { escapeHtml } from './escapeHtml.js';

/** One line of a chart. */
export interface Series {
  readonly name: string;
  /** One value per x (null: no point). */
  readonly values: readonly (number | null)[];
  readonly color: string;
  readonly dashed?: boolean;
}

const W = 360;
const H = 220;
const L = 44;
const R = 10;
const T = 24;
const B = 44;

/** Round tick step for a range up to `max` with about `n` ticks. */
export function niceStep(max: number, n = 5): number {
  if (max <= 0) return 1;
  const raw = max / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  return Math.max(1, step);
}

/**
 * An SVG line chart (class `chart`, `data-chart` = id) of integer counts against the layers `xs`,
 * with axes, ticks, markers and a legend.
 */
export function lineChartSvg(id: string, title: string, xs: readonly number[], series: readonly Series[], xLabel = 'layer'): string {
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const pw = W - L - R;
  const ph = H - T - B;
  const px = (i: number): number => L + (xs.length <= 1 ? pw / 2 : (i * pw) / (xs.length - 1));
  const py = (v: number): number => T + ph - (v / top) * ph;
  const out = [`<svg class="chart" data-chart="${escapeHtml(id)}" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}">`];
  out.push(`<text x="${W / 2}" y="15" text-anchor="middle" class="chart-title">${escapeHtml(title)}</text>`);
  for (let v = 0; v <= top + 1e-9; v += step) {
    out.push(`<line x1="${L}" x2="${W - R}" y1="${py(v).toFixed(1)}" y2="${py(v).toFixed(1)}" class="grid"/><text x="${L - 5}" y="${(py(v) + 4).toFixed(1)}" text-anchor="end" class="tick">${v}</text>`);
  }
  const every = Math.ceil(xs.length / 12);
  xs.forEach((x, i) => {
    if (i % every === 0 || i === xs.length - 1) out.push(`<text x="${px(i).toFixed(1)}" y="${T + ph + 15}" text-anchor="middle" class="tick">${x}</text>`);
  });
  out.push(`<line x1="${L}" x2="${W - R}" y1="${T + ph}" y2="${T + ph}" class="axis"/><line x1="${L}" x2="${L}" y1="${T}" y2="${T + ph}" class="axis"/>`);
  out.push(`<text x="${L + pw / 2}" y="${T + ph + 29}" text-anchor="middle" class="tick">${escapeHtml(xLabel)}</text>`);
  for (const s of series) {
    const pts = s.values.map((v, i) => (v === null ? null : `${px(i).toFixed(1)},${py(v).toFixed(1)}`));
    const runs: string[][] = [[]];
    for (const p of pts) {
      if (p === null) runs.push([]);
      else (runs[runs.length - 1] as string[]).push(p);
    }
    for (const run of runs) if (run.length > 1) out.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="5 3"' : ''}/>`);
    s.values.forEach((v, i) => {
      if (v !== null) out.push(`<circle cx="${px(i).toFixed(1)}" cy="${py(v).toFixed(1)}" r="2.8" fill="${s.color}"><title>${escapeHtml(`${s.name}, ${xLabel} ${xs[i]}: ${v}`)}</title></circle>`);
    });
  }
  // legend below the x label
  let lx = L;
  for (const s of series) {
    out.push(`<line x1="${lx}" x2="${lx + 16}" y1="${H - 6}" y2="${H - 6}" stroke="${s.color}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="5 3"' : ''}/><text x="${lx + 20}" y="${H - 2}" class="legend">${escapeHtml(s.name)}</text>`);
    lx += 28 + 6.5 * s.name.length;
  }
  out.push('</svg>');
  return out.join('');
}

/**
 * A stacked bar chart (class `chart`) of a distribution per layer: `stacks[i]` maps a category to
 * its count at `xs[i]`; bars are normalised to 100 %.
 */
export function stackedBarSvg(id: string, title: string, xs: readonly number[], stacks: readonly Record<string, number>[], color: (cat: string) => string, catLabel: (cat: string) => string): string {
  const cats = [...new Set(stacks.flatMap((s) => Object.keys(s)))].sort((a, b) => Number(a) - Number(b));
  const pw = W - L - R;
  const ph = H - T - B;
  const bw = Math.min(28, (pw / Math.max(1, xs.length)) * 0.7);
  const px = (i: number): number => L + ((i + 0.5) * pw) / Math.max(1, xs.length);
  const out = [`<svg class="chart" data-chart="${escapeHtml(id)}" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}">`];
  out.push(`<text x="${W / 2}" y="15" text-anchor="middle" class="chart-title">${escapeHtml(title)}</text>`);
  for (const v of [0, 25, 50, 75, 100]) {
    const y = T + ph - (v / 100) * ph;
    out.push(`<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" class="grid"/><text x="${L - 5}" y="${y + 4}" text-anchor="end" class="tick">${v}%</text>`);
  }
  stacks.forEach((s, i) => {
    const total = Object.values(s).reduce((a, b) => a + b, 0) || 1;
    let acc = 0;
    for (const c of cats) {
      const v = s[c] ?? 0;
      if (v === 0) continue;
      const y0 = T + ph - ((acc + v) / total) * ph;
      const h = (v / total) * ph;
      out.push(`<rect x="${(px(i) - bw / 2).toFixed(1)}" y="${y0.toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="${color(c)}"><title>${escapeHtml(`layer ${xs[i]}: ${catLabel(c)}: ${v} samples`)}</title></rect>`);
      acc += v;
    }
    out.push(`<text x="${px(i).toFixed(1)}" y="${T + ph + 15}" text-anchor="middle" class="tick">${xs[i]}</text>`);
  });
  out.push(`<line x1="${L}" x2="${W - R}" y1="${T + ph}" y2="${T + ph}" class="axis"/>`);
  out.push(`<text x="${L + pw / 2}" y="${T + ph + 29}" text-anchor="middle" class="tick">layer</text>`);
  let lx = L;
  for (const c of cats) {
    const label = catLabel(c);
    out.push(`<rect x="${lx}" y="${H - 12}" width="10" height="10" fill="${color(c)}"/><text x="${lx + 14}" y="${H - 3}" class="legend">${escapeHtml(label)}</text>`);
    lx += 22 + 6.5 * label.length;
  }
  out.push('</svg>');
  return out.join('');
}
