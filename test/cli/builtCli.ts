// builtCli.ts: the compiled CLI (dist/src/cli/ohc.js) for tests that spawn it; rebuilt when older than the sources.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

function newestSource(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestSource(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The path of the built `ohc` (what `npm ci` builds via `prepare`). When it is missing or older
 * than some file of src/, `tsc -p tsconfig.json` rebuilds dist/ first (it emits even when other
 * files have type errors; the typecheck is `npm test`'s business).
 */
export function builtOhc(): string {
  const ohc = join(root, 'dist', 'src', 'cli', 'ohc.js');
  const stale = (): boolean => !existsSync(ohc) || statSync(ohc).mtimeMs < newestSource(join(root, 'src'));
  if (!stale()) return ohc;
  // test files run in parallel: one builds, the others wait for it and look again
  mkdirSync(join(root, 'dist'), { recursive: true });
  const lock = join(root, 'dist', '.test-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const st = statSync(lock, { throwIfNoEntry: false });
      if (st !== undefined && Date.now() - st.mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true }); // left by a killed run
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (stale()) {
      try {
        execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
      } catch {
        /* type errors elsewhere still emit */
      }
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!existsSync(ohc)) throw new Error('dist/src/cli/ohc.js was not built');
  return ohc;
}
