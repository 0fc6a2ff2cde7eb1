// demoCommand.ts: `ohc demo` (what `npm start` runs): certify the bundled D-I example with its Betti numbers, check it, write the report.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { certifyCommand } from './certifyCommand.js';
import { checkCommand } from './checkCommand.js';
import { reportCommand } from './reportCommand.js';

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

/** The demo's complex: the paper's recipe for D-I (k = 14, ε = 2.5). */
export const DEMO_COMPLEX = 'knn-rips:k=14,eps=2.5';

/**
 * Run the demo on D-I model 0 and its analysed points (the correctly classified test points of
 * label 1, `certificates/examples/d-i/`): `ohc certify` with the per-layer quotient Betti numbers
 * (cone and metric) into `ohc-demo/d-i-model-0.ohcb` (or `--out FILE`), `ohc check` of that
 * bundle against the input files, and `ohc report` into `ohc-demo/report/` (beside the bundle).
 * Returns the checker's exit code (or the first failing step's).
 */
export function demoCommand(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  const ex = resolve(examplesDir(), 'd-i');
  const i = args.indexOf('--out');
  const bundle = resolve(i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : resolve('ohc-demo', 'd-i-model-0.ohcb'));
  const reportDir = join(dirname(bundle), 'report');
  mkdirSync(dirname(bundle), { recursive: true });
  const inputs = ['--model', resolve(ex, 'D-I_model_0.pth'), '--data', resolve(ex, 'D-I-test.npy'), '--labels', resolve(ex, 'D-I-test-labels.npy')];
  const shown = '--model D-I_model_0.pth --data D-I-test.npy --labels D-I-test-labels.npy';
  const rel = (p: string): string => relative(process.cwd(), p) || '.';
  out(`$ ohc certify ${shown} --class 1 --correct \\\n    --complex ${DEMO_COMPLEX} --quotient cone,metric --out ${rel(bundle)}`);
  const certified = certifyCommand([...inputs, '--class', '1', '--correct', '--complex', DEMO_COMPLEX, '--quotient', 'cone,metric', '--out', bundle, '--quiet'], out, err);
  if (certified !== 0) return certified;
  out('');
  out(`$ ohc check ${rel(bundle)} ${shown}`);
  const checked = checkCommand([bundle, ...inputs], out, err);
  if (checked !== 0) return checked;
  out('');
  out(`$ ohc report ${rel(bundle)} --out ${rel(reportDir)} ${shown}`);
  const reported = reportCommand([bundle, '--out', reportDir, ...inputs], out, err);
  if (reported !== 0) return reported;
  out(`open ${join(rel(reportDir), 'index.html')} in a browser to see the report`);
  return 0;
}
