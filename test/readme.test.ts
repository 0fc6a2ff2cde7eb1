// readme.test.ts: every `$ ohc …` command shown in README.md runs, and prints what the README shows.
//
// The commands run in order, in-process (`main` of src/cli/ohc.ts), in one temporary working
// directory that holds copies of the input files they name (D-I and XOR from
// certificates/examples/, D-II/D-III from the shared data), so later commands see what earlier
// ones wrote (bundles, reports); a command whose input a later command writes (the audit example
// reuses the bundle of the report example) runs that command first, and the audit's claim.json
// is made as the README's prose says. The shown output must be the real standard output line for
// line, after normalising timings and whitespace runs: a `...`/`…` line skips any number of real
// lines, and a block followed by "(`c` lines abridged.)" may leave out `c` lines. Commands on the
// D-II/D-III data need the shared data (skipped without it); a `certify` or fresh `audit` on them
// is slow and runs only with OHC_SLOW=1. The Commands section's verbs and usage-line options are
// checked against `ohc --help` and the verbs' option parsers.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { HAVE_SHARED, shared } from './sharedData.js';

const ROOT = resolve(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = join(ROOT, 'certificates', 'examples');
const SLOW = process.env['OHC_SLOW'] === '1';

/** One `$ ohc …` command of the README with the output lines shown under it. */
interface Shown {
  /** 1-based README line of the `$ ohc` line. */
  readonly line: number;
  /** The arguments after `ohc`. */
  readonly argv: string[];
  /** The shown output lines (block indentation removed). */
  readonly expected: string[];
  /** Prefixes of lines the block leaves out, as the text right after it says ("(`c` lines abridged.)"). */
  readonly abridged: string[];
}

/** Every `$ ohc …` command in the fenced blocks of `text`, `\`-continued lines joined. */
export function shownCommands(text: string): Shown[] {
  const lines = text.split('\n');
  const found: Shown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```\w*\s*$/.exec(lines[i] as string);
    if (open === null) continue;
    const indent = (open[1] as string).length;
    const body: { text: string; line: number }[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j] as string); j++) body.push({ text: (lines[j] as string).slice(indent).trimEnd(), line: j + 1 });
    i = j;
    let after = j + 1;
    while (after < lines.length && (lines[after] as string).trim() === '') after++;
    const abridged = [...((lines[after] ?? '').trim().match(/^\((`[^`]+`(?:,? (?:and )?`[^`]+`)*) lines abridged\.?\)/)?.[1]?.matchAll(/`([^`]+)`/g) ?? [])].map((m) => `${m[1]} `);
    let cur: Shown | null = null;
    for (let k = 0; k < body.length; k++) {
      const { text: t, line } = body[k] as { text: string; line: number };
      if (t.startsWith('$ ')) {
        if (cur !== null) found.push(cur);
        cur = null;
        if (!t.startsWith('$ ohc ')) continue;
        let cmd = t.slice('$ ohc '.length);
        while (cmd.endsWith('\\') && k + 1 < body.length) cmd = `${cmd.slice(0, -1)} ${(body[++k] as { text: string }).text.trim()}`;
        cur = { line, argv: cmd.trim().split(/\s+/), expected: [], abridged };
      } else if (cur !== null) cur.expected.push(t);
    }
    if (cur !== null) found.push(cur);
    // trailing blank lines of an output are layout, not output
    for (const s of found) while (s.expected.length > 0 && s.expected.at(-1) === '') s.expected.pop();
  }
  return found;
}

/** Where an input file the README names comes from, or null for files the commands make. */
function sourceOf(name: string): string | null {
  if (/^D-I[-_]/.test(name)) return join(EXAMPLES, 'd-i', name);
  if (/^D-I{2,3}[-_].*\.npy$/.test(name)) return shared('data', 'quotienthomology', 'npy', name);
  if (/^D-I{2,3}[-_].*\.pth$/.test(name)) return shared('data', 'quotienthomology', 'pth', name);
  if (/^xor_/.test(name)) return join(EXAMPLES, 'xor', name);
  return null;
}

const needsShared = (s: Shown): boolean => s.argv.some((a) => /^D-I{2,3}[-_]/.test(a));
/** Certifying D-II/D-III takes tens of seconds: only with OHC_SLOW=1. */
const isSlow = (s: Shown): boolean => needsShared(s) && (s.argv[0] === 'certify' || (s.argv[0] === 'audit' && !s.argv.includes('--bundle')));

/** Timings vary from run to run, and the widths of the table cells that hold them. */
export function normalise(line: string): string {
  let s = line.replace(/\b\d+(\.\d+)? s\b/g, 'T s');
  // table rows (a layer number first): the only decimals are the seconds column
  if (/^\s*\d+\s/.test(s)) s = s.replace(/(^|\s)\d+\.\d+(?=\s|$)/g, '$1T');
  const lead = /^\s*/.exec(s)?.[0] ?? '';
  return lead + s.slice(lead.length).replace(/\s+/g, ' ').trimEnd();
}

const isSkip = (l: string): boolean => /^\s*(\.\.\.|…)\s*$/.test(l);

/**
 * How the shown lines differ from the real output (empty when they agree): every shown line must
 * be the next real line, except that a `...`/`…` line skips any number of real lines and real
 * lines starting with an `abridged` prefix may be left out anywhere; after the last shown line
 * only such lines may follow.
 */
export function outputDiff(expected: readonly string[], actual: readonly string[], abridged: readonly string[] = []): string[] {
  const act = actual.flatMap((a) => a.split('\n')).map(normalise);
  const omissible = (l: string): boolean => abridged.some((p) => l.startsWith(p));
  const problems: string[] = [];
  let at = 0;
  let free = false;
  for (const e of expected) {
    if (isSkip(e)) {
      free = true;
      continue;
    }
    const want = normalise(e);
    let k = at;
    if (free) k = act.indexOf(want, at);
    else {
      while (k < act.length && act[k] !== want && omissible(act[k] as string)) k++;
      if (act[k] !== want) k = -1;
    }
    if (k < 0) {
      problems.push(`shown: ${e}\n  real: ${free ? '(not found after the previous shown line)' : (act[at] ?? '(end of output)')}`);
      const later = act.indexOf(want, at);
      if (later >= 0) at = later + 1;
    } else at = k + 1;
    free = false;
  }
  if (!free) for (const rest of act.slice(at)) if (!omissible(rest)) problems.push(`not shown: ${rest}`);
  return problems;
}

interface Ran {
  readonly code: number;
  /** Standard output (what the README shows). */
  readonly lines: string[];
  /** Standard error (warnings; shown only when the check fails). */
  readonly errs: string[];
}

describe('README.md: every `$ ohc` command', () => {
  const shown = shownCommands(README);
  const dir = mkdtempSync(join(tmpdir(), 'ohc-readme-'));
  const cwd = process.cwd();
  const results = new Map<number, Ran>();

  beforeAll(() => process.chdir(dir));
  afterAll(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the commands of the README', () => {
    expect(shown.length).toBeGreaterThanOrEqual(7);
    for (const s of shown) expect(s.argv[0], `README line ${s.line}`).toMatch(/^[a-z]+$/);
  });

  /** The claim of the audit example, made as the README's prose says from the bundle's classes. */
  function writeClaim(file: string, bundle: string): void {
    const m = /dropping sample (\d+) from the class `\[([\d, ]+)\]` of layer (\d+) and adding the class `\[([\d, ]+)\]`/.exec(README.replace(/\s+/g, ' '));
    expect(m, 'the README says how claim.json is made').not.toBeNull();
    const [, drop, from, layer, add] = m as RegExpExecArray;
    const ints = (t: string | undefined): number[] => (t ?? '').split(',').map((x) => Number(x.trim()));
    const layers = readFileSync(bundle, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{"t":"classes"'))
      .map((l) => JSON.parse(l) as { layer: number; classes: number[][] })
      .map(({ layer: l, classes }) => ({ layer: l, classes: classes.map((c) => [...c]) }));
    const target = layers.find((l) => l.layer === Number(layer));
    const cls = target?.classes.find((c) => JSON.stringify(c) === JSON.stringify(ints(from)));
    expect(cls, `class [${from}] at layer ${layer} of ${bundle}`).toBeDefined();
    cls?.splice(cls.indexOf(Number(drop)), 1);
    target?.classes.push(ints(add));
    writeFileSync(file, JSON.stringify({ layers }));
  }

  function run(i: number): Ran {
    const done = results.get(i);
    if (done !== undefined) return done;
    const s = shown[i] as Shown;
    const outs = new Set<string>();
    for (let k = 0; k < s.argv.length; k++) {
      const a = s.argv[k] as string;
      // `ohc certify` does not make folders: the first-screen run writes into ohc-demo/, which
      // `npm start` (ohc demo) makes
      if (s.argv[k - 1] === '--out') {
        outs.add(a);
        mkdirSync(dirname(join(dir, a)), { recursive: true });
      }
      const src = sourceOf(a);
      if (src !== null && !existsSync(join(dir, a))) copyFileSync(src, join(dir, a));
    }
    // inputs written by a later command: run that one first
    for (let k = 1; k < s.argv.length; k++) {
      const a = s.argv[k] as string;
      if (outs.has(a) || a.startsWith('-') || existsSync(join(dir, a))) continue;
      const maker = shown.findIndex((o, j) => j !== i && !results.has(j) && o.argv.some((x, n) => x === a && o.argv[n - 1] === '--out'));
      if (maker >= 0) run(maker);
    }
    const claimAt = s.argv.indexOf('--claim');
    const bundleAt = s.argv.indexOf('--bundle');
    if (claimAt >= 0 && bundleAt >= 0) writeClaim(join(dir, s.argv[claimAt + 1] as string), join(dir, s.argv[bundleAt + 1] as string));
    const lines: string[] = [];
    const errs: string[] = [];
    const code = main(s.argv, (t) => lines.push(t), (t) => errs.push(t));
    const r = { code, lines, errs };
    results.set(i, r);
    return r;
  }

  shown.forEach((s, i) => {
    const title = `README line ${s.line}: ohc ${s.argv.slice(0, 2).join(' ')} …`;
    const skip = (needsShared(s) && !HAVE_SHARED) || (isSlow(s) && !SLOW);
    it.skipIf(skip)(title, () => {
      const r = run(i);
      const text = [...r.lines, ...r.errs.map((e) => `(stderr) ${e}`)].join('\n');
      // exit 1 only where the README's output says the answer is negative (audit: claim differs)
      const negative = s.expected.some((e) => /claim DIFFERS|s REJECTED/.test(e));
      expect(r.code, text).toBe(negative ? 1 : 0);
      // OHC_README_DUMP=1 prints every real output (to refresh the README by hand)
      if (process.env['OHC_README_DUMP'] === '1') console.log(`README line ${s.line}: ohc ${s.argv.join(' ')}\n${text}`);
      expect(outputDiff(s.expected, r.lines, s.abridged), `shown at README line ${s.line}, real output:\n${text}`).toEqual([]);
    });
  });
});

describe('README.md: the Commands section', () => {
  const section = README.slice(README.indexOf('\n## Commands'), README.indexOf('\n## Library API'));
  const usages = [...section.matchAll(/^`ohc ([a-z]+)([^`]*)`$/gm)].map((m) => ({ verb: m[1] as string, options: [...new Set((m[2] as string).match(/--[a-z][a-z0-9-]*/g) ?? [])] }));

  it('documents every verb of `ohc --help`, and only those', () => {
    const help: string[] = [];
    expect(main(['--help'], (t) => help.push(t))).toBe(0);
    const verbs = [...help.join('\n').matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
    expect(usages.map((u) => u.verb).sort()).toEqual([...verbs].sort());
  });

  // `ohc demo` takes --out and nothing else, and runs the whole demo: not probed here
  for (const { verb, options } of usages.filter((u) => u.verb !== 'demo')) {
    it(`ohc ${verb}: every option of its usage line is accepted by the parser`, () => {
      const probe = (args: string[]): { code: number; err: string } => {
        const err: string[] = [];
        const code = main([verb, ...args], () => undefined, (t) => err.push(t));
        return { code, err: err.join('\n') };
      };
      // the probe tells an unknown option apart
      expect(probe(['--no-such-option']).err).toMatch(/unknown option/i);
      for (const o of options) {
        // alone, an option never completes a command: exit 2 (usage), but not for an unknown option
        const r = probe([o]);
        expect(r.code, `${verb} ${o}`).toBe(2);
        expect(r.err, `${verb} ${o}`).not.toMatch(/unknown option|unknown verb/i);
      }
    });
  }
});

describe('the README comparison itself', () => {
  it('normalises timings and the widths around them, keeping indentation', () => {
    expect(normalise('   10      202      56682      124       19           155      2.1          2 17           2 0')).toBe('   10 202 56682 124 19 155 T 2 17 2 0');
    expect(normalise('bundle x.ohcb: 1360 records, 4.0 MiB; 6.3 s')).toBe('bundle x.ohcb: 1360 records, 4.0 MiB; T s');
    expect(normalise('0.7 s (complex 0.4 s, homology 12 s)')).toBe('T s (complex T s, homology T s)');
    expect(normalise('  c betti layer 10 cone: 2 17 (291 reduction steps; simplices 51 66)')).toBe('  c betti layer 10 cone: 2 17 (291 reduction steps; simplices 51 66)');
  });

  it('wants the shown lines as the next real lines; `...`/`…` and abridged prefixes skip lines', () => {
    const real = ['a 1', '    1   40   0.2   9 0', '    2   61   0.3   9 0', 'b; 1.5 s', 'c x', 'c y', 's VERIFIED'];
    expect(outputDiff(['a 1', '...', 'b; 6.3 s', 'c x', 'c y', 's VERIFIED'], real)).toEqual([]);
    expect(outputDiff(['a 1', '    1   40  12.7   9 0', '…'], real)).toEqual([]);
    expect(outputDiff(['a 1', '...', 'b; 6.3 s', 'c y', 's VERIFIED'], real, ['c '])).toEqual([]);
    // a wrong number, a left-out line, a line out of order, an unshown tail
    expect(outputDiff(['a 1', '    1   40   0.2   9 1', '...', 's VERIFIED'], real)).toHaveLength(1);
    expect(outputDiff(['a 1', '    2   61   0.3   9 0', '...', 's VERIFIED'], real)).toHaveLength(1);
    expect(outputDiff(['...', 's VERIFIED', 'a 1'], real)).toHaveLength(1);
    expect(outputDiff(['a 1', '...', 'b; 6.3 s'], real)).toEqual(['not shown: c x', 'not shown: c y', 'not shown: s VERIFIED']);
    expect(outputDiff(['a 1', '...', 'b; 6.3 s'], real, ['c '])).toEqual(['not shown: s VERIFIED']);
  });

  it('reads `\\`-continued commands, their output and the abridged note from indented blocks', () => {
    const md = ['text', '  ```', '  $ ohc certify --a x \\', '        --b y', '  out 1', '', '  $ ohc check z', '  s VERIFIED', '  ```', '', '(`c` lines abridged.) More.', '```sh', 'npm ci', '```'].join('\n');
    expect(shownCommands(md)).toEqual([
      { line: 3, argv: ['certify', '--a', 'x', '--b', 'y'], expected: ['out 1'], abridged: ['c '] },
      { line: 7, argv: ['check', 'z'], expected: ['s VERIFIED'], abridged: ['c '] },
    ]);
  });
});
