// `ohc check`: exit codes 0 / 1 / 2, one `s` line, input files confirmed against the header.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { loadDataset } from '../../src/io/loadData.js';
import { loadModel } from '../../src/io/loadModel.js';
import { bundleRecords, withEnd } from './bundleFixture.js';

const XOR = join(import.meta.dirname, '../../../shared/data/xor');
const model = join(XOR, 'xor_overlap.pth');
const data = join(XOR, 'xor_points.npy');
const dir = mkdtempSync(join(tmpdir(), 'ohc-check-'));
const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');

function bundleFile(name: string, edit: (rs: Record<string, unknown>[]) => void = () => {}): string {
  const net = loadModel(model);
  const rs = JSON.parse(JSON.stringify(bundleRecords(net, loadDataset(data).points))) as Record<string, unknown>[];
  (rs[0] as Record<string, unknown>)['inputs'] = { model: { path: 'xor_overlap.pth', sha256: sha(model) }, data: { path: 'xor_points.npy', sha256: sha(data) }, labels: null };
  edit(rs);
  const f = join(dir, name);
  writeFileSync(f, withEnd(rs));
  return f;
}

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = checkCommand(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

describe.skipIf(!existsSync(model))('ohc check', () => {
  let cached: string | undefined;
  const goodFile = (): string => (cached ??= bundleFile('good.jsonl'));
  it('verifies a valid bundle: c lines, then exactly one s line, exit 0', () => {
    const r = run([goodFile()]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^c bundle .*: \d+ lines, \d+ bytes, sha256 [0-9a-f]{64}$/);
    expect(r.out.filter((l) => l.startsWith('s '))).toEqual(['s VERIFIED']);
    expect(r.out[r.out.length - 1]).toBe('s VERIFIED');
    expect(r.out.every((l) => l.startsWith('c ') || l.startsWith('s '))).toBe(true);
    expect(r.out.join('\n')).toContain('c layer 3: ');
  });
  it('confirms the input files and the embedded network and points', () => {
    expect(run([goodFile(), '--model', model, '--data', data]).code).toBe(0);
    const other = join(XOR, 'xor_rank.pth');
    const r = run([goodFile(), '--model', other, '--data', data]);
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toContain('sha256 of');
    const lying = bundleFile('lying.jsonl', (rs) => {
      ((rs[0] as Record<string, { model: { sha256: string } }>)['inputs'] as { model: { sha256: string } }).model.sha256 = sha(other);
    });
    const r2 = run([lying, '--model', other, '--data', data]);
    expect(r2.code).toBe(1);
    expect(r2.out.join('\n')).toContain('the embedded one');
  });
  it('rejects a mutated bundle with exit 1 and names the rule', () => {
    const bad = bundleFile('bad.jsonl', (rs) => {
      (rs[rs.length - 1] as Record<string, unknown>)['gluings'] = 5;
    });
    const r = run([bad]);
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toContain('c rejected by rule classes at line');
    expect(r.out[r.out.length - 1]).toBe('s REJECTED');
  });
  it('--json prints one JSON object', () => {
    const r = run([goodFile(), '--json']);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(JSON.parse(r.out[0] as string)).toMatchObject({ status: 'VERIFIED', verdict: { kind: 'accepted' } });
  });
  it('exit 2 for usage errors and unreadable files', () => {
    expect(run([]).code).toBe(2);
    expect(run([goodFile(), '--bogus']).code).toBe(2);
    expect(run([goodFile(), '--model', model]).code).toBe(2);
    expect(run([join(dir, 'missing.jsonl')]).code).toBe(2);
    expect(run([goodFile(), '--model', join(dir, 'missing.pth'), '--data', data]).code).toBe(2);
  });
});
