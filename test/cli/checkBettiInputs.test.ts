// checkBettiInputs.test.ts: `ohc check BUNDLE --data FILE [--labels FILE]` confirms the inputs of a bundle without a network (ohc betti).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInRealm } from '../../src/cli/checkInRealm.js';
import { main } from '../../src/cli/main.js';

const DI = resolve(import.meta.dirname, '..', '..', 'certificates', 'examples', 'd-i');
const XOR = resolve(import.meta.dirname, '..', '..', 'certificates', 'examples', 'xor');
const data = ['--data', join(DI, 'D-I-test.npy'), '--labels', join(DI, 'D-I-test-labels.npy')];

function check(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = checkInRealm(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ohc check --data on a betti-only bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ohc-check-betti-'));
  const bundle = join(dir, 'd-i-betti.ohcb');
  expect(main(['betti', ...data, '--class', '1', '--complex', 'knn-rips:k=14,eps=2.5', '--out', bundle], () => undefined, () => undefined)).toBe(0);

  it('confirms the data, labels and class selection', () => {
    const r = check(bundle, ...data);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/inputs match the bundle/);
  });

  it('rejects other data, and a bundle with a network checked without --model', () => {
    const other = check(bundle, '--data', join(XOR, 'xor_points.npy'));
    expect(other.code).toBe(1);
    expect(other.out).toMatch(/rule header.*sha256/s);
    const net = join(dir, 'xor.ohcb');
    expect(main(['certify', '--model', join(XOR, 'xor_overlap.pth'), '--data', join(XOR, 'xor_points.npy'), '--out', net, '--quiet'], () => undefined, () => undefined)).toBe(0);
    const noModel = check(net, '--data', join(XOR, 'xor_points.npy'));
    expect(noModel.code).toBe(1);
    expect(noModel.out).toMatch(/give --model too/);
  });

  it('still refuses --model without --data', () => {
    expect(check(bundle, '--model', join(DI, 'D-I_model_0.pth')).code).toBe(2);
  });
});
