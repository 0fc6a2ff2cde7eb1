// writeReportDir.ts: write the report's files into a folder atomically (a temporary sibling folder, then rename).
import { chmodSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The files `ohc report` writes; a folder holding only (some of) these may be replaced. */
export const REPORT_FILES = ['index.html', 'summary.json', 'summary.csv'] as const;

/**
 * Write `files` (name → content) into folder `dir`: they go to a new temporary folder beside
 * `dir`, are flushed, and the folder is renamed to `dir`, so `dir` is either the old report or
 * the complete new one. An existing `dir` is replaced only if it is empty or holds nothing but
 * report files (anything else: throws an Error saying so, nothing written).
 */
export function writeReportDir(dir: string, files: Record<string, string>): void {
  const target = resolve(dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new Error(`${dir} exists and is not a folder`);
    const extra = readdirSync(target).filter((f) => !(REPORT_FILES as readonly string[]).includes(f));
    if (extra.length > 0) throw new Error(`${dir} exists and holds other files than a report (${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', …' : ''}); choose another --out`);
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  chmodSync(tmp, 0o755);
  try {
    for (const [name, content] of Object.entries(files)) {
      const p = join(tmp, name);
      writeFileSync(p, content, 'utf8');
      const fd = openSync(p, 'r');
      fsyncSync(fd);
      closeSync(fd);
    }
    if (existsSync(target)) {
      const old = `${tmp}.old`;
      renameSync(target, old);
      renameSync(tmp, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, target);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
