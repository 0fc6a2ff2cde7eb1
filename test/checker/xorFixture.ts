// xorFixture.ts: the XOR overlap net of method.md §8 and its four points (test-only).
import { Rat } from '../../src/checker/rational.js';
import type { Network } from '../../src/net/network.js';

const r = (n: number, d = 1): Rat => Rat.of(BigInt(n), BigInt(d));

/** A1 = [[2,1],[1,2],[-2,-1],[-1,-2]], b1 = [-1/2,-1/2,5/2,5/2], A2 = [[1,-1,0,0],[0,0,1,-1]], b2 = 0; ReLU after both. */
export const xorNet: Network = {
  inputDim: 2,
  layers: [
    { W: [[r(2), r(1)], [r(1), r(2)], [r(-2), r(-1)], [r(-1), r(-2)]], b: [r(-1, 2), r(-1, 2), r(5, 2), r(5, 2)], relu: true },
    { W: [[r(1), r(-1), r(0), r(0)], [r(0), r(0), r(1), r(-1)]], b: [r(0), r(0)], relu: true },
  ],
};

/** (0,0), (1,1), (1,0), (0,1). */
export const xorPoints: Rat[][] = [[r(0), r(0)], [r(1), r(1)], [r(1), r(0)], [r(0), r(1)]];
