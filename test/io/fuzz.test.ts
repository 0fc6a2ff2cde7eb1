// Mutated and random inputs: the readers throw InputError or succeed, never anything else.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/inputError.js';
import { parseNpy } from '../../src/io/npy.js';
import { readPthTensors } from '../../src/io/pth.js';
import { readSafetensors } from '../../src/io/safetensors.js';
import { unpickle } from '../../src/io/unpickle.js';
import { readZip } from '../../src/io/zip.js';
import { fcOptions } from '../fcSeed.js';
import { expectInputError } from './expectInputError.js';
import { concat, f32, f64le, npy, pth, safetensors, stateDictPickle, tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function onlyInputErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
}

/** Random byte edits (set, truncate) of a valid file. */
const mutation = (base: Uint8Array) =>
  fc
    .record({
      edits: fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      cut: fc.option(fc.nat({ max: base.length }), { nil: undefined }),
    })
    .map(({ edits, cut }) => {
      const b = base.slice();
      for (const [i, v] of edits) b[i] = v;
      return cut === undefined ? b : b.subarray(0, cut);
    });

const goodPickle = stateDictPickle([
  { key: 'a.weight', storage: '0', numel: 4, size: [2, 2], stride: [2, 1] },
  { key: 'a.bias', storage: '1', numel: 2, size: [2], stride: [1] },
]);
const goodPth = pth('m', goodPickle, [['0', f32([1, 2, 3, 4])], ['1', f32([5, 6])]]);

describe('fuzz', () => {
  it('npy', () => {
    const base = npy('<f8', [2, 3], f64le([1, 2, 3, 4, 5, 6]));
    fc.assert(fc.property(mutation(base), (b) => onlyInputErrors(() => parseNpy(b, 'f.npy'))), fcOptions(500));
  });
  it('zip and pth', () => {
    fc.assert(
      fc.property(mutation(goodPth), (b) =>
        onlyInputErrors(() => {
          const z = readZip(b, 'f.pth');
          for (const n of z.entries.keys()) z.read(n);
        }),
      ),
      fcOptions(300),
    );
    fc.assert(
      fc.property(mutation(goodPth), (b) => onlyInputErrors(() => readPthTensors(tmp.write('m.pth', b)))),
      fcOptions(150),
    );
  });
  it('unpickle', () => {
    fc.assert(fc.property(mutation(goodPickle), (b) => onlyInputErrors(() => unpickle(b, 'f', 'p'))), fcOptions(500));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => onlyInputErrors(() => unpickle(concat(Uint8Array.of(0x80, 2), b), 'f', 'p'))),
      fcOptions(500),
    );
  });
  it('safetensors', () => {
    const base = safetensors({ 'a.weight': { dtype: 'F32', shape: [1, 2], data_offsets: [0, 8] }, 'a.bias': { dtype: 'F32', shape: [1], data_offsets: [8, 12] } }, f32([1, 2, 3]));
    fc.assert(fc.property(mutation(base), (b) => onlyInputErrors(() => readSafetensors(tmp.write('m.safetensors', b)))), fcOptions(150));
  });
  it('stride-0 views cannot blow up memory', () => {
    const p = pth('m', stateDictPickle([{ key: 'a.weight', storage: '0', numel: 1, size: [100000, 100000], stride: [0, 0] }]), [['0', f32([1])]]);
    const f = tmp.write('expand.pth', p);
    expectInputError(() => readPthTensors(f), f, 'a.weight', /more than/);
    expect(true).toBe(true);
  });
});
