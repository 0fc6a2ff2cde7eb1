import { afterAll, describe, expect, it } from 'vitest';
import { loadPthNetwork, readPthTensors } from '../../src/io/pth.js';
import { PyDict, PyList, PyTuple, unpickle } from '../../src/io/unpickle.js';
import { readZip } from '../../src/io/zip.js';
import { expectInputError } from './expectInputError.js';
import { Pickle, concat, f32, pth, stateDictPickle, tempDir, zip } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const enc = new TextEncoder();

describe('readZip', () => {
  it('reads stored and deflated entries', () => {
    const data = enc.encode('hello '.repeat(100));
    for (const deflate of [false, true]) {
      const z = readZip(zip([['a/x', data], ['a/empty', new Uint8Array(0)]], deflate), 'z.zip');
      expect([...z.entries.keys()]).toEqual(['a/x', 'a/empty']);
      expect(new TextDecoder().decode(z.read('a/x'))).toBe('hello '.repeat(100));
      expect(z.read('a/empty').length).toBe(0);
    }
  });
  it('reads zip64 end-of-central-directory records', () => {
    const plain = zip([['a/x', enc.encode('abc')]]);
    const eocdAt = plain.length - 22;
    const pv = new DataView(plain.buffer);
    const cdSize = pv.getUint32(eocdAt + 12, true);
    const cdOffset = pv.getUint32(eocdAt + 16, true);
    const rec = new Uint8Array(56);
    const rv = new DataView(rec.buffer);
    rv.setUint32(0, 0x06064b50, true);
    rv.setBigUint64(4, 44n, true);
    rv.setBigUint64(24, 1n, true);
    rv.setBigUint64(32, 1n, true);
    rv.setBigUint64(40, BigInt(cdSize), true);
    rv.setBigUint64(48, BigInt(cdOffset), true);
    const loc = new Uint8Array(20);
    const lv = new DataView(loc.buffer);
    lv.setUint32(0, 0x07064b50, true);
    lv.setBigUint64(8, BigInt(eocdAt), true);
    lv.setUint32(16, 1, true);
    const eocd = plain.slice(eocdAt);
    const ev = new DataView(eocd.buffer);
    ev.setUint16(8, 0xffff, true);
    ev.setUint16(10, 0xffff, true);
    ev.setUint32(12, 0xffffffff, true);
    ev.setUint32(16, 0xffffffff, true);
    const z = readZip(concat(plain.subarray(0, eocdAt), rec, loc, eocd), 'z64');
    expect(new TextDecoder().decode(z.read('a/x'))).toBe('abc');
    expectInputError(() => readZip(concat(plain.subarray(0, eocdAt), eocd), 'z64'), 'z64', 'zip: end of central directory', /zip64/);
  });
  it('rejects bad archives', () => {
    expectInputError(() => readZip(enc.encode('not a zip at all, really not'), 'z'), 'z', 'zip: end of central directory', /not found/);
    const good = zip([['a/x', enc.encode('abc')]]);
    // truncated: EOCD gone
    expectInputError(() => readZip(good.subarray(0, good.length - 5), 'z'), 'z', 'zip: end of central directory');
    // central directory offset past the end
    const badOff = good.slice();
    new DataView(badOff.buffer).setUint32(badOff.length - 6, 1_000_000, true);
    expectInputError(() => readZip(badOff, 'z'), 'z', 'zip: end of central directory', /past the end/);
    // absurd entry count
    const many = good.slice();
    new DataView(many.buffer).setUint16(many.length - 12, 60000, true);
    new DataView(many.buffer).setUint16(many.length - 14, 60000, true);
    expectInputError(() => readZip(many, 'z'), 'z', 'zip: end of central directory', /cannot fit/);
    // corrupt data: CRC mismatch
    const crc = good.slice();
    crc[30 + 3] = 0x41; // first data byte of a/x
    expectInputError(() => readZip(crc, 'z').read('a/x'), 'z', 'zip: a/x', /CRC/);
    // local header offset pointing into nowhere
    const local = good.slice();
    const cd = local.length - 22 - 49;
    new DataView(local.buffer).setUint32(cd + 42, 5, true);
    expectInputError(() => readZip(local, 'z').read('a/x'), 'z', 'zip: a/x', /local header/);
    // deflate bomb claims: real output larger than the declared size
    const bomb = zip([['b', new Uint8Array(100000)]], true);
    const cdb = bomb.length - 22 - 47;
    new DataView(bomb.buffer).setUint32(cdb + 24, 10, true);
    expectInputError(() => readZip(bomb, 'z').read('b'), 'z', 'zip: b', /inflate/);
    expectInputError(() => readZip(good, 'z').read('nope'), 'z', 'zip: nope', /missing/);
  });
});

describe('unpickle (restricted)', () => {
  it('builds plain values', () => {
    const p = new Pickle()
      .op(0x80, 4, 0x95, 0, 0, 0, 0, 0, 0, 0, 0)
      .op(0x5d, 0x94) // EMPTY_LIST, MEMOIZE
      .op(0x28)
      .int(1)
      .int(-5)
      .op(0x8a, 2, 0x00, 0x80) // LONG1 -32768
      .op(0x4e, 0x88, 0x89) // None True False
      .op(0x4d, 0x34, 0x12) // BININT2 0x1234
      .op(0x8c, 2, 0x68, 0x69) // SHORT_BINUNICODE 'hi'
      .op(0x65) // APPENDS
      .op(0x68, 0) // BINGET 0 -> the same list
      .op(0x85) // TUPLE1
      .op(0x61) // APPEND
      .op(0x2e);
    const v = unpickle(p.bytes(), 'f', 'data.pkl');
    expect(v).toBeInstanceOf(PyList);
    const items = (v as PyList).items;
    expect(items.slice(0, 7)).toEqual([1n, -5n, -32768n, null, true, false, 0x1234n]);
    expect(items[7]).toBe('hi');
    expect(items[8]).toBeInstanceOf(PyTuple);
    const d = unpickle(new Pickle().op(0x80, 2, 0x28).str('a').int(1).str('b').int(2).op(0x64, 0x2e).bytes(), 'f', 'p');
    expect(d).toBeInstanceOf(PyDict);
    expect((d as PyDict).get('b')).toBe(2n);
  });
  it('refuses every global outside the state-dict allowlist, naming it', () => {
    for (const [m, n] of [
      ['os', 'system'],
      ['posix', 'system'],
      ['builtins', 'eval'],
      ['__builtin__', 'getattr'],
      ['subprocess', 'Popen'],
      ['torch', 'load'],
    ] as const) {
      const evil = new Pickle().op(0x80, 2).global(m, n).str('echo pwned').op(0x85, 0x52, 0x2e).bytes();
      expectInputError(() => unpickle(evil, 'evil.pth', 'x/data.pkl'), 'evil.pth', 'x/data.pkl byte 2', new RegExp(`${m}\\.${n}`));
    }
    const stack = new Pickle().op(0x80, 4).op(0x8c, 2, ...enc.encode('os')).op(0x8c, 6, ...enc.encode('system')).op(0x93).bytes();
    expectInputError(() => unpickle(stack, 'e', 'p'), 'e', /byte \d+/, /os\.system/);
  });
  it('refuses unknown opcodes, truncation, underflow and deep marks', () => {
    expectInputError(() => unpickle(Uint8Array.of(0x80, 2, 0x69), 'f', 'p'), 'f', 'p byte 2', /opcode 0x69/); // INST
    expectInputError(() => unpickle(Uint8Array.of(0x80, 2, 0x58, 9, 0, 0, 0, 0x41), 'f', 'p'), 'f', 'p byte 2', /truncated/);
    expectInputError(() => unpickle(Uint8Array.of(0x80, 2, 0x85, 0x2e), 'f', 'p'), 'f', 'p byte 2', /underflow/);
    expectInputError(() => unpickle(Uint8Array.of(0x80, 2, 0x4e), 'f', 'p'), 'f', 'p byte 3', /without STOP/);
    expectInputError(() => unpickle(Uint8Array.of(0x80, 2, 0x68, 7, 0x2e), 'f', 'p'), 'f', 'p byte 2', /memo/);
    expectInputError(() => unpickle(new Uint8Array(5000).fill(0x28), 'f', 'p'), 'f', 'p byte 1000', /MARK/);
    expectInputError(() => unpickle(new Uint8Array(2000).fill(0x4e), 'f', 'p', { maxStack: 1000 }), 'f', 'p byte 1000', /stack/);
    const huge = Uint8Array.of(0x80, 4, 0x8d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f);
    expectInputError(() => unpickle(huge, 'f', 'p'), 'f', 'p byte 2', /runs past/);
  });
});

function xorPth(opts: { offset?: number; stride?: number[]; byteorder?: string | null; storageType?: string; numel?: number } = {}): Uint8Array {
  const w = f32([2, 1, 1, 2], opts.byteorder !== 'big');
  const b = f32([-0.5, 0.25], opts.byteorder !== 'big');
  const w2 = f32([1, -1], opts.byteorder !== 'big');
  const pkl = stateDictPickle([
    { key: 'net.0.weight', storage: '0', numel: opts.numel ?? 4, size: [2, 2], stride: opts.stride ?? [2, 1], offset: opts.offset ?? 0, ...(opts.storageType === undefined ? {} : { storageType: opts.storageType }) },
    { key: 'net.0.bias', storage: '1', numel: 2, size: [2], stride: [1] },
    { key: 'net.2.weight', storage: '2', numel: 2, size: [1, 2], stride: [2, 1] },
    { key: 'net.2.bias', storage: '1', numel: 2, size: [1], stride: [1], offset: 1 },
  ]);
  return pth('xor', pkl, [['0', opts.numel === 5 ? concat(w, f32([9])) : w], ['1', b], ['2', w2]], opts.byteorder === undefined ? 'little' : opts.byteorder);
}

describe('readPthTensors / loadPthNetwork', () => {
  it('honours offsets, strides and shared storages', () => {
    const f = tmp.write('ok.pth', xorPth({ stride: [1, 2] })); // transposed view
    const t = readPthTensors(f);
    expect(t.get('net.0.weight')?.values.map(String)).toEqual(['2', '1', '1', '2']);
    const g = tmp.write('ok2.pth', xorPth({ stride: [1, 2], numel: 5, offset: 1 }));
    expect(readPthTensors(g).get('net.0.weight')?.values.map(String)).toEqual(['1', '2', '1', '9']);
    const net = loadPthNetwork(f);
    expect(net.inputDim).toBe(2);
    expect(net.layers.map((l) => l.relu)).toEqual([true, false]);
    expect(net.layers[1]?.b.map(String)).toEqual(['1/4']);
    expect(net.layers[0]?.b.map(String)).toEqual(['-1/2', '1/4']);
    const big = tmp.write('big.pth', xorPth({ byteorder: 'big' }));
    expect(loadPthNetwork(big).layers[0]?.b.map(String)).toEqual(['-1/2', '1/4']);
    const none = tmp.write('nobyteorder.pth', xorPth({ byteorder: null }));
    expect(loadPthNetwork(none).layers[0]?.b.map(String)).toEqual(['-1/2', '1/4']);
  });
  it('rejects strides past the storage, bad storages and bad pickles', () => {
    const s = tmp.write('stride.pth', xorPth({ stride: [2, 2] }));
    expectInputError(() => readPthTensors(s), s, 'net.0.weight', /reach element 4 of a 4-element storage/);
    const o = tmp.write('offset.pth', xorPth({ offset: 1 }));
    expectInputError(() => readPthTensors(o), o, 'net.0.weight', /storage/);
    const n = tmp.write('numel.pth', xorPth({ numel: 9 }));
    expectInputError(() => readPthTensors(n), n, 'xor/data/0', /expected 9/);
    const bo = tmp.write('bo.pth', xorPth({ byteorder: 'middle' }));
    expectInputError(() => readPthTensors(bo), bo, 'xor/byteorder');
    const ints = tmp.write('ints.pth', xorPth({ storageType: 'IntStorage' }));
    expectInputError(() => loadPthNetwork(ints), ints, 'net.0.weight', /non-float tensor \(int32\)/);
    const evil = new Pickle().op(0x80, 2).global('os', 'system').str('rm -rf /').op(0x85, 0x52, 0x2e).bytes();
    const e = tmp.write('evil.pth', pth('evil', evil, []));
    expectInputError(() => readPthTensors(e), e, 'evil/data.pkl byte 2', /"os\.system" is not allowed/);
    const nanStore = pth('m', stateDictPickle([{ key: 'a.weight', storage: '0', numel: 2, size: [1, 2], stride: [2, 1] }]), [['0', f32([1, NaN])]]);
    const fn = tmp.write('nan.pth', nanStore);
    expectInputError(() => readPthTensors(fn), fn, 'a.weight[0][1]', /NaN/);
    const badZip = tmp.write('badzip.pth', enc.encode('PK\u0003\u0004 this is not really a zip file'));
    expectInputError(() => readPthTensors(badZip), badZip, 'zip: end of central directory');
    const legacy = tmp.write('legacy.pth', Uint8Array.of(0x80, 0x02, 0x8a, 0x0a));
    expectInputError(() => readPthTensors(legacy), legacy, 'file', /legacy/);
    const noPkl = tmp.write('nopkl.pth', zip([['a/b', enc.encode('x')]]));
    expectInputError(() => readPthTensors(noPkl), noPkl, 'zip', /data\.pkl/);
    const notDict = tmp.write('notdict.pth', pth('m', Uint8Array.of(0x80, 2, 0x5d, 0x2e), []));
    expectInputError(() => readPthTensors(notDict), notDict, 'm/data.pkl', /state dict/);
    const missingStorage = pth('m', stateDictPickle([{ key: 'a.weight', storage: '7', numel: 2, size: [1, 2], stride: [2, 1] }]), []);
    const fm = tmp.write('nostorage.pth', missingStorage);
    expectInputError(() => readPthTensors(fm), fm, 'zip: m/data/7', /missing/);
  });
  it('checks the layer layout', () => {
    const noBias = pth('m', stateDictPickle([{ key: 'fc1.weight', storage: '0', numel: 2, size: [1, 2], stride: [2, 1] }]), [['0', f32([1, 2])]]);
    const fb = tmp.write('nobias.pth', noBias);
    expectInputError(() => loadPthNetwork(fb), fb, 'fc1.bias', /missing bias/);
    const chain = pth(
      'm',
      stateDictPickle([
        { key: 'fc1.weight', storage: '0', numel: 2, size: [1, 2], stride: [2, 1] },
        { key: 'fc1.bias', storage: '1', numel: 1, size: [1], stride: [1] },
        { key: 'fc2.weight', storage: '0', numel: 2, size: [1, 2], stride: [2, 1] },
        { key: 'fc2.bias', storage: '1', numel: 1, size: [1], stride: [1] },
      ]),
      [['0', f32([1, 2])], ['1', f32([3])]],
    );
    const fc = tmp.write('chain.pth', chain);
    expectInputError(() => loadPthNetwork(fc), fc, 'fc2.weight', /2 inputs but the previous layer has 1 outputs/);
    const bn = pth('m', stateDictPickle([{ key: 'bn.running_mean', storage: '0', numel: 2, size: [2], stride: [1] }]), [['0', f32([1, 2])]]);
    const fbn = tmp.write('bn.pth', bn);
    expectInputError(() => loadPthNetwork(fbn), fbn, 'bn.running_mean', /not a Linear/);
  });
});
