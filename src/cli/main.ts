// main.ts: the CLI as a function: dispatch a verb (every verb loaded), map errors to exit codes.
import { auditCommand } from './auditCommand.js';
import { bettiCommand } from './bettiCommand.js';
import { certifyCommand } from './certifyCommand.js';
import { checkCommand } from './checkCommand.js';
import { decideCommand } from './decideCommand.js';
import { demoCommand } from './demoCommand.js';
import { regionsCommand } from './regionsCommand.js';
import { reportCommand } from './reportCommand.js';
import { type Verb, argsFrom, helpOrUnknown, runVerb } from './verbRunner.js';

const VERBS: Record<string, Verb> = {
  regions: regionsCommand,
  decide: decideCommand,
  certify: certifyCommand,
  check: checkCommand,
  betti: bettiCommand,
  audit: auditCommand,
  report: reportCommand,
  demo: demoCommand,
};

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`), err: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): number {
  const verb = argv[0];
  const done = helpOrUnknown(verb, (v) => Object.hasOwn(VERBS, v), out, err);
  if (done !== undefined) return done;
  return runVerb(verb as string, VERBS[verb as string] as Verb, argsFrom(argv, 1), out, err);
}
