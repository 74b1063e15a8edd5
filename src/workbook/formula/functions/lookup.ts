import { quoteLiteral } from '../../../engine';
import type { FunctionSpec, ScalarArg, SqlFunctionContext } from '../catalog';
import { FormulaError, FormulaSyntaxError, isFormulaError, type ErrorCode } from '../errors';
import { aggregate, bool, castTo, commonType, compare, errCode, errorExpr, guard, num, result, text } from '../sql/coerce';
import { DUCKDB_TYPE, expr, isSqlRange, type SqlArg, type SqlExpr, type SqlRange, type SqlType } from '../sql/types';
import { compareValues, isDate, isRange, RangeValue, toBoolean, toNumber, type Scalar } from '../values';
import { matches, parseCriterion, sqlMatches } from './criteria';
import { arg, booleanArg, numberArg, rangeArg, sqlArg } from './helpers';
import { sqlBranches } from './logic';

// Lookups against a table compile to one search over it per lookup. Inside a column formula the
// search is a correlated subquery; the value looked for is bound once, as `(SELECT x AS x) AS q`,
// and the match is a plain WHERE condition (an equality for exact matches), so DuckDB decorrelates
// it into a hash join on the key. A condition inside an aggregate's FILTER would not be: DuckDB
// then pairs every distinct key with every row (a cross product). Approximate matches ("largest
// key ≤ x") are an ASOF join against the table grouped by key. The match comes back as one
// STRUCT (NULL when nothing matches), so a lookup's value and its error read one subquery each.

/** Which value of `values` matches `key`: -1 next smaller, 0 exact, 1 next larger, 2 wildcard text. */
export function findMatch(values: readonly Scalar[], key: Scalar, matchMode: number, reverse = false): number {
  const order = values.map((_, i) => i);
  if (reverse) order.reverse();
  if (matchMode === 2) {
    const c = parseCriterion(typeof key === 'string' ? `=${key}` : key);
    return order.find((i) => matches(c, values[i]!)) ?? -1;
  }
  let best = -1;
  for (const i of order) {
    const v = values[i]!;
    if (isFormulaError(v) || v === null) continue;
    const cmp = compareValues(v, key);
    if (cmp === 0 && !isFormulaError(key)) return i;
    if (matchMode === -1 && cmp < 0 && (best < 0 || compareValues(v, values[best]!) > 0)) best = i;
    if (matchMode === 1 && cmp > 0 && (best < 0 || compareValues(v, values[best]!) < 0)) best = i;
  }
  return best;
}

// ---- the classic match (VLOOKUP, HLOOKUP, MATCH, LOOKUP)

type MatchClass = 'number' | 'text' | 'boolean';

/** What a value compares as in a lookup: dates are numbers; empty and errors match nothing. */
function classOf(v: Scalar): MatchClass | undefined {
  if (typeof v === 'number' || isDate(v)) return 'number';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'boolean') return 'boolean';
  return undefined;
}

/** A lookup key with `*`, `?` or `~` is a wildcard pattern in an exact match. */
const isPattern = (key: string) => /[*?~]/.test(key);

/** `*` any run of characters, `?` one; `~*`, `~?` and `~~` the characters themselves (as in criteria.ts). */
function wildcardRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '~' && '*?~'.includes(pattern[i + 1] ?? '')) re += escapeRegex(pattern[++i]!);
    else if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '?') re += '[\\s\\S]';
    else re += escapeRegex(ch);
  }
  return new RegExp(`^${re}$`, 'i');
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where VLOOKUP, HLOOKUP, MATCH and LOOKUP find `key`, as Excel does on sorted data: mode 0 the
 * first equal value (text case-insensitively, wildcards allowed); 1 the largest value ≤ key; -1
 * the smallest value ≥ key. Only values of the key's own type count (numbers and dates together).
 * Among equal values the approximate modes take the last, as Excel's search of sorted data does;
 * on unsorted data they still take the largest ≤ (smallest ≥) value, wherever it is. -1: none.
 */
export function classicMatch(values: readonly Scalar[], key: Scalar, mode: 0 | 1 | -1): number {
  const cls = classOf(key);
  if (!cls) return -1;
  if (mode === 0 && typeof key === 'string' && isPattern(key)) {
    const re = wildcardRegex(key);
    return values.findIndex((v) => typeof v === 'string' && re.test(v));
  }
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (classOf(v) !== cls) continue;
    const cmp = compareValues(v, key);
    if (mode === 0) {
      if (cmp === 0) return i;
      continue;
    }
    if (mode === 1 ? cmp > 0 : cmp < 0) continue;
    const than = best < 0 ? 0 : compareValues(v, values[best]!);
    if (best < 0 || (mode === 1 ? than >= 0 : than <= 0)) best = i;
  }
  return best;
}

// ---- searching a table in SQL

/** The 1-based position of a row in rowid order, added to the rows when a lookup needs it. */
const POS = '"__cellar_pos"';

/** How a search finds its row. */
type Finder =
  /** The rows where any of the conditions holds, given the bound value's SQL; several run as UNION ALL. */
  | { kind: 'where'; conds: (x: string) => string[]; order?: string[] }
  /** The row whose `key` is nearest the value: `below` the largest key ≤ it, `above` the smallest ≥ it. */
  | { kind: 'nearest'; key: string; side: 'below' | 'above' };

interface Search {
  name: string;
  range: SqlRange;
  /** The value looked for, as SQL (bound once, so DuckDB joins on it). */
  x: string;
  find: Finder;
  /** Which of several rows that match equally: the first or the last in row order. */
  ties: 'first' | 'last';
  /** What the match returns: STRUCT fields over the range's rows. */
  fields: Record<string, string>;
  /** Also return the row's position (field `p`): needs the rows' order. */
  position?: boolean;
}

/** A compile-time problem with a function's arguments in SQL, shown with its message. */
function sqlProblem(message: string, code: ErrorCode = '#VALUE!'): FormulaSyntaxError {
  // The function's SQL form does not know where its call is in the text; the whole formula it is.
  return new FormulaSyntaxError(message, { start: 0, end: 0 }, code);
}

function unordered(name: string): FormulaSyntaxError {
  return sqlProblem(`${name} needs the rows in their order, and this table has no fixed order here (a formula column's own table, a view). Use a lookup that finds rows by value, such as XLOOKUP.`);
}

/**
 * The SQL for a search: a STRUCT of `fields` from the matching row, NULL when no row matches.
 * Over a table it is a scalar subquery (see the top of this file); inside a pivot's GROUP BY it
 * is the same search as a bare aggregate over the group's rows.
 */
function sqlSearch(s: Search, ctx: SqlFunctionContext): string {
  const { range, find } = s;
  const a = range.alias;
  if (s.position && !range.ordered) throw unordered(s.name);
  if (s.position && range.inline) throw sqlProblem(`${s.name} cannot give a row's position inside a pivot's value.`);
  const rowOrder = s.position ? `${a}.${POS}` : range.ordered ? `${a}.rowid` : undefined;
  const from = s.position ? `(SELECT *, CAST(row_number() OVER (ORDER BY rowid) AS DOUBLE) AS ${POS} FROM ${range.from}) AS ${a}` : `${range.from} AS ${a}`;
  const fields = { ...s.fields, ...(s.position ? { p: `${a}.${POS}` } : {}) };
  const struct = `{${Object.entries(fields)
    .map(([k, v]) => `'${k}': ${v}`)
    .join(', ')}}`;
  const tie = s.ties === 'first' ? 'ASC' : 'DESC';
  const orderBy = (extra: string[] = []) => {
    const order = [...extra, ...(rowOrder ? [`${rowOrder} ${tie}`] : [])];
    return order.length ? ` ORDER BY ${order.join(', ')}` : '';
  };
  if (range.inline) {
    if (find.kind === 'where') return `first(${struct}${orderBy(find.order)}) FILTER (WHERE ${find.conds(s.x).map((c) => `(${c})`).join(' OR ')})`;
    const [op, dir] = find.side === 'below' ? ['<=', 'DESC'] : ['>=', 'ASC'];
    return `first(${struct}${orderBy([`${find.key} ${dir}`])}) FILTER (WHERE ${find.key} ${op} ${s.x})`;
  }
  const q = ctx.alias();
  const bound = `(SELECT ${s.x} AS x) AS ${q}`;
  const x = `${q}.x`;
  if (find.kind === 'nearest') {
    const g = ctx.alias();
    const keys = `(SELECT ${find.key} AS k, first(${struct}${orderBy()}) AS s FROM ${from} WHERE ${find.key} IS NOT NULL GROUP BY ${find.key}) AS ${g}`;
    return `(SELECT ${g}.s FROM ${bound} ASOF JOIN ${keys} ON ${x} ${find.side === 'below' ? '>=' : '<='} ${g}.k)`;
  }
  const conds = find.conds(x);
  if (conds.length === 1) return `(SELECT first(${struct}${orderBy(find.order)}) FROM ${bound}, ${from} WHERE ${conds[0]})`;
  // Alternatives (a key with or without wildcards) each keep their own join; only row order ranks them.
  const u = ctx.alias();
  const parts = conds.map((c) => `SELECT ${struct} AS s${rowOrder ? `, ${rowOrder} AS o` : ''} FROM ${bound}, ${from} WHERE ${c}`);
  return `(SELECT first(${u}.s${rowOrder ? ` ORDER BY ${u}.o ${tie}` : ''}) FROM (${parts.join(' UNION ALL ')}) AS ${u})`;
}

/** The STRUCT fields for returning `ret`: its value, and its error when it can have one. */
function returnFields(ret: SqlExpr): Record<string, string> {
  return { v: ret.type === 'empty' ? `CAST(${ret.sql} AS VARCHAR)` : ret.sql, ...(ret.err ? { e: ret.err } : {}) };
}

/**
 * A search's answer: field `field` of the match, NULL unless `x` is fine; the error is `x`'s,
 * else #N/A when nothing matched, else the matched value's own (field `e`).
 */
function answer(sub: string, field: string, type: SqlType, x: SqlExpr, withErr: boolean): SqlExpr {
  const value = guard(`(${sub}).${field}`, x.err);
  const err = `CASE ${x.err ? `WHEN ${x.err} IS NOT NULL THEN ${x.err} ` : ''}WHEN (${sub}) IS NULL THEN ${errCode('#N/A')} ${withErr ? `ELSE (${sub}).e ` : ''}END`;
  return expr(value, type === 'empty' ? 'text' : type, err, true);
}

/** The class a SQL type compares as (see classOf). */
function sqlClass(t: SqlType): MatchClass | undefined {
  if (t === 'number' || t === 'date' || t === 'datetime') return 'number';
  if (t === 'text' || t === 'boolean') return t;
  return undefined;
}

/** Dates as serial numbers, NULL staying NULL (unlike num(), which makes empty 0). */
function serialOrNull(e: SqlExpr): string {
  if (e.type === 'date') return `CAST(${e.sql} - DATE '1899-12-30' AS DOUBLE)`;
  if (e.type === 'datetime') return `(epoch_us(${e.sql}) / 86400000000.0 + 25569)`;
  return e.sql;
}

/** A value as it compares within its class: numbers (dates as serials), lower-case text, booleans. */
function comparable(e: SqlExpr): string {
  const cls = sqlClass(e.type);
  return cls === 'number' ? serialOrNull(e) : cls === 'text' ? `lower(${e.sql})` : e.sql;
}

/** Whether text (already lower case) is a wildcard pattern, as isPattern. */
const sqlIsPattern = (x: string) => `(contains(${x}, '*') OR contains(${x}, '?') OR contains(${x}, '~'))`;

/** A wildcard pattern as a LIKE pattern with escape `\`, for a constant (as wildcardRegex reads it). */
function likePattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '~' && '*?~'.includes(pattern[i + 1] ?? '')) out += likeEscape(pattern[++i]!);
    else if (ch === '*') out += '%';
    else if (ch === '?') out += '_';
    else out += likeEscape(ch);
  }
  return out;
}

function likeEscape(ch: string): string {
  return ch === '%' || ch === '_' || ch === '\\' ? `\\${ch}` : ch;
}

/** likePattern for a pattern known only per row: `~~`, `~*`, `~?` set aside, LIKE's own characters escaped, then `*` and `?`. */
function sqlLikePattern(x: string): string {
  const kept = `replace(replace(replace(${x}, '~~', chr(3)), '~*', chr(1)), '~?', chr(2))`;
  const escaped = `replace(replace(replace(${kept}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
  return `replace(replace(replace(replace(replace(${escaped}, '*', '%'), '?', '_'), chr(1), '*'), chr(2), '?'), chr(3), '~')`;
}

/** classicMatch's search in SQL: the value to bind and how to find it; undefined when nothing can match. */
function classicFinder(key: SqlExpr, x: SqlExpr, mode: 0 | 1 | -1): { x: string; find: Finder } | undefined {
  const cls = sqlClass(key.type);
  if (!cls || cls !== sqlClass(x.type)) return undefined;
  const k = comparable(key);
  const xs = comparable(x);
  if (mode !== 0) return { x: xs, find: { kind: 'nearest', key: k, side: mode === 1 ? 'below' : 'above' } };
  if (cls !== 'text') return { x: xs, find: { kind: 'where', conds: (q) => [`${k} = ${q}`] } };
  const like = (pattern: string) => `${k} LIKE ${pattern} ESCAPE '\\'`;
  const c = x.constant;
  if (typeof c === 'string') return { x: xs, find: { kind: 'where', conds: (q) => [isPattern(c) ? like(quoteLiteral(likePattern(c).toLowerCase())) : `${k} = ${q}`] } };
  return { x: xs, find: { kind: 'where', conds: (q) => [`${k} = ${q} AND NOT ${sqlIsPattern(q)}`, `${sqlIsPattern(q)} AND ${like(sqlLikePattern(q))}`] } };
}

/** findMatch's search in SQL (XLOOKUP, XMATCH): modes -1, 0, 1 and 2 as there. */
function xFinder(key: SqlExpr, x: SqlExpr, mode: number): { x: string; find: Finder } {
  const xSql = x.type === 'empty' ? 'NULL' : x.sql;
  const bound = (q: string): SqlExpr => ({ ...x, sql: x.type === 'empty' ? x.sql : q, err: null, constant: undefined });
  if (mode === 2) {
    // The key is a criterion that must equal, as findMatch reads it: "=" + text.
    const criterion = (q: string): SqlExpr => {
      if (x.constant !== undefined) return typeof x.constant === 'string' ? { ...x, constant: `=${x.constant}` } : x;
      return x.type === 'text' ? { ...bound(q), sql: `('=' || ${q})` } : bound(q);
    };
    return { x: xSql, find: { kind: 'where', conds: (q) => [sqlMatches(key, criterion(q))] } };
  }
  if (mode === 0) return { x: xSql, find: { kind: 'where', conds: (q) => [`${key.sql} IS NOT NULL AND ${compare(key, bound(q), '=').sql}`] } };
  const cls = sqlClass(key.type);
  const side = mode === -1 ? 'below' : 'above';
  if (cls && (x.type === 'empty' || sqlClass(x.type) === cls)) {
    // Same class: empty is that class's zero value, as compareValues has it.
    const xs = cls === 'number' ? num(x).sql : cls === 'text' ? `lower(${text(x).sql})` : bool(x).sql;
    return { x: xs, find: { kind: 'nearest', key: comparable(key), side } };
  }
  const op = mode === -1 ? '<=' : '>=';
  const order = [`${comparable(key)} ${mode === -1 ? 'DESC' : 'ASC'}`];
  return { x: xSql, find: { kind: 'where', conds: (q) => [`${key.sql} IS NOT NULL AND ${compare(key, bound(q), op).sql}`], order } };
}

/**
 * The SQL for "the value of `ret` on the first row of `range` whose `key` matches `x`" (findMatch's
 * modes): `value`, and `found` (1 when a row matches, else 0).
 */
export function sqlFirstMatch(range: SqlRange, key: SqlExpr, ret: SqlExpr, x: SqlExpr, matchMode: number, reverse: boolean): { value: string; found: string } {
  // Its own aliases, from the range's (unique per call).
  let n = 0;
  const ctx: SqlFunctionContext = { alias: () => `${range.alias}_${++n}` };
  const sub = sqlSearch({ name: 'The lookup', range, ...xFinder(key, x, matchMode), ties: reverse ? 'last' : 'first', fields: returnFields(ret) }, ctx);
  return { value: `(${sub}).v`, found: `CASE WHEN (${sub}) IS NULL THEN 0 ELSE 1 END` };
}

/** A value given where a range is expected, as a one-row range (its rowid the only row's). */
function asRange(a: SqlArg | undefined, ctx: SqlFunctionContext): SqlRange {
  if (isSqlRange(a)) return a;
  const alias = ctx.alias();
  return { kind: 'range', relation: '', from: '(SELECT 0 AS rowid)', alias, columns: [a ?? expr('NULL', 'empty', null, true)], ordered: true, inline: false };
}

// ---- arguments SQL needs while compiling

/** A value argument's constant (undefined when it is not known while compiling). */
function constantOf(a: SqlArg | undefined): Scalar | undefined {
  if (a === undefined || isSqlRange(a)) return undefined;
  return a.constant;
}

/** A number argument SQL needs as a constant (it changes the query's shape). */
function constantNumberArg(name: string, param: string, a: SqlArg | undefined, fallback?: number): number | FormulaError {
  if (a === undefined && fallback !== undefined) return fallback;
  const c = constantOf(a);
  if (c === undefined) throw sqlProblem(`${name}'s ${param} must be written into the formula (a number, not a column or a calculation) when a table computes it.`);
  return toNumber(c);
}

/** A TRUE/FALSE argument SQL needs as a constant. */
function constantBooleanArg(name: string, param: string, a: SqlArg | undefined, fallback: boolean): boolean | FormulaError {
  if (a === undefined) return fallback;
  const c = constantOf(a);
  if (c === undefined) throw sqlProblem(`${name}'s ${param} must be written into the formula (TRUE or FALSE) when a table computes it.`);
  return toBoolean(c);
}

/** An error that every row has, after the lookup value's own error. */
function failAfter(x: SqlExpr, code: ErrorCode): SqlExpr {
  return result('NULL', 'empty', [x.err, errCode(code)]);
}

/** A typed NULL, so a column that is always an error still has its type. */
function nullOf(type: SqlType): string {
  return `CAST(NULL AS ${DUCKDB_TYPE[type]})`;
}

/** A mode given as a number: 1 for any positive, -1 for any negative, 0. */
const signOf = (n: number): 0 | 1 | -1 => (n > 0 ? 1 : n < 0 ? -1 : 0);

// ---- scalar helpers

/** A range argument; an error given directly is returned as is. */
function tableArg(args: ScalarArg[], i: number): RangeValue | FormulaError {
  const a = args[i];
  return isFormulaError(a) ? a : rangeArg(args, i);
}

function column(range: RangeValue, c: number): Scalar[] {
  return Array.from({ length: range.rows }, (_, r) => range.at(r, c));
}

function row(range: RangeValue, r: number): Scalar[] {
  return Array.from({ length: range.cols }, (_, c) => range.at(r, c));
}

function notFound(name: string, key: Scalar): FormulaError {
  return new FormulaError('#N/A', key === null ? `${name}: the value to look for is empty.` : `${name} found no match for ${String(key)}.`);
}

// ---- the functions

const XLOOKUP: FunctionSpec = {
  name: 'XLOOKUP',
  category: 'lookup',
  summary: 'Finds a value in one range (a column) and returns the value on the same row of another; #N/A or the fallback when nothing matches.',
  params: [
    { name: 'lookup_value' },
    { name: 'lookup_range', kind: 'range' },
    { name: 'return_range', kind: 'range' },
    { name: 'if_not_found', optional: true },
    { name: 'match_mode', optional: true },
    { name: 'search_mode', optional: true },
  ],
  propagate: false,
  example: { formula: '=XLOOKUP("b", {"a","b","c"}, {10,20,30})', result: '20' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const look = rangeArg(args, 1);
    const ret = rangeArg(args, 2);
    if (look.values.length !== ret.values.length) return new FormulaError('#VALUE!', 'XLOOKUP: the lookup and return ranges must be the same size.');
    const mode = numberArg(args, 4, 0);
    const search = numberArg(args, 5, 1);
    if (isFormulaError(mode)) return mode;
    if (isFormulaError(search)) return search;
    const i = findMatch(look.values, key, mode, search < 0);
    if (i < 0) return args[3] === undefined ? new FormulaError('#N/A', `XLOOKUP found no match for ${String(key)}.`) : arg(args, 3);
    return ret.values[i]!;
  },
  sql(args, ctx) {
    const look = args[1];
    const ret = args[2];
    if (!isSqlRange(look) || !isSqlRange(ret)) return result('NULL', 'empty', [errCode('#VALUE!')]);
    const x = sqlArg(args, 0);
    const mode = constantNumber(args[4], 0);
    const search = constantNumber(args[5], 1);
    if (mode === undefined || search === undefined) return result('NULL', 'empty', [errCode('#VALUE!')]);
    const returned = ret.columns[0]!;
    const fallback = args[3] === undefined ? undefined : sqlArg(args, 3);
    const type = fallback ? commonType([returned, fallback]) : returned.type;
    const r = castTo(returned, type);
    const search_ = { name: 'XLOOKUP', range: look, ...xFinder(look.columns[0]!, x, mode), ties: search < 0 ? ('last' as const) : ('first' as const), fields: returnFields(r) };
    const sub = sqlSearch(search_, ctx);
    if (!fallback) return answer(sub, 'v', r.type, x, !!r.err);
    // Not found: the fallback, put in the match's place so the search is read once for the value.
    const f = castTo(fallback, type);
    const empty = `{'v': ${r.type === 'empty' ? `CAST(${f.sql} AS VARCHAR)` : f.sql}${r.err ? ', \'e\': CAST(NULL AS VARCHAR)' : ''}}`;
    const value = guard(`COALESCE(${sub}, ${empty}).v`, x.err);
    const err = `CASE ${x.err ? `WHEN ${x.err} IS NOT NULL THEN ${x.err} ` : ''}WHEN (${sub}) IS NULL THEN ${f.err ?? 'NULL'} ${r.err ? `ELSE (${sub}).e ` : ''}END`;
    return expr(value, type === 'empty' ? 'text' : type, err, true);
  },
};

/** A mode argument must be a constant in SQL (it changes the query's shape). */
function constantNumber(a: unknown, fallback: number): number | undefined {
  if (a === undefined) return fallback;
  const c = (a as SqlExpr).constant;
  return typeof c === 'number' ? c : undefined;
}

const VLOOKUP: FunctionSpec = {
  name: 'VLOOKUP',
  category: 'lookup',
  summary: "Finds a value in a table's first column and returns the value on that row in another column (by number).",
  params: [{ name: 'lookup_value' }, { name: 'table_array', kind: 'range' }, { name: 'col_index_num' }, { name: 'range_lookup', optional: true }],
  propagate: false,
  notes:
    'range_lookup FALSE finds an exact match (text case-insensitively; * and ? are wildcards, ~ escapes them). TRUE or left out (the default, as in Excel) expects the first column sorted ascending and finds the largest value ≤ the lookup value (the last of equal ones), as Excel does on sorted data; on unsorted data Cellar still finds the largest value ≤ the lookup value wherever it is, where Excel\'s binary search gives an unpredictable row. Only values of the lookup value\'s type match (numbers and dates together): 1 does not find "1". An empty lookup value is #N/A. Over a table, col_index_num and range_lookup must be written into the formula; the table is the whole table (`airports`) or one column; over a table that is not a base table (a formula column\'s own table), which of several equal keys is found is not defined.',
  example: { formula: '=VLOOKUP(2, {1,"one";2,"two";3,"three"}, 2, FALSE)', result: 'two' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const table = tableArg(args, 1);
    if (isFormulaError(table)) return table;
    const col = numberArg(args, 2);
    if (isFormulaError(col)) return col;
    const approximate = booleanArg(args, 3, true);
    if (isFormulaError(approximate)) return approximate;
    const c = Math.trunc(col);
    if (c < 1) return new FormulaError('#VALUE!', 'VLOOKUP: the column number must be 1 or more.');
    if (c > table.cols) return new FormulaError('#REF!', `VLOOKUP: the table has ${table.cols} column${table.cols === 1 ? '' : 's'}, not ${c}.`);
    const i = classicMatch(column(table, 0), key, approximate ? 1 : 0);
    return i < 0 ? notFound('VLOOKUP', key) : table.at(i, c - 1);
  },
  sql(args, ctx) {
    const x = sqlArg(args, 0);
    const table = asRange(args[1], ctx);
    const col = constantNumberArg('VLOOKUP', 'col_index_num', args[2]);
    const approximate = constantBooleanArg('VLOOKUP', 'range_lookup', args[3], true);
    if (isFormulaError(col)) return failAfter(x, col.code);
    if (isFormulaError(approximate)) return failAfter(x, approximate.code);
    const c = Math.trunc(col);
    if (c < 1) return failAfter(x, '#VALUE!');
    if (c > table.columns.length) return failAfter(x, '#REF!');
    return classicLookup('VLOOKUP', table, table.columns[0]!, table.columns[c - 1]!, x, approximate ? 1 : 0, ctx);
  },
};

/** A classic lookup's value in SQL: `ret` on the row classicMatch finds. */
function classicLookup(name: string, range: SqlRange, key: SqlExpr, ret: SqlExpr, x: SqlExpr, mode: 0 | 1 | -1, ctx: SqlFunctionContext): SqlExpr {
  const finder = classicFinder(key, x, mode);
  if (!finder) return result(nullOf(ret.type), ret.type === 'empty' ? 'text' : ret.type, [x.err, errCode('#N/A')], true);
  const sub = sqlSearch({ name, range, ...finder, ties: mode === 0 ? 'first' : 'last', fields: returnFields(ret) }, ctx);
  return answer(sub, 'v', ret.type, x, !!ret.err);
}

/** A classic lookup's position in SQL (MATCH). */
function classicPosition(name: string, range: SqlRange, key: SqlExpr, x: SqlExpr, mode: 0 | 1 | -1, ctx: SqlFunctionContext): SqlExpr {
  if (!range.ordered) throw unordered(name);
  const finder = classicFinder(key, x, mode);
  if (!finder) return result(nullOf('number'), 'number', [x.err, errCode('#N/A')], true);
  const sub = sqlSearch({ name, range, ...finder, ties: mode === 0 ? 'first' : 'last', fields: {}, position: true }, ctx);
  return answer(sub, 'p', 'number', x, false);
}

const HLOOKUP: FunctionSpec = {
  name: 'HLOOKUP',
  category: 'lookup',
  summary: "Finds a value in a range's first row and returns the value in that column from another row (by number).",
  params: [{ name: 'lookup_value' }, { name: 'table_array', kind: 'range' }, { name: 'row_index_num' }, { name: 'range_lookup', optional: true }],
  propagate: false,
  notes:
    'For sheet ranges and arrays only: a table has no horizontal layout, so HLOOKUP cannot run over a table (use VLOOKUP or XLOOKUP there). Matching as in VLOOKUP: exact with wildcards, or (the default) the largest value ≤ the lookup value.',
  example: { formula: '=HLOOKUP("b", {"a","b","c";1,2,3}, 2, FALSE)', result: '2' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const table = tableArg(args, 1);
    if (isFormulaError(table)) return table;
    const r = numberArg(args, 2);
    if (isFormulaError(r)) return r;
    const approximate = booleanArg(args, 3, true);
    if (isFormulaError(approximate)) return approximate;
    const n = Math.trunc(r);
    if (n < 1) return new FormulaError('#VALUE!', 'HLOOKUP: the row number must be 1 or more.');
    if (n > table.rows) return new FormulaError('#REF!', `HLOOKUP: the range has ${table.rows} row${table.rows === 1 ? '' : 's'}, not ${n}.`);
    const j = classicMatch(row(table, 0), key, approximate ? 1 : 0);
    return j < 0 ? notFound('HLOOKUP', key) : table.at(n - 1, j);
  },
};

/** The values MATCH and LOOKUP search: one row or one column; undefined for a 2-D range. */
function vectorOf(range: RangeValue): Scalar[] | undefined {
  if (range.rows === 1) return row(range, 0);
  if (range.cols === 1) return column(range, 0);
  return undefined;
}

const MATCH: FunctionSpec = {
  name: 'MATCH',
  category: 'lookup',
  summary: 'The position of a value in a row or column: 0 exact, 1 (the default) the largest value ≤ it in ascending data, -1 the smallest value ≥ it in descending data.',
  params: [{ name: 'lookup_value' }, { name: 'lookup_array', kind: 'range' }, { name: 'match_type', optional: true }],
  propagate: false,
  notes:
    'match_type 0 matches text case-insensitively, with * and ? as wildcards (~ escapes them). 1 and -1 expect sorted data, as in Excel, and take the last of equal values; on unsorted data they still find the largest value ≤ (smallest ≥) the lookup value wherever it is. Only values of the lookup value\'s type match (numbers and dates together). Over a table, the position counts rows in the table\'s order, match_type must be written into the formula, the table must be a base table, and a whole table of several columns is #N/A (a table is read as rows, never as one row of values). Not inside a pivot\'s value (positions need the whole table).',
  example: { formula: '=MATCH(25, {10,20,30,40}, 1)', result: '2' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const look = tableArg(args, 1);
    if (isFormulaError(look)) return look;
    const type = numberArg(args, 2, 1);
    if (isFormulaError(type)) return type;
    const values = vectorOf(look);
    if (!values) return new FormulaError('#N/A', 'MATCH looks in one row or one column, not a block of several.');
    const i = classicMatch(values, key, signOf(type));
    return i < 0 ? notFound('MATCH', key) : i + 1;
  },
  sql(args, ctx) {
    const x = sqlArg(args, 0);
    const look = asRange(args[1], ctx);
    const type = constantNumberArg('MATCH', 'match_type', args[2], 1);
    if (isFormulaError(type)) return failAfter(x, type.code);
    if (look.columns.length > 1) return failAfter(x, '#N/A');
    return classicPosition('MATCH', look, look.columns[0]!, x, signOf(type), ctx);
  },
};

const XMATCH: FunctionSpec = {
  name: 'XMATCH',
  category: 'lookup',
  summary: 'The position of a value in a row or column, with the match modes of XLOOKUP (exact, next smaller, next larger, wildcard) and searching from either end.',
  params: [{ name: 'lookup_value' }, { name: 'lookup_array', kind: 'range' }, { name: 'match_mode', optional: true }, { name: 'search_mode', optional: true }],
  propagate: false,
  notes:
    'match_mode 0 exact (the default), -1 exact or next smaller, 1 exact or next larger, 2 wildcard (* ? ~). search_mode 1 from the first, -1 from the last; the binary searches 2 and -2 search as 1 and -1 do (the same answer on sorted data, except perhaps which of equal values). Values compare as XLOOKUP compares them. Over a table, the position counts rows in the table\'s order, the modes must be written into the formula, and the table must be a base table; not inside a pivot\'s value.',
  example: { formula: '=XMATCH("c", {"a","b","c"})', result: '3' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const look = tableArg(args, 1);
    if (isFormulaError(look)) return look;
    const mode = numberArg(args, 2, 0);
    if (isFormulaError(mode)) return mode;
    const search = numberArg(args, 3, 1);
    if (isFormulaError(search)) return search;
    const problem = xmatchModes(mode, search);
    if (problem) return problem;
    const values = vectorOf(look);
    if (!values) return new FormulaError('#VALUE!', 'XMATCH looks in one row or one column, not a block of several.');
    const i = findMatch(values, key, mode, search < 0);
    return i < 0 ? notFound('XMATCH', key) : i + 1;
  },
  sql(args, ctx) {
    const x = sqlArg(args, 0);
    const look = asRange(args[1], ctx);
    const mode = constantNumberArg('XMATCH', 'match_mode', args[2], 0);
    if (isFormulaError(mode)) return failAfter(x, mode.code);
    const search = constantNumberArg('XMATCH', 'search_mode', args[3], 1);
    if (isFormulaError(search)) return failAfter(x, search.code);
    const problem = xmatchModes(mode, search);
    if (problem) return failAfter(x, problem.code);
    if (look.columns.length > 1) return failAfter(x, '#VALUE!');
    if (!look.ordered) throw unordered('XMATCH');
    const sub = sqlSearch({ name: 'XMATCH', range: look, ...xFinder(look.columns[0]!, x, mode), ties: search < 0 ? 'last' : 'first', fields: {}, position: true }, ctx);
    return answer(sub, 'p', 'number', x, false);
  },
};

function xmatchModes(mode: number, search: number): FormulaError | undefined {
  if (![0, -1, 1, 2].includes(mode)) return new FormulaError('#VALUE!', 'XMATCH: match_mode is 0, -1, 1 or 2.');
  if (![1, -1, 2, -2].includes(search)) return new FormulaError('#VALUE!', 'XMATCH: search_mode is 1, -1, 2 or -2.');
  return undefined;
}

const INDEX: FunctionSpec = {
  name: 'INDEX',
  category: 'lookup',
  summary: 'The value at a row and column of a range (counted from 1); in a single row or column, the n-th value.',
  params: [{ name: 'array', kind: 'range' }, { name: 'row_num' }, { name: 'column_num', optional: true }],
  notes:
    'Row 0 or column 0 (a whole column or row) gives a range, for functions that take one (SUM(INDEX(A1:C9, 0, 2))); where one value is expected it is #VALUE! unless the range is a single cell. Over a table, INDEX reads the n-th row in the table\'s order (the table must be a base table), the column number must be written into the formula, row 0 is #VALUE!, and a table of several columns needs a column number (a table is always read as rows, never as one row of values). Not inside a pivot\'s value. Past the last row or column: #REF!.',
  propagate: false,
  example: { formula: '=INDEX({10,20;30,40}, 2, 1)', result: '30' },
  scalar(args) {
    const a = args[0];
    if (isFormulaError(a)) return a;
    const range = rangeArg(args, 0);
    const r = numberArg(args, 1);
    if (isFormulaError(r)) return r;
    const c = args[2] === undefined ? undefined : numberArg(args, 2);
    if (isFormulaError(c)) return c;
    let rowNum = Math.trunc(r);
    let colNum = c === undefined ? undefined : Math.trunc(c);
    if (rowNum < 0 || (colNum ?? 0) < 0) return new FormulaError('#VALUE!', 'INDEX: row and column numbers cannot be negative.');
    if (colNum === undefined) {
      // In a single row, the one number given picks the column (INDEX({1,2,3}, 2) is 2).
      if (range.rows === 1 && range.cols > 1) [rowNum, colNum] = [1, rowNum];
      else colNum = range.cols === 1 ? 1 : 0;
    }
    if (rowNum > range.rows || colNum > range.cols) return new FormulaError('#REF!', `INDEX: the range has ${range.rows} row(s) and ${range.cols} column(s).`);
    if (rowNum === 0 && colNum === 0) return range;
    if (rowNum === 0) return RangeValue.column(column(range, colNum - 1));
    if (colNum === 0) return new RangeValue(1, range.cols, row(range, rowNum - 1));
    return range.at(rowNum - 1, colNum - 1);
  },
  sql(args, ctx) {
    const range = asRange(args[0], ctx);
    const n = num(sqlArg(args, 1));
    const c = args[2] === undefined ? undefined : constantNumberArg('INDEX', 'column_num', args[2]);
    const k = c === undefined ? undefined : isFormulaError(c) ? c : Math.trunc(c);
    if (isFormulaError(k)) return failAfter(n, k.code);
    if (k !== undefined && k < 0) return failAfter(n, '#VALUE!');
    const rowNum = `trunc(${n.sql})`;
    // A negative row is #VALUE! before a column past the last is #REF!, as in the scalar form.
    if (k !== undefined && k > range.columns.length) return result(nullOf('empty'), 'empty', [n.err, `CASE WHEN ${rowNum} < 0 THEN ${errCode('#VALUE!')} ELSE ${errCode('#REF!')} END`]);
    if (range.columns.length > 1 && !k) {
      // No column number, or column 0, over several columns: a whole row, which SQL cannot hold.
      const err = `CASE WHEN ${rowNum} > ${aggregate(range, 'count(*)')} THEN ${errCode('#REF!')} ELSE ${errCode('#VALUE!')} END`;
      return result(nullOf('empty'), 'empty', [n.err, err]);
    }
    if (!range.ordered) throw unordered('INDEX');
    const ret = range.columns[(k || 1) - 1]!;
    const sub = sqlSearch({ name: 'INDEX', range, x: rowNum, find: { kind: 'where', conds: (q) => [`${range.alias}.${POS} = ${q}`] }, ties: 'first', fields: returnFields(ret), position: true }, ctx);
    const value = guard(`(${sub}).v`, n.err);
    const err =
      `CASE ${n.err ? `WHEN ${n.err} IS NOT NULL THEN ${n.err} ` : ''}WHEN ${rowNum} <= 0 THEN ${errCode('#VALUE!')} ` +
      `WHEN (${sub}) IS NULL THEN ${errCode('#REF!')} ${ret.err ? `ELSE (${sub}).e ` : ''}END`;
    return expr(value, ret.type === 'empty' ? 'text' : ret.type, err, true);
  },
};

const CHOOSE: FunctionSpec = {
  name: 'CHOOSE',
  category: 'lookup',
  summary: 'The n-th of the values that follow the number (CHOOSE(2, "a", "b", "c") is "b").',
  params: [{ name: 'index_num' }, { name: 'value' }],
  repeat: 1,
  propagate: false,
  notes: 'The number is truncated; below 1 or past the last value is #VALUE!. Only the chosen value is read, so an error in another one does not matter. Values are single values (Excel also chooses among ranges).',
  example: { formula: '=CHOOSE(2, "a", "b", "c")', result: 'b' },
  scalar(args) {
    const n = numberArg(args, 0);
    if (isFormulaError(n)) return n;
    const i = Math.trunc(n);
    if (i < 1 || i >= args.length) return new FormulaError('#VALUE!', `CHOOSE: the number must be from 1 to ${args.length - 1}.`);
    return arg(args, i);
  },
  sql(args) {
    const n = num(sqlArg(args, 0));
    const cases = args.slice(1).map((_, j) => ({ when: `trunc(${n.sql}) = ${j + 1}`, then: sqlArg(args, j + 1) }));
    return sqlBranches(cases, errorExpr('#VALUE!'), n.err);
  },
};

/** ROWS and COLUMNS: a range's size; a single value is one row and one column. */
function size(name: 'ROWS' | 'COLUMNS'): FunctionSpec {
  const rows = name === 'ROWS';
  return {
    name,
    category: 'lookup',
    summary: rows ? 'How many rows a range or table has.' : 'How many columns a range or table has.',
    params: [{ name: 'array', kind: 'range' }],
    propagate: false,
    notes: rows ? 'A table given whole (ROWS(airports)) or one of its columns counts its rows.' : 'A table given whole (COLUMNS(airports)) counts its columns; one table column is 1.',
    example: rows ? { formula: '=ROWS({1,2;3,4;5,6})', result: '3' } : { formula: '=COLUMNS({1,2;3,4;5,6})', result: '2' },
    scalar(args) {
      const a = args[0];
      if (isFormulaError(a)) return a;
      if (!isRange(a)) return 1;
      return rows ? a.rows : a.cols;
    },
    sql(args) {
      const a = args[0];
      if (!isSqlRange(a)) return result('CAST(1 AS DOUBLE)', 'number', [a?.err]);
      return result(rows ? aggregate(a, 'CAST(count(*) AS DOUBLE)') : `CAST(${a.columns.length} AS DOUBLE)`, 'number', []);
    },
  };
}

const LOOKUP: FunctionSpec = {
  name: 'LOOKUP',
  category: 'lookup',
  summary: 'Finds the largest value ≤ the lookup value in a sorted row or column and returns the value at the same position in another (or the same) one.',
  params: [{ name: 'lookup_value' }, { name: 'lookup_vector', kind: 'range' }, { name: 'result_vector', kind: 'range', optional: true }],
  propagate: false,
  notes:
    'The vector form, as in Excel: lookup_vector sorted ascending; the last of equal values; on unsorted data, still the largest value ≤ the lookup value wherever it is. Only values of the lookup value\'s type match. A position past the end of a shorter result_vector is #N/A. With a block of several rows and columns and no result_vector (the array form), LOOKUP searches its first column and returns from its last (the first row and last row when it is wider than tall); over a table it is always the first and last column.',
  example: { formula: '=LOOKUP(4.2, {1,3,5}, {"a","b","c"})', result: 'b' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const look = tableArg(args, 1);
    if (isFormulaError(look)) return look;
    const res = args[2] === undefined ? undefined : tableArg(args, 2);
    if (isFormulaError(res)) return res;
    let values = vectorOf(look);
    let results = res ? res.values : values;
    if (!values) {
      // The array form: along the longer side.
      const wide = look.cols > look.rows;
      values = wide ? row(look, 0) : column(look, 0);
      results = res ? res.values : wide ? row(look, look.rows - 1) : column(look, look.cols - 1);
    }
    const i = classicMatch(values, key, 1);
    if (i < 0) return notFound('LOOKUP', key);
    return i < results!.length ? results![i]! : new FormulaError('#N/A', 'LOOKUP: the result vector is shorter than the lookup vector.');
  },
  sql(args, ctx) {
    const x = sqlArg(args, 0);
    const look = asRange(args[1], ctx);
    const res = args[2] === undefined ? look.columns[look.columns.length - 1]! : isSqlRange(args[2]) ? args[2].columns[0]! : args[2];
    return classicLookup('LOOKUP', look, look.columns[0]!, res, x, 1, ctx);
  },
};

export const LOOKUP_FUNCTIONS: FunctionSpec[] = [XLOOKUP, VLOOKUP, HLOOKUP, MATCH, XMATCH, INDEX, CHOOSE, size('ROWS'), size('COLUMNS'), LOOKUP];
