// homologyRecords.ts: the complex on the samples, its quotients per layer, and the homology records of a bundle.
import type { Rat } from '../checker/rational.js';
import { UsageError } from '../cli/usageError.js';
import { type BettiTarget, type ComplexInput, type Field, computeBetti } from './computeBetti.js';
import { type ComplexSpec, complexSpecRecord } from './complexSpec.js';
import type { Graph } from './graph.js';
import { hopGraph } from './hopGraph.js';
import { knnGraph } from './knnGraph.js';
import { type Classes, coneQuotient, metricQuotient } from './quotient.js';
import { ripsGraph } from './ripsGraph.js';

/** A quotient construction (FORMAT.md section 3), in bundle order. */
export type Quotient = 'cone' | 'metric';
/** The order quotients take in the `complex` record and among the targets. */
export const QUOTIENT_ORDER: readonly Quotient[] = ['cone', 'metric'];

/** The classes of one certified layer. */
export interface LayerClasses {
  readonly layer: number;
  readonly classes: Classes;
}

/** The complex K built on the samples, with what the quotients need. */
export interface BaseComplex {
  readonly input: ComplexInput;
  /** The kNN graph (knn-rips only; the metric quotient contracts it). */
  readonly knn: Graph | null;
  /** Neighbour choices decided by the tie rule (knn-rips; else 0). */
  readonly tieChoices: number;
}

/**
 * Build K from the samples as `spec` says (FORMAT.md section 3): the flag complex of the
 * knn-rips or rips graph, or the file's simplices (their vertex count must equal the samples').
 */
export function buildBaseComplex(points: readonly (readonly Rat[])[], spec: ComplexSpec): BaseComplex {
  switch (spec.kind) {
    case 'knn-rips': {
      const knn = knnGraph(points, spec.k);
      return { input: { kind: 'flag', graph: hopGraph(knn.graph, spec.eps) }, knn: knn.graph, tieChoices: knn.tieChoices };
    }
    case 'rips':
      return { input: { kind: 'flag', graph: ripsGraph(points, spec.eps2) }, knn: null, tieChoices: 0 };
    case 'file':
      if (spec.vertices !== points.length) {
        throw new UsageError(`--complex file:${spec.path} has ${spec.vertices} vertices, but ${points.length} samples are selected`);
      }
      return { input: { kind: 'explicit', size: spec.vertices, simplices: spec.simplices.map((s) => [...s]) }, knn: null, tieChoices: 0 };
  }
}

/** Size of a complex as built: present vertices and edges (flag) or listed simplices (explicit). */
export interface ComplexSize {
  readonly vertices: number;
  readonly edges?: number;
  readonly simplices?: number;
}

/** Size of a complex input (vertices present; edges of a flag complex; listed simplices otherwise). */
export function complexSize(c: ComplexInput): ComplexSize {
  if (c.kind === 'flag') return { vertices: c.graph.vertices().length, edges: c.graph.edgeCount };
  const vs = new Set<number>();
  for (const s of c.simplices) for (const v of s) vs.add(v);
  return { vertices: vs.size, simplices: c.simplices.length };
}

/** One target's outcome. */
export interface TargetSummary extends BettiTarget {
  readonly size: ComplexSize;
  readonly betti: number[];
  readonly stats: Record<string, number>;
  readonly seconds: number;
}

/** What a homology run found. */
export interface HomologySummary {
  readonly tieChoices: number;
  readonly targets: TargetSummary[];
  /** Layers where the cone and metric quotients have different Betti numbers. */
  readonly disagreements: { layer: number; cone: number[]; metric: number[] }[];
  /** Seconds to build K (kNN graph, hops). */
  readonly buildSeconds: number;
  readonly seconds: number;
}

/** Options of {@link homologyRecords}. */
export interface HomologyOptions {
  /** Receives each record as it is produced (then `records` is returned empty). */
  readonly onRecord?: (rec: object) => void;
  /** Receives each target's summary as soon as it is computed (progress). */
  readonly onTarget?: (t: TargetSummary) => void;
}

/** Normalise a list of quotients to bundle order without repeats; metric needs knn-rips. */
export function normaliseQuotients(quotients: readonly Quotient[], spec: ComplexSpec): Quotient[] {
  const out = QUOTIENT_ORDER.filter((q) => quotients.includes(q));
  if (out.includes('metric') && spec.kind !== 'knn-rips') {
    throw new UsageError(`the metric quotient needs a knn-rips complex, not ${spec.kind}`);
  }
  return out;
}

const now = (): number => performance.now() / 1000;

/**
 * The homology records of a bundle (FORMAT.md section 3) for the complex `spec` on `points`:
 * the `complex` record, then for each target (layer 0 with quotient `none`; then each layer in
 * `layers` order and each quotient in {@link QUOTIENT_ORDER}) the `reduce`, `rank`,
 * `cohomology` and `betti` records that {@link computeBetti} certifies. `layers` must be
 * ascending with the classes of each certified layer. Returns the records (unless
 * `opts.onRecord` takes them) and a summary: Betti numbers and sizes per target, where cone and
 * metric disagree, tieChoices, seconds.
 */
export function homologyRecords(
  points: readonly (readonly Rat[])[],
  spec: ComplexSpec,
  field: Field,
  maxDim: number,
  quotients: readonly Quotient[],
  layers: readonly LayerClasses[],
  opts: HomologyOptions = {},
): { records: object[]; summary: HomologySummary } {
  const t0 = now();
  const qs = normaliseQuotients(quotients, spec);
  for (let i = 1; i < layers.length; i++) {
    if (layers[i]!.layer <= layers[i - 1]!.layer) throw new RangeError('homologyRecords: layers must be strictly increasing');
  }
  const records: object[] = [];
  const emit = opts.onRecord ?? ((r: object) => void records.push(r));
  const base = buildBaseComplex(points, spec);
  const buildSeconds = now() - t0;
  emit({ t: 'complex', spec: complexSpecRecord(spec), field, maxDim, quotients: qs, tieChoices: base.tieChoices });
  const targets: TargetSummary[] = [];
  const run = (input: ComplexInput, target: BettiTarget): TargetSummary => {
    const s = now();
    const r = computeBetti(input, field, maxDim, target);
    for (const rec of r.records) emit(rec);
    const t: TargetSummary = { ...target, size: complexSize(input), betti: r.betti, stats: r.stats, seconds: now() - s };
    targets.push(t);
    opts.onTarget?.(t);
    return t;
  };
  run(base.input, { layer: 0, quotient: 'none' });
  const disagreements: HomologySummary['disagreements'] = [];
  for (const { layer, classes } of layers) {
    const got = new Map<Quotient, number[]>();
    for (const q of qs) {
      const input = q === 'cone' ? coneQuotient(base.input, points.length, classes) : metricQuotient(base.knn!, (spec as { eps: Rat }).eps, classes);
      got.set(q, run(input, { layer, quotient: q }).betti);
    }
    const cone = got.get('cone');
    const metric = got.get('metric');
    if (cone !== undefined && metric !== undefined && cone.join() !== metric.join()) disagreements.push({ layer, cone, metric });
  }
  return { records, summary: { tieChoices: base.tieChoices, targets, disagreements, buildSeconds, seconds: now() - t0 } };
}
