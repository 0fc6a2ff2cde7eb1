// progress.test.ts: the progress bar's line, its throttling, and that it stays silent when disabled.
import { describe, expect, it } from 'vitest';
import { ProgressBar, formatDuration, formatRate, renderProgress } from '../../src/cli/progress.js';

describe('progress bar', () => {
  it('renders layer, position, bar, counts, rate and ETA within the width', () => {
    const line = renderProgress({ layer: 7, index: 7, count: 10, done: 52340, total: 119158, rate: 24100 }, 100);
    expect(line).toBe('layer 7 (7/10) [#############-----------------] 52,340/119,158 decisions 24.1k/s ETA 0:03');
    expect(renderProgress({ layer: 1, index: 1, count: 1, done: 0, total: 10, rate: 0 }, 30).length).toBeLessThanOrEqual(30);
    expect(formatRate(950)).toBe('950/s');
    expect(formatRate(1.23e6)).toBe('1.2M/s');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('redraws with \\r at most every interval, clears, and does nothing when disabled', () => {
    let t = 0;
    const out: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => out.push(s), columns: 80 }, true, 100, () => t);
    bar.startLayer(2, 1, 3);
    t = 1000;
    bar.update(10, 100);
    t = 1050;
    bar.update(20, 100); // throttled
    t = 1200;
    bar.update(30, 100);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^\rlayer 2 \(1\/3\) \[/);
    expect(out[1]).toContain('30/100 decisions 25/s ETA 0:03');
    bar.clear();
    expect(out.at(-1)).toBe('\r\x1b[K');
    const silent: string[] = [];
    const off = new ProgressBar({ write: (s: string) => silent.push(s) }, false);
    off.update(1, 2, true);
    off.note('x');
    off.clear();
    expect(silent).toEqual([]);
  });
});
