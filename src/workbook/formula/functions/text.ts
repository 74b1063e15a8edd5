import { quoteLiteral } from '../../../engine';
import type { FunctionSpec, ScalarArg, SqlFunctionContext } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { aggregate, errCode, errorExpr, errWhen, num, rangeErr, result, text } from '../sql/coerce';
import { expr, isSqlRange, type SqlArg, type SqlExpr } from '../sql/types';
import { dateParts, isDate, NUMBER_TEXT, parseIsoDate, parseNumberText, toText, trimSpaces, type DateParts, type Scalar } from '../values';
import { arg, argValues, booleanArg, firstError, numberArg, sqlArg, sqlBool, sqlNum, sqlText, textArg } from './helpers';
import { sqlBranches } from './logic';
import { roundDigits, sqlRoundDigits } from './math';

// Text positions count characters (Unicode code points, as DuckDB's string functions do), from 1.
// Whole-number arguments (positions, counts, instances) are truncated toward zero, as Excel does.

type SqlArgs = (SqlArg | undefined)[];

/** The characters of a text, as DuckDB counts them. */
export function chars(s: string): string[] {
  return [...s];
}

const valueError = (message: string) => new FormulaError('#VALUE!', message);

type Coerced<T extends readonly unknown[]> = { [K in keyof T]: Exclude<T[K], FormulaError> };

/** Coerced arguments, or the first error among them, so the forms below read them without casts. */
function coerced<T extends readonly unknown[]>(...values: T): Coerced<T> | FormulaError {
  return firstError(...values) ?? (values as unknown as Coerced<T>);
}

/** A quoted text for messages. */
function quoted(s: string): string {
  return `"${s.length > 30 ? `${s.slice(0, 27)}…` : s}"`;
}

// ---- SQL building blocks

/** A whole number (truncated) as a BIGINT, clamped so that no cast or string function can overflow. */
function sqlInt(x: string): string {
  return `CAST(least(greatest(trunc(${x}), -1e9), 1e9) AS BIGINT)`;
}

/** `body` over `value` computed once per row: DuckDB has no LET, so a one-element list and a lambda bind it. */
function sqlLet(ctx: SqlFunctionContext, value: string, body: (name: string) => string): string {
  // A column or a constant is read again as cheaply as a bound name.
  if (/^(\w+\.)?("([^"]|"")*"|\w+)$|^'([^']|'')*'$/.test(value)) return body(value);
  const name = ctx.alias();
  return `list_transform([${value}], lambda ${name}: ${body(name)})[1]`;
}

/** A text argument's constant value, when SQL knows it while compiling. */
function constantText(a: SqlExpr): string | undefined {
  if (a.constant === undefined || isFormulaError(a.constant)) return undefined;
  const t = toText(a.constant);
  return isFormulaError(t) ? undefined : t;
}

// ---- case, one character at a time

// DuckDB's upper() and lower() map each character to one character (Unicode's simple case
// mapping); JavaScript's may give several (ß → SS). These are the simple mappings JavaScript lacks.
const SIMPLE_UPPER = new Map<number, number>([
  [0xdf, 0x1e9e],
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);
const ASCII = /^[\x00-\x7f]*$/;

function upperChar(c: string): string {
  const u = c.toUpperCase();
  if (chars(u).length === 1) return u;
  const cp = c.codePointAt(0)!;
  // Greek letters with ypogegrammeni (ᾀ …) take their titlecase form, 8 code points on.
  const greek = [0x1f80, 0x1f90, 0x1fa0].includes(cp & 0xfff8) ? cp + 8 : undefined;
  const mapped = SIMPLE_UPPER.get(cp) ?? greek;
  return mapped === undefined ? c : String.fromCodePoint(mapped);
}

function lowerChar(c: string): string {
  const l = c.toLowerCase();
  if (chars(l).length === 1) return l;
  return c === '\u0130' ? 'i' : c;
}

/** Upper case as DuckDB's upper() writes it. */
function upperText(s: string): string {
  return ASCII.test(s) ? s.toUpperCase() : chars(s).map(upperChar).join('');
}

/** Lower case as DuckDB's lower() writes it (so positions stay where they were). */
function lowerText(s: string): string {
  return ASCII.test(s) ? s.toLowerCase() : chars(s).map(lowerChar).join('');
}

/** Where `needle` first occurs in `hay`, in characters from 0; -1 when it does not. */
function indexIn(hay: string, needle: string): number {
  const i = hay.indexOf(needle);
  return i < 0 ? -1 : chars(hay.slice(0, i)).length;
}

// ---- MID, REPLACE

const MID: FunctionSpec = {
  name: 'MID',
  category: 'text',
  summary: 'Characters from the middle of a text: from a position (1 is the first character), this many.',
  params: [{ name: 'text' }, { name: 'start' }, { name: 'count' }],
  example: { formula: '=MID("Cellar door", 2, 3)', result: 'ell' },
  scalar(args) {
    const v = coerced(textArg(args, 0), numberArg(args, 1), numberArg(args, 2));
    if (isFormulaError(v)) return v;
    const [t, start, count] = [v[0], Math.trunc(v[1]), Math.trunc(v[2])];
    if (start < 1) return valueError('MID: the start must be 1 or more.');
    if (count < 0) return valueError('MID: the count cannot be negative.');
    return chars(t)
      .slice(start - 1, start - 1 + count)
      .join('');
  },
  sql(args) {
    const [t, s, n] = [sqlText(args, 0), sqlNum(args, 1), sqlNum(args, 2)];
    const bad = `(trunc(${s.sql}) < 1 OR trunc(${n.sql}) < 0)`;
    return result(`CASE WHEN ${bad} THEN NULL ELSE substring(${t.sql}, ${sqlInt(s.sql)}, ${sqlInt(n.sql)}) END`, 'text', [t, s, n, errWhen(bad, '#VALUE!')]);
  },
};

const REPLACE: FunctionSpec = {
  name: 'REPLACE',
  category: 'text',
  summary: 'Replaces a number of characters, from a position on, with another text.',
  params: [{ name: 'text' }, { name: 'start' }, { name: 'count' }, { name: 'new_text' }],
  example: { formula: '=REPLACE("2024-03", 1, 4, "1999")', result: '1999-03' },
  scalar(args) {
    const v = coerced(textArg(args, 0), numberArg(args, 1), numberArg(args, 2), textArg(args, 3));
    if (isFormulaError(v)) return v;
    const [t, start, count, r] = [v[0], Math.trunc(v[1]), Math.trunc(v[2]), v[3]];
    if (start < 1) return valueError('REPLACE: the start must be 1 or more.');
    if (count < 0) return valueError('REPLACE: the count cannot be negative.');
    const cs = chars(t);
    return cs.slice(0, start - 1).join('') + r + cs.slice(start - 1 + count).join('');
  },
  sql(args) {
    const [t, s, n, r] = [sqlText(args, 0), sqlNum(args, 1), sqlNum(args, 2), sqlText(args, 3)];
    const bad = `(trunc(${s.sql}) < 1 OR trunc(${n.sql}) < 0)`;
    const [start, count] = [sqlInt(s.sql), sqlInt(n.sql)];
    const value = `left(${t.sql}, ${start} - 1) || ${r.sql} || substring(${t.sql}, ${start} + ${count})`;
    return result(`CASE WHEN ${bad} THEN NULL ELSE ${value} END`, 'text', [t, s, n, r, errWhen(bad, '#VALUE!')]);
  },
};

// ---- FIND, SEARCH

/** Whether a SEARCH pattern has a wildcard: `*` or `?` not escaped by `~`. */
function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern.replace(/~[*?~]/g, ''));
}

/** A pattern's `~*`, `~?` and `~~` as the characters themselves. */
function unescapeWildcards(pattern: string): string {
  return pattern.replace(/~([*?~])/g, '$1');
}

/** A wildcard pattern read left to right: `*` any run of characters, `?` one, `~` escapes the next of `*?~`. */
function wildcardTokens(pattern: string): ({ literal: string } | { wildcard: '*' | '?' })[] {
  const cs = chars(pattern);
  const out: ({ literal: string } | { wildcard: '*' | '?' })[] = [];
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (c === '~' && '*?~'.includes(cs[i + 1] ?? 'x')) out.push({ literal: cs[++i]! });
    else if (c === '*' || c === '?') out.push({ wildcard: c });
    else out.push({ literal: c });
  }
  return out;
}

/** The pattern as a JavaScript regular expression (code points; `.` takes line breaks too). */
function wildcardRegExp(pattern: string): RegExp {
  const source = wildcardTokens(pattern)
    .map((t) => ('wildcard' in t ? (t.wildcard === '*' ? '.*' : '.') : t.literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')))
    .join('');
  return new RegExp(source, 'su');
}

/** The pattern as an RE2 expression whose group 1 is the text before the first match. */
function wildcardRe2(pattern: string): string {
  const source = wildcardTokens(pattern)
    .map((t) => ('wildcard' in t ? (t.wildcard === '*' ? '.*' : '.') : t.literal.replace(/[!-/:-@[-`{-~]/g, '\\$&')))
    .join('');
  return `(?s)^(.*?)${source}`;
}

/** Where SEARCH's pattern first matches `hay`, in characters from 0, case-insensitively; -1 when nowhere. */
function searchIn(hay: string, pattern: string): number {
  const h = lowerText(hay);
  const p = lowerText(pattern);
  if (!hasWildcard(p)) return indexIn(h, unescapeWildcards(p));
  const m = wildcardRegExp(p).exec(h);
  return m ? chars(h.slice(0, m.index)).length : -1;
}

/** SEARCH's position in SQL (1-based within `hay`, NULL when not found); `hay` and the pattern are lower-cased. */
function sqlSearchIn(hay: string, find: SqlExpr): string {
  const known = constantText(find);
  if (known !== undefined) {
    const p = lowerText(known);
    if (!hasWildcard(p)) return `NULLIF(instr(${hay}, lower(${quoteLiteral(unescapeWildcards(p))})), 0)`;
    const re = `lower(${quoteLiteral(wildcardRe2(p))})`;
    return `CASE WHEN regexp_matches(${hay}, ${re}) THEN length(regexp_extract(${hay}, ${re}, 1)) + 1 END`;
  }
  // A pattern that varies by row: the same reading, in SQL. Control characters 1–3 stand in for
  // the escaped `*`, `?` and `~` while the rest is escaped (criteria.ts does the same).
  const p = `lower(${find.sql})`;
  const marked = `replace(replace(replace(${p}, '~~', chr(3)), '~*', chr(1)), '~?', chr(2))`;
  const wild = `(contains(${marked}, '*') OR contains(${marked}, '?'))`;
  const plain = `replace(replace(replace(${marked}, chr(1), '*'), chr(2), '?'), chr(3), '~')`;
  const escaped = `replace(replace(regexp_escape(${marked}), '\\*', '.*'), '\\?', '.')`;
  const re = `'(?s)^(.*?)' || replace(replace(replace(${escaped}, chr(1), '*'), chr(2), '?'), chr(3), '~')`;
  return `CASE WHEN ${wild} THEN (CASE WHEN regexp_matches(${hay}, ${re}) THEN length(regexp_extract(${hay}, ${re}, 1)) + 1 END) ELSE NULLIF(instr(${hay}, ${plain}), 0) END`;
}

/** FIND (case-sensitive, no wildcards) and SEARCH (case-insensitive, wildcards). */
function finder(name: 'FIND' | 'SEARCH'): FunctionSpec {
  const find = name === 'FIND';
  return {
    name,
    category: 'text',
    summary: find
      ? 'Where a text first occurs in another, from 1, case-sensitively; #VALUE! when it does not.'
      : 'Where a text first occurs in another, from 1, ignoring case; * and ? are wildcards (~* a star); #VALUE! when it does not.',
    params: [{ name: 'find_text' }, { name: 'within_text' }, { name: 'start', optional: true }],
    notes: find ? undefined : 'Upper and lower case are compared character by character, as LOWER writes them.',
    example: find ? { formula: '=FIND("l", "Cellar")', result: '3' } : { formula: '=SEARCH("L?R", "Cellar")', result: '4' },
    scalar(args) {
      const v = coerced(textArg(args, 0), textArg(args, 1), numberArg(args, 2, 1));
      if (isFormulaError(v)) return v;
      const [f, cs, start] = [v[0], chars(v[1]), Math.trunc(v[2])];
      if (start < 1 || start > cs.length) return valueError(`${name}: the start must be between 1 and the length of the text.`);
      const rest = cs.slice(start - 1).join('');
      const i = find ? indexIn(rest, f) : searchIn(rest, f);
      return i < 0 ? valueError(`${name}: ${quoted(f)} was not found.`) : start + i;
    },
    sql(args) {
      const [f, w, s] = [sqlText(args, 0), sqlText(args, 1), sqlNum(args, 2, 1)];
      const start = sqlInt(s.sql);
      const rest = `substring(${w.sql}, ${start})`;
      const pos = find ? `NULLIF(instr(${rest}, ${f.sql}), 0)` : sqlSearchIn(`lower(${rest})`, f);
      const bad = `(trunc(${s.sql}) < 1 OR trunc(${s.sql}) > length(${w.sql}))`;
      const value = `CASE WHEN ${bad} THEN NULL ELSE CAST(${start} - 1 + ${pos} AS DOUBLE) END`;
      return result(value, 'number', [f, w, s, errWhen(`${bad} OR ${value} IS NULL`, '#VALUE!')]);
    },
  };
}

// ---- SUBSTITUTE

const SUBSTITUTE: FunctionSpec = {
  name: 'SUBSTITUTE',
  category: 'text',
  summary: 'Replaces a text wherever it occurs in another (case-sensitively), or only its nth occurrence.',
  params: [{ name: 'text' }, { name: 'old_text' }, { name: 'new_text' }, { name: 'instance', optional: true }],
  example: { formula: '=SUBSTITUTE("a-b-c", "-", "+", 2)', result: 'a-b+c' },
  scalar(args) {
    const v = coerced(textArg(args, 0), textArg(args, 1), textArg(args, 2), args[3] === undefined ? undefined : numberArg(args, 3));
    if (isFormulaError(v)) return v;
    const [text, old, by, n] = v;
    const k = n === undefined ? undefined : Math.trunc(n);
    if (k !== undefined && k < 1) return valueError('SUBSTITUTE: the instance must be 1 or more.');
    if (old === '') return text;
    const parts = text.split(old);
    if (k === undefined) return parts.join(by);
    if (k >= parts.length) return text;
    return parts.slice(0, k).join(old) + by + parts.slice(k).join(old);
  },
  sql(args, ctx) {
    const [t, o, r] = [sqlText(args, 0), sqlText(args, 1), sqlText(args, 2)];
    if (args[3] === undefined) return result(`replace(${t.sql}, ${o.sql}, ${r.sql})`, 'text', [t, o, r]);
    const n = sqlNum(args, 3);
    const k = sqlInt(n.sql);
    // The nth occurrence starts after the first n parts of the text split at old_text.
    const replaced = sqlLet(ctx, `string_split(${t.sql}, ${o.sql})`, (parts) => {
      const x = ctx.alias();
      const pos = `CAST(list_sum(list_transform(list_slice(${parts}, 1, ${k}), lambda ${x}: length(${x}))) + (${k} - 1) * length(${o.sql}) AS BIGINT)`;
      return `CASE WHEN ${k} >= len(${parts}) THEN ${t.sql} ELSE left(${t.sql}, ${pos}) || ${r.sql} || substring(${t.sql}, ${pos} + length(${o.sql}) + 1) END`;
    });
    const bad = `trunc(${n.sql}) < 1`;
    const value = `CASE WHEN ${bad} THEN NULL WHEN ${o.sql} = '' THEN ${t.sql} ELSE ${replaced} END`;
    return result(value, 'text', [t, o, r, n, errWhen(bad, '#VALUE!')]);
  },
};

// ---- joining: CONCAT, CONCATENATE, TEXTJOIN

/** The texts of values and ranges joined with a delimiter, empty ones left out when asked. */
function joinScalar(items: readonly ScalarArg[], delimiter: string, ignoreEmpty: boolean): string | FormulaError {
  const out: string[] = [];
  for (const { value } of argValues(items)) {
    const t = toText(value);
    if (isFormulaError(t)) return t;
    if (ignoreEmpty && t === '') continue;
    out.push(t);
  }
  return out.join(delimiter);
}

/**
 * joinScalar in SQL. A range is one aggregate over its table, in row order where the table has
 * one: string_agg when the delimiter is a constant (DuckDB needs one there), else a list
 * folded with it. concat_ws leaves out the NULL pieces (a range with no rows, an ignored empty).
 */
function sqlJoin(items: SqlArgs, delimiter: SqlExpr, ignoreEmpty: string, ctx: SqlFunctionContext): SqlExpr {
  const known = constantText(delimiter);
  const pieces: string[] = [];
  const errs: (string | null)[] = [delimiter.err];
  for (const a of items) {
    if (a === undefined) continue;
    if (isSqlRange(a)) {
      const t = text(a.columns[0]!).sql;
      const filter = `FILTER (WHERE NOT (${ignoreEmpty}) OR ${t} <> '')`;
      const order = a.ordered ? ` ORDER BY ${a.alias}.rowid` : '';
      if (known !== undefined) pieces.push(aggregate(a, `string_agg(${t}, ${quoteLiteral(known)}${order}) ${filter}`));
      else {
        const [l, x, y] = [ctx.alias(), ctx.alias(), ctx.alias()];
        const list = aggregate(a, `list(${t}${order}) ${filter}`);
        pieces.push(`list_transform([${list}], lambda ${l}: CASE WHEN len(${l}) > 0 THEN list_reduce(${l}, lambda ${x}, ${y}: ${x} || ${delimiter.sql} || ${y}) END)[1]`);
      }
      errs.push(rangeErr(a));
    } else {
      const t = text(a);
      pieces.push(`CASE WHEN (${ignoreEmpty}) AND ${t.sql} = '' THEN NULL ELSE ${t.sql} END`);
      errs.push(t.err);
    }
  }
  return result(pieces.length ? `concat_ws(${delimiter.sql}, ${pieces.join(', ')})` : "''", 'text', errs);
}

const CONCAT: FunctionSpec = {
  name: 'CONCAT',
  category: 'text',
  summary: 'Joins texts (and the values of ranges) into one text, as & does.',
  params: [{ name: 'text', kind: 'range' }],
  repeat: 1,
  notes: 'A table column joins in row order. Unlike Excel, a result longer than 32,767 characters is kept.',
  example: { formula: '=CONCAT("Cel", "lar", 2)', result: 'Cellar2' },
  scalar: (args) => joinScalar(args, '', false),
  sql: (args, ctx) => sqlJoin(args, textConstant(''), 'FALSE', ctx),
};

const CONCATENATE: FunctionSpec = {
  name: 'CONCATENATE',
  category: 'text',
  summary: 'Joins texts into one text, as & does (CONCAT also takes ranges).',
  params: [{ name: 'text' }],
  repeat: 1,
  example: { formula: '=CONCATENATE("Cel", "lar ", 2)', result: 'Cellar 2' },
  scalar: (args) => joinScalar(args, '', false),
  sql: (args, ctx) => sqlJoin(args, textConstant(''), 'FALSE', ctx),
};

const TEXTJOIN: FunctionSpec = {
  name: 'TEXTJOIN',
  category: 'text',
  summary: 'Joins texts and the values of ranges with a delimiter between them, leaving out empty ones when ignore_empty is TRUE.',
  params: [{ name: 'delimiter' }, { name: 'ignore_empty' }, { name: 'text', kind: 'range' }],
  repeat: 1,
  notes: 'A table column joins in row order. The delimiter is one text (Excel also takes a range of delimiters). Unlike Excel, a result longer than 32,767 characters is kept.',
  example: { formula: '=TEXTJOIN(", ", TRUE, "a", "", "b")', result: 'a, b' },
  scalar(args) {
    const v = coerced(textArg(args, 0), booleanArg(args, 1));
    return isFormulaError(v) ? v : joinScalar(args.slice(2), v[0], v[1]);
  },
  sql: (args, ctx) => sqlJoin(args.slice(2), sqlText(args, 0), sqlBool(args, 1).sql, ctx),
};

/** A constant text as SQL, for the joins' fixed delimiters. */
function textConstant(s: string): SqlExpr {
  return { ...expr(quoteLiteral(s), 'text'), constant: s };
}

// ---- one text in, one text out: TRIM, UPPER, LOWER, PROPER, CLEAN

function textToText(name: string, summary: string, example: FunctionSpec['example'], scalar: (t: string) => string, sql: (t: string, ctx: SqlFunctionContext) => string, notes?: string): FunctionSpec {
  return {
    name,
    category: 'text',
    summary,
    params: [{ name: 'text' }],
    notes,
    example,
    scalar(args) {
      const t = textArg(args, 0);
      return isFormulaError(t) ? t : scalar(t);
    },
    sql(args, ctx) {
      const t = sqlText(args, 0);
      return result(sql(t.sql, ctx), 'text', [t]);
    },
  };
}

/** PROPER: each letter after a non-letter upper case, the others lower case. A letter is a character with case. */
function proper(t: string): string {
  let out = '';
  let afterLetter = false;
  for (const c of chars(lowerText(t))) {
    out += afterLetter ? c : upperChar(c);
    afterLetter = upperChar(c) !== c;
  }
  return out;
}

function sqlProper(t: string, ctx: SqlFunctionContext): string {
  return sqlLet(ctx, `string_split(lower(${t}), '')`, (cs) => {
    const [c, i] = [ctx.alias(), ctx.alias()];
    return `array_to_string(list_transform(${cs}, lambda ${c}, ${i}: CASE WHEN ${i} > 1 AND upper(${cs}[${i} - 1]) <> ${cs}[${i} - 1] THEN ${c} ELSE upper(${c}) END), '')`;
  });
}

const CONTROL_CHARACTERS = /[\x00-\x1f]/g;
const SQL_CONTROL_CHARACTERS = Array.from({ length: 32 }, (_, i) => `chr(${i})`).join(' || ');

const ONE_TEXT: FunctionSpec[] = [
  textToText(
    'TRIM',
    'Removes spaces from both ends of a text and turns every run of spaces inside it into one space.',
    { formula: '=TRIM("  two   words ")', result: 'two words' },
    (t) => t.replace(/ +/g, ' ').replace(/^ | $/g, ''),
    (t, ctx) => {
      const w = ctx.alias();
      return `COALESCE(array_to_string(list_filter(string_split(${t}, ' '), lambda ${w}: ${w} <> ''), ' '), '')`;
    },
    'Only the space character is removed, as in Excel; tabs, line breaks and non-breaking spaces stay.',
  ),
  textToText('UPPER', 'The text in upper case.', { formula: '=UPPER("Cellar")', result: 'CELLAR' }, upperText, (t) => `upper(${t})`, 'Each character maps to one character, so ß becomes ẞ (not SS).'),
  textToText('LOWER', 'The text in lower case.', { formula: '=LOWER("Cellar")', result: 'cellar' }, lowerText, (t) => `lower(${t})`),
  textToText(
    'PROPER',
    'Capitalizes the first letter of each word (any letter after a character that is not a letter) and lower-cases the rest.',
    { formula: '=PROPER("2-way STREET")', result: '2-Way Street' },
    proper,
    sqlProper,
    'A letter here is a character with upper and lower case forms: after a digit, punctuation or a character without case (such as Chinese), the next letter is capitalized.',
  ),
  textToText(
    'CLEAN',
    'Removes the non-printing characters 0 to 31 (line breaks, tabs …) from a text.',
    { formula: '=CLEAN("a" & CHAR(10) & "b")', result: 'ab' },
    (t) => t.replace(CONTROL_CHARACTERS, ''),
    (t) => `translate(${t}, ${SQL_CONTROL_CHARACTERS}, '')`,
  ),
];

// ---- REPT, EXACT

const MAX_TEXT = 32767;

const REPT: FunctionSpec = {
  name: 'REPT',
  category: 'text',
  summary: 'A text repeated a number of times; #VALUE! for a negative count or a result over 32,767 characters.',
  params: [{ name: 'text' }, { name: 'count' }],
  example: { formula: '=REPT("ab", 3)', result: 'ababab' },
  scalar(args) {
    const v = coerced(textArg(args, 0), numberArg(args, 1));
    if (isFormulaError(v)) return v;
    const [t, count] = [v[0], Math.trunc(v[1])];
    if (count < 0) return valueError('REPT: the count cannot be negative.');
    if (chars(t).length * count > MAX_TEXT) return valueError(`REPT: the result would be longer than ${MAX_TEXT} characters.`);
    return t.repeat(count);
  },
  sql(args) {
    const [t, n] = [sqlText(args, 0), sqlNum(args, 1)];
    const bad = `(trunc(${n.sql}) < 0 OR length(${t.sql}) * trunc(${n.sql}) > ${MAX_TEXT})`;
    // An empty text repeats to nothing at once, whatever the count.
    const count = `CASE WHEN ${t.sql} = '' THEN 0 ELSE ${sqlInt(n.sql)} END`;
    return result(`CASE WHEN ${bad} THEN NULL ELSE repeat(${t.sql}, ${count}) END`, 'text', [t, n, errWhen(bad, '#VALUE!')]);
  },
};

const EXACT: FunctionSpec = {
  name: 'EXACT',
  category: 'text',
  summary: 'TRUE when two texts are the same, case included.',
  params: [{ name: 'text1' }, { name: 'text2' }],
  example: { formula: '=EXACT("Cellar", "cellar")', result: 'FALSE' },
  scalar(args) {
    const [a, b] = [textArg(args, 0), textArg(args, 1)];
    return firstError(a, b) ?? a === b;
  },
  sql(args) {
    const [a, b] = [sqlText(args, 0), sqlText(args, 1)];
    return result(`(${a.sql} = ${b.sql})`, 'boolean', [a, b]);
  },
};

// ---- character codes: CHAR, CODE, UNICHAR, UNICODE

/** Windows-1252's characters 128–159, where it differs from Latin-1 (the others are the same code points). */
const CP1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
  0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const SQL_CP1252 = `[${CP1252.join(', ')}]`;

const CHAR: FunctionSpec = {
  name: 'CHAR',
  category: 'text',
  summary: 'The character with a code from 1 to 255, in the Windows character set (CHAR(10) is a line break).',
  params: [{ name: 'number' }],
  notes: 'Codes 128–159 are the Windows-1252 characters (CHAR(128) is €), as Excel for Windows has them.',
  example: { formula: '=CHAR(65)', result: 'A' },
  scalar(args) {
    const n = numberArg(args, 0);
    if (isFormulaError(n)) return n;
    const code = Math.trunc(n);
    if (code < 1 || code > 255) return valueError('CHAR: the code must be between 1 and 255.');
    return String.fromCodePoint(code >= 128 && code <= 159 ? CP1252[code - 128]! : code);
  },
  sql(args) {
    const n = sqlNum(args, 0);
    const bad = `NOT (trunc(${n.sql}) BETWEEN 1 AND 255)`;
    const code = `CAST(trunc(${n.sql}) AS INTEGER)`;
    const value = `chr(CASE WHEN ${code} BETWEEN 128 AND 159 THEN ${SQL_CP1252}[${code} - 127] ELSE ${code} END)`;
    return result(`CASE WHEN ${bad} THEN NULL ELSE ${value} END`, 'text', [n, errWhen(bad, '#VALUE!')]);
  },
};

const CODE: FunctionSpec = {
  name: 'CODE',
  category: 'text',
  summary: "The Windows character set's code of a text's first character (63, a question mark, for characters it lacks).",
  params: [{ name: 'text' }],
  notes: 'Use UNICODE for any character’s Unicode code point.',
  example: { formula: '=CODE("A")', result: '65' },
  scalar(args) {
    const t = textArg(args, 0);
    if (isFormulaError(t)) return t;
    if (t === '') return valueError('CODE of an empty text.');
    const cp = t.codePointAt(0)!;
    if (cp < 128 || (cp >= 160 && cp <= 255)) return cp;
    const i = CP1252.indexOf(cp);
    return i < 0 ? 63 : 128 + i;
  },
  sql(args) {
    const t = sqlText(args, 0);
    const cp = `unicode(${t.sql})`;
    const value = `CAST(CASE WHEN ${cp} < 128 OR ${cp} BETWEEN 160 AND 255 THEN ${cp} ELSE COALESCE(list_position(${SQL_CP1252}, ${cp}) + 127, 63) END AS DOUBLE)`;
    return result(`CASE WHEN ${t.sql} = '' THEN NULL ELSE ${value} END`, 'number', [t, errWhen(`${t.sql} = ''`, '#VALUE!')]);
  },
};

const UNICHAR: FunctionSpec = {
  name: 'UNICHAR',
  category: 'text',
  summary: 'The character with a Unicode code point (UNICHAR(8364) is €); #N/A for a surrogate half.',
  params: [{ name: 'number' }],
  example: { formula: '=UNICHAR(9731)', result: '☃' },
  scalar(args) {
    const n = numberArg(args, 0);
    if (isFormulaError(n)) return n;
    const code = Math.trunc(n);
    if (code < 1 || code > 0x10ffff) return valueError('UNICHAR: the code point must be between 1 and 1114111.');
    if (code >= 0xd800 && code <= 0xdfff) return new FormulaError('#N/A', 'UNICHAR: a surrogate half is not a character.');
    return String.fromCodePoint(code);
  },
  sql(args) {
    const n = sqlNum(args, 0);
    const code = `trunc(${n.sql})`;
    const outside = `NOT (${code} BETWEEN 1 AND 1114111)`;
    const surrogate = `(${code} BETWEEN 55296 AND 57343)`;
    const err = `CASE WHEN ${outside} THEN ${errCode('#VALUE!')} WHEN ${surrogate} THEN ${errCode('#N/A')} END`;
    return result(`CASE WHEN ${outside} OR ${surrogate} THEN NULL ELSE chr(CAST(${code} AS INTEGER)) END`, 'text', [n, err]);
  },
};

const UNICODE: FunctionSpec = {
  name: 'UNICODE',
  category: 'text',
  summary: "The Unicode code point of a text's first character.",
  params: [{ name: 'text' }],
  example: { formula: '=UNICODE("€")', result: '8364' },
  scalar(args) {
    const t = textArg(args, 0);
    if (isFormulaError(t)) return t;
    return t === '' ? valueError('UNICODE of an empty text.') : t.codePointAt(0)!;
  },
  sql(args) {
    const t = sqlText(args, 0);
    return result(`CASE WHEN ${t.sql} = '' THEN NULL ELSE CAST(unicode(${t.sql}) AS DOUBLE) END`, 'number', [t, errWhen(`${t.sql} = ''`, '#VALUE!')]);
  },
};

// ---- numbers as text: FIXED, TEXT

/** The decimal exponent of a finite number, as its 15-significant-digit form writes it. */
function exponentOf(a: number): number {
  return Number(a.toExponential(14).split('e')[1]);
}

interface DecimalOptions {
  decimals: number;
  commas: boolean;
  percent: boolean;
  /** 'value': a minus sign whenever the number is negative (TEXT shows -0.00); 'rounded': only if it is after rounding (FIXED). */
  sign: 'value' | 'rounded';
}

/**
 * A number written with a fixed number of decimals, rounded half away from zero on its 15
 * significant digits (as ROUND rounds), and written from those digits, never from the binary
 * double: 123456789012345678 is 123456789012346000, as Excel shows it. Undefined when not finite.
 */
function decimalText(x: number, o: DecimalOptions): string | undefined {
  const a = Math.abs(x) * (o.percent ? 100 : 1);
  if (!Number.isFinite(a)) return undefined;
  // Where every significant digit is left of the last decimal there is nothing to round.
  const r = exponentOf(a) + o.decimals >= 15 ? a : roundDigits(a, o.decimals, 'nearest');
  const [mantissa, e] = r.toExponential(14).split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(e);
  const whole = exponent >= 0 ? digits.slice(0, exponent + 1).padEnd(exponent + 1, '0') : '0';
  const fraction = (exponent >= 0 ? digits.slice(exponent + 1) : '0'.repeat(-exponent - 1) + digits).padEnd(o.decimals, '0').slice(0, Math.max(0, o.decimals));
  const negative = x < 0 && (o.sign === 'value' || r > 0);
  const grouped = o.commas ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return `${negative ? '-' : ''}${grouped}${o.decimals > 0 ? `.${fraction}` : ''}${o.percent ? '%' : ''}`;
}

/** decimalText's options in SQL: a constant is written into the SQL, anything else is an expression. */
interface SqlDecimalOptions {
  /** A whole number from -127 to 127 (SQL). */
  decimals: string;
  commas: boolean | string;
  percent: boolean | string;
  sign: 'value' | 'rounded';
}

const sqlFlag = (f: boolean | string) => (typeof f === 'boolean' ? (f ? 'TRUE' : 'FALSE') : f);

/** `then` where the flag holds, else `otherwise`; no CASE when the flag is a constant. */
function sqlIf(flag: boolean | string, then: string, otherwise: string): string {
  return typeof flag === 'boolean' ? (flag ? then : otherwise) : `CASE WHEN ${flag} THEN ${then} ELSE ${otherwise} END`;
}

/** Digits in groups of three, as `whole.replace(/\B(?=(\d{3})+$)/g, ',')` writes them. */
function sqlThousands(whole: string, ctx: SqlFunctionContext): string {
  return sqlLet(ctx, whole, (w) => {
    const k = ctx.alias();
    const first = `((length(${w}) - 1) % 3 + 1)`;
    return `array_to_string(list_transform(range(0, (length(${w}) + 2) // 3), lambda ${k}: CASE WHEN ${k} = 0 THEN left(${w}, ${first}) ELSE substring(${w}, ${first} + 1 + (${k} - 1) * 3, 3) END), ',')`;
  });
}

/**
 * decimalText in SQL, `x` being cheap to read again (a column, or a bound name). Below 10^15 (at
 * the decimals asked) the rounded number has at most 15 significant digits, which printf writes
 * exactly: the fast path. Larger ones are written from `printf('%.14e')`'s digits, which are
 * toExponential(14)'s. NULL when not finite.
 */
function sqlDecimalText(x: string, o: SqlDecimalOptions, ctx: SqlFunctionContext): string {
  const d = o.decimals;
  const a = o.percent === false ? `abs(${x})` : `(abs(${x}) * ${sqlIf(o.percent, '100', '1')})`;
  // Where every significant digit is left of the last decimal there is nothing to round (and
  // shifting the digits further could overflow). The rounding stays outside the lambda below:
  // DuckDB runs it several times faster there.
  const rounded = `CASE WHEN ${a} >= pow(10, 15 - ${d}) THEN ${a} ELSE ${sqlRoundDigits(a, d, 'nearest')} END`;
  const text = sqlLet(ctx, rounded, (r) => {
    const places = `CAST(greatest(${d}, 0) AS INTEGER)`;
    const fast = sqlIf(o.commas, `printf('%,.*f', ${places}, ${r})`, `printf('%.*f', ${places}, ${r})`);
    const negative = o.sign === 'value' ? `${x} < 0` : `${x} < 0 AND ${r} > 0`;
    const digits = `CASE WHEN ${r} < pow(10, 15 - greatest(${d}, 0)) THEN ${fast} ELSE ${sqlDigitsText(r, d, o.commas, ctx)} END`;
    return `CASE WHEN ${negative} THEN '-' ELSE '' END || ${digits} || ${sqlIf(o.percent, "'%'", "''")}`;
  });
  return `CASE WHEN isfinite(${a}) THEN ${text} END`;
}

/** `body` over `value`, bound once per row unless it is cheap to compute again (any type but text, which numbers are parsed from). */
function sqlBindNumber(ctx: SqlFunctionContext, value: SqlExpr, source: SqlExpr, body: (x: string) => string): string {
  return source.type === 'text' ? sqlLet(ctx, value.sql, body) : body(value.sql);
}

/** A large rounded number (not negative) written from its 15 significant digits, as decimalText writes it. */
function sqlDigitsText(r: string, d: string, commas: boolean | string, ctx: SqlFunctionContext): string {
  return sqlLet(ctx, `printf('%.14e', ${r})`, (s) => {
    const digits = `replace(split_part(${s}, 'e', 1), '.', '')`;
    const e = `CAST(split_part(${s}, 'e', 2) AS INTEGER)`;
    const whole = `CASE WHEN ${e} >= 0 THEN rpad(left(${digits}, ${e} + 1), ${e} + 1, '0') ELSE '0' END`;
    const fraction = `rpad(CASE WHEN ${e} >= 0 THEN substring(${digits}, ${e} + 2) ELSE repeat('0', -${e} - 1) || ${digits} END, CAST(greatest(${d}, 0) AS INTEGER), '0')`;
    return `${sqlIf(commas, sqlThousands(whole, ctx), whole)} || CASE WHEN ${d} > 0 THEN '.' || ${fraction} ELSE '' END`;
  });
}

const FIXED: FunctionSpec = {
  name: 'FIXED',
  category: 'text',
  summary: 'A number as text, rounded to a number of decimals (2 when left out), with thousands separators unless no_commas is TRUE.',
  params: [{ name: 'number' }, { name: 'decimals', optional: true }, { name: 'no_commas', optional: true }],
  notes: 'Rounds half away from zero, as ROUND does (FIXED(1.005, 2) is 1.01). Decimals go from -127 to 127; negative decimals round left of the decimal point.',
  example: { formula: '=FIXED(1234.567, 1)', result: '1,234.6' },
  scalar(args) {
    const v = coerced(numberArg(args, 0), numberArg(args, 1, 2), booleanArg(args, 2, false));
    if (isFormulaError(v)) return v;
    const [x, decimals, noCommas] = [v[0], Math.trunc(v[1]), v[2]];
    if (Math.abs(decimals) > 127) return valueError('FIXED: decimals must be between -127 and 127.');
    return decimalText(x, { decimals, commas: !noCommas, percent: false, sign: 'rounded' }) ?? valueError('FIXED: the number is not finite.');
  },
  sql(args, ctx) {
    const [x, d, noCommas] = [sqlNum(args, 0), sqlNum(args, 1, 2), sqlBool(args, 2, false)];
    const bad = `abs(trunc(${d.sql})) > 127`;
    const decimals = `least(greatest(trunc(${d.sql}), -127), 127)`;
    const commas = noCommas.constant === undefined ? `NOT (${noCommas.sql})` : noCommas.constant !== true;
    const value = sqlBindNumber(ctx, x, sqlArg(args, 0), (v) => sqlDecimalText(v, { decimals, commas, percent: false, sign: 'rounded' }, ctx));
    return result(`CASE WHEN ${bad} THEN NULL ELSE ${value} END`, 'text', [x, d, noCommas, errWhen(`${bad} OR NOT isfinite(${x.sql})`, '#VALUE!')]);
  },
};

/** TEXT's date and time codes and how strftime writes each. */
const DATE_FORMATS = new Map([
  ['yyyy-mm-dd', '%Y-%m-%d'],
  ['dd/mm/yyyy', '%d/%m/%Y'],
  ['mm/dd/yyyy', '%m/%d/%Y'],
  ['yyyy', '%Y'],
  ['mmm', '%b'],
  ['mmmm', '%B'],
  ['ddd', '%a'],
  ['dddd', '%A'],
  ['hh:mm', '%H:%M'],
  ['hh:mm:ss', '%H:%M:%S'],
]);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A strftime pattern of DATE_FORMATS written in TypeScript. */
function strftime(p: DateParts, pattern: string): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const parts: Record<string, string> = {
    Y: pad(p.year, 4),
    m: pad(p.month),
    d: pad(p.day),
    b: MONTHS[p.month - 1]!.slice(0, 3),
    B: MONTHS[p.month - 1]!,
    a: WEEKDAYS[p.weekday]!.slice(0, 3),
    A: WEEKDAYS[p.weekday]!,
    H: pad(p.hour),
    M: pad(p.minute),
    S: pad(p.second),
  };
  return pattern.replace(/%(.)/g, (_, c: string) => parts[c] ?? '');
}

/** 0, 0.00, #,##0.00, 0%, 0.0% …: digits after the point, thousands separators, percent. */
const NUMBER_FORMAT = /^(#,##)?0(\.0{1,30})?%?$/;
const SQL_NUMBER_FORMAT = quoteLiteral('(#,##)?0([.]0{1,30})?%?');

type TextFormat = { kind: 'number'; decimals: number; commas: boolean; percent: boolean } | { kind: 'date'; strftime: string };

function readFormat(format: string): TextFormat | undefined {
  const f = format.toLowerCase();
  if (NUMBER_FORMAT.test(f)) return { kind: 'number', decimals: f.includes('.') ? f.length - f.indexOf('.') - 1 - (f.endsWith('%') ? 1 : 0) : 0, commas: f.startsWith('#'), percent: f.endsWith('%') };
  const pattern = DATE_FORMATS.get(f);
  return pattern === undefined ? undefined : { kind: 'date', strftime: pattern };
}

const FORMAT_LIST = `0, 0.00 (any number of 0s after the point), #,##0, #,##0.00, 0%, 0.0%, ${[...DATE_FORMATS.keys()].join(', ')}`;

/** The last serial TEXT writes as a date (9999-12-31). */
const LAST_SERIAL = 2958466;

/** Text that VALUE reads: `1,234.5` with thousands separators, `-12.5%` with a percent sign. */
const THOUSANDS = '[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]*)?%?';
const THOUSANDS_RE = new RegExp(`^${THOUSANDS}$`);
/** ISO dates and times VALUE reads: years from 1900, times to the microsecond. */
const ISO = '(19[0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?)?';
const ISO_RE = new RegExp(`^${ISO}$`);

/** Text as VALUE reads it: a number, a percentage, thousands separators, an ISO date (its serial); undefined otherwise. */
function numberFromText(s: string): number | undefined {
  const n = parseNumberText(s);
  if (n !== undefined) return Number.isFinite(n) ? n : undefined;
  const t = trimSpaces(s);
  if (THOUSANDS_RE.test(t)) {
    const x = Number(t.replace(/[,%]/g, '')) / (t.endsWith('%') ? 100 : 1);
    return Number.isFinite(x) ? x : undefined;
  }
  if (!ISO_RE.test(t)) return undefined;
  const d = parseIsoDate(t);
  const fraction = /[.][0-9]+$/.exec(t);
  return d && d.serial + (fraction ? Number(fraction[0]) / 86_400 : 0);
}

/** numberFromText in SQL (`x` is not NULL); NULL where it reads no number. */
function sqlNumberFromText(x: string): string {
  const t = `trim(${x})`;
  const iso = `(regexp_full_match(${t}, ${quoteLiteral(ISO)}) AND TRY_CAST(${t} AS TIMESTAMP) IS NOT NULL)`;
  // "1e400" reads as infinity; numberFromText reads no number there.
  const finite = (x: string) => `CASE WHEN isfinite(${x}) THEN ${x} END`;
  return (
    `CASE WHEN regexp_full_match(${t}, ${quoteLiteral(NUMBER_TEXT)}) THEN ${finite(`TRY_CAST(${t} AS DOUBLE)`)} ` +
    `WHEN regexp_full_match(${t}, ${quoteLiteral(`${NUMBER_TEXT}%`)}) THEN ${finite(`TRY_CAST(rtrim(${t}, '%') AS DOUBLE) / 100`)} ` +
    `WHEN regexp_full_match(${t}, ${quoteLiteral(THOUSANDS)}) THEN ${finite(`TRY_CAST(replace(rtrim(${t}, '%'), ',', '') AS DOUBLE) / CASE WHEN ends_with(${t}, '%') THEN 100 ELSE 1 END`)} ` +
    `WHEN ${iso} THEN epoch_us(TRY_CAST(${t} AS TIMESTAMP)) / 86400000000.0 + 25569 END`
  );
}

/** What TEXT formats: a number (dates as serials, empty as 0, numeric text read), or text it returns as it is. */
function textInput(v: Exclude<Scalar, FormulaError>): number | string {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (isDate(v)) return v.serial;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return numberFromText(v) ?? v;
}

/** textInput in SQL: the number (NULL when the value is shown as it is), and the text shown as it is (NULL when a number). */
function sqlTextInput(v: SqlExpr): { n: string; shown: string } {
  switch (v.type) {
    case 'boolean':
      return { n: `CASE WHEN ${v.sql} IS NULL THEN CAST(0 AS DOUBLE) END`, shown: `CASE WHEN ${v.sql} THEN 'TRUE' WHEN NOT ${v.sql} THEN 'FALSE' END` };
    case 'text': {
      const parsed = sqlNumberFromText(v.sql);
      return { n: `CASE WHEN ${v.sql} IS NULL THEN CAST(0 AS DOUBLE) ELSE ${parsed} END`, shown: `CASE WHEN ${v.sql} IS NOT NULL AND ${parsed} IS NULL THEN ${v.sql} END` };
    }
    default:
      return { n: num(v).sql, shown: 'CAST(NULL AS VARCHAR)' };
  }
}

/** A serial as the timestamp TEXT writes: the time of day rounded to the second, as Excel shows it. */
function sqlSerialTimestamp(n: string): string {
  return `(TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(${n} * 86400) AS BIGINT) * 1000000))`;
}

const TEXT: FunctionSpec = {
  name: 'TEXT',
  category: 'text',
  summary: 'A number or date as text in a format: TEXT(0.256, "0.0%") is 25.6%, TEXT(date, "yyyy-mm-dd") 2024-03-01.',
  params: [{ name: 'value' }, { name: 'format' }],
  notes:
    `The format codes supported: ${FORMAT_LIST} (letters in any case); any other code is #VALUE!. ` +
    'Numbers round half away from zero; a negative number that rounds to zero keeps its sign (-0.00), as in Excel. ' +
    'Text that reads as a number or an ISO date is formatted as one; other text and TRUE/FALSE come back as they are. ' +
    'Times round to the second; month and day names are English.',
  example: { formula: '=TEXT(0.2561, "0.0%")', result: '25.6%' },
  scalar(args) {
    const f = textArg(args, 1);
    if (isFormulaError(f)) return f;
    const format = readFormat(f);
    if (!format) return valueError(`TEXT does not support the format ${quoted(f)}; it supports ${FORMAT_LIST}.`);
    const value = arg(args, 0);
    if (isFormulaError(value)) return value;
    const v = textInput(value);
    if (typeof v === 'string') return v;
    if (format.kind === 'number') return decimalText(v, { ...format, sign: 'value' }) ?? valueError('TEXT: the number is too large to format.');
    if (!(v >= 0 && v < LAST_SERIAL)) return valueError('TEXT: the number is not a date from 1899-12-30 to 9999-12-31.');
    return strftime(dateParts(Math.round(v * 86_400) / 86_400), format.strftime);
  },
  sql(args, ctx) {
    const f = sqlText(args, 1);
    const known = constantText(f);
    const format = known === undefined ? undefined : readFormat(known);
    if (known !== undefined && !format) return errorExpr('#VALUE!');
    const v = sqlArg(args, 0);
    const { n, shown } = sqlTextInput(v);
    const fl = `lower(${f.sql})`;
    const isNumber = format ? format.kind === 'number' : `regexp_full_match(${fl}, ${SQL_NUMBER_FORMAT})`;
    const dateFormat = (x: string) => {
      if (format?.kind === 'date') return `strftime(${sqlSerialTimestamp(x)}, ${quoteLiteral(format.strftime)})`;
      const cases = [...DATE_FORMATS].map(([code, pattern]) => `WHEN ${quoteLiteral(code)} THEN strftime(${sqlSerialTimestamp(x)}, ${quoteLiteral(pattern)})`);
      return `CASE ${fl} ${cases.join(' ')} END`;
    };
    const numberFormat = (x: string) => {
      if (format?.kind === 'number') return sqlDecimalText(x, { decimals: String(format.decimals), commas: format.commas, percent: format.percent, sign: 'value' }, ctx);
      const decimals = `CASE WHEN contains(${fl}, '.') THEN length(${fl}) - strpos(${fl}, '.') - CASE WHEN ends_with(${fl}, '%') THEN 1 ELSE 0 END ELSE 0 END`;
      return sqlDecimalText(x, { decimals, commas: `starts_with(${fl}, '#')`, percent: `ends_with(${fl}, '%')`, sign: 'value' }, ctx);
    };
    const inDates = `(${n} >= 0 AND ${n} < ${LAST_SERIAL})`;
    const formatted = sqlBindNumber(ctx, expr(n, 'number'), v, (x) => sqlIf(isNumber, numberFormat(x), `CASE WHEN ${x} >= 0 AND ${x} < ${LAST_SERIAL} THEN ${dateFormat(x)} END`));
    const unsupported = format ? 'FALSE' : `NOT (${sqlFlag(isNumber)} OR ${fl} IN (${[...DATE_FORMATS.keys()].map(quoteLiteral).join(', ')}))`;
    const percent = format?.kind === 'number' ? format.percent : `ends_with(${fl}, '%')`;
    const badNumber = `NOT isfinite(abs(${n}) * ${sqlIf(percent, '100', '1')})`;
    const bad = `${unsupported} OR ${shown} IS NULL AND ${sqlIf(isNumber, badNumber, `NOT ${inDates}`)}`;
    return result(`CASE WHEN ${shown} IS NOT NULL THEN ${shown} ELSE ${formatted} END`, 'text', [f, errWhen(bad, '#VALUE!')]);
  },
};

const VALUE: FunctionSpec = {
  name: 'VALUE',
  category: 'text',
  summary: 'Text as a number: "12.5", "-3%", "1,234.5", or an ISO date such as "2024-03-01" (its serial number).',
  params: [{ name: 'text' }],
  notes: 'TRUE and FALSE are #VALUE!, as in Excel. Dates must be ISO (year-month-day), from 1900 on.',
  example: { formula: '=VALUE("1,234.5")', result: '1234.5' },
  scalar(args) {
    const v = arg(args, 0);
    if (v === null) return 0;
    if (typeof v === 'number') return v;
    if (isDate(v)) return v.serial;
    if (typeof v === 'boolean') return valueError('VALUE: TRUE and FALSE are not text that reads as a number.');
    if (isFormulaError(v)) return v;
    return numberFromText(v) ?? valueError(`VALUE: ${quoted(v)} does not read as a number.`);
  },
  sql(args) {
    const v = sqlArg(args, 0);
    if (v.type === 'boolean') return result(`CASE WHEN ${v.sql} IS NULL THEN CAST(0 AS DOUBLE) END`, 'number', [v, errWhen(`${v.sql} IS NOT NULL`, '#VALUE!')]);
    if (v.type !== 'text') return num(v);
    const value = `CASE WHEN ${v.sql} IS NULL THEN CAST(0 AS DOUBLE) ELSE ${sqlNumberFromText(v.sql)} END`;
    return result(value, 'number', [v, errWhen(`${value} IS NULL`, '#VALUE!')]);
  },
};

// ---- TEXTBEFORE, TEXTAFTER

/**
 * Where TEXTBEFORE/TEXTAFTER cut `t`: the text before and after the chosen delimiter, or
 * undefined when there is none. Occurrences are found left to right; a negative instance counts
 * from the last. With match_end, the end of the text (the start, counting back) is one more.
 */
function cut(t: string, d: string, n: number, ignoreCase: boolean, matchEnd: boolean): { before: string; after: string } | undefined {
  const cs = chars(t);
  if (d === '') return n > 0 ? { before: '', after: t } : { before: t, after: '' };
  const parts = (ignoreCase ? lowerText(t) : t).split(ignoreCase ? lowerText(d) : d);
  const k = n > 0 ? n : parts.length + n;
  if (k >= 1 && k < parts.length) {
    const pos = chars(parts.slice(0, k).join(d)).length;
    return { before: cs.slice(0, pos).join(''), after: cs.slice(pos + chars(d).length).join('') };
  }
  if (matchEnd && n > 0 && k === parts.length) return { before: t, after: '' };
  if (matchEnd && n < 0 && k === 0) return { before: '', after: t };
  return undefined;
}

/** cut in SQL: the part wanted, NULL when the delimiter is not there. */
function sqlCut(side: 'before' | 'after', t: string, d: string, n: string, ignoreCase: string, matchEnd: string, ctx: SqlFunctionContext): string {
  const pick = (before: string, after: string) => (side === 'before' ? before : after);
  const hay = `CASE WHEN ${ignoreCase} THEN lower(${t}) ELSE ${t} END`;
  const needle = `CASE WHEN ${ignoreCase} THEN lower(${d}) ELSE ${d} END`;
  const found = sqlLet(ctx, `string_split(${hay}, ${needle})`, (parts) => {
    const x = ctx.alias();
    const k = `(CASE WHEN ${n} > 0 THEN ${n} ELSE len(${parts}) + ${n} END)`;
    const pos = `CAST(list_sum(list_transform(list_slice(${parts}, 1, ${k}), lambda ${x}: length(${x}))) + (${k} - 1) * length(${d}) AS BIGINT)`;
    return (
      `CASE WHEN ${k} >= 1 AND ${k} < len(${parts}) THEN ${pick(`left(${t}, ${pos})`, `substring(${t}, ${pos} + length(${d}) + 1)`)} ` +
      `WHEN ${matchEnd} AND ${n} > 0 AND ${k} = len(${parts}) THEN ${pick(t, "''")} ` +
      `WHEN ${matchEnd} AND ${n} < 0 AND ${k} = 0 THEN ${pick("''", t)} END`
    );
  });
  return `CASE WHEN ${d} = '' THEN (CASE WHEN ${n} > 0 THEN ${pick("''", t)} ELSE ${pick(t, "''")} END) ELSE ${found} END`;
}

/** A number argument that is `fallback` when empty. */
function sqlNumOr(a: SqlExpr, fallback: number): SqlExpr {
  if (a.type === 'empty') return expr(`CAST(${fallback} AS DOUBLE)`, 'number', a.err);
  const n = num(a);
  return a.nullable ? expr(`CASE WHEN ${a.sql} IS NULL THEN CAST(${fallback} AS DOUBLE) ELSE ${n.sql} END`, 'number', n.err) : n;
}

function textAround(side: 'before' | 'after'): FunctionSpec {
  const name = side === 'before' ? 'TEXTBEFORE' : 'TEXTAFTER';
  return {
    name,
    category: 'text',
    summary: `The text ${side} a delimiter (its nth occurrence; a negative instance counts from the end); #N/A when the delimiter is not there.`,
    params: [
      { name: 'text' },
      { name: 'delimiter' },
      { name: 'instance', optional: true },
      { name: 'match_mode', optional: true },
      { name: 'match_end', optional: true },
      { name: 'if_not_found', optional: true },
    ],
    propagate: false,
    notes:
      'match_mode 1 ignores case; match_end TRUE counts the end of the text as a delimiter. An empty text gives an empty text. ' +
      'Occurrences are found from the left, also when counting from the end (it matters only for delimiters that overlap themselves, such as "aa" in "aaa").',
    example: side === 'before' ? { formula: '=TEXTBEFORE("north-east-1", "-")', result: 'north' } : { formula: '=TEXTAFTER("north-east-1", "-", -1)', result: '1' },
    scalar(args) {
      // An instance left empty, as in TEXTBEFORE(A2, "-", , 1), is the first.
      const v = coerced(textArg(args, 0), textArg(args, 1), arg(args, 2) === null ? 1 : numberArg(args, 2, 1), numberArg(args, 3, 0), booleanArg(args, 4, false));
      if (isFormulaError(v)) return v;
      const [text, d, instance, m, end] = [v[0], v[1], Math.trunc(v[2]), Math.trunc(v[3]), v[4]];
      if (instance === 0) return valueError(`${name}: the instance cannot be 0.`);
      if (m !== 0 && m !== 1) return valueError(`${name}: match_mode is 0 (case-sensitive) or 1 (ignore case).`);
      if (text === '') return '';
      if (Math.abs(instance) > chars(text).length) return valueError(`${name}: the instance is larger than the text is long.`);
      const parts = cut(text, d, instance, m === 1, end);
      if (parts) return parts[side];
      return args[5] === undefined ? new FormulaError('#N/A', `${name}: ${quoted(d)} was not found.`) : arg(args, 5);
    },
    sql(args, ctx) {
      const [t, d, n, mode, end] = [sqlText(args, 0), sqlText(args, 1), sqlNumOr(sqlArg(args, 2, 1), 1), sqlNum(args, 3, 0), sqlBool(args, 4, false)];
      const [instance, m] = [`trunc(${n.sql})`, `trunc(${mode.sql})`];
      const own = `CASE WHEN ${instance} = 0 OR ${m} NOT IN (0, 1) THEN ${errCode('#VALUE!')} WHEN ${t.sql} <> '' AND abs(${instance}) > length(${t.sql}) THEN ${errCode('#VALUE!')} END`;
      const inputErr = result('NULL', 'empty', [t, d, n, mode, end, own]).err;
      const part = `CASE WHEN ${t.sql} = '' THEN '' ELSE ${sqlCut(side, t.sql, d.sql, sqlInt(n.sql), `${m} = 1`, end.sql, ctx)} END`;
      const found = expr(part, 'text');
      if (args[5] === undefined) return result(part, 'text', [inputErr, errWhen(`${part} IS NULL`, '#N/A')]);
      return sqlBranches([{ when: `${part} IS NOT NULL`, then: found }], sqlArg(args, 5), inputErr);
    },
  };
}

// ---- LEFT, RIGHT, LEN

/** LEFT and RIGHT: a count of characters from one end; a negative count is #VALUE!. */
function side(name: 'LEFT' | 'RIGHT'): FunctionSpec {
  return {
    name,
    category: 'text',
    summary: `The first characters of a text${name === 'RIGHT' ? ', from its end' : ''} (one when the count is left out).`,
    params: [{ name: 'text' }, { name: 'count', optional: true }],
    example: name === 'LEFT' ? { formula: '=LEFT("Cellar", 4)', result: 'Cell' } : { formula: '=RIGHT("Cellar", 2)', result: 'ar' },
    scalar(args) {
      const v = coerced(textArg(args, 0), numberArg(args, 1, 1));
      if (isFormulaError(v)) return v;
      const count = Math.floor(v[1]);
      if (count < 0) return new FormulaError('#VALUE!', `${name}: the count cannot be negative.`);
      const cs = chars(v[0]);
      return name === 'LEFT' ? cs.slice(0, count).join('') : cs.slice(Math.max(0, cs.length - count)).join('');
    },
    sql(args) {
      const t = sqlText(args, 0);
      const n = sqlNum(args, 1, 1);
      // Clamped: DuckDB refuses counts beyond 2^32 (and a cast beyond BIGINT), which no text reaches.
      const count = `CAST(least(greatest(floor(${n.sql}), 0), 1e9) AS BIGINT)`;
      const value = name === 'LEFT' ? `left(${t.sql}, ${count})` : `CASE WHEN ${count} = 0 THEN '' ELSE right(${t.sql}, ${count}) END`;
      return result(`CASE WHEN ${n.sql} < 0 THEN NULL ELSE ${value} END`, 'text', [t.err, n.err, errWhen(`${n.sql} < 0`, '#VALUE!')]);
    },
  };
}

const LEN: FunctionSpec = {
  name: 'LEN',
  category: 'text',
  summary: 'The number of characters in a text.',
  params: [{ name: 'text' }],
  example: { formula: '=LEN("Cellar")', result: '6' },
  scalar(args) {
    const t = textArg(args, 0);
    return isFormulaError(t) ? t : chars(t).length;
  },
  sql(args) {
    const t = sqlText(args, 0);
    return result(`CAST(length(${t.sql}) AS DOUBLE)`, 'number', [t.err]);
  },
};

export const TEXT_FUNCTIONS: FunctionSpec[] = [
  side('LEFT'),
  side('RIGHT'),
  MID,
  LEN,
  finder('FIND'),
  finder('SEARCH'),
  SUBSTITUTE,
  REPLACE,
  CONCAT,
  CONCATENATE,
  TEXTJOIN,
  ...ONE_TEXT,
  REPT,
  TEXT,
  VALUE,
  FIXED,
  EXACT,
  CHAR,
  CODE,
  UNICHAR,
  UNICODE,
  textAround('before'),
  textAround('after'),
];
