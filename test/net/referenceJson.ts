// referenceJson.ts: a small loader for the shared JSON exports (test-only; src/io has the real one).
import { readFileSync } from 'node:fs';
import type { Rat } from '../../src/checker/rational.js';
import type { Dataset, Layer, Network } from '../../src/net/network.js';
import { ratFromFloatString } from '../../src/numbers/ratFromFloatString.js';
import { shared } from '../sharedData.js';

interface ModelJson {
  architecture: { input_size: number };
  layers: { weight: string[][]; bias: string[] }[];
}

interface DataJson {
  dim: number;
  class_index: number[];
  points_float64: string[][];
  points_float32: string[][];
}

/** A model of json/models: ReLU after every layer but the last. */
export function loadReferenceModel(name: string): Network {
  const m = JSON.parse(readFileSync(shared('data', 'quotienthomology', 'json', 'models', name), 'utf8')) as ModelJson;
  const layers: Layer[] = m.layers.map((L, i) => ({
    W: L.weight.map((row) => row.map(ratFromFloatString)),
    b: L.bias.map(ratFromFloatString),
    relu: i < m.layers.length - 1,
  }));
  return { inputDim: m.architecture.input_size, layers };
}

/** A dataset of json/data with both point versions (labels = class_index). */
export function loadReferenceData(name: string): { float64: Dataset; float32: Dataset } {
  const d = JSON.parse(readFileSync(shared('data', 'quotienthomology', 'json', 'data', name), 'utf8')) as DataJson;
  const conv = (pts: string[][]): Rat[][] => pts.map((p) => p.map(ratFromFloatString));
  return {
    float64: { dim: d.dim, points: conv(d.points_float64), labels: d.class_index },
    float32: { dim: d.dim, points: conv(d.points_float32), labels: d.class_index },
  };
}
