/** The SQL and number helpers the statistics share: reading their arguments' numbers in both forms. */
import { isFormulaError } from '../../errors';
import { aggregate, anyErr, literal, num, rangeErr, rangeNumbers } from '../../sql/coerce';
import { isSqlRange, type SqlArg, type SqlExpr, type SqlRange } from '../../sql/types';
import { toNumber } from '../../values';
import { sqlNumberList } from '../helpers';

// ---- MIN and MAX, the A forms, spread, MODE, LARGE and SMALL, RANK, percentiles, CORREL, GEOMEAN

export type SqlArgs = (SqlArg | undefined)[];

/** How a range column's values count in SQL: a DOUBLE, NULL where the value is skipped. */
export type Reader = (col: SqlExpr) => string;

/** The numbers a statistic reads, in SQL. */
export interface SqlNumbers {
  /** The column, when the numbers are one range's: aggregates then run over it directly. */
  column?: { range: SqlRange; x: string };
  /** Every number as one DOUBLE[], in argument order. */
  list: string;
  err: string | null;
}

/**
 * The numbers of `args` in SQL, read as numbersOf (or with `read`, numbersA) reads them;
 * `ordered` keeps a table's row order in the list, at the cost of a sort.
 */
export function sqlNumbers(args: SqlArgs, read: Reader = rangeNumbers, ordered = false): SqlNumbers {
  const only = args.length === 1 && isSqlRange(args[0]) ? args[0] : undefined;
  const l = read === rangeNumbers && !ordered ? sqlNumberList(args) : numberList(args, read, ordered);
  return { column: only && { range: only, x: read(only.columns[0]!) }, list: l.list, err: l.err };
}

/** sqlNumberList with another reader for range columns, optionally in row order. */
function numberList(args: SqlArgs, read: Reader, ordered: boolean): { list: string; err: string | null } {
  const parts: string[] = [];
  const errs: (string | null)[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (!isSqlRange(a)) {
      // A value given directly reads the same whatever the reader.
      const one = sqlNumberList([a]);
      parts.push(one.list);
      errs.push(one.err);
      continue;
    }
    const x = read(a.columns[0]!);
    const order = ordered && a.ordered ? ` ORDER BY ${a.alias}.rowid` : '';
    parts.push(`COALESCE(${aggregate(a, `list(${x}${order}) FILTER (WHERE ${x} IS NOT NULL)`)}, [])`);
    errs.push(rangeErr(a));
  }
  const list = parts.length === 0 ? 'CAST([] AS DOUBLE[])' : parts.reduce((acc, p) => `list_concat(${acc}, ${p})`);
  return { list, err: anyErr(...errs) };
}

/** A statistic over the numbers: `column(x)` aggregated over the one range, else `list(l)`. */
export function over(n: SqlNumbers, column: (x: string) => string, list: (l: string) => string): string {
  return n.column ? aggregate(n.column.range, column(n.column.x)) : list(n.list);
}

export const countOf = (n: SqlNumbers) => over(n, (x) => `count(${x})`, (l) => `len(${l})`);

/** The numbers sorted ascending, as one DOUBLE[]; a single range's is sorted once, by its aggregate. */
export function sortedList(n: SqlNumbers): string {
  return n.column ? `COALESCE(${aggregate(n.column.range, `list(${n.column.x} ORDER BY ${n.column.x}) FILTER (WHERE ${n.column.x} IS NOT NULL)`)}, [])` : `list_sort(${n.list})`;
}

/**
 * Each argument's numbers folded to one SQL value, for statistics that combine (MIN of MINs):
 * a range by the aggregate `column(x)`, a value given directly by `value(v)`, NULL for an empty
 * one. Unlike a list of every number, nothing grows with the range on each row of a column formula.
 */
export function perArgument(args: SqlArgs, read: Reader, column: (x: string) => string, value: (v: string) => string): { parts: string[]; err: string | null } {
  const parts: string[] = [];
  const errs: (string | null)[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (isSqlRange(a)) {
      parts.push(aggregate(a, column(read(a.columns[0]!))));
      errs.push(rangeErr(a));
    } else if (a.type === 'empty') errs.push(a.err);
    else {
      const v = num(a);
      parts.push(a.nullable ? `CASE WHEN ${a.sql} IS NOT NULL THEN ${value(v.sql)} END` : value(v.sql));
      errs.push(v.err);
    }
  }
  return { parts: parts.length ? parts : ['CAST(NULL AS DOUBLE)'], err: anyErr(...errs) };
}

/** The sum of per-argument parts, an empty part counting 0. */
export const total = (parts: string[]) => `(${parts.map((p) => `COALESCE(${p}, 0)`).join(' + ')})`;

/** A number as a DOUBLE literal. */
export const double = (x: number) => literal(x).sql;

export function smallest(xs: number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const x of xs) if (x < m) m = x;
  return xs.length ? m : 0;
}

export function largest(xs: number[]): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > m) m = x;
  return xs.length ? m : 0;
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// DuckDB's variance raises an error (rather than returning infinity) when its sums overflow,
// which numbers beyond ±1e145 can make happen; those are scaled by 2^-600 first (exact: a power
// of two), in both forms, and the result scaled back.
export const HUGE = 1e145;
export const DOWN = 2 ** -600;
export const UP = 2 ** 600;

/** The argument's value when the compiler knows it (a literal), as a number. */
export function constantNumber(e: SqlExpr): number | undefined {
  if (e.constant === undefined) return undefined;
  const n = toNumber(e.constant);
  return isFormulaError(n) ? undefined : n;
}
