import { afterAll, describe, expect, it } from 'vitest';
import { parseNpy, readNpy } from '../../src/io/npy.js';
import { parsePyLiteral } from '../../src/io/pyLiteral.js';
import { expectInputError } from './expectInputError.js';
import { concat, f32, f64le, npy, npyRaw, tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('readNpy', () => {
  it('reads every supported dtype exactly, both byte orders, versions 1-3', () => {
    const file = tmp.write('a.npy', npy('<f8', [2, 2], f64le([0.1, -2, 1e-310, 3.5])));
    const a = readNpy(file);
    expect(a.shape).toEqual([2, 2]);
    expect(a.dtype).toBe('float64');
    expect(a.values.map(String).slice(0, 2)).toEqual(['3602879701896397/36028797018963968', '-2']);
    expect(parseNpy(npy('>f4', [3], f32([0.5, -1, 0.1], false)), 'b.npy').values.map(String)).toEqual(['1/2', '-1', '13421773/134217728']);
    expect(parseNpy(npy('<f4', [3], f32([0.5, -1, 2]), { version: 2 }), 'c').values.map(String)).toEqual(['1/2', '-1', '2']);
    expect(parseNpy(npy('<f4', [1], f32([3]), { version: 3 }), 'c').values.map(String)).toEqual(['3']);
    expect(parseNpy(npy('<f2', [2], Uint8Array.of(0x00, 0x3c, 0x00, 0xc0)), 'h').values.map(String)).toEqual(['1', '-2']);
    expect(parseNpy(npy('>f2', [1], Uint8Array.of(0x3c, 0x00)), 'h').values.map(String)).toEqual(['1']);
    expect(parseNpy(npy('|i1', [2], Uint8Array.of(0xff, 5)), 'i').values.map(String)).toEqual(['-1', '5']);
    expect(parseNpy(npy('|u1', [2], Uint8Array.of(0xff, 5)), 'u').values.map(String)).toEqual(['255', '5']);
    expect(parseNpy(npy('|b1', [2], Uint8Array.of(1, 0)), 'b').values.map(String)).toEqual(['1', '0']);
    expect(parseNpy(npy('<i2', [1], Uint8Array.of(0xfe, 0xff)), 'i').values.map(String)).toEqual(['-2']);
    expect(parseNpy(npy('>u2', [1], Uint8Array.of(0x01, 0x00)), 'i').values.map(String)).toEqual(['256']);
    expect(parseNpy(npy('<i4', [1], Uint8Array.of(0xff, 0xff, 0xff, 0xff)), 'i').values.map(String)).toEqual(['-1']);
    expect(parseNpy(npy('<u4', [1], Uint8Array.of(0xff, 0xff, 0xff, 0xff)), 'i').values.map(String)).toEqual(['4294967295']);
    expect(parseNpy(npy('<i8', [1], new Uint8Array(8).fill(0xff)), 'i').values.map(String)).toEqual(['-1']);
    expect(parseNpy(npy('>u8', [1], new Uint8Array(8).fill(0xff)), 'i').values.map(String)).toEqual(['18446744073709551615']);
    expect(parseNpy(npy('<f8', [], f64le([7])), 'z').values.map(String)).toEqual(['7']);
    expect(parseNpy(npy('<f8', [0, 3], new Uint8Array(0)), 'z').values).toEqual([]);
  });

  it('transposes Fortran-order arrays into C order', () => {
    // the 2x3 matrix [[1,2,3],[4,5,6]] stored column-major: 1,4,2,5,3,6
    const a = parseNpy(npy('<f8', [2, 3], f64le([1, 4, 2, 5, 3, 6]), { fortran: true }), 'f');
    expect(a.values.map(String)).toEqual(['1', '2', '3', '4', '5', '6']);
    const b = parseNpy(npy('<f8', [2, 2, 2], f64le([0, 4, 2, 6, 1, 5, 3, 7]), { fortran: true }), 'f');
    expect(b.values.map(String)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  });

  it('rejects malformed files with InputError naming the field', () => {
    const good = npy('<f8', [2, 2], f64le([1, 2, 3, 4]));
    const t = tmp.write('trunc.npy', good.subarray(0, good.length - 3));
    expectInputError(() => readNpy(t), t, 'data', /truncated/);
    const t2 = tmp.write('trunchdr.npy', good.subarray(0, 40));
    expectInputError(() => readNpy(t2), t2, 'header', /past the end/);
    const extra = tmp.write('extra.npy', concat(good, Uint8Array.of(0)));
    expectInputError(() => readNpy(extra), extra, 'data', /unexpected bytes/);
    const magic = tmp.write('magic.npy', Uint8Array.from('hello world, not npy', (c) => c.charCodeAt(0)));
    expectInputError(() => readNpy(magic), magic, 'magic');
    const nan = tmp.write('nan.npy', npy('<f8', [2, 2], f64le([1, 2, NaN, 4])));
    expectInputError(() => readNpy(nan), nan, 'data[1][0]', /element 2/);
    const inf = tmp.write('inf.npy', npy('<f4', [3], f32([1, -Infinity, 0])));
    expectInputError(() => readNpy(inf), inf, 'data[1]');
    const cases: [string, string, RegExp][] = [
      ["{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 'header.descr', /unsupported dtype/],
      ["{'descr': '=f8', 'fortran_order': False, 'shape': (1,), }", 'header.descr', /ambiguous/],
      ["{'descr': '|f8', 'fortran_order': False, 'shape': (1,), }", 'header.descr', /1-byte/],
      ["{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", 'header.descr', /structured/],
      ["{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }", 'header.fortran_order', /True\/False/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", 'header.shape[0]', /non-negative/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': 1, }", 'header.shape', /tuple/],
      ["{'descr': '<f8', 'fortran_order': False}", 'header.shape', /missing/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'evil': 1}", 'header.evil', /unexpected/],
      ["__import__('os').system('echo hi')", 'header', /bad header literal/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': (1,), ", 'header', /bad header literal/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 99999999999), }", 'data', /needs more/],
    ];
    for (const [hdr, field, msg] of cases) {
      const f = tmp.write('bad.npy', npyRaw(hdr, f64le([1])));
      expectInputError(() => readNpy(f), f, field, msg);
    }
    const badBool = tmp.write('bool.npy', npy('|b1', [2], Uint8Array.of(1, 7)));
    expectInputError(() => readNpy(badBool), badBool, 'data[1]', /neither 0 nor 1/);
    const v9 = good.slice();
    v9[6] = 9;
    const fv = tmp.write('v9.npy', v9);
    expectInputError(() => readNpy(fv), fv, 'version');
    const huge = good.slice();
    new DataView(huge.buffer).setUint16(8, 0xffff, true);
    const fh = tmp.write('hugehdr.npy', huge);
    expectInputError(() => readNpy(fh), fh, 'header');
    const missing = `${tmp.dir}/does-not-exist.npy`;
    expectInputError(() => readNpy(missing), missing, 'file', /ENOENT/);
  });
});

describe('parsePyLiteral', () => {
  it('parses header dicts and refuses anything executable', () => {
    const m = parsePyLiteral("{'descr': '<f8', 'fortran_order': True, 'shape': (3L, 2), 'x': None, 'y': [1, (2)]}");
    expect(m instanceof Map && m.get('shape')).toEqual([3, 2]);
    expect(m instanceof Map && m.get('y')).toEqual([1, 2]);
    expect(parsePyLiteral('()')).toEqual([]);
    expect(parsePyLiteral('(5,)')).toEqual([5]);
    expect(() => parsePyLiteral("{'a': os.system}")).toThrow();
    expect(() => parsePyLiteral("{'a': 1, 'a': 2}")).toThrow(/duplicate/);
    expect(() => parsePyLiteral('('.repeat(100) + ')'.repeat(100))).toThrow(/deep/);
    expect(() => parsePyLiteral("'a\\x41'")).toThrow(/escape/);
  });
});
