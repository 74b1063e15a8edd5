import type { Category, FunctionSpec, ParamSpec, ScalarArg } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { aggregate, anyErr, bool, literal, num, rangeErr, rangeNumbers, result, text } from '../sql/coerce';
import { isSqlRange, type SqlArg, type SqlExpr, type SqlRange } from '../sql/types';
import { isDate, isRange, RangeValue, toBoolean, toNumber, toText, type Scalar } from '../values';

// Shared pieces for the function catalog: reading arguments in TypeScript, and the matching
// pieces of SQL. A function's two forms should read alike.

/** A `value` argument, with a default when it was left out. */
export function arg(args: ScalarArg[], i: number, fallback: Scalar = null): Scalar {
  const a = args[i];
  if (a === undefined) return fallback;
  return isRange(a) ? (a.rows * a.cols === 1 ? a.at(0, 0) : new FormulaError('#VALUE!', 'A range is used where one value is expected.')) : a;
}

export function numberArg(args: ScalarArg[], i: number, fallback?: number): number | FormulaError {
  if (args[i] === undefined && fallback !== undefined) return fallback;
  return toNumber(arg(args, i));
}

export function textArg(args: ScalarArg[], i: number, fallback?: string): string | FormulaError {
  if (args[i] === undefined && fallback !== undefined) return fallback;
  return toText(arg(args, i));
}

export function booleanArg(args: ScalarArg[], i: number, fallback?: boolean): boolean | FormulaError {
  if (args[i] === undefined && fallback !== undefined) return fallback;
  return toBoolean(arg(args, i));
}

/** The first error among already-coerced values, if any. */
export function firstError(...values: unknown[]): FormulaError | undefined {
  return values.find(isFormulaError) as FormulaError | undefined;
}

/** Every value of `range` arguments in order, flagged as given directly or found in a range. */
export function* argValues(args: readonly ScalarArg[]): Generator<{ value: Scalar; direct: boolean }> {
  for (const a of args) {
    if (a === undefined) continue;
    if (isRange(a)) for (const value of a.values) yield { value, direct: false };
    else yield { value: a, direct: true };
  }
}

/**
 * The numbers SUM, AVERAGE, MIN … read, as Excel does: a value given directly is coerced
 * ("3" is 3, TRUE is 1, other text #VALUE!); inside a range only numbers and dates count, text,
 * booleans and empty cells are skipped; errors anywhere are the answer.
 */
export function numbersOf(args: readonly ScalarArg[]): number[] | FormulaError {
  const out: number[] = [];
  for (const { value, direct } of argValues(args)) {
    if (isFormulaError(value)) return value;
    if (direct) {
      if (value === null) continue;
      const n = toNumber(value);
      if (isFormulaError(n)) return n;
      out.push(n);
    } else if (typeof value === 'number') out.push(value);
    else if (isDate(value)) out.push(value.serial);
  }
  return out;
}

/** A range argument as values, a single value as a 1×1 range. */
export function rangeArg(args: ScalarArg[], i: number): RangeValue {
  const a = args[i];
  if (a === undefined) return new RangeValue(0, 0, []);
  return isRange(a) ? a : RangeValue.of(a);
}

// ---- SQL

/** A `value` argument in SQL, with a default when it was left out. */
export function sqlArg(args: (SqlArg | undefined)[], i: number, fallback: Scalar = null): SqlExpr {
  const a = args[i];
  if (a === undefined) return literal(fallback);
  if (isSqlRange(a)) return a.columns[0]!;
  return a;
}

export const sqlNum = (args: (SqlArg | undefined)[], i: number, fallback: Scalar = null) => num(sqlArg(args, i, fallback));
export const sqlText = (args: (SqlArg | undefined)[], i: number, fallback: Scalar = null) => text(sqlArg(args, i, fallback));
export const sqlBool = (args: (SqlArg | undefined)[], i: number, fallback: Scalar = null) => bool(sqlArg(args, i, fallback));

/** The range argument `i` as a range; undefined when a single value was passed instead. */
export function sqlRange(args: (SqlArg | undefined)[], i: number): SqlRange | undefined {
  const a = args[i];
  return isSqlRange(a) ? a : undefined;
}

/**
 * The numbers of several arguments as one DuckDB list, read as numbersOf reads them: direct
 * values coerced, range columns' numbers and dates only.
 */
export function sqlNumberList(args: (SqlArg | undefined)[]): { list: string; err: string | null } {
  const parts: string[] = [];
  const errs: (string | null)[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (isSqlRange(a)) {
      const x = rangeNumbers(a.columns[0]!);
      parts.push(`COALESCE(${aggregate(a, `list(${x}) FILTER (WHERE ${x} IS NOT NULL)`)}, [])`);
      errs.push(rangeErr(a));
    } else if (a.type === 'empty') {
      errs.push(a.err);
    } else {
      const n = num(a);
      // An empty value given directly is skipped, as numbersOf skips it.
      parts.push(a.nullable ? `CASE WHEN ${a.sql} IS NULL THEN [] ELSE [${n.sql}] END` : `[${n.sql}]`);
      errs.push(n.err);
    }
  }
  const list = parts.length === 0 ? 'CAST([] AS DOUBLE[])' : parts.reduce((acc, p) => `list_concat(${acc}, ${p})`);
  return { list, err: anyErr(...errs) };
}

/**
 * A statistic over the numbers of all arguments: with a single range, the aggregate runs
 * directly over the column; otherwise over the list of all of them.
 */
export function sqlNumberStat(
  args: (SqlArg | undefined)[],
  form: { column: (x: string) => string; list: (l: string) => string },
  emptyCheck?: { code: 'divide' | 'na' | 'num' },
): SqlExpr {
  const only = args.length === 1 && isSqlRange(args[0]) ? args[0] : undefined;
  let value: string;
  let count: string;
  let err: string | null;
  if (only) {
    const x = rangeNumbers(only.columns[0]!);
    value = aggregate(only, form.column(x));
    count = aggregate(only, `count(${x})`);
    err = rangeErr(only);
  } else {
    const l = sqlNumberList(args);
    value = form.list(l.list);
    count = `len(${l.list})`;
    err = l.err;
  }
  if (!emptyCheck) return result(value, 'number', [err]);
  const code = emptyCheck.code === 'divide' ? '#DIV/0!' : emptyCheck.code === 'na' ? '#N/A' : '#NUM!';
  return result(`CASE WHEN ${count} = 0 THEN NULL ELSE ${value} END`, 'number', [err, `CASE WHEN ${count} = 0 THEN '${code}' END`]);
}

// ---- defining functions

type SqlForm = FunctionSpec['sql'];

/** A function of numbers: each argument coerced to a number, errors passed on, #NUM! for non-finite results. */
export function numeric(
  name: string,
  category: Category,
  summary: string,
  params: (string | ParamSpec)[],
  example: FunctionSpec['example'],
  scalar: (...xs: number[]) => number | FormulaError,
  sql: (...xs: string[]) => string | { value: string; err?: string | null },
  defaults: (number | undefined)[] = [],
): FunctionSpec {
  const specs = params.map((p) => (typeof p === 'string' ? { name: p } : p));
  const sqlForm: SqlForm = (args) => {
    const xs = specs.map((_, i) => (args[i] === undefined && defaults[i] === undefined ? undefined : sqlNum(args, i, defaults[i] ?? null)));
    const present = xs.filter((x): x is SqlExpr => x !== undefined);
    const out = sql(...present.map((x) => x.sql));
    const value = typeof out === 'string' ? out : out.value;
    const own = typeof out === 'string' ? null : (out.err ?? null);
    return result(`CASE WHEN isfinite(${value}) THEN ${value} END`, 'number', [...present.map((x) => x.err), own, `CASE WHEN NOT isfinite(${value}) THEN '#NUM!' END`]);
  };
  return {
    name,
    category,
    summary,
    params: specs,
    example,
    scalar(args) {
      const xs: number[] = [];
      for (let i = 0; i < specs.length; i++) {
        if (args[i] === undefined && defaults[i] === undefined) continue;
        const x = numberArg(args, i, defaults[i]);
        if (isFormulaError(x)) return x;
        xs.push(x);
      }
      const r = scalar(...xs);
      if (isFormulaError(r)) return r;
      return Number.isFinite(r) ? r : new FormulaError('#NUM!', `${name}: the result is not a finite number.`);
    },
    sql: sqlForm,
  };
}
