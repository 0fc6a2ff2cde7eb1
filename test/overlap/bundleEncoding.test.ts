import { describe, expect, it } from 'vitest';
import { pointJson, pointJsonText } from '../../src/overlap/bundleEncoding.js';

describe('pointJsonText', () => {
  it('is JSON.stringify(pointJson(p)), for either sign of the denominator', () => {
    const cases = [
      { num: [1n, -2n, 0n], den: 3n },
      { num: [12345678901234567890123n, -5n], den: -7n },
      { num: [0n], den: 1n },
      { num: [], den: 2n },
    ];
    for (const p of cases) expect(pointJsonText(p)).toBe(JSON.stringify(pointJson(p)));
  });
});
