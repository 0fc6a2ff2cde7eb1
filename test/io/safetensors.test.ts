import { afterAll, describe, expect, it } from 'vitest';
import { loadSafetensorsNetwork, readSafetensors } from '../../src/io/safetensors.js';
import { expectInputError } from './expectInputError.js';
import { concat, f32, f64le, safetensors, tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

// 2 -> 2 -> 1 network; header sorted by name, as safetensors writers do.
function net(over: Record<string, unknown> = {}, data?: Uint8Array): Uint8Array {
  const header = {
    __metadata__: { format: 'pt' },
    'layers.0.bias': { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
    'layers.0.weight': { dtype: 'F32', shape: [2, 2], data_offsets: [8, 24] },
    'layers.10.bias': { dtype: 'F64', shape: [1], data_offsets: [24, 32] },
    'layers.10.weight': { dtype: 'F32', shape: [1, 2], data_offsets: [32, 40] },
    ...over,
  };
  return safetensors(header, data ?? concat(f32([-0.5, 0.5]), f32([1, 2, 3, 4]), f64le([0.1]), f32([1, -1])));
}

describe('readSafetensors', () => {
  it('reads tensors exactly and orders layers numerically', () => {
    const f = tmp.write('ok.safetensors', net());
    const t = readSafetensors(f);
    expect(t.get('layers.10.bias')?.values.map(String)).toEqual(['3602879701896397/36028797018963968']);
    expect(t.get('layers.0.weight')?.shape).toEqual([2, 2]);
    const n = loadSafetensorsNetwork(f);
    expect(n.inputDim).toBe(2);
    expect(n.layers.map((l) => l.relu)).toEqual([true, false]);
    expect(n.layers[0]?.W.map((r) => r.map(String))).toEqual([['1', '2'], ['3', '4']]);
    const h = tmp.write('f16.safetensors', safetensors({ 'a.weight': { dtype: 'F16', shape: [1, 1], data_offsets: [0, 2] }, 'a.bias': { dtype: 'BF16', shape: [1], data_offsets: [2, 4] } }, Uint8Array.of(0x00, 0x3c, 0x80, 0x3f)));
    expect(loadSafetensorsNetwork(h).layers[0]?.b.map(String)).toEqual(['1']);
  });
  it('rejects lying headers', () => {
    const past = tmp.write('past.safetensors', net({ 'layers.10.weight': { dtype: 'F32', shape: [1, 2], data_offsets: [32, 48] } }));
    expectInputError(() => readSafetensors(past), past, 'layers.10.weight.data_offsets', /outside/);
    const size = tmp.write('size.safetensors', net({ 'layers.10.weight': { dtype: 'F32', shape: [2, 2], data_offsets: [32, 40] } }));
    expectInputError(() => readSafetensors(size), size, 'layers.10.weight.data_offsets', /do not hold/);
    const overlap = tmp.write('overlap.safetensors', net({ 'layers.10.weight': { dtype: 'F32', shape: [1, 2], data_offsets: [16, 24] } }));
    expectInputError(() => readSafetensors(overlap), overlap, /data_offsets|data/, /overlaps|belong/);
    const dtype = tmp.write('dtype.safetensors', net({ 'layers.0.bias': { dtype: 'F8_E4M3', shape: [2], data_offsets: [0, 8] } }));
    expectInputError(() => readSafetensors(dtype), dtype, 'layers.0.bias.dtype', /unsupported/);
    const shape = tmp.write('shape.safetensors', net({ 'layers.0.bias': { dtype: 'F32', shape: [-2], data_offsets: [0, 8] } }));
    expectInputError(() => readSafetensors(shape), shape, 'layers.0.bias.shape');
    const good = net();
    const hlen = good.slice();
    new DataView(hlen.buffer).setBigUint64(0, 1n << 40n, true);
    const fh = tmp.write('hlen.safetensors', hlen);
    expectInputError(() => readSafetensors(fh), fh, 'header', /past the end/);
    const trunc = tmp.write('trunc.safetensors', good.subarray(0, good.length - 4));
    expectInputError(() => readSafetensors(trunc), trunc, 'layers.10.weight.data_offsets', /outside/);
    const nan = tmp.write('nan.safetensors', net({}, concat(f32([-0.5, NaN]), f32([1, 2, 3, 4]), f64le([0.1]), f32([1, -1]))));
    expectInputError(() => readSafetensors(nan), nan, 'layers.0.bias[1]', /NaN/);
    const json = tmp.write('json.safetensors', concat(Uint8Array.of(5, 0, 0, 0, 0, 0, 0, 0), new TextEncoder().encode('{"a":')));
    expectInputError(() => readSafetensors(json), json, /^json/, /invalid JSON/);
    const tiny = tmp.write('tiny.safetensors', Uint8Array.of(1, 2));
    expectInputError(() => readSafetensors(tiny), tiny, 'header');
  });
});
