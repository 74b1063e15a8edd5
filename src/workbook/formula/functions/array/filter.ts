import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isDate, isRange, type RangeValue, type Scalar } from '../../values';
import { arrayArg, emptyArray, indices, pick } from './shape';

// FILTER and UNIQUE: the rows (or columns) of an array that a condition keeps, or that are distinct.

/** Whether an include value keeps its row: a number other than 0 or TRUE; empty is FALSE; text is #VALUE!. */
function keeps(v: Scalar): boolean | FormulaError {
  if (isFormulaError(v)) return v;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (isDate(v)) return v.serial !== 0;
  return new FormulaError('#VALUE!', `FILTER: include holds the text ${JSON.stringify(v)}; it must be TRUE/FALSE or numbers.`);
}

export const FILTER: FunctionSpec = {
  name: 'FILTER',
  category: 'array',
  summary: 'The rows of an array whose include value is TRUE (or the columns, with a row of include values); if_empty when none is.',
  params: [{ name: 'array', kind: 'range' }, { name: 'include', kind: 'range' }, { name: 'if_empty', kind: 'range', optional: true }],
  notes:
    'include is a column as tall as the array (it keeps rows) or a row as wide as it (it keeps columns), usually a condition such as A2:A9>3; combine conditions with * (and) and + (or). An error in include is the answer; text there is #VALUE!. Nothing kept and no if_empty: #CALC!.',
  example: { formula: '=SUM(FILTER({1,2,3,4}, {1,2,3,4}>2))', result: '7' },
  scalar(args) {
    const a = arrayArg(args, 0);
    if (isFormulaError(a)) return a;
    const inc = arrayArg(args, 1);
    if (isFormulaError(inc)) return inc;
    const byRow = inc.cols === 1 && inc.rows === a.rows;
    if (!byRow && !(inc.rows === 1 && inc.cols === a.cols)) {
      return new FormulaError('#VALUE!', `FILTER: include must be one column of ${a.rows} value(s) or one row of ${a.cols}; it is ${inc.rows}×${inc.cols}.`);
    }
    const kept: number[] = [];
    for (let i = 0; i < inc.values.length; i++) {
      const k = keeps(inc.values[i]!);
      if (isFormulaError(k)) return k;
      if (k) kept.push(i);
    }
    if (kept.length === 0) {
      const fallback = args[2];
      if (fallback === undefined || fallback === null) return emptyArray('FILTER', 'no row meets the condition (give if_empty to show something else)');
      return fallback;
    }
    return byRow ? pick(a, kept, indices(a.cols)) : pick(a, indices(a.rows), kept);
  },
};

/** A value as UNIQUE compares it: text case-insensitively, numbers and dates by value, errors by code. */
function keyOf(v: Scalar): string {
  if (v === null) return 'e';
  if (typeof v === 'number') return `n${v}`;
  if (isDate(v)) return `n${v.serial}`;
  if (typeof v === 'boolean') return `b${v}`;
  if (isFormulaError(v)) return `x${v.code}`;
  return `t${v.toLowerCase()}`;
}

export const UNIQUE: FunctionSpec = {
  name: 'UNIQUE',
  category: 'array',
  summary: 'The distinct rows of an array (or columns, with by_col TRUE), in order of first appearance; with exactly_once TRUE, only those that appear once.',
  params: [{ name: 'array', kind: 'range' }, { name: 'by_col', optional: true }, { name: 'exactly_once', optional: true }],
  notes: 'Text is compared case-insensitively, as in Excel: the first spelling met is kept. Nothing left (exactly_once with every row repeated) is #CALC!.',
  example: { formula: '=COUNTA(UNIQUE({"a";"b";"A";"c"}))', result: '3' },
  scalar(args) {
    const a = arrayArg(args, 0);
    if (isFormulaError(a)) return a;
    const byCol = flag('by_col', args[1]);
    if (isFormulaError(byCol)) return byCol;
    const once = flag('exactly_once', args[2]);
    if (isFormulaError(once)) return once;
    const n = byCol ? a.cols : a.rows;
    const lineKey = (i: number) => (byCol ? indices(a.rows).map((r) => keyOf(a.at(r, i))) : indices(a.cols).map((c) => keyOf(a.at(i, c)))).join('\u0000');
    const first = new Map<string, { index: number; count: number }>();
    for (let i = 0; i < n; i++) {
      const k = lineKey(i);
      const seen = first.get(k);
      if (seen) seen.count++;
      else first.set(k, { index: i, count: 1 });
    }
    const kept = [...first.values()].filter((e) => !once || e.count === 1).map((e) => e.index);
    if (kept.length === 0) return emptyArray('UNIQUE', 'every value appears more than once');
    return byCol ? pick(a, indices(a.rows), kept) : pick(a, kept, indices(a.cols));
  },
};

/** A TRUE/FALSE option; left out or empty is FALSE. */
export function flag(param: string, a: unknown): boolean | FormulaError {
  const v = isRange(a) ? (a as RangeValue).at(0, 0) : a;
  if (v === undefined || v === null) return false;
  if (isFormulaError(v)) return v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return new FormulaError('#VALUE!', `${param} is TRUE or FALSE, not ${JSON.stringify(v)}.`);
}
