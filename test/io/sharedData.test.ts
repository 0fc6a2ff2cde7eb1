// The real shared files: .pth / .npy readers agree value-for-value with the JSON exports.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { loadDataset } from '../../src/io/loadData.js';
import { loadModel } from '../../src/io/loadModel.js';
import { readNpy } from '../../src/io/npy.js';
import { loadPthNetwork, readPthTensors } from '../../src/io/pth.js';
import type { Network } from '../../src/net/network.js';
import { ratFromFloat64 } from '../../src/numbers/ratFromFloat64.js';
import { ratFromFloatString } from '../../src/numbers/ratFromFloatString.js';
import { roundRatToFloat32 } from '../../src/numbers/roundRatToFloat32.js';
import { HAVE_SHARED, shared } from '../sharedData.js';

const QH = shared('data', 'quotienthomology');
const XOR = shared('data', 'xor');

function sameNetwork(a: Network, b: Network): void {
  expect(a.inputDim).toBe(b.inputDim);
  expect(a.layers.length).toBe(b.layers.length);
  a.layers.forEach((la, i) => {
    const lb = b.layers[i];
    if (lb === undefined) throw new Error('missing layer');
    expect(la.relu).toBe(lb.relu);
    expect(la.W.length).toBe(lb.W.length);
    la.W.forEach((row, r) => {
      expect(row.length).toBe(lb.W[r]?.length);
      row.forEach((x, c) => expect(x.eq(lb.W[r]?.[c] as Rat), `layer ${i} W[${r}][${c}]`).toBe(true));
    });
    la.b.forEach((x, r) => expect(x.eq(lb.b[r] as Rat), `layer ${i} b[${r}]`).toBe(true));
  });
}

describe.runIf(HAVE_SHARED)('shared data', () => {
  it('shared data is present', () => {
    expect(HAVE_SHARED).toBe(true);
  });

  const pthFiles = HAVE_SHARED ? readdirSync(`${QH}/pth`).filter((f) => f.endsWith('.pth')) : [];
  it('has the paper networks', () => {
    expect(pthFiles).toContain('D-II_model_0.pth');
  });
  for (const f of pthFiles) {
    it(`${f} equals its JSON export exactly`, () => {
      const fromPth = loadPthNetwork(`${QH}/pth/${f}`);
      const fromJson = loadModel(`${QH}/json/models/${f.replace('.pth', '.json')}`);
      sameNetwork(fromPth, fromJson);
      expect(fromPth.layers.length).toBe(10);
      expect(fromPth.layers.map((l) => l.relu)).toEqual([...Array<boolean>(9).fill(true), false]);
      expect(fromPth.layers[9]?.W.length).toBe(2);
    });
  }

  it('D-II_model_0.pth tensors are float32 with the expected shapes', () => {
    const t = readPthTensors(`${QH}/pth/D-II_model_0.pth`);
    expect([...t.keys()].slice(0, 3)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight']);
    expect(t.get('layers.0.weight')?.shape).toEqual([15, 3]);
    expect(t.get('layers.0.weight')?.dtype).toBe('float32');
    expect(t.get('layers.18.bias')?.shape).toEqual([2]);
  });

  it('xor_overlap.pth and xor_rank.pth hold the documented weights', () => {
    const r = (rows: number[][]): string[][] => rows.map((row) => row.map((x) => ratFromFloat64(x).toString()));
    const show = (n: Network): unknown => n.layers.map((l) => ({ W: l.W.map((row) => row.map(String)), b: l.b.map(String), relu: l.relu }));
    const overlap = loadModel(`${XOR}/xor_overlap.pth`);
    expect(overlap.inputDim).toBe(2);
    expect(show(overlap)).toEqual([
      { W: r([[2, 1], [1, 2], [-2, -1], [-1, -2]]), b: ['-1/2', '-1/2', '5/2', '5/2'], relu: true },
      { W: r([[1, -1, 0, 0], [0, 0, 1, -1]]), b: ['0', '0'], relu: true },
      { W: r([[1, 1]]), b: ['0'], relu: false },
    ]);
    const rank = loadModel(`${XOR}/xor_rank.pth`);
    expect(show(rank)).toEqual([
      { W: r([[-1, 1], [1, -1]]), b: ['-1/2', '-1/2'], relu: true },
      { W: r([[2, 2]]), b: ['0'], relu: false },
    ]);
  });

  it('xor_points.npy and xor_labels.npy', () => {
    const ds = loadDataset(`${XOR}/xor_points.npy`, { labelsFile: `${XOR}/xor_labels.npy` });
    expect(ds.dim).toBe(2);
    expect(ds.points.map((p) => p.map(String))).toEqual([['0', '0'], ['1', '1'], ['1', '0'], ['0', '1']]);
    expect(ds.labels).toEqual([0, 0, 1, 1]);
    expect(readNpy(`${XOR}/xor_points.npy`).dtype).toBe('float32');
    expect(readNpy(`${XOR}/xor_labels.npy`).dtype).toBe('int64');
  });

  for (const name of ['D-I-test', 'D-I-train', 'D-II-test', 'D-II-train', 'D-III-test', 'D-III-train']) {
    it(`${name}.npy equals points_float64 / class_index of the JSON export`, () => {
      const json = JSON.parse(readFileSync(`${QH}/json/data/${name}.json`, 'utf8')) as {
        points_float64: string[][];
        points_float32: string[][];
        class_index: number[];
      };
      const fromNpy = loadDataset(`${QH}/npy/${name}.npy`, { labelsFile: `${QH}/npy/${name}-labels.npy` });
      const fromJson = loadDataset(`${QH}/json/data/${name}.json`);
      expect(fromNpy.points.length).toBe(json.points_float64.length);
      expect(fromNpy.labels).toEqual(json.class_index);
      expect(fromJson.labels).toEqual(json.class_index);
      expect(fromJson.dim).toBe(fromNpy.dim);
      fromNpy.points.forEach((p, i) => {
        p.forEach((x, j) => {
          const y = fromJson.points[i]?.[j];
          if (y === undefined || !x.eq(y)) throw new Error(`${name} point ${i} coordinate ${j}: ${x} vs ${String(y)}`);
          // torch.Tensor(float64 array) rounds to nearest-even float32: exact bigint rounding agrees.
          if (name.endsWith('test')) {
            const f = ratFromFloatString(json.points_float32[i]?.[j] ?? 'x');
            if (!roundRatToFloat32(x).eq(f)) throw new Error(`${name} point ${i}: float32 rounding differs`);
          }
        });
      });
    });
  }
});
