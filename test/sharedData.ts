// sharedData.ts: where the read-only shared data lives (../shared beside the repository).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared folder: $OHC_SHARED, or ../shared beside the repository. */
export const SHARED = resolve(process.env['OHC_SHARED'] ?? resolve(repoRoot, '..', 'shared'));

/** A path inside the shared folder. */
export function shared(...parts: string[]): string {
  return resolve(SHARED, ...parts);
}

/** True when the shared data is present (tests that need it fail loudly otherwise). */
export const HAVE_SHARED = existsSync(shared('data', 'quotienthomology'));
