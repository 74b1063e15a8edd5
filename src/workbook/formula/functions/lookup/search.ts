import type { SqlFunctionContext } from '../../catalog';
import { FormulaSyntaxError, type ErrorCode } from '../../errors';
import { errCode, guard } from '../../sql/coerce';
import { expr, type SqlExpr, type SqlRange, type SqlType } from '../../sql/types';

// Lookups against a table compile to one search over it per lookup. Inside a column formula the
// search is a correlated subquery; the value looked for is bound once, as `(SELECT x AS x) AS q`,
// and the match is a plain WHERE condition (an equality for exact matches), so DuckDB decorrelates
// it into a hash join on the key. A condition inside an aggregate's FILTER would not be: DuckDB
// then pairs every distinct key with every row (a cross product). Approximate matches ("largest
// key ≤ x") are an ASOF join against the table grouped by key. The match comes back as one
// STRUCT (NULL when nothing matches), so a lookup's value and its error read one subquery each.

// ---- searching a table in SQL

/** The 1-based position of a row in rowid order, added to the rows when a lookup needs it. */
export const POS = '"__cellar_pos"';

/** How a search finds its row. */
export type Finder =
  /** The rows where any of the conditions holds, given the bound value's SQL; several run as UNION ALL. */
  | { kind: 'where'; conds: (x: string) => string[]; order?: string[]; flipTies?: boolean }
  /**
   * The row whose `key` is nearest the value: `below` the largest key ≤ it, `above` the smallest ≥ it.
   * flipInexact: among equal keys that are not the value itself, the other end of `ties` (a binary search's next smaller).
   */
  | { kind: 'nearest'; key: string; side: 'below' | 'above'; flipInexact?: boolean };

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
export function sqlProblem(message: string, code: ErrorCode = '#VALUE!'): FormulaSyntaxError {
  // The function's SQL form does not know where its call is in the text; the whole formula it is.
  return new FormulaSyntaxError(message, { start: 0, end: 0 }, code);
}

export function unordered(name: string): FormulaSyntaxError {
  return sqlProblem(`${name} needs the rows in their order, and this table has no fixed order here (a formula column's own table, a view). Use a lookup that finds rows by value, such as XLOOKUP.`);
}

/**
 * The SQL for a search: a STRUCT of `fields` from the matching row, NULL when no row matches.
 * Over a table it is a scalar subquery (see the top of this file); inside a pivot's GROUP BY it
 * is the same search as a bare aggregate over the group's rows.
 */
export function sqlSearch(s: Search, ctx: SqlFunctionContext): string {
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
  const flipped = find.kind === 'where' && !!find.flipTies;
  const tie = (s.ties === 'first') !== flipped ? 'ASC' : 'DESC';
  const other = tie === 'ASC' ? 'DESC' : 'ASC';
  const orderBy = (extra: string[] = [], t = tie) => {
    const order = [...extra, ...(rowOrder ? [`${rowOrder} ${t}`] : [])];
    return order.length ? ` ORDER BY ${order.join(', ')}` : '';
  };
  const flipInexact = find.kind === 'nearest' && !!find.flipInexact;
  if (range.inline) {
    if (find.kind === 'where') return `first(${struct}${orderBy(find.order)}) FILTER (WHERE ${find.conds(s.x).map((c) => `(${c})`).join(' OR ')})`;
    const [op, dir] = find.side === 'below' ? ['<=', 'DESC'] : ['>=', 'ASC'];
    // Flipped ties: the row order counts backwards for keys other than the value itself.
    const rows = flipInexact && rowOrder ? [`(CASE WHEN ${find.key} = ${s.x} THEN 1 ELSE -1 END) * ${rowOrder} ${tie}`] : [];
    return `first(${struct}${flipInexact && rowOrder ? ` ORDER BY ${find.key} ${dir}, ${rows[0]}` : orderBy([`${find.key} ${dir}`])}) FILTER (WHERE ${find.key} ${op} ${s.x})`;
  }
  const q = ctx.alias();
  const bound = `(SELECT ${s.x} AS x) AS ${q}`;
  const x = `${q}.x`;
  if (find.kind === 'nearest') {
    const g = ctx.alias();
    const flip = flipInexact ? `, first(${struct}${orderBy([], other)}) AS f` : '';
    const keys = `(SELECT ${find.key} AS k, first(${struct}${orderBy()}) AS s${flip} FROM ${from} WHERE ${find.key} IS NOT NULL GROUP BY ${find.key}) AS ${g}`;
    const pick = flipInexact ? `CASE WHEN ${g}.k = ${x} THEN ${g}.s ELSE ${g}.f END` : `${g}.s`;
    return `(SELECT ${pick} FROM ${bound} ASOF JOIN ${keys} ON ${x} ${find.side === 'below' ? '>=' : '<='} ${g}.k)`;
  }
  const conds = find.conds(x);
  if (conds.length === 1) return `(SELECT first(${struct}${orderBy(find.order)}) FROM ${bound}, ${from} WHERE ${conds[0]})`;
  // Alternatives (a key with or without wildcards) each keep their own join; only row order ranks them.
  const u = ctx.alias();
  const parts = conds.map((c) => `SELECT ${struct} AS s${rowOrder ? `, ${rowOrder} AS o` : ''} FROM ${bound}, ${from} WHERE ${c}`);
  return `(SELECT first(${u}.s${rowOrder ? ` ORDER BY ${u}.o ${tie}` : ''}) FROM (${parts.join(' UNION ALL ')}) AS ${u})`;
}

/** The STRUCT fields for returning `ret`: its value, and its error when it can have one. */
export function returnFields(ret: SqlExpr): Record<string, string> {
  return { v: ret.type === 'empty' ? `CAST(${ret.sql} AS VARCHAR)` : ret.sql, ...(ret.err ? { e: ret.err } : {}) };
}

/**
 * A search's answer: field `field` of the match, NULL unless `x` is fine; the error is `x`'s,
 * else #N/A when nothing matched, else the matched value's own (field `e`).
 */
export function answer(sub: string, field: string, type: SqlType, x: SqlExpr, withErr: boolean): SqlExpr {
  const value = guard(`(${sub}).${field}`, x.err);
  const err = `CASE ${x.err ? `WHEN ${x.err} IS NOT NULL THEN ${x.err} ` : ''}WHEN (${sub}) IS NULL THEN ${errCode('#N/A')} ${withErr ? `ELSE (${sub}).e ` : ''}END`;
  return expr(value, type === 'empty' ? 'text' : type, err, true);
}
