// decideCommand.ts: `ohc decide`: single decisions Q(j, n), or all of a layer, each certificate checked.
import { parseArgs } from 'node:util';
import type { Rat } from '../checker/rational.js';
import { decideLayer } from '../decide/layerDecisions.js';
import { prepareRegion, queryRegion, type QueryAnswer } from '../decide/regionQuery.js';
import { rationalQuery, toRationalAnswer, verifyAnswer } from '../decide/verifyAnswer.js';
import { computeLayers } from '../net/regions.js';
import { loadAnalysisInputs, selectionOptions } from './analysisInputs.js';
import { describeSelection } from './regionsCommand.js';
import { UsageError, parseIndex } from './usageError.js';

/** A QueryAnswer as JSON, rationals as "p/q" strings. */
export function answerToJson(ans: QueryAnswer): unknown {
  const a = toRationalAnswer(ans);
  const sp = (s: readonly (readonly [number, Rat])[]): [number, string][] => s.map(([i, v]) => [i, v.toString()]);
  if (a.answer === 'yes') return { answer: 'yes', path: a.path, witness: a.z.map(String) };
  if (a.answer === 'no') return { answer: 'no', path: a.path, farkas: { lambda: sp(a.lambda), mu: sp(a.mu) } };
  return {
    answer: 'pinned',
    path: a.path,
    bounds: a.bounds.map((b) => ({ coord: b.coord, sign: b.sign, lambda: sp(b.lambda), mu: sp(b.mu) })),
  };
}

/** Run `ohc decide ARGS`; returns the exit code (0 when every certificate holds, 1 otherwise). */
export function decideCommand(args: string[], out: (s: string) => void): number {
  const { values } = parseArgs({
    args,
    options: { ...selectionOptions, layer: { type: 'string' }, sample: { type: 'string' }, region: { type: 'string' }, all: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const inp = loadAnalysisInputs(values);
  const layerNo = parseIndex('layer', values.layer);
  if (layerNo === undefined || layerNo < 1 || layerNo > inp.net.layers.length) {
    throw new UsageError(`--layer must be between 1 and ${inp.net.layers.length}`);
  }
  const layers = computeLayers(inp.net, inp.points as never, inp.profile);
  const L = layers[layerNo - 1];
  if (L === undefined) throw new UsageError(`no layer ${layerNo}`);
  const reluLast = inp.net.layers[layerNo - 1]?.relu ?? false;
  const systemFor = (j: number, n: number) => {
    const r = L.regions[n];
    const img = L.images[j];
    if (r === undefined || img === undefined) throw new UsageError(`no region ${n} or sample ${j} at layer ${layerNo}`);
    return { r, img, sys: rationalQuery(r.ineqA, r.ineqB, r.map.M, r.map.c, r.map.den, img.num, img.den) };
  };
  if (values.all === true) {
    const t0 = process.hrtime.bigint();
    let failures = 0;
    const stats = decideLayer(L, inp.points, reluLast, (j, n, ans) => {
      const why = verifyAnswer(systemFor(j, n).sys, ans, inp.points[j] as Rat[]);
      if (why !== undefined) {
        failures++;
        if (failures <= 5) out(`certificate of Q(${j}, ${n}) fails: ${why}`);
      }
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (values.json === true) {
      out(JSON.stringify({ layer: layerNo, regions: L.regions.length, ...stats, certificateFailures: failures, seconds }));
    } else {
      out(describeSelection(inp));
      out(`layer ${layerNo}: ${L.regions.length} regions, ${stats.decisions} decisions (${stats.yes} yes, ${stats.no} no, ${stats.pinned} pinned), every certificate checked: ${failures === 0 ? 'all hold' : `${failures} FAIL`}`);
      out(`routes: ${Object.entries(stats.paths).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      out(`${seconds.toFixed(2)} s including checks`);
    }
    return failures === 0 ? 0 : 1;
  }
  const j = parseIndex('sample', values.sample);
  const n = parseIndex('region', values.region);
  if (j === undefined || n === undefined) throw new UsageError('give --sample J --region N, or --all');
  if (j >= inp.points.length) throw new UsageError(`--sample must be below ${inp.points.length}`);
  if (n >= L.regions.length) throw new UsageError(`--region must be below ${L.regions.length} at layer ${layerNo}`);
  const { r, img, sys } = systemFor(j, n);
  const d = inp.net.inputDim;
  const ans = queryRegion(prepareRegion(d, r.ineqA, r.ineqB, r.map.M, r.map.c, r.map.den), img.num, img.den, inp.points[j] as Rat[]);
  const why = verifyAnswer(sys, ans, inp.points[j] as Rat[]);
  const own = L.regionOf[j];
  if (values.json === true) {
    out(JSON.stringify({ layer: layerNo, sample: j, region: n, sampleRegion: own, ...(answerToJson(ans) as object), certificate: why === undefined ? 'holds' : `fails: ${why}` }));
  } else {
    out(`Q(${j}, ${n}) at layer ${layerNo} (sample ${j} lies in region ${own}): ${ans.answer} via ${ans.path}`);
    out(JSON.stringify(answerToJson(ans)));
    out(why === undefined ? 'certificate holds' : `certificate FAILS: ${why}`);
  }
  return why === undefined ? 0 : 1;
}
