import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { boundaryNeurons, codewordAt, firstBoundaryLayer, pointCodes } from '../../src/net/codewords.js';
import { forwardPass } from '../../src/net/forward.js';
import type { Network } from '../../src/net/network.js';
import { scaledVecToRats } from '../../src/net/scaled.js';
import { FC, naiveForward, netAndPointsArb } from './netArbitraries.js';

const eqRats = (a: readonly Rat[], b: readonly Rat[]) => a.length === b.length && a.every((x, i) => x.eq(b[i] as Rat));
const r = (n: number, d = 1) => Rat.of(BigInt(n), BigInt(d));

describe('forwardPass', () => {
  it('agrees with a naive Rat forward pass at every layer', () => {
    fc.assert(
      fc.property(netAndPointsArb(), ({ net, points }) => {
        for (const x of points) {
          const got = forwardPass(net, x);
          const want = naiveForward(net, x);
          expect(got.length).toBe(net.layers.length);
          got.forEach((v, i) => {
            expect(eqRats(scaledVecToRats(v.z), (want[i] as { z: Rat[] }).z)).toBe(true);
            expect(eqRats(scaledVecToRats(v.phi), (want[i] as { phi: Rat[] }).phi)).toBe(true);
          });
        }
      }),
      FC,
    );
  });

  it('rejects a point of the wrong dimension', () => {
    const net: Network = { inputDim: 2, layers: [{ W: [[r(1), r(1)]], b: [r(0)], relu: true }] };
    expect(() => forwardPass(net, [r(1)])).toThrow(RangeError);
  });
});

describe('codewords', () => {
  // XOR "rank" net of method.md §8: A_1 = [[-1, 1], [1, -1]], b_1 = [-1/2, -1/2]; A_2 = [[2, 2]], b_2 = [0]
  const rankNet: Network = {
    inputDim: 2,
    layers: [
      { W: [[r(-1), r(1)], [r(1), r(-1)]], b: [r(-1, 2), r(-1, 2)], relu: true },
      { W: [[r(2), r(2)]], b: [r(0)], relu: false },
    ],
  };

  it('ON iff z > 0; exactly 0 is OFF and recorded as a boundary', () => {
    // (1/2, 0): z_1 = (-1, 0) -> "00", neuron 1 exactly 0; output 0 exactly
    const codes = pointCodes(forwardPass(rankNet, [r(1, 2), r(0)]), [true, false]);
    expect(codes.layerBits).toEqual(['00', '']);
    expect(codes.zeros).toEqual([[1], []]);
    expect(codewordAt(codes, 1)).toBe('00');
    expect(codewordAt(codes, 2)).toBe('00'); // the output layer contributes no bits by default
    expect(boundaryNeurons(codes, 2)).toEqual([{ layer: 1, neuron: 1 }]);
    expect(firstBoundaryLayer(codes)).toBe(1);
  });

  it('a final layer with bits (reference) adds a segment and its zeros', () => {
    const codes = pointCodes(forwardPass(rankNet, [r(0), r(0)]), [true, true]);
    expect(codes.layerBits).toEqual(['00', '0']);
    expect(codes.zeros).toEqual([[], [0]]);
    expect(codewordAt(codes, 2)).toBe('00|0');
    expect(firstBoundaryLayer(codes)).toBe(2);
    const c2 = pointCodes(forwardPass(rankNet, [r(1), r(0)]), [true, true]);
    expect(codewordAt(c2, 2)).toBe('01|1');
    expect(firstBoundaryLayer(c2)).toBe(null);
  });
});
