// readBundle.ts: the records of a bundle as plain data, for display (the trusted checker judges them, not this).
import { Rat } from '../checker/rational.js';
import type { Network } from '../net/network.js';

/** A file the run read. */
export interface BundleInput {
  readonly path: string;
  readonly sha256: string;
}

/** The header fields a report shows. */
export interface BundleHeaderView {
  readonly tool: string;
  readonly inputs: { model: BundleInput | null; data: BundleInput | null; labels: BundleInput | null };
  readonly selection: { class: number | null; correct: boolean; indices: readonly number[] };
  readonly profile: 'default' | 'reference';
  readonly sensitivity: Rat | null;
  /** Pairs inside classes carried into a layer have no decision (rule `carried`). */
  readonly skipCarried: boolean;
  readonly layers: readonly number[];
  /** The embedded network (null in a betti-only bundle). */
  readonly network: Network | null;
  /** The samples exactly as embedded. */
  readonly points: readonly (readonly Rat[])[];
}

/** A per-sample `yes` record: a witness point (`num[k]/den`) or the index of a sample with the same image. */
export type YesRecord = { readonly j: number; readonly point: { num: readonly bigint[]; den: bigint } } | { readonly j: number; readonly same: number };

/** The parts of a `region` record a report uses. */
export interface RegionRecordView {
  readonly region: number;
  readonly yes: readonly YesRecord[];
  readonly segments: readonly { lo: { num: readonly bigint[]; den: bigint }; hi: { num: readonly bigint[]; den: bigint } }[];
  /** Samples with a per-sample `no` or `pinned` record. */
  readonly noOrPinned: readonly number[];
}

/** The records of one certified layer. */
export interface LayerRecordsView {
  readonly layer: number;
  readonly regions: number;
  readonly regionRecords: readonly RegionRecordView[];
  readonly classes: readonly (readonly number[])[];
  readonly gluings: number;
}

/** A `betti` record. */
export interface BettiRecordView {
  readonly layer: number;
  readonly quotient: string;
  readonly betti: readonly number[];
}

/** What `readBundle` returns. */
export interface BundleView {
  readonly header: BundleHeaderView;
  readonly layers: readonly LayerRecordsView[];
  /** The `complex` record, when homology was certified. */
  readonly complex: { spec: Record<string, unknown>; field: string; maxDim: number; quotients: readonly string[]; tieChoices: number } | null;
  readonly betti: readonly BettiRecordView[];
}

type J = Record<string, unknown>;

const num = (x: unknown): number => (typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN);
const rats = (x: unknown): Rat[] => (Array.isArray(x) ? x.map((v) => Rat.parse(String(v))) : []);
const pt = (x: unknown): { num: bigint[]; den: bigint } => {
  const o = (x ?? {}) as J;
  return { num: (Array.isArray(o['num']) ? o['num'] : []).map((v) => BigInt(String(v))), den: BigInt(String(o['den'] ?? '1')) };
};
const input = (x: unknown): BundleInput | null => {
  if (typeof x !== 'object' || x === null) return null;
  const o = x as J;
  return { path: String(o['path'] ?? ''), sha256: String(o['sha256'] ?? '') };
};

function parseHeader(h: J): BundleHeaderView {
  const inp = (h['inputs'] ?? {}) as J;
  const sel = (h['selection'] ?? {}) as J;
  const opt = (h['options'] ?? {}) as J;
  const nw = h['network'] as J | null | undefined;
  const network: Network | null =
    nw === null || nw === undefined
      ? null
      : {
          inputDim: num(nw['inputDim']),
          layers: ((nw['layers'] ?? []) as J[]).map((L) => ({ W: ((L['W'] ?? []) as unknown[]).map(rats), b: rats(L['b']), relu: L['relu'] === true })),
        };
  return {
    tool: String(h['tool'] ?? ''),
    inputs: { model: input(inp['model']), data: input(inp['data']), labels: input(inp['labels']) },
    selection: { class: typeof sel['class'] === 'number' ? sel['class'] : null, correct: sel['correct'] === true, indices: ((sel['indices'] ?? []) as unknown[]).map(num) },
    profile: h['profile'] === 'reference' ? 'reference' : 'default',
    sensitivity: typeof opt['sensitivity'] === 'string' ? Rat.parse(opt['sensitivity']) : null,
    skipCarried: opt['skipCarried'] === true,
    layers: ((h['layers'] ?? []) as unknown[]).map(num),
    network,
    points: ((h['points'] ?? []) as unknown[]).map(rats),
  };
}

function parseRegion(r: J): RegionRecordView {
  const yes = ((r['yes'] ?? []) as unknown[][]).map((e): YesRecord => {
    const j = num(e[0]);
    const w = e[1] as J;
    return typeof w === 'object' && w !== null && 'same' in w ? { j, same: num(w['same']) } : { j, point: pt(w) };
  });
  const segments = ((r['segments'] ?? []) as J[]).map((s) => ({ lo: pt(s['lo']), hi: pt(s['hi']) }));
  const noOrPinned = [...((r['no'] ?? []) as unknown[][]), ...((r['pinned'] ?? []) as unknown[][])].map((e) => num(e[0]));
  return { region: num(r['region']), yes, segments, noOrPinned };
}

/**
 * Read a bundle's records into plain data. It does not validate anything beyond what it needs
 * to read (run the trusted checker for that); it throws on text that is not JSON Lines or has
 * no header.
 */
export function readBundle(bytes: Uint8Array): BundleView {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const first = lines[0];
  if (first === undefined) throw new Error('the bundle is empty');
  const h = JSON.parse(first) as J;
  if (h['t'] !== 'header') throw new Error('the first record is not a header');
  const header = parseHeader(h);
  const layers: LayerRecordsView[] = [];
  const betti: BettiRecordView[] = [];
  let complex: BundleView['complex'] = null;
  let cur: { layer: number; regions: number; regionRecords: RegionRecordView[] } | null = null;
  for (const line of lines.slice(1)) {
    const r = JSON.parse(line) as J;
    switch (r['t']) {
      case 'layer':
        cur = { layer: num(r['layer']), regions: num(r['regions']), regionRecords: [] };
        break;
      case 'region':
        cur?.regionRecords.push(parseRegion(r));
        break;
      case 'classes':
        if (cur !== null) layers.push({ ...cur, classes: ((r['classes'] ?? []) as unknown[][]).map((c) => c.map(num)), gluings: num(r['gluings']) });
        cur = null;
        break;
      case 'complex':
        complex = {
          spec: (r['spec'] ?? {}) as Record<string, unknown>,
          field: String(r['field'] ?? ''),
          maxDim: num(r['maxDim']),
          quotients: ((r['quotients'] ?? []) as unknown[]).map(String),
          tieChoices: num(r['tieChoices'] ?? 0),
        };
        break;
      case 'betti':
        betti.push({ layer: num(r['layer']), quotient: String(r['quotient']), betti: ((r['betti'] ?? []) as unknown[]).map(num) });
        break;
      default:
        break;
    }
  }
  return { header, layers, complex, betti };
}
