// network.ts: the exact network and dataset types every module shares.
import type { Rat } from '../checker/rational.js';

/** One affine layer `z = W x + b`, optionally followed by ReLU. `W` has shape [out][in]. */
export interface Layer {
  readonly W: readonly (readonly Rat[])[];
  readonly b: readonly Rat[];
  /** True when ReLU follows this layer. */
  readonly relu: boolean;
}

/** A dense ReLU MLP with exact rational weights. Layers are numbered 1..L in output and files. */
export interface Network {
  readonly inputDim: number;
  readonly layers: readonly Layer[];
}

/** A dataset: exact points (rows of length `dim`) and optional integer class labels. */
export interface Dataset {
  readonly dim: number;
  readonly points: readonly (readonly Rat[])[];
  /** Class index per point (one-hot rows are turned into their index), when labels were given. */
  readonly labels?: readonly number[];
}
