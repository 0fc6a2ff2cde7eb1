// fixtures.ts: builders for small .npy, ZIP, pickle, .pth and .safetensors files used by the tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/** A temporary folder removed by `cleanup()`; `write(name, bytes)` returns the full path. */
export function tempDir(): { dir: string; write(name: string, data: Uint8Array | string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ohc-io-'));
  return {
    dir,
    write(name, data) {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const enc = new TextEncoder();

/** Little-endian float64 bytes of the given numbers. */
export function f64le(xs: number[]): Uint8Array {
  const b = new Uint8Array(xs.length * 8);
  const v = new DataView(b.buffer);
  xs.forEach((x, i) => v.setFloat64(i * 8, x, true));
  return b;
}
/** Float32 bytes of the given numbers. */
export function f32(xs: number[], le = true): Uint8Array {
  const b = new Uint8Array(xs.length * 4);
  const v = new DataView(b.buffer);
  xs.forEach((x, i) => v.setFloat32(i * 4, x, le));
  return b;
}

/** A .npy file with the given header dict text (padded) and raw data. */
export function npyRaw(headerDict: string, data: Uint8Array, version = 1): Uint8Array {
  const pre = version === 1 ? 10 : 12;
  let h = headerDict;
  while ((pre + h.length + 1) % 64 !== 0) h += ' ';
  h += '\n';
  const hb = version === 3 ? enc.encode(h) : Uint8Array.from(h, (c) => c.charCodeAt(0));
  const head = new Uint8Array(pre);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const v = new DataView(head.buffer);
  if (version === 1) v.setUint16(8, hb.length, true);
  else v.setUint32(8, hb.length, true);
  return concat(head, hb, data);
}

/** A .npy file of `descr` and `shape`. */
export function npy(descr: string, shape: number[], data: Uint8Array, opts: { fortran?: boolean; version?: number } = {}): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  return npyRaw(`{'descr': '${descr}', 'fortran_order': ${opts.fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`, data, opts.version ?? 1);
}

/** A ZIP archive of the given entries (stored, or deflated when `deflate`). */
export function zip(entries: [string, Uint8Array][], deflate = false): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nb = enc.encode(name);
    const comp = deflate ? new Uint8Array(deflateRawSync(data)) : data;
    const crc = crc32(data) >>> 0;
    const lh = new Uint8Array(30);
    const lv = new DataView(lh.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, deflate ? 8 : 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, comp.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nb.length, true);
    const ch = new Uint8Array(46);
    const cv = new DataView(ch.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, deflate ? 8 : 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, comp.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nb.length, true);
    cv.setUint32(42, offset, true);
    locals.push(lh, nb, comp);
    centrals.push(ch, nb);
    offset += 30 + nb.length + comp.length;
  }
  const cd = concat(...centrals);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cd.length, true);
  ev.setUint32(16, offset, true);
  return concat(...locals, cd, eocd);
}

/** A tiny pickle assembler: opcodes as raw bytes plus helpers for strings, ints, globals. */
export class Pickle {
  private parts: number[] = [];
  op(...bytes: number[]): this {
    this.parts.push(...bytes);
    return this;
  }
  str(s: string): this {
    const b = enc.encode(s);
    this.op(0x58, b.length & 0xff, (b.length >> 8) & 0xff, (b.length >> 16) & 0xff, b.length >>> 24);
    return this.op(...b);
  }
  int(n: number): this {
    if (n >= 0 && n < 256) return this.op(0x4b, n);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, n, true);
    return this.op(0x4a, ...b);
  }
  global(module: string, name: string): this {
    return this.op(0x63, ...enc.encode(`${module}\n${name}\n`));
  }
  tuple(items: (() => void)[]): this {
    this.op(0x28);
    items.forEach((f) => f());
    return this.op(0x74);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** One tensor of a synthetic state dict. */
export interface TensorSpec {
  key: string;
  storage: string;
  storageType?: string;
  numel: number;
  offset?: number;
  size: number[];
  stride: number[];
}

/** The data.pkl of a state dict (OrderedDict of _rebuild_tensor_v2 calls), protocol 2. */
export function stateDictPickle(tensors: TensorSpec[]): Uint8Array {
  const p = new Pickle();
  p.op(0x80, 2).global('collections', 'OrderedDict').op(0x29, 0x52).op(0x28);
  for (const t of tensors) {
    p.str(t.key).global('torch._utils', '_rebuild_tensor_v2');
    p.op(0x28);
    p.tuple([
      () => p.str('storage'),
      () => p.global('torch', t.storageType ?? 'FloatStorage'),
      () => p.str(t.storage),
      () => p.str('cpu'),
      () => p.int(t.numel),
    ]);
    p.op(0x51);
    p.int(t.offset ?? 0);
    p.tuple(t.size.map((s) => () => p.int(s)));
    p.tuple(t.stride.map((s) => () => p.int(s)));
    p.op(0x89).global('collections', 'OrderedDict').op(0x29, 0x52);
    p.op(0x74, 0x52);
  }
  p.op(0x75, 0x2e);
  return p.bytes();
}

/** A .pth zip: `archive/data.pkl`, `archive/byteorder`, `archive/data/<key>` storages. */
export function pth(archive: string, pickle: Uint8Array, storages: [string, Uint8Array][], byteorder: string | null = 'little'): Uint8Array {
  const entries: [string, Uint8Array][] = [[`${archive}/data.pkl`, pickle]];
  if (byteorder !== null) entries.push([`${archive}/byteorder`, enc.encode(byteorder)]);
  for (const [k, b] of storages) entries.push([`${archive}/data/${k}`, b]);
  entries.push([`${archive}/version`, enc.encode('3\n')]);
  return zip(entries);
}

/** A .safetensors file from a header object and data bytes. */
export function safetensors(header: unknown, data: Uint8Array): Uint8Array {
  const h = enc.encode(JSON.stringify(header));
  const len = new Uint8Array(8);
  new DataView(len.buffer).setBigUint64(0, BigInt(h.length), true);
  return concat(len, h, data);
}
