import type { ScalarArg, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isSqlRange, type SqlExpr, type SqlRange } from '../../sql/types';
import { isRange } from '../../values';
import { serialOf } from './shared';
import { sqlSerial } from './sql-calendar';
import { bitWorkweek, type SqlWeekend } from './weekend';

/** Holidays as distinct whole days, sorted; empty cells are skipped, anything else must be a date. */
export function holidayDays(a: ScalarArg, name: string): number[] | FormulaError {
  if (a === undefined) return [];
  const days = new Set<number>();
  for (const v of isRange(a) ? a.values : [a]) {
    if (v === null) continue;
    if (isFormulaError(v)) return v;
    const s = serialOf(v, name);
    if (isFormulaError(s)) return s;
    days.add(Math.floor(s));
  }
  return [...days].sort((x, y) => x - y);
}

/**
 * Holidays in SQL: counts over the distinct holidays that fall on workdays. The SQL may hold
 * subqueries (a table's lookups, computed once per query): it stays out of lambdas.
 */
interface SqlHolidays {
  err: string | null;
  /** How many fall before day `x`. */
  before(x: string): string;
  /** How many have fewer than `k` free workdays (workdays that are not holidays) before them. */
  keysBelow(k: string): string;
}

export const NO_HOLIDAYS: SqlHolidays = { err: null, before: () => '0', keysBelow: () => '0' };

/**
 * A lookup, built once per query, of how many numbers of a set (column _v) are below each whole
 * number of their span: a struct of the span's first number, its length, and the counts.
 */
function countTable(ctx: SqlFunctionContext, set: string): string {
  const [s, g, t, r] = [ctx.alias(), ctx.alias(), ctx.alias(), ctx.alias()];
  const span = `SELECT unnest(range(CAST(min(_v) AS BIGINT), CAST(max(_v) AS BIGINT) + 2)) AS _d FROM ${s}`;
  const below = `CAST(COALESCE(sum(${t}._n) OVER (ORDER BY ${g}._d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS BIGINT)`;
  return (
    `(WITH ${s} AS (${set}), ${g} AS (${span}), ${t} AS (SELECT _v, count(*) AS _n FROM ${s} GROUP BY _v), ` +
    `${r} AS (SELECT ${g}._d, ${below} AS _cum FROM ${g} LEFT JOIN ${t} ON ${t}._v = ${g}._d) ` +
    `SELECT {'first': min(_d), 'len': count(*), 'cum': list(_cum ORDER BY _d)} FROM ${r})`
  );
}

/** How many of countTable `table`'s numbers are below `x`. */
function lookupBelow(table: string, x: string): string {
  const part = (name: string) => `struct_extract(${table}, '${name}')`;
  const index = `CAST(least(greatest((${x}) - ${part('first')}, 0), ${part('len')} - 1) AS BIGINT) + 1`;
  return `COALESCE(${part('cum')}[${index}], 0)`;
}

/** Holidays for a workday function: none, one value, or a table's column(s), under a known or per-row weekend. */
export function sqlHolidays(ctx: SqlFunctionContext, a: SqlExpr | SqlRange | undefined, weekend: SqlWeekend): SqlHolidays {
  if (a === undefined) return NO_HOLIDAYS;
  const week = weekend.ops(weekend.cycle);
  if (!isSqlRange(a)) {
    const d = sqlSerial(ctx, a, true);
    const day = `floor(${d.serial})`;
    const counts = (condition: string) => `(CASE WHEN ${day} IS NOT NULL AND ${week.isWorkday(day)} AND ${condition} THEN 1 ELSE 0 END)`;
    return { err: d.err, before: (x) => counts(`${day} < ${x}`), keysBelow: (k) => counts(`${week.before(day)} < ${k}`) };
  }
  // A table's holidays: every column of the range, whatever row asks.
  const days = a.columns.map((c) => sqlSerial(ctx, c, true));
  const h = '_holiday';
  const each = days.map((d) => `floor(${d.serial})`);
  const source = `SELECT ${each.length === 1 ? each[0] : `unnest([${each.join(', ')}])`} AS ${h} FROM ${a.from} AS ${a.alias}`;
  const errs = days.map((d) => d.err).filter((e): e is string => !!e);
  const err = errs.length ? `(SELECT min(${errs.length === 1 ? errs[0] : `COALESCE(${errs.join(', ')})`}) FROM ${a.from} AS ${a.alias})` : null;
  const all = `SELECT DISTINCT ${h} FROM (${source}) AS ${ctx.alias()} WHERE ${h} IS NOT NULL`;
  if (weekend.cycle !== null) return { err, ...perRowWeekend(ctx, `(SELECT list(${h} ORDER BY ${h}) FROM (${all}) AS ${ctx.alias()})`, weekend.cycle) };
  // The weekend is known: one lookup table for each count, built once per query, O(1) a row.
  const holiday = ctx.alias();
  const onWorkdays = `SELECT ${holiday}.${h} AS _v FROM (${all}) AS ${holiday} WHERE ${week.isWorkday(`${holiday}.${h}`)}`;
  // A holiday's key: the free workdays before it (its workdays before, less the holidays before it).
  const keys = `SELECT ${week.before('_v')} - row_number() OVER (ORDER BY _v) + 1 AS _v FROM (${onWorkdays}) AS ${ctx.alias()}`;
  const [dayTable, keyTable] = [countTable(ctx, onWorkdays), countTable(ctx, keys)];
  return { err, before: (x) => lookupBelow(dayTable, x), keysBelow: (k) => lookupBelow(keyTable, k) };
}

/**
 * Holidays when each row has its own weekend: the sorted holidays are one list, read once per
 * query, and each row filters it by its own workdays. O(holidays) a row, but a lookup table for
 * each of the 128 possible weekends costs DuckDB-WASM seconds to build and gigabytes to hold.
 */
function perRowWeekend(ctx: SqlFunctionContext, list: string, cycle: string): Pick<SqlHolidays, 'before' | 'keysBelow'> {
  // Bound as one struct so the weekend's cycle is computed once and the lambdas read no row column.
  const over = (bound: string, body: (r: string) => string) => {
    const r = ctx.alias();
    return `COALESCE(list_transform([{'h': ${list}, 'c': ${cycle}, 'b': ${bound}}], lambda ${r}: ${body(r)})[1], 0)`;
  };
  const onWorkdays = (r: string) => {
    const d = ctx.alias();
    return `list_filter(${r}.h, lambda ${d}: ${bitWorkweek(`${r}.c`).isWorkday(d)})`;
  };
  return {
    before: (x) =>
      over(x, (r) => {
        const d = ctx.alias();
        return `len(list_filter(${onWorkdays(r)}, lambda ${d}: ${d} < ${r}.b))`;
      }),
    // As the known weekend's keys, from the row's own workdays.
    keysBelow: (k) =>
      over(k, (r) => {
        const [d, i, key] = [ctx.alias(), ctx.alias(), ctx.alias()];
        const keys = `list_transform(${onWorkdays(r)}, lambda ${d}, ${i}: ${bitWorkweek(`${r}.c`).before(d)} - ${i} + 1)`;
        return `len(list_filter(${keys}, lambda ${key}: ${key} < ${r}.b))`;
      }),
  };
}
