// geometry.ts: the checker's own exact forward pass: codewords, regions, rows of G_n, maps (P, q), images.
import type { Header, IntLayer } from './header.js';
import type { Point } from './parse.js';
import { gcd } from './rational.js';

/** A vector `n / d` with d > 0, in lowest terms (gcd of all entries and d is 1). */
export interface Img {
  readonly n: readonly bigint[];
  readonly d: bigint;
}

/**
 * A sample-bearing region at one layer: rows `A z ≤ b` of G_n and the map Φ_n(z) = (P z + q) / pd.
 * Row r is a positive integer multiple of the canonical row r of FORMAT.md (`canonicalRows`).
 */
export interface Region {
  readonly id: number;
  readonly samples: number[];
  readonly A: readonly (readonly bigint[])[];
  readonly b: readonly bigint[];
  readonly P: readonly (readonly bigint[])[];
  readonly q: readonly bigint[];
  readonly pd: bigint;
  /** ON bits of layer l (bit k = neuron k), for rule `dead`. */
  readonly on: bigint;
  /** Rows without the box (what child regions extend). */
  readonly rowsA: readonly (readonly bigint[])[];
  readonly rowsB: readonly bigint[];
}

/** Everything the rules need at one layer. */
export interface LayerGeo {
  readonly layer: number;
  /** True when layer l has ReLU (rule `dead` applies). */
  readonly relu: boolean;
  readonly regions: readonly Region[];
  readonly regionOf: readonly number[];
  readonly images: readonly Img[];
  /** ON bits of layer l per sample. */
  readonly on: readonly bigint[];
}

/** gcd of |entries|, 0 when all are 0 (stops early at 1; common powers of two taken out first). */
export function gcdAll(xs: readonly bigint[], start = 0n): bigint {
  let acc = start;
  for (const x of xs) acc |= x;
  if (acc === 0n) return 0n;
  const two = acc & -acc;
  let g = start < 0n ? -start / two : start / two;
  // g a power of two: g = 1, or start/two is even and some x/two is odd; either way the gcd is `two`
  if ((g & (g - 1n)) === 0n && g !== 0n) return two;
  for (const x of xs) {
    if (g === 1n) return two;
    if (x !== 0n) g = g === 0n ? (x < 0n ? -x : x) / two : gcd(g, x / two);
  }
  return g * two;
}

/** a·x, skipping the zero entries of x (OFF neurons). */
const dot = (a: readonly bigint[], x: readonly bigint[]): bigint => {
  let s = 0n;
  for (let k = 0; k < a.length; k++) {
    const v = x[k] as bigint;
    if (v !== 0n) s += (a[k] as bigint) * v;
  }
  return s;
};

/** The canonical (primitive) form of each row, keyed by its coefficient array (every row has its own; rows are shared with child regions). */
const canonical = new WeakMap<readonly bigint[], { a: readonly bigint[]; b: bigint }>();

/**
 * Rows `idx` of G_n in canonical form, (a, b) divided by gcd(a, b), made on first use: what
 * certificates' λ weigh (FORMAT.md). The result holds only the rows asked for.
 */
export function canonicalRows(reg: Region, idx: readonly number[]): { A: (readonly bigint[])[]; b: bigint[] } {
  const A: (readonly bigint[])[] = [];
  const b: bigint[] = [];
  for (const r of idx) {
    const a = reg.A[r] as readonly bigint[];
    let c = canonical.get(a);
    if (c === undefined) {
      const q = gcdAll(a, reg.b[r] as bigint);
      c = q <= 1n ? { a, b: reg.b[r] as bigint } : { a: a.map((x) => x / q), b: (reg.b[r] as bigint) / q };
      canonical.set(a, c);
    }
    A[r] = c.a;
    b[r] = c.b;
  }
  return { A, b };
}

/** The next layer's pre-activations on one region as forms of the input (`Geometry.forms`). */
type Forms = { readonly G: readonly (readonly bigint[])[]; readonly H: readonly bigint[] };

/** Layer-by-layer walk over the network: call `next()` once per layer 1..L. */
export class Geometry {
  private l = 0;
  private regions: Region[];
  private regionOf: number[];
  private readonly boxA: bigint[][] = [];
  private readonly boxB: bigint[] = [];

  constructor(private readonly h: Header) {
    const d = h.inputDim;
    const I = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, k) => (i === k ? 1n : 0n)));
    this.regions = [{ id: 0, samples: h.xs.map((_, j) => j), A: [], b: [], P: I, q: I.map(() => 0n), pd: 1n, on: 0n, rowsA: [], rowsB: [] }];
    this.regionOf = h.xs.map(() => 0);
    if (h.box !== null) for (const s of [-1n, 1n]) for (let k = 0; k < d; k++) {
      this.boxA.push(I.map((_, i) => (i === k ? s : 0n)));
      this.boxB.push(h.box);
    }
  }

  /** True when sample j satisfies the box rows (always true without a box). */
  inBox(j: number): boolean {
    const x = this.h.xs[j];
    const B = this.h.box;
    return B === null || (x !== undefined && x.num.every((v) => (v < 0n ? -v : v) <= B * x.den));
  }

  /** Pre-activations of the next layer on parent region p as forms of the input: z_k(x) = (G_k·x + H_k)/(den·pd), G = W·P, H = W·q + b·pd. */
  private forms(p: Region, layer: IntLayer): Forms {
    const cols = (p.P[0] ?? []).map((_, c) => p.P.map((r) => r[c] as bigint)); // rows of OFF neurons are zero
    return { G: layer.W.map((w) => cols.map((col) => dot(w, col))), H: layer.W.map((w, k) => dot(w, p.q) + (layer.b[k] as bigint) * p.pd) };
  }

  /** Regions, images and codeword bits of the next layer. */
  next(): LayerGeo {
    const layer = this.h.net[this.l] as IntLayer;
    this.l += 1;
    const withBits = layer.relu || (this.h.outputBits && this.l === this.h.net.length);
    // the forms of each parent region, made for its first sample and reused by its child regions
    const forms: (Forms | undefined)[] = [];
    const on: bigint[] = [];
    // sample j's image: z = G·x + H·x_den over den·pd·x_den (what W·y + b gives from the previous image), ReLU, lowest terms
    const images = this.regionOf.map((parent, j) => {
      const p = this.regions[parent] as Region;
      const f = (forms[parent] ??= this.forms(p, layer));
      const x = this.h.xs[j] as Point;
      const z = f.G.map((g, k) => dot(g, x.num) + (f.H[k] as bigint) * x.den);
      on.push(withBits ? z.reduceRight((m, v) => (m << 1n) | (v > 0n ? 1n : 0n), 0n) : 0n); // bit k = neuron k ON
      const n = layer.relu ? z.map((v) => (v > 0n ? v : 0n)) : z;
      const d = layer.den * p.pd * x.den;
      const g = gcdAll(n, d);
      return g === 1n ? { n, d } : { n: n.map((v) => v / g), d: d / g };
    });
    const keys = new Map<string, number>();
    const regions: Region[] = [];
    const regionOf = this.regionOf.map((parent, j) => {
      const key = withBits ? `${parent}:${(on[j] as bigint).toString(36)}` : `${parent}`;
      let id = keys.get(key);
      if (id === undefined) {
        id = regions.length;
        keys.set(key, id);
        regions.push(this.child(this.regions[parent] as Region, forms[parent] as Forms, layer, withBits, on[j] as bigint, id));
      }
      (regions[id] as Region).samples.push(j);
      return id;
    });
    this.regions = regions;
    this.regionOf = regionOf;
    return { layer: this.l, relu: layer.relu, regions, regionOf, images, on };
  }

  private child(p: Region, { G, H }: Forms, layer: IntLayer, withBits: boolean, on: bigint, id: number): Region {
    const rowsA = p.rowsA.slice();
    const rowsB = p.rowsB.slice();
    const isOn = (k: number): boolean => ((on >> BigInt(k)) & 1n) === 1n;
    // neuron k: ON −g·z ≤ h, OFF g·z ≤ −h (made primitive only when a certificate weighs it)
    if (withBits) G.forEach((g, k) => {
      rowsA.push(isOn(k) ? g.map((x) => -x) : g);
      rowsB.push(isOn(k) ? (H[k] as bigint) : -(H[k] as bigint));
    });
    let P = layer.relu ? G.map((g, k) => (isOn(k) ? g : g.map(() => 0n))) : G;
    let q = layer.relu ? H.map((v, k) => (isOn(k) ? v : 0n)) : H;
    let pd = layer.den * p.pd;
    let acc = pd;
    for (const r of P) for (const v of r) acc |= v;
    for (const v of q) acc |= v;
    const twos = acc & -acc;
    if (twos > 1n) {
      P = P.map((r) => r.map((v) => v / twos));
      q = q.map((v) => v / twos);
      pd /= twos;
    }
    return { id, samples: [], A: this.boxA.length === 0 ? rowsA : [...rowsA, ...this.boxA], b: this.boxB.length === 0 ? rowsB : [...rowsB, ...this.boxB], P, q, pd, on, rowsA, rowsB };
  }
}
