import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errCode, num } from '../../sql/coerce';
import { arg, numberArg } from '../helpers';
import { dateResult, dayArg, daysInMonth, type Example, outOfRange, serialAt, ymd } from './shared';
import { dateOf, sqlDateResult, sqlMonthStart, sqlSerial, sqlSerialOf } from './sql-calendar';
import { ref, REUSED, sqlLet, valueArgs, withArgs } from './sql-let';

// ---- EDATE, EOMONTH

/** EDATE and EOMONTH: a date some months away, on the same day (clamped to the month's end) or on the month's last day. */
export function monthShift(name: 'EDATE' | 'EOMONTH', summary: string, example: Example): FunctionSpec {
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
      // As the Analysis ToolPak reads its numbers: TRUE and FALSE are #VALUE!, not 1 and 0.
      if (typeof arg(args, 1) === 'boolean' || typeof arg(args, 0) === 'boolean') return new FormulaError('#VALUE!', `${name} takes a date and a number of months, not TRUE or FALSE.`);
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
        const booleans = a!.type === 'boolean' || b!.type === 'boolean' ? errCode('#VALUE!') : null;
        return sqlDateResult(ctx, day, [start.err, months.err, booleans]);
      });
    },
  };
}
