// checkCommand.ts: `ohc check BUNDLE [--model F --data F [--labels F]] [--json] [--max-* N]`: the trusted checker, in a fresh realm.
import { runCheckInFreshRealm } from './checkInFreshRealm.js';

/**
 * Run `ohc check`; returns the exit code: 0 verified, 1 rejected, 2 usage error or unreadable
 * file. The checker runs in a fresh realm (a worker without preloads, see `checkInFreshRealm`),
 * so tampered built-ins of this realm cannot change its verdict; its lines are printed here.
 */
export function checkCommand(args: string[], out: (s: string) => void, err: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): number {
  const r = runCheckInFreshRealm(args);
  for (let i = 0; i < r.lines.length; i++) {
    const l = r.lines[i];
    if (l !== undefined) (l[0] === 1 ? out : err)(l[1]);
  }
  return r.code;
}
