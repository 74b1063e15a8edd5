import type { ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isRange, RangeValue, toNumber, type Scalar } from '../../values';

// What the dynamic-array functions share: reading an array argument, whole numbers, and building results.

/** Excel's sheet: an array result larger than this cannot exist. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
/** Cellar's own bound on one array's values, so a formula cannot exhaust memory. */
export const MAX_CELLS = 10_000_000;

/** An argument as an array: a range as is, a single value as a 1×1 array; an error given directly is the answer. */
export function arrayArg(args: ScalarArg[], i: number): RangeValue | FormulaError {
  const a = args[i];
  if (isFormulaError(a)) return a;
  if (a === undefined) return new RangeValue(0, 0, []);
  return isRange(a) ? a : RangeValue.of(a);
}

/** Whether an argument was left out, or left empty (`F(x,,y)`): either takes the default, as in Excel. */
export function omitted(args: ScalarArg[], i: number): boolean {
  return args[i] === undefined || args[i] === null;
}

/** A whole-number argument, truncated toward zero as Excel does; `fallback` when it is left out. */
export function intArg(name: string, param: string, args: ScalarArg[], i: number, fallback?: number): number | FormulaError {
  if (omitted(args, i) && fallback !== undefined) return fallback;
  const a = args[i];
  const v: Scalar = isRange(a) ? (a.rows * a.cols === 1 ? a.at(0, 0) : new FormulaError('#VALUE!', `${name}: ${param} must be one number, not a range.`)) : (a ?? null);
  const n = toNumber(v);
  if (isFormulaError(n)) return n.code === '#VALUE!' && !isFormulaError(v) ? new FormulaError('#VALUE!', `${name}: ${param} must be a number.`) : n;
  return Math.trunc(n);
}

/** #CALC! for an array with nothing in it, as Excel 365 has it. */
export function emptyArray(name: string, why: string): FormulaError {
  return new FormulaError('#CALC!', `${name} gives an empty array: ${why}.`);
}

/** A problem with the size of a result, or undefined when it fits. */
export function sizeProblem(name: string, rows: number, cols: number): FormulaError | undefined {
  if (rows > MAX_ROWS || cols > MAX_COLS) return new FormulaError('#VALUE!', `${name}: ${rows}×${cols} is larger than a sheet (${MAX_ROWS} rows, ${MAX_COLS} columns).`);
  if (rows * cols > MAX_CELLS) return new FormulaError('#VALUE!', `${name}: ${rows}×${cols} values are more than Cellar holds in one array (${MAX_CELLS.toLocaleString('en-US')}).`);
  return undefined;
}

/** An array from a function of each position. */
export function build(rows: number, cols: number, at: (r: number, c: number) => Scalar): RangeValue {
  const out: Scalar[] = new Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = at(r, c);
  return new RangeValue(rows, cols, out);
}

/** Rows `rowIdx` and columns `colIdx` of `a`, in that order. */
export function pick(a: RangeValue, rowIdx: readonly number[], colIdx: readonly number[]): RangeValue {
  return build(rowIdx.length, colIdx.length, (r, c) => a.at(rowIdx[r]!, colIdx[c]!));
}

/** 0, 1, … n-1. */
export const indices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** The values of an argument that may be one value or an array of them (sort_index {1,2}). */
export function valuesOf(a: ScalarArg): Scalar[] {
  if (a === undefined) return [];
  return isRange(a) ? [...a.values] : [a];
}
