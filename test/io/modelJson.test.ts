import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { loadModel } from '../../src/io/loadModel.js';
import { modelFromJson, modelToJson, readModelJson } from '../../src/io/modelJson.js';
import type { Network } from '../../src/net/network.js';
import { fcOptions } from '../fcSeed.js';
import { expectInputError } from './expectInputError.js';
import { safetensors, tempDir, zip } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ours = (layers: unknown, inputDim: unknown = 2): string => JSON.stringify({ format: 'ohc-model/1', inputDim, layers });
const L = (W: unknown, b: unknown, activation: unknown = 'relu'): unknown => ({ W, b, activation });

function reference(over: Record<string, unknown> = {}, layers?: unknown): string {
  return JSON.stringify({
    format: 'quotient-homology-reference-model/1',
    architecture: { input_size: 2, hidden_sizes: [2], output_size: 1, hidden_activation: 'relu', output_activation: 'none (logits)' },
    dtype: 'float32',
    layers: layers ?? [
      { shape: [2, 2], weight: [['0.10000000149011612', '1'], ['-2', '0.5']], bias: ['0', '1.401298464324817e-45'] },
      { shape: [1, 2], weight: [['1', '1']], bias: ['-0.25'] },
    ],
    ...over,
  });
}

describe('ohc-model/1', () => {
  it('reads p/q and exact decimals', () => {
    const f = tmp.write('m.json', ours([L([['1/3', '-0.1'], ['2', '1e2']], ['0', '-12.5e-3']), L([['1', '-1']], ['4/6'], 'none')]));
    const n = readModelJson(f);
    expect(n.inputDim).toBe(2);
    expect(n.layers[0]?.W.map((r) => r.map(String))).toEqual([['1/3', '-1/10'], ['2', '100']]);
    expect(n.layers[0]?.b.map(String)).toEqual(['0', '-1/80']);
    expect(n.layers[1]?.b.map(String)).toEqual(['2/3']);
    expect(n.layers.map((l) => l.relu)).toEqual([true, false]);
  });
  it('round-trips through modelToJson (property)', () => {
    const rat = fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 20n })).map(([n, d]) => Rat.of(n, d));
    const netArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }).chain((dims) =>
      fc
        .tuple(...dims.slice(1).map((out, i) => fc.tuple(fc.array(fc.array(rat, { minLength: dims[i] as number, maxLength: dims[i] as number }), { minLength: out, maxLength: out }), fc.array(rat, { minLength: out, maxLength: out }), fc.boolean())))
        .map((ls): Network => ({ inputDim: dims[0] as number, layers: ls.map(([W, b, relu]) => ({ W, b, relu })) })),
    );
    fc.assert(
      fc.property(netArb, (net) => {
        const back = modelFromJson(JSON.parse(modelToJson(net)), 'x');
        expect(modelToJson(back)).toBe(modelToJson(net));
        expect(back.layers.map((l) => l.relu)).toEqual(net.layers.map((l) => l.relu));
        back.layers.forEach((l, i) => l.b.forEach((x, j) => expect(x.eq(net.layers[i]?.b[j] as Rat)).toBe(true)));
      }),
      fcOptions(100),
    );
  });
  it('rejects bad models with the JSON path', () => {
    const cases: [string, string | RegExp, RegExp][] = [
      ['{"format":"ohc-model/1","inputDim":2,"layers":[{"W":[[NaN,"1"]],"b":["0"],"activation":"relu"}]}', /^json/, /invalid JSON/],
      ['{"format":"ohc-model/1","inputDim":2,"layers":[{"W":[["1",1e400]],"b":["0"],"activation":"relu"}]}', 'layers[0].W[0][1]', /not JSON numbers/],
      [ours([L([['1', 0.5]], ['0'])]), 'layers[0].W[0][1]', /not JSON numbers/],
      [ours([L([['1', 'NaN']], ['0'])]), 'layers[0].W[0][1]', /not an exact number/],
      [ours([L([['1', 'Infinity']], ['0'])]), 'layers[0].W[0][1]', /not an exact number/],
      [ours([L([['1', '1/0']], ['0'])]), 'layers[0].W[0][1]', /zero denominator/],
      [ours([L([['1', '1e99999999']], ['0'])]), 'layers[0].W[0][1]', /exponent/],
      [ours([L([['1', '2', '3']], ['0'])]), 'layers[0].W[0]', /3 entries, expected 2/],
      [ours([L([['1', `${'7'.repeat(5000)}/${'3'.repeat(5000)}`]], ['0'])]), 'layers[0].W[0][1]', /4096 digits/],
      [ours([L([['1', '2']], ['0', '1'])]), 'layers[0].b', /2 entries, expected 1/],
      [ours([L([['1', '2']], ['0']), L([['1', '2']], ['0'])]), 'layers[1].W[0]', /2 entries, expected 1/],
      [ours([L([['1', '2']], ['0'], 'tanh')]), 'layers[0].activation', /relu/],
      [ours([L([], [])]), 'layers[0].W', /non-empty/],
      [ours([]), 'layers', /non-empty/],
      [ours([L([['1', '2']], ['0'])], 0), 'inputDim', /positive/],
      [ours([L([['1', '2']], ['0'])], '2'), 'inputDim', /positive/],
      [JSON.stringify({ format: 'ohc-model/1', inputDim: 2, layers: [], extra: 1 }), 'extra', /unknown/],
      [JSON.stringify({ format: 'keras' }), 'format', /unknown model format/],
      ['[1,2]', '$', /object/],
      [`{"format":"ohc-model/1","inputDim":2,"layers":${'['.repeat(100000)}`, /^json character/, /nesting/],
      [reference({ architecture: { input_size: 2, hidden_activation: 'tanh' } }), 'architecture.hidden_activation', /non-ReLU activation/],
      [reference({ architecture: { input_size: 2, hidden_activation: 'relu', output_activation: 'softmax' } }), 'architecture.output_activation', /not supported/],
      [reference({}, [{ weight: [['0.1', '1']], bias: ['0'] }]), 'layers[0].weight[0][0]', /not a float32/],
      [reference({}, [{ weight: [['NaN', '1']], bias: ['0'] }]), 'layers[0].weight[0][0]', /not a finite float/],
      [reference({}, [{ weight: [['1e999', '1']], bias: ['0'] }]), 'layers[0].weight[0][0]', /not a finite float/],
      [reference({}, [{ weight: [[1, '1']], bias: ['0'] }]), 'layers[0].weight[0][0]', /float strings/],
      [reference({}, [{ shape: [2, 2], weight: [['1', '1']], bias: ['0'] }]), 'layers[0].shape', /disagrees/],
      [reference({}, [{ weight: [['1', '1']], bias: ['0'] }]), 'architecture.hidden_sizes', /disagrees/],
      [reference({}, [{ weight: [['1', '1']], bias: ['0'] }, { weight: [['1']], bias: ['0'] }, { weight: [['1']], bias: ['0'] }]), 'architecture.hidden_sizes', /disagrees/],
    ];
    cases.forEach(([text, field, msg], i) => {
      const f = tmp.write(`bad${i}.json`, text);
      expectInputError(() => readModelJson(f), f, field, msg);
    });
  });
  it('reads the reference export rule: float strings name doubles', () => {
    const f = tmp.write('ref.json', reference());
    const n = readModelJson(f);
    expect(n.layers[0]?.W[0]?.[0]?.toString()).toBe('13421773/134217728');
    expect(n.layers[0]?.b[1]?.eq(Rat.dyadic(1n, -149))).toBe(true);
    expect(n.layers.map((l) => l.relu)).toEqual([true, false]);
  });
});

describe('loadModel', () => {
  it('dispatches on extension and content', () => {
    const text = ours([L([['1', '2']], ['0'], 'none')]);
    expect(loadModel(tmp.write('a.json', text)).inputDim).toBe(2);
    expect(loadModel(tmp.write('a.model', text)).inputDim).toBe(2);
    const st = safetensors({ 'a.weight': { dtype: 'F64', shape: [1, 1], data_offsets: [0, 8] }, 'a.bias': { dtype: 'F64', shape: [1], data_offsets: [8, 16] } }, new Uint8Array(16));
    expect(loadModel(tmp.write('a.safetensors', st)).layers.length).toBe(1);
    expect(loadModel(tmp.write('a.bin', st)).layers.length).toBe(1);
    const unknown = tmp.write('a.h5', '\u0089HDF\r\n');
    expectInputError(() => loadModel(unknown), unknown, 'file', /unknown model format/);
    const z = tmp.write('weird.pt', zip([['x', new Uint8Array(1)]]));
    expectInputError(() => loadModel(z), z, 'zip', /data\.pkl/);
    const missing = `${tmp.dir}/missing.bin`;
    expectInputError(() => loadModel(missing), missing, 'file', /ENOENT/);
  });
});
