// withHomology.ts: append certified homology records (FORMAT section 3) to an overlap bundle, for report tests.
import { createHash } from 'node:crypto';
import { parseComplexSpec } from '../../src/homology/complexSpec.js';
import { type Quotient, homologyRecords } from '../../src/homology/homologyRecords.js';
import { readBundle } from '../../src/report/readBundle.js';

/**
 * The bundle `bytes` with the homology records of complex `spec` (maxDim 1, GF(2)) on its samples
 * and the quotients by each certified layer's classes appended, and a new `end` record.
 */
export function withHomology(bytes: Uint8Array, spec: string, quotients: readonly Quotient[], maxDim = 1): Buffer {
  const view = readBundle(bytes);
  const { records } = homologyRecords(view.header.points, parseComplexSpec(spec), 'gf2', maxDim, quotients, view.layers.map((l) => ({ layer: l.layer, classes: l.classes.map((c) => [...c]) })));
  const lines = Buffer.from(bytes).toString('utf8').split('\n').filter((l) => l.length > 0);
  const body = `${[...lines.slice(0, -1), ...records.map((r) => JSON.stringify(r))].join('\n')}\n`;
  const n = lines.length - 1 + records.length;
  const sha = createHash('sha256').update(body).digest('hex');
  return Buffer.from(`${body}${JSON.stringify({ t: 'end', records: n, sha256: sha })}\n`);
}
