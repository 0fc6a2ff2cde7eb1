// schema.test.ts: every line of every golden bundle matches certificates/bundle.schema.json.
// A small validator for the JSON Schema keywords the schema uses (no dependency needed).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Schema = Record<string, unknown>;
const root = resolve(import.meta.dirname, '..', '..', 'certificates');
const schema = JSON.parse(readFileSync(join(root, 'bundle.schema.json'), 'utf8')) as Schema;

function typeOk(t: string, v: unknown): boolean {
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'array') return Array.isArray(v);
  if (t === 'null') return v === null;
  if (t === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === t;
}

/** The first violation of `s` by `v` at `path`, or undefined. */
function validate(s: Schema, v: unknown, path: string): string | undefined {
  if (typeof s['$ref'] === 'string') {
    const name = (s['$ref'] as string).replace('#/$defs/', '');
    return validate((schema['$defs'] as Record<string, Schema>)[name] as Schema, v, path);
  }
  if (Array.isArray(s['anyOf'])) {
    if (!(s['anyOf'] as Schema[]).some((o) => validate(o, v, path) === undefined)) return `${path}: matches none of anyOf`;
    return undefined;
  }
  if (Array.isArray(s['oneOf'])) {
    const ok = (s['oneOf'] as Schema[]).filter((o) => validate(o, v, path) === undefined).length;
    return ok === 1 ? undefined : `${path}: matches ${ok} of oneOf`;
  }
  if ('const' in s && v !== s['const']) return `${path}: expected ${JSON.stringify(s['const'])}`;
  if (Array.isArray(s['enum']) && !(s['enum'] as unknown[]).includes(v)) return `${path}: not in enum`;
  if (typeof s['type'] === 'string' && !typeOk(s['type'], v)) return `${path}: not ${s['type']}`;
  if (typeof s['pattern'] === 'string' && (typeof v !== 'string' || !new RegExp(s['pattern']).test(v))) return `${path}: pattern`;
  if (typeof s['minimum'] === 'number' && (v as number) < s['minimum']) return `${path}: below minimum`;
  if (typeof s['maximum'] === 'number' && (v as number) > s['maximum']) return `${path}: above maximum`;
  if (Array.isArray(v)) {
    if (typeof s['minItems'] === 'number' && v.length < s['minItems']) return `${path}: too few items`;
    const prefix = (s['prefixItems'] as Schema[] | undefined) ?? [];
    for (let i = 0; i < v.length; i++) {
      const sub = i < prefix.length ? prefix[i] : s['items'];
      if (sub === false) return `${path}[${i}]: extra item`;
      if (sub !== undefined) {
        const bad = validate(sub as Schema, v[i], `${path}[${i}]`);
        if (bad !== undefined) return bad;
      }
    }
  } else if (typeof v === 'object' && v !== null) {
    const props = (s['properties'] as Record<string, Schema> | undefined) ?? {};
    for (const r of (s['required'] as string[] | undefined) ?? []) if (!(r in v)) return `${path}: missing ${r}`;
    for (const [k, x] of Object.entries(v)) {
      const sub = props[k];
      if (sub === undefined) {
        if (s['additionalProperties'] === false) return `${path}: unexpected ${k}`;
        continue;
      }
      const bad = validate(sub, x, `${path}.${k}`);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

describe('bundle.schema.json', () => {
  const dir = join(root, 'golden');
  const good = ['xor-overlap.ohcb', 'xor-rank.ohcb', 'random-2d.ohcb', 'd-i-model-0.ohcb', 'd-i-betti.ohcb', 'rp2-q.ohcb', 'xor-overlap-homology.ohcb', 'random-2d-homology.ohcb'];

  it.each(good)('every line of %s matches the schema', (file) => {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l.length > 0);
    lines.forEach((line, i) => expect(validate(schema, JSON.parse(line), `line ${i + 1}`)).toBeUndefined());
  });

  it('rejects records that break the shape', () => {
    expect(validate(schema, { t: 'end', records: 3, sha256: 'xyz' }, 'r')).toBeDefined();
    expect(validate(schema, { t: 'layer', layer: 1, regions: 2, extra: true }, 'r')).toBeDefined();
    expect(validate(schema, { t: 'region', layer: 1, region: 0, yes: [[0, { num: ['1'], den: '0' }]] }, 'r')).toBeDefined();
    expect(validate(schema, { t: 'region', layer: 1, region: 0, no: [[0, [[1, 2]], []]] }, 'r')).toBeDefined();
  });

  it('homology records: the shapes of FORMAT section 3, and what breaks them', () => {
    const ok = (r: unknown): void => expect(validate(schema, r, 'r'), JSON.stringify(r)).toBeUndefined();
    const bad = (r: unknown): void => expect(validate(schema, r, 'r'), JSON.stringify(r)).toBeDefined();
    ok({ t: 'complex', spec: { kind: 'knn-rips', k: 19, eps: '5/2' }, field: 'gf2', maxDim: 2, quotients: ['cone', 'metric'], tieChoices: 3 });
    ok({ t: 'complex', spec: { kind: 'rips', eps2: '2' }, field: 'q', maxDim: 1, quotients: ['cone'], tieChoices: 0 });
    ok({ t: 'complex', spec: { kind: 'file', vertices: 3, simplices: [[0, 1, 2]] }, field: 'q', maxDim: 2, quotients: [], tieChoices: 0 });
    bad({ t: 'complex', spec: { kind: 'knn-rips', k: 0, eps: '1' }, field: 'gf2', maxDim: 1, quotients: [], tieChoices: 0 });
    bad({ t: 'complex', spec: { kind: 'knn-rips', k: 2, eps: '-1' }, field: 'gf2', maxDim: 1, quotients: [], tieChoices: 0 });
    bad({ t: 'complex', spec: { kind: 'rips', eps2: '1' }, field: 'GF2', maxDim: 1, quotients: [], tieChoices: 0 });
    bad({ t: 'complex', spec: { kind: 'rips', eps2: '1' }, field: 'q', maxDim: 1, quotients: ['none'], tieChoices: 0 });
    bad({ t: 'complex', spec: { kind: 'file', vertices: 3, simplices: [[]] }, field: 'q', maxDim: 1, quotients: [], tieChoices: 0 });
    ok({ t: 'reduce', layer: 0, quotient: 'none', steps: [[0, 1, 2], [3, 4]] });
    bad({ t: 'reduce', layer: 0, quotient: 'none', steps: [[0]] });
    bad({ t: 'reduce', layer: 0, quotient: 'none', steps: [[0, 1, 2, 3]] });
    bad({ t: 'reduce', layer: 1, quotient: 'Cone', steps: [] });
    ok({ t: 'rank', layer: 2, quotient: 'cone', dim: 1, chains: [[0], [1, 3], []] });
    ok({ t: 'rank', layer: 0, quotient: 'none', dim: 2, chains: [[[0, '1'], [4, '-2']]] });
    bad({ t: 'rank', layer: 0, quotient: 'none', dim: 0, chains: [] });
    bad({ t: 'rank', layer: 0, quotient: 'none', dim: 1, chains: [[[0, 1]]] });
    bad({ t: 'rank', layer: 0, quotient: 'none', dim: 1, chains: [[-1]] });
    ok({ t: 'cohomology', layer: 0, quotient: 'none', dim: 0, cycles: [[0]], cocycles: [[0, 1]] });
    bad({ t: 'cohomology', layer: 0, quotient: 'none', dim: 0, cycles: [[0]] });
    ok({ t: 'betti', layer: 3, quotient: 'metric', betti: [1, 0] });
    bad({ t: 'betti', layer: 3, quotient: 'metric', betti: [] });
    bad({ t: 'betti', layer: 3, quotient: 'metric', betti: ['1'] });
    bad({ t: 'betti', layer: -1, quotient: 'none', betti: [1] });
  });

  it('a betti-only header (network null, inputs.model null, no layers) matches; a network that is neither null nor a network does not', () => {
    const h = JSON.parse(readFileSync(join(dir, 'd-i-betti.ohcb'), 'utf8').split('\n')[0] as string) as Record<string, unknown>;
    expect(h['network']).toBeNull();
    expect(h['layers']).toEqual([]);
    expect(validate(schema, h, 'h')).toBeUndefined();
    expect(validate(schema, { ...h, network: {} }, 'h')).toBeDefined();
    expect(validate(schema, { ...h, network: undefined }, 'h')).toBeDefined();
  });

  it('covers every golden file that is meant to be well formed', () => {
    const all = readdirSync(dir).filter((f) => f.endsWith('.ohcb') && !f.startsWith('bad-'));
    expect(all.sort()).toEqual([...good].sort());
  });
});
