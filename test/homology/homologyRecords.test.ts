// homologyRecords.test.ts: the complex record, targets in FORMAT order, cone/metric disagreements, errors.
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { UsageError } from '../../src/cli/usageError.js';
import { parseComplexSpec } from '../../src/homology/complexSpec.js';
import { buildBaseComplex, complexSize, homologyRecords } from '../../src/homology/homologyRecords.js';

/** Eight points on a circle, each one's two nearest being its neighbours on it (no ties). */
const OCTAGON = [[3, 0], [2, 2], [0, 3], [-2, 2], [-3, 0], [-2, -2], [0, -3], [2, -2]].map((p) => p.map((x) => Rat.int(BigInt(x))));

type Rec = Record<string, unknown> & { t: string };

describe('homologyRecords', () => {
  const spec = parseComplexSpec('knn-rips:k=3,eps=1');
  const layers = [
    { layer: 2, classes: [[0, 2]] },
    { layer: 5, classes: [[0, 2], [4, 5, 6]] },
  ];

  it('complex record, then per target reduce, rank 1..D+1, cohomology 0..D, betti; targets (0, none), then per layer cone, metric', () => {
    const { records, summary } = homologyRecords(OCTAGON, spec, 'gf2', 1, ['metric', 'cone', 'metric'], layers);
    const recs = records as Rec[];
    expect(recs[0]).toEqual({ t: 'complex', spec: { kind: 'knn-rips', k: 3, eps: '1' }, field: 'gf2', maxDim: 1, quotients: ['cone', 'metric'], tieChoices: 0 });
    const perTarget = ['reduce', 'rank', 'rank', 'cohomology', 'cohomology', 'betti'];
    expect(recs.length).toBe(1 + 5 * perTarget.length);
    const targets = [[0, 'none'], [2, 'cone'], [2, 'metric'], [5, 'cone'], [5, 'metric']];
    targets.forEach(([layer, quotient], i) => {
      const block = recs.slice(1 + i * perTarget.length, 1 + (i + 1) * perTarget.length);
      expect(block.map((r) => r.t)).toEqual(perTarget);
      for (const r of block) expect([r['layer'], r['quotient']]).toEqual([layer, quotient]);
      expect(block.filter((r) => r.t === 'rank').map((r) => r['dim'])).toEqual([1, 2]);
      expect(block.filter((r) => r.t === 'cohomology').map((r) => r['dim'])).toEqual([0, 1]);
    });
    expect(summary.targets.map((t) => [t.layer, t.quotient, t.betti])).toEqual([
      [0, 'none', [1, 1]],
      [2, 'cone', [1, 2]],
      [2, 'metric', [1, 1]],
      [5, 'cone', [1, 2]],
      [5, 'metric', [1, 1]],
    ]);
    expect(summary.disagreements).toEqual([
      { layer: 2, cone: [1, 2], metric: [1, 1] },
      { layer: 5, cone: [1, 2], metric: [1, 1] },
    ]);
    expect(summary.targets[0]!.size).toEqual({ vertices: 8, edges: 8 });
    expect(summary.targets[1]!.size).toEqual({ vertices: 9, edges: 10 }); // cone vertex 8 joined to 0 and 2
    expect(summary.targets[3]!.size).toEqual({ vertices: 10, edges: 13 }); // cone vertices 8, 9: 2 + 3 edges
    expect(summary.targets[4]!.size).toEqual({ vertices: 5, edges: 5 });
    expect(summary.tieChoices).toBe(0);
  });

  it('onRecord receives the same records in order (none kept)', () => {
    const seen: object[] = [];
    const r = homologyRecords(OCTAGON, spec, 'q', 1, ['cone'], layers, { onRecord: (x) => seen.push(x) });
    expect(r.records).toEqual([]);
    expect(seen).toEqual(homologyRecords(OCTAGON, spec, 'q', 1, ['cone'], layers).records);
  });

  it('rips and file complexes; metric needs knn-rips; file vertex count must match', () => {
    const rips = parseComplexSpec('rips:eps2=5');
    const r = homologyRecords(OCTAGON, rips, 'gf2', 1, ['cone'], [{ layer: 1, classes: [[0, 4]] }]);
    expect(r.summary.targets.map((t) => t.betti)).toEqual([[1, 1], [1, 2]]);
    expect(r.records[0]).toMatchObject({ spec: { kind: 'rips', eps2: '5' }, quotients: ['cone'], tieChoices: 0 });
    expect(() => homologyRecords(OCTAGON, rips, 'gf2', 1, ['metric'], [])).toThrow(UsageError);
    const file = { kind: 'file', path: 'x.json', vertices: 8, simplices: [[0, 1], [1, 2], [0, 2, 3]] } as const;
    const f = homologyRecords(OCTAGON, file, 'gf2', 1, [], []);
    expect(f.summary.targets[0]!.betti).toEqual([1, 1]); // the triangle 012 is hollow
    expect(f.summary.targets[0]!.size).toEqual({ vertices: 4, simplices: 3 });
    expect((f.records[1] as Rec)['steps']).toEqual([]);
    expect(() => buildBaseComplex(OCTAGON.slice(1), file)).toThrow(UsageError);
    expect(() => homologyRecords(OCTAGON, spec, 'gf2', 1, ['cone'], [{ layer: 2, classes: [] }, { layer: 2, classes: [] }])).toThrow(RangeError);
  });

  it('complexSize of an explicit complex counts the ids that occur', () => {
    expect(complexSize({ kind: 'explicit', size: 10, simplices: [[1, 5], [5, 7, 9]] })).toEqual({ vertices: 4, simplices: 2 });
  });
});
