// index.ts: the public surface of the trusted checker: check, parseBundleHeader, isAccepted and the types.
export { check, parseBundleHeader } from './check.js';
export type { Header, InputFile, IntLayer } from './header.js';
export type { BettiStats, HomologyStats } from './homology.js';
export { type Accepted, type AcceptedStats, type LayerStats, type Rejected, type RuleName, type Step, type Verdict, isAccepted } from './verdict.js';
