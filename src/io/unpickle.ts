// unpickle.ts: a RESTRICTED pickle reader for PyTorch state dicts. Nothing is ever executed.
import { InputError } from './inputError.js';
import type { TensorDType } from './tensor.js';

/** A Python tuple. */
export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}
/** A Python list. */
export class PyList {
  constructor(readonly items: PyValue[] = []) {}
}
/** A Python float (only ever reported, never used for weights). */
export class PyFloat {
  constructor(readonly value: number) {}
}
/** A dict or OrderedDict with hashable primitive keys, in insertion order. */
export class PyDict {
  /** Entries keyed by an internal encoding of the key; value is `[key, value]`. */
  readonly entries = new Map<string, [PyKey, PyValue]>();
  /** State given by a BUILD opcode (`_metadata` of a state dict), if any. */
  state: PyValue | undefined = undefined;
  /** Set `key` to `value` (replacing an existing equal key). */
  set(key: PyKey, value: PyValue): void {
    this.entries.set(keyCode(key), [key, value]);
  }
  /** The value under `key`, if present. */
  get(key: PyKey): PyValue | undefined {
    return this.entries.get(keyCode(key))?.[1];
  }
}
/** An allowed global (a class or function reference), never called directly. */
export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  /** `module.name`. */
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}
/** A storage reference from a BINPERSID record: `('storage', torch.XStorage, key, location, numel)`. */
export class PyStorage {
  constructor(
    readonly dtype: TensorDType,
    readonly storageType: string,
    readonly key: string,
    readonly location: string,
    readonly numel: number,
  ) {}
}
/** A tensor from `torch._utils._rebuild_tensor_v2`: a strided view of a storage. */
export class PyTensor {
  constructor(
    readonly storage: PyStorage,
    readonly offset: number,
    readonly size: readonly number[],
    readonly stride: readonly number[],
  ) {}
}

/** Hashable values usable as dict keys. */
export type PyKey = string | bigint | boolean | null;
/** Every value the restricted unpickler can produce. */
export type PyValue = PyKey | PyFloat | PyTuple | PyList | PyDict | PyGlobal | PyStorage | PyTensor;

function keyCode(k: PyKey): string {
  if (typeof k === 'string') return `s${k}`;
  if (typeof k === 'bigint') return `i${k}`;
  return k === null ? 'N' : k ? 'T' : 'F';
}

/** Storage classes a tensor may name, and their element types. */
export const STORAGE_DTYPES: Readonly<Record<string, TensorDType>> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

const ALLOWED_GLOBALS = new Set<string>([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  ...Object.keys(STORAGE_DTYPES).map((s) => `torch.${s}`),
]);

/** Limits for {@link unpickle}. */
export interface UnpickleLimits {
  /** Most values on the stack (all mark levels together). Default 1 000 000. */
  readonly maxStack?: number;
  /** Deepest MARK nesting. Default 1000. */
  readonly maxMarks?: number;
  /** Most memo entries. Default 1 000 000. */
  readonly maxMemo?: number;
}

const MARK = Symbol('mark');
type Slot = PyValue | typeof MARK;

/**
 * Run the pickle program in `bytes` on a restricted virtual machine and return the value it
 * builds. Only the opcodes `torch.save` emits for state dicts (protocols 2 to 5) are known;
 * only the globals `collections.OrderedDict`, `torch._utils._rebuild_tensor_v2`,
 * `torch._utils._rebuild_parameter` and the `torch.*Storage` classes are accepted, and REDUCE
 * on them runs a hand-written constructor of plain data here — nothing in the file is executed.
 * Any other global (`os.system`, `builtins.eval`, ...) is an {@link InputError} naming it.
 * Errors name `file` and the field `<where> byte <offset>` (`where` is e.g. the archive entry).
 */
export function unpickle(bytes: Uint8Array, file: string, where: string, limits: UnpickleLimits = {}): PyValue {
  const maxStack = limits.maxStack ?? 1_000_000;
  const maxMarks = limits.maxMarks ?? 1000;
  const maxMemo = limits.maxMemo ?? 1_000_000;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let stack: Slot[] = [];
  const marks: Slot[][] = [];
  let depth = 0;
  const memo = new Map<number, PyValue>();
  let pos = 0;
  let at = 0;
  const fail = (msg: string): never => {
    throw new InputError(file, `${where} byte ${at}`, msg);
  };
  const need = (n: number): number => {
    if (n > bytes.length - pos) fail('pickle truncated');
    const p = pos;
    pos += n;
    return p;
  };
  const push = (v: PyValue): void => {
    if (depth >= maxStack) fail(`pickle stack larger than ${maxStack}`);
    stack.push(v);
    depth++;
  };
  const pop = (): PyValue => {
    const v = stack.pop();
    if (v === undefined) return fail('pickle stack underflow');
    if (v === MARK) return fail('unexpected MARK');
    depth--;
    return v;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined) return fail('pickle stack underflow');
    return v as PyValue;
  };
  const popMark = (): PyValue[] => {
    const items = stack as PyValue[];
    const prev = marks.pop();
    if (prev === undefined) return fail('no MARK to pop to');
    stack = prev;
    depth -= items.length;
    return items;
  };
  const str = (n: number): string => {
    const p = need(n);
    try {
      return utf8.decode(bytes.subarray(p, p + n));
    } catch {
      return fail('string is not valid UTF-8');
    }
  };
  const len64 = (): number => {
    const p = need(8);
    const v = view.getBigUint64(p, true);
    if (v > BigInt(bytes.length)) fail(`length ${v} runs past the end of the pickle`);
    return Number(v);
  };
  const memoPut = (idx: number): void => {
    if (memo.size >= maxMemo && !memo.has(idx)) fail(`memo larger than ${maxMemo}`);
    memo.set(idx, top());
  };
  const memoGet = (idx: number): void => {
    const v = memo.get(idx);
    if (v === undefined) fail(`memo entry ${idx} is not defined`);
    push(v as PyValue);
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0 || end - pos > 256) fail('bad GLOBAL line');
    const s = new TextDecoder('latin1').decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const global = (module: string, name: string): PyGlobal => {
    const q = `${module}.${name}`;
    if (!ALLOWED_GLOBALS.has(q)) fail(`global ${JSON.stringify(q)} is not allowed (only state-dict globals are)`);
    return new PyGlobal(module, name);
  };
  const smallInt = (v: PyValue, what: string): number => {
    if (typeof v !== 'bigint' || v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) {
      return fail(`${what} must be a non-negative integer`);
    }
    return Number(v);
  };
  const intTuple = (v: PyValue, what: string): number[] => {
    if (!(v instanceof PyTuple)) return fail(`${what} must be a tuple`);
    return v.items.map((x, i) => smallInt(x, `${what}[${i}]`));
  };
  const reduce = (f: PyValue, args: PyValue): PyValue => {
    if (!(f instanceof PyGlobal)) return fail('REDUCE on something that is not an allowed global');
    if (!(args instanceof PyTuple)) return fail('REDUCE arguments are not a tuple');
    const a = args.items;
    switch (f.qualifiedName) {
      case 'collections.OrderedDict':
        if (a.length !== 0) fail('OrderedDict(...) with arguments is not supported');
        return new PyDict();
      case 'torch._utils._rebuild_tensor_v2': {
        if (a.length < 6 || a.length > 7) fail('_rebuild_tensor_v2 takes 6 or 7 arguments');
        const storage = a[0];
        if (!(storage instanceof PyStorage)) return fail('_rebuild_tensor_v2: first argument is not a storage');
        const offset = smallInt(a[1] ?? null, 'storage offset');
        const size = intTuple(a[2] ?? null, 'size');
        const stride = intTuple(a[3] ?? null, 'stride');
        if (size.length !== stride.length) fail('size and stride have different lengths');
        return new PyTensor(storage, offset, size, stride);
      }
      case 'torch._utils._rebuild_parameter': {
        if (a.length !== 3) fail('_rebuild_parameter takes 3 arguments');
        if (!(a[0] instanceof PyTensor)) return fail('_rebuild_parameter: data is not a tensor');
        return a[0];
      }
      default:
        return fail(`${f.qualifiedName} cannot be called`);
    }
  };
  const persistentLoad = (pid: PyValue): PyStorage => {
    if (!(pid instanceof PyTuple) || pid.items.length !== 5 || pid.items[0] !== 'storage') {
      return fail("persistent id is not ('storage', type, key, location, numel)");
    }
    const [, type, key, location, numel] = pid.items;
    if (!(type instanceof PyGlobal) || type.module !== 'torch') return fail('storage type is not a torch storage class');
    const dtype = STORAGE_DTYPES[type.name];
    if (dtype === undefined) return fail(`${type.qualifiedName} is not a storage class`);
    if (typeof key !== 'string' || !/^[A-Za-z0-9_]{1,64}$/.test(key)) return fail('storage key is not a plain name');
    if (typeof location !== 'string') return fail('storage location is not a string');
    return new PyStorage(dtype, type.qualifiedName, key, location, smallInt(numel ?? null, 'storage numel'));
  };

  for (;;) {
    at = pos;
    if (pos >= bytes.length) fail('pickle ends without STOP');
    const op = bytes[pos++] as number;
    switch (op) {
      case 0x80: // PROTO
        if ((bytes[need(1)] as number) > 5) fail('pickle protocol above 5');
        break;
      case 0x95: // FRAME
        len64();
        break;
      case 0x7d: // EMPTY_DICT
        push(new PyDict());
        break;
      case 0x5d: // EMPTY_LIST
        push(new PyList());
        break;
      case 0x29: // EMPTY_TUPLE
        push(new PyTuple([]));
        break;
      case 0x28: // MARK
        if (marks.length >= maxMarks) fail(`MARK nesting deeper than ${maxMarks}`);
        marks.push(stack);
        stack = [];
        break;
      case 0x30: // POP
        if (stack.length === 0) popMark();
        else pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x71: // BINPUT
        memoPut(bytes[need(1)] as number);
        break;
      case 0x72: // LONG_BINPUT
        memoPut(view.getUint32(need(4), true));
        break;
      case 0x94: // MEMOIZE
        memoPut(memo.size);
        break;
      case 0x68: // BINGET
        memoGet(bytes[need(1)] as number);
        break;
      case 0x6a: // LONG_BINGET
        memoGet(view.getUint32(need(4), true));
        break;
      case 0x58: // BINUNICODE
        push(str(view.getUint32(need(4), true)));
        break;
      case 0x8c: // SHORT_BINUNICODE
        push(str(bytes[need(1)] as number));
        break;
      case 0x8d: // BINUNICODE8
        push(str(len64()));
        break;
      case 0x4a: // BININT
        push(BigInt(view.getInt32(need(4), true)));
        break;
      case 0x4b: // BININT1
        push(BigInt(bytes[need(1)] as number));
        break;
      case 0x4d: // BININT2
        push(BigInt(view.getUint16(need(2), true)));
        break;
      case 0x8a: // LONG1
      case 0x8b: {
        // LONG4
        const n = op === 0x8a ? (bytes[need(1)] as number) : view.getUint32(need(4), true);
        if (n > 1024) fail('integer longer than 1024 bytes');
        const p = need(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[p + i] as number);
        if (n > 0 && (bytes[p + n - 1] as number) >= 0x80) v -= 1n << BigInt(8 * n);
        push(v);
        break;
      }
      case 0x47: // BINFLOAT
        push(new PyFloat(view.getFloat64(need(8), false)));
        break;
      case 0x4e: // NONE
        push(null);
        break;
      case 0x88: // NEWTRUE
        push(true);
        break;
      case 0x89: // NEWFALSE
        push(false);
        break;
      case 0x74: // TUPLE
        push(new PyTuple(popMark()));
        break;
      case 0x85: // TUPLE1
        push(new PyTuple([pop()]));
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        push(new PyTuple([pop(), b]));
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        push(new PyTuple([pop(), b, c]));
        break;
      }
      case 0x6c: // LIST
        push(new PyList(popMark()));
        break;
      case 0x61: {
        // APPEND
        const v = pop();
        const l = top();
        if (!(l instanceof PyList)) fail('APPEND to something that is not a list');
        (l as PyList).items.push(v);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        const l = top();
        if (!(l instanceof PyList)) fail('APPENDS to something that is not a list');
        for (const v of items) (l as PyList).items.push(v);
        break;
      }
      case 0x64: // DICT
      case 0x75: {
        // SETITEMS
        const items = popMark();
        if (items.length % 2 !== 0) fail('odd number of items for a dict');
        let d: PyValue;
        if (op === 0x64) {
          d = new PyDict();
          push(d);
        } else d = top();
        if (!(d instanceof PyDict)) return fail('SETITEMS on something that is not a dict');
        for (let i = 0; i < items.length; i += 2) setItem(d, items[i] as PyValue, items[i + 1] as PyValue);
        break;
      }
      case 0x73: {
        // SETITEM
        const v = pop();
        const k = pop();
        const d = top();
        if (!(d instanceof PyDict)) return fail('SETITEM on something that is not a dict');
        setItem(d, k, v);
        break;
      }
      case 0x63: {
        // GLOBAL
        const module = line();
        push(global(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') return fail('STACK_GLOBAL needs two strings');
        push(global(module, name));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const f = pop();
        push(reduce(f, args));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        const obj = top();
        if (!(obj instanceof PyDict)) return fail('BUILD is only supported on an OrderedDict');
        obj.state = state;
        break;
      }
      case 0x51: // BINPERSID
        push(persistentLoad(pop()));
        break;
      case 0x2e: // STOP
        if (marks.length !== 0) fail('STOP inside an open MARK');
        if (stack.length !== 1) fail(`STOP with ${stack.length} values on the stack`);
        return pop();
      default:
        return fail(`pickle opcode 0x${op.toString(16).padStart(2, '0')} is not supported`);
    }
  }

  function setItem(d: PyDict, k: PyValue, v: PyValue): void {
    if (!(typeof k === 'string' || typeof k === 'bigint' || typeof k === 'boolean' || k === null)) {
      fail('dict key is not a string, integer, bool or None');
    }
    d.set(k as PyKey, v);
  }
}
