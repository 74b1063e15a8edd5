import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { bool, errWhen, num, result } from '../../sql/coerce';
import { booleanArg, numberArg } from '../helpers';
import { dayArg, isLeap, lastOfFebruary, serialAt, ymd } from './shared';
import { sqlJan1, sqlLastOfFebruary, sqlLeap, sqlLeapDay, sqlParts, sqlSerial } from './sql-calendar';
import { ref, REUSED, sqlLet, valueArgs, withArgs } from './sql-let';

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

export const DAYS360: FunctionSpec = {
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
export function yearFrac(lo: number, hi: number, basis: number): number {
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

export const YEARFRAC: FunctionSpec = {
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
