// summaryCsv.ts: summary.csv, one row per certified layer.
import type { ReportSummary } from './reportData.js';

const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * CSV (RFC 4180, `\n` line ends) with a header row and one row per certified layer: verdict,
 * profile, layer, regions, decisions, pruned, yes, gluings, classes, glued_points,
 * boundary_points, rank_histogram (`rank:samples` separated by spaces), betti_cone,
 * betti_metric (b0 b1 …). Empty fields: not established (unverified bundle, or not certified).
 */
export function summaryCsv(s: ReportSummary): string {
  const head = ['verdict', 'profile', 'layer', 'regions', 'decisions', 'pruned', 'yes', 'gluings', 'classes', 'glued_points', 'boundary_points', 'rank_histogram', 'betti_cone', 'betti_metric'];
  const v = (x: number | null): string => (x === null ? '' : String(x));
  const rows = s.layers.map((l) =>
    [s.verdict, s.profile, String(l.layer), String(l.regions), v(l.decisions), v(l.pruned), v(l.yes), v(l.gluings), v(l.classes), v(l.gluedPoints), String(l.boundaryPoints), Object.entries(l.rankHistogram).map(([r, c]) => `${r}:${c}`).join(' '), l.betti.cone?.join(' ') ?? '', l.betti.metric?.join(' ') ?? ''].map(q).join(','),
  );
  return `${[head.join(','), ...rows].join('\n')}\n`;
}
