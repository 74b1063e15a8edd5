import type { FunctionSpec, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { anyErr, errWhen, num, result } from '../../sql/coerce';
import type { SqlExpr } from '../../sql/types';
import { numberArg } from '../helpers';
import { dayArg, serialAt, ymd } from './shared';
import { dateOf, sqlSerial, sqlSerialOf } from './sql-calendar';
import { ref, sqlLet, valueArgs, withArgs } from './sql-let';

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

export const WEEKDAY: FunctionSpec = {
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

export const WEEKNUM: FunctionSpec = {
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

export const ISOWEEKNUM: FunctionSpec = {
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
