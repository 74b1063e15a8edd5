import { quoteLiteral } from '../../../../sql';
import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errWhen, result, text } from '../../sql/coerce';
import { arg, textArg } from '../helpers';
import { dayArg, daysInMonth, serialAt, serialOf, ymd } from './shared';
import { sqlMonthLength, sqlParts, sqlSerial, sqlSerialAt } from './sql-calendar';
import { ref, REUSED, sqlLet, valueArgs, withArgs } from './sql-let';

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

export const DATEDIF: FunctionSpec = {
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

export const DAYS: FunctionSpec = {
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
