// journaledBundle.test.ts: checkpoints, resume after a crash (junk after the checkpoint), refusals, torn journal lines.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCertify } from '../../src/cli/certifyCommand.js';
import { ProgressBar } from '../../src/cli/progress.js';
import { InputError } from '../../src/io/inputError.js';
import { journalPath, readJournal } from '../../src/journal/journal.js';
import { JournaledBundle } from '../../src/journal/journaledBundle.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ohc-journal-'));
const opts = { fingerprint: 'f'.repeat(64), resume: false, command: 'test' };
const XOR = resolve(import.meta.dirname, '..', '..', 'certificates', 'examples', 'xor');
const xorValues = { model: join(XOR, 'xor_overlap.pth'), data: join(XOR, 'xor_points.npy') };

/** Write steps 0..n−1 of a toy bundle (two records per step), checkpointing after each. */
function steps(jb: JournaledBundle, from: number, to: number): void {
  for (let s = from; s < to; s++) {
    jb.record(JSON.stringify({ t: 'step', s, a: 'x'.repeat(s * 10) }));
    jb.record(JSON.stringify({ t: 'step2', s }));
    jb.checkpoint(`step ${s}`, { s });
  }
}

describe('JournaledBundle', () => {
  it('a run stopped after checkpoint 2, with junk written after it, resumes to the bytes of an uninterrupted run', () => {
    const dir = tmp();
    const whole = JournaledBundle.open(join(dir, 'whole.ohcb'), opts, (r) => r('{"t":"header"}'));
    steps(whole, 0, 5);
    whole.finish();
    expect(readdirSync(dir)).toEqual(['whole.ohcb']);

    const out = join(dir, 'cut.ohcb');
    const first = JournaledBundle.open(out, opts, (r) => r('{"t":"header"}'));
    steps(first, 0, 3);
    first.record('{"t":"half-written"}');
    first.keep();
    const j = readJournal(journalPath(out));
    expect(j.checkpoints.map((c) => c.step)).toEqual(['step 0', 'step 1', 'step 2']);
    appendFileSync(j.tmp, '{"t":"junk after the checkpoint"'); // a kill in the middle of a write
    appendFileSync(journalPath(out), '{"t":"checkpoint","st'); // a torn journal line

    expect(() => JournaledBundle.open(out, opts, () => undefined)).toThrow(/add --resume to continue it/);
    expect(() => JournaledBundle.open(out, { ...opts, resume: true, fingerprint: 'e'.repeat(64) }, () => undefined)).toThrow(/other inputs or options/);
    const again = JournaledBundle.open(out, { ...opts, resume: true }, () => {
      throw new Error('the header is not rewritten on resume');
    });
    expect(again.resumed.map((c) => c.state)).toEqual([{ s: 0 }, { s: 1 }, { s: 2 }]);
    steps(again, 3, 5);
    again.finish();
    expect(readFileSync(out).equals(readFileSync(join(dir, 'whole.ohcb')))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['cut.ohcb', 'whole.ohcb']);
  });

  it('a changed temporary file is refused with exit-2 input error; abort removes everything', () => {
    const dir = tmp();
    const out = join(dir, 'b.ohcb');
    const jb = JournaledBundle.open(out, opts, (r) => r('{"t":"header"}'));
    steps(jb, 0, 2);
    jb.keep();
    const j = readJournal(journalPath(out));
    const text = readFileSync(j.tmp, 'utf8');
    writeFileSync(j.tmp, text.replace('step2', 'step3'));
    expect(() => JournaledBundle.open(out, { ...opts, resume: true }, () => undefined)).toThrow(InputError);
    expect(() => JournaledBundle.open(out, { ...opts, resume: true }, () => undefined)).toThrow(/not those of the checkpoint/);
    writeFileSync(j.tmp, text);
    const ok = JournaledBundle.open(out, { ...opts, resume: true }, () => undefined);
    ok.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--resume without a journal starts afresh; a journal without checkpoints is started over', () => {
    const dir = tmp();
    const out = join(dir, 'b.ohcb');
    const jb = JournaledBundle.open(out, { ...opts, resume: true }, (r) => r('{"t":"header"}'));
    expect(jb.resumed).toEqual([]);
    jb.keep();
    const again = JournaledBundle.open(out, { ...opts, resume: true }, (r) => r('{"t":"header"}'));
    expect(again.resumed).toEqual([]);
    steps(again, 0, 1);
    again.finish();
    expect(readdirSync(dir)).toEqual(['b.ohcb']);
  });
});

describe('runCertify: a run that fails after a checkpoint keeps the journal and resumes', () => {
  it('XOR overlap net: stopped when layer 3 starts, resumed: same bytes, same rows', () => {
    const dir = tmp();
    const whole = runCertify({ ...xorValues, out: join(dir, 'whole.ohcb') });
    class Stop extends ProgressBar {
      override startLayer(layer: number, index: number, count: number): void {
        if (layer === 3) throw new Error('stop');
        super.startLayer(layer, index, count);
      }
    }
    const out = join(dir, 'cut.ohcb');
    const notes: string[] = [];
    expect(() => runCertify({ ...xorValues, out }, { progress: new Stop({ write: () => true }, false), notice: (s) => notes.push(s) })).toThrow('stop');
    expect(notes.at(-1)).toMatch(/keeps 2 completed steps: rerun the same command with --resume/);
    expect(existsSync(journalPath(out))).toBe(true);
    // other options (layers, profile) or no --resume: refused, the journal untouched
    expect(() => runCertify({ ...xorValues, out, layers: '1-2', resume: true })).toThrow(/other inputs or options/);
    expect(() => runCertify({ ...xorValues, out, profile: 'reference', resume: true })).toThrow(/other inputs or options/);
    expect(() => runCertify({ ...xorValues, out })).toThrow(/add --resume to continue it/);
    const resumed = runCertify({ ...xorValues, out, resume: true }, { notice: (s) => notes.push(s) });
    expect(notes.at(-1)).toContain('2 of 3 layers done (last: layer 2)');
    expect(resumed.resumedLayers).toBe(2);
    expect(resumed.layers).toEqual(whole.layers);
    expect(readFileSync(out).equals(readFileSync(join(dir, 'whole.ohcb')))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['cut.ohcb', 'whole.ohcb']);
  });
});
