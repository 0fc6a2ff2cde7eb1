// Property: the checker accepts the real writer's bundles (src/overlap) on random small networks, and rejects one-line edits.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { Rat } from '../../src/checker/rational.js';
import type { Network } from '../../src/net/network.js';
import { type Profile, profilePoints } from '../../src/net/profile.js';
import { bundleHeader } from '../../src/overlap/bundleHeader.js';
import { BundleWriter } from '../../src/overlap/bundleWriter.js';
import { overlapDecomposition } from '../../src/overlap/overlapDecomposition.js';
import { fcOptions } from '../fcSeed.js';
import { netAndPointsArb } from '../net/netArbitraries.js';

const FAKE = { path: 'in-memory', sha256: '0'.repeat(64) };
const dir = mkdtempSync(join(tmpdir(), 'ohc-writer-'));
let count = 0;

function written(net: Network, points: readonly (readonly Rat[])[], profile: Profile, sensitivity: Rat | null): string {
  const pts = profilePoints(points, profile);
  const layers = net.layers.map((_, i) => i + 1);
  const path = join(dir, `b${count++}.ohc`);
  const w = new BundleWriter(path);
  w.record(bundleHeader({ inputs: { model: FAKE, data: FAKE, labels: null }, correct: false, selected: pts.map((_, i) => i), profile, sensitivity, layers, net, points: pts }));
  overlapDecomposition(net, pts, { profile, layers, sensitivity }, { record: (l) => w.record(l) });
  w.finish();
  return readFileSync(path, 'utf8');
}

/** Replace line k (0-based, not the end line) and re-seal the end record. */
function reseal(text: string, k: number, line: string): string {
  const ls = text.split('\n').slice(0, -2);
  ls[k] = line;
  const body = ls.map((l) => `${l}\n`).join('');
  return `${body}${JSON.stringify({ t: 'end', records: ls.length, sha256: createHash('sha256').update(body).digest('hex') })}\n`;
}

const cases: [Profile, Rat | null][] = [['default', null], ['reference', Rat.of(1n, 2n)]];

describe('src/overlap bundles on random networks', () => {
  for (const [profile, s] of cases) {
    it(`are accepted (${profile})`, () => {
      fc.assert(
        fc.property(netAndPointsArb(3), ({ net, points }) => {
          const v = check(written(net, points, profile, s));
          expect(v.kind === 'rejected' ? `${v.rule}: ${v.reason} ${v.trace ?? ''}` : 'accepted').toBe('accepted');
        }),
        fcOptions(60),
      );
    });
  }
  it('are rejected after dropping one per-sample record or forging one class', () => {
    fc.assert(
      fc.property(netAndPointsArb(3), fc.nat(), ({ net, points }, pick) => {
        const text = written(net, points, 'default', null);
        const lines = text.split('\n');
        const edits: { text: string; mustReject: boolean }[] = [];
        lines.forEach((l, k) => {
          if (!l.startsWith('{"t":"region"')) return;
          const r = JSON.parse(l) as Record<string, unknown[]>;
          for (const key of ['yes', 'no', 'pinned'] as const) {
            if ((r[key] ?? []).length === 0) continue;
            const copy = JSON.parse(l) as Record<string, unknown[]>;
            (copy[key] as unknown[]).pop();
            edits.push({ text: reseal(text, k, JSON.stringify(copy)), mustReject: key === 'pinned' });
          }
        });
        const cls = lines.findIndex((l) => l.startsWith('{"t":"classes"'));
        if (cls >= 0) {
          const c = JSON.parse(lines[cls] as string) as { classes: number[][] };
          c.classes = c.classes.length > 0 ? [] : [[0, 1]];
          if (points.length > 1) edits.push({ text: reseal(text, cls, JSON.stringify(c)), mustReject: true });
        }
        fc.pre(edits.length > 0);
        const e = edits[pick % edits.length] as { text: string; mustReject: boolean };
        const v = check(e.text);
        // a dropped yes/no record may still be settled by an implicit rule; a pinned one or a forged class never
        if (e.mustReject) expect(v.kind).toBe('rejected');
        if (v.kind === 'rejected') expect(['complete', 'classes']).toContain(v.rule);
      }),
      fcOptions(40),
    );
  });
});
