/** The Statistic builder (a statistic of all its arguments' numbers, in both forms) and alias. */
import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError, type ErrorCode } from '../../errors';
import { errWhen, rangeNumbers, result } from '../../sql/coerce';
import type { SqlExpr } from '../../sql/types';
import { isDate, isRange, type Scalar } from '../../values';
import { numbersOf } from '../helpers';
import { countOf, over, sqlNumbers, type Reader, type SqlArgs } from './shared';

/** A range value as MINA, MAXA and AVERAGEA read it: text is 0, TRUE 1, FALSE 0, empty is skipped. */
function valueA(v: Scalar): number | FormulaError | undefined {
  if (v === null) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return 0;
  if (isDate(v)) return v.serial;
  return v;
}

/** numbersOf for the A functions: values given directly read as numbersOf reads them, range values as valueA. */
export function numbersA(args: readonly ScalarArg[]): number[] | FormulaError {
  const out: number[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    const xs = isRange(a) ? a.values.map(valueA) : numbersOf([a]);
    if (isFormulaError(xs)) return xs;
    for (const x of xs) {
      if (isFormulaError(x)) return x;
      if (x !== undefined) out.push(x);
    }
  }
  return out;
}

/** valueA in SQL, for one range column. */
export function rangeValuesA(col: SqlExpr): string {
  if (col.type === 'text') return `CAST(CASE WHEN ${col.sql} IS NOT NULL THEN 0 END AS DOUBLE)`;
  if (col.type === 'boolean') return `CAST(${col.sql} AS DOUBLE)`;
  return rangeNumbers(col);
}

/** A statistic's SQL: its value, how many numbers it read (for `least`), and its inputs' errors. */
export interface SqlStat {
  value: string;
  count?: string;
  err: string | null;
}

/** A statistic over the numbers as one column (a single range) or one list (several arguments). */
export function overNumbers(column: (x: string) => string, list: (l: string) => string): (args: SqlArgs, read: Reader) => SqlStat {
  return (args, read) => {
    const n = sqlNumbers(args, read);
    return { value: over(n, column, list), count: countOf(n), err: n.err };
  };
}

/** A statistic of all its arguments' numbers, in both forms. */
export interface Statistic {
  name: string;
  summary: string;
  example: FunctionSpec['example'];
  notes?: string;
  /** Ranges read as MINA, MAXA and AVERAGEA read them: text 0, TRUE 1, FALSE 0. */
  a?: boolean;
  /** Fewer numbers than `count` is the error `code` (STDEV.S of one number is #DIV/0!). */
  least?: { count: number; code: ErrorCode };
  /** The result can overflow: not finite is #NUM!. */
  overflows?: boolean;
  scalar(xs: number[]): number;
  sql(args: SqlArgs, read: Reader): SqlStat;
}

/** A Statistic as a catalog function: numbers read, too few of them an error, overflow #NUM!. */
export function statistic(s: Statistic): FunctionSpec {
  return {
    name: s.name,
    category: 'statistics',
    summary: s.summary,
    params: [{ name: 'number', kind: 'range' }],
    repeat: 1,
    example: s.example,
    ...(s.notes ? { notes: s.notes } : {}),
    scalar(args) {
      const xs = s.a ? numbersA(args) : numbersOf(args);
      if (isFormulaError(xs)) return xs;
      if (s.least && xs.length < s.least.count) return new FormulaError(s.least.code, `${s.name} needs at least ${s.least.count} number${s.least.count === 1 ? '' : 's'}.`);
      const r = s.scalar(xs);
      return Number.isFinite(r) ? r : new FormulaError('#NUM!', `${s.name}: the result is too large.`);
    },
    sql(args) {
      const { value, count, err } = s.sql(args, s.a ? rangeValuesA : rangeNumbers);
      const short = s.least && count ? errWhen(`${count} < ${s.least.count}`, s.least.code) : null;
      if (!s.overflows) return result(value, 'number', [err, short]);
      return result(`CASE WHEN isfinite(${value}) THEN ${value} END`, 'number', [err, short, errWhen(`NOT isfinite(${value})`, '#NUM!')]);
    },
  };
}

/** The same function under another name (Excel's older spellings: STDEV for STDEV.S …). */
export function alias(spec: FunctionSpec, name: string, example: FunctionSpec['example']): FunctionSpec {
  return { ...spec, name, example, notes: `The same as ${spec.name}${spec.notes ? `. ${spec.notes}` : '.'}` };
}
