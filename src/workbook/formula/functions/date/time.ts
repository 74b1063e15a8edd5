import type { FunctionSpec, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { anyErr, errCode, guard, num, result } from '../../sql/coerce';
import { expr, type SqlExpr } from '../../sql/types';
import type { Scalar } from '../../values';
import { arg, numberArg } from '../helpers';
import { DATE_TIME_NOTE, parseDateTime, sqlWithDateTime } from './datetime-text';
import { type Example, serialOf } from './shared';
import { sqlSerial } from './sql-calendar';
import { ref, sqlLet, valueArgs, withArgs } from './sql-let';

const TIME_LIMIT = 32_767;

export const TIME: FunctionSpec = {
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
export function timePart(name: 'HOUR' | 'MINUTE' | 'SECOND', summary: string, example: Example): FunctionSpec {
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
