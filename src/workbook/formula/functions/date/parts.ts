import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { num, result } from '../../sql/coerce';
import { dateFromSerial, dateParts, DateValue, serialFromParts, toDate as toDateValue } from '../../values';
import { arg, firstError, numberArg } from '../helpers';
import type { Example } from './shared';
import { sqlDateResult, sqlMonthStart, sqlSerialOf, sqlToDate } from './sql-calendar';
import { ref, REUSED, sqlLet, valueArgs, withArgs } from './sql-let';

// ---- YEAR, MONTH, DAY, DATE, TODAY, NOW

/** YEAR, MONTH, DAY …: one part of a date (a date, a serial number or ISO date text). */
export function part(name: string, summary: string, pick: (p: ReturnType<typeof dateParts>) => number, sqlPart: string, example: Example): FunctionSpec {
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

export const DATE: FunctionSpec = {
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
    const month = Math.trunc(m as number);
    // Excel carries months into the year first: past year 9999 is #NUM! even if the days come back (DATE(9999, 13, -1)).
    if (year < 0 || year + Math.floor((month - 1) / 12) > 9999) return new FormulaError('#NUM!', 'DATE: the year must be from 0 to 9999 (months past December count into it).');
    return dateFromSerial(serialFromParts(year, month, Math.trunc(d as number)), false);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null, null, null), ([ya, ma, da]) => {
      const [y, m, d] = [num(ya!), num(ma!), num(da!)];
      const day = sqlLet(ctx, { y: `trunc(${y.sql})`, m: `trunc(${m.sql})`, d: `trunc(${d.sql})` }, (v) => {
        const [yy, mm, dd] = [ref(v, 'y'), ref(v, 'm'), ref(v, 'd')];
        const year = `(CASE WHEN ${yy} >= 0 AND ${yy} < 1900 THEN ${yy} + 1900 ELSE ${yy} END)`;
        return sqlLet(ctx, { i: `(${year} * 12 + ${mm} - 1)` }, (w) => {
          const i = ref(w, 'i');
          // Months and days roll over; a negative year, or months carried past year 9999, are #NUM! (as in the scalar form).
          const ok = `(${yy} >= 0 AND ${i} BETWEEN 0 AND ${10000 * 12 - 1} AND abs(${dd}) < 100000000)`;
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

export const TODAY: FunctionSpec = {
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

export const NOW: FunctionSpec = {
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
