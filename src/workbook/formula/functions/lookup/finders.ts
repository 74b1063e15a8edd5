import { quoteLiteral } from '../../../../sql';
import type { SqlFunctionContext } from '../../catalog';
import { bool, compare, num, text } from '../../sql/coerce';
import type { SqlExpr, SqlRange, SqlType } from '../../sql/types';
import { sqlMatches, likePattern } from '../criteria';
import { isPattern, type MatchClass } from './match';
import { returnFields, sqlSearch, type Finder } from './search';

// How the SQL forms find the matching row: the conditions for classicMatch and findMatch, and sqlFirstMatch.

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



/** likePattern for a pattern known only per row: `~~`, `~*`, `~?` set aside, LIKE's own characters escaped, then `*` and `?`. */
function sqlLikePattern(x: string): string {
  const kept = `replace(replace(replace(${x}, '~~', chr(3)), '~*', chr(1)), '~?', chr(2))`;
  const escaped = `replace(replace(replace(${kept}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
  return `replace(replace(replace(replace(replace(${escaped}, '*', '%'), '?', '_'), chr(1), '*'), chr(2), '?'), chr(3), '~')`;
}

/** classicMatch's search in SQL: the value to bind and how to find it; undefined when nothing can match. */
export function classicFinder(key: SqlExpr, x: SqlExpr, mode: 0 | 1 | -1): { x: string; find: Finder } | undefined {
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

/** findMatch's search in SQL (XLOOKUP, XMATCH): modes -1, 0, 1 and 2 as there; `binary` flips the ties of a next-smaller match as findMatch does. */
export function xFinder(key: SqlExpr, x: SqlExpr, mode: number, binary = false): { x: string; find: Finder } {
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
  if (mode === 0) {
    const equal = (q: string) => `${key.sql} IS NOT NULL AND ${compare(key, bound(q), '=').sql}`;
    if (!x.nullable && x.type !== 'empty') return { x: xSql, find: { kind: 'where', conds: (q) => [equal(q)] } };
    // An empty key finds an empty cell (findMatch): an equality of both sides' emptiness, so it stays a hash join.
    const blank = (q: string) => `(CASE WHEN ${key.sql} IS NULL THEN 1 END) = (CASE WHEN ${q} IS NULL THEN 1 END)`;
    return { x: xSql, find: { kind: 'where', conds: (q) => [equal(q), blank(q)] } };
  }
  const cls = sqlClass(key.type);
  const side = mode === -1 ? 'below' : 'above';
  if (cls && (x.type === 'empty' || sqlClass(x.type) === cls)) {
    // Same class: empty is that class's zero value, as compareValues has it.
    const xs = cls === 'number' ? num(x).sql : cls === 'text' ? `lower(${text(x).sql})` : bool(x).sql;
    return { x: xs, find: { kind: 'nearest', key: comparable(key), side, flipInexact: binary && mode === -1 } };
  }
  const op = mode === -1 ? '<=' : '>=';
  const order = [`${comparable(key)} ${mode === -1 ? 'DESC' : 'ASC'}`];
  // Keys of another class than the value never equal it: every match is inexact.
  return { x: xSql, find: { kind: 'where', conds: (q) => [`${key.sql} IS NOT NULL AND ${compare(key, bound(q), op).sql}`], order, flipTies: binary && mode === -1 } };
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
