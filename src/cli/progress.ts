// progress.ts: the one-line progress bar of long runs on stderr (layer, decisions done/total, rate, ETA).

/** Where the bar is drawn: a stream with TTY information (process.stderr). */
export interface ProgressStream {
  write(s: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** What one frame of the bar shows. */
export interface ProgressFrame {
  readonly layer: number;
  /** Position of the layer among the certified layers (1-based) and their number. */
  readonly index: number;
  readonly count: number;
  readonly done: number;
  readonly total: number;
  /** Decisions per second in this layer so far (0 when unknown). */
  readonly rate: number;
}

const group = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A rate such as 950/s, 24.1k/s, 1.2M/s. */
export function formatRate(r: number): string {
  if (!(r > 0)) return '-/s';
  if (r < 1000) return `${Math.round(r)}/s`;
  if (r < 1e6) return `${(r / 1e3).toFixed(1)}k/s`;
  return `${(r / 1e6).toFixed(1)}M/s`;
}

/** A duration in seconds as m:ss or h:mm:ss. */
export function formatDuration(s: number): string {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const ss = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One line of the bar, at most `width` characters: `layer 7 (7/10) [#####-----] 52,340/119,158 24.1k/s ETA 0:03`. */
export function renderProgress(f: ProgressFrame, width: number): string {
  const eta = f.rate > 0 && f.total >= f.done ? `ETA ${formatDuration((f.total - f.done) / f.rate)}` : 'ETA -';
  const head = `layer ${f.layer} (${f.index}/${f.count})`;
  const tail = `${group(f.done)}/${group(f.total)} decisions ${formatRate(f.rate)} ${eta}`;
  const room = width - head.length - tail.length - 4;
  if (room < 5) return `${head} ${tail}`.slice(0, Math.max(0, width));
  const barWidth = Math.min(30, room);
  const filled = f.total > 0 ? Math.min(barWidth, Math.floor((barWidth * f.done) / f.total)) : 0;
  return `${head} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${tail}`;
}

/**
 * The progress bar: redrawn in place with `\r` at most every `intervalMs` when enabled (the
 * stream is a TTY and the user did not ask for `--quiet`); otherwise every call does nothing.
 * `note` prints a line above the bar. `clear` erases the bar (call it before printing results).
 */
export class ProgressBar {
  private layerInfo = { layer: 0, index: 0, count: 0, t0: 0 };
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    readonly enabled: boolean,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A layer starts: its number, position (1-based) among `count` certified layers. */
  startLayer(layer: number, index: number, count: number): void {
    this.layerInfo = { layer, index, count, t0: this.now() };
  }

  /**
   * Show another layer (position `index` of `count`) without restarting the rate's clock: for
   * counts that run over several layers decided at once.
   */
  setLayer(layer: number, index: number, count: number): void {
    this.layerInfo = { ...this.layerInfo, layer, index, count };
  }

  /** Decisions of the current layer: `done` of `total`. Throttled. */
  update(done: number, total: number, force = false): void {
    if (!this.enabled) return;
    const t = this.now();
    if (!force && t - this.last < this.intervalMs) return;
    this.last = t;
    const secs = (t - this.layerInfo.t0) / 1000;
    const { layer, index, count } = this.layerInfo;
    const cols = this.stream.columns;
    const width = Math.max(20, (cols !== undefined && cols > 0 ? cols : 80) - 1);
    this.stream.write(`\r${renderProgress({ layer, index, count, done, total, rate: secs > 0 ? done / secs : 0 }, width)}\x1b[K`);
    this.shown = true;
  }

  /** Print `line` on its own line (above the bar, which is redrawn by the next update). */
  note(line: string): void {
    if (!this.enabled) return;
    this.clear();
    this.stream.write(`${line}\n`);
  }

  /** Erase the bar. */
  clear(): void {
    if (!this.enabled || !this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
