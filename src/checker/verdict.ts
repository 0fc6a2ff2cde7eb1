// verdict.ts: the Verdict union; an accepted verdict is minted only here (unexported brand).
import type { HomologyStats } from './homology.js';

/** The rule names shared by FORMAT.md, the rejection codes and proofs/. */
export type RuleName =
  | 'header' | 'end' | 'null' | 'bound' | 'segment' | 'witness' | 'same' | 'farkas' | 'pinned'
  | 'dead' | 'pruned' | 'carried' | 'complete' | 'classes' | 'parse' | 'limits'
  | 'complex' | 'edge-collapse' | 'vertex-collapse' | 'rank' | 'cohomology' | 'betti';

/** Where a rejection happened: the 1-based record line, and the layer, region, sample (homology: quotient, dim, index) if known. */
export interface Step {
  line: number;
  layer?: number;
  region?: number;
  sample?: number;
  quotient?: string;
  dim?: number;
  index?: number;
}

/** How many pairs each rule settled at one certified layer. */
export interface LayerStats {
  layer: number;
  regions: number;
  pairs: number;
  settled: Record<'witness' | 'same' | 'farkas' | 'pinned' | 'dead' | 'null' | 'bound' | 'segment' | 'pruned' | 'carried', number>;
  gluings: number;
  classes: number;
}

/** What an accepted bundle established. */
export interface AcceptedStats {
  records: number;
  sha256: string;
  samples: number;
  inputDim: number;
  profile: string;
  layers: LayerStats[];
  /** The certified Betti numbers (FORMAT section 3), or null when the bundle has no homology records. */
  homology: HomologyStats | null;
}

declare const BRAND: unique symbol;
const minted = new WeakSet<object>();

/** An accepted verdict. Only `accept` (called by check.ts after every rule passed) builds one. */
export interface Accepted extends AcceptedStats {
  readonly kind: 'accepted';
  readonly [BRAND]: true;
}

/** A rejected verdict: the rule, the step, the reason, and a trace of the failing step. */
export interface Rejected {
  readonly kind: 'rejected';
  readonly rule: RuleName;
  readonly step: Step;
  readonly reason: string;
  readonly trace?: string;
}

export type Verdict = Accepted | Rejected;

/** Mint an accepted verdict (internal to src/checker; not exported by index.ts). */
export function accept(stats: AcceptedStats): Accepted {
  const v = Object.freeze({ ...stats, kind: 'accepted' }) as Accepted;
  minted.add(v);
  return v;
}

/** True only for verdicts minted by `accept` (a copied or hand-built object fails). */
export function isAccepted(v: unknown): v is Accepted {
  return typeof v === 'object' && v !== null && minted.has(v);
}

/** Thrown inside the checker to stop at the first failing step; `check` turns it into a Rejected. */
export class Rejection extends Error {
  constructor(
    readonly rule: RuleName,
    readonly step: Step,
    readonly reason: string,
    readonly trace?: string,
  ) {
    super(`${rule}: ${reason}`);
  }
}

/** Throw a rejection of `rule` at `step`. */
export function reject(rule: RuleName, step: Step, reason: string, trace?: string): never {
  throw new Rejection(rule, step, reason, trace);
}
