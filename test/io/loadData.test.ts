import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset, loadLabels } from '../../src/io/loadData.js';
import { expectInputError } from './expectInputError.js';
import { f32, f64le, npy, tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const i64 = (xs: number[]): Uint8Array => {
  const b = new Uint8Array(xs.length * 8);
  xs.forEach((x, i) => new DataView(b.buffer).setBigInt64(i * 8, BigInt(x), true));
  return b;
};

describe('loadDataset: npy', () => {
  it('reads points and every label layout', () => {
    const pts = tmp.write('p.npy', npy('<f8', [3, 2], f64le([0.1, 1, 2, 3, -4, 5])));
    const ds = loadDataset(pts);
    expect(ds.dim).toBe(2);
    expect(ds.labels).toBeUndefined();
    expect(ds.points[0]?.[0]?.toString()).toBe('3602879701896397/36028797018963968');
    const lab = (name: string, bytes: Uint8Array | string): readonly number[] | undefined => loadDataset(pts, { labelsFile: tmp.write(name, bytes) }).labels;
    expect(lab('l1.npy', npy('<i8', [3], i64([0, 2, 1])))).toEqual([0, 2, 1]);
    expect(lab('l2.npy', npy('<f8', [3], f64le([1, 0, 1])))).toEqual([1, 0, 1]);
    expect(lab('l3.npy', npy('<f8', [3, 2], f64le([1, 0, 0, 1, 1, 0])))).toEqual([0, 1, 0]);
    expect(lab('l4.npy', npy('<f4', [3, 1], f32([1, 0, 1])))).toEqual([1, 0, 1]);
    expect(lab('l5.npy', npy('|u1', [3], Uint8Array.of(3, 4, 5)))).toEqual([3, 4, 5]);
    expect(lab('l6.csv', 'label\n1\n0\n1\n')).toEqual([1, 0, 1]);
  });
  it('rejects bad labels and shapes', () => {
    const pts = tmp.write('p.npy', npy('<f8', [3, 2], f64le([0.1, 1, 2, 3, -4, 5])));
    const cases: [string, Uint8Array | string, string, RegExp][] = [
      ['frac.npy', npy('<f8', [3], f64le([1, 0.5, 1])), 'data[1]', /not a non-negative integer/],
      ['neg.npy', npy('<i8', [3], i64([1, -1, 1])), 'data[1]', /not a non-negative integer/],
      ['hot2.npy', npy('<f8', [3, 2], f64le([1, 0, 1, 1, 1, 0])), 'data[1]', /not one-hot/],
      ['hot0.npy', npy('<f8', [3, 2], f64le([1, 0, 0, 0, 1, 0])), 'data[1]', /not one-hot/],
      ['hotv.npy', npy('<f8', [3, 2], f64le([1, 0, 0, 2, 1, 0])), 'data[1]', /not one-hot/],
      ['3d.npy', npy('<f8', [3, 1, 1], f64le([1, 0, 1])), 'header.shape', /one-hot/],
      ['count.npy', npy('<f8', [2], f64le([1, 0])), 'labels', /2 labels for 3 points/],
      ['nan.npy', npy('<f8', [3], f64le([1, NaN, 0])), 'data[1]', /NaN/],
      ['lab.txt', 'hello', 'file', /\.npy or \.csv/],
    ];
    for (const [name, bytes, field, msg] of cases) {
      const f = tmp.write(name, bytes);
      expectInputError(() => loadDataset(pts, { labelsFile: f }), f, field, msg);
    }
    const one = tmp.write('1d.npy', npy('<f8', [3], f64le([1, 2, 3])));
    expectInputError(() => loadDataset(one), one, 'header.shape', /2-D/);
    const nanPts = tmp.write('nanp.npy', npy('<f8', [2, 2], f64le([1, 2, 3, Infinity])));
    expectInputError(() => loadDataset(nanPts), nanPts, 'data[1][1]', /NaN or infinite/);
    const other = tmp.write('p.parquet', 'x');
    expectInputError(() => loadDataset(other), other, 'file', /unknown dataset format/);
  });
});

describe('loadDataset: csv', () => {
  it('reads exact decimals, p/q, an optional header and a label column', () => {
    const a = loadDataset(tmp.write('a.csv', '0.1,-12.5e-3\r\n1/3,2\n\n'));
    expect(a.points.map((p) => p.map(String))).toEqual([['1/10', '-1/80'], ['1/3', '2']]);
    expect(a.labels).toBeUndefined();
    const b = loadDataset(tmp.write('b.csv', 'x, label ,y\n1, 0, 2\n3, 1, 4\n'));
    expect(b.dim).toBe(2);
    expect(b.points.map((p) => p.map(String))).toEqual([['1', '2'], ['3', '4']]);
    expect(b.labels).toEqual([0, 1]);
    const c = loadDataset(tmp.write('c.csv', 'x,y\n1,2\n'), { labelsFile: tmp.write('c.labels.npy', npy('<i8', [1], i64([7]))) });
    expect(c.labels).toEqual([7]);
  });
  it('rejects ragged rows, bad cells and bad labels with line:column', () => {
    const cases: [string, string, RegExp][] = [
      ['1,2\n3\n', 'line 2', /ragged/],
      ['1,2\n3,abc\n', 'line 2 column 2', /not an exact number/],
      ['1,2\nNaN,1\n', 'line 2 column 1', /not an exact number/],
      ['nan,1\n1,2\n', 'line 1 column 1', /not an exact number/],
      ['x,y\n1,Infinity\n', 'line 2 column 2', /not an exact number/],
      ['x,y\n1, 0x10\n', 'line 2 column 2', /not an exact number/],
      ['x,label\n1,0.5\n', 'line 2 column 2', /non-negative integer/],
      ['x,label,label\n1,0,0\n', 'line 1', /more than one label/],
      ['x,y\n', 'file', /no data rows/],
      ['\n\n', 'file', /empty/],
      ['label\n1\n', 'line 1', /no coordinate/],
    ];
    cases.forEach(([text, field, msg], i) => {
      const f = tmp.write(`bad${i}.csv`, text);
      expectInputError(() => loadDataset(f), f, field, msg);
    });
  });
});

describe('loadDataset: json', () => {
  it('reads ohc-data/1 exactly and the reference export as doubles', () => {
    const a = loadDataset(tmp.write('a.json', JSON.stringify({ format: 'ohc-data/1', points: [['0.1', '1/3']], labels: [2] })));
    expect(a.points[0]?.map(String)).toEqual(['1/10', '1/3']);
    expect(a.labels).toEqual([2]);
    const b = loadDataset(tmp.write('b.json', JSON.stringify({ format: 'quotient-homology-reference-data/1', n: 1, dim: 2, points_float64: [['0.1', '-2']], class_index: [1] })));
    expect(b.points[0]?.map(String)).toEqual(['3602879701896397/36028797018963968', '-2']);
    expect(b.labels).toEqual([1]);
    const c = loadDataset(tmp.write('c.json', JSON.stringify({ format: 'ohc-data/1', dim: 3, points: [] })));
    expect(c.dim).toBe(3);
  });
  it('rejects bad datasets', () => {
    const cases: [string, string | RegExp, RegExp][] = [
      ['{"format":"ohc-data/1","points":[["1", NaN]]}', /^json/, /invalid JSON/],
      [JSON.stringify({ format: 'ohc-data/1', points: [['1', '2'], ['1']] }), 'points[1]', /1 coordinates, expected 2/],
      [JSON.stringify({ format: 'ohc-data/1', points: [['1', 2]] }), 'points[0][1]', /not JSON numbers/],
      [JSON.stringify({ format: 'ohc-data/1', points: [['1']], labels: [0, 1] }), 'labels', /2 labels for 1 points/],
      [JSON.stringify({ format: 'ohc-data/1', points: [['1']], labels: [-1] }), 'labels[0]', /non-negative/],
      [JSON.stringify({ format: 'ohc-data/1', points: [['1']], labels: [0.5] }), 'labels[0]', /non-negative/],
      [JSON.stringify({ format: 'ohc-data/1', points: [] }), 'dim', /missing/],
      [JSON.stringify({ format: 'ohc-data/1', points: 'x' }), 'points', /array/],
      [JSON.stringify({ format: 'quotient-homology-reference-data/1', points_float64: [['1', 'Infinity']], class_index: [0] }), 'points_float64[0][1]', /not a finite float/],
      [JSON.stringify({ format: 'quotient-homology-reference-data/1', points_float64: [['1', '1e309']], class_index: [0] }), 'points_float64[0][1]', /not a finite float/],
      [JSON.stringify({ format: 'quotient-homology-reference-data/1', n: 2, points_float64: [['1']], class_index: [0] }), 'n', /says 2/],
      [JSON.stringify({ format: 'quotient-homology-reference-data/1', points_float64: [['1']] }), 'class_index', /missing/],
      [JSON.stringify({ format: 'csv' }), 'format', /unknown dataset format/],
    ];
    cases.forEach(([text, field, msg], i) => {
      const f = tmp.write(`bad${i}.json`, text);
      expectInputError(() => loadDataset(f), f, field, msg);
    });
  });
  it('loadLabels reads one-hot rows', () => {
    expect(loadLabels(tmp.write('oh.npy', npy('<f8', [2, 3], f64le([0, 0, 1, 0, 1, 0]))))).toEqual([2, 1]);
  });
});
