import type { ScalarArg, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError, type ErrorCode } from '../../errors';
import { errCode, result } from '../../sql/coerce';
import { DUCKDB_TYPE, expr, isSqlRange, type SqlArg, type SqlExpr, type SqlRange, type SqlType } from '../../sql/types';
import { toBoolean, toNumber, type RangeValue, type Scalar } from '../../values';
import { rangeArg } from '../helpers';
import { sqlProblem } from './search';

// Argument and range helpers the lookup functions share, in SQL and in the scalar form.

/** A value given where a range is expected, as a one-row range (its rowid the only row's). */
export function asRange(a: SqlArg | undefined, ctx: SqlFunctionContext): SqlRange {
  if (isSqlRange(a)) return a;
  const alias = ctx.alias();
  return { kind: 'range', relation: '', from: '(SELECT 0 AS rowid)', alias, columns: [a ?? expr('NULL', 'empty', null, true)], ordered: true, inline: false };
}

// ---- arguments SQL needs while compiling

/** A value argument's constant (undefined when it is not known while compiling). */
function constantOf(a: SqlArg | undefined): Scalar | undefined {
  if (a === undefined || isSqlRange(a)) return undefined;
  return a.constant;
}

/** A number argument SQL needs as a constant (it changes the query's shape). */
export function constantNumberArg(name: string, param: string, a: SqlArg | undefined, fallback?: number): number | FormulaError {
  if (a === undefined && fallback !== undefined) return fallback;
  const c = constantOf(a);
  if (c === undefined) throw sqlProblem(`${name}'s ${param} must be written into the formula (a number, not a column or a calculation) when a table computes it.`);
  return toNumber(c);
}

/** A TRUE/FALSE argument SQL needs as a constant. */
export function constantBooleanArg(name: string, param: string, a: SqlArg | undefined, fallback: boolean): boolean | FormulaError {
  if (a === undefined) return fallback;
  const c = constantOf(a);
  if (c === undefined) throw sqlProblem(`${name}'s ${param} must be written into the formula (TRUE or FALSE) when a table computes it.`);
  return toBoolean(c);
}

/** An error that every row has, after the lookup value's own error. */
export function failAfter(x: SqlExpr, code: ErrorCode): SqlExpr {
  return result('NULL', 'empty', [x.err, errCode(code)]);
}

/** A typed NULL, so a column that is always an error still has its type. */
export function nullOf(type: SqlType): string {
  return `CAST(NULL AS ${DUCKDB_TYPE[type]})`;
}

/** A mode given as a number: 1 for any positive, -1 for any negative, 0. */
export const signOf = (n: number): 0 | 1 | -1 => (n > 0 ? 1 : n < 0 ? -1 : 0);

// ---- scalar helpers

/** A range argument; an error given directly is returned as is. */
export function tableArg(args: ScalarArg[], i: number): RangeValue | FormulaError {
  const a = args[i];
  return isFormulaError(a) ? a : rangeArg(args, i);
}

export function column(range: RangeValue, c: number): Scalar[] {
  return Array.from({ length: range.rows }, (_, r) => range.at(r, c));
}

export function row(range: RangeValue, r: number): Scalar[] {
  return Array.from({ length: range.cols }, (_, c) => range.at(r, c));
}

export function notFound(name: string, key: Scalar): FormulaError {
  return new FormulaError('#N/A', key === null ? `${name}: the value to look for is empty.` : `${name} found no match for ${String(key)}.`);
}

/** The values MATCH and LOOKUP search: one row or one column; undefined for a 2-D range. */
export function vectorOf(range: RangeValue): Scalar[] | undefined {
  if (range.rows === 1) return row(range, 0);
  if (range.cols === 1) return column(range, 0);
  return undefined;
}

/** Whether an optional argument was given: left out or left empty (`XLOOKUP(x, a, b,,1)`) takes the default, as in Excel. */
export function given(args: ScalarArg[], i: number): boolean {
  return args[i] !== undefined && args[i] !== null;
}

/** given() for SQL arguments: an empty argument compiles to a NULL constant. */
export function sqlGiven(a: SqlArg | undefined): boolean {
  return a !== undefined && (isSqlRange(a) || !(a.type === 'empty' && a.constant === null));
}

/** XLOOKUP's and XMATCH's modes: match_mode 0, -1, 1 or 2; search_mode 1, -1, 2 or -2; a wildcard match cannot use a binary search. */
export function xModes(name: string, mode: number, search: number): FormulaError | undefined {
  if (![0, -1, 1, 2].includes(mode)) return new FormulaError('#VALUE!', `${name}: match_mode is 0, -1, 1 or 2, not ${mode}.`);
  if (![1, -1, 2, -2].includes(search)) return new FormulaError('#VALUE!', `${name}: search_mode is 1, -1, 2 or -2, not ${search}.`);
  if (mode === 2 && Math.abs(search) === 2) return new FormulaError('#VALUE!', `${name}: a wildcard match (match_mode 2) cannot use a binary search (search_mode 2 or -2).`);
  return undefined;
}

/** A table argument of VLOOKUP and HLOOKUP: a range; a single number or TRUE/FALSE is a table of one value, text is #VALUE! (as in Excel). */
export function lookupTable(name: string, args: ScalarArg[], i: number): RangeValue | FormulaError {
  const a = args[i];
  if (typeof a === 'string') return new FormulaError('#VALUE!', `${name} needs a range or an array to look in, not the text ${JSON.stringify(a)}.`);
  return tableArg(args, i);
}
