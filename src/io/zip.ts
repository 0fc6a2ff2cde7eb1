// zip.ts: a minimal, bounds-checked ZIP reader (stored and deflate entries, zip64 sizes).
import { crc32, inflateRawSync } from 'node:zlib';
import { InputError } from './inputError.js';

/** One file in a ZIP archive's central directory. */
export interface ZipEntry {
  /** Path inside the archive. */
  readonly name: string;
  /** 0 = stored, 8 = deflate. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  /** Offset of the entry's local header from the start of the archive. */
  readonly localHeaderOffset: number;
}

/** A ZIP archive held in memory: its entries by name and a checked reader for each. */
export interface ZipArchive {
  /** Entries in central-directory order, keyed by name. */
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /** The uncompressed bytes of entry `name` (CRC-checked); InputError when absent or corrupt. */
  read(name: string): Uint8Array;
}

/** Limits for {@link readZip}. */
export interface ZipLimits {
  /** Most entries accepted. Default 65 536. */
  readonly maxEntries?: number;
  /** Largest uncompressed entry. Default 1 GiB. */
  readonly maxEntryBytes?: number;
}

const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/**
 * Parse the ZIP archive in `bytes` (`file` names it in errors). Reads the end-of-central-directory
 * record (and the zip64 one when sizes overflow 32 bits), then the central directory; every
 * offset and size is checked against the buffer, entry counts are capped, encrypted, multi-disk
 * and unknown-method entries are refused, and duplicate names are rejected. Fields in errors:
 * `zip: end of central directory`, `zip: central directory entry 3`, `zip: <entry name>`.
 */
export function readZip(bytes: Uint8Array, file: string, limits: ZipLimits = {}): ZipArchive {
  const maxEntries = limits.maxEntries ?? 65536;
  const maxEntryBytes = limits.maxEntryBytes ?? 1 << 30;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (field: string, msg: string): never => {
    throw new InputError(file, `zip: ${field}`, msg);
  };
  const u16 = (o: number): number => view.getUint16(o, true);
  const u32 = (o: number): number => view.getUint32(o, true);
  const u64 = (o: number, field: string): number => {
    const v = view.getBigUint64(o, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(field, 'zip64 value too large');
    return Number(v);
  };

  // End of central directory: 22 bytes plus a comment of up to 65535 bytes.
  let eocd = -1;
  for (let o = bytes.length - 22; o >= 0 && o >= bytes.length - 22 - 65535; o--) {
    if (u32(o) === EOCD_SIG && o + 22 + u16(o + 20) === bytes.length) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) return fail('end of central directory', 'not found (not a ZIP file, or truncated)');
  const E = 'end of central directory';
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) fail(E, 'multi-disk archives are not supported');
  let count = u16(eocd + 10);
  if (u16(eocd + 8) !== count) fail(E, 'entry counts disagree');
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  let cdLimit = eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(loc) !== EOCD64_LOCATOR_SIG) fail(E, 'zip64 locator missing');
    const rec = u64(loc + 8, E);
    if (rec + 56 > loc || u32(rec) !== EOCD64_SIG) fail('zip64 end of central directory', 'missing or out of bounds');
    count = u64(rec + 32, 'zip64 end of central directory');
    cdSize = u64(rec + 40, 'zip64 end of central directory');
    cdOffset = u64(rec + 48, 'zip64 end of central directory');
    cdLimit = rec;
  }
  if (count > maxEntries) fail(E, `${count} entries is more than the limit of ${maxEntries}`);
  if (cdOffset + cdSize > cdLimit) fail(E, 'central directory runs past the end of the archive');
  if (count * 46 > cdSize) fail(E, `${count} entries cannot fit in a ${cdSize}-byte central directory`);

  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8');
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let i = 0; i < count; i++) {
    const F = `central directory entry ${i}`;
    if (p + 46 > cdEnd || u32(p) !== CENTRAL_SIG) fail(F, `bad signature or truncated at byte ${p}`);
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const crc = u32(p + 16);
    let compressedSize = u32(p + 20);
    let size = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    const disk = u16(p + 34);
    let localHeaderOffset = u32(p + 42);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > cdEnd) fail(F, 'runs past the end of the central directory');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // zip64 extended information extra field (id 1): only the fields saturated above are present.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(e);
      const len = u16(e + 2);
      if (e + 4 + len > extraEnd) fail(F, 'extra field runs past its end');
      if (id === 1) {
        let q = e + 4;
        const take = (): number => {
          if (q + 8 > e + 4 + len) fail(F, 'zip64 extra field too short');
          const v = u64(q, F);
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + len;
    }
    if (flags & 1) fail(name, 'encrypted entries are not supported');
    if (disk !== 0 && disk !== 0xffff) fail(name, 'multi-disk archives are not supported');
    if (method !== 0 && method !== 8) fail(name, `compression method ${method} is not supported (only stored and deflate)`);
    if (method === 0 && compressedSize !== size) fail(name, 'stored entry with different compressed and uncompressed sizes');
    if (size > maxEntryBytes) fail(name, `${size} bytes is more than the limit of ${maxEntryBytes}`);
    if (localHeaderOffset + 30 > cdOffset) fail(name, 'local header offset out of bounds');
    if (entries.has(name)) fail(name, 'duplicate entry name');
    entries.set(name, { name, method, compressedSize, size, crc32: crc, localHeaderOffset });
    p = next;
  }

  const read = (name: string): Uint8Array => {
    const ent = entries.get(name);
    if (ent === undefined) return fail(name, 'entry missing from the archive');
    const o = ent.localHeaderOffset;
    if (u32(o) !== LOCAL_SIG) fail(name, `bad local header signature at byte ${o}`);
    const start = o + 30 + u16(o + 26) + u16(o + 28);
    if (start + ent.compressedSize > cdOffset) {
      fail(name, `data (${ent.compressedSize} bytes at byte ${start}) runs past the file data`);
    }
    const data = bytes.subarray(start, start + ent.compressedSize);
    let out: Uint8Array;
    if (ent.method === 0) out = data;
    else {
      try {
        out = ent.size === 0 ? new Uint8Array(0) : inflateRawSync(data, { maxOutputLength: ent.size });
      } catch (err) {
        return fail(name, `cannot inflate: ${(err as Error).message}`);
      }
    }
    if (out.length !== ent.size) fail(name, `inflated to ${out.length} bytes, header says ${ent.size}`);
    if (crc32(out) >>> 0 !== ent.crc32) fail(name, 'CRC-32 mismatch (corrupt data)');
    return out;
  };
  return { entries, read };
}
