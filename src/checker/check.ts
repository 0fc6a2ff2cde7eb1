// check.ts: rule `end` and the driver: read the bundle line by line, run every rule, return a Verdict.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UnionFind, carriedClassOf, compareClasses, glue } from './classes.js';
import { type RegionCerts, type Settled, settleLayer } from './complete.js';
import { Geometry, type LayerGeo } from './geometry.js';
import { type Header, parseHeader } from './header.js';
import { checkHomology } from './homology.js';
import { MAX_LINE, idx, obj } from './parse.js';
import { LineIds, parseBounds, parseNulls, parseSegments } from './regionCerts.js';
import { checkSampleRecords } from './samples.js';
import { type LayerStats, Rejection, type Step, type Verdict, accept, reject } from './verdict.js';

/** The bundle's lines (without `\n`) after rule `end` held: count and sha256 of all bytes before the end line. */
export function splitBundle(bytes: Uint8Array): { lines: Uint8Array[]; sha256: string } {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, start)) {
    if (i - start > MAX_LINE) reject('limits', { line: lines.length + 1 }, `line longer than ${MAX_LINE} bytes`);
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  if (start !== bytes.length) reject('end', { line: lines.length + 1 }, 'the bundle does not end with a newline (truncated?)');
  const last = lines[lines.length - 1];
  const at = { line: lines.length };
  if (last === undefined) reject('end', { line: 0 }, 'the bundle is empty');
  let endRec: unknown;
  try {
    endRec = parseLine(last, at);
  } catch {
    reject('end', at, 'the last line is not an end record (truncated?)');
  }
  if ((endRec as { t?: unknown } | null)?.t !== 'end') reject('end', at, 'the last record is not an end record (truncated?)');
  const end = obj(endRec, at, 'end', ['t', 'records', 'sha256']);
  const records = idx(end['records'], at, 'end.records');
  if (records !== lines.length - 1) reject('end', at, `end.records = ${records}, but ${lines.length - 1} lines precede it`);
  const hash = createHash('sha256').update(bytes.subarray(0, bytes.length - last.length - 1));
  const sha = hash.copy().digest('hex');
  if (end['sha256'] !== sha) reject('end', at, 'sha256 of the preceding bytes differs', `derived ${sha}, recorded ${String(end['sha256'])}`);
  return { lines, sha256: hash.update(bytes.subarray(bytes.length - last.length - 1)).digest('hex') };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseLine(bytes: Uint8Array, at: Step): unknown {
  if (bytes.length === 0) reject('parse', at, 'blank line');
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch (e) {
    return reject('parse', at, `not a JSON line: ${(e as Error).message.slice(0, 200)}`);
  }
}

const REGION_KEYS = ['t', 'layer', 'region', 'null', 'bounds', 'segments', 'yes', 'no', 'pinned'];

/** Record line `k` (0-based) as a `t` record of layer `l`. */
function recordAt(lines: Uint8Array[], k: number, t: string, l: number): Record<string, unknown> {
  const at = { line: k + 1, layer: l };
  const r = lines[k];
  if (r === undefined || k === lines.length - 1) reject('parse', at, `expected a ${t} record, found the end`);
  const o = parseLine(r, at) as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || o['t'] !== t) reject('parse', at, `expected a ${t} record`);
  if (o['layer'] !== l) reject('parse', at, `${t} record for layer ${JSON.stringify(o['layer'])}, expected ${l}`);
  return o;
}

/** The records and rules of the certified layer starting at line index `i` (0-based), up to the gluings; its classes record is returned unchecked. */
function settleLayerAt(lines: Uint8Array[], i: number, l: number, geo: LayerGeo, g: Geometry, h: Header, carried: Int32Array | null): { s: Settled; stats: Omit<LayerStats, 'classes' | 'gluings'>; cls: Record<string, unknown> } {
  const head = obj(recordAt(lines, i, 'layer', l), { line: i + 1, layer: l }, 'layer', ['t', 'layer', 'regions']);
  const R = geo.regions.length;
  if (head['regions'] !== R) reject('complete', { line: i + 1, layer: l }, `layer record says ${JSON.stringify(head['regions'])} regions, the checker derives ${R}`);
  const certs: RegionCerts[] = [];
  const lineIds = new LineIds();
  for (let n = 0; n < R; n++) {
    const at = { line: i + 2 + n, layer: l, region: n };
    const r = obj(recordAt(lines, i + 1 + n, 'region', l), at, 'region', REGION_KEYS);
    if (r['region'] !== n) reject('parse', at, `region record ${JSON.stringify(r['region'])} where region ${n} is expected`);
    const reg = geo.regions[n] as LayerGeo['regions'][number];
    certs.push({ nulls: parseNulls(r['null'], reg, at), bounds: parseBounds(r['bounds'], reg, at), segs: parseSegments(r['segments'], reg, at, lineIds), recs: checkSampleRecords(r, reg, geo, h, at) });
  }
  const cls = recordAt(lines, i + 1 + R, 'classes', l);
  const s = settleLayer(geo, g, h, certs, { line: i + 2 + R, layer: l }, carried);
  return { s, stats: { layer: l, regions: R, pairs: s.pairs, settled: s.settled }, cls };
}

/** The driver: layer by layer the rules, the union-find and rule `classes`; then the homology records. */
function run(bytes: Uint8Array): Verdict {
  const { lines, sha256 } = splitBundle(bytes);
  const h = parseHeader(parseLine(lines[0] as Uint8Array, { line: 1 }));
  if (lines.length < 2) reject('end', { line: 1 }, 'no end record after the header');
  const g = new Geometry(h);
  const uf = new UnionFind(h.xs.length);
  const stats: LayerStats[] = [];
  const classes: number[][][] = [];
  let i = 1;
  let done = 0;
  for (const l of h.layers) {
    let geo = g.next();
    for (done++; done < l; done++) geo = g.next();
    const part = settleLayerAt(lines, i, l, geo, g, h, h.skipCarried ? carriedClassOf(uf, h.xs.length) : null);
    const gluings = glue(part.s, uf);
    const derived = uf.classes();
    i += 2 + part.stats.regions;
    compareClasses(part.cls, derived, gluings, h.xs.length, { line: i, layer: l });
    stats.push({ ...part.stats, gluings, classes: derived.length });
    classes.push(derived);
  }
  const homology = checkHomology((k) => parseLine(lines[k] as Uint8Array, { line: k + 1 }), i, lines.length - 1, h, classes);
  return accept({ records: lines.length - 1, sha256, samples: h.xs.length, inputDim: h.inputDim, profile: h.profile, layers: stats, homology });
}

/**
 * Check a bundle: `source` is the bundle bytes, the bundle text (a string containing a newline),
 * or a file path. Never throws; every failure is a Rejected verdict.
 */
export function check(source: string | Uint8Array): Verdict {
  try {
    const bytes = typeof source !== 'string' ? source : source.includes('\n') ? Buffer.from(source, 'utf8') : readFileSync(source);
    return run(bytes);
  } catch (e) {
    if (e instanceof Rejection) return { kind: 'rejected', rule: e.rule, step: e.step, reason: e.reason, ...(e.trace === undefined ? {} : { trace: e.trace }) };
    return { kind: 'rejected', rule: 'parse', step: { line: 0 }, reason: `cannot check: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Parse only the header of a bundle (for callers that compare it with input files). */
export function parseBundleHeader(source: string | Uint8Array): Header {
  const bytes = typeof source !== 'string' ? source : source.includes('\n') ? Buffer.from(source, 'utf8') : readFileSync(source);
  const nl = bytes.indexOf(10);
  return parseHeader(parseLine(bytes.subarray(0, nl < 0 ? bytes.length : nl), { line: 1 }));
}
