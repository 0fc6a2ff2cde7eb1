// bundleHeader.ts: the `header` record of an ohc-bundle/1 bundle.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Rat } from '../checker/rational.js';
import type { Network } from '../net/network.js';
import { type Profile, profileRules } from '../net/profile.js';

/** The bundle format this writer produces. */
export const BUNDLE_FORMAT = 'ohc-bundle/1';
/** The tool named in the header. */
export const BUNDLE_TOOL = 'overlap-homology 0.1.0';

/** An input file as the header records it. */
export interface BundleInputFile {
  readonly path: string;
  readonly sha256: string;
}

/** What the header describes. */
export interface BundleHeaderInput {
  /** `model` is null in a bundle without a network (`ohc betti`: only homology records). */
  readonly inputs: { readonly model: BundleInputFile | null; readonly data: BundleInputFile; readonly labels: BundleInputFile | null };
  readonly classLabel?: number | undefined;
  readonly correct: boolean;
  /** Positions in the data file of the selected points, ascending. */
  readonly selected: readonly number[];
  readonly profile: Profile;
  /** Sensitivity s of the reference prune, or null (default profile). */
  readonly sensitivity: Rat | null;
  /** Pairs inside a class carried from the previous certified layer are not decided (rule `carried`). Default false. */
  readonly skipCarried?: boolean;
  readonly layers: readonly number[];
  /** The network, or null for a bundle of homology records only (then `layers` is empty). */
  readonly net: Network | null;
  /** The selected points as the network sees them under the profile. */
  readonly points: readonly (readonly Rat[])[];
}

/** sha256 (hex) of a file's bytes. */
export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * An input file as the header records it: its base name (the checker is given the files and
 * confirms the hashes, so a bundle does not depend on where the run took place) and the sha256
 * of its bytes.
 */
export function bundleInputFile(path: string): BundleInputFile {
  return { path: basename(path), sha256: fileSha256(path) };
}

const str = (r: Rat): string => r.toString();

/** The header record (FORMAT.md section 1). */
export function bundleHeader(h: BundleHeaderInput): object {
  if (h.net === null && h.layers.length > 0) throw new RangeError('bundleHeader: certified layers need a network');
  const rules = profileRules(h.profile);
  return {
    t: 'header',
    format: BUNDLE_FORMAT,
    tool: BUNDLE_TOOL,
    inputs: { model: h.inputs.model === null ? null : { ...h.inputs.model }, data: { ...h.inputs.data }, labels: h.inputs.labels === null ? null : { ...h.inputs.labels } },
    selection: { class: h.classLabel ?? null, correct: h.correct, indices: [...h.selected] },
    profile: h.profile,
    options: {
      box: rules.box === null ? null : rules.box.toString(),
      outputBits: rules.outputBits,
      sensitivity: h.sensitivity === null ? null : h.sensitivity.toString(),
      skipCarried: h.skipCarried === true,
    },
    layers: [...h.layers],
    network:
      h.net === null
        ? null
        : {
            inputDim: h.net.inputDim,
            layers: h.net.layers.map((l) => ({ W: l.W.map((row) => row.map(str)), b: l.b.map(str), relu: l.relu })),
          },
    points: h.points.map((p) => p.map(str)),
  };
}
