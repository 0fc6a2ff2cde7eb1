// layerPool.test.ts: layers decided on worker threads give the records, classes and stats of the serial run (the BUILT code in dist/).
//
// Worker threads load the compiled scripts, so this file runs dist/ (rebuilt when older than
// src/, see builtCli.ts): random small networks (fast-check, fixed seed), D-I model 0, a job
// error rethrown with its class, and a certify run stopped after its first checkpoints then
// resumed with --jobs 2 (same bytes).
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as CertifyModule from '../../src/cli/certifyCommand.js';
import type * as ProgressModule from '../../src/cli/progress.js';
import type * as RationalModule from '../../src/checker/rational.js';
import type * as OverlapModule from '../../src/overlap/overlapDecomposition.js';
import type * as PoolModule from '../../src/overlap/layerPool.js';
import type * as RegionsModule from '../../src/net/regions.js';
import type * as CasesModule from '../decide/decideCases.js';
import { builtOhc } from '../cli/builtCli.js';
import { fcOptions } from '../fcSeed.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DI = join(ROOT, 'certificates', 'examples', 'd-i');
const diValues = { model: join(DI, 'D-I_model_0.pth'), data: join(DI, 'D-I-test.npy'), labels: join(DI, 'D-I-test-labels.npy'), class: '1', correct: true };

let overlap: typeof OverlapModule;
let pool: typeof PoolModule;
let certify: typeof CertifyModule;
let progress: typeof ProgressModule;
let rational: typeof RationalModule;
let regions: typeof RegionsModule;
let cases: typeof CasesModule;

const dist = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(ROOT, 'dist', path)).href)) as T;

beforeAll(async () => {
  builtOhc();
  overlap = await dist('src/overlap/overlapDecomposition.js');
  pool = await dist('src/overlap/layerPool.js');
  certify = await dist('src/cli/certifyCommand.js');
  progress = await dist('src/cli/progress.js');
  rational = await dist('src/checker/rational.js');
  regions = await dist('src/net/regions.js');
  cases = await dist('test/decide/decideCases.js');
});

type Rat = RationalModule.Rat;
type Network = Parameters<typeof OverlapModule.overlapDecomposition>[0];

/** Records and per-layer results (without timings) of one run. */
function run(net: Network, points: readonly (readonly Rat[])[], opts: Omit<OverlapModule.OverlapOptions, 'layers'>, layers = net.layers.map((_, i) => i + 1)) {
  const records: string[] = [];
  const ticks: number[] = [];
  const res = overlap.overlapDecomposition(net, points, { ...opts, layers }, { record: (l) => records.push(l), progress: (_l, done) => ticks.push(done) });
  return { records, layers: res.map(({ seconds: _s, ...r }) => r), ticks };
}

describe('layer pool (dist)', () => {
  it('runs from dist/', () => {
    expect(pool.LAYER_POOL_AVAILABLE).toBe(true);
  });

  it('random networks: jobs 2 and 3 give the records, classes and stats of jobs 1 (layers at once, or with skipCarried each layer split by region)', () => {
    const r = (n: number, d = 1): Rat => rational.Rat.of(BigInt(n), BigInt(d));
    fc.assert(
      fc.property(cases.netCaseArb(3), fc.constantFrom(null, r(1, 4), r(1)), fc.boolean(), fc.constantFrom(2, 3), fc.boolean(), (c, s, explicitFarkas, jobs, skip) => {
        const sensitivity = c.profile === 'reference' ? s : null;
        const skipCarried = skip && c.profile === 'default';
        const serial = run(c.net, c.points, { profile: c.profile, sensitivity, explicitFarkas, jobs: 1, skipCarried });
        const parallel = run(c.net, c.points, { profile: c.profile, sensitivity, explicitFarkas, jobs, skipCarried });
        expect(parallel.records).toEqual(serial.records);
        expect(parallel.layers).toEqual(serial.layers);
        // progress counts never go back (over the run when layers are decided at once)
        if (!skipCarried) expect(parallel.ticks).toEqual([...parallel.ticks].sort((a, b) => a - b));
      }),
      fcOptions(16),
    );
  });

  it('D-I model 0, all layers: same bundle bytes and rows with --jobs 2 as with --jobs 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohc-pool-'));
    const one = certify.runCertify({ ...diValues, out: join(dir, 'one.ohcb'), jobs: '1' });
    const two = certify.runCertify({ ...diValues, out: join(dir, 'two.ohcb'), jobs: '2' });
    expect(two.layers).toEqual(one.layers);
    expect(readFileSync(join(dir, 'two.ohcb')).equals(readFileSync(join(dir, 'one.ohcb')))).toBe(true);
  });

  it('skipCarried with more threads than regions, and with no layers at all', () => {
    const net: Network = { inputDim: 1, layers: [{ W: [[rational.Rat.ONE]], b: [rational.Rat.ZERO], relu: true }] };
    const points = [[rational.Rat.ONE], [rational.Rat.of(-1n)]];
    const opts = { profile: 'default', sensitivity: null, skipCarried: true } as const;
    expect(run(net, points, { ...opts, jobs: 3 }).records).toEqual(run(net, points, { ...opts, jobs: 1 }).records);
    expect(run(net, points, { ...opts, jobs: 2 }, []).layers).toEqual([]);
  });

  it('an error thrown by a job in a worker is rethrown with its class and message', () => {
    const net: Network = { inputDim: 1, layers: [{ W: [[rational.Rat.ONE]], b: [rational.Rat.ZERO], relu: true }] };
    const points = [[rational.Rat.ONE], [rational.Rat.of(-1n)]];
    const layer = regions.computeLayers(net, points, 'reference')[0] as RegionsModule.LayerAnalysis;
    const job = { layer, reluLast: true, sensitivity: [0n, 1n] as const, explicitFarkas: false, carried: null, part: null };
    expect(() => pool.runLayerPool([job, job], points, 2, [0, 1], { result: () => undefined })).toThrow(RangeError);
    expect(() => pool.runLayerPool([job], points, 2, [0], { result: () => undefined })).toThrow('sensitivity must be positive');
  });

  it('certify runs stopped after a checkpoint (--jobs 1 or 2) resume with --jobs 2 to the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohc-pool-resume-'));
    const whole = certify.runCertify({ ...diValues, out: join(dir, 'whole.ohcb'), jobs: '1' });
    const bytes = readFileSync(join(dir, 'whole.ohcb'));
    // serial: stopped when layer 4 starts (3 checkpoints); parallel: stopped when the progress
    // label moves past layer 2, i.e. after layers 1 and 2 (and maybe more) are checkpointed
    class Stop extends progress.ProgressBar {
      override startLayer(layer: number, index: number, count: number): void {
        if (layer >= 4) throw new Error('stop');
        super.startLayer(layer, index, count);
      }
      override setLayer(layer: number, index: number, count: number): void {
        if (layer >= 3) throw new Error('stop');
        super.setLayer(layer, index, count);
      }
    }
    for (const [jobs, resumedAtLeast] of [['1', 3], ['2', 2]] as const) {
      const out = join(dir, `cut${jobs}.ohcb`);
      const notes: string[] = [];
      expect(() => certify.runCertify({ ...diValues, out, jobs }, { progress: new Stop({ write: () => true }, false), notice: (s) => notes.push(s) })).toThrow('stop');
      expect(notes.at(-1)).toMatch(/keeps [0-9]+ completed steps?: rerun the same command with --resume/);
      expect(existsSync(`${out}.journal`)).toBe(true);
      const resumed = certify.runCertify({ ...diValues, out, jobs: '2', resume: true });
      expect(resumed.resumedLayers).toBeGreaterThanOrEqual(resumedAtLeast);
      if (jobs === '1') expect(resumed.resumedLayers).toBe(3);
      expect(resumed.layers).toEqual(whole.layers);
      expect(readFileSync(out).equals(bytes)).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['cut1.ohcb', 'cut2.ohcb', 'whole.ohcb']);
  });
});
