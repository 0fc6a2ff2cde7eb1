// pth.ts: exact reader for PyTorch state dicts saved with torch.save (zip + restricted pickle).
import type { Rat } from '../checker/rational.js';
import type { Network } from '../net/network.js';
import { InputError } from './inputError.js';
import { networkFromTensors } from './networkFromTensors.js';
import { readInputFile } from './readInputFile.js';
import { BUILTIN_LIMITS, limit, limitHint } from './limits.js';
import { DTYPE_BYTES, type Tensor, decodeElement, elementField, shapeSize } from './tensor.js';
import { PyDict, PyTensor, unpickle } from './unpickle.js';
import { readZip } from './zip.js';

/**
 * Read every tensor of a PyTorch state dict saved by `torch.save` (the zip format of
 * torch >= 1.6) exactly: the pickle `<archive>/data.pkl` is run on the restricted unpickler
 * (see `unpickle`), storages come from `<archive>/data/<key>`, and each tensor honours its
 * storage offset, sizes and strides (checked to lie inside the storage). The byte order is
 * `<archive>/byteorder` (`little` when absent, as in older files; `big` also works). Values come
 * back in C order. The legacy non-zip format is an InputError. Fields in errors: zip entry
 * names, `data.pkl byte N`, tensor keys and elements such as `layers.0.weight[3][1]`.
 */
export function readPthTensors(file: string): Map<string, Tensor> {
  const bytes = readInputFile(file);
  if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] === 0x02) {
    throw new InputError(file, 'file', 'legacy (pre-1.6, non-zip) torch.save format is not supported; re-save it with a newer torch');
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new InputError(file, 'file', 'not a PyTorch zip archive');
  }
  const maxElements = limit('maxEntries', BUILTIN_LIMITS.elements);
  const zip = readZip(bytes, file, { maxEntries: limit('maxEntries', BUILTIN_LIMITS.zipEntries) });
  const pkls = [...zip.entries.keys()].filter((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (pkls.length !== 1) throw new InputError(file, 'zip', `expected exactly one <archive>/data.pkl entry, found ${pkls.length}`);
  const pklName = pkls[0] as string;
  const prefix = pklName.slice(0, -'data.pkl'.length);
  let littleEndian = true;
  if (zip.entries.has(`${prefix}byteorder`)) {
    const order = new TextDecoder().decode(zip.read(`${prefix}byteorder`));
    if (order !== 'little' && order !== 'big') {
      throw new InputError(file, `${prefix}byteorder`, `unknown byte order ${JSON.stringify(order.slice(0, 20))}`);
    }
    littleEndian = order === 'little';
  }
  const pickleValues = limit('maxEntries', BUILTIN_LIMITS.pickleValues);
  const root = unpickle(zip.read(pklName), file, pklName, { maxStack: pickleValues, maxMemo: pickleValues });
  if (!(root instanceof PyDict)) throw new InputError(file, pklName, 'the pickle is not a state dict (a dict of tensors)');

  const storages = new Map<string, Uint8Array>();
  const out = new Map<string, Tensor>();
  for (const [key, value] of root.entries.values()) {
    if (typeof key !== 'string') throw new InputError(file, String(key), 'state dict key is not a string');
    if (!(value instanceof PyTensor)) throw new InputError(file, key, 'value is not a tensor');
    const st = value.storage;
    const itemSize = DTYPE_BYTES[st.dtype];
    const entry = `${prefix}data/${st.key}`;
    let data = storages.get(st.key);
    if (data === undefined) {
      data = zip.read(entry);
      if (data.length !== st.numel * itemSize) {
        throw new InputError(file, entry, `storage has ${data.length} bytes, expected ${st.numel} × ${itemSize}`);
      }
      storages.set(st.key, data);
    }
    const shape = value.size;
    const count = shapeSize(shape, maxElements);
    if (count === undefined) throw new InputError(file, key, `more than ${maxElements} elements${limitHint('maxEntries')}`);
    if (count > 0) {
      let last = value.offset;
      shape.forEach((s, i) => {
        last += (s - 1) * (value.stride[i] as number);
      });
      if (!Number.isSafeInteger(last) || last >= st.numel) {
        throw new InputError(
          file,
          key,
          `offset ${value.offset}, sizes (${shape.join(', ')}) and strides (${value.stride.join(', ')}) reach element ${last} of a ${st.numel}-element storage`,
        );
      }
    }
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const values: Rat[] = new Array<Rat>(count);
    const idx = new Array<number>(shape.length).fill(0);
    for (let j = 0; j < count; j++) {
      let e = value.offset;
      for (let k = 0; k < shape.length; k++) e += (idx[k] as number) * (value.stride[k] as number);
      const v = decodeElement(data, view, e * itemSize, st.dtype, littleEndian);
      if (typeof v === 'string') throw new InputError(file, elementField(key, j, shape), v);
      values[j] = v;
      for (let k = shape.length - 1; k >= 0; k--) {
        idx[k] = (idx[k] as number) + 1;
        if ((idx[k] as number) < (shape[k] as number)) break;
        idx[k] = 0;
      }
    }
    out.set(key, { dtype: st.dtype, shape: [...shape], values });
  }
  return out;
}

/**
 * Load a PyTorch state dict of Linear layers as an exact {@link Network}: ReLU after every layer
 * except the last (the layout rule of `networkFromTensors`, i.e. `nn.Sequential(Linear, ReLU, ...,
 * Linear)` as in the paper's networks and the XOR nets).
 */
export function loadPthNetwork(file: string): Network {
  return networkFromTensors(readPthTensors(file), file);
}
