// audit.test.ts: `ohc audit` names false and missed gluings with certificates; exit codes 0 / 1 / 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/audit.js';
import { explainBundle } from '../../src/audit/explainBundle.js';
import { parseClaim } from '../../src/audit/claim.js';
import { auditCommand, printAudit } from '../../src/cli/auditCommand.js';
import { certifyCommand } from '../../src/cli/certifyCommand.js';
import { UsageError } from '../../src/cli/usageError.js';
import { InputError } from '../../src/io/inputError.js';

const EX = resolve(import.meta.dirname, '..', '..', 'certificates', 'examples');
const xor = ['--model', join(EX, 'xor', 'xor_overlap.pth'), '--data', join(EX, 'xor', 'xor_points.npy')];
const di = ['--model', join(EX, 'd-i', 'D-I_model_0.pth'), '--data', join(EX, 'd-i', 'D-I-test.npy'), '--labels', join(EX, 'd-i', 'D-I-test-labels.npy'), '--class', '1', '--correct'];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'ohc-audit-'));

function run(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  try {
    return { code: auditCommand(argv, (s) => out.push(s)), out: out.join('\n'), err: '' };
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError || (e instanceof TypeError && 'code' in e)) return { code: 2, out: out.join('\n'), err: (e as Error).message };
    throw e;
  }
}

function writeClaim(dir: string, doc: unknown, name = 'claim.json'): string {
  const f = join(dir, name);
  writeFileSync(f, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return f;
}

describe('ohc audit', () => {
  it('D-I model 0: a claim from certify --json with one true gluing dropped and one false gluing added: both named, with certificates', () => {
    const dir = tmp();
    const bundle = join(dir, 'd-i.ohcb');
    const lines: string[] = [];
    expect(certifyCommand([...di, '--out', bundle, '--json'], (s) => lines.push(s), () => undefined)).toBe(0);
    const cert = JSON.parse(lines.join('')) as { layers: { layer: number; classes: number[][] }[] };
    // layer 10: drop the last member of the first class with ≥ 3 members, glue two samples certified apart
    const l10 = cert.layers.find((l) => l.layer === 10)?.classes as number[][];
    const victim = l10.find((c) => c.length >= 3) as number[];
    const dropped = victim.pop() as number;
    const inClass = new Set(l10.flat());
    const [p, q] = [...Array(282).keys()].filter((j) => !inClass.has(j) && j !== dropped);
    l10.push([p as number, q as number]);
    const claim = writeClaim(dir, cert);
    const rep = audit({ claim, model: di[1] as string, data: di[3] as string, labels: di[5] as string, class: '1', correct: true, bundle });
    expect(rep.match).toBe(false);
    const text: string[] = [];
    printAudit(rep, claim, (s) => text.push(s));
    const r = { out: text.join('\n') };
    expect(r.out).toContain(`FALSE: claimed class ${l10.length - 1} joins 2 certified-apart blocks: {${p}} (certified alone) | {${q}} (certified alone)`);
    expect(r.out).toMatch(/certificate: the checked classes record \(line [0-9]+\) separates them/);
    expect(r.out).toMatch(new RegExp(`MISSED: certified class [0-9]+ is split by the claim into 2 blocks: \\{${victim.join(', ')}\\} \\| \\{${dropped}\\}`));
    expect(r.out).toMatch(new RegExp(`${victim[0]} ~ ${dropped}: layer [0-9]+, regions [0-9]+~[0-9]+ glued: .*Q\\([0-9]+, r[0-9]+\\) yes by (witness|same|segment)`));
    expect(r.out).toContain('layers 1, 2, 3, 4, 5, 6, 7, 8, 9: the claim matches');
    const L = rep.layers.find((l) => l.layer === 10);
    expect(L?.counts.false).toBe(1);
    expect(L?.counts.missed).toBe(victim.length);
    expect(L?.falseGluings[0]?.separations[0]?.samples).toEqual([p, q]);
    const link = L?.missed[0]?.links[0];
    expect([link?.from, link?.to]).toEqual([victim[0], dropped]);
    // every cited line is the region record the citation names, and holds the witness when it says so
    const lines2 = readFileSync(bundle, 'utf8').split('\n');
    for (const step of link?.certificate ?? []) {
      for (const c of step.yes) {
        expect(c.answer).toBe('yes');
        if (c.line === undefined) continue;
        const rec = JSON.parse(lines2[c.line - 1] as string) as { t: string; layer: number; region: number; yes: [number, unknown][] };
        expect([rec.t, rec.layer, rec.region]).toEqual(['region', step.layer, c.region]);
        if (c.rule === 'witness') expect(rec.yes.map((y) => y[0])).toContain(c.sample);
      }
    }
  });

  it('XOR overlap net, certifying itself: JSON report of a swapped class at layer 2', () => {
    const dir = tmp();
    const claim = writeClaim(dir, { layers: [{ layer: 2, classes: [[0, 2], [3]] }] });
    const r = audit({ claim, model: xor[1] as string, data: xor[3] as string, out: join(dir, 'x.ohcb') });
    expect(r.match).toBe(false);
    expect(r.bundle).toBe(join(dir, 'x.ohcb'));
    expect(r.unclaimed).toEqual([1, 3]);
    const L = r.layers[0];
    expect(L?.certifiedClasses).toEqual([[0, 1]]);
    expect(L?.counts).toEqual({ claimed: 1, true: 0, false: 1, missed: 1 });
    expect(L?.falseGluings[0]?.blocks.map((b) => b.members)).toEqual([[0], [2]]);
    expect(L?.missed[0]?.blocks.map((b) => b.members)).toEqual([[0], [1]]);
    const step = L?.missed[0]?.links[0]?.certificate[0];
    expect(step?.layer).toBe(2);
    expect([step?.from, step?.to]).toEqual([0, 1]);
    expect(step?.yes.every((c) => c.answer === 'yes')).toBe(true);
    // layer 3 carries layer 2's class: a claim of [[0,1],[2,3]] matches there, certificates included
    const ok = audit({ claim: writeClaim(dir, { layers: [{ layer: 3, classes: [[2, 3], [1, 0]] }] }, 'ok.json'), model: xor[1] as string, data: xor[3] as string });
    expect(ok.match).toBe(true);
    expect(ok.bundle).toBe('(temporary)');
    expect(ok.layers[0]?.confirmed.map((c) => c.certificate.length)).toEqual([1, 1]);
    // the CLI: exit 1 / 0, --json prints the report
    const cli = run('--claim', claim, ...xor, '--json');
    expect(cli.code).toBe(1);
    expect((JSON.parse(cli.out) as { layers: { counts: unknown }[] }).layers[0]?.counts).toEqual(L?.counts);
    expect(run('--claim', writeClaim(dir, { layers: [{ layer: 3, classes: [[0, 1], [2, 3]] }] }, 'ok2.json'), ...xor).out).toContain('claim MATCHES');
  });

  it('reference profile with the sensitivity prune: the claim certify --json prints matches; a split one does not', () => {
    const dir = tmp();
    const opts = ['--profile', 'reference', '--sensitivity', '1/100'];
    const lines: string[] = [];
    expect(certifyCommand([...xor, ...opts, '--out', join(dir, 'r.ohcb'), '--json'], (s) => lines.push(s), () => undefined)).toBe(0);
    const cert = JSON.parse(lines.join('')) as { layers: { layer: number; classes: number[][] }[] };
    const ok = run('--claim', writeClaim(dir, cert), ...xor, ...opts, '--bundle', join(dir, 'r.ohcb'), '--json');
    expect(ok.code, ok.err).toBe(0);
    const split = { layers: cert.layers.map((l) => ({ layer: l.layer, classes: l.classes.flatMap((c) => c.map((j) => [j])) })) };
    const glued = cert.layers.some((l) => l.classes.length > 0);
    expect(run('--claim', writeClaim(dir, split, 'split.json'), ...xor, ...opts, '--bundle', join(dir, 'r.ohcb')).code).toBe(glued ? 1 : 0);
  });

  it('bad input exits 2: claim not JSON, sample out of range or twice, layer not certified, rejected bundle, --bundle with --out', () => {
    const dir = tmp();
    const bundle = join(dir, 'x.ohcb');
    expect(certifyCommand([...xor, '--layers', '1-2', '--out', bundle], () => undefined, () => undefined)).toBe(0);
    const cases: [unknown, RegExp][] = [
      ['{"layers": [', /is not JSON/],
      [{ classes: [] }, /expected \{"layers"/],
      [{ layers: [{ layer: 2, classes: [[0, 4]] }] }, /sample 4 is out of range \(4 selected points\)/],
      [{ layers: [{ layer: 2, classes: [[0, 1], [1, 2]] }] }, /sample 1 is also in classes\[0\]/],
      [{ layers: [{ layer: 3, classes: [] }] }, /layer 3 is not certified/],
      [{ layers: [{ layer: 2, classes: [[0, -1]] }] }, /-1 is not a sample index/],
    ];
    for (const [doc, msg] of cases) {
      const r = run('--claim', writeClaim(dir, doc), ...xor, '--bundle', bundle);
      expect(r.code, JSON.stringify(doc)).toBe(2);
      expect(r.err).toMatch(msg);
    }
    const good = writeClaim(dir, { layers: [] }, 'empty.json');
    writeFileSync(join(dir, 'forged.ohcb'), readFileSync(bundle, 'utf8').replace('"regions":4', '"regions":5'));
    expect(run('--claim', good, ...xor, '--bundle', join(dir, 'forged.ohcb')).err).toMatch(/the checker does not verify it/);
    expect(run('--claim', good, ...xor, '--bundle', bundle, '--out', join(dir, 'o.ohcb')).code).toBe(2);
    expect(run('--claim', good, ...xor, '--bundle', bundle, '--profile', 'reference').err).toMatch(/--profile reference differs/);
    expect(run('--claim', good, ...xor, '--bundle', bundle, '--layers', '1-3').err).toMatch(/--layers 1-3 differs from the bundle's certified layers 1,2/);
    expect(run(...xor, '--bundle', bundle).code).toBe(2);
    expect(run('--claim', join(dir, 'missing.json'), ...xor).code).toBe(2);
  });

  it('parseClaim keeps each class position, drops singletons, sorts members, ignores extra fields', () => {
    const c = parseClaim(JSON.stringify({ layers: [{ layer: 2, regions: 4, classes: [[3], [2, 0], []], gluedPoints: 2 }], bundle: 'x', seconds: 1 }), 'c.json', 4);
    expect(c.get(2)).toEqual([{ index: 1, members: [0, 2] }]);
  });
});

describe('explainBundle', () => {
  it('cites rule carried for the pairs a bundle leaves undecided inside a carried class (xor-overlap, layer 3)', () => {
    const bytes = readFileSync(resolve(import.meta.dirname, '..', '..', 'certificates', 'golden', 'xor-overlap.ohcb'));
    const seen: string[] = [];
    explainBundle(bytes, (x) => {
      if (x.layer !== 3) return;
      expect(x.carried).toBe(2);
      const K0 = x.regionOf[0] as number;
      const K1 = x.regionOf[1] as number;
      seen.push(x.cite(0, K1).rule, x.cite(1, K0).rule, x.cite(2, K0).answer);
    });
    expect(seen).toEqual(['carried', 'carried', 'no']);
  });
});
