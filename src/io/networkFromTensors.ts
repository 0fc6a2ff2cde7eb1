// networkFromTensors.ts: turn a state dict of Linear weights and biases into a Network.
import type { Rat } from '../checker/rational.js';
import type { Layer, Network } from '../net/network.js';
import { InputError } from './inputError.js';
import { type Tensor, isFloatDType } from './tensor.js';

/**
 * Build the network a state dict describes, with THE LAYOUT RULE shared by the .pth and
 * .safetensors loaders:
 *
 * - every key must be `<group>.weight` or `<group>.bias` (a plain stack of `nn.Linear`
 *   layers; any other key, e.g. BatchNorm's `running_mean`, is an InputError);
 * - groups are ordered by their trailing number when all of them end in a number after one common
 *   stem (`layers.0, layers.2, ..., layers.18`; `0, 1, 2`; `fc1, fc2`), otherwise in order of first
 *   appearance in the file;
 * - ReLU follows every layer except the last: the `nn.Sequential(Linear, ReLU, ..., Linear)`
 *   layout of the paper's networks and of the XOR nets (the activations are not in a state dict);
 * - weights are `[out][in]` (PyTorch `nn.Linear`), biases `[out]`, both floating point; every
 *   layer's `in` must equal the previous layer's `out`; a missing bias is an InputError.
 */
export function networkFromTensors(tensors: ReadonlyMap<string, Tensor>, file: string): Network {
  const groups = new Map<string, { weight?: [string, Tensor]; bias?: [string, Tensor] }>();
  for (const [key, t] of tensors) {
    const m = /^(.*)\.(weight|bias)$/.exec(key);
    if (m === null) {
      throw new InputError(file, key, 'not a Linear weight or bias (only plain stacks of Linear layers are supported)');
    }
    const name = m[1] as string;
    const g = groups.get(name) ?? {};
    g[m[2] as 'weight' | 'bias'] = [key, t];
    groups.set(name, g);
  }
  if (groups.size === 0) throw new InputError(file, 'state dict', 'no Linear layers found');
  let names = [...groups.keys()];
  const numbered = names.map((n) => /^(.*?)([0-9]+)$/.exec(n));
  const stem = numbered[0]?.[1];
  if (numbered.every((m) => m !== null && m[1] === stem)) {
    const num = (n: string): number => Number(/([0-9]+)$/.exec(n)?.[1]);
    names = names.sort((a, b) => num(a) - num(b));
  }
  const layers: Layer[] = [];
  let inputDim = 0;
  let prevOut: number | undefined;
  names.forEach((name, li) => {
    const g = groups.get(name) ?? {};
    if (g.weight === undefined) throw new InputError(file, `${name}.weight`, 'missing weight');
    if (g.bias === undefined) throw new InputError(file, `${name}.bias`, 'missing bias (layers without bias are not supported)');
    const [wKey, w] = g.weight;
    const [bKey, b] = g.bias;
    for (const [k, t] of [g.weight, g.bias]) {
      if (!isFloatDType(t.dtype)) throw new InputError(file, k, `non-float tensor (${t.dtype}) cannot be a weight or bias`);
    }
    if (w.shape.length !== 2) throw new InputError(file, wKey, `weight must be 2-D [out][in], got shape [${w.shape.join(', ')}]`);
    const [out, inp] = w.shape as [number, number];
    if (out === 0 || inp === 0) throw new InputError(file, wKey, 'weight has an empty dimension');
    if (b.shape.length !== 1 || b.shape[0] !== out) {
      throw new InputError(file, bKey, `bias must have shape [${out}], got [${b.shape.join(', ')}]`);
    }
    if (prevOut === undefined) inputDim = inp;
    else if (inp !== prevOut) {
      throw new InputError(file, wKey, `weight takes ${inp} inputs but the previous layer has ${prevOut} outputs`);
    }
    prevOut = out;
    const W: Rat[][] = [];
    for (let i = 0; i < out; i++) W.push(w.values.slice(i * inp, (i + 1) * inp) as Rat[]);
    layers.push({ W, b: b.values.slice(), relu: li < names.length - 1 });
  });
  return { inputDim, layers };
}
