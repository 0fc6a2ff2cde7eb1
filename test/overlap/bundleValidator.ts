// bundleValidator.ts: test-only structural validation of an ohc-bundle/1 file against FORMAT.md.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';

const INT = /^-?(0|[1-9][0-9]*)$/;
const RAT = /^-?(0|[1-9][0-9]*)(\/[1-9][0-9]*)?$/;

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** An integer string per FORMAT.md (no "-0"). */
export function isIntString(s: unknown): s is string {
  return typeof s === 'string' && INT.test(s) && s !== '-0';
}

/** A rational string per FORMAT.md: lowest terms, q > 1, no "-0". */
export function isRatString(s: unknown): s is string {
  if (typeof s !== 'string' || !RAT.test(s) || s.startsWith('-0')) return false;
  const [p, q] = s.split('/');
  if (q === undefined) return true;
  return BigInt(q) > 1n && gcd(BigInt(p as string), BigInt(q)) === 1n;
}

function isIndex(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 2 ** 31;
}

function checkSparse(v: unknown, value: (s: unknown) => boolean, where: string): void {
  expect(Array.isArray(v), where).toBe(true);
  let last = -1;
  for (const e of v as unknown[]) {
    expect(Array.isArray(e) && e.length === 2, `${where}: entry shape`).toBe(true);
    const [i, x] = e as [unknown, unknown];
    expect(isIndex(i) && i > last, `${where}: indices strictly increasing`).toBe(true);
    last = i as number;
    expect(value(x), `${where}: value ${String(x)}`).toBe(true);
    expect(x !== '0', `${where}: zero entry`).toBe(true);
  }
}

function checkPoint(p: unknown, d: number, where: string): void {
  const pt = p as { num: unknown; den: unknown };
  expect(Object.keys(pt).sort(), where).toEqual(['den', 'num']);
  expect(Array.isArray(pt.num) && (pt.num as unknown[]).length === d, `${where}: num length`).toBe(true);
  for (const x of pt.num as unknown[]) expect(isIntString(x), `${where}: num`).toBe(true);
  expect(isIntString(pt.den) && BigInt(pt.den as string) > 0n, `${where}: den > 0`).toBe(true);
}

/** Parsed records of a bundle (end record included). */
export type BundleRecord = Record<string, unknown> & { t: string };

/**
 * Validate `text` as an ohc-bundle/1 bundle: JSON Lines, record order (header, then per
 * certified layer `layer`, R `region` records in id order, `classes`, then `end`), field types,
 * integer and rational strings, sorted sparse vectors, sample indices, the record count and the
 * sha256 of the end record. Returns the parsed records.
 */
export function validateBundle(text: string): BundleRecord[] {
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  for (const l of lines) expect(l.length).toBeGreaterThan(0);
  const recs = lines.map((l) => JSON.parse(l) as BundleRecord);
  const header = recs[0] as BundleRecord;
  expect(header.t).toBe('header');
  expect(header['format']).toBe('ohc-bundle/1');
  const inputs = header['inputs'] as Record<string, { path: string; sha256: string } | null>;
  for (const k of ['model', 'data']) expect(inputs[k]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect('labels' in inputs).toBe(true);
  const sel = header['selection'] as { class: unknown; correct: unknown; indices: unknown[] };
  expect(sel.class === null || isIndex(sel.class)).toBe(true);
  expect(typeof sel.correct).toBe('boolean');
  sel.indices.forEach((x, i) => expect(isIndex(x) && (i === 0 || x > (sel.indices[i - 1] as number))).toBe(true));
  const profile = header['profile'];
  const opts = header['options'] as { box: unknown; outputBits: unknown; sensitivity: unknown; skipCarried: unknown };
  expect(typeof opts.skipCarried).toBe('boolean');
  if (profile === 'default') expect(opts).toEqual({ box: null, outputBits: false, sensitivity: null, skipCarried: opts.skipCarried });
  else {
    expect(profile).toBe('reference');
    expect(opts.box).toBe('100');
    expect(opts.outputBits).toBe(true);
    expect(isRatString(opts.sensitivity) && !(opts.sensitivity as string).startsWith('-') && opts.sensitivity !== '0').toBe(true);
  }
  const net = header['network'] as { inputDim: number; layers: { W: unknown[][]; b: unknown[]; relu: unknown }[] };
  expect(isIndex(net.inputDim)).toBe(true);
  let width = net.inputDim;
  for (const layer of net.layers) {
    for (const row of layer.W) {
      expect(row.length).toBe(width);
      for (const x of row) expect(isRatString(x)).toBe(true);
    }
    expect(layer.b.length).toBe(layer.W.length);
    for (const x of layer.b) expect(isRatString(x)).toBe(true);
    expect(typeof layer.relu).toBe('boolean');
    width = layer.W.length;
  }
  const d = net.inputDim;
  const points = header['points'] as unknown[][];
  expect(points.length).toBe(sel.indices.length);
  for (const p of points) {
    expect(p.length).toBe(d);
    for (const x of p) expect(isRatString(x)).toBe(true);
  }
  const N = points.length;
  const layers = header['layers'] as number[];
  layers.forEach((l, i) => expect(isIndex(l) && l >= 1 && l <= net.layers.length && (i === 0 || l > (layers[i - 1] as number))).toBe(true));
  let at = 1;
  for (const l of layers) {
    const lr = recs[at++] as BundleRecord;
    expect(lr).toMatchObject({ t: 'layer', layer: l });
    const R = lr['regions'] as number;
    expect(isIndex(R) && R >= 1).toBe(true);
    for (let n = 0; n < R; n++) {
      const r = recs[at++] as BundleRecord;
      const where = `layer ${l} region ${n}`;
      expect(Object.keys(r)).toEqual(['t', 'layer', 'region', 'null', 'bounds', 'segments', 'yes', 'no', 'pinned']);
      expect(r).toMatchObject({ t: 'region', layer: l, region: n });
      for (const u of r['null'] as unknown[]) checkSparse(u, isIntString, `${where} null`);
      for (const b of r['bounds'] as { v: unknown; lambda: unknown }[]) {
        expect(Object.keys(b).sort()).toEqual(['lambda', 'v']);
        checkSparse(b.v, isIntString, `${where} bound v`);
        checkSparse(b.lambda, (x) => isIntString(x) && !(x as string).startsWith('-'), `${where} bound lambda`);
      }
      for (const s of r['segments'] as { lo: unknown; hi: unknown }[]) {
        checkPoint(s.lo, d, `${where} segment lo`);
        checkPoint(s.hi, d, `${where} segment hi`);
      }
      const seen = new Set<number>();
      const sample = (j: unknown): void => {
        expect(isIndex(j) && j < N, `${where}: sample index`).toBe(true);
        expect(seen.has(j as number), `${where}: sample ${String(j)} twice`).toBe(false);
        seen.add(j as number);
      };
      for (const y of r['yes'] as unknown[][]) {
        expect(y.length).toBe(2);
        sample(y[0]);
        const w = y[1] as Record<string, unknown>;
        if ('same' in w) expect(isIndex(w['same'])).toBe(true);
        else checkPoint(w, d, `${where} yes`);
      }
      for (const x of r['no'] as unknown[][]) {
        expect(x.length).toBe(3);
        sample(x[0]);
        checkSparse(x[1], (v) => isIntString(v) && !(v as string).startsWith('-'), `${where} no lambda`);
        checkSparse(x[2], isIntString, `${where} no mu`);
      }
      for (const p of r['pinned'] as unknown[][]) {
        expect(p.length).toBe(2);
        sample(p[0]);
        const entries = p[1] as { coord: number; sign: number; lambda: unknown; mu: unknown }[];
        expect(entries.length).toBe(2 * d);
        for (const e of entries) {
          expect(Object.keys(e).sort()).toEqual(['coord', 'lambda', 'mu', 'sign']);
          expect(isIndex(e.coord) && e.coord < d && (e.sign === 1 || e.sign === -1)).toBe(true);
          checkSparse(e.lambda, (v) => isRatString(v) && !(v as string).startsWith('-'), `${where} pinned lambda`);
          checkSparse(e.mu, isRatString, `${where} pinned mu`);
        }
      }
    }
    const cr = recs[at++] as BundleRecord;
    expect(Object.keys(cr)).toEqual(['t', 'layer', 'classes', 'gluings']);
    expect(cr).toMatchObject({ t: 'classes', layer: l });
    expect(isIndex(cr['gluings'])).toBe(true);
    const classes = cr['classes'] as number[][];
    const inClass = new Set<number>();
    classes.forEach((c, i) => {
      expect(c.length).toBeGreaterThanOrEqual(2);
      c.forEach((j, k) => {
        expect(isIndex(j) && j < N && (k === 0 || j > (c[k - 1] as number))).toBe(true);
        expect(inClass.has(j)).toBe(false);
        inClass.add(j);
      });
      if (i > 0) expect(c[0]).toBeGreaterThan((classes[i - 1] as number[])[0] as number);
    });
  }
  expect(at).toBe(recs.length - 1);
  const end = recs[at] as BundleRecord;
  expect(Object.keys(end)).toEqual(['t', 'records', 'sha256']);
  expect(end['records']).toBe(recs.length - 1);
  const body = text.slice(0, text.length - (lines[lines.length - 1] as string).length - 1);
  expect(end['sha256']).toBe(createHash('sha256').update(body, 'utf8').digest('hex'));
  return recs;
}
