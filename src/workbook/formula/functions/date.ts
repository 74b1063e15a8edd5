import type { FunctionSpec } from '../catalog';
import { isFormulaError } from '../errors';
import { fromSerial, result, toDate } from '../sql/coerce';
import { dateFromSerial, dateParts, DateValue, serialFromParts, toDate as toDateValue } from '../values';
import { arg, firstError, numberArg, sqlArg, sqlNum } from './helpers';

/** YEAR, MONTH, DAY …: one part of a date (a date, a serial number or ISO date text). */
function part(name: string, summary: string, pick: (p: ReturnType<typeof dateParts>) => number, sqlPart: string, example: FunctionSpec['example']): FunctionSpec {
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
    sql(args) {
      const d = toDate(sqlArg(args, 0));
      return result(`CAST(${sqlPart}(${d.sql}) AS DOUBLE)`, 'number', [d.err]);
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
  sql(args) {
    const [y, m, d] = [sqlNum(args, 0), sqlNum(args, 1), sqlNum(args, 2)];
    const year = `(CASE WHEN trunc(${y.sql}) >= 0 AND trunc(${y.sql}) < 1900 THEN trunc(${y.sql}) + 1900 ELSE trunc(${y.sql}) END)`;
    // Days since 1899-12-30 of the first of the (rolled-over) month, plus the day.
    const month = `(CAST(${year} AS BIGINT) * 12 + CAST(trunc(${m.sql}) AS BIGINT) - 1)`;
    const first = `make_date(CAST(floor(${month} / 12) AS BIGINT), CAST(${month} - floor(${month} / 12) * 12 + 1 AS BIGINT), 1)`;
    const serial = `CAST(${first} - DATE '1899-12-30' + CAST(trunc(${d.sql}) AS BIGINT) - 1 AS DOUBLE)`;
    return fromSerial(`(CASE WHEN ${year} BETWEEN 0 AND 9999 THEN ${serial} ELSE -1 END)`, false, [y.err, m.err, d.err]);
  },
};

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
  sql: () => result('current_date', 'date', []),
};

export const DATE_FUNCTIONS: FunctionSpec[] = [
  DATE,
  part('YEAR', 'The year of a date.', (p) => p.year, 'year', { formula: '=YEAR(DATE(2024, 3, 1))', result: '2024' }),
  part('MONTH', 'The month of a date, 1 to 12.', (p) => p.month, 'month', { formula: '=MONTH(DATE(2024, 3, 1))', result: '3' }),
  part('DAY', 'The day of the month of a date, 1 to 31.', (p) => p.day, 'day', { formula: '=DAY(DATE(2024, 3, 1))', result: '1' }),
  TODAY,
];
