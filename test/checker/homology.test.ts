// Hand-built homology records (FORMAT section 3): circle, sphere, RP^2, knn-rips, quotients accepted; single mutations rejected by rule.
import { describe, expect, it } from 'vitest';
import { type Verdict, check, isAccepted } from '../../src/checker/index.js';
import { bundleRecords, withEnd } from './bundleFixture.js';
import { type Field, type Sx, bettiHeader, closure, collapse, flag, targetRecords } from './homologyFixture.js';
import { xorNet, xorPoints } from './xorFixture.js';

type Rec = Record<string, unknown>;
const rule = (v: Verdict): string => (v.kind === 'rejected' ? `${v.rule}: ${v.reason}` : 'accepted');
const ruleName = (v: Verdict): string => (v.kind === 'rejected' ? v.rule : 'accepted');
const bettis = (v: Verdict): string[] => (v.kind === 'accepted' ? (v.homology?.targets ?? []).map((t) => `${t.layer} ${t.quotient}: ${t.betti.join(' ')}`) : [rule(v)]);
const line = (n: number): string[][] => Array.from({ length: n }, (_, i) => [String(i)]);

/** A betti-only bundle of a file complex on n samples. */
function fileBundle(n: number, maximal: Sx[], K: number, f: Field): Rec[] {
  const complex = { t: 'complex', spec: { kind: 'file', vertices: n, simplices: maximal }, field: f, maxDim: K, quotients: [], tieChoices: 0 };
  return [bettiHeader(line(n)), complex, ...targetRecords(0, 'none', closure(maximal, K + 1), K, f)];
}

/** A graph on n vertices from an edge list, as adjacency sets. */
const graph = (n: number, edges: number[][]): Set<number>[] => {
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (const [u, v] of edges) adj[u as number]?.add(v as number), adj[v as number]?.add(u as number);
  return adj;
};

/** Records of a flag target: collapse greedily (when asked), then the records of the reduced flag complex. */
function flagTarget(layer: number, q: string, adj: Set<number>[], K: number, f: Field, reduce = true, alive = adj.map(() => true)): Rec[] {
  const steps = reduce ? collapse(adj, alive) : [];
  return targetRecords(layer, q, flag(adj, alive, K + 1), K, f, steps);
}

const RP2: Sx[] = [[0, 1, 2], [0, 2, 3], [0, 3, 4], [0, 4, 5], [0, 1, 5], [1, 2, 4], [1, 3, 4], [1, 3, 5], [2, 3, 5], [2, 4, 5]];
const sphere: Sx[] = [[0, 1, 2], [0, 1, 3], [0, 2, 3], [1, 2, 3]];
// The octagon (3,0), (2,2), (0,3), … : each point's two nearest others are its cyclic neighbours (squared distance 5).
const octagon = [['3', '0'], ['2', '2'], ['0', '3'], ['-2', '2'], ['-3', '0'], ['-2', '-2'], ['0', '-3'], ['2', '-2']];
const cyc = (n: number, r: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: r }, (__, s) => [i, (i + s + 1) % n])).flat();

const squareTies = [
  bettiHeader([['0', '0'], ['1', '0'], ['0', '1'], ['1', '1']]),
  { t: 'complex', spec: { kind: 'knn-rips', k: 2, eps: '1' }, field: 'gf2', maxDim: 1, quotients: [], tieChoices: 4 },
  ...flagTarget(0, 'none', graph(4, [[0, 1], [0, 2], [1, 3]]), 1, 'gf2', false),
];

function octagonBundle(eps: string, f: Field, hops: number, reduce = true): Rec[] {
  const complex = { t: 'complex', spec: { kind: 'knn-rips', k: 3, eps }, field: f, maxDim: 1, quotients: [], tieChoices: 0 };
  return [bettiHeader(octagon), complex, ...flagTarget(0, 'none', graph(8, cyc(8, hops)), 1, f, reduce)];
}

describe('homology records: accepted', () => {
  for (const f of ['gf2', 'q'] as const) {
    it(`circle, sphere over ${f}`, () => {
      expect(bettis(check(withEnd(fileBundle(3, [[0, 1], [1, 2], [0, 2]], 1, f))))).toEqual(['0 none: 1 1']);
      expect(bettis(check(withEnd(fileBundle(4, sphere, 2, f))))).toEqual(['0 none: 1 0 1']);
      // a file complex's vertices are the ids that occur: sample 4 is not one
      expect(bettis(check(withEnd(fileBundle(5, sphere, 3, f))))).toEqual(['0 none: 1 0 1 0']);
    });
    it(`knn-rips on the octagon over ${f}: a circle at eps 1 and 2 (collapsed), a point at eps 1000`, () => {
      const v = check(withEnd(octagonBundle('1', f, 1)));
      expect(isAccepted(v)).toBe(true);
      expect(bettis(v)).toEqual(['0 none: 1 1']);
      expect(bettis(check(withEnd(octagonBundle('5/2', f, 2))))).toEqual(['0 none: 1 1']);
      expect(bettis(check(withEnd(octagonBundle('5/2', f, 2, false))))).toEqual(['0 none: 1 1']);
      expect(bettis(check(withEnd(octagonBundle('1000', f, 7))))).toEqual(['0 none: 1 0']);
    });
  }
  it('RP^2: gf2 (1, 1, 1), q (1, 0, 0)', () => {
    expect(bettis(check(withEnd(fileBundle(6, RP2, 2, 'gf2'))))).toEqual(['0 none: 1 1 1']);
    expect(bettis(check(withEnd(fileBundle(6, RP2, 2, 'q'))))).toEqual(['0 none: 1 0 0']);
  });
  it('knn-rips with ties: the unit square with k = 2 has 4 tie choices (lower index wins)', () => {
    expect(bettis(check(withEnd(squareTies)))).toEqual(['0 none: 1 0']);
  });
  it('rips on exact squared distances', () => {
    const rs = [bettiHeader(octagon), { t: 'complex', spec: { kind: 'rips', eps2: '5' }, field: 'q', maxDim: 1, quotients: [], tieChoices: 0 }, ...flagTarget(0, 'none', graph(8, cyc(8, 1)), 1, 'q', false)];
    expect(bettis(check(withEnd(rs)))).toEqual(['0 none: 1 1']);
  });
});

/** The XOR overlap net (classes: none at layer 1, [[0, 1]] at layer 2) with knn-rips k = 2, eps = 1 and both quotients. */
function xorBundle(f: Field): Rec[] {
  const rs = JSON.parse(JSON.stringify(bundleRecords(xorNet, xorPoints))) as Rec[];
  // (0,0), (1,1), (1,0), (0,1): kNN edges {0,2}, {1,2}, {0,3} (each choice a tie): the path 3-0-2-1.
  const base = [[0, 2], [1, 2], [0, 3]];
  rs.push({ t: 'complex', spec: { kind: 'knn-rips', k: 2, eps: '1' }, field: f, maxDim: 1, quotients: ['cone', 'metric'], tieChoices: 4 });
  rs.push(...flagTarget(0, 'none', graph(4, base), 1, f));
  rs.push(...flagTarget(1, 'cone', graph(4, base), 1, f), ...flagTarget(1, 'metric', graph(4, base), 1, f));
  rs.push(...flagTarget(2, 'cone', graph(5, [...base, [0, 4], [1, 4]]), 1, f, false));
  rs.push(...flagTarget(2, 'metric', graph(4, [[0, 2], [0, 3]]), 1, f, true, [true, false, true, true]));
  return rs;
}

describe('quotients: cone and metric', () => {
  for (const f of ['gf2', 'q'] as const) {
    it(`XOR net over ${f}: the cone closes a loop at layer 2, the metric quotient does not`, () => {
      expect(bettis(check(withEnd(xorBundle(f))))).toEqual(['0 none: 1 0', '1 cone: 1 0', '1 metric: 1 0', '2 cone: 1 1', '2 metric: 1 0']);
    });
  }
});

describe('homology records: single mutations rejected by rule', () => {
  const at = (rs: Rec[], t: string, dim?: number, from = 0): Rec => rs.find((r, i) => i >= from && r['t'] === t && (dim === undefined || r['dim'] === dim)) as Rec;
  const mut = (rs: Rec[], f: (rs: Rec[]) => void): string => {
    const c = JSON.parse(JSON.stringify(rs)) as Rec[];
    f(c);
    return ruleName(check(withEnd(c)));
  };
  const oct = octagonBundle('5/2', 'q', 2);
  it('the base bundles are accepted', () => {
    expect(rule(check(withEnd(oct)))).toBe('accepted');
    expect((at(oct, 'reduce')['steps'] as number[][]).length).toBeGreaterThan(2);
  });
  it('a step with another dominator', () => {
    const steps = at(oct, 'reduce')['steps'] as number[][];
    const e = steps.findIndex((s) => s.length === 3);
    const v = steps.findIndex((s) => s.length === 2);
    expect(mut(oct, (rs) => ((at(rs, 'reduce')['steps'] as number[][])[e] = [...(steps[e] as number[]).slice(0, 2), (steps[e] as number[])[0] as number]))).toBe('edge-collapse');
    if (v >= 0) expect(mut(oct, (rs) => ((at(rs, 'reduce')['steps'] as number[][])[v] = [(steps[v] as number[])[0] as number, (steps[v] as number[])[0] as number]))).toBe('vertex-collapse');
    expect(mut(oct, (rs) => (at(rs, 'reduce')['steps'] as number[][]).splice(0, 0, [0, 4, 2]))).toBe('edge-collapse');
  });
  it('a chain index, a coefficient sign over q, a cycle dropped', () => {
    const circle = fileBundle(3, [[0, 1], [1, 2], [0, 2]], 1, 'q');
    expect(mut(circle, (rs) => ((at(rs, 'rank', 1)['chains'] as unknown[][]).push((at(rs, 'rank', 1)['chains'] as unknown[][])[0] as unknown[])))).toBe('rank');
    expect(mut(circle, (rs) => ((at(rs, 'rank', 1)['chains'] as unknown[][])[1] = (at(rs, 'rank', 1)['chains'] as unknown[][])[0] as unknown[]))).toBe('rank');
    expect(mut(circle, (rs) => ((at(rs, 'rank', 1)['chains'] as [number, string][][])[0] = [[7, '1']]))).toBe('rank');
    expect(mut(circle, (rs) => (((at(rs, 'cohomology', 1)['cycles'] as [number, string][][])[0] as [number, string][])[0] = [0, '-1']))).toBe('cohomology');
    const z = (at(circle, 'cohomology', 1)['cycles'] as [number, string][][])[0] as [number, string][];
    expect(mut(circle, (rs) => (((at(rs, 'cohomology', 1)['cycles'] as [number, string][][])[0] as [number, string][])[0] = [0, String(-BigInt((z[0] as [number, string])[1]))]))).toBe('cohomology');
    expect(mut(circle, (rs) => (at(rs, 'cohomology', 1)['cycles'] as unknown[]).pop())).toBe('cohomology');
    expect(mut(circle, (rs) => ((at(rs, 'cohomology', 1)['cocycles'] as unknown[][])[0] = [[2, '1'], [1, '1']]))).toBe('parse');
    expect(mut(circle, (rs) => ((at(rs, 'cohomology', 1)['cocycles'] as unknown[][])[0] = [[1, '1'], [2, '1']]))).toBe('cohomology');
    const rp2 = fileBundle(6, RP2, 2, 'gf2');
    expect(mut(rp2, (rs) => ((at(rs, 'cohomology', 2)['cocycles'] as number[][])[0] = []))).toBe('cohomology');
    expect(mut(rp2, (rs) => (at(rs, 'cohomology', 2)['cycles'] as number[][])[0]?.pop())).toBe('cohomology');
    expect(mut(rp2, (rs) => ((at(rs, 'cohomology', 1)['cocycles'] as number[][])[0] = [0]))).toBe('cohomology');
    expect(mut(rp2, (rs) => (at(rs, 'rank', 2)['chains'] as unknown[]).pop())).toBe('betti');
  });
  it('a claimed Betti number ±1, tieChoices ±1, the spec, the header', () => {
    for (const d of [1, -1]) {
      expect(mut(oct, (rs) => ((at(rs, 'betti')['betti'] as number[])[1] = 1 + d))).toBe('betti');
      expect(mut(oct, (rs) => ((at(rs, 'betti')['betti'] as number[])[0] = 1 + d))).toBe('betti');
      expect(mut(squareTies, (rs) => (at(rs, 'complex')['tieChoices'] = 4 + d))).toBe('complex');
    }
    expect(mut(oct, (rs) => ((at(rs, 'complex')['spec'] as Rec)['k'] = 4))).not.toBe('accepted');
    expect(mut(oct, (rs) => (at(rs, 'complex')['quotients'] = ['metric']))).toBe('accepted');
    expect(mut(oct, (rs) => ((rs[0] as Rec)['layers'] = [1]))).toBe('header');
    expect(mut(oct, (rs) => (((rs[0] as Rec)['inputs'] as Rec)['model'] = { path: 'm.pth', sha256: '0'.repeat(64) }))).toBe('header');
    expect(mut(oct, (rs) => (at(rs, 'complex')['spec'] = { kind: 'rips', eps2: '5' }))).toBe('edge-collapse'); // another graph: the steps fail
    expect(mut(oct, (rs) => (at(rs, 'complex')['spec'] = { kind: 'rips', eps2: '5' }) && (at(rs, 'complex')['quotients'] = ['metric']))).toBe('complex');
    expect(mut(oct, (rs) => rs.splice(1))).toBe('parse');
    expect(mut(oct, (rs) => rs.pop())).toBe('parse');
    const xor = xorBundle('gf2');
    const cone2 = (rs: Rec[]): Rec => rs.find((r) => r['t'] === 'betti' && r['layer'] === 2 && r['quotient'] === 'cone') as Rec;
    expect(cone2(xor)['betti']).toEqual([1, 1]);
    expect(mut(xor, (rs) => ((cone2(rs)['betti'] as number[])[1] = 0))).toBe('betti');
    expect(mut(xor, (rs) => (at(rs, 'complex')['quotients'] = ['metric', 'cone']))).toBe('complex');
  });
});
