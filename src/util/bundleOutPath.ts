// bundleOutPath.ts: the check every verb that writes a bundle makes on its --out path first.
import { statSync } from 'node:fs';
import { InputError } from '../io/inputError.js';

/** Throw InputError (exit 2) when `--out` names an existing folder instead of a bundle file. */
export function assertBundleOutPath(path: string): void {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    return; // absent (the usual case) or unreadable: opening the temporary file reports it
  }
  if (folder) throw new InputError(path, '--out', 'is a folder; give the bundle file name');
}
