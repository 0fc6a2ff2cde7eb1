// chromium.ts: render a local page in headless Chromium through its command line (no npm dependency).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Chromium binary, or null when none is installed. */
export function findChromium(): string | null {
  for (const p of [process.env['CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (p !== undefined && p !== '' && existsSync(p)) return p;
  return null;
}

/** What one headless run gives: the serialized DOM after load and, if asked, the screenshot's PNG bytes. */
export interface ChromiumRun {
  dom: string;
  png: Buffer | null;
}

/**
 * Load `file` in headless Chromium (fresh profile in a temporary folder, no network services)
 * and return the DOM it shows (`--dump-dom`), plus a screenshot of `width`×`height` when
 * `screenshot` names a PNG path.
 */
export function renderInChromium(chromium: string, file: string, opts: { screenshot?: string; width?: number; height?: number } = {}): ChromiumRun {
  const profile = mkdtempSync(join(tmpdir(), 'ohc-chromium-'));
  try {
    const args = [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
      '--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profile}`,
      `--window-size=${opts.width ?? 1280},${opts.height ?? 2000}`, '--dump-dom',
      ...(opts.screenshot === undefined ? [] : [`--screenshot=${opts.screenshot}`]),
      pathToFileURL(file).href,
    ];
    const r = spawnSync(chromium, args, { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
    if (r.error !== undefined) throw r.error;
    if (r.status !== 0) throw new Error(`chromium exited with ${r.status}: ${r.stderr.slice(-2000)}`);
    return { dom: r.stdout, png: opts.screenshot === undefined ? null : readFileSync(opts.screenshot) };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Width and height of a PNG from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
