/**
 * Reading SQL text with DuckDB's own tokenizer (`AsyncDuckDB.tokenize`), so strings, comments
 * and quoted names are told apart exactly as DuckDB's parser does — no regex over the text.
 * DuckDB gives token starts and types; ends are recovered here from the text.
 */

/** DuckDB's token types (duckdb-wasm's `TokenType`). */
export type SqlTokenType = 'identifier' | 'number' | 'string' | 'operator' | 'keyword' | 'comment';

export interface SqlToken {
  type: SqlTokenType;
  start: number;
  end: number;
  /** The token's text as written (with quotes, for quoted identifiers). */
  text: string;
}

const TYPES: readonly SqlTokenType[] = ['identifier', 'number', 'string', 'operator', 'keyword', 'comment'];

/** Turns DuckDB's `{offsets, types}` into tokens with their text. */
export function toTokens(sql: string, raw: { offsets: readonly number[]; types: readonly number[] }): SqlToken[] {
  const tokens: SqlToken[] = [];
  for (let i = 0; i < raw.offsets.length; i++) {
    const start = raw.offsets[i]!;
    const type = TYPES[raw.types[i]!] ?? 'operator';
    const limit = raw.offsets[i + 1] ?? sql.length;
    const end = tokenEnd(sql, start, limit, type);
    tokens.push({ type, start, end, text: sql.slice(start, end) });
  }
  return tokens;
}

function tokenEnd(sql: string, start: number, limit: number, type: SqlTokenType): number {
  if (type === 'identifier' && sql[start] === '"') {
    for (let i = start + 1; i < limit; i++) {
      if (sql[i] === '"') {
        if (sql[i + 1] === '"') i++;
        else return i + 1;
      }
    }
    return limit;
  }
  if (type === 'identifier' || type === 'keyword') {
    const m = /^[\p{L}\p{N}_$]+/u.exec(sql.slice(start, limit));
    if (m) return start + m[0].length;
  }
  // Everything else runs to the next token, less the whitespace and comments between them.
  const rest = sql.slice(start, limit);
  const cut = rest.search(/\s|--|\/\*/);
  return type !== 'string' && cut > 0 ? start + cut : start + rest.trimEnd().length;
}

/** An identifier's name: unquoted (`"a""b"` → `a"b`), or as written. */
export function identifierName(token: SqlToken): string {
  return token.text.startsWith('"') ? token.text.slice(1, -1).replaceAll('""', '"') : token.text;
}

/** A `$name` parameter: DuckDB reads it as a `$` operator and the name right after it. */
export interface ParamRef {
  name: string;
  start: number;
  end: number;
}

export function paramRefs(tokens: readonly SqlToken[]): ParamRef[] {
  const refs: ParamRef[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const dollar = tokens[i]!;
    const name = tokens[i + 1]!;
    // DuckDB tokenizes names like day, text, limit and target as keywords: after `$` they are names too.
    if (dollar.type === 'operator' && dollar.text === '$' && name.start === dollar.end && (name.type === 'identifier' || name.type === 'keyword')) {
      refs.push({ name: identifierName(name), start: dollar.start, end: name.end });
    }
  }
  return refs;
}

/** `sql` with each span replaced; spans must not overlap. */
export function replaceSpans(sql: string, spans: readonly { start: number; end: number; text: string }[]): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    out += sql.slice(at, span.start) + span.text;
    at = span.end;
  }
  return out + sql.slice(at);
}
