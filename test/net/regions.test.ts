import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rat } from '../../src/checker/rational.js';
import { dot } from '../ratDot.js';
import { canonicalRowFromRats } from '../../src/net/canonicalRow.js';
import type { Network } from '../../src/net/network.js';
import { type Profile, profileRules } from '../../src/net/profile.js';
import { type LayerAnalysis, type Region, computeLayers } from '../../src/net/regions.js';
import { scaledVecToRats } from '../../src/net/scaled.js';
import { FC, naiveForward, netAndPointsArb, pinToBoundary, ratRank, rowSign } from './netArbitraries.js';

const eqRats = (a: readonly Rat[], b: readonly Rat[]) => a.length === b.length && a.every((x, i) => x.eq(b[i] as Rat));

/** Which layers carry bits under a profile (independent restatement of the rule). */
function bitLayers(net: Network, profile: Profile): boolean[] {
  return net.layers.map((L, i) => L.relu || (profile === 'reference' && i === net.layers.length - 1));
}

/** Naive per-point data: true pre-activations and bits per layer. */
function naiveCodes(net: Network, profile: Profile, x: readonly Rat[]) {
  const fw = naiveForward(net, x);
  const bl = bitLayers(net, profile);
  return {
    fw,
    bits: fw.map((v, i) => (bl[i] ? v.z.map((z) => (z.sign() > 0 ? '1' : '0')).join('') : '')),
    zeroAt: fw.map((v, i) => (bl[i] ? v.z.map((z) => z.isZero()) : v.z.map(() => false))),
  };
}

/**
 * The region of a codeword recomputed from scratch with Rat (what a checker would do): local
 * affine maps M_i, c_i layer by layer and the canonical rows of every bit neuron.
 */
function naiveRegion(net: Network, profile: Profile, bits: readonly string[], l: number) {
  const d = net.inputDim;
  let M: Rat[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? Rat.ONE : Rat.ZERO)));
  let c: Rat[] = new Array<Rat>(d).fill(Rat.ZERO);
  const rows: { a: bigint[]; b: bigint }[] = [];
  const bl = bitLayers(net, profile);
  for (let i = 0; i < l; i++) {
    const L = net.layers[i] as Network['layers'][number];
    const b = bits[i] as string;
    const G = L.W.map((w) => Array.from({ length: d }, (_, k) => dot(w, M.map((row) => row[k] as Rat))));
    const H = L.W.map((w, j) => dot(w, c).add(L.b[j] as Rat));
    if (bl[i]) G.forEach((g, j) => rows.push(canonicalRowFromRats(g, H[j] as Rat, b[j] === '1')));
    M = L.relu ? G.map((g, j) => (b[j] === '1' ? g : g.map(() => Rat.ZERO))) : G;
    c = L.relu ? H.map((h, j) => (b[j] === '1' ? h : Rat.ZERO)) : H;
  }
  return { M, c, rows };
}

function applyMap(r: Region, x: readonly Rat[]): Rat[] {
  const den = Rat.int(r.map.den);
  return r.map.M.map((row, i) => dot(row.map((v) => Rat.int(v)), x).add(Rat.int(r.map.c[i] as bigint)).div(den));
}

/**
 * The membership oracle. For a region G_J of layer l and any point x with true pre-activations
 * z_ij(x): x satisfies all NEURON rows of G_J iff J is compatible with x: for every bit layer
 * i <= l and neuron j, J_ij equals x's own bit or z_ij(x) = 0 exactly. (Induction: if J is
 * compatible below layer i, Φ_J agrees with the true Φ^(i-1) at x, because a disagreeing bit has
 * z = 0 and ReLU(0) = 0 either way; so the layer-i rows evaluate the true z_i(x).) When x is not
 * compatible, the first incompatible neuron's row is violated STRICTLY; when it is, Φ_J(x) equals
 * x's true representation. In particular a point with J's own codeword always satisfies the rows,
 * and a point with a different codeword and no exact zero violates one strictly.
 */
function checkOracle(net: Network, profile: Profile, layer: LayerAnalysis, x: readonly Rat[]) {
  const nc = naiveCodes(net, profile, x);
  const l = layer.layer;
  const own = nc.bits.slice(0, l).filter((s) => s.length > 0).join('|');
  const boxB = profileRules(profile).box;
  const inBox = boxB === null || x.every((v) => v.cmp(Rat.int(boxB)) <= 0 && v.cmp(Rat.int(-boxB)) >= 0);
  for (const r of layer.regions) {
    const jBits: string[] = [];
    let rest = r.codeword.split('|');
    // re-split the codeword by layer (bit layers only)
    for (let i = 0; i < net.layers.length; i++) {
      if (nc.bits[i] === '' || i >= l) jBits.push('');
      else {
        jBits.push(rest[0] as string);
        rest = rest.slice(1);
      }
    }
    let compatible = true;
    let firstBad: { i: number; j: number } | null = null;
    for (let i = 0; i < l && firstBad === null; i++) {
      const jb = jBits[i] as string;
      for (let j = 0; j < jb.length; j++) {
        if (jb[j] !== (nc.bits[i] as string)[j] && !(nc.zeroAt[i] as boolean[])[j]) {
          compatible = false;
          firstBad = { i, j };
          break;
        }
      }
    }
    const signs = r.ineqA.map((a, k) => rowSign(a, r.ineqB[k] as bigint, x));
    const neuronOk = signs.every((s, k) => s <= 0 || r.rowOrigin[k]?.kind === 'box');
    expect(neuronOk).toBe(compatible);
    expect(signs.every((s) => s <= 0)).toBe(compatible && inBox);
    if (own === r.codeword) expect(compatible).toBe(true);
    if (firstBad !== null) {
      const k = r.rowOrigin.findIndex((o) => o.kind === 'neuron' && o.layer === firstBad.i + 1 && o.neuron === firstBad.j);
      expect(signs[k]).toBe(1);
    } else {
      expect(eqRats(applyMap(r, x), (nc.fw[l - 1] as { phi: Rat[] }).phi)).toBe(true);
    }
  }
}

function checkAnalysis(net: Network, points: Rat[][], profile: Profile, layers: LayerAnalysis[]) {
  expect(layers.map((a) => a.layer)).toEqual(net.layers.map((_, i) => i + 1));
  const naive = points.map((x) => naiveCodes(net, profile, x));
  layers.forEach((an, li) => {
    const l = li + 1;
    // partition, ids in order of the first sample, ascending samples
    expect(an.regionOf.length).toBe(points.length);
    const firsts = an.regions.map((r) => r.samples[0] as number);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    an.regions.forEach((r, id) => {
      expect(r.id).toBe(id);
      expect(r.layer).toBe(l);
      expect(r.samples).toEqual([...r.samples].sort((a, b) => a - b));
      for (const j of r.samples) expect(an.regionOf[j]).toBe(id);
    });
    expect(an.regions.reduce((s, r) => s + r.samples.length, 0)).toBe(points.length);
    // refinement
    if (li > 0) {
      const prev = layers[li - 1] as LayerAnalysis;
      for (const r of an.regions) expect(new Set(r.samples.map((j) => prev.regionOf[j])).size).toBe(1);
    }
    for (const r of an.regions) {
      const s0 = naive[r.samples[0] as number] as ReturnType<typeof naiveCodes>;
      expect(r.codeword).toBe(s0.bits.slice(0, l).filter((s) => s.length > 0).join('|'));
      // rows, map and rank equal the independent Rat recomputation
      const nr = naiveRegion(net, profile, s0.bits, l);
      const nNeuron = r.rowOrigin.filter((o) => o.kind === 'neuron').length;
      expect(r.ineqA.slice(0, nNeuron)).toEqual(nr.rows.map((x) => x.a));
      expect(r.ineqB.slice(0, nNeuron)).toEqual(nr.rows.map((x) => x.b));
      expect(r.ineqA.length).toBe(nNeuron + (profile === 'reference' ? 2 * net.inputDim : 0));
      const den = Rat.int(r.map.den);
      expect(r.map.M.every((row, i) => eqRats(row.map((v) => Rat.of(v, r.map.den)), nr.M[i] as Rat[]))).toBe(true);
      expect(eqRats(r.map.c.map((v) => Rat.int(v).div(den)), nr.c)).toBe(true);
      expect(r.rank).toBe(ratRank(nr.M));
      for (const j of r.samples) {
        const nj = naive[j] as ReturnType<typeof naiveCodes>;
        // every sample has the codeword, satisfies every row, and the map reproduces its image
        expect(nj.bits.slice(0, l).filter((s) => s.length > 0).join('|')).toBe(r.codeword);
        r.ineqA.forEach((a, k) => expect(rowSign(a, r.ineqB[k] as bigint, points[j] as Rat[])).toBeLessThanOrEqual(0));
        const phi = (nj.fw[li] as { phi: Rat[] }).phi;
        expect(eqRats(applyMap(r, points[j] as Rat[]), phi)).toBe(true);
        expect(eqRats(scaledVecToRats(an.images[j] as { num: bigint[]; den: bigint }), phi)).toBe(true);
      }
    }
    // boundary points and rank classes
    const wantBoundary = naive.flatMap((nc, j) => (nc.zeroAt.slice(0, l).some((zs) => zs.some((z) => z)) ? [j] : []));
    expect(an.boundaryPoints).toEqual(wantBoundary);
    const rc = new Map<number, number>();
    for (const r of an.regions) rc.set(r.rank, (rc.get(r.rank) ?? 0) + r.samples.length);
    expect([...an.rankClasses.entries()].sort()).toEqual([...rc.entries()].sort());
  });
}

const profileArb = fc.constantFrom<Profile>('default', 'reference');

describe('computeLayers on random small networks', () => {
  it('regions, rows, local maps and ranks agree with an independent Rat recomputation', () => {
    fc.assert(
      fc.property(netAndPointsArb(), profileArb, fc.option(fc.nat(3)), ({ net, points }, profile, pin) => {
        const n = pin === null ? net : pinToBoundary(net, points[0] as Rat[], pin);
        checkAnalysis(n, points, profile, computeLayers(n, points, profile));
      }),
      { ...FC, numRuns: 150 },
    );
  });

  it('membership oracle holds for samples and other points (closure on boundaries)', () => {
    fc.assert(
      fc.property(
        netAndPointsArb(),
        profileArb,
        fc.option(fc.nat(3)),
        fc.array(fc.array(fc.integer({ min: -12, max: 12 }), { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
        ({ net, points }, profile, pin, extra) => {
          const n = pin === null ? net : pinToBoundary(net, points[0] as Rat[], pin);
          const others = extra.map((e) => e.slice(0, n.inputDim).map((k) => Rat.of(BigInt(k), 4n)));
          const layers = computeLayers(n, points, profile);
          for (const an of layers) for (const x of [...points, ...others]) checkOracle(n, profile, an, x);
        },
      ),
      { ...FC, numRuns: 150 },
    );
  });

  it('brute force on a 1-D / 2-D grid: rows hold exactly at the compatible grid points', () => {
    fc.assert(
      fc.property(netAndPointsArb(2), profileArb, fc.option(fc.nat(3)), ({ net, points }, profile, pin) => {
        const n = pin === null ? net : pinToBoundary(net, points[0] as Rat[], pin);
        const ks = Array.from({ length: 17 }, (_, i) => Rat.of(BigInt(i - 8), 4n));
        const grid = n.inputDim === 1 ? ks.map((k) => [k]) : ks.flatMap((a) => ks.map((b) => [a, b]));
        const layers = computeLayers(n, points, profile);
        for (const an of layers) for (const x of grid) checkOracle(n, profile, an, x);
      }),
      { ...FC, numRuns: 60 },
    );
  });

  it('the reference box excludes points outside [-100, 100]^d', () => {
    const net: Network = { inputDim: 1, layers: [{ W: [[Rat.ONE]], b: [Rat.ZERO], relu: true }] };
    const [an] = computeLayers(net, [[Rat.ONE]], 'reference');
    const r = an?.regions[0] as Region;
    expect(r.rowOrigin).toEqual([
      { kind: 'neuron', layer: 1, neuron: 0, on: true },
      { kind: 'box', axis: 0, upper: false },
      { kind: 'box', axis: 0, upper: true },
    ]);
    expect(r.ineqA).toEqual([[-1n], [-1n], [1n]]);
    expect(r.ineqB).toEqual([0n, 100n, 100n]);
    const outside = [Rat.int(101n)];
    expect(r.ineqA.map((a, k) => rowSign(a, r.ineqB[k] as bigint, outside))).toEqual([-1, -1, 1]);
  });
});
