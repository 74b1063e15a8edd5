// A small lexer for the names a statement reaches: identifier chains (`schema.table`) and the
// table a writing statement targets. DuckDB has no per-schema permissions and its
// parse tree in JSON covers SELECT only, so scope-check.ts checks a batch's text with this.

/** One token: an identifier (bare or quoted; `value` is its lowercase name), or anything else. */
export interface Token {
  kind: 'ident' | 'quoted' | 'string' | 'number' | 'punct' | 'param';
  value: string;
  start: number;
}

/** An identifier chain: `a`, `a.b`, `a.b.c` (lowercase parts), and the index of its first token. */
export interface Chain {
  parts: string[];
  at: number;
}

/** Statements of a batch, each as its tokens and its text. */
export interface Statement {
  tokens: Token[];
  text: string;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** The tokens of `sql`, without whitespace and comments; an unterminated string ends the text. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      const start = i;
      const escapes = c !== "'";
      i += escapes ? 2 : 1;
      while (i < n) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i++;
      tokens.push({ kind: 'string', value: sql.slice(start, i), start });
    } else if (c === '"') {
      const start = i;
      let value = '';
      i++;
      while (i < n) {
        if (sql[i] === '"' && sql[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (sql[i] === '"') break;
        else value += sql[i++];
      }
      i++;
      tokens.push({ kind: 'quoted', value: value.toLowerCase(), start });
    } else if (c === '$' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      // $name is a parameter; $tag$…$tag$ is a dollar-quoted string.
      const start = i;
      let j = i + 1;
      while (j < n && IDENT_PART.test(sql[j]!) && sql[j] !== '$') j++;
      if (sql[j] === '$') {
        const tag = sql.slice(i, j + 1);
        const end = sql.indexOf(tag, j + 1);
        i = end < 0 ? n : end + tag.length;
        tokens.push({ kind: 'string', value: sql.slice(start, i), start });
      } else {
        i = j;
        tokens.push({ kind: 'param', value: sql.slice(start, i), start });
      }
    } else if (c === '$' && sql[i + 1] === '$') {
      const end = sql.indexOf('$$', i + 2);
      const start = i;
      i = end < 0 ? n : end + 2;
      tokens.push({ kind: 'string', value: sql.slice(start, i), start });
    } else if (IDENT_START.test(c)) {
      const start = i;
      while (i < n && IDENT_PART.test(sql[i]!)) i++;
      tokens.push({ kind: 'ident', value: sql.slice(start, i).toLowerCase(), start });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < n && /[0-9A-Za-z_.]/.test(sql[i]!)) i++;
      tokens.push({ kind: 'number', value: sql.slice(start, i), start });
    } else {
      tokens.push({ kind: 'punct', value: c, start: i });
      i++;
    }
  }
  return tokens;
}

/** Splits a batch at its semicolons. */
export function statements(sql: string): Statement[] {
  const out: Statement[] = [];
  let current: Token[] = [];
  const tokens = tokenize(sql);
  const flush = (end: number) => {
    if (current.length > 0) out.push({ tokens: current, text: sql.slice(current[0]!.start, end) });
    current = [];
  };
  for (const t of tokens) {
    if (t.kind === 'punct' && t.value === ';') flush(t.start);
    else current.push(t);
  }
  flush(sql.length);
  return out;
}

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'ident' || t.kind === 'quoted');
const isDot = (t: Token | undefined) => t?.kind === 'punct' && t.value === '.';

/** The chain that starts at token `i`, or null when no identifier is there. */
export function chainAt(tokens: readonly Token[], i: number): Chain | null {
  if (!isName(tokens[i])) return null;
  const parts = [tokens[i]!.value];
  let j = i + 1;
  while (isDot(tokens[j]) && isName(tokens[j + 1])) {
    parts.push(tokens[j + 1]!.value);
    j += 2;
  }
  return { parts, at: i };
}

/** Every chain of two parts or more (not a tail of a longer one). */
export function dottedChains(tokens: readonly Token[]): Chain[] {
  const out: Chain[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (isDot(tokens[i - 1]) || !isName(tokens[i])) continue;
    const chain = chainAt(tokens, i)!;
    if (chain.parts.length > 1) out.push(chain);
    i += chain.parts.length * 2 - 2;
  }
  return out;
}

/**
 * The index of the first token after a leading `WITH [RECURSIVE] name [(columns)] AS [NOT]
 * [MATERIALIZED] (query), …` (0 when there is none), read by its structure: a CTE may be named
 * like a keyword (`WITH values AS (…) DELETE …`).
 */
function afterWith(tokens: readonly Token[]): number {
  if (tokens[0]?.value !== 'with' || tokens[0].kind !== 'ident') return 0;
  let i = tokens[1]?.value === 'recursive' ? 2 : 1;
  const skipParens = (j: number): number => {
    if (tokens[j]?.value !== '(') return j;
    let depth = 0;
    for (; j < tokens.length; j++) {
      if (tokens[j]!.kind !== 'punct') continue;
      if (tokens[j]!.value === '(') depth++;
      else if (tokens[j]!.value === ')' && --depth === 0) return j + 1;
    }
    return tokens.length;
  };
  for (;;) {
    i = skipParens(i + 1); // the name, then its column list if any
    while (tokens[i] && tokens[i]!.value !== '(' && i < tokens.length) i++; // AS [NOT] [MATERIALIZED]
    i = skipParens(i);
    if (tokens[i]?.value !== ',') return i;
    i++;
  }
}

/** What a statement is, for the scope check. */
export type Shape =
  | { kind: 'read' }
  /** It writes to `targets`; `create` when an unqualified target is new (goes to the namespace). */
  | { kind: 'write'; targets: Chain[]; create: boolean }
  /** It creates or drops a schema, or is a statement the scope check does not know. */
  | { kind: 'other'; head: string };

const READ_HEADS = new Set(['select', 'from', 'values', 'table', 'describe', 'desc', 'show', 'summarize', 'pivot', 'unpivot', 'explain', '(']);
const CREATE_KINDS = new Set(['table', 'view', 'macro', 'function', 'sequence', 'type', 'index', 'schema', 'secret', 'database']);
const SKIP = new Set(['or', 'replace', 'temp', 'temporary', 'persistent', 'unique', 'if', 'not', 'exists', 'materialized', 'only']);

/** Reads `[IF [NOT] EXISTS]`-style words, then a chain; returns the chain and the index after it. */
function targetAfter(tokens: readonly Token[], i: number): { chain: Chain | null; next: number } {
  while (tokens[i]?.kind === 'ident' && SKIP.has(tokens[i]!.value)) i++;
  const chain = chainAt(tokens, i);
  return { chain, next: chain ? i + chain.parts.length * 2 - 1 : i };
}

/** The shape of one statement: a read, a write and its targets, or something else. */
export function shapeOf(tokens: readonly Token[]): Shape {
  const start = afterWith(tokens);
  const head = tokens[start];
  const word = head?.kind === 'punct' ? head.value : (head?.value ?? '');
  const at = (k: number) => tokens[start + k]?.value;
  if (READ_HEADS.has(word)) {
    // EXPLAIN ANALYZE runs the statement it explains.
    if (word === 'explain') return shapeOf(tokens.slice(start + (at(1) === 'analyze' || at(1) === 'analyse' ? 2 : 1)));
    return { kind: 'read' };
  }
  const one = (offset: number): Shape => {
    const { chain } = targetAfter(tokens, start + offset);
    return chain ? { kind: 'write', targets: [chain], create: false } : { kind: 'other', head: word };
  };
  switch (word) {
    case 'insert': {
      let k = 1;
      while (at(k) !== undefined && at(k) !== 'into') k++;
      return one(k + 1);
    }
    case 'update':
      return one(1);
    case 'delete':
      return one(at(1) === 'from' ? 2 : 1);
    case 'truncate':
      return one(at(1) === 'table' ? 2 : 1);
    case 'merge':
      return one(at(1) === 'into' ? 2 : 1);
    case 'create': {
      let k = 1;
      while (tokens[start + k] && !CREATE_KINDS.has(at(k)!)) k++;
      const kind = at(k);
      if (kind === 'schema' || kind === 'secret' || kind === 'database' || kind === undefined) return { kind: 'other', head: `create ${kind ?? ''}`.trim() };
      if (kind === 'index') {
        // CREATE INDEX name ON table: the table is what changes.
        let j = start + k + 1;
        while (tokens[j] && tokens[j]!.value !== 'on') j++;
        const { chain } = targetAfter(tokens, j + 1);
        return chain ? { kind: 'write', targets: [chain], create: false } : { kind: 'other', head: 'create index' };
      }
      const { chain } = targetAfter(tokens, start + k + 1);
      return chain ? { kind: 'write', targets: [chain], create: true } : { kind: 'other', head: `create ${kind}` };
    }
    case 'drop': {
      const kind = at(1);
      if (kind === 'schema' || kind === 'secret' || kind === 'database') return { kind: 'other', head: `drop ${kind}` };
      const targets: Chain[] = [];
      // DROP MACRO TABLE name
      let { chain, next } = targetAfter(tokens, start + (kind === 'macro' && at(2) === 'table' ? 3 : 2));
      while (chain) {
        targets.push(chain);
        if (tokens[next]?.value !== ',') break;
        ({ chain, next } = targetAfter(tokens, next + 1));
      }
      return targets.length ? { kind: 'write', targets, create: false } : { kind: 'other', head: 'drop' };
    }
    case 'alter':
      return at(1) === 'schema' || at(1) === 'database' ? { kind: 'other', head: `alter ${at(1)}` } : one(2);
    case 'comment':
      // COMMENT ON TABLE|VIEW|COLUMN x
      return one(3);
    case 'analyze':
    case 'analyse':
    case 'vacuum':
    case 'call':
    case 'checkpoint':
      return { kind: 'read' };
    default:
      return { kind: 'other', head: word };
  }
}
