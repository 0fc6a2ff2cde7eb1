// referenceJson.ts: the `points_float32` field of a shared JSON data export (test-only; src/io
// reads `points_float64`, which the reference profile rounds to these same values).
import { readFileSync } from 'node:fs';
import type { Rat } from '../../src/checker/rational.js';
import { ratFromFloatString } from '../../src/numbers/ratFromFloatString.js';
import { shared } from '../sharedData.js';

/** The float32 points of json/data/`name`, exactly (each string names a double equal to a float32). */
export function loadPointsFloat32(name: string): Rat[][] {
  const d = JSON.parse(readFileSync(shared('data', 'quotienthomology', 'json', 'data', name), 'utf8')) as {
    points_float32: string[][];
  };
  return d.points_float32.map((p) => p.map(ratFromFloatString));
}
