import type { SqlFunctionContext } from '../../catalog';
import { anyErr, errCode, errWhen, guard, num, toDate } from '../../sql/coerce';
import { expr, type SqlExpr } from '../../sql/types';
import { END_SERIAL, EPOCH } from './shared';
import { ref, sqlLet } from './sql-let';

// ---- calendar arithmetic, SQL

/** A DuckDB DATE from a whole-day serial, and back. */
export const dateOf = (day: string) => `(${EPOCH} + CAST(${day} AS INTEGER))`;
export const sqlSerialOf = (date: string) => `CAST(${date} - ${EPOCH} AS DOUBLE)`;
/** The first of the month `index` months after January of year 0 (index in DuckDB's date range). */
export const sqlMonthStart = (index: string) => `make_date(CAST(floor(${index} / 12) AS BIGINT), CAST(${index} - floor(${index} / 12) * 12 + 1 AS BIGINT), 1)`;
/** The serial of 1 January of year `y`, by arithmetic (cheaper than make_date). */
export const sqlJan1 = (y: string) => `(365 * (${y}) + floor(((${y}) - 1) / 4) - floor(((${y}) - 1) / 100) + floor(((${y}) - 1) / 400) - 693958)`;
export const sqlLeap = (y: string) => `((${y}) % 4 = 0 AND ((${y}) % 100 <> 0 OR (${y}) % 400 = 0))`;
export const sqlLeapDay = (y: string) => `(CASE WHEN ${sqlLeap(y)} THEN 1 ELSE 0 END)`;
const DAYS_BEFORE_MONTH = '[0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]';
const MONTH_LENGTHS = '[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]';
/** DATE(y, m, d) as a serial by arithmetic, for a month 1 … 12: days past the month's end roll over. */
export const sqlSerialAt = (y: string, m: string, d: string) =>
  `(${sqlJan1(y)} + ${DAYS_BEFORE_MONTH}[CAST(${m} AS INTEGER)] + (CASE WHEN (${m}) > 2 THEN ${sqlLeapDay(y)} ELSE 0 END) + (${d}) - 1)`;
/** The length of month `m` (1 … 12) of year `y`. */
export const sqlMonthLength = (y: string, m: string) => `(${MONTH_LENGTHS}[CAST(${m} AS INTEGER)] + (CASE WHEN (${m}) = 2 THEN ${sqlLeapDay(y)} ELSE 0 END))`;
export const sqlLastOfFebruary = (y: string, m: string, d: string) => `((${m}) = 2 AND (${d}) = 28 + ${sqlLeapDay(y)})`;

/** A date's year, month and day (and serial), as names for sqlLet: computed outside the lambda's body. */
export function sqlParts(day: string, prefix: string): Record<string, string> {
  const date = dateOf(day);
  return { [prefix]: day, [`${prefix}y`]: `year(${date})`, [`${prefix}m`]: `month(${date})`, [`${prefix}d`]: `day(${date})` };
}

/** The serial of a date-time value, as coerce.ts's num reads it. */
export const timestampSerial = (ts: string) => `(epoch_us(${ts}) / 86400000000.0 + 25569)`;

/**
 * serialOf in SQL: the serial (time kept; NULL where the value is not a date) and its error.
 * With `skipEmpty` an empty value stays NULL without an error (holiday lists skip empty cells)
 * instead of being serial 0.
 */
export function sqlSerial(ctx: SqlFunctionContext, e: SqlExpr, skipEmpty = false): { serial: string; err: string | null } {
  const raw = rawSerial(e, skipEmpty);
  const ok = (s: string) => `(${s} >= 0 AND ${s} < ${END_SERIAL})`;
  return {
    serial: sqlLet(ctx, { s: raw.sql }, (v) => `CASE WHEN ${ok(ref(v, 's'))} THEN ${ref(v, 's')} END`),
    err: anyErr(raw.err, sqlLet(ctx, { s: raw.sql }, (v) => errWhen(`NOT ${ok(ref(v, 's'))}`, '#NUM!'))),
  };
}

/** A value's serial before the range check: ISO date text read, dates and numbers as they are, NULL empty as 0. */
function rawSerial(e: SqlExpr, skipEmpty: boolean): { sql: string; err: string | null } {
  const orZero = (s: string) => (skipEmpty || !e.nullable ? s : `COALESCE(${s}, 0)`);
  switch (e.type) {
    case 'date':
      return { sql: orZero(sqlSerialOf(e.sql)), err: e.err };
    case 'datetime':
      return { sql: orZero(timestampSerial(e.sql)), err: e.err };
    case 'text': {
      const d = textToDate(e);
      return { sql: skipEmpty ? timestampSerial(d.sql) : `COALESCE(${timestampSerial(d.sql)}, 0)`, err: d.err };
    }
    case 'empty':
      return { sql: skipEmpty ? 'CAST(NULL AS DOUBLE)' : 'CAST(0 AS DOUBLE)', err: e.err };
    case 'boolean':
      if (skipEmpty) return { sql: `CAST(${e.sql} AS DOUBLE)`, err: e.err };
      break;
    case 'number':
      if (skipEmpty) return { sql: e.sql, err: e.err };
      break;
  }
  const n = num(e);
  return { sql: n.sql, err: n.err };
}

/**
 * coerce.ts's toDate for text, except that an empty (NULL) text is empty, as in values.ts (its
 * toDate reports #VALUE! there: `NOT (regexp(NULL) AND TRY_CAST(NULL) IS NOT NULL)` is TRUE).
 * NULL text stays NULL here; callers make it serial 0 or skip it.
 */
function textToDate(e: SqlExpr): SqlExpr {
  const d = toDate({ ...e, err: null });
  const own = d.err && e.nullable ? `CASE WHEN ${e.sql} IS NOT NULL THEN ${d.err} END` : d.err;
  return expr(d.sql, d.type, anyErr(e.err, own), true);
}

/** Where a date is expected (toDate), an empty text being the empty date, serial 0. */
export function sqlToDate(e: SqlExpr): SqlExpr {
  if (e.type !== 'text' || !e.nullable) return toDate(e);
  const d = textToDate(e);
  return expr(`CASE WHEN ${e.sql} IS NULL THEN ${EPOCH} ELSE ${d.sql} END`, d.type, d.err);
}

/** A DATE result from a whole-day serial (NULL: not computed), #NUM! outside the date range. */
export function sqlDateResult(ctx: SqlFunctionContext, day: string, errs: (string | null)[]): SqlExpr {
  const value = sqlLet(ctx, { d: day }, (v) => `CASE WHEN ${ref(v, 'd')} >= 0 AND ${ref(v, 'd')} < ${END_SERIAL} THEN ${dateOf(ref(v, 'd'))} END`);
  const inputs = anyErr(...errs);
  return expr(guard(value, inputs), 'date', anyErr(inputs, `CASE WHEN (${value}) IS NULL THEN ${errCode('#NUM!')} END`), false);
}
