import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errCode, errWhen, num, result } from '../../sql/coerce';
import { isSqlRange, type SqlExpr, type SqlRange } from '../../sql/types';
import { DateValue } from '../../values';
import { arg, numberArg, sqlArg } from '../helpers';
import { holidayDays, NO_HOLIDAYS, sqlHolidays } from './holidays';
import { dateResult, dayArg, type Example, outOfRange, type SqlArgs } from './shared';
import { sqlDateResult, sqlSerial } from './sql-calendar';
import { ref, sqlLet, withArgs } from './sql-let';
import { constantWeekend, SATURDAY_SUNDAY, sqlWeekend, weekendMask, Workweek } from './weekend';

// ---- workdays: NETWORKDAYS, WORKDAY and their .INTL forms
//
// Counted arithmetically, not day by day, so a column formula stays fast over millions of rows:
// from serial 0 (a Saturday) the week repeats every 7 days, so the workdays before a day are
// whole weeks × workdays per week plus a prefix of the 7-day cycle; the k-th workday is found
// the same way backwards. Holidays are then counted (or, for WORKDAY, stepped over) in one go;
// holidays from a table are counted by a subquery over it.

/** The arguments of a workday call that hold values (start, end or days, weekend, a single holiday), and its holidays range. */
function workdayArgs(args: SqlArgs, intl: boolean): { values: SqlExpr[]; range?: SqlRange; single: boolean } {
  const h = intl ? 3 : 2;
  const holidays = args[h];
  const values = [sqlArg(args, 0), sqlArg(args, 1), ...(intl ? [sqlArg(args, 2)] : [])];
  if (isSqlRange(holidays)) return { values, range: holidays, single: false };
  return { values: holidays === undefined ? values : [...values, holidays], single: holidays !== undefined };
}

/** NETWORKDAYS and NETWORKDAYS.INTL. */
export function networkdays(name: 'NETWORKDAYS' | 'NETWORKDAYS.INTL', example: Example): FunctionSpec {
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
export function workday(name: 'WORKDAY' | 'WORKDAY.INTL', example: Example): FunctionSpec {
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
