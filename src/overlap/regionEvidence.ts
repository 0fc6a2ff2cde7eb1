// regionEvidence.ts: what one region's bundle record must carry, collected from the answers against it.
import { Rat, gcd } from '../checker/rational.js';
import type { IntPoint, IntSparse, PreparedRegion, QueryAnswer } from '../decide/regionQuery.js';
import { boundJson, pointJson, pointJsonText, sparseIntJson, sparseRatJson } from './bundleEncoding.js';

/**
 * The evidence for the decisions Q(j, n) against one region n, in the form of FORMAT.md's
 * `region` record. Region-level certificates are emitted once and the per-pair records the
 * checker settles by them (or by its implicit rules) are omitted:
 * - decideLayer's own routes (`prepared` undefined): 'same-image' → rule `same`, 'dead-neuron'
 *   → rule `dead`: nothing;
 * - a no from a left-null vector ('eq-inconsistent', 'dead-neuron' via the map's zero rows):
 *   that vector of the region's `nullChecks` goes to `null` (uᵀM = 0 ⇔ uᵀP = 0 since M = den·P);
 *   only the vectors some answer used are written, in their order (on D-II model 0, 5,160 of
 *   16,574: a third of the bytes);
 * - a no settled by region-level bound i (`answer.bound`): that bound goes to `bounds`, converted
 *   from the solver's λᵀA + μᵀM = 0 to `{v: −den·μ, lambda: λ}` (so λᵀA = vᵀP) and divided by
 *   the gcd of all its entries (`boundJson`);
 * - a 'segment' yes: the region's segment `{lo: zLo, hi: zHi}` goes to `segments`;
 * - any other no (a per-sample Farkas vector λᵀA + μᵀM = 0, λᵀb + μᵀf < 0) is itself a
 *   region-level bound: it proves vᵀPz ≤ λᵀb on G_n with v = −den·μ, and excludes the sample
 *   (vᵀ(y − q) = −μᵀf > λᵀb). Farkas vectors are divided by the gcd of λ (when μ stays
 *   integral) and deduplicated, so one bound serves every sample it excludes (on D-II model 0,
 *   layer 7: 119,158 Farkas answers, 1,170 distinct bounds). With `explicitFarkas` they are
 *   written as per-sample records `[j, λ, den·μ]` instead;
 * - anything else is an explicit record: yes `[j, point]` (the witness divided by the gcd of its
 *   numerators and denominator when that is large), pinned `[j, [{coord, sign, lambda, mu: den·μ}, ...]]`
 *   (μ over the rows of P = M/den).
 */
export class RegionEvidence {
  private prepared: PreparedRegion | undefined;
  /** usedNull[k] = 1 when null check k settled an answer. */
  private usedNull: Uint8Array = new Uint8Array(0);
  private usesSegment = false;
  /** usedBound[i] = 1 when region-level bound i settled an answer (a flag per bound index, not a Set). */
  private usedBound: Uint8Array = new Uint8Array(0);
  /** Farkas vectors turned into bounds: normalised (λ, μ), by a hash of their low bits. */
  private readonly farkas = new Map<string, { lambda: IntSparse; mu: IntSparse }[]>();
  private farkasCount = 0;
  /** JSON texts of the explicit per-sample records, in sample order. */
  private readonly yes: string[] = [];
  private readonly no: string[] = [];
  private readonly pinned: string[] = [];

  constructor(
    readonly layer: number,
    readonly region: number,
    private readonly explicitFarkas = false,
  ) {}

  /** Region-level bounds written for per-sample Farkas vectors (distinct after normalisation). */
  get farkasBounds(): number {
    return this.farkasCount;
  }

  /** Number of explicit per-sample records so far. */
  get explicitRecords(): number {
    return this.yes.length + this.no.length + this.pinned.length;
  }

  /** Record the answer to Q(j, this region). */
  add(j: number, ans: QueryAnswer, prepared: PreparedRegion | undefined): void {
    if (prepared === undefined) {
      if (ans.path === 'same-image' || ans.path === 'dead-neuron') return;
      throw new Error(`internal: answer via ${ans.path} without its prepared region`);
    }
    this.prepared = prepared;
    const den = prepared.den;
    if (ans.answer === 'yes') {
      if (ans.path === 'segment' && prepared.segment) {
        this.usesSegment = true;
        return;
      }
      this.yes.push(`[${j},${pointJsonText(reducedPoint(ans.z))}]`);
      return;
    }
    if (ans.answer === 'no') {
      // (with explicitFarkas, a per-row Farkas vector of the unique candidate stays a per-sample record)
      if (ans.bound !== undefined && prepared.bounds[ans.bound] !== undefined && !(this.explicitFarkas && ans.path === 'unique-violated')) {
        this.usedBound = flagged(this.usedBound, ans.bound);
        return;
      }
      if (ans.nullCheck !== undefined && prepared.nullChecks[ans.nullCheck] !== undefined) {
        this.usedNull = flagged(this.usedNull, ans.nullCheck);
        return;
      }
      if (this.explicitFarkas) this.no.push(JSON.stringify([j, sparseIntJson(ans.lambda), sparseIntJson(ans.mu, den)]));
      else this.addFarkas(ans.lambda, ans.mu);
      return;
    }
    const scale = Rat.int(den);
    const entries = ans.bounds.map((b) => ({ coord: b.coord, sign: b.sign, lambda: sparseRatJson(b.lambda, Rat.ONE), mu: sparseRatJson(b.mu, scale) }));
    this.pinned.push(JSON.stringify([j, entries]));
  }

  private addFarkas(lambda: IntSparse, mu: IntSparse): void {
    const f = normalisedFarkas(lambda, mu);
    const key = farkasKey(f);
    const list = this.farkas.get(key);
    if (list === undefined) this.farkas.set(key, [f]);
    else if (!list.some((g) => sameSparse(g.lambda, f.lambda) && sameSparse(g.mu, f.mu))) list.push(f);
    else return;
    this.farkasCount++;
  }

  /** The `region` record as one JSON line (no newline). */
  toLine(): string {
    const p = this.prepared;
    let nulls = '[]';
    let bounds = '[]';
    let segments = '[]';
    if (p !== undefined) {
      const un = this.usedNull;
      if (un.length > 0) nulls = JSON.stringify(p.nullChecks.filter((_, k) => un[k] === 1).map(({ u }) => sparseIntJson(u)));
      const list: { lambda: IntSparse; mu: IntSparse }[] = [];
      const used = this.usedBound;
      for (let i = 0; i < used.length; i++) if (used[i] === 1) list.push(p.bounds[i] as { lambda: IntSparse; mu: IntSparse });
      for (const fs of this.farkas.values()) list.push(...fs);
      if (list.length > 0) bounds = JSON.stringify(list.map((b) => boundJson(b.lambda, b.mu, -p.den)));
      const seg = p.segment;
      if (this.usesSegment && seg) segments = JSON.stringify([{ lo: pointJson(seg.zLo), hi: pointJson(seg.zHi) }]);
    }
    return (
      `{"t":"region","layer":${this.layer},"region":${this.region},"null":${nulls},"bounds":${bounds},"segments":${segments},` +
      `"yes":[${this.yes.join(',')}],"no":[${this.no.join(',')}],"pinned":[${this.pinned.join(',')}]}`
    );
  }
}

/** `flags` with flags[i] = 1, grown (copied) when i is beyond its end. */
function flagged(flags: Uint8Array, i: number): Uint8Array {
  let f = flags;
  if (i >= f.length) {
    f = new Uint8Array(Math.max(i + 1, 2 * f.length, 8));
    f.set(flags);
  }
  f[i] = 1;
  return f;
}

/** Points whose denominator has at least this many bits are reduced by the gcd of all entries. */
const REDUCE_BITS = 256;

/** `p` divided by the gcd of its numerators and denominator (only for long denominators). */
function reducedPoint(p: IntPoint): IntPoint {
  if (p.lowest === true || (p.den < 1n << BigInt(REDUCE_BITS) && p.den > -(1n << BigInt(REDUCE_BITS)))) return p;
  let g = p.den < 0n ? -p.den : p.den;
  for (const v of p.num) {
    if (g === 1n) return p;
    g = gcd(g, v);
  }
  return g === 1n ? p : { num: p.num.map((v) => v / g), den: p.den / g };
}

/** (λ, μ) sorted, and divided by the gcd of λ (of μ when λ is empty) when μ stays integral. */
function normalisedFarkas(lambda: IntSparse, mu: IntSparse): { lambda: IntSparse; mu: IntSparse } {
  const l = sortedSparse(lambda);
  const m = sortedSparse(mu);
  let g = 0n;
  for (const [, v] of l.length > 0 ? l : m) g = gcd(g, v);
  if (g <= 1n || !m.every(([, v]) => v % g === 0n)) return { lambda: l, mu: m };
  return { lambda: l.map(([i, v]) => [i, v / g] as const), mu: m.map(([i, v]) => [i, v / g] as const) };
}

function sortedSparse(v: IntSparse): IntSparse {
  const acc = new Map<number, bigint>();
  for (const [i, x] of v) acc.set(i, (acc.get(i) ?? 0n) + x);
  return [...acc.entries()].filter(([, x]) => x !== 0n).sort((a, b) => a[0] - b[0]);
}

/** A cheap key: indices and the low 64 bits of every value (equal vectors have equal keys). */
function farkasKey(f: { lambda: IntSparse; mu: IntSparse }): string {
  const part = (v: IntSparse): string => v.map(([i, x]) => `${i}:${BigInt.asUintN(64, x).toString(36)}`).join(',');
  return `${part(f.lambda)}|${part(f.mu)}`;
}

function sameSparse(a: IntSparse, b: IntSparse): boolean {
  return a.length === b.length && a.every(([i, x], t) => (b[t] as readonly [number, bigint])[0] === i && (b[t] as readonly [number, bigint])[1] === x);
}
