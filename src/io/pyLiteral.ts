// pyLiteral.ts: a tiny parser for the Python literal in a .npy header (no eval).

/** A parsed Python literal: str, int, bool, None, tuple/list (arrays) or dict (Map). */
export type PyLiteral = string | number | boolean | null | PyLiteral[] | Map<string, PyLiteral>;

/** Thrown by {@link parsePyLiteral}; `offset` is the character position of the problem. */
export class PyLiteralError extends Error {
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(`${message} at character ${offset}`);
    this.name = 'PyLiteralError';
    this.offset = offset;
  }
}

/**
 * Parse a Python literal made of dicts with string keys, tuples, lists, quoted strings without
 * escapes, non-negative or negative decimal integers (an old `L` suffix allowed; at most 15
 * digits), `True`, `False` and `None`. Nesting is capped at `maxDepth` (default 8). Nothing is
 * evaluated. Throws {@link PyLiteralError}.
 */
export function parsePyLiteral(text: string, maxDepth = 8): PyLiteral {
  let pos = 0;
  const ws = (): void => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos] as string)) pos++;
  };
  const expect = (c: string): void => {
    ws();
    if (text[pos] !== c) throw new PyLiteralError(pos, `expected '${c}'`);
    pos++;
  };
  const value = (depth: number): PyLiteral => {
    if (depth > maxDepth) throw new PyLiteralError(pos, 'nesting too deep');
    ws();
    const c = text[pos];
    if (c === undefined) throw new PyLiteralError(pos, 'unexpected end');
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, pos + 1);
      if (end < 0) throw new PyLiteralError(pos, 'unterminated string');
      const s = text.slice(pos + 1, end);
      if (s.includes('\\') || s.includes('\n')) throw new PyLiteralError(pos, 'escapes in strings are not supported');
      pos = end + 1;
      return s;
    }
    if (c === '{') {
      pos++;
      const m = new Map<string, PyLiteral>();
      for (;;) {
        ws();
        if (text[pos] === '}') {
          pos++;
          return m;
        }
        const kpos = pos;
        const k = value(depth + 1);
        if (typeof k !== 'string') throw new PyLiteralError(kpos, 'dict key must be a string');
        if (m.has(k)) throw new PyLiteralError(kpos, `duplicate key '${k}'`);
        expect(':');
        m.set(k, value(depth + 1));
        ws();
        if (text[pos] === ',') pos++;
        else if (text[pos] !== '}') throw new PyLiteralError(pos, "expected ',' or '}'");
      }
    }
    if (c === '(' || c === '[') {
      const close = c === '(' ? ')' : ']';
      pos++;
      const items: PyLiteral[] = [];
      let sawComma = false;
      for (;;) {
        ws();
        if (text[pos] === close) {
          pos++;
          // (x) without a comma is just a parenthesised x in Python.
          if (c === '(' && items.length === 1 && !sawComma) return items[0] as PyLiteral;
          return items;
        }
        items.push(value(depth + 1));
        ws();
        if (text[pos] === ',') {
          pos++;
          sawComma = true;
        } else if (text[pos] !== close) throw new PyLiteralError(pos, `expected ',' or '${close}'`);
      }
    }
    const m = /^(?:True|False|None|-?[0-9]{1,15}L?)/.exec(text.slice(pos, pos + 20));
    if (m === null) throw new PyLiteralError(pos, 'unsupported literal');
    pos += m[0].length;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    if (m[0] === 'None') return null;
    return Number(m[0].replace('L', ''));
  };
  const v = value(0);
  ws();
  if (pos !== text.length) throw new PyLiteralError(pos, 'trailing characters');
  return v;
}
