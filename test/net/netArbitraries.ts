// netArbitraries.ts: random small exact networks and points, and a naive Rat oracle (test-only).
import fc from 'fast-check';
import { Rat } from '../../src/checker/rational.js';
import { dot } from '../ratDot.js';
import type { Layer, Network } from '../../src/net/network.js';

/** The fixed fast-check parameters of this suite. */
export const FC = { seed: Number(process.env['FC_SEED'] ?? 42) };

/** Small integers and dyadic rationals (k/8), so exact zeros are common. */
export const weightArb: fc.Arbitrary<Rat> = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((n) => Rat.int(BigInt(n))),
  fc.integer({ min: -16, max: 16 }).map((n) => Rat.of(BigInt(n), 8n)),
);

/** Grid coordinates k/4, k in −8..8 (so points often land exactly on boundaries). */
export const coordArb: fc.Arbitrary<Rat> = fc.integer({ min: -8, max: 8 }).map((k) => Rat.of(BigInt(k), 4n));

/** A random network: d = 1..3, 1..3 layers of width 1..4, ReLU after all but maybe the last. */
export function netArb(maxDim = 3): fc.Arbitrary<Network> {
  return fc
    .record({
      d: fc.integer({ min: 1, max: maxDim }),
      widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
      lastRelu: fc.boolean(),
    })
    .chain(({ d, widths, lastRelu }) => {
      const layerArbs = widths.map((w, i) => {
        const inDim = i === 0 ? d : (widths[i - 1] as number);
        return fc.record({
          W: fc.array(fc.array(weightArb, { minLength: inDim, maxLength: inDim }), { minLength: w, maxLength: w }),
          b: fc.array(weightArb, { minLength: w, maxLength: w }),
        });
      });
      return fc.tuple(...layerArbs).map(
        (ls): Network => ({
          inputDim: d,
          layers: ls.map((l, i): Layer => ({ W: l.W, b: l.b, relu: i < widths.length - 1 || lastRelu })),
        }),
      );
    });
}

/** A network with 1..10 points in its input space. */
export function netAndPointsArb(maxDim = 3): fc.Arbitrary<{ net: Network; points: Rat[][] }> {
  return netArb(maxDim).chain((net) =>
    fc
      .array(fc.array(coordArb, { minLength: net.inputDim, maxLength: net.inputDim }), { minLength: 1, maxLength: 10 })
      .map((points) => ({ net, points })),
  );
}

/**
 * The same network with the bias of neuron `j` of layer 1 moved so that point 0 lies exactly on
 * its boundary (z = 0).
 */
export function pinToBoundary(net: Network, point: readonly Rat[], j: number): Network {
  const [first, ...rest] = net.layers;
  if (first === undefined) return net;
  const jj = j % first.W.length;
  const b = first.b.map((v, k) => (k === jj ? dot(first.W[k] as Rat[], point as Rat[]).neg() : v));
  return { inputDim: net.inputDim, layers: [{ W: first.W, b, relu: first.relu }, ...rest] };
}

/** Naive exact forward pass with Rat: per layer `{ z, phi }`. */
export function naiveForward(net: Network, x: readonly Rat[]): { z: Rat[]; phi: Rat[] }[] {
  const out: { z: Rat[]; phi: Rat[] }[] = [];
  let phi: readonly Rat[] = x;
  for (const layer of net.layers) {
    const z = layer.W.map((row, j) => dot(row, phi).add(layer.b[j] as Rat));
    phi = layer.relu ? z.map((v) => (v.sign() > 0 ? v : Rat.ZERO)) : z;
    out.push({ z, phi: phi as Rat[] });
  }
  return out;
}

/** Does the rational point `x` satisfy `a·x ≤ b`? Returns the sign of `a·x − b`. */
export function rowSign(a: readonly bigint[], b: bigint, x: readonly Rat[]): -1 | 0 | 1 {
  return dot(
    a.map((v) => Rat.int(v)),
    x,
  )
    .sub(Rat.int(b))
    .sign();
}

/** Rank over Q by plain Gauss–Jordan elimination on Rat (the slow, obvious oracle). */
export function ratRank(M: readonly (readonly Rat[])[]): number {
  const A = M.map((r) => r.slice());
  const m = A.length;
  const n = m === 0 ? 0 : (A[0] as Rat[]).length;
  let r = 0;
  for (let c = 0; c < n && r < m; c++) {
    const p = A.findIndex((row, i) => i >= r && !(row[c] as Rat).isZero());
    if (p < 0) continue;
    [A[p], A[r]] = [A[r] as Rat[], A[p] as Rat[]];
    const pr = A[r] as Rat[];
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const row = A[i] as Rat[];
      const f = (row[c] as Rat).div(pr[c] as Rat);
      for (let j = c; j < n; j++) row[j] = (row[j] as Rat).sub(f.mul(pr[j] as Rat));
    }
    r++;
  }
  return r;
}
