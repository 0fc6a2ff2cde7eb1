// select.ts: which points an analysis uses: one class, optionally only the correctly classified ones.
import type { Dataset, Network } from './network.js';
import { forwardScaled } from './forward.js';
import { type Profile, profilePoints } from './profile.js';
import { type ScaledVec, scaledVecFromRats } from './scaled.js';
import { scaledNetworkOf } from './scaledNetwork.js';

/**
 * The index of the largest entry of the exact vector `v` (compared exactly; the common positive
 * denominator does not matter). Ties: the LOWEST index wins, as `numpy.argmax` / `torch.argmax`
 * do. Throws on an empty vector.
 */
export function argmaxScaled(v: ScaledVec): number {
  if (v.num.length === 0) throw new RangeError('argmax of an empty vector');
  let best = 0;
  for (let i = 1; i < v.num.length; i++) if ((v.num[i] as bigint) > (v.num[best] as bigint)) best = i;
  return best;
}

/**
 * Indices (ascending) of the points of `data` with label `opts.class` (when given) and, when
 * `opts.correct`, whose exact network output argmax (ties: lowest index, see `argmaxScaled`)
 * equals their label. The output is Φ^(L), the last layer's representation. In the `reference`
 * profile the forward pass uses the float32-rounded points (as the reference does); the default
 * profile uses the points exactly. Throws when a filter needs labels and `data` has none, or
 * when `opts.correct` is asked without a network (`net` is only used by that filter).
 */
export function selectPoints(
  net: Network | null,
  data: Dataset,
  opts: { readonly class?: number; readonly correct?: boolean; readonly profile: Profile },
): number[] {
  const labels = data.labels;
  const needLabels = opts.class !== undefined || opts.correct === true;
  if (needLabels && labels === undefined) throw new RangeError('selectPoints: the dataset has no labels');
  if (labels !== undefined && labels.length !== data.points.length) {
    throw new RangeError(`selectPoints: ${labels.length} labels for ${data.points.length} points`);
  }
  const candidates: number[] = [];
  data.points.forEach((_, i) => {
    if (opts.class === undefined || labels?.[i] === opts.class) candidates.push(i);
  });
  if (opts.correct !== true) return candidates;
  if (net === null) throw new RangeError('selectPoints: --correct needs the network');
  const sn = scaledNetworkOf(net);
  const pts = profilePoints(
    candidates.map((i) => data.points[i] as (typeof data.points)[number]),
    opts.profile,
  );
  return candidates.filter((i, k) => {
    const values = forwardScaled(sn, scaledVecFromRats(pts[k] as (typeof pts)[number]));
    const out = values[values.length - 1];
    return out !== undefined && argmaxScaled(out.phi) === labels?.[i];
  });
}
