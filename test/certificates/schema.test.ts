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
  const good = ['xor-overlap.ohcb', 'xor-rank.ohcb', 'random-2d.ohcb', 'd-i-model-0.ohcb'];

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

  it('covers every golden file that is meant to be well formed', () => {
    const all = readdirSync(dir).filter((f) => f.endsWith('.ohcb') && !f.startsWith('bad-'));
    expect(all.sort()).toEqual([...good].sort());
  });
});
