// index.test.ts: the library API through the package name, as another implementation would import it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CertifyResult } from 'overlap-homology';
import { builtOhc } from './cli/builtCli.js';

// the package name resolves through package.json "exports" to dist/ (built by `npm ci`; rebuilt here when stale)
let api: typeof import('overlap-homology');
beforeAll(async () => {
  builtOhc();
  api = await import('overlap-homology');
});

const XOR = resolve(import.meta.dirname, '..', 'certificates', 'examples', 'xor');
const model = join(XOR, 'xor_overlap.pth');
const data = join(XOR, 'xor_points.npy');

describe("import { certify, check } from 'overlap-homology'", () => {
  it('certify returns the layers of certify --json, the bundle and the time; check verifies it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ohc-api-')), 'xor.ohcb');
    const progress: number[] = [];
    const { certify, check, InputError } = api;
    const r: CertifyResult = certify({ model, data, out, layers: [1, 2, 3], onProgress: (l) => progress.push(l) });
    expect(r.bundlePath).toBe(out);
    expect(r.selected).toEqual([0, 1, 2, 3]);
    expect(r.seconds).toBeGreaterThanOrEqual(0);
    expect(r.layers.map((l) => l.classes)).toEqual([[], [[0, 1]], [[0, 1], [2, 3]]]);
    expect(r.layers[1]).toEqual({ layer: 2, regions: 4, decisions: 12, skipped: 0, gluings: 1, classes: [[0, 1]], gluedPoints: 2 });
    const c = check(out, { model, data });
    expect(c.verified).toBe(true);
    expect(c.lines.at(-1)).toBe('s VERIFIED');
    expect(c.rule).toBeUndefined();
    // a forged bundle: rejected, with the rule
    const forged = `${out}.forged`;
    writeFileSync(forged, readFileSync(out, 'utf8').replace('"classes":[[0,1]]', '"classes":[[0,2]]'));
    const bad = check(forged);
    expect(bad.verified).toBe(false);
    expect(bad.rule).toBe('end'); // the end record's sha256 no longer matches
    expect(() => check(join(XOR, 'missing.ohcb'))).toThrow(InputError);
  });

  it('helpers: loadModel, loadDataset, decide (exact, with a checked certificate)', () => {
    const { loadModel, loadDataset, decide, Rat } = api;
    const net = loadModel(model);
    const ds = loadDataset(data);
    expect(net.layers.length).toBe(3);
    expect(ds.points.length).toBe(4);
    expect(ds.points[1]?.map((x) => x.toString())).toEqual(['1', '1']);
    const q = decide(net, ds.points, { layer: 2, sample: 0, region: 1 });
    expect(q.holds).toBe(true);
    expect(['yes', 'no', 'pinned']).toContain(q.answer);
    expect(Rat.parse('2/4', { canonicalOnly: false }).toString()).toBe('1/2');
  });

  it('audit: a claim that splits the certified class and glues a wrong pair', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohc-api-'));
    const claim = join(dir, 'claim.json');
    writeFileSync(claim, JSON.stringify({ layers: [{ layer: 2, classes: [[0, 2]] }] }));
    const r = api.audit({ claim, model, data });
    expect(r.match).toBe(false);
    expect(r.layers[0]?.counts).toEqual({ claimed: 1, true: 0, false: 1, missed: 1 });
    expect(r.unclaimed).toEqual([1, 3]);
  });
});
