// The two XOR networks of method.md §8.
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import type { Network } from '../../src/net/network.js';
import { computeLayers } from '../../src/net/regions.js';
import { scaledVecKey } from '../../src/net/scaled.js';

const r = (n: number, d = 1) => Rat.of(BigInt(n), BigInt(d));
const pts = [
  [r(0), r(0)],
  [r(1), r(1)],
  [r(1), r(0)],
  [r(0), r(1)],
];

describe('XOR "rank" net 2 -> 2 -> 1', () => {
  const net: Network = {
    inputDim: 2,
    layers: [
      { W: [[r(-1), r(1)], [r(1), r(-1)]], b: [r(-1, 2), r(-1, 2)], relu: true },
      { W: [[r(2), r(2)]], b: [r(0)], relu: false },
    ],
  };

  it('(0,0) and (1,1) share a rank-0 region; (1,0) and (0,1) reach the same output', () => {
    const [l1, l2] = computeLayers(net, pts, 'default');
    expect(l1?.regions.map((g) => [g.codeword, g.samples, g.rank])).toEqual([
      ['00', [0, 1], 0],
      ['01', [2], 1],
      ['10', [3], 1],
    ]);
    expect(l1?.rankClasses).toEqual(
      new Map([
        [0, 2],
        [1, 2],
      ]),
    );
    // default: the output layer adds no bits, so layer 2 has the same regions
    expect(l2?.regions.map((g) => g.codeword)).toEqual(['00', '01', '10']);
    expect(l2?.images.map(scaledVecKey)).toEqual(['0/1', '0/1', '1/1', '1/1']);
    const g01 = l2?.regions[1];
    expect(g01?.map).toEqual({ M: [[2n, -2n]], c: [-1n], den: 1n });
    // z_1 = -x + y - 1/2 OFF: -x + y <= 1/2; z_2 = x - y - 1/2 ON: -x + y <= -1/2 (times 2)
    expect(g01?.ineqA).toEqual([
      [-2n, 2n],
      [-2n, 2n],
    ]);
    expect(g01?.ineqB).toEqual([1n, -1n]);
  });

  it('reference: output sign bits split nothing here but add rows; the box is appended', () => {
    const [, l2] = computeLayers(net, pts, 'reference');
    expect(l2?.regions.map((g) => g.codeword)).toEqual(['00|0', '01|1', '10|1']);
    const g = l2?.regions[0];
    expect(g?.rowOrigin.map((o) => (o.kind === 'neuron' ? `n${o.layer}.${o.neuron}${o.on ? '+' : '-'}` : `box${o.axis}${o.upper ? 'u' : 'l'}`))).toEqual([
      'n1.0-',
      'n1.1-',
      'n2.0-',
      'box0l',
      'box1l',
      'box0u',
      'box1u',
    ]);
    // the output row of a rank-0 region: z = 0 identically, so 0·x <= 0
    expect(g?.ineqA[2]).toEqual([0n, 0n]);
    expect(g?.ineqB[2]).toBe(0n);
    // (0,0) has output exactly 0: a boundary point of the reference's output bit
    expect(l2?.boundaryPoints).toEqual([0, 1]);
  });
});

describe('XOR "overlap" net 2 -> 4 -> 2', () => {
  const net: Network = {
    inputDim: 2,
    layers: [
      { W: [[r(2), r(1)], [r(1), r(2)], [r(-2), r(-1)], [r(-1), r(-2)]], b: [r(-1, 2), r(-1, 2), r(5, 2), r(5, 2)], relu: true },
      { W: [[r(1), r(-1), r(0), r(0)], [r(0), r(0), r(1), r(-1)]], b: [r(0), r(0)], relu: true },
    ],
  };

  it('at layer 2, (0,0) and (1,1) lie in different regions and both map to (0,0)', () => {
    const [, l2] = computeLayers(net, pts, 'default');
    expect(l2?.regionOf[0]).not.toBe(l2?.regionOf[1]);
    expect(scaledVecKey(l2?.images[0] as never)).toBe('0,0/1');
    expect(scaledVecKey(l2?.images[1] as never)).toBe('0,0/1');
  });
});
