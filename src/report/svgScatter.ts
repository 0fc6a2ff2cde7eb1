// svgScatter.ts: one layer's small multiple: the samples coloured by region and by overlap class.
import { escapeHtml } from './escapeHtml.js';
import { SINGLETON_COLOR, categoryColor } from './palette.js';

/** What one panel shows. */
export interface ScatterPanel {
  readonly title: string;
  /** Colour per sample. */
  readonly colors: readonly string[];
  /** Optional tooltip per sample. */
  readonly labels?: readonly string[];
}

const PANEL = 172;
const PAD = 8;
const TITLE = 18;

/** Drawing bounds with equal scale on both axes. */
export function equalAspectBounds(xy: readonly (readonly [number, number])[]): { x0: number; y0: number; span: number } {
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (const [x, y] of xy) {
    xmin = Math.min(xmin, x);
    xmax = Math.max(xmax, x);
    ymin = Math.min(ymin, y);
    ymax = Math.max(ymax, y);
  }
  if (!Number.isFinite(xmin)) return { x0: -1, y0: -1, span: 2 };
  const span = Math.max(xmax - xmin, ymax - ymin) * 1.06 || 1;
  return { x0: (xmin + xmax) / 2 - span / 2, y0: (ymin + ymax) / 2 - span / 2, span };
}

/**
 * An SVG (class `scatter`, `data-layer`) with the panels side by side, each a square plot of the
 * 2-D positions `xy` (equal scale, y up) with a title.
 */
export function scatterSvg(layer: number, xy: readonly (readonly [number, number])[], panels: readonly ScatterPanel[]): string {
  const b = equalAspectBounds(xy);
  const s = (PANEL - 2 * PAD) / b.span;
  const r = xy.length > 600 ? 1.6 : xy.length > 150 ? 2.3 : 4;
  const W = panels.length * PANEL + (panels.length - 1) * 10;
  const H = PANEL + TITLE;
  const parts = [`<svg class="scatter" data-layer="${layer}" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="layer ${layer}: samples by region and by class">`];
  panels.forEach((p, k) => {
    const ox = k * (PANEL + 10);
    parts.push(`<g class="panel" transform="translate(${ox} 0)"><text x="${PANEL / 2}" y="13" text-anchor="middle" class="panel-title">${escapeHtml(p.title)}</text>`);
    parts.push(`<rect x="0.5" y="${TITLE + 0.5}" width="${PANEL - 1}" height="${PANEL - 1}" class="frame"/>`);
    // grey first so that coloured samples are drawn on top
    const order = xy.map((_, j) => j).sort((a, c) => Number(p.colors[a] !== SINGLETON_COLOR) - Number(p.colors[c] !== SINGLETON_COLOR));
    for (const j of order) {
      const [x, y] = xy[j] as [number, number];
      const cx = PAD + (x - b.x0) * s;
      const cy = TITLE + PANEL - PAD - (y - b.y0) * s;
      const tip = p.labels?.[j];
      parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r}" fill="${p.colors[j] ?? SINGLETON_COLOR}">${tip === undefined ? '' : `<title>${escapeHtml(tip)}</title>`}</circle>`);
    }
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Colours by region id. */
export function regionColors(regionOf: readonly number[]): string[] {
  return regionOf.map((r) => categoryColor(r));
}

/** Colours by class id (−1: in no class, grey). */
export function classColors(classOf: readonly number[]): string[] {
  return classOf.map((c) => (c < 0 ? SINGLETON_COLOR : categoryColor(c * 3 + 1)));
}
