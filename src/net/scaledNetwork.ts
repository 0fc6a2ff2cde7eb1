// scaledNetwork.ts: a Network converted once to scaled-integer layers (cached per network object).
import type { Network } from './network.js';
import { type ScaledAffine, scaledMatFromRats } from './scaled.js';

/** One layer `z = (W x + b) / den` with integer `W`, `b`, optionally followed by ReLU. */
export interface ScaledLayer extends ScaledAffine {
  readonly relu: boolean;
  /** Number of inputs (columns of `W`). */
  readonly inDim: number;
}

/** A network whose layers are scaled-integer affine maps (layer `i` of the docs is index `i-1`). */
export interface ScaledNetwork {
  readonly inputDim: number;
  readonly layers: readonly ScaledLayer[];
}

const cache = new WeakMap<Network, ScaledNetwork>();

/**
 * The scaled form of `net`: per layer the lcm `den` of all denominators of `W` and `b`, and
 * integer numerators. Checks the shapes (throws `RangeError` on a mismatch). Cached per object.
 */
export function scaledNetworkOf(net: Network): ScaledNetwork {
  const hit = cache.get(net);
  if (hit !== undefined) return hit;
  let inDim = net.inputDim;
  if (!Number.isSafeInteger(inDim) || inDim < 1) throw new RangeError('network: bad input dimension');
  if (net.layers.length === 0) throw new RangeError('network: no layers');
  const layers = net.layers.map((layer, i): ScaledLayer => {
    const out = layer.W.length;
    if (out < 1 || layer.b.length !== out) throw new RangeError(`layer ${i + 1}: W has ${out} rows, b has ${layer.b.length}`);
    for (const row of layer.W) {
      if (row.length !== inDim) throw new RangeError(`layer ${i + 1}: W row of length ${row.length}, expected ${inDim}`);
    }
    // one common denominator for W and b together
    const w = scaledMatFromRats([...layer.W, layer.b]);
    const b = w.num.pop() as bigint[];
    const scaled: ScaledLayer = { W: w.num, b, den: w.den, relu: layer.relu, inDim };
    inDim = out;
    return scaled;
  });
  const sn: ScaledNetwork = { inputDim: net.inputDim, layers };
  cache.set(net, sn);
  return sn;
}
