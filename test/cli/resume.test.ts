// resume.test.ts: the built CLI stopped by Ctrl-C, resumed, killed with SIGKILL, resumed again: byte-identical bundle; runs are deterministic.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { certifyCommand } from '../../src/cli/certifyCommand.js';
import { builtOhc } from './builtCli.js';

const DI = resolve(import.meta.dirname, '..', '..', 'certificates', 'examples', 'd-i');
// D-I model 0 on its 282 analysed points: 10 layers, a few seconds in all
const inputs = ['--model', join(DI, 'D-I_model_0.pth'), '--data', join(DI, 'D-I-test.npy'), '--labels', join(DI, 'D-I-test-labels.npy'), '--class', '1', '--correct'];

let ohc = '';
beforeAll(() => {
  ohc = builtOhc();
});

function ohcSync(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [ohc, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Poll `file` until it holds `checkpoints` checkpoint lines (or the child exits). */
async function untilCheckpoints(child: ChildProcess, file: string, checkpoints: number): Promise<boolean> {
  for (;;) {
    if (child.exitCode !== null) return false;
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if ((text.match(/"t":"checkpoint"/g) ?? []).length >= checkpoints) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('ohc certify: journal, kill -9, --resume', () => {
  it('a run stopped by SIGINT, resumed, killed by SIGKILL, resumed again: the bytes of an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohc-resume-'));
    const a = join(dir, 'a.ohcb');
    const k = join(dir, 'k.ohcb');
    // the uninterrupted reference, in process (also: the CLI and the library write the same bytes)
    expect(certifyCommand([...inputs, '--out', a, '--quiet'], () => undefined)).toBe(0);
    const bytesA = readFileSync(a);

    // Ctrl-C (SIGINT) after the first checkpoint: exit 130, the journal stays, the message says how to resume
    const checkpointsIn = (): number => (readFileSync(`${k}.journal`, 'utf8').match(/"t":"checkpoint"/g) ?? []).length;
    // (--jobs 1: with worker threads the largest layers go first and the checkpoints come in a burst at the end)
    const first = spawn(process.execPath, [ohc, 'certify', ...inputs, '--out', k, '--jobs', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let firstErr = '';
    first.stderr?.on('data', (d: Buffer) => (firstErr += d.toString()));
    const firstExit = new Promise<number | null>((r) => first.on('close', (c) => r(c)));
    expect(await untilCheckpoints(first, `${k}.journal`, 1), 'the run ended before its first checkpoint').toBe(true);
    first.kill('SIGINT');
    expect(await firstExit).toBe(130);
    expect(firstErr).toMatch(/interrupted; .*k\.ohcb\.journal keeps [0-9]+ completed steps? .*rerun the same command with --resume/);
    const afterSigint = checkpointsIn();
    expect(afterSigint).toBeGreaterThanOrEqual(1);

    // resumed, then killed with SIGKILL after one more checkpoint
    const child = spawn(process.execPath, [ohc, 'certify', ...inputs, '--out', k, '--resume', '--jobs', '1'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    expect(await untilCheckpoints(child, `${k}.journal`, afterSigint + 1), 'the resumed run ended before its next checkpoint').toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(k)).toBe(false);
    expect(existsSync(`${k}.journal`)).toBe(true);

    // without --resume the journal is reported, not overwritten
    const again = ohcSync('certify', ...inputs, '--out', k);
    expect(again.code).toBe(2);
    expect(again.err).toContain('--resume');
    // the last part with worker threads (the default --jobs): the journal does not depend on it
    const resumed = ohcSync('certify', ...inputs, '--out', k, '--resume', '--json', '--jobs', '2');
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toMatch(/resuming from .*k\.ohcb\.journal: [0-9]+ of 10 layers done/);
    expect((JSON.parse(resumed.out) as { layers: unknown[] }).layers).toHaveLength(10);
    expect(readFileSync(k).equals(bytesA)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.ohcb', 'k.ohcb']); // journal and temporary file gone
  });
});
