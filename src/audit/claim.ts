// claim.ts: the claim an audited implementation makes: its overlap classes per layer (`ohc certify --json` shape).
import { readFileSync } from 'node:fs';
import { InputError } from '../io/inputError.js';

/** One claimed class: its position in the claim file's `classes` list and its members ascending. */
export interface ClaimedClass {
  readonly index: number;
  readonly members: readonly number[];
}

/** Claimed classes per layer: indices into the selected points; each index in at most one class of a layer. */
export type Claim = Map<number, ClaimedClass[]>;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Parse a claim: JSON `{"layers":[{"layer":l,"classes":[[i,j,…],…]},…]}` (other fields, such as
 * those `ohc certify --json` prints, are ignored). Classes of one member claim nothing and are
 * dropped (the others keep their position as `index`); members are sorted. Throws InputError naming the field: not JSON, a layer twice, a
 * negative or non-integer index, an index in two classes of a layer, or (given `samples`) an
 * index ≥ samples.
 */
export function parseClaim(text: string, file: string, samples?: number): Claim {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, 'claim', `is not JSON (${(e as Error).message.slice(0, 120)})`);
  }
  if (!isObj(doc) || !Array.isArray(doc['layers'])) throw new InputError(file, 'layers', 'expected {"layers":[{"layer":l,"classes":[[i,j,…],…]},…]}');
  const claim: Claim = new Map();
  doc['layers'].forEach((e, k) => {
    const f = `layers[${k}]`;
    if (!isObj(e)) throw new InputError(file, f, 'is not an object');
    const l = e['layer'];
    if (typeof l !== 'number' || !Number.isSafeInteger(l) || l < 1) throw new InputError(file, `${f}.layer`, 'must be a layer number ≥ 1');
    if (claim.has(l)) throw new InputError(file, `${f}.layer`, `layer ${l} is claimed twice`);
    const cs = e['classes'];
    if (!Array.isArray(cs)) throw new InputError(file, `${f}.classes`, 'must be a list of classes');
    const seen = new Map<number, number>();
    const classes: ClaimedClass[] = [];
    cs.forEach((c, ci) => {
      if (!Array.isArray(c)) throw new InputError(file, `${f}.classes[${ci}]`, 'must be a list of sample indices');
      const members = new Set<number>();
      for (const j of c) {
        if (typeof j !== 'number' || !Number.isSafeInteger(j) || j < 0) throw new InputError(file, `${f}.classes[${ci}]`, `${JSON.stringify(j)} is not a sample index`);
        if (samples !== undefined && j >= samples) throw new InputError(file, `${f}.classes[${ci}]`, `sample ${j} is out of range (${samples} selected points)`);
        const other = seen.get(j);
        if (other !== undefined && other !== ci) throw new InputError(file, `${f}.classes[${ci}]`, `sample ${j} is also in classes[${other}]`);
        seen.set(j, ci);
        members.add(j);
      }
      if (members.size >= 2) classes.push({ index: ci, members: [...members].sort((a, b) => a - b) });
    });
    claim.set(l, classes);
  });
  return claim;
}

/** Read and parse a claim file (InputError when unreadable). */
export function readClaim(file: string, samples?: number): Claim {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, 'file', `cannot read the claim (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parseClaim(text, file, samples);
}
