// analysisInputs.ts: the options every analysing verb shares, and loading what they name.
import type { Rat } from '../checker/rational.js';
import { loadModel } from '../io/loadModel.js';
import { loadDataset } from '../io/loadData.js';
import type { Dataset, Network } from '../net/network.js';
import { type Profile, profilePoints } from '../net/profile.js';
import { selectPoints } from '../net/select.js';
import { UsageError, parseIndex } from './usageError.js';

/** `node:util` parseArgs option specs shared by `regions`, `decide` and later verbs. */
export const selectionOptions = {
  model: { type: 'string' },
  data: { type: 'string' },
  labels: { type: 'string' },
  class: { type: 'string' },
  correct: { type: 'boolean' },
  profile: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The loaded inputs of an analysis: the network, the selected points (after the profile). */
export interface AnalysisInputs {
  readonly modelFile: string;
  readonly dataFile: string;
  readonly net: Network;
  readonly data: Dataset;
  readonly profile: Profile;
  /** Indices into the data file of the selected points, ascending. */
  readonly selected: readonly number[];
  /** The selected points as the network sees them under the profile. */
  readonly points: readonly (readonly Rat[])[];
  readonly classLabel?: number;
  readonly correct: boolean;
}

/** The loaded inputs of a verb for which the model is optional (`ohc betti`). */
export interface DataInputs extends Omit<AnalysisInputs, 'modelFile' | 'net'> {
  readonly modelFile: string | null;
  readonly net: Network | null;
}

/**
 * Like {@link loadAnalysisInputs}, but `--model` is optional: without it the selected points are
 * the data file's exact values (after the profile), filtered by `--class`; `--correct` then is a
 * UsageError (it needs the network's outputs).
 */
export function loadDataInputs(values: Parameters<typeof loadAnalysisInputs>[0]): DataInputs {
  if (values.model !== undefined) return loadAnalysisInputs(values);
  if (values.data === undefined) throw new UsageError('--data FILE is required');
  if (values.correct === true) throw new UsageError('--correct needs --model FILE');
  const profile = values.profile ?? 'default';
  if (profile !== 'default' && profile !== 'reference') {
    throw new UsageError(`--profile must be default or reference, got ${JSON.stringify(profile)}`);
  }
  const classLabel = parseIndex('class', values.class);
  const data = loadDataset(values.data, values.labels === undefined ? {} : { labelsFile: values.labels });
  if (classLabel !== undefined && data.labels === undefined) {
    throw new UsageError('--class needs labels (in the data file or via --labels FILE)');
  }
  const selected = selectPoints(null, data, { ...(classLabel === undefined ? {} : { class: classLabel }), profile });
  const points = profilePoints(
    selected.map((i) => data.points[i] as readonly Rat[]),
    profile,
  );
  return {
    modelFile: null,
    dataFile: values.data,
    net: null,
    data,
    profile,
    selected,
    points,
    ...(classLabel === undefined ? {} : { classLabel }),
    correct: false,
  };
}

/** Load model and data and select points as the options say. Throws InputError / UsageError. */
export function loadAnalysisInputs(values: {
  model?: string | undefined;
  data?: string | undefined;
  labels?: string | undefined;
  class?: string | undefined;
  correct?: boolean | undefined;
  profile?: string | undefined;
}): AnalysisInputs {
  if (values.model === undefined) throw new UsageError('--model FILE is required');
  if (values.data === undefined) throw new UsageError('--data FILE is required');
  const profile = values.profile ?? 'default';
  if (profile !== 'default' && profile !== 'reference') {
    throw new UsageError(`--profile must be default or reference, got ${JSON.stringify(profile)}`);
  }
  const classLabel = parseIndex('class', values.class);
  const correct = values.correct ?? false;
  const net = loadModel(values.model);
  const data = loadDataset(values.data, values.labels === undefined ? {} : { labelsFile: values.labels });
  if (data.dim !== net.inputDim) {
    throw new UsageError(`${values.data} has points of dimension ${data.dim}, but ${values.model} expects ${net.inputDim}`);
  }
  if ((classLabel !== undefined || correct) && data.labels === undefined) {
    throw new UsageError('--class and --correct need labels (in the data file or via --labels FILE)');
  }
  const selected = selectPoints(net, data, {
    ...(classLabel === undefined ? {} : { class: classLabel }),
    correct,
    profile,
  });
  const all = profilePoints(data.points, profile);
  const points = selected.map((i) => all[i] as readonly Rat[]);
  return {
    modelFile: values.model,
    dataFile: values.data,
    net,
    data,
    profile,
    selected,
    points,
    ...(classLabel === undefined ? {} : { classLabel }),
    correct,
  };
}
