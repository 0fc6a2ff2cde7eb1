// demoCommand.ts: `ohc demo` (what `npm start` runs): a certified run on the bundled XOR example.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rat } from '../checker/rational.js';
import { decideLayer } from '../decide/layerDecisions.js';
import { rationalQuery, verifyAnswer } from '../decide/verifyAnswer.js';
import { computeLayers } from '../net/regions.js';
import { loadAnalysisInputs } from './analysisInputs.js';

/** The folder of bundled examples: walks up from this file (src/cli or dist/src/cli). */
export function examplesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const c = resolve(dir, 'certificates', 'examples');
    if (existsSync(c)) return c;
    dir = resolve(dir, '..');
  }
  throw new Error('bundled examples (certificates/examples) not found');
}

/** Run the demo; returns the exit code. */
export function demoCommand(_args: string[], out: (s: string) => void): number {
  const ex = resolve(examplesDir(), 'xor');
  const inp = loadAnalysisInputs({ model: resolve(ex, 'xor_overlap.pth'), data: resolve(ex, 'xor_points.npy') });
  out(`ohc demo: the XOR "overlap" network 2 → 4 → 2 → 1 on (0,0), (1,1), (1,0), (0,1)`);
  const layers = computeLayers(inp.net, inp.points as never, 'default');
  let failures = 0;
  for (const L of layers) {
    const yes: string[] = [];
    const reluLast = inp.net.layers[L.layer - 1]?.relu ?? false;
    const stats = decideLayer(L, inp.points, reluLast, (j, n, ans) => {
      const r = L.regions[n];
      const img = L.images[j];
      if (r === undefined || img === undefined) throw new Error('internal: bad index');
      const why = verifyAnswer(rationalQuery(r.ineqA, r.ineqB, r.map.M, r.map.c, r.map.den, img.num, img.den), ans, inp.points[j] as Rat[]);
      if (why !== undefined) failures++;
      if (ans.answer === 'yes') yes.push(`Q(${j}, region ${n})`);
    });
    out(`layer ${L.layer}: ${L.regions.length} regions, ${stats.decisions} decisions, ${stats.yes} yes: ${yes.join(', ') || 'none'}`);
  }
  out(failures === 0 ? 'every certificate checked: all hold' : `${failures} certificates FAIL`);
  return failures === 0 ? 0 : 1;
}
