// verbRunner.ts: what every CLI entry shares: the usage text, one verb run with errors mapped to exit codes, argument copies.
import { InputError } from '../io/inputError.js';
import { UsageError } from './usageError.js';

/** The CLI's usage text (`ohc --help`). */
export const USAGE = `usage: ohc <verb> [options]

verbs:
  regions  --model FILE --data FILE [--labels FILE] [--class C] [--correct]
           [--profile default|reference] [--json]
           per layer: regions, points on boundaries, rank classes
  decide   (same selection options) --layer L (--sample J --region N | --all) [--json]
           the membership decision Q(j, n) with its certificate, checked
  certify  (same selection options) [--profile default|reference] [--sensitivity S]
           [--layers SPEC] --out BUNDLE [--resume] [--all-pairs] [--jobs N] [--quiet] [--json]
           [--complex SPEC [--quotient cone|metric|cone,metric] [--field gf2|q] [--max-dim D]]
           the overlap decomposition of every layer, written as a certificate bundle;
           with --complex also the certified Betti numbers of each layer's quotient
           (journal OUT.journal until done: --resume continues an interrupted run)
           (default profile: pairs inside a class carried from the layer before are not
           decided, their answers cannot change a class; --all-pairs decides them too)
           (--jobs N: N worker threads, default one per two cores: each layer split
           by region, or with --all-pairs and in the reference profile whole layers)
  check    BUNDLE [[--model FILE] --data FILE [--labels FILE]] [--json]
           validate a bundle with the independent checker: prints c lines and one
           s VERIFIED / s REJECTED line (exit 0 / 1)
  betti    --data FILE [--labels FILE] [--class C] [--correct --model FILE]
           --complex knn-rips:k=K,eps=E|rips:eps2=E|file:PATH [--field gf2|q]
           [--max-dim D] [--out BUNDLE] [--json]
           certified Betti numbers b_0..b_D (default D = 1) of a complex on the samples
  audit    --claim FILE --model FILE --data FILE (selection, --profile, --layers as certify)
           [--bundle B | --out B] [--json]
           compare claimed classes per layer with the certified ones: false and missed
           gluings with certificates (exit 0 match, 1 differs)
  report   BUNDLE --out DIR [--model FILE --data FILE [--labels FILE]]
           check the bundle, then write DIR/index.html (static page, SVG figures),
           DIR/summary.json and DIR/summary.csv (exit 0 verified / 1 rejected)
  demo     [--out BUNDLE] certify, check and report the bundled D-I example with its
           quotient Betti numbers (what npm start runs)

exit codes: 0 success, 1 a certificate failed, 2 usage or input error`;

/** A verb: runs with its arguments and printers, returns the exit code. */
export type Verb = (args: string[], out: (s: string) => void, err: (s: string) => void) => number;

/**
 * `args[from..]` as a new array, by index: no Array.prototype method or iterator is called, so
 * code loaded before the CLI that tampers with them cannot change which verb and arguments run
 * (the checker itself runs in a fresh realm; test/checker/poisoning.test.ts).
 */
export function argsFrom(args: readonly string[], from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < args.length; i++) out[i - from] = args[i] as string;
  return out;
}

/**
 * Run verb `name` (implemented by `run`) with `rest`: an input error gives exit code 2 with its
 * message, a usage error (or a malformed option) exit code 2 with a hint; anything else is thrown.
 */
export function runVerb(name: string, run: Verb, rest: string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    return run(rest, out, err);
  } catch (e) {
    if (e instanceof InputError) {
      err(`ohc: error: ${e.message}`);
      return 2;
    }
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
      err(`ohc ${name}: ${(e as Error).message}\nrun 'ohc --help' for usage`);
      return 2;
    }
    throw e;
  }
}

/** The answer to a missing, help or unknown verb (exit code), or undefined for a verb to run. */
export function helpOrUnknown(verb: string | undefined, known: (v: string) => boolean, out: (s: string) => void, err: (s: string) => void): number | undefined {
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    out(USAGE);
    return verb === undefined ? 2 : 0;
  }
  if (!known(verb)) {
    err(`ohc: unknown verb ${JSON.stringify(verb)}\n${USAGE}`);
    return 2;
  }
  return undefined;
}
