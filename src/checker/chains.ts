// chains.ts: chains over gf2 or q: parsing, boundaries and their lows, coboundaries, the rank of a pairing matrix.
import type { Simplices } from './complex.js';
import { idx, list, sparse } from './parse.js';
import { gcd } from './rational.js';
import { type Step, reject } from './verdict.js';

/** The coefficient field of a homology target. */
export type Field = 'gf2' | 'q';

/** A sparse chain: strictly increasing simplex indices `i`, non-zero coefficients `v` (all 1 over gf2). */
export type Chain = { readonly i: readonly number[]; readonly v: readonly bigint[] };

const norm = (v: bigint, f: Field): bigint => (f === 'gf2' ? v & 1n : v);

/** A chain as FORMAT writes it: over gf2 an ascending index list, over q a sparse integer vector. */
export function parseChain(x: unknown, f: Field, at: Step, what: string): Chain {
  if (f === 'q') return sparse(x, at, what, 2 ** 31, false);
  const i = list(x, at, what).map((v, k) => idx(v, at, `${what}[${k}]`));
  i.forEach((v, k) => k > 0 && v <= (i[k - 1] as number) && reject('parse', at, `${what}: index ${v} repeated or out of order`));
  return { i, v: i.map(() => 1n) };
}

/** A map of accumulated coefficients as a chain (zeros dropped, indices ascending). */
function toChain(acc: Map<number, bigint>, f: Field): Chain {
  const keys = [...acc.keys()].filter((k) => norm(acc.get(k) as bigint, f) !== 0n).sort((a, b) => a - b);
  return { i: keys, v: keys.map((k) => norm(acc.get(k) as bigint, f)) };
}

/** ∂c for c in C_k, k ≥ 1: ∂[v_0…v_k] = Σ_p (−1)^p [v_0…v̂_p…v_k]. */
export function boundary(S: Simplices, k: number, c: Chain, f: Field): Chain {
  const acc = new Map<number, bigint>();
  c.i.forEach((i, t) => {
    const s = [...S.at(k, i)];
    for (let p = 0, j = 0; p <= k; p++) (j = S.index(k - 1, s.filter((_, q) => q !== p))), acc.set(j, (acc.get(j) ?? 0n) + (p % 2 === 0 ? 1n : -1n) * (c.v[t] as bigint));
  });
  return toChain(acc, f);
}

/** A (k+1)-simplex τ with (δw)(τ) = Σ_p (−1)^p w(τ without v_p) ≠ 0, or null when w in C^k is a cocycle. */
export function coboundaryWitness(S: Simplices, k: number, w: Chain, f: Field): string | null {
  const acc = new Map<string, bigint>();
  w.i.forEach((i, t) => {
    const s = [...S.at(k, i)];
    for (const x of S.cofacets(k, s)) {
      const pos = s.filter((v) => v < x).length;
      const tau = [...s.slice(0, pos), x, ...s.slice(pos)].join(',');
      acc.set(tau, (acc.get(tau) ?? 0n) + (pos % 2 === 0 ? (w.v[t] as bigint) : -(w.v[t] as bigint)));
    }
  });
  for (const [tau, v] of acc) if (norm(v, f) !== 0n) return `[${tau}]`;
  return null;
}

/** b·r − a·p with a, b the leading coefficients of r and p (both lead at the same index); content removed over q. */
function eliminate(r: Chain, p: Chain, f: Field): Chain {
  const a = r.v[0] as bigint;
  const b = p.v[0] as bigint;
  const acc = new Map<number, bigint>();
  r.i.forEach((i, t) => acc.set(i, b * (r.v[t] as bigint)));
  p.i.forEach((i, t) => acc.set(i, (acc.get(i) ?? 0n) - a * (p.v[t] as bigint)));
  const c = toChain(acc, f);
  const g = c.v.reduce((s, v) => gcd(s, v), 0n);
  return g > 1n ? { i: c.i, v: c.v.map((v) => v / g) } : c;
}

/**
 * True iff the m × m pairing matrix M_ab = Σ_σ w_a(σ) z_b(σ) is non-singular over f: M is built
 * from the overlapping supports only, then its rows are reduced to distinct leading columns
 * (exact, fraction-free over q); non-singular iff no row reduces to zero.
 */
export function pairingNonsingular(cocycles: readonly Chain[], cycles: readonly Chain[], f: Field): boolean {
  const bySimplex = new Map<number, [number, bigint][]>();
  cycles.forEach((z, b) => z.i.forEach((s, t) => (bySimplex.get(s) ?? bySimplex.set(s, []).get(s))?.push([b, z.v[t] as bigint])));
  const pivots = new Map<number, Chain>();
  for (const w of cocycles) {
    const acc = new Map<number, bigint>();
    w.i.forEach((s, t) => bySimplex.get(s)?.forEach(([b, z]) => acc.set(b, (acc.get(b) ?? 0n) + (w.v[t] as bigint) * z)));
    let r = toChain(acc, f);
    for (let p = pivots.get(r.i[0] ?? -1); p !== undefined; p = pivots.get(r.i[0] ?? -1)) r = eliminate(r, p, f);
    if (r.i.length === 0) return false;
    pivots.set(r.i[0] as number, r);
  }
  return true;
}
