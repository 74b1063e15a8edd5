import { evaluate, type EvalContext } from '../../evaluate';
import { isFormulaError } from '../../errors';
import { parseFormula } from '../../parser';
import { displayValue, isRange, type Value } from '../../values';

// For the tests of this folder: a formula's whole value, arrays included, as rows of displayed values.

const ctx: EvalContext = {
  name: () => undefined,
  isTable: () => false,
  names: () => [],
  now: () => new Date(Date.UTC(2024, 0, 1)),
  random: () => 0.5,
};

/** A formula's value (no cells: arrays are written as constants). */
export function run(formula: string): Value {
  return evaluate(parseFormula(formula), ctx);
}

/** A formula's value where it is one value (a 1×1 array is its value, as a cell shows it). */
export function one(formula: string): Value {
  const v = run(formula);
  return isRange(v) && v.rows * v.cols === 1 ? v.at(0, 0) : v;
}

/** A formula's value as rows of displayed values; a single value is one row of one. */
export function grid(formula: string): string[][] {
  const v = run(formula);
  if (!isRange(v)) return [[displayValue(v)]];
  return Array.from({ length: v.rows }, (_, r) => Array.from({ length: v.cols }, (_, c) => displayValue(v.at(r, c))));
}

/** A formula's error code, or 'no error'. */
export function errorOf(formula: string): string {
  const v = run(formula);
  return isFormulaError(v) ? v.code : 'no error';
}
