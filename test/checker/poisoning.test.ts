// poisoning.test.ts: the checker's verdict does not change when code loaded before it tampers with
// globals and prototypes (like fast-check's poisoning tests). `ohc check` runs the checker in a
// fresh realm (checkInFreshRealm: a worker without preloads), so the golden bundles keep their
// verdicts and rules under every poison below, while the same poisons DO change the verdicts of
// the checker run in the poisoned realm itself (so they would fool a naive checker).
// Runs the BUILT code (dist/, made by `npm run build`/`npm ci`), in child processes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'src');
const CLI = join(DIST, 'cli', 'ohc.js');
const API = join(DIST, 'cli', 'checkInFreshRealm.js');
const CHECKER = join(DIST, 'checker', 'index.js');
const HAVE_DIST = [CLI, API, CHECKER, join(DIST, 'cli', 'checkWorker.js')].every((f) => existsSync(f));

/** Poisons, each a module run before the checker loads. Every one makes some naive use of a built-in lie. */
const POISONS: Record<string, string> = {
  arrays: `
const AP = Array.prototype;
AP.every = function () { return true; };
AP.some = function () { return false; };
AP.includes = function () { return true; };
AP.indexOf = function () { return 0; };
AP.find = function () { return undefined; };
AP.filter = function () { return []; };
AP.forEach = function () {};
AP.map = function () { return []; };
AP.reduce = function (f, init) { return init; };
AP.sort = function () { return this; };
AP.slice = function () { return []; };
AP.join = function () { return ''; };
AP.push = function () { return this.length; };
AP.concat = function () { return this; };
Array.from = function () { return []; };
Array.isArray = function () { return true; };`,
  objectsStringsNumbers: `
Object.keys = () => []; Object.entries = () => []; Object.values = () => []; Object.freeze = (o) => o;
String.prototype.split = function () { return []; };
String.prototype.startsWith = function () { return true; };
String.prototype.slice = function () { return ''; };
String.prototype.padStart = function () { return ''; };
String.prototype.includes = function () { return false; };
BigInt.prototype.toString = function () { return '0'; };
Math.max = () => 0; Math.min = () => 0; Math.floor = () => 0; Math.abs = () => 0; Math.clz32 = () => 0;
Number.isInteger = () => true; Number.isSafeInteger = () => true;
RegExp.prototype.test = function () { return true; };`,
  collections: `
Map.prototype.get = function () { return undefined; };
Map.prototype.has = function () { return true; };
Map.prototype.set = function () { return this; };
Set.prototype.has = function () { return true; };
Set.prototype.add = function () { return this; };
WeakSet.prototype.has = function () { return true; };`,
  json: `
const parse = JSON.parse;
JSON.parse = function (s, r) { const v = parse(s, r); if (v !== null && typeof v === 'object' && v.t === 'classes') v.classes = []; return v; };
JSON.stringify = function () { return '0'; };`,
  iterators: `
const none = function* () {};
Array.prototype[Symbol.iterator] = none;
Map.prototype[Symbol.iterator] = none; Map.prototype.entries = none; Map.prototype.values = none; Map.prototype.keys = none;
Set.prototype[Symbol.iterator] = none; Set.prototype.values = none;
String.prototype[Symbol.iterator] = none;`,
  builtins: `
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
crypto.createHash = () => ({ update() { return this; }, digest() { return '0'.repeat(64); } });
syncBuiltinESMExports();`,
};
/**
 * Everything at once for the CLI (`ohc`'s entry copies its arguments by index, so poisoned
 * Array methods and iterators in the calling realm do not change which verb runs).
 */
const ALL = ['arrays', 'objectsStringsNumbers', 'collections', 'json', 'iterators', 'builtins'].map((k) => POISONS[k]).join('\n')
  .replace(/^import .*$/gm, '')
    .replace(/^/, "import crypto from 'node:crypto';\nimport { syncBuiltinESMExports } from 'node:module';\n");

interface Case {
  file: string;
  args: string[];
  status: 'VERIFIED' | 'REJECTED';
  rule: string | null;
}
const expected = JSON.parse(readFileSync(join(ROOT, 'certificates', 'golden', 'expected.json'), 'utf8')) as { bundles: Case[] };
/** The golden verdicts, without the 4 MiB D-I bundle (slow) and without duplicates of a file and args. */
const CASES = expected.bundles.filter((b) => !b.file.includes('d-i-model')).map((b) => ({ ...b, file: join(ROOT, b.file), args: b.args.map((a) => (a.startsWith('--') ? a : join(ROOT, a))) }));
/** Run in the fresh realm under every poison (a worker each; the others only in the naive comparison): both input-checked good bundles, and rules classes, bound, header. */
const FRESH = CASES.map((c, i) => ((c.status === 'VERIFIED' && c.args.length > 0) || c.rule === 'classes' || c.rule === 'bound' || c.rule === 'header' ? i : -1)).filter((i) => i >= 0);

const tmp = mkdtempSync(join(tmpdir(), 'ohc-poison-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs in the child: read the cases, THEN poison, then load and run the fresh-realm checker and the checker in this realm. */
const DRIVER = `
import { readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const poison = pathToFileURL(process.argv[2]).href;
const api = pathToFileURL(process.argv[3]).href;
const checker = pathToFileURL(process.argv[4]).href;
const cases = JSON.parse(readFileSync(process.argv[5], 'utf8'));
const n = cases.length;
await import(poison);
const { checkInFreshRealm } = await import(api);
const fresh = JSON.parse(process.argv[7]);
for (let f = 0; f < fresh.length; f++) {
  const i = fresh[f];
  const c = cases[i];
  const opts = {};
  for (let k = 0; k + 1 < c.args.length; k += 2) opts[c.args[k] === '--model' ? 'model' : c.args[k] === '--data' ? 'data' : 'labels'] = c.args[k + 1];
  const r = checkInFreshRealm(c.file, opts);
  let text = '';
  for (let j = 0; j < r.lines.length; j++) text += r.lines[j][1] + '\\u0001';
  writeSync(1, 'F\\u0002' + i + '\\u0002' + r.code + '\\u0002' + r.realm + '\\u0002' + text + '\\n');
}
if (process.argv[6] === 'naive') {
const { check } = await import(checker);
for (let i = 0; i < n; i++) {
  let kind = 'threw';
  let rule = '';
  try { const v = check(cases[i].file); kind = v.kind; rule = '' + v.rule; } catch (e) { kind = 'threw'; }
  writeSync(1, 'I\\u0002' + i + '\\u0002' + kind + '\\u0002' + rule + '\\n');
}
}
`;

/** The rule named by `c rejected by rule R at ...`, or null. */
const ruleOf = (lines: string[]): string | null => lines.map((l) => /^c rejected by rule (\w+) /.exec(l)?.[1]).find((r) => r !== undefined) ?? null;

describe.skipIf(!HAVE_DIST)('poisoning: the verdict of ohc check does not depend on the built-ins of the calling realm', () => {
  const casesFile = join(tmp, 'cases.json');
  writeFileSync(casesFile, JSON.stringify(CASES));
  writeFileSync(join(tmp, 'driver.mjs'), DRIVER);
  let naiveChanged = 0;
  const naiveChanges: string[] = [];
  const falseAccepts: string[] = [];

  for (const [name, src] of Object.entries(POISONS)) {
    it(`poison "${name}": the golden bundles keep their verdicts and rules (checkInFreshRealm)`, () => {
      const poison = join(tmp, `${name}.mjs`);
      writeFileSync(poison, src);
      // Under the iterator poison the checker in the poisoned realm can loop forever: not run there.
      const naive = name === 'iterators' ? 'fresh-only' : 'naive';
      const r = spawnSync(process.execPath, [join(tmp, 'driver.mjs'), poison, API, CHECKER, casesFile, naive, JSON.stringify(FRESH)], { encoding: 'utf8', timeout: 90_000 });
      const rows = r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\u0002'));
      const fresh = rows.filter((x) => x[0] === 'F');
      expect(fresh.length, `${r.stderr}`).toBe(FRESH.length);
      for (const [, i, code, realm, text] of fresh) {
        const c = CASES[Number(i)] as Case;
        const lines = (text ?? '').split('\u0001').filter((l) => l !== '');
        const label = `${c.file} ${c.args.join(' ')}`;
        expect(realm).toBe('fresh');
        expect(lines.at(-1), label).toBe(`s ${c.status}`);
        expect(Number(code), label).toBe(c.status === 'VERIFIED' ? 0 : 1);
        expect(ruleOf(lines), label).toBe(c.rule);
      }
      // The same poison in the checker's own realm (no args: inputs are not compared there).
      for (const [, i, kind, rule] of rows.filter((x) => x[0] === 'I')) {
        const c = CASES[Number(i)] as Case;
        if (c.args.length > 0 && c.status === 'REJECTED') continue;
        const want = c.args.length > 0 || c.status === 'VERIFIED' ? 'accepted' : 'rejected';
        if (kind !== want || (kind === 'rejected' && rule !== c.rule)) {
          naiveChanged++;
          naiveChanges.push(`${name}: ${c.file.split('/').pop()} ${kind} ${rule}`);
          if (kind === 'accepted') falseAccepts.push(`${name}: ${c.file.split('/').pop()}`);
        }
      }
    });
  }

  it('the poisons have teeth: run in the poisoned realm itself, the checker changes verdicts', () => {
    console.log(`poisoning: ${naiveChanged} verdict changes of the checker run in the poisoned realm, false accepts: ${falseAccepts.join(', ') || 'none'}; all: ${naiveChanges.join('; ')}`);
    expect(naiveChanged).toBeGreaterThan(0);
  });

  it('node --import POISON dist/src/cli/ohc.js check: every poison at once, on a good and two bad bundles', () => {
    const poison = join(tmp, 'all.mjs');
    writeFileSync(poison, ALL);
    const pick = [CASES.find((c) => c.status === 'VERIFIED' && c.args.length > 0), CASES.find((c) => c.rule === 'classes'), CASES.find((c) => c.rule === 'header')];
    for (const c of pick) {
      if (c === undefined) throw new Error('golden case missing');
      const r = spawnSync(process.execPath, ['--import', poison, CLI, 'check', c.file, ...c.args], { encoding: 'utf8', timeout: 60_000 });
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines.at(-1), `${c.file}: ${r.stderr}`).toBe(`s ${c.status}`);
      expect(r.status).toBe(c.status === 'VERIFIED' ? 0 : 1);
      expect(ruleOf(lines)).toBe(c.rule);
    }
  });

  it('NODE_OPTIONS preloads do not reach the checker either', () => {
    const poison = join(tmp, 'json-env.mjs');
    writeFileSync(poison, `${POISONS['json']}\nimport { isMainThread } from 'node:worker_threads';\nif (!isMainThread) process.stderr.write('POISON IN WORKER\\n');\n`);
    const c = CASES.find((x) => x.rule === 'classes') as Case;
    const r = spawnSync(process.execPath, [CLI, 'check', c.file], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--import ${poison}` }, timeout: 60_000 });
    expect(r.stderr).not.toContain('POISON IN WORKER');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('s REJECTED');
    expect(ruleOf(r.stdout.split('\n'))).toBe('classes');
  });
});
