// fcSeed.ts: fixed fast-check parameters so property tests are reproducible (FC_SEED, default 42).

/** Options for `fc.assert`: a fixed seed from `$FC_SEED` (default 42) and the given run count. */
export function fcOptions(numRuns = 200): { seed: number; numRuns: number } {
  return { seed: Number(process.env['FC_SEED'] ?? 42), numRuns };
}
