// The compiled checker with a second layer thread gives exactly the one-thread verdicts: on the golden
// bundles and on single mutants of D-I model 0 (every layer), fixed seed.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/checker/index.js';
import { runFuzz } from '../bench/fuzz.js';
import { builtOhc } from '../cli/builtCli.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
type CheckFn = (source: string | Uint8Array, opts?: { threads?: number }) => Verdict;

async function compiledCheck(): Promise<CheckFn> {
  builtOhc(); // rebuilds dist/ when it is older than src/
  const mod = (await import(pathToFileURL(join(ROOT, 'dist', 'src', 'checker', 'check.js')).href)) as { check: CheckFn };
  return mod.check;
}

describe('check with a layer thread', () => {
  it('gives the one-thread verdict on every golden bundle', async () => {
    const check = await compiledCheck();
    const dir = join(ROOT, 'certificates', 'golden');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ohcb'))) {
      expect(JSON.stringify(check(join(dir, f), { threads: 2 })), f).toBe(JSON.stringify(check(join(dir, f), { threads: 1 })));
    }
  }, 120_000);

  it('gives the one-thread verdict on 24 single mutants of D-I model 0', async () => {
    const check = await compiledCheck();
    const r = runFuzz({ count: 24, seed: 11, diRate: 1, diBundle: 'golden', bettiRate: 0, twin: (b) => check(b, { threads: 2 }) });
    expect(r.failures.filter((f) => f.what === 'twin' || f.what === 'false-accept' || f.what === 'crash')).toEqual([]);
  }, 300_000);
});
