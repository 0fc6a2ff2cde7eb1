// regionsCommand.ts: `ohc regions`: regions, boundary points and rank classes per layer.
import { parseArgs } from 'node:util';
import { computeLayers } from '../net/regions.js';
import { type AnalysisInputs, loadAnalysisInputs, selectionOptions } from './analysisInputs.js';

/** One layer of `ohc regions --json`. Layers are numbered from 1. */
export interface RegionsLayerJson {
  layer: number;
  regions: number;
  /** Indices (into the selected points, in input order) of points with some pre-activation exactly 0. */
  boundaryPoints: number[];
  /** rank of the local map → number of selected points whose region has that rank. */
  rankClasses: Record<string, number>;
}

/** Describe the selection in one line. */
export function describeSelection(inp: AnalysisInputs): string {
  const parts = [`${inp.points.length} of ${inp.data.points.length} points`];
  if (inp.classLabel !== undefined) parts.push(`class ${inp.classLabel}`);
  if (inp.correct) parts.push('correctly classified');
  return `${parts.join(', ')}; profile ${inp.profile}`;
}

/** Run `ohc regions ARGS`; returns the exit code. */
export function regionsCommand(args: string[], out: (s: string) => void): number {
  const { values } = parseArgs({ args, options: selectionOptions, strict: true, allowPositionals: false });
  const inp = loadAnalysisInputs(values);
  const layers = computeLayers(inp.net, inp.points as never, inp.profile);
  const rows: RegionsLayerJson[] = layers.map((L) => ({
    layer: L.layer,
    regions: L.regions.length,
    boundaryPoints: [...L.boundaryPoints],
    rankClasses: Object.fromEntries([...L.rankClasses.entries()].sort((a, b) => b[0] - a[0]).map(([r, n]) => [String(r), n])),
  }));
  if (values.json === true) {
    out(JSON.stringify({ model: inp.modelFile, data: inp.dataFile, profile: inp.profile, points: inp.points.length, selected: inp.selected, layers: rows }));
    return 0;
  }
  out(`model ${inp.modelFile} (${[inp.net.inputDim, ...inp.net.layers.map((l) => l.b.length)].join(' → ')}), data ${inp.dataFile}`);
  out(describeSelection(inp));
  out('layer  regions  boundary points  rank classes (rank:points)');
  for (const r of rows) {
    const ranks = Object.entries(r.rankClasses).map(([k, v]) => `${k}:${v}`).join(' ');
    out(`${String(r.layer).padStart(5)}  ${String(r.regions).padStart(7)}  ${String(r.boundaryPoints.length).padStart(15)}  ${ranks}`);
  }
  return 0;
}
