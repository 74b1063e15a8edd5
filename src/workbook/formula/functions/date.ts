import { quoteLiteral } from '../../../engine';
import type { FunctionSpec, ScalarArg, SqlFunctionContext } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { anyErr, bool, errCode, errWhen, guard, num, result, text, toDate } from '../sql/coerce';
import { expr, isSqlRange, type SqlArg, type SqlExpr, type SqlRange } from '../sql/types';
import { dateFromSerial, dateParts, DateValue, isDate, isRange, serialFromParts, toDate as toDateValue, toNumber, trimSpaces, type Scalar } from '../values';
import { arg, booleanArg, firstError, numberArg, sqlArg, textArg } from './helpers';

// Dates count in serials, as in Excel: days since 1899-12-30, the time of day as the fraction.
// Functions that work in whole days drop the time (Excel truncates), and every date a function
// returns is a date-typed value (DateValue / DuckDB DATE), not a bare serial.

type Example = FunctionSpec['example'];
type SqlArgs = (SqlArg | undefined)[];

/** The serial of 10000-01-01: dates run from serial 0 (1899-12-30) to 9999-12-31. */
const END_SERIAL = 2_958_466;
const EPOCH = "DATE '1899-12-30'";

const outOfRange = (name: string) => new FormulaError('#NUM!', `${name}: the date is out of range.`);

// ---- calendar arithmetic, TypeScript

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function ymd(day: number): Ymd {
  const p = dateParts(day);
  return { y: p.year, m: p.month, d: p.day };
}

/** DATE(y, m, d) as a serial: months and days past the end roll over. */
const serialAt = (y: number, m: number, d: number) => serialFromParts(y, m, d);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => serialAt(y, m + 1, 1) - serialAt(y, m, 1);
const lastOfFebruary = (p: Ymd) => p.m === 2 && p.d === daysInMonth(p.y, 2);

/** A value where a date is expected, as its serial (time kept): a date, a serial number, or ISO text. */
function serialOf(v: Scalar, name: string): number | FormulaError {
  const d = toDateValue(v);
  if (isFormulaError(d)) return d;
  return d.serial >= 0 && d.serial < END_SERIAL ? d.serial : outOfRange(name);
}

/** A date argument as a whole day: the time of day dropped, as Excel truncates it. */
function dayArg(args: ScalarArg[], i: number, name: string): number | FormulaError {
  const s = serialOf(arg(args, i), name);
  return isFormulaError(s) ? s : Math.floor(s);
}

/** A date result, #NUM! outside 1899-12-30 … 9999-12-31. */
function dateResult(day: number, name: string): DateValue | FormulaError {
  return day >= 0 && day < END_SERIAL ? new DateValue(day) : outOfRange(name);
}

// ---- calendar arithmetic, SQL

/**
 * SQL longer than this is evaluated once and named, rather than written again wherever it is used.
 * A lambda costs DuckDB-WASM about a microsecond a row, so plain column arithmetic is repeated.
 */
const LONG = 500;
/** For values a body reads many times: bind anything but a column or a literal. */
const REUSED = 40;

/**
 * `body` over values each evaluated once. DuckDB has no LET; a lambda over a one-element list is
 * one. When every value is short (a column, a literal) they are written in place instead, which
 * is cheaper than a lambda. `body` must not hold a subquery (a lambda cannot; the values may),
 * and reads only the values it is given (and names of enclosing lets): a lambda's body that reads
 * the row's columns is slow, and inside a subquery DuckDB cannot bind it at all.
 */
function sqlLet(ctx: SqlFunctionContext, values: Record<string, string>, body: (v: Record<string, string>) => string, bindAbove = LONG): string {
  const entries = Object.entries(values);
  if (!entries.some(([, v]) => v.length > bindAbove)) return body(values);
  const name = ctx.alias();
  const refs = Object.fromEntries(entries.map(([k]) => [k, `${name}.${k}`]));
  return `list_transform([{${entries.map(([k, v]) => `'${k}': ${v}`).join(', ')}}], lambda ${name}: ${body(refs)})[1]`;
}

/** A named value of sqlLet's `body` (always given: the keys are the caller's own). */
const ref = (v: Record<string, string>, key: string) => v[key] ?? 'NULL';

/**
 * A function's SQL over its arguments, each evaluated once (see sqlLet), so that calls nested in
 * calls grow the SQL by a constant factor instead of multiplying it. With `inline` they are
 * written in place instead (a holidays lookup is a subquery, which a lambda's body cannot hold).
 *
 * Only the arguments' values are named: a value argument's error is added to the call's result
 * by the compiler (and where it is set the value is NULL), so `build` sees none; `keepErr` lists
 * the arguments whose errors the function reports itself (a holiday given as one value).
 */
function withArgs(ctx: SqlFunctionContext, args: SqlExpr[], build: (args: SqlExpr[]) => SqlExpr, options: { inline?: boolean; keepErr?: number[] } = {}): SqlExpr {
  const kept = args.map((a, i): SqlExpr => (options.keepErr?.includes(i) ? a : { ...a, err: null }));
  if (options.inline || !kept.some((a) => a.sql.length + (a.err?.length ?? 0) > LONG)) return build(kept);
  // Every argument is named (a lambda body that reads the outer row is slow); literals stay in
  // place, as some functions read their constant.
  const name = ctx.alias();
  const fields: [string, string][] = [];
  const refs = kept.map((a, i): SqlExpr => {
    if (a.constant !== undefined) return a;
    fields.push([`v${i}`, a.sql]);
    if (a.err) fields.push([`e${i}`, a.err]);
    return { ...a, sql: `${name}.v${i}`, err: a.err ? `${name}.e${i}` : null };
  });
  const out = build(refs);
  const bind = (body: string) => `list_transform([{${fields.map(([k, v]) => `'${k}': ${v}`).join(', ')}}], lambda ${name}: ${body})[1]`;
  // The value and the error are bound apart, so reading the error does not compute the value.
  return expr(bind(out.sql), out.type, out.err ? bind(out.err) : null, out.nullable);
}

/** Value arguments, each with its default when left out. */
function valueArgs(args: SqlArgs, ...defaults: Scalar[]): SqlExpr[] {
  return defaults.map((fallback, i) => sqlArg(args, i, fallback));
}

/** A DuckDB DATE from a whole-day serial, and back. */
const dateOf = (day: string) => `(${EPOCH} + CAST(${day} AS INTEGER))`;
const sqlSerialOf = (date: string) => `CAST(${date} - ${EPOCH} AS DOUBLE)`;
/** The first of the month `index` months after January of year 0 (index in DuckDB's date range). */
const sqlMonthStart = (index: string) => `make_date(CAST(floor(${index} / 12) AS BIGINT), CAST(${index} - floor(${index} / 12) * 12 + 1 AS BIGINT), 1)`;
/** The serial of 1 January of year `y`, by arithmetic (cheaper than make_date). */
const sqlJan1 = (y: string) => `(365 * (${y}) + floor(((${y}) - 1) / 4) - floor(((${y}) - 1) / 100) + floor(((${y}) - 1) / 400) - 693958)`;
const sqlLeap = (y: string) => `((${y}) % 4 = 0 AND ((${y}) % 100 <> 0 OR (${y}) % 400 = 0))`;
const sqlLeapDay = (y: string) => `(CASE WHEN ${sqlLeap(y)} THEN 1 ELSE 0 END)`;
const DAYS_BEFORE_MONTH = '[0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]';
const MONTH_LENGTHS = '[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]';
/** DATE(y, m, d) as a serial by arithmetic, for a month 1 … 12: days past the month's end roll over. */
const sqlSerialAt = (y: string, m: string, d: string) =>
  `(${sqlJan1(y)} + ${DAYS_BEFORE_MONTH}[CAST(${m} AS INTEGER)] + (CASE WHEN (${m}) > 2 THEN ${sqlLeapDay(y)} ELSE 0 END) + (${d}) - 1)`;
/** The length of month `m` (1 … 12) of year `y`. */
const sqlMonthLength = (y: string, m: string) => `(${MONTH_LENGTHS}[CAST(${m} AS INTEGER)] + (CASE WHEN (${m}) = 2 THEN ${sqlLeapDay(y)} ELSE 0 END))`;
const sqlLastOfFebruary = (y: string, m: string, d: string) => `((${m}) = 2 AND (${d}) = 28 + ${sqlLeapDay(y)})`;

/** A date's year, month and day (and serial), as names for sqlLet: computed outside the lambda's body. */
function sqlParts(day: string, prefix: string): Record<string, string> {
  const date = dateOf(day);
  return { [prefix]: day, [`${prefix}y`]: `year(${date})`, [`${prefix}m`]: `month(${date})`, [`${prefix}d`]: `day(${date})` };
}

/** The serial of a date-time value, as coerce.ts's num reads it. */
const timestampSerial = (ts: string) => `(epoch_us(${ts}) / 86400000000.0 + 25569)`;

/**
 * serialOf in SQL: the serial (time kept; NULL where the value is not a date) and its error.
 * With `skipEmpty` an empty value stays NULL without an error (holiday lists skip empty cells)
 * instead of being serial 0.
 */
function sqlSerial(ctx: SqlFunctionContext, e: SqlExpr, skipEmpty = false): { serial: string; err: string | null } {
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
function sqlToDate(e: SqlExpr): SqlExpr {
  if (e.type !== 'text' || !e.nullable) return toDate(e);
  const d = textToDate(e);
  return expr(`CASE WHEN ${e.sql} IS NULL THEN ${EPOCH} ELSE ${d.sql} END`, d.type, d.err);
}

/** A DATE result from a whole-day serial (NULL: not computed), #NUM! outside the date range. */
function sqlDateResult(ctx: SqlFunctionContext, day: string, errs: (string | null)[]): SqlExpr {
  const value = sqlLet(ctx, { d: day }, (v) => `CASE WHEN ${ref(v, 'd')} >= 0 AND ${ref(v, 'd')} < ${END_SERIAL} THEN ${dateOf(ref(v, 'd'))} END`);
  const inputs = anyErr(...errs);
  return expr(guard(value, inputs), 'date', anyErr(inputs, `CASE WHEN (${value}) IS NULL THEN ${errCode('#NUM!')} END`), false);
}

// ---- YEAR, MONTH, DAY, DATE, TODAY, NOW

/** YEAR, MONTH, DAY …: one part of a date (a date, a serial number or ISO date text). */
function part(name: string, summary: string, pick: (p: ReturnType<typeof dateParts>) => number, sqlPart: string, example: Example): FunctionSpec {
  return {
    name,
    category: 'date',
    summary,
    params: [{ name: 'date' }],
    example,
    scalar(args) {
      const d = toDateValue(arg(args, 0));
      return isFormulaError(d) ? d : pick(dateParts(d.serial));
    },
    sql(args, ctx) {
      return withArgs(ctx, valueArgs(args, null), ([a]) => {
        const d = sqlToDate(a!);
        return result(`CAST(${sqlPart}(${d.sql}) AS DOUBLE)`, 'number', [d.err]);
      });
    },
  };
}

const DATE: FunctionSpec = {
  name: 'DATE',
  category: 'date',
  summary: 'A date from a year, month and day; months and days past the end roll over (DATE(2024, 13, 1) is 2025-01-01).',
  params: [{ name: 'year' }, { name: 'month' }, { name: 'day' }],
  example: { formula: '=DATE(2024, 2, 30)', result: '2024-03-01' },
  scalar(args) {
    const [y, m, d] = [numberArg(args, 0), numberArg(args, 1), numberArg(args, 2)];
    const e = firstError(y, m, d);
    if (e) return e;
    let year = Math.trunc(y as number);
    // As in Excel, years 0 to 1899 count from 1900.
    if (year >= 0 && year < 1900) year += 1900;
    return dateFromSerial(serialFromParts(year, Math.trunc(m as number), Math.trunc(d as number)), false);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null, null, null), ([ya, ma, da]) => {
      const [y, m, d] = [num(ya!), num(ma!), num(da!)];
      const day = sqlLet(ctx, { y: `trunc(${y.sql})`, m: `trunc(${m.sql})`, d: `trunc(${d.sql})` }, (v) => {
        const [yy, mm, dd] = [ref(v, 'y'), ref(v, 'm'), ref(v, 'd')];
        const year = `(CASE WHEN ${yy} >= 0 AND ${yy} < 1900 THEN ${yy} + 1900 ELSE ${yy} END)`;
        return sqlLet(ctx, { i: `(${year} * 12 + ${mm} - 1)` }, (w) => {
          const i = ref(w, 'i');
          // Months and days roll over. Past ±200,000 years (or 10^8 days) make_date fails and no date comes back into range.
          const ok = `(${i} BETWEEN -2400000 AND 2400000 AND abs(${dd}) < 100000000)`;
          return `CASE WHEN ${ok} THEN ${sqlSerialOf(sqlMonthStart(i))} + ${dd} - 1 END`;
        }, REUSED);
      });
      return sqlDateResult(ctx, day, [y.err, m.err, d.err]);
    });
  },
};

/**
 * The current local time as a TIMESTAMP. DuckDB-WASM runs without ICU, so it only knows UTC:
 * the browser's offset from UTC is written into the SQL, as the TypeScript form reads local time.
 */
function sqlLocalNow(): string {
  const offsetMicros = new Date().getTimezoneOffset() * 60_000_000;
  return `date_trunc('second', make_timestamp(epoch_us(now()) - ${offsetMicros}))`;
}

const TODAY: FunctionSpec = {
  name: 'TODAY',
  category: 'date',
  summary: "Today's date (recomputed whenever the workbook recalculates).",
  params: [],
  volatile: true,
  example: { formula: '=TODAY() > DATE(2020, 1, 1)', result: 'TRUE' },
  scalar(_args, ctx) {
    const now = ctx.now();
    return new DateValue(serialFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate()));
  },
  sql: () => result(`CAST(${sqlLocalNow()} AS DATE)`, 'date', []),
};

const NOW: FunctionSpec = {
  name: 'NOW',
  category: 'date',
  summary: 'The current date and time, to the second (recomputed whenever the workbook recalculates).',
  params: [],
  volatile: true,
  example: { formula: '=NOW() > DATE(2020, 1, 1)', result: 'TRUE' },
  notes: 'A date-time (Excel returns its serial number, formatted).',
  scalar(_args, ctx) {
    const now = ctx.now();
    const seconds = now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds();
    return new DateValue(serialFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate(), seconds), true);
  },
  sql: () => result(sqlLocalNow(), 'datetime', []),
};

// ---- EDATE, EOMONTH

/** EDATE and EOMONTH: a date some months away, on the same day (clamped to the month's end) or on the month's last day. */
function monthShift(name: 'EDATE' | 'EOMONTH', summary: string, example: Example): FunctionSpec {
  const endOfMonth = name === 'EOMONTH';
  return {
    name,
    category: 'date',
    summary,
    params: [{ name: 'start_date' }, { name: 'months' }],
    example,
    notes: 'Months that are not whole are truncated (1.9 is 1), as in Excel. The result is a date (Excel returns its serial number).',
    scalar(args) {
      const start = dayArg(args, 0, name);
      if (isFormulaError(start)) return start;
      const months = numberArg(args, 1);
      if (isFormulaError(months)) return months;
      const p = ymd(start);
      const index = p.y * 12 + (p.m - 1) + Math.trunc(months);
      // The target month must lie in 1899-12 … 9999-12 (the date range).
      if (!(index >= 1899 * 12 + 11 && index <= 9999 * 12 + 11)) return outOfRange(name);
      const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
      const last = daysInMonth(y, m);
      return dateResult(serialAt(y, m, endOfMonth ? last : Math.min(p.d, last)), name);
    },
    sql(args, ctx) {
      return withArgs(ctx, valueArgs(args, null, null), ([a, b]) => {
        const start = sqlSerial(ctx, a!);
        const months = num(b!);
        const day = sqlLet(ctx, { s: start.serial, m: months.sql }, (v) => {
          const date = dateOf(`floor(${ref(v, 's')})`);
          return sqlLet(ctx, { i: `(year(${date}) * 12 + month(${date}) - 1 + trunc(${ref(v, 'm')}))`, d: `day(${date})` }, (w) => {
            const i = ref(w, 'i');
            const ok = `(${i} >= ${1899 * 12 + 11} AND ${i} <= ${9999 * 12 + 11})`;
            const first = sqlMonthStart(i);
            const target = endOfMonth ? `last_day(${first})` : `(${first} + CAST(least(${ref(w, 'd')}, day(last_day(${first}))) - 1 AS INTEGER))`;
            return `CASE WHEN ${ok} THEN ${sqlSerialOf(target)} END`;
          }, REUSED);
        });
        return sqlDateResult(ctx, day, [start.err, months.err]);
      });
    },
  };
}

// ---- DATEDIF, DAYS, DAYS360, YEARFRAC

const DATEDIF_UNITS = ['Y', 'M', 'D', 'MD', 'YM', 'YD'] as const;

function datedif(start: number, end: number, unit: string): number {
  const [s, e] = [ymd(start), ymd(end)];
  const monthBehind = e.d < s.d ? 1 : 0;
  const anniversaryReached = e.m > s.m || (e.m === s.m && e.d >= s.d);
  switch (unit) {
    case 'Y':
      return e.y - s.y - (anniversaryReached ? 0 : 1);
    case 'M':
      return (e.y - s.y) * 12 + e.m - s.m - monthBehind;
    case 'YM':
      return (e.m - s.m - monthBehind + 12) % 12;
    case 'MD':
      // Excel counts from the start's day in the month before the end: DATE(ey, em - 1, sd),
      // which rolls into the end's month (and goes negative) when that month is shorter.
      return e.d >= s.d ? e.d - s.d : daysInMonth(e.m === 1 ? e.y - 1 : e.y, e.m === 1 ? 12 : e.m - 1) + e.d - s.d;
    case 'YD':
      // Excel's results: the start's month and day in the end's year when that is not past the
      // end; otherwise the end's month and day in the year after the start.
      return anniversaryReached ? end - serialAt(e.y, s.m, s.d) : serialAt(s.y + 1, e.m, e.d) - start;
    default:
      return end - start;
  }
}

/** DATEDIF in SQL over named serials and parts (see sqlParts): s, sy, sm, sd and e, ey, em, ed. */
function sqlDatedif(v: Record<string, string>, unit: string): string {
  const [s, sy, sm, sd] = [ref(v, 's'), ref(v, 'sy'), ref(v, 'sm'), ref(v, 'sd')];
  const [e, ey, em, ed] = [ref(v, 'e'), ref(v, 'ey'), ref(v, 'em'), ref(v, 'ed')];
  const behind = `(CASE WHEN ${ed} < ${sd} THEN 1 ELSE 0 END)`;
  const reached = `(${em} > ${sm} OR (${em} = ${sm} AND ${ed} >= ${sd}))`;
  const previousMonthLength = `(CASE WHEN ${em} = 1 THEN 31 ELSE ${sqlMonthLength(ey, `${em} - 1`)} END)`;
  const value =
    `CASE ${unit} ` +
    `WHEN 'Y' THEN ${ey} - ${sy} - (CASE WHEN ${reached} THEN 0 ELSE 1 END) ` +
    `WHEN 'M' THEN (${ey} - ${sy}) * 12 + ${em} - ${sm} - ${behind} ` +
    `WHEN 'YM' THEN (${em} - ${sm} - ${behind} + 12) % 12 ` +
    `WHEN 'MD' THEN CASE WHEN ${ed} >= ${sd} THEN ${ed} - ${sd} ELSE ${previousMonthLength} + ${ed} - ${sd} END ` +
    `WHEN 'YD' THEN CASE WHEN ${reached} THEN ${e} - ${sqlSerialAt(ey, sm, sd)} ELSE ${sqlSerialAt(`${sy} + 1`, em, ed)} - ${s} END ` +
    `WHEN 'D' THEN ${e} - ${s} END`;
  return `CAST(${value} AS DOUBLE)`;
}

const DATEDIF: FunctionSpec = {
  name: 'DATEDIF',
  category: 'date',
  summary: 'Whole years ("Y"), months ("M") or days ("D") between two dates, or the days or months left over ("MD", "YM", "YD").',
  params: [{ name: 'start_date' }, { name: 'end_date' }, { name: 'unit' }],
  example: { formula: '=DATEDIF(DATE(2020, 5, 17), DATE(2024, 3, 1), "Y")', result: '3' },
  notes:
    'As in Excel: #NUM! when the start is after the end or the unit is unknown; times of day are ignored. "MD" reproduces Excel\'s own results, which can be 0 or negative when the end falls early in a month after a shorter one (DATEDIF(2015-01-31, 2015-03-01, "MD") is -2); "YD" follows Excel\'s results around 29 February.',
  scalar(args) {
    const start = serialOf(arg(args, 0), 'DATEDIF');
    if (isFormulaError(start)) return start;
    const end = serialOf(arg(args, 1), 'DATEDIF');
    if (isFormulaError(end)) return end;
    const unit = textArg(args, 2);
    if (isFormulaError(unit)) return unit;
    if (start > end) return new FormulaError('#NUM!', 'DATEDIF: the start date is after the end date.');
    const u = unit.toUpperCase();
    if (!(DATEDIF_UNITS as readonly string[]).includes(u)) return new FormulaError('#NUM!', `DATEDIF: "${unit}" is not a unit (use Y, M, D, MD, YM or YD).`);
    return datedif(Math.floor(start), Math.floor(end), u);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null, null, null), ([a, b, c]) => {
      const [start, end] = [sqlSerial(ctx, a!), sqlSerial(ctx, b!)];
      const unit = text(c!);
      const value = sqlLet(ctx, { s: start.serial, e: end.serial, u: `upper(${unit.sql})` }, (v) =>
        sqlLet(ctx, { ...sqlParts(`floor(${ref(v, 's')})`, 's'), ...sqlParts(`floor(${ref(v, 'e')})`, 'e'), u: ref(v, 'u') }, (w) => sqlDatedif(w, ref(w, 'u')), REUSED),
      );
      const units = DATEDIF_UNITS.map((x) => quoteLiteral(x)).join(', ');
      return result(value, 'number', [start.err, end.err, unit.err, errWhen(`${start.serial} > ${end.serial}`, '#NUM!'), errWhen(`upper(${unit.sql}) NOT IN (${units})`, '#NUM!')]);
    });
  },
};

const DAYS: FunctionSpec = {
  name: 'DAYS',
  category: 'date',
  summary: 'The number of days from the start date to the end date (negative when the end is earlier).',
  params: [{ name: 'end_date' }, { name: 'start_date' }],
  example: { formula: '=DAYS("2024-03-15", "2024-03-01")', result: '14' },
  notes: 'The end date comes first, as in Excel. Times of day are ignored.',
  scalar(args) {
    const end = dayArg(args, 0, 'DAYS');
    if (isFormulaError(end)) return end;
    const start = dayArg(args, 1, 'DAYS');
    return isFormulaError(start) ? start : end - start;
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null, null), ([a, b]) => {
      const [end, start] = [sqlSerial(ctx, a!), sqlSerial(ctx, b!)];
      return result(`(floor(${end.serial}) - floor(${start.serial}))`, 'number', [end.err, start.err]);
    });
  },
};

/** Days between two dates counted with 30-day months, as DAYS360 counts them (US/NASD, or European). */
function days360(start: number, end: number, european: boolean): number {
  const [s, e] = [ymd(start), ymd(end)];
  let sd = s.d;
  let ed = e.d;
  if (sd === 31) sd = 30;
  else if (!european && lastOfFebruary(s)) sd = 30;
  if (ed === 31 && (european || sd === 30)) ed = 30;
  return (e.y - s.y) * 360 + (e.m - s.m) * 30 + ed - sd;
}

/** DAYS360 in SQL over named parts (see sqlParts) of the start (s…) and end (e…). */
function sqlDays360(v: Record<string, string>, european: string): string {
  const [sy, sm, sd0] = [ref(v, 'sy'), ref(v, 'sm'), ref(v, 'sd')];
  const [ey, em, ed0] = [ref(v, 'ey'), ref(v, 'em'), ref(v, 'ed')];
  const sd = `(CASE WHEN ${sd0} = 31 THEN 30 WHEN NOT ${european} AND ${sqlLastOfFebruary(sy, sm, sd0)} THEN 30 ELSE ${sd0} END)`;
  const ed = `(CASE WHEN ${ed0} = 31 AND (${european} OR ${sd} = 30) THEN 30 ELSE ${ed0} END)`;
  return `CAST((${ey} - ${sy}) * 360 + (${em} - ${sm}) * 30 + ${ed} - ${sd} AS DOUBLE)`;
}

const DAYS360: FunctionSpec = {
  name: 'DAYS360',
  category: 'date',
  summary: 'Days between two dates in a 360-day year of twelve 30-day months, as accounting counts them.',
  params: [{ name: 'start_date' }, { name: 'end_date' }, { name: 'european', optional: true }],
  example: { formula: '=DAYS360(DATE(2011, 1, 30), DATE(2011, 12, 31))', result: '330' },
  notes:
    'US method (default, FALSE), as Excel computes it: a start on the 31st or on the last day of February counts as the 30th; an end on the 31st counts as the 30th only when the start is the 30th or 31st. European method (TRUE): every 31st counts as the 30th. Negative when the start is after the end.',
  scalar(args) {
    const start = dayArg(args, 0, 'DAYS360');
    if (isFormulaError(start)) return start;
    const end = dayArg(args, 1, 'DAYS360');
    if (isFormulaError(end)) return end;
    const european = booleanArg(args, 2, false);
    return isFormulaError(european) ? european : days360(start, end, european);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null, null, false), ([a, b, c]) => {
      const [start, end] = [sqlSerial(ctx, a!), sqlSerial(ctx, b!)];
      const european = bool(c!);
      const value = sqlLet(ctx, { s: `floor(${start.serial})`, e: `floor(${end.serial})`, eu: `(${european.sql})` }, (v) =>
        sqlLet(ctx, { ...sqlParts(ref(v, 's'), 's'), ...sqlParts(ref(v, 'e'), 'e'), eu: ref(v, 'eu') }, (w) => sqlDays360(w, ref(w, 'eu')), REUSED),
      );
      return result(value, 'number', [start.err, end.err, european.err]);
    });
  },
};

/** YEARFRAC's day count, for dates in order (`lo` ≤ `hi`), as Excel computes each basis. */
function yearFrac(lo: number, hi: number, basis: number): number {
  const [s, e] = [ymd(lo), ymd(hi)];
  switch (basis) {
    case 0: {
      let [sd, ed] = [s.d, e.d];
      if (sd === 31 && ed === 31) [sd, ed] = [30, 30];
      else if (sd === 31) sd = 30;
      else if (sd === 30 && ed === 31) ed = 30;
      else if (lastOfFebruary(s) && lastOfFebruary(e)) [sd, ed] = [30, 30];
      else if (lastOfFebruary(s)) sd = 30;
      return ((e.y - s.y) * 360 + (e.m - s.m) * 30 + ed - sd) / 360;
    }
    case 1: {
      const withinAYear = s.y === e.y || (s.y + 1 === e.y && (s.m > e.m || (s.m === e.m && s.d >= e.d)));
      if (!withinAYear) return (hi - lo) / ((serialAt(e.y + 1, 1, 1) - serialAt(s.y, 1, 1)) / (e.y - s.y + 1));
      const [march1s, march1e] = [serialAt(s.y, 3, 1), serialAt(e.y, 3, 1)];
      const feb29Between = (isLeap(s.y) && lo < march1s && hi >= march1s) || (isLeap(e.y) && hi >= march1e && lo < march1e);
      const leapYear = (s.y === e.y && isLeap(s.y)) || feb29Between || (e.m === 2 && e.d === 29);
      return (hi - lo) / (leapYear ? 366 : 365);
    }
    case 2:
      return (hi - lo) / 360;
    case 3:
      return (hi - lo) / 365;
    default:
      return ((e.y - s.y) * 360 + (e.m - s.m) * 30 + Math.min(e.d, 30) - Math.min(s.d, 30)) / 360;
  }
}

/** YEARFRAC in SQL over named parts (see sqlParts) of the earlier (s…) and later (e…) date. */
function sqlYearFrac(v: Record<string, string>, basis: string): string {
  const [lo, sy, sm, sd] = [ref(v, 's'), ref(v, 'sy'), ref(v, 'sm'), ref(v, 'sd')];
  const [hi, ey, em, ed] = [ref(v, 'e'), ref(v, 'ey'), ref(v, 'em'), ref(v, 'ed')];
  const thirty = (startDay: string, endDay: string) => `((${ey} - ${sy}) * 360 + (${em} - ${sm}) * 30 + ${endDay} - ${startDay}) / 360`;
  const [febS, febE] = [sqlLastOfFebruary(sy, sm, sd), sqlLastOfFebruary(ey, em, ed)];
  // Basis 0's adjustments, in Excel's order: the first that applies wins.
  const sd0 = `(CASE WHEN ${sd} = 31 THEN 30 WHEN ${sd} = 30 AND ${ed} = 31 THEN ${sd} WHEN ${febS} THEN 30 ELSE ${sd} END)`;
  const ed0 = `(CASE WHEN ${sd} = 31 AND ${ed} = 31 THEN 30 WHEN ${sd} = 31 THEN ${ed} WHEN ${sd} = 30 AND ${ed} = 31 THEN 30 WHEN ${febS} AND ${febE} THEN 30 ELSE ${ed} END)`;
  const days = `(${hi} - ${lo})`;
  const withinAYear = `(${sy} = ${ey} OR (${sy} + 1 = ${ey} AND (${sm} > ${em} OR (${sm} = ${em} AND ${sd} >= ${ed}))))`;
  const march1 = (y: string) => `(${sqlJan1(y)} + 59 + ${sqlLeapDay(y)})`;
  const [march1s, march1e] = [march1(sy), march1(ey)];
  const feb29Between = `((${sqlLeap(sy)} AND ${lo} < ${march1s} AND ${hi} >= ${march1s}) OR (${sqlLeap(ey)} AND ${hi} >= ${march1e} AND ${lo} < ${march1e}))`;
  const leapYear = `((${sy} = ${ey} AND ${sqlLeap(sy)}) OR ${feb29Between} OR (${em} = 2 AND ${ed} = 29))`;
  const average = `((${sqlJan1(`${ey} + 1`)} - ${sqlJan1(sy)}) / (${ey} - ${sy} + 1))`;
  const actual = `CASE WHEN ${withinAYear} THEN ${days} / (CASE WHEN ${leapYear} THEN 366 ELSE 365 END) ELSE ${days} / ${average} END`;
  return `CASE ${basis} WHEN 0 THEN ${thirty(sd0, ed0)} WHEN 1 THEN ${actual} WHEN 2 THEN ${days} / 360 WHEN 3 THEN ${days} / 365 WHEN 4 THEN ${thirty(`least(${sd}, 30)`, `least(${ed}, 30)`)} END`;
}

const YEARFRAC: FunctionSpec = {
  name: 'YEARFRAC',
  category: 'date',
  summary: 'The fraction of a year between two dates, by a day-count basis: 0 US 30/360 (default), 1 actual/actual, 2 actual/360, 3 actual/365, 4 European 30/360.',
  params: [{ name: 'start_date' }, { name: 'end_date' }, { name: 'basis', optional: true }],
  example: { formula: '=YEARFRAC(DATE(2024, 1, 1), DATE(2024, 7, 1))', result: '0.5' },
  notes:
    "Follows Excel's algorithm for every basis (as published with Microsoft for OpenFormula): the dates are swapped when the start is later, so the result is never negative; times of day are ignored; the basis is truncated, and outside 0–4 is #NUM!.",
  scalar(args) {
    const a = dayArg(args, 0, 'YEARFRAC');
    if (isFormulaError(a)) return a;
    const b = dayArg(args, 1, 'YEARFRAC');
    if (isFormulaError(b)) return b;
    const basis = numberArg(args, 2, 0);
    if (isFormulaError(basis)) return basis;
    const k = Math.trunc(basis);
    if (!(k >= 0 && k <= 4)) return new FormulaError('#NUM!', 'YEARFRAC: the basis must be 0, 1, 2, 3 or 4.');
    return yearFrac(Math.min(a, b), Math.max(a, b), k);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null, null, 0), ([a, b, c]) => {
      const [x, y] = [sqlSerial(ctx, a!), sqlSerial(ctx, b!)];
      const basis = num(c!);
      const k = `trunc(${basis.sql})`;
      const value = sqlLet(ctx, { a: `floor(${x.serial})`, b: `floor(${y.serial})`, k }, (v) => {
        const [lo, hi] = [`least(${ref(v, 'a')}, ${ref(v, 'b')})`, `greatest(${ref(v, 'a')}, ${ref(v, 'b')})`];
        return sqlLet(ctx, { ...sqlParts(lo, 's'), ...sqlParts(hi, 'e'), k: ref(v, 'k') }, (w) => sqlYearFrac(w, ref(w, 'k')), REUSED);
      });
      return result(value, 'number', [x.err, y.err, basis.err, errWhen(`NOT (${k} >= 0 AND ${k} <= 4)`, '#NUM!')]);
    });
  },
};

// ---- WEEKDAY, WEEKNUM, ISOWEEKNUM

/** Excel's return types for WEEKDAY (11–17: the week starts Monday … Sunday, that day is 1). */
const WEEKDAY_TYPES = [1, 2, 3, 11, 12, 13, 14, 15, 16, 17];
/** The day (0 = Sunday) a WEEKNUM week starts on, by return type. */
const WEEK_STARTS: Record<number, number> = { 1: 0, 2: 1, 11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 16: 6, 17: 0 };
const WEEKNUM_TYPES = [...Object.keys(WEEK_STARTS).map(Number), 21];

/** 0 = Sunday … 6 = Saturday (serial 0, 1899-12-30, is a Saturday). */
const weekday0 = (day: number) => (day + 6) % 7;
const sqlWeekday0 = (day: string) => `((CAST(${day} AS BIGINT) + 6) % 7)`;

function weekday(day: number, type: number): number {
  const w = weekday0(day);
  if (type === 1) return w + 1;
  if (type === 2) return ((w + 6) % 7) + 1;
  if (type === 3) return (w + 6) % 7;
  return ((w - ((type - 10) % 7) + 7) % 7) + 1;
}

/** A return-type argument: truncated, #NUM! unless one of `types`. */
function sqlReturnType(e: SqlExpr, types: number[]): { t: string; err: string | null } {
  const n = num(e);
  const t = `trunc(${n.sql})`;
  return { t, err: anyErr(n.err, errWhen(`${t} NOT IN (${types.join(', ')})`, '#NUM!')) };
}

const WEEKDAY: FunctionSpec = {
  name: 'WEEKDAY',
  category: 'date',
  summary: 'The day of the week as a number: by default 1 (Sunday) to 7 (Saturday).',
  params: [{ name: 'date' }, { name: 'return_type', optional: true }],
  example: { formula: '=WEEKDAY(DATE(2024, 3, 1))', result: '6' },
  notes: 'Return types as in Excel: 1 Sunday = 1 … Saturday = 7; 2 Monday = 1 … Sunday = 7; 3 Monday = 0 … Sunday = 6; 11 to 17 start the week on Monday … Sunday (that day is 1). Any other type is #NUM!.',
  scalar(args) {
    const day = dayArg(args, 0, 'WEEKDAY');
    if (isFormulaError(day)) return day;
    const type = numberArg(args, 1, 1);
    if (isFormulaError(type)) return type;
    const t = Math.trunc(type);
    if (!WEEKDAY_TYPES.includes(t)) return new FormulaError('#NUM!', `WEEKDAY: ${type} is not a return type.`);
    return weekday(day, t);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null, 1), ([a, b]) => {
      const d = sqlSerial(ctx, a!);
      const type = sqlReturnType(b!, WEEKDAY_TYPES);
      const value = sqlLet(ctx, { w: sqlWeekday0(`floor(${d.serial})`), t: type.t }, (v) => {
        const [w, t] = [ref(v, 'w'), ref(v, 't')];
        return `CAST(CASE WHEN ${t} = 1 THEN ${w} + 1 WHEN ${t} = 2 THEN (${w} + 6) % 7 + 1 WHEN ${t} = 3 THEN (${w} + 6) % 7 WHEN ${t} BETWEEN 11 AND 17 THEN (${w} - CAST(${t} - 10 AS BIGINT) % 7 + 7) % 7 + 1 END AS DOUBLE)`;
      });
      return result(value, 'number', [d.err, type.err]);
    });
  },
};

function isoWeek(day: number): number {
  const thursday = day - ((day + 5) % 7) + 3;
  return Math.floor((thursday - serialAt(ymd(thursday).y, 1, 1)) / 7) + 1;
}

function sqlIsoWeek(ctx: SqlFunctionContext, day: string): string {
  return sqlLet(ctx, { th: `(${day} - (CAST(${day} AS BIGINT) + 5) % 7 + 3)` }, (v) => {
    const thursday = ref(v, 'th');
    const jan1 = `make_date(year(${dateOf(thursday)}), 1, 1)`;
    return `(floor((${thursday} - ${sqlSerialOf(jan1)}) / 7) + 1)`;
  });
}

const WEEKNUM: FunctionSpec = {
  name: 'WEEKNUM',
  category: 'date',
  summary: 'The week of the year: week 1 is the week of 1 January, weeks starting on Sunday by default.',
  params: [{ name: 'date' }, { name: 'return_type', optional: true }],
  example: { formula: '=WEEKNUM(DATE(2024, 3, 1))', result: '9' },
  notes: 'Return types as in Excel: 1 or 17 weeks start on Sunday, 2 or 11 on Monday, 12 to 16 on Tuesday … Saturday; 21 is the ISO week (as ISOWEEKNUM). Any other type is #NUM!.',
  scalar(args) {
    const day = dayArg(args, 0, 'WEEKNUM');
    if (isFormulaError(day)) return day;
    const type = numberArg(args, 1, 1);
    if (isFormulaError(type)) return type;
    const t = Math.trunc(type);
    if (t === 21) return isoWeek(day);
    const start = WEEK_STARTS[t];
    if (start === undefined) return new FormulaError('#NUM!', `WEEKNUM: ${type} is not a return type.`);
    const jan1 = serialAt(ymd(day).y, 1, 1);
    return Math.floor((day + 6 - start) / 7) - Math.floor((jan1 + 6 - start) / 7) + 1;
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null, 1), ([a, b]) => {
      const d = sqlSerial(ctx, a!);
      const type = sqlReturnType(b!, WEEKNUM_TYPES);
      const value = sqlLet(ctx, { d: `floor(${d.serial})`, t: type.t }, (v) => {
        const [day, t] = [ref(v, 'd'), ref(v, 't')];
        const start = `(CASE ${t} ${Object.entries(WEEK_STARTS).map(([k, s]) => `WHEN ${k} THEN ${s}`).join(' ')} END)`;
        const jan1 = sqlSerialOf(`make_date(year(${dateOf(day)}), 1, 1)`);
        const week = `floor((${day} + 6 - ${start}) / 7) - floor((${jan1} + 6 - ${start}) / 7) + 1`;
        return `CASE WHEN ${t} = 21 THEN ${sqlIsoWeek(ctx, day)} ELSE ${week} END`;
      });
      return result(value, 'number', [d.err, type.err]);
    });
  },
};

const ISOWEEKNUM: FunctionSpec = {
  name: 'ISOWEEKNUM',
  category: 'date',
  summary: "The ISO 8601 week of the year: weeks start on Monday, and week 1 holds the year's first Thursday.",
  params: [{ name: 'date' }],
  example: { formula: '=ISOWEEKNUM(DATE(2021, 1, 1))', result: '53' },
  scalar(args) {
    const day = dayArg(args, 0, 'ISOWEEKNUM');
    return isFormulaError(day) ? day : isoWeek(day);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null), ([a]) => {
      const d = sqlSerial(ctx, a!);
      return result(sqlLet(ctx, { d: `floor(${d.serial})` }, (v) => sqlIsoWeek(ctx, ref(v, 'd'))), 'number', [d.err]);
    });
  },
};

// ---- workdays: NETWORKDAYS, WORKDAY and their .INTL forms
//
// Counted arithmetically, not day by day, so a column formula stays fast over millions of rows:
// from serial 0 (a Saturday) the week repeats every 7 days, so the workdays before a day are
// whole weeks × workdays per week plus a prefix of the 7-day cycle; the k-th workday is found
// the same way backwards. Holidays are then counted (or, for WORKDAY, stepped over) in one go;
// holidays from a table are counted by a subquery over it.

/** Weekend codes (Monday-first masks, 1 = weekend), as NETWORKDAYS.INTL and WORKDAY.INTL take them. */
const WEEKEND_CODES: Record<number, string> = {
  1: '0000011',
  2: '1000001',
  3: '1100000',
  4: '0110000',
  5: '0011000',
  6: '0001100',
  7: '0000110',
  11: '0000001',
  12: '1000000',
  13: '0100000',
  14: '0010000',
  15: '0001000',
  16: '0000100',
  17: '0000010',
};
const SATURDAY_SUNDAY = '0000011';

/** The weekend as a Monday-first mask: a code, or seven 0/1 characters; left out or empty is Saturday and Sunday. */
function weekendMask(v: Scalar | undefined, name: string): string | FormulaError {
  if (v === undefined || v === null) return SATURDAY_SUNDAY;
  if (isFormulaError(v)) return v;
  if (typeof v === 'string') return /^[01]{7}$/.test(v) ? v : new FormulaError('#VALUE!', `${name}: a weekend text is seven 0s and 1s, Monday first ("0000011").`);
  const n = toNumber(v);
  if (isFormulaError(n)) return n;
  return WEEKEND_CODES[n] ?? new FormulaError('#NUM!', `${name}: ${n} is not a weekend code (1–7 or 11–17).`);
}

/** A workweek in TypeScript: which days work, and the counting both forms share. */
class Workweek {
  /** The 7-day cycle from serial 0 (Saturday, Sunday, Monday … Friday): 1 where it is a workday. */
  readonly cycle: number[];
  /** Workdays among the cycle's first r days, r = 0 … 7. */
  readonly prefix: number[];
  /** The cycle positions of the 1st, 2nd … workday. */
  readonly positions: number[];
  readonly perWeek: number;

  constructor(mask: string) {
    this.cycle = [...(mask.slice(5) + mask.slice(0, 5))].map((c) => (c === '0' ? 1 : 0));
    this.prefix = [0];
    this.positions = [];
    this.cycle.forEach((w, i) => {
      this.prefix.push(this.prefix[i]! + w);
      if (w) this.positions.push(i);
    });
    this.perWeek = this.prefix[7]!;
  }

  isWorkday(day: number): boolean {
    return this.cycle[day % 7] === 1;
  }

  /** Workdays before `day`, from serial 0. */
  before(day: number): number {
    const q = Math.floor(day / 7);
    return q * this.perWeek + this.prefix[day - q * 7]!;
  }

  /** The serial of the k-th workday from serial 0 (k ≥ 1). */
  nth(k: number): number {
    const q = Math.floor((k - 1) / this.perWeek);
    return 7 * q + this.positions[k - 1 - q * this.perWeek]!;
  }
}

/** Workweek's counting in SQL. */
interface SqlWorkweek {
  perWeek: string;
  isWorkday(day: string): string;
  before(day: string): string;
  nth(k: string): string;
}

/** The weekend argument in SQL: known while compiling (lists), or read per row (a cycle string). */
interface SqlWeekend {
  err: string | null;
  /** Per row: the 7-day cycle from Saturday as bits, 1 a workday (see bitWorkweek); null when known while compiling. */
  cycle: string | null;
  /** The counting over `cycle` (or a name bound to it). */
  ops(cycle: string | null): SqlWorkweek;
}

const listLiteral = (xs: number[]) => `[${xs.join(', ')}]`;
const cyclePosition = (day: string) => `CAST((${day}) - floor((${day}) / 7) * 7 AS INTEGER)`;

function constantWeekend(mask: string): SqlWeekend {
  const w = new Workweek(mask);
  const n = String(w.perWeek);
  const ops: SqlWorkweek = {
    perWeek: n,
    isWorkday: (day) => `(${listLiteral(w.cycle)}[${cyclePosition(day)} + 1] = 1)`,
    before: (day) => `(floor((${day}) / 7) * ${n} + ${listLiteral(w.prefix)}[${cyclePosition(day)} + 1])`,
    nth: (k) => (w.perWeek === 0 ? 'CAST(NULL AS DOUBLE)' : `(7 * floor(((${k}) - 1) / ${n}) + ${listLiteral(w.positions)}[CAST((${k}) - 1 - floor(((${k}) - 1) / ${n}) * ${n} AS INTEGER) + 1])`),
  };
  return { err: null, cycle: null, ops: () => ops };
}

/** A weekend mask as bits: bit i set when day i (0 = Monday) is a weekend day. */
const maskBits = (mask: string) => [...mask].reduce((bits, c, i) => bits + (c === '1' ? 2 ** i : 0), 0);

/** For each 7-day cycle as bits (0 … 127): the positions of its workdays, as a list literal. */
const CYCLE_POSITIONS = `[${Array.from({ length: 128 }, (_, bits) => `[${[0, 1, 2, 3, 4, 5, 6].filter((j) => (bits >> j) & 1).join(', ')}]`).join(', ')}]`;

/**
 * Workweek's counting over the 7-day cycle as bits (an INTEGER: bit j set when cycle day j,
 * Saturday first, is a workday; NULL where the weekend is invalid), with bit counts.
 */
function bitWorkweek(cycle: string): SqlWorkweek {
  const prefix = (r: string) => `bit_count(${cycle} & ((CAST(1 AS INTEGER) << ${r}) - 1))`;
  const n = `bit_count(${cycle})`;
  const position = (r: string) => `${CYCLE_POSITIONS}[${cycle} + 1][CAST(${r} AS INTEGER) + 1]`;
  return {
    perWeek: n,
    isWorkday: (day) => `(((${cycle} >> ${cyclePosition(day)}) & 1) = 1)`,
    before: (day) => `(floor((${day}) / 7) * ${n} + ${prefix(cyclePosition(day))})`,
    // NULLIF: a week with no workdays has no k-th workday (and lambdas compute every branch).
    nth: (k) => `(7 * floor(((${k}) - 1) / NULLIF(${n}, 0)) + ${position(`((${k}) - 1 - floor(((${k}) - 1) / NULLIF(${n}, 0)) * ${n})`)})`,
  };
}

function sqlWeekend(e: SqlExpr, name: string): SqlWeekend | FormulaError {
  if (e.constant !== undefined || e.type === 'empty') {
    const mask = weekendMask(e.constant ?? null, name);
    return isFormulaError(mask) ? mask : constantWeekend(mask);
  }
  const standard = maskBits(SATURDAY_SUNDAY);
  let bits: string;
  let err: string | null;
  if (e.type === 'text') {
    const valid = `(length(${e.sql}) = 7 AND replace(replace(${e.sql}, '0', ''), '1', '') = '')`;
    // Read as a bit string, Monday last, so Monday is bit 0.
    const value = `TRY_CAST(TRY_CAST(reverse(${e.sql}) AS BIT) AS INTEGER)`;
    bits = `(CASE WHEN ${e.sql} IS NULL THEN ${standard} WHEN ${valid} THEN ${value} END)`;
    err = anyErr(e.err, errWhen(`${e.sql} IS NOT NULL AND NOT ${valid}`, '#VALUE!'));
  } else {
    const n = num(e);
    const code = `(CASE ${n.sql} ${Object.entries(WEEKEND_CODES).map(([k, v]) => `WHEN ${k} THEN ${maskBits(v)}`).join(' ')} END)`;
    bits = `(CASE WHEN ${e.sql} IS NULL THEN ${standard} ELSE CAST(${code} AS INTEGER) END)`;
    err = anyErr(n.err, errWhen(`${e.sql} IS NOT NULL AND ${code} IS NULL`, '#NUM!'));
  }
  // Workdays as bits, Monday first, turned to start on Saturday (serial 0).
  const work = `(~${bits} & 127)`;
  return { err, cycle: `((${work} >> 5) | ((${work} << 2) & 127))`, ops: (c) => bitWorkweek(c ?? 'NULL') };
}

/** Holidays as distinct whole days, sorted; empty cells are skipped, anything else must be a date. */
function holidayDays(a: ScalarArg, name: string): number[] | FormulaError {
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

const NO_HOLIDAYS: SqlHolidays = { err: null, before: () => '0', keysBelow: () => '0' };

/**
 * A lookup, built once per query, of how many numbers of a set are below each whole number of
 * their span, for each weekly cycle (see bitWorkweek): `set` has columns _c (the cycle; one
 * cycle when the weekend is known) and _v. It is one flat list `cum` with, per cycle + 1, where
 * its part starts (`off`), how long it is (`len`) and the number its first entry stands for (`first`).
 */
function countTable(ctx: SqlFunctionContext, set: string, cycles: number): string {
  const [s, g, t, r, p, m, q] = [ctx.alias(), ctx.alias(), ctx.alias(), ctx.alias(), ctx.alias(), ctx.alias(), ctx.alias()];
  const span = `SELECT _c, unnest(range(CAST(min(_v) AS BIGINT), CAST(max(_v) AS BIGINT) + 2)) AS _d FROM ${s} GROUP BY _c`;
  const below = `CAST(COALESCE(sum(${t}._n) OVER (PARTITION BY ${g}._c ORDER BY ${g}._d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS BIGINT)`;
  const offset = `CAST(COALESCE(sum(${p}._len) OVER (ORDER BY ${m}._c ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS BIGINT)`;
  return (
    `(WITH ${s} AS (${set}), ${g} AS (${span}), ${t} AS (SELECT _c, _v, count(*) AS _n FROM ${s} GROUP BY _c, _v), ` +
    `${r} AS (SELECT ${g}._c, ${g}._d, ${below} AS _cum FROM ${g} LEFT JOIN ${t} ON ${t}._c = ${g}._c AND ${t}._v = ${g}._d), ` +
    `${p} AS (SELECT _c, min(_d) AS _first, count(*) AS _len, list(_cum ORDER BY _d) AS _list FROM ${r} GROUP BY _c), ` +
    `${q} AS (SELECT ${m}._c, ${p}._first, ${p}._len, ${p}._list, ${offset} AS _off FROM (SELECT unnest(range(${cycles})) AS _c) AS ${m} LEFT JOIN ${p} ON ${p}._c = ${m}._c) ` +
    `SELECT {'first': list(_first ORDER BY _c), 'len': list(_len ORDER BY _c), 'off': list(_off ORDER BY _c), 'cum': flatten(list(_list ORDER BY _c))} FROM ${q})`
  );
}

/** How many of countTable `table`'s numbers for `cycle` (an index from 0) are below `x`. */
function lookupBelow(table: string, cycle: string, x: string): string {
  const part = (name: string) => `struct_extract(${table}, '${name}')[${cycle} + 1]`;
  const index = `${part('off')} + CAST(least(greatest((${x}) - ${part('first')}, 0), ${part('len')} - 1) AS BIGINT) + 1`;
  return `COALESCE(struct_extract(${table}, 'cum')[${index}], 0)`;
}

/** Holidays for a workday function: none, one value, or a table's column(s); `cycle` the per-row weekend's, if any. */
function sqlHolidays(ctx: SqlFunctionContext, a: SqlExpr | SqlRange | undefined, weekend: SqlWeekend): SqlHolidays {
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
  // With the weekend known there is one cycle (0); read per row, all 128, and each row reads its own.
  const [holiday, cycle] = [ctx.alias(), ctx.alias()];
  const known = weekend.cycle === null;
  const cycleWeek = known ? weekend.ops(null) : bitWorkweek(`${cycle}._c`);
  const cycles = known ? 'SELECT 0 AS _c' : 'SELECT CAST(unnest(range(128)) AS INTEGER) AS _c';
  const onWorkdays = `SELECT ${cycle}._c AS _c, ${holiday}.${h} AS _v FROM (${all}) AS ${holiday}, (${cycles}) AS ${cycle} WHERE ${cycleWeek.isWorkday(`${holiday}.${h}`)}`;
  const keyWeek = known ? weekend.ops(null) : bitWorkweek('_c');
  const keys = `SELECT _c, ${keyWeek.before('_v')} - row_number() OVER (PARTITION BY _c ORDER BY _v) + 1 AS _v FROM (${onWorkdays}) AS ${ctx.alias()}`;
  const [dayTable, keyTable] = [countTable(ctx, onWorkdays, known ? 1 : 128), countTable(ctx, keys, known ? 1 : 128)];
  const own = known ? '0' : `(${weekend.cycle})`;
  return { err, before: (x) => lookupBelow(dayTable, own, x), keysBelow: (k) => lookupBelow(keyTable, own, k) };
}

/** The arguments of a workday call that hold values (start, end or days, weekend, a single holiday), and its holidays range. */
function workdayArgs(args: SqlArgs, intl: boolean): { values: SqlExpr[]; range?: SqlRange; single: boolean } {
  const h = intl ? 3 : 2;
  const holidays = args[h];
  const values = [sqlArg(args, 0), sqlArg(args, 1), ...(intl ? [sqlArg(args, 2)] : [])];
  if (isSqlRange(holidays)) return { values, range: holidays, single: false };
  return { values: holidays === undefined ? values : [...values, holidays], single: holidays !== undefined };
}

/** NETWORKDAYS and NETWORKDAYS.INTL. */
function networkdays(name: 'NETWORKDAYS' | 'NETWORKDAYS.INTL', example: Example): FunctionSpec {
  const intl = name === 'NETWORKDAYS.INTL';
  const h = intl ? 3 : 2;
  return {
    name,
    category: 'date',
    summary: intl
      ? 'The workdays from one date to another, both included, with a chosen weekend and optional holidays.'
      : 'The workdays (Monday to Friday) from one date to another, both included, less optional holidays.',
    params: [{ name: 'start_date' }, { name: 'end_date' }, ...(intl ? [{ name: 'weekend', optional: true }] : []), { name: 'holidays', kind: 'range' as const, optional: true }],
    example,
    notes:
      (intl
        ? 'The weekend is a code (1 Saturday–Sunday, 2 Sunday–Monday … 7 Friday–Saturday; 11 Sunday only … 17 Saturday only) or seven 0/1 characters, Monday first, 1 a weekend day ("0000011"); "1111111" gives 0. An unknown code is #NUM!, a malformed text #VALUE!; left out or empty is Saturday–Sunday. '
        : '') +
      'Negative when the end is before the start; times of day are ignored. Holidays are a range or table column of dates (or one date); empty cells are skipped, each date counts once, and one that is not a date makes the result its error.',
    scalar(args) {
      const start = dayArg(args, 0, name);
      if (isFormulaError(start)) return start;
      const end = dayArg(args, 1, name);
      if (isFormulaError(end)) return end;
      const mask = intl ? weekendMask(arg(args, 2), name) : SATURDAY_SUNDAY;
      if (isFormulaError(mask)) return mask;
      const holidays = holidayDays(args[h], name);
      if (isFormulaError(holidays)) return holidays;
      const week = new Workweek(mask);
      const [lo, hi] = [Math.min(start, end), Math.max(start, end)];
      const off = holidays.filter((d) => d >= lo && d <= hi && week.isWorkday(d)).length;
      const count = week.before(hi + 1) - week.before(lo) - off;
      return start <= end || count === 0 ? count : -count;
    },
    sql(args, ctx) {
      const { values, range, single } = workdayArgs(args, intl);
      return withArgs(
        ctx,
        values,
        (bound) => {
          const [start, end] = [sqlSerial(ctx, bound[0]!), sqlSerial(ctx, bound[1]!)];
          const weekend = intl ? sqlWeekend(bound[2]!, name) : constantWeekend(SATURDAY_SUNDAY);
          if (isFormulaError(weekend)) return result('NULL', 'number', [start.err, end.err, errCode(weekend.code)]);
          const holidays = sqlHolidays(ctx, range ?? (single ? bound[bound.length - 1] : undefined), weekend);
          const [x, y] = [`floor(${start.serial})`, `floor(${end.serial})`];
          const all = sqlLet(ctx, { x, y, ...(weekend.cycle ? { c: weekend.cycle } : {}) }, (v) => {
            const week = weekend.ops(v.c ?? null);
            const [lo, hi] = [`least(${ref(v, 'x')}, ${ref(v, 'y')})`, `greatest(${ref(v, 'x')}, ${ref(v, 'y')})`];
            return `(${week.before(`${hi} + 1`)} - ${week.before(lo)})`;
          });
          const [lo, hi] = [`least(${x}, ${y})`, `greatest(${x}, ${y})`];
          const off = holidays === NO_HOLIDAYS ? '0' : `${holidays.before(`${hi} + 1`)} - ${holidays.before(lo)}`;
          const value = `((${all} - (${off})) * (CASE WHEN ${x} <= ${y} THEN 1 ELSE -1 END) + 0.0)`;
          return result(value, 'number', [start.err, end.err, weekend.err, holidays.err]);
        },
        { inline: !!range, keepErr: single ? [values.length - 1] : [] },
      );
    },
  };
}

/** WORKDAY and WORKDAY.INTL. */
function workday(name: 'WORKDAY' | 'WORKDAY.INTL', example: Example): FunctionSpec {
  const intl = name === 'WORKDAY.INTL';
  const h = intl ? 3 : 2;
  // Beyond this many workdays every answer is past 9999-12-31; stopping here keeps the SQL's integers small.
  const limit = 10_000_000;
  return {
    name,
    category: 'date',
    summary: intl
      ? 'The date a number of workdays before or after a start date, with a chosen weekend and optional holidays.'
      : 'The date a number of workdays (Monday to Friday, not holidays) before or after a start date.',
    params: [{ name: 'start_date' }, { name: 'days' }, ...(intl ? [{ name: 'weekend', optional: true }] : []), { name: 'holidays', kind: 'range' as const, optional: true }],
    example,
    notes:
      (intl
        ? 'The weekend is a code (1 Saturday–Sunday … 7 Friday–Saturday; 11 Sunday only … 17 Saturday only) or seven 0/1 characters, Monday first ("0000011"); "1111111" is #VALUE!; left out or empty is Saturday–Sunday. '
        : '') +
      'The start itself is not counted; 0 days is the start date even on a weekend. Days that are not whole are truncated. Holidays are a range or table column of dates (or one date); empty cells are skipped. The result is a date (Excel returns its serial number).',
    scalar(args) {
      const start = dayArg(args, 0, name);
      if (isFormulaError(start)) return start;
      const daysArg = numberArg(args, 1);
      if (isFormulaError(daysArg)) return daysArg;
      const mask = intl ? weekendMask(arg(args, 2), name) : SATURDAY_SUNDAY;
      if (isFormulaError(mask)) return mask;
      const week = new Workweek(mask);
      if (week.perWeek === 0) return new FormulaError('#VALUE!', `${name}: a week with no workdays.`);
      const holidays = holidayDays(args[h], name);
      if (isFormulaError(holidays)) return holidays;
      const days = Math.trunc(daysArg);
      if (days === 0) return new DateValue(start);
      if (Math.abs(days) >= limit) return outOfRange(name);
      const off = holidays.filter((d) => week.isWorkday(d));
      // k: which free workday (a workday that is not a holiday), counting from serial 0, the answer is.
      const base = start + (days > 0 ? 1 : 0);
      const k = week.before(base) - off.filter((d) => d < base).length + days + (days < 0 ? 1 : 0);
      if (k < 1) return outOfRange(name);
      // Each holiday with fewer than k free workdays before it pushes the answer one workday on.
      const pushed = off.filter((d, i) => week.before(d) - i < k).length;
      return dateResult(week.nth(k + pushed), name);
    },
    sql(args, ctx) {
      const { values, range, single } = workdayArgs(args, intl);
      return withArgs(
        ctx,
        values,
        (bound) => {
          const start = sqlSerial(ctx, bound[0]!);
          const daysArg = num(bound[1]!);
          const weekend = intl ? sqlWeekend(bound[2]!, name) : constantWeekend(SATURDAY_SUNDAY);
          if (isFormulaError(weekend)) return result('NULL', 'date', [start.err, daysArg.err, errCode(weekend.code)]);
          const holidays = sqlHolidays(ctx, range ?? (single ? bound[bound.length - 1] : undefined), weekend);
          const full = weekend.ops(weekend.cycle);
          const cycle: Record<string, string> = weekend.cycle ? { c: weekend.cycle } : {};
          const s = `floor(${start.serial})`;
          // NULL beyond the limit, so nothing below casts a huge number.
          const n = `(CASE WHEN abs(trunc(${daysArg.sql})) < ${limit} THEN trunc(${daysArg.sql}) END)`;
          const base = `(${s} + CASE WHEN ${n} > 0 THEN 1 ELSE 0 END)`;
          // k: which free workday (a workday that is not a holiday), counting from serial 0, the answer is.
          const workdays = sqlLet(ctx, { b: base, n, ...cycle }, (v) => `(${weekend.ops(v.c ?? null).before(ref(v, 'b'))} + ${ref(v, 'n')} + CASE WHEN ${ref(v, 'n')} < 0 THEN 1 ELSE 0 END)`);
          const k = holidays === NO_HOLIDAYS ? workdays : `(${workdays} - ${holidays.before(base)})`;
          // Each holiday with fewer than k free workdays before it pushes the answer one workday on.
          const target = holidays === NO_HOLIDAYS ? k : `(${k} + ${holidays.keysBelow(k)})`;
          // A target below 1 lands before serial 0, which the date range turns into #NUM!.
          const answer = sqlLet(ctx, { t: target, ...cycle }, (v) => weekend.ops(v.c ?? null).nth(ref(v, 't')));
          const day = `CASE WHEN ${full.perWeek} = 0 THEN NULL WHEN ${n} = 0 THEN ${s} ELSE ${answer} END`;
          return sqlDateResult(ctx, day, [start.err, daysArg.err, weekend.err, errWhen(`${full.perWeek} = 0`, '#VALUE!'), holidays.err]);
        },
        { inline: !!range, keepErr: single ? [values.length - 1] : [] },
      );
    },
  };
}

// ---- text: DATEVALUE, TIMEVALUE; time of day: TIME, HOUR, MINUTE, SECOND

/**
 * Date and time text: an ISO date (2024-03-01), a US date (3/1/2024, 3/1/24), a time (18:45,
 * 6:45 PM, 18:45:30.5) or a date and a time. RE2 (DuckDB) and JavaScript read it alike.
 */
const DATE_TIME_TEXT =
  '^(?:([0-9]{4})-([0-9]{2})-([0-9]{2})|([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2}))?' +
  '(?:(?:^|[ T])([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}(?:[.][0-9]+)?))?(?: ?([AaPp][Mm]))?)?$';
const DATE_TIME_RE = new RegExp(DATE_TIME_TEXT);
const DATE_TIME_GROUPS = ['iy', 'im', 'id', 'um', 'ud', 'uy', 'h', 'mi', 's', 'ap'];
const DATE_TIME_NOTE =
  'Reads ISO dates (2024-03-01), US dates month first (3/1/2024; two-digit years 00–29 are 2000–2029, 30–99 are 1930–1999), times (18:45, 18:45:30, 6:45 PM) and a date followed by a time; dates from 1900-01-01 to 9999-12-31. Other text (month names, day-first dates) is #VALUE!.';

/** Two-digit years as Excel reads them: 00–29 are 2000–2029, 30–99 are 1930–1999. */
const fullYear = (y: string) => (y.length === 2 ? Number(y) + (Number(y) < 30 ? 2000 : 1900) : Number(y));

/** Date and time text: the date's serial and the time's fraction of a day, each when present. */
function parseDateTime(text: string, name: string): { day?: number; time?: number } | FormulaError {
  const bad = new FormulaError('#VALUE!', `${name}: "${text}" is not a date or time (write 2024-03-01, 3/1/2024 or 18:45).`);
  const m = DATE_TIME_RE.exec(trimSpaces(text));
  if (!m || (m[1] === undefined && m[4] === undefined && m[7] === undefined)) return bad;
  const out: { day?: number; time?: number } = {};
  if (m[1] !== undefined || m[4] !== undefined) {
    const [y, mo, d] = m[1] !== undefined ? [Number(m[1]), Number(m[2]), Number(m[3])] : [fullYear(m[6] ?? ''), Number(m[4]), Number(m[5])];
    if (!(y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return bad;
    out.day = serialAt(y, mo, d);
  }
  if (m[7] !== undefined) {
    const [h, mi, s] = [Number(m[7]), Number(m[8]), m[9] === undefined ? 0 : Number(m[9])];
    const ap = (m[10] ?? '').toUpperCase();
    if (!(mi < 60 && s < 60 && (ap === '' ? h < 24 : h <= 12))) return bad;
    const hour = ap === 'AM' ? (h === 12 ? 0 : h) : ap === 'PM' ? (h === 12 ? 12 : h + 12) : h;
    out.time = (hour * 3600 + mi * 60 + s) / 86400;
  }
  return out;
}

/** parseDateTime in SQL: NULL parts where absent; `ok` FALSE where the text is not readable. */
interface SqlDateTime {
  hasDate: string;
  hasTime: string;
  day: string;
  time: string;
  ok: string;
}

/** The parse of `g`, a name bound to the regexp's groups (a struct). */
function sqlDateTimeOf(g: string): SqlDateTime {
  const f = (name: string) => `struct_extract(${g}, '${name}')`;
  const int = (x: string) => `TRY_CAST(${x} AS INTEGER)`;
  const dbl = (x: string) => `TRY_CAST(${x} AS DOUBLE)`;
  const hasIso = `(${f('iy')} <> '')`;
  const hasUs = `(${f('um')} <> '')`;
  const hasDate = `(${hasIso} OR ${hasUs})`;
  const hasTime = `(${f('h')} <> '')`;
  const usYear = `(CASE WHEN length(${f('uy')}) = 2 THEN ${int(f('uy'))} + CASE WHEN ${int(f('uy'))} < 30 THEN 2000 ELSE 1900 END ELSE ${int(f('uy'))} END)`;
  const ymdText = (y: string, m: string, d: string) => `TRY_CAST(printf('%04d-%02d-%02d', ${y}, ${m}, ${d}) AS DATE)`;
  const date = `(CASE WHEN ${hasIso} THEN ${ymdText(int(f('iy')), int(f('im')), int(f('id')))} WHEN ${hasUs} THEN ${ymdText(usYear, int(f('um')), int(f('ud')))} END)`;
  const [h, mi] = [dbl(f('h')), dbl(f('mi'))];
  const s = `(CASE WHEN ${f('s')} = '' THEN 0 ELSE ${dbl(f('s'))} END)`;
  const ap = `upper(${f('ap')})`;
  const hour = `(CASE WHEN ${ap} = 'AM' THEN (CASE WHEN ${h} = 12 THEN 0 ELSE ${h} END) WHEN ${ap} = 'PM' THEN (CASE WHEN ${h} = 12 THEN 12 ELSE ${h} + 12 END) ELSE ${h} END)`;
  const timeOk = `(${mi} < 60 AND ${s} < 60 AND CASE WHEN ${ap} = '' THEN ${h} < 24 ELSE ${h} <= 12 END)`;
  const dateOk = `(${date} IS NOT NULL AND ${date} >= DATE '1900-01-01')`;
  return {
    hasDate,
    hasTime,
    day: `CASE WHEN ${hasDate} THEN ${sqlSerialOf(date)} END`,
    time: `CASE WHEN ${hasTime} THEN (${hour} * 3600 + ${mi} * 60 + ${s}) / 86400 END`,
    ok: `COALESCE((${hasDate} OR ${hasTime}) AND (NOT ${hasDate} OR ${dateOk}) AND (NOT ${hasTime} OR ${timeOk}), FALSE)`,
  };
}

/** `pick` of a text's parse; the regexp runs once per row. */
function sqlWithDateTime(ctx: SqlFunctionContext, t: string, pick: (p: SqlDateTime) => string): string {
  const groups = `regexp_extract(trim(${t}), ${quoteLiteral(DATE_TIME_TEXT)}, [${DATE_TIME_GROUPS.map((g) => `'${g}'`).join(', ')}])`;
  const name = ctx.alias();
  return `list_transform([${groups}], lambda ${name}: ${pick(sqlDateTimeOf(name))})[1]`;
}

const DATEVALUE: FunctionSpec = {
  name: 'DATEVALUE',
  category: 'date',
  summary: 'The date a text holds, such as "2024-03-01" or "3/1/2024" (a time in the text is ignored).',
  params: [{ name: 'date_text' }],
  example: { formula: '=DATEVALUE("3/1/2024")', result: '2024-03-01' },
  notes: `${DATE_TIME_NOTE} The result is a date (Excel returns its serial number). A date given instead of text is returned as it is (its time dropped); numbers, empty cells and text without a date are #VALUE!.`,
  scalar(args) {
    const v = arg(args, 0);
    if (isDate(v)) return dateResult(Math.floor(v.serial), 'DATEVALUE');
    if (typeof v !== 'string') return new FormulaError('#VALUE!', 'DATEVALUE reads a date from text.');
    const p = parseDateTime(v, 'DATEVALUE');
    if (isFormulaError(p)) return p;
    return p.day === undefined ? new FormulaError('#VALUE!', `DATEVALUE: "${v}" holds no date.`) : new DateValue(p.day);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null), ([e]) => {
      if (e!.type === 'date' || e!.type === 'datetime') {
        const d = sqlSerial(ctx, e!, true);
        return sqlDateResult(ctx, `floor(${d.serial})`, [d.err, errWhen(`${e!.sql} IS NULL`, '#VALUE!')]);
      }
      if (e!.type !== 'text') return result('NULL', 'date', [e!.err, errCode('#VALUE!')]);
      const day = sqlWithDateTime(ctx, e!.sql, (p) => `CASE WHEN ${p.ok} AND ${p.hasDate} THEN ${p.day} END`);
      return result(dateOf(day), 'date', [e!.err, `CASE WHEN (${day}) IS NULL THEN ${errCode('#VALUE!')} END`]);
    });
  },
};

const TIMEVALUE: FunctionSpec = {
  name: 'TIMEVALUE',
  category: 'date',
  summary: 'The time a text holds, as a fraction of a day ("6:45 PM" is 0.78125); a date in the text is ignored.',
  params: [{ name: 'time_text' }],
  example: { formula: '=TIMEVALUE("6:45 PM")', result: '0.78125' },
  notes: `${DATE_TIME_NOTE} Text with a date and no time is 0. A date-time given instead of text gives its time of day; numbers and empty cells are #VALUE!.`,
  scalar(args) {
    const v = arg(args, 0);
    if (isDate(v)) return v.serial - Math.floor(v.serial);
    if (typeof v !== 'string') return new FormulaError('#VALUE!', 'TIMEVALUE reads a time from text.');
    const p = parseDateTime(v, 'TIMEVALUE');
    return isFormulaError(p) ? p : (p.time ?? 0);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null), ([e]) => {
      if (e!.type === 'date' || e!.type === 'datetime') {
        const s = timestampSerial(e!.sql);
        return result(e!.type === 'date' ? 'CAST(0 AS DOUBLE)' : `(${s} - floor(${s}))`, 'number', [e!.err, errWhen(`${e!.sql} IS NULL`, '#VALUE!')]);
      }
      if (e!.type !== 'text') return result('NULL', 'number', [e!.err, errCode('#VALUE!')]);
      const time = sqlWithDateTime(ctx, e!.sql, (p) => `CASE WHEN ${p.ok} THEN COALESCE(${p.time}, 0) END`);
      return result(time, 'number', [e!.err, `CASE WHEN (${time}) IS NULL THEN ${errCode('#VALUE!')} END`]);
    });
  },
};

const TIME_LIMIT = 32_767;

const TIME: FunctionSpec = {
  name: 'TIME',
  category: 'date',
  summary: 'A time of day from hours, minutes and seconds, as a fraction of a day (TIME(18, 45, 0) is 0.78125); past 24 hours it wraps.',
  params: [{ name: 'hour' }, { name: 'minute' }, { name: 'second' }],
  example: { formula: '=TIME(18, 45, 0)', result: '0.78125' },
  notes:
    'As in Excel: each part is truncated, minutes and seconds roll over (TIME(0, 750, 0) is 12:30), the total wraps at 24 hours, a negative total or a part above 32767 is #NUM!. The result is a number, as in Excel (which shows it formatted as a time): HOUR, MINUTE and SECOND read it, and adding it to a date-time moves the time.',
  scalar(args) {
    const parts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = numberArg(args, i);
      if (isFormulaError(p)) return p;
      parts.push(Math.trunc(p));
    }
    const [h = 0, m = 0, s = 0] = parts;
    const total = h * 3600 + m * 60 + s;
    if (h > TIME_LIMIT || m > TIME_LIMIT || s > TIME_LIMIT || total < 0) return new FormulaError('#NUM!', 'TIME: the time is out of range.');
    return (total - Math.floor(total / 86400) * 86400) / 86400;
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null, null, null), ([a, b, c]) => {
      const [h, m, s] = [num(a!), num(b!), num(c!)];
      const value = sqlLet(ctx, { h: `trunc(${h.sql})`, m: `trunc(${m.sql})`, s: `trunc(${s.sql})` }, (v) => {
        const [th, tm, ts] = [ref(v, 'h'), ref(v, 'm'), ref(v, 's')];
        const total = `(${th} * 3600 + ${tm} * 60 + ${ts})`;
        const ok = `(${th} <= ${TIME_LIMIT} AND ${tm} <= ${TIME_LIMIT} AND ${ts} <= ${TIME_LIMIT} AND ${total} >= 0)`;
        return `CASE WHEN ${ok} THEN (${total} - floor(${total} / 86400) * 86400) / 86400 END`;
      });
      const inputs = anyErr(h.err, m.err, s.err);
      return expr(guard(value, inputs), 'number', anyErr(inputs, `CASE WHEN (${value}) IS NULL THEN ${errCode('#NUM!')} END`));
    });
  },
};

/** The serial HOUR, MINUTE and SECOND read: date and time text, or any date value. */
function timeSerial(v: Scalar, name: string): number | FormulaError {
  if (typeof v !== 'string') return serialOf(v, name);
  const p = parseDateTime(v, name);
  if (isFormulaError(p)) return p;
  return (p.day ?? 0) + (p.time ?? 0);
}

function sqlTimeSerial(ctx: SqlFunctionContext, e: SqlExpr): { serial: string; err: string | null } {
  if (e.type !== 'text') return sqlSerial(ctx, e);
  const serial = sqlWithDateTime(ctx, e.sql, (p) => `CASE WHEN ${p.ok} THEN COALESCE(${p.day}, 0) + COALESCE(${p.time}, 0) END`);
  // An empty text cell is empty: serial 0, as in the TypeScript form.
  const value = e.nullable ? `CASE WHEN ${e.sql} IS NULL THEN 0 ELSE ${serial} END` : serial;
  return { serial: value, err: anyErr(e.err, `CASE WHEN (${value}) IS NULL THEN ${errCode('#VALUE!')} END`) };
}

/** HOUR, MINUTE, SECOND: a part of the time of day, rounded to the nearest second as Excel does. */
function timePart(name: 'HOUR' | 'MINUTE' | 'SECOND', summary: string, example: Example): FunctionSpec {
  const pick = { HOUR: (t: number) => Math.floor(t / 3600), MINUTE: (t: number) => Math.floor(t / 60) % 60, SECOND: (t: number) => t % 60 }[name];
  const sqlPick = { HOUR: (t: string) => `floor(${t} / 3600)`, MINUTE: (t: string) => `floor(${t} / 60) % 60`, SECOND: (t: string) => `${t} % 60` }[name];
  return {
    name,
    category: 'date',
    summary,
    params: [{ name: 'time' }],
    example,
    notes: `Takes a date-time, a number (its fraction is the time of day) or text such as "18:45:30" or "2024-03-01 6:45 PM". ${DATE_TIME_NOTE}`,
    scalar(args) {
      const serial = timeSerial(arg(args, 0), name);
      if (isFormulaError(serial)) return serial;
      return pick(Math.round(serial * 86400) % 86400);
    },
    sql(args, ctx) {
      return withArgs(ctx, valueArgs(args, null), ([e]) => {
        const t = sqlTimeSerial(ctx, e!);
        const value = sqlLet(ctx, { t: `(CAST(round(${t.serial} * 86400) AS BIGINT) % 86400)` }, (v) => `CAST(${sqlPick(ref(v, 't'))} AS DOUBLE)`);
        return result(value, 'number', [t.err]);
      });
    },
  };
}

// ---- the catalog

export const DATE_FUNCTIONS: FunctionSpec[] = [
  DATE,
  part('YEAR', 'The year of a date.', (p) => p.year, 'year', { formula: '=YEAR(DATE(2024, 3, 1))', result: '2024' }),
  part('MONTH', 'The month of a date, 1 to 12.', (p) => p.month, 'month', { formula: '=MONTH(DATE(2024, 3, 1))', result: '3' }),
  part('DAY', 'The day of the month of a date, 1 to 31.', (p) => p.day, 'day', { formula: '=DAY(DATE(2024, 3, 1))', result: '1' }),
  TODAY,
  NOW,
  TIME,
  timePart('HOUR', 'The hour of a time, 0 to 23.', { formula: '=HOUR("6:45 PM")', result: '18' }),
  timePart('MINUTE', 'The minute of a time, 0 to 59.', { formula: '=MINUTE(TIME(18, 45, 0))', result: '45' }),
  timePart('SECOND', 'The second of a time, 0 to 59.', { formula: '=SECOND("10:30:15")', result: '15' }),
  DATEVALUE,
  TIMEVALUE,
  monthShift('EDATE', "The date some months before or after a date, on the same day of the month (or the month's last day when it is shorter).", {
    formula: '=EDATE(DATE(2024, 1, 31), 1)',
    result: '2024-02-29',
  }),
  monthShift('EOMONTH', 'The last day of the month some months before or after a date (0: the same month).', { formula: '=EOMONTH(DATE(2024, 1, 15), 1)', result: '2024-02-29' }),
  DAYS,
  DATEDIF,
  DAYS360,
  YEARFRAC,
  WEEKDAY,
  WEEKNUM,
  ISOWEEKNUM,
  networkdays('NETWORKDAYS', { formula: '=NETWORKDAYS(DATE(2024, 3, 1), DATE(2024, 3, 31))', result: '21' }),
  networkdays('NETWORKDAYS.INTL', { formula: '=NETWORKDAYS.INTL(DATE(2024, 3, 1), DATE(2024, 3, 31), 7)', result: '21' }),
  workday('WORKDAY', { formula: '=WORKDAY(DATE(2024, 3, 1), 5)', result: '2024-03-08' }),
  workday('WORKDAY.INTL', { formula: '=WORKDAY.INTL(DATE(2024, 3, 1), 5, "0000110")', result: '2024-03-07' }),
];
