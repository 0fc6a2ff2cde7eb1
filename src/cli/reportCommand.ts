// reportCommand.ts: `ohc report BUNDLE --out DIR [--model F --data F [--labels F]]`: a static HTML report with SVG figures and summaries.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ReportVerdict, buildReport } from '../report/reportData.js';
import { renderReportHtml } from '../report/renderReportHtml.js';
import { summaryCsv } from '../report/summaryCsv.js';
import { writeReportDir } from '../report/writeReportDir.js';
import { checkCommand } from './checkCommand.js';

const USAGE = 'usage: ohc report BUNDLE --out DIR [--model FILE --data FILE [--labels FILE]]';

/**
 * Run `ohc report`: the trusted checker (`ohc check --json`, with the input files when given)
 * judges the bundle first; then DIR/index.html, DIR/summary.json and DIR/summary.csv are written
 * atomically. Exit 0 when the bundle is VERIFIED, 1 when REJECTED (the report, saying so, is
 * still written), 2 on usage errors and unreadable files (nothing written).
 */
export function reportCommand(args: string[], out: (s: string) => void, err: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): number {
  let values: { out?: string | undefined; model?: string | undefined; data?: string | undefined; labels?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, model: { type: 'string' }, data: { type: 'string' }, labels: { type: 'string' } } }));
  } catch (e) {
    err(`ohc report: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const file = positionals[0];
  const dir = values.out;
  if (file === undefined || positionals.length > 1 || dir === undefined || (values.model === undefined) !== (values.data === undefined) || (values.labels !== undefined && values.model === undefined)) {
    err(USAGE);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    err(`ohc report: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  const inputs = values.model === undefined || values.data === undefined ? [] : ['--model', values.model, '--data', values.data, ...(values.labels === undefined ? [] : ['--labels', values.labels])];
  const lines: string[] = [];
  const errs: string[] = [];
  const code = checkCommand([file, ...inputs, '--json'], (s) => lines.push(s), (s) => errs.push(s));
  let checked: { status?: unknown; sha256?: unknown; verdict?: ReportVerdict } | undefined;
  try {
    checked = JSON.parse(lines.join('\n')) as typeof checked;
  } catch {
    checked = undefined;
  }
  if (code === 2 || checked === undefined || (checked.status !== 'VERIFIED' && checked.status !== 'REJECTED') || checked.verdict === undefined) {
    for (const e of errs) err(e);
    err(`ohc report: the checker could not judge ${file}; nothing written`);
    return 2;
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (checked.sha256 !== sha) {
    err(`ohc report: ${file} changed while it was being checked; nothing written`);
    return 2;
  }
  const verdict = checked.verdict;
  const data = buildReport(bytes, { bundlePath: file, verdict, inputsChecked: inputs.length > 0 && verdict.kind === 'accepted' });
  const s = data.summary;
  try {
    writeReportDir(dir, { 'index.html': renderReportHtml(data), 'summary.json': `${JSON.stringify(s, null, 1)}\n`, 'summary.csv': summaryCsv(s) });
  } catch (e) {
    err(`ohc report: cannot write ${dir}: ${(e as Error).message}`);
    return 2;
  }
  const what = s.verdict === 'VERIFIED' ? `VERIFIED${s.inputsChecked ? ', inputs confirmed' : ''}` : `REJECTED by rule ${s.rejection?.rule ?? '?'}: ${s.rejection?.reason ?? ''}`;
  out(`report ${join(dir, 'index.html')}: ${what}`);
  out(`  ${s.selection.samples} samples, profile ${s.profile}, ${s.layers.length} certified layers${s.homology === null ? '' : ', Betti numbers'}${s.floatDisagreements === null ? '' : `, ${s.floatDisagreements.items.length} decisions the paper's float rules may reject`}; summary.json, summary.csv`);
  for (const c of s.consistency) err(`ohc report: warning: ${c}`);
  return s.verdict === 'VERIFIED' ? 0 : 1;
}
