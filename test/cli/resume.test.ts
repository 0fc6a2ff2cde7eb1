// resume.test.ts: the built CLI killed with SIGKILL after a checkpoint resumes (--resume) to a byte-identical bundle; runs are deterministic.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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
  it('an uninterrupted run, a second one, and a run killed after a checkpoint then resumed give the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohc-resume-'));
    const a = join(dir, 'a.ohcb');
    const b = join(dir, 'b.ohcb');
    const k = join(dir, 'k.ohcb');
    expect(ohcSync('certify', ...inputs, '--out', a).code).toBe(0);
    expect(ohcSync('certify', ...inputs, '--out', b).code).toBe(0);
    const bytesA = readFileSync(a);
    expect(readFileSync(b).equals(bytesA)).toBe(true); // deterministic

    const child = spawn(process.execPath, [ohc, 'certify', ...inputs, '--out', k], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    expect(await untilCheckpoints(child, `${k}.journal`, 2), 'the run ended before its second checkpoint').toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(k)).toBe(false);
    expect(existsSync(`${k}.journal`)).toBe(true);

    // without --resume the journal is reported, not overwritten
    const again = ohcSync('certify', ...inputs, '--out', k);
    expect(again.code).toBe(2);
    expect(again.err).toContain('--resume');
    // a journal made with other options is refused
    const other = ohcSync('certify', ...inputs, '--layers', '1-9', '--out', k, '--resume');
    expect(other.code).toBe(2);
    expect(other.err).toContain('other inputs or options');

    const resumed = ohcSync('certify', ...inputs, '--out', k, '--resume', '--json');
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toMatch(/resuming from .*k\.ohcb\.journal: [0-9]+ of 10 layers done/);
    expect((JSON.parse(resumed.out) as { layers: unknown[] }).layers).toHaveLength(10);
    expect(readFileSync(k).equals(bytesA)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.ohcb', 'b.ohcb', 'k.ohcb']); // journal and temporary file gone
  });
});
