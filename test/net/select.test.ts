import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import type { Dataset, Network } from '../../src/net/network.js';
import { argmaxScaled, selectPoints } from '../../src/net/select.js';

const r = (n: number, d = 1) => Rat.of(BigInt(n), BigInt(d));

// Output (x, 1 - x) without ReLU: class 0 wins for x > 1/2, a tie at x = 1/2 goes to class 0.
const net: Network = {
  inputDim: 1,
  layers: [{ W: [[r(1)], [r(-1)]], b: [r(0), r(1)], relu: false }],
};

describe('argmaxScaled', () => {
  it('compares exactly and breaks ties towards the lowest index (numpy)', () => {
    expect(argmaxScaled({ num: [1n, 3n, 3n], den: 7n })).toBe(1);
    expect(argmaxScaled({ num: [-5n, -5n], den: 1n })).toBe(0);
    expect(argmaxScaled({ num: [10n ** 40n + 1n, 10n ** 40n], den: 1n })).toBe(0);
    expect(() => argmaxScaled({ num: [], den: 1n })).toThrow(RangeError);
  });
});

describe('selectPoints', () => {
  const data: Dataset = {
    dim: 1,
    points: [[r(1)], [r(0)], [r(1, 2)], [r(1, 2)], [r(2)]],
    labels: [0, 1, 0, 1, 1],
  };

  it('filters by class and by exact correctness', () => {
    expect(selectPoints(net, data, { profile: 'default' })).toEqual([0, 1, 2, 3, 4]);
    expect(selectPoints(net, data, { class: 1, profile: 'default' })).toEqual([1, 3, 4]);
    // x = 1/2 is a tie: argmax 0, so only the point labelled 0 there is correct
    expect(selectPoints(net, data, { correct: true, profile: 'default' })).toEqual([0, 1, 2]);
    expect(selectPoints(net, data, { class: 1, correct: true, profile: 'default' })).toEqual([1]);
  });

  it('the reference profile classifies the float32-rounded points', () => {
    // x = 1/2 - 2^-30: exactly, 1 - x > x (class 1); rounded to float32 it is 1/2, a tie (class 0)
    const x = Rat.of((1n << 29n) - 1n, 1n << 30n);
    const d2: Dataset = { dim: 1, points: [[x]], labels: [0] };
    expect(selectPoints(net, d2, { correct: true, profile: 'default' })).toEqual([]);
    expect(selectPoints(net, d2, { correct: true, profile: 'reference' })).toEqual([0]);
    const d3: Dataset = { dim: 1, points: [[Rat.of((1n << 29n) - 1n, 1n << 30n)]], labels: [1] };
    expect(selectPoints(net, d3, { correct: true, profile: 'default' })).toEqual([0]);
    expect(selectPoints(net, d3, { correct: true, profile: 'reference' })).toEqual([]);
  });

  it('needs labels for a class or correctness filter', () => {
    const unlabelled: Dataset = { dim: 1, points: [[r(0)]] };
    expect(selectPoints(net, unlabelled, { profile: 'default' })).toEqual([0]);
    expect(() => selectPoints(net, unlabelled, { class: 0, profile: 'default' })).toThrow(RangeError);
    expect(() => selectPoints(net, unlabelled, { correct: true, profile: 'default' })).toThrow(RangeError);
  });
});
