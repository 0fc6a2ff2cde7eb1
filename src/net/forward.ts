// forward.ts: the exact forward pass of one point: pre-activations and representations per layer.
import type { Rat } from '../checker/rational.js';
import type { Network } from './network.js';
import { type ScaledVec, applyAffine, scaledVecFromRats, stripTwos } from './scaled.js';
import { type ScaledNetwork, scaledNetworkOf } from './scaledNetwork.js';

/** The exact values at one layer for one point. */
export interface LayerValues {
  /** Pre-activations `z_i = A_i Φ^(i-1)(x) + b_i`. */
  readonly z: ScaledVec;
  /** Representation `Φ^(i)(x)`: `relu(z_i)` for a ReLU layer, `z_i` itself otherwise. */
  readonly phi: ScaledVec;
}

/**
 * The exact forward pass of the scaled point `x` through `net`: entry `i-1` holds layer `i`
 * (layers are numbered 1..L). Common powers of two are stripped after every layer.
 */
export function forwardScaled(net: ScaledNetwork, x: ScaledVec): LayerValues[] {
  if (x.num.length !== net.inputDim) {
    throw new RangeError(`forward: point has ${x.num.length} coordinates, network expects ${net.inputDim}`);
  }
  const out: LayerValues[] = [];
  let phi = x;
  for (const layer of net.layers) {
    const z = stripTwos(applyAffine(layer, phi));
    phi = layer.relu ? { num: z.num.map((v) => (v > 0n ? v : 0n)), den: z.den } : z;
    out.push({ z, phi });
  }
  return out;
}

/** The exact forward pass of the rational point `x` through `net` (see `forwardScaled`). */
export function forwardPass(net: Network, x: readonly Rat[]): LayerValues[] {
  return forwardScaled(scaledNetworkOf(net), scaledVecFromRats(x));
}
