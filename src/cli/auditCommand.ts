// auditCommand.ts: `ohc audit --claim FILE …`: which claimed gluings are certified true, which false, which are missed.
import { parseArgs } from 'node:util';
import { type AuditLayer, type AuditReport, type Block, type PathStep, audit } from '../audit/audit.js';
import type { Citation } from '../audit/explainBundle.js';
import { selectionOptions } from './analysisInputs.js';
import { UsageError } from './usageError.js';

/** Text of one citation: `Q(17, r5) yes by witness (line 1105)`. */
export function formatCitation(c: Citation): string {
  const where = c.line !== undefined ? ` (line ${c.line})` : c.sameAs !== undefined ? ` (sample ${c.sameAs} of region ${c.region} has the same image)` : '';
  return `Q(${c.sample}, r${c.region}) ${c.answer} by ${c.rule}${where}`;
}

/** Text of one path step: `layer 10, regions 3~17 glued: 12 ~ 57 [Q(12, r17) yes by witness (line 1105); …]`. */
export function formatStep(s: PathStep): string {
  return `layer ${s.layer}, regions ${s.regions[0]}~${s.regions[1]} glued: ${s.from} ~ ${s.to} [${s.yes.map(formatCitation).join('; ')}]`;
}

const set = (m: readonly number[]): string => (m.length <= 12 ? `{${m.join(', ')}}` : `{${m.slice(0, 10).join(', ')}, … ${m.length} samples}`);
const blockText = (b: Block): string => `${set(b.members)} (${b.certified === null ? 'certified alone' : `certified class ${b.certified}`}${b.claimed === null ? ', claimed alone' : ''})`;
const SHOW = 5;

function layerText(l: AuditLayer, out: (s: string) => void): void {
  const c = l.counts;
  out(`layer ${l.layer}: ${l.match ? 'the claim matches' : 'the claim does NOT match'}: ${c.claimed} claimed gluings (point pairs), ${c.true} certified true, ${c.false} false; ${c.missed} certified gluings missed`);
  for (const f of l.falseGluings) {
    out(`  FALSE: claimed class ${f.claimed} joins ${f.blocks.length} certified-apart blocks: ${f.blocks.map(blockText).join(' | ')}`);
    out(`    certificate: the checked classes record (line ${l.classesLine}) separates them; completeness: all ${l.pairs} pairs of layer ${l.layer} (and of the earlier certified layers) are certified${l.carried > 0 ? ` (${l.carried} of them inside carried classes, where no answer can change a class)` : ''}, so no gluing joins them`);
    for (const s of f.separations.slice(0, SHOW)) {
      out(`    ${s.samples[0]} vs ${s.samples[1]} (regions ${s.regions[0]}, ${s.regions[1]}): ${s.direct.length === 0 ? 'same region (never glued directly)' : s.direct.map(formatCitation).join('; ')}`);
    }
    if (f.separations.length > SHOW) out(`    … ${f.separations.length - SHOW} more pairs of blocks (--json lists all)`);
  }
  for (const m of l.missed) {
    out(`  MISSED: certified class ${m.certified} is split by the claim into ${m.blocks.length} blocks: ${m.blocks.map((b) => set(b.members)).join(' | ')}`);
    for (const k of m.links.slice(0, SHOW)) {
      out(`    ${k.from} ~ ${k.to}: ${k.certificate.map(formatStep).join('; then ')}`);
    }
    if (m.links.length > SHOW) out(`    … ${m.links.length - SHOW} more links (--json lists all)`);
  }
  if (l.confirmed.length > 0) {
    const steps = l.confirmed.reduce((a, b) => a + b.certificate.length, 0);
    const pts = l.confirmed.reduce((a, b) => a + b.block.members.length, 0);
    out(`  true: ${l.confirmed.length} claimed blocks (${pts} samples) lie in certified classes; path certificates: ${steps} steps (--json lists them), e.g.`);
    const first = l.confirmed[0]?.certificate[0];
    if (first !== undefined) out(`    ${formatStep(first)}`);
  }
}

/** Run `ohc audit ARGS`: exit 0 when every claimed layer matches, 1 when some does not; UsageError / InputError (exit 2) on bad input. */
export function auditCommand(args: string[], out: (s: string) => void): number {
  const { values } = parseArgs({
    args,
    options: { ...selectionOptions, claim: { type: 'string' }, sensitivity: { type: 'string' }, layers: { type: 'string' }, bundle: { type: 'string' }, out: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.claim === undefined) throw new UsageError('--claim FILE is required');
  if (values.model === undefined || values.data === undefined) throw new UsageError('--model FILE and --data FILE are required');
  const r = audit({ ...values, claim: values.claim, model: values.model, data: values.data });
  if (values.json === true) out(JSON.stringify(r));
  else printAudit(r, values.claim, out);
  return r.match ? 0 : 1;
}

/** The text report of `ohc audit`: per layer that differs, the false and missed gluings with certificates; then a verdict line. */
export function printAudit(r: AuditReport, claimFile: string, out: (s: string) => void): void {
  out(`audit of ${claimFile} against ${r.bundle === '(temporary)' ? 'a fresh bundle (give --out B to keep it: the line numbers refer to it)' : r.bundle}: verified by the checker, ${r.samples} samples`);
  for (const l of r.layers) {
    if (l.match && r.layers.length > 3) continue;
    layerText(l, out);
  }
  const ok = r.layers.filter((l) => l.match).map((l) => l.layer);
  if (r.layers.length > 3 && ok.length > 0) out(`layers ${ok.join(', ')}: the claim matches`);
  if (r.unclaimed.length > 0) out(`not claimed (not audited): layers ${r.unclaimed.join(', ')}`);
  out(r.match ? 'claim MATCHES the certified classes' : 'claim DIFFERS from the certified classes');
}
