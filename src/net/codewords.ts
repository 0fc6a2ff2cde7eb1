// codewords.ts: ON/OFF codeword bits per layer and exact-boundary neurons of one point.
import type { LayerValues } from './forward.js';

/** A neuron: `layer` is 1-based (as in files and output), `neuron` is 0-based. */
export interface NeuronRef {
  readonly layer: number;
  readonly neuron: number;
}

/** The codeword data of one point. */
export interface PointCodes {
  /**
   * Entry `i-1`: the bits of layer `i`, one character per neuron, `'1'` iff `z_ij > 0`
   * (exactly 0 is OFF, `'0'`); the empty string when layer `i` contributes no bits.
   */
  readonly layerBits: readonly string[];
  /** Entry `i-1`: the neurons `j` (0-based, ascending) of layer `i` with `z_ij` exactly 0 (bit layers only). */
  readonly zeros: readonly (readonly number[])[];
}

/**
 * The codeword bits and exact zeros of one point from its forward pass. `hasBits[i-1]` says
 * whether layer `i` contributes bits (see `layerHasBits` in profile.ts); a layer without bits
 * records no bits and no zeros.
 */
export function pointCodes(values: readonly LayerValues[], hasBits: readonly boolean[]): PointCodes {
  if (hasBits.length !== values.length) throw new RangeError('pointCodes: one flag per layer expected');
  const layerBits: string[] = [];
  const zeros: number[][] = [];
  values.forEach((v, i) => {
    if (hasBits[i] !== true) {
      layerBits.push('');
      zeros.push([]);
      return;
    }
    let bits = '';
    const z0: number[] = [];
    v.z.num.forEach((n, j) => {
      bits += n > 0n ? '1' : '0';
      if (n === 0n) z0.push(j);
    });
    layerBits.push(bits);
    zeros.push(z0);
  });
  return { layerBits, zeros };
}

/**
 * The codeword at layer `l` (1-based): the bits of the bit-contributing layers 1..l joined by
 * `'|'`, e.g. `"101|01"`. Layers without bits are skipped (no empty segment).
 */
export function codewordAt(codes: PointCodes, l: number): string {
  if (l < 1 || l > codes.layerBits.length) throw new RangeError(`codewordAt: no layer ${l}`);
  return codes.layerBits.slice(0, l).filter((b) => b.length > 0).join('|');
}

/** The neurons of layers 1..l with `z` exactly 0: the point lies on those region boundaries. */
export function boundaryNeurons(codes: PointCodes, l: number): NeuronRef[] {
  const out: NeuronRef[] = [];
  for (let i = 1; i <= l; i++) for (const j of codes.zeros[i - 1] ?? []) out.push({ layer: i, neuron: j });
  return out;
}

/** The first layer (1-based) at which the point has some `z` exactly 0, or `null` if none. */
export function firstBoundaryLayer(codes: PointCodes): number | null {
  const i = codes.zeros.findIndex((z) => z.length > 0);
  return i < 0 ? null : i + 1;
}
