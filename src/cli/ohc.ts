#!/usr/bin/env node
// ohc.ts: the command-line entry point: loads only the verb it runs, maps errors to exit codes.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { type Verb, argsFrom, helpOrUnknown, runVerb } from './verbRunner.js';

/** Each verb's module, imported only when that verb runs (a run loads what it needs, not the whole CLI). */
const LOADERS: Record<string, () => Promise<Verb>> = {
  regions: async () => (await import('./regionsCommand.js')).regionsCommand,
  decide: async () => (await import('./decideCommand.js')).decideCommand,
  check: async () => (await import('./checkCommand.js')).checkCommand,
  betti: async () => (await import('./bettiCommand.js')).bettiCommand,
  audit: async () => (await import('./auditCommand.js')).auditCommand,
  report: async () => (await import('./reportCommand.js')).reportCommand,
  demo: async () => (await import('./demoCommand.js')).demoCommand,
};

/**
 * The CLI run from the command line with `argv` (without node and script): `certify` runs in a
 * worker thread so that Ctrl-C can stop it and say how to --resume; other verbs run here.
 */
async function runFromCommandLine(argv: string[]): Promise<number> {
  const verb = argv[0];
  const done = helpOrUnknown(verb, (v) => v === 'certify' || Object.hasOwn(LOADERS, v), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
  if (done !== undefined) return done;
  if (verb === 'certify') return (await import('./certifyInterruptibly.js')).certifyInterruptibly(argsFrom(argv, 1));
  const run = await (LOADERS[verb as string] as () => Promise<Verb>)();
  return runVerb(verb as string, run, argsFrom(argv, 1), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
}

const invokedDirectly = (() => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (invokedDirectly && isMainThread) void runFromCommandLine(argsFrom(process.argv, 2)).then((code) => (process.exitCode = code));
