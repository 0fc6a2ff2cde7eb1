// demoCommand.ts: `ohc demo` (what `npm start` runs): certify the bundled XOR example, then check it.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { certifyCommand } from './certifyCommand.js';
import { checkCommand } from './checkCommand.js';

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

/**
 * Run the demo: `ohc certify` on the XOR "overlap" network of the paper's figure, writing
 * `ohc-demo/xor-overlap.ohcb` (or `--out FILE`), then `ohc check` on that bundle with the input
 * files. Returns the checker's exit code.
 */
export function demoCommand(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  const ex = resolve(examplesDir(), 'xor');
  const i = args.indexOf('--out');
  const bundle = resolve(i >= 0 && args[i + 1] !== undefined ? args[i + 1] as string : resolve('ohc-demo', 'xor-overlap.ohcb'));
  mkdirSync(dirname(bundle), { recursive: true });
  const inputs = ['--model', resolve(ex, 'xor_overlap.pth'), '--data', resolve(ex, 'xor_points.npy')];
  out('$ ohc certify --model xor_overlap.pth --data xor_points.npy --out ' + bundle);
  const certified = certifyCommand([...inputs, '--out', bundle], out);
  if (certified !== 0) return certified;
  out('');
  out('$ ohc check ' + bundle + ' --model xor_overlap.pth --data xor_points.npy');
  return checkCommand([bundle, ...inputs], out, err);
}
