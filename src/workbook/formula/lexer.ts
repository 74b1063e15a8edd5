import { FormulaSyntaxError, isErrorCode, type ErrorCode } from './errors';

export type TokenType =
  | 'number'
  | 'string'
  | 'error'
  /** A name or function name: `SUM`, `target`, `STDEV.S`. */
  | 'ident'
  /** `$name`: a named cell, as SQL blocks write it. */
  | 'param'
  /** Shaped like an A1 address (`B2`, `$B$2`); a sheet reads it as one, elsewhere it is a name. */
  | 'a1'
  /** `[qty]`, `[@qty]`, `[@[unit price]]`. */
  | 'column'
  /** `sheet1!` or `'my sheet'!`, in front of an address. */
  | 'sheet'
  | 'op'
  | '('
  | ')'
  | ','
  | ';'
  | '{'
  | '}'
  | ':'
  | 'eof';

export interface Token {
  type: TokenType;
  text: string;
  start: number;
  end: number;
  /** number: its value; string: its text; error: its code; column: the column name; sheet and param: the name. */
  value?: string | number;
  /** column: `[@…]`, this row. */
  thisRow?: boolean;
  /** a1: its parts. */
  a1?: { col: string; row: number; colAbs: boolean; rowAbs: boolean };
}

const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const A1 = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)(?![A-Za-z0-9_.([!])/;
const IDENT = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*/;
const OPERATORS = ['<>', '<=', '>=', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%', '@'];
const ERROR_LITERAL = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|CALC!|SPILL!|ERROR!)/i;

/**
 * Splits a formula into tokens, whitespace dropped. `text` is the whole formula, its leading `=`
 * included, so offsets are offsets into what the person typed.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = text.startsWith('=') ? 1 : 0;
  const fail = (message: string, start: number, end = start + 1): never => {
    throw new FormulaSyntaxError(message, { start, end });
  };
  while (i < text.length) {
    const c = text[i]!;
    const rest = text.slice(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const push = (type: TokenType, length: number, extra: Partial<Token> = {}) => {
      tokens.push({ type, text: text.slice(i, i + length), start: i, end: i + length, ...extra });
      i += length;
    };
    if (c === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= text.length) fail('This text has no closing quote (").', i, text.length);
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      push('string', j + 1 - i, { value });
      continue;
    }
    if (c === '[') {
      const { length, name, thisRow } = readColumn(text, i, fail);
      push('column', length, { value: name, thisRow });
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0 || text[close + 1] !== '!') fail("A quoted sheet name must be closed and followed by !, as in 'my sheet'!A1.", i);
      push('sheet', close + 2 - i, { value: text.slice(i + 1, close) });
      continue;
    }
    if (c === '#') {
      const m = ERROR_LITERAL.exec(rest);
      const prev = tokens[tokens.length - 1];
      // `A1#`: the spill of A1 (right after an address or a call's `)`, with no space).
      if (!m && prev && prev.end === i && (prev.type === 'a1' || prev.type === ')')) {
        push('op', 1);
        continue;
      }
      if (!m || !isErrorCode(m[0])) fail(`${rest.split(/[\s,)]/)[0]} is not an error value.`, i);
      push('error', m![0].length, { value: m![0].toUpperCase() as ErrorCode });
      continue;
    }
    const num = /\d|\./.test(c) ? NUMBER.exec(rest) : null;
    if (num) {
      push('number', num[0].length, { value: Number(num[0]) });
      continue;
    }
    const a1 = A1.exec(rest);
    if (a1) {
      push('a1', a1[0].length, { a1: { colAbs: a1[1] === '$', col: a1[2]!.toUpperCase(), rowAbs: a1[3] === '$', row: Number(a1[4]) } });
      continue;
    }
    const row = c === '$' ? /^\$[0-9]+(?![A-Za-z0-9_.])/.exec(rest) : null;
    if (row) {
      // `$47`: one end of a whole-row range (`$47:$47`); the parser accepts it only there.
      push('number', row[0].length, { value: Number(row[0].slice(1)) });
      continue;
    }
    if (c === '$') {
      const id = IDENT.exec(text.slice(i + 1));
      if (!id) fail('$ must be followed by a name, as in $target.', i);
      push('param', id![0].length + 1, { value: id![0] });
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      if (text[i + id[0].length] === '!') push('sheet', id[0].length + 1, { value: id[0] });
      else push('ident', id[0].length);
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      push('op', op.length);
      continue;
    }
    if ('(),;{}:'.includes(c)) {
      push(c as TokenType, 1);
      continue;
    }
    fail(`Unexpected character ${JSON.stringify(c)}.`, i);
  }
  tokens.push({ type: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}

/**
 * `[name]`, `[@name]`, `[@[name with ] inside]]`: Excel escapes `[`, `]`, `#` and `'` inside a
 * column name with a `'` in front.
 */
function readColumn(text: string, start: number, fail: (message: string, start: number, end?: number) => never): { length: number; name: string; thisRow: boolean } {
  let j = start + 1;
  const thisRow = text[j] === '@';
  if (thisRow) j++;
  const nested = text[j] === '[';
  if (nested) j++;
  let name = '';
  for (;;) {
    if (j >= text.length) fail('This column reference has no closing ].', start, text.length);
    const ch = text[j]!;
    if (ch === "'" && j + 1 < text.length) {
      name += text[j + 1];
      j += 2;
      continue;
    }
    if (ch === ']') break;
    name += ch;
    j++;
  }
  j++;
  if (nested) {
    if (text[j] !== ']') fail('This column reference has no closing ].', start, j);
    j++;
  }
  if (name.trim() === '') fail('A column reference needs a column name, as in [amount].', start, j);
  return { length: j - start, name: name.trim(), thisRow };
}

/** `A` → 0, `Z` → 25, `AA` → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → `A`, 26 → `AA`. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
