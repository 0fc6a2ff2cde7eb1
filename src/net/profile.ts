// profile.ts: the two conventions for codewords and regions: our `default` and the authors' `reference`.
import type { Rat } from '../checker/rational.js';
import { roundRatToFloat32 } from '../numbers/roundRatToFloat32.js';
import type { Network } from './network.js';

/**
 * - `default`: the codeword is the ON/OFF bits of the ReLU layers 1..l only (a final layer
 *   without ReLU contributes no bits); no bounding box; points are used exactly as given.
 * - `reference` (KBeshkov/QuotientHomology, NetRelHom.py): the box [−100, 100]^d is intersected
 *   into every region; a final layer without ReLU ALSO contributes sign bits (z > 0 → 1) and the
 *   matching rows at its layer (the reference's bug, reproduced on purpose); points are rounded to
 *   float32 (round to nearest even) before use, as `torch.Tensor(...)` does.
 */
export type Profile = 'default' | 'reference';

/** What a profile means for region computation. */
export interface ProfileRules {
  /** Half-width `B` of the box [−B, B]^d intersected into every region, or `null` for none. */
  readonly box: bigint | null;
  /** True when a final layer without ReLU contributes sign bits (and rows). */
  readonly outputBits: boolean;
  /** True when points are rounded to float32 (nearest even) before use. */
  readonly roundPointsToFloat32: boolean;
}

/** The rules of `profile`. */
export function profileRules(profile: Profile): ProfileRules {
  switch (profile) {
    case 'default':
      return { box: null, outputBits: false, roundPointsToFloat32: false };
    case 'reference':
      return { box: 100n, outputBits: true, roundPointsToFloat32: true };
    default:
      throw new RangeError(`unknown profile ${JSON.stringify(profile as unknown)}`);
  }
}

/**
 * True when layer `i` (1-based) of `net` contributes codeword bits (and region rows) under
 * `rules`: every ReLU layer, and a final layer without ReLU only when `rules.outputBits`.
 * (A non-final layer without ReLU contributes no bits either.)
 */
export function layerHasBits(net: Network | { readonly layers: readonly { readonly relu: boolean }[] }, i: number, rules: ProfileRules): boolean {
  const layer = net.layers[i - 1];
  if (layer === undefined) throw new RangeError(`no layer ${i}`);
  return layer.relu || (rules.outputBits && i === net.layers.length);
}

/**
 * The points as `profile` uses them: unchanged for `default`; every coordinate rounded to the
 * nearest float32 (ties to even) for `reference` (idempotent on float32 values).
 */
export function profilePoints(points: readonly (readonly Rat[])[], profile: Profile): readonly (readonly Rat[])[] {
  if (!profileRules(profile).roundPointsToFloat32) return points;
  return points.map((p) => p.map(roundRatToFloat32));
}
