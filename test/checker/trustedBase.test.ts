// The trusted base stays small and closed: imports, total size, file headers, README listing.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../src/checker');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts')).sort();
const text = (f: string): string => readFileSync(join(DIR, f), 'utf8');

/** Every module specifier of `import … from '…'`, `export … from '…'` and `import('…')`. */
function specifiers(src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) out.push(m[1] as string);
  for (const m of src.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1] as string);
  for (const m of src.matchAll(/\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]/g)) out.push(m[1] as string);
  return out;
}

describe('src/checker is a closed, small trusted base', () => {
  it('imports only node: built-ins and sibling files', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const s of specifiers(text(f))) {
        const ok = s.startsWith('node:') || /^\.\/[A-Za-z0-9_]+\.js$/.test(s);
        if (!ok) bad.push(`${f}: ${s}`);
      }
      if (/\brequire\s*\(/.test(text(f))) bad.push(`${f}: require()`);
    }
    expect(bad).toEqual([]);
    expect(specifiers("import { x } from '../net/a.js';\nexport * from 'fast-check';")).toEqual(['../net/a.js', 'fast-check']);
  });
  // The overlap rules (issue #3) are about 1,670 lines, the homology rules of FORMAT section 3
  // (issue #4) about 510, the proven float filters (speed, issue #3) 90.
  it('has under 2,290 lines in total, each file under 300', () => {
    const lines = files.map((f) => [f, text(f).split('\n').length - 1] as const);
    expect(lines.reduce((s, [, n]) => s + n, 0)).toBeLessThan(2290);
    for (const [f, n] of lines) expect(n, f).toBeLessThan(300);
  });
  it('opens every file with a one-line header listed in README.md', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const f of files) {
      const first = text(f).split('\n')[0] ?? '';
      expect(first.startsWith(`// ${f}: `), f).toBe(true);
      expect(readme, f).toContain(`| \`${f}\` | ${first.slice(`// ${f}: `.length)} |`);
    }
  });
});
