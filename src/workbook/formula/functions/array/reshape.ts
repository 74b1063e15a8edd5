import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { RangeValue, type Scalar } from '../../values';
import { padding } from './slice';
import { arrayArg, build, emptyArray, intArg, pick, indices, sizeProblem } from './shape';

// Arrays reshaped: TOCOL, TOROW, WRAPROWS, WRAPCOLS, TRANSPOSE, and TRIMRANGE that cuts empty edges.

/** The values of `a` in reading order (row by row) or column by column, without blanks and/or errors (ignore 1, 2, 3). */
function flatten(a: RangeValue, ignore: number, byColumn: boolean): Scalar[] {
  const out: Scalar[] = [];
  const [outer, inner] = byColumn ? [a.cols, a.rows] : [a.rows, a.cols];
  for (let i = 0; i < outer; i++) {
    for (let j = 0; j < inner; j++) {
      const v = byColumn ? a.at(j, i) : a.at(i, j);
      if (v === null && (ignore & 1) !== 0) continue;
      if (isFormulaError(v) && (ignore & 2) !== 0) continue;
      out.push(v);
    }
  }
  return out;
}

function toLine(name: 'TOCOL' | 'TOROW'): FunctionSpec {
  const col = name === 'TOCOL';
  return {
    name,
    category: 'array',
    summary: `An array's values in one ${col ? 'column' : 'row'}, row by row (or column by column), optionally without blanks or errors.`,
    params: [{ name: 'array', kind: 'range' }, { name: 'ignore', optional: true }, { name: 'scan_by_column', optional: true }],
    notes: 'ignore: 0 keeps every value (the default), 1 skips blanks, 2 skips errors, 3 skips both; anything else is #VALUE!. Nothing left is #CALC!.',
    example: col ? { formula: '=INDEX(TOCOL({1,2;3,4}), 2)', result: '2' } : { formula: '=INDEX(TOROW({1,2;3,4}, 0, TRUE), 2)', result: '3' },
    scalar(args) {
      const a = arrayArg(args, 0);
      if (isFormulaError(a)) return a;
      const ignore = intArg(name, 'ignore', args, 1, 0);
      if (isFormulaError(ignore)) return ignore;
      if (ignore < 0 || ignore > 3) return new FormulaError('#VALUE!', `${name}: ignore is 0, 1, 2 or 3, not ${ignore}.`);
      const byColumn = scanByColumn(name, args[2]);
      if (isFormulaError(byColumn)) return byColumn;
      const values = flatten(a, ignore, byColumn);
      if (values.length === 0) return emptyArray(name, 'no value is left');
      return col ? RangeValue.column(values) : new RangeValue(1, values.length, values);
    },
  };
}

/** A TRUE/FALSE flag given as a value; left out or empty is FALSE. */
function scanByColumn(name: string, a: unknown): boolean | FormulaError {
  if (a === undefined || a === null) return false;
  if (isFormulaError(a)) return a;
  if (typeof a === 'boolean') return a;
  if (typeof a === 'number') return a !== 0;
  return new FormulaError('#VALUE!', `${name}: scan_by_column is TRUE or FALSE.`);
}

export const TOCOL = toLine('TOCOL');
export const TOROW = toLine('TOROW');

function wrap(name: 'WRAPROWS' | 'WRAPCOLS'): FunctionSpec {
  const rows = name === 'WRAPROWS';
  return {
    name,
    category: 'array',
    summary: rows
      ? 'A row or column of values wrapped into rows of wrap_count values, the last one padded (#N/A unless pad_with is given).'
      : 'A row or column of values wrapped into columns of wrap_count values, the last one padded (#N/A unless pad_with is given).',
    params: [{ name: 'vector', kind: 'range' }, { name: 'wrap_count' }, { name: 'pad_with', optional: true }],
    notes: 'The vector must be one row or one column (#VALUE! otherwise); wrap_count below 1 is #NUM!.',
    example: rows ? { formula: '=INDEX(WRAPROWS({1,2,3,4,5}, 2), 3, 1)', result: '5' } : { formula: '=INDEX(WRAPCOLS({1,2,3,4,5}, 2), 1, 3)', result: '5' },
    scalar(args) {
      const a = arrayArg(args, 0);
      if (isFormulaError(a)) return a;
      if (a.rows > 1 && a.cols > 1) return new FormulaError('#VALUE!', `${name} wraps one row or one column; this array is ${a.rows}×${a.cols}.`);
      const k = intArg(name, 'wrap_count', args, 1);
      if (isFormulaError(k)) return k;
      if (k < 1) return new FormulaError('#NUM!', `${name}: wrap_count must be 1 or more.`);
      const values = a.values;
      const lines = Math.ceil(values.length / k);
      const pad = padding(args[2]);
      const at = (line: number, i: number) => (line * k + i < values.length ? values[line * k + i]! : pad);
      const problem = sizeProblem(name, rows ? lines : k, rows ? k : lines);
      if (problem) return problem;
      return rows ? build(lines, k, at) : build(k, lines, (r, c) => at(c, r));
    },
  };
}

export const WRAPROWS = wrap('WRAPROWS');
export const WRAPCOLS = wrap('WRAPCOLS');

export const TRANSPOSE: FunctionSpec = {
  name: 'TRANSPOSE',
  category: 'array',
  summary: "An array's rows as columns and its columns as rows.",
  params: [{ name: 'array', kind: 'range' }],
  example: { formula: '=INDEX(TRANSPOSE({1,2,3}), 3, 1)', result: '3' },
  scalar(args) {
    const a = arrayArg(args, 0);
    if (isFormulaError(a)) return a;
    return build(a.cols, a.rows, (r, c) => a.at(c, r));
  },
};

/** Whether a row (or column) of `a` holds only blanks. */
const blankRow = (a: RangeValue, r: number) => indices(a.cols).every((c) => a.at(r, c) === null);
const blankCol = (a: RangeValue, c: number) => indices(a.rows).every((r) => a.at(r, c) === null);

/** The positions kept of `n` when blank ones are trimmed from the start (mode 1), the end (2) or both (3). */
function trimmed(n: number, mode: number, blank: (i: number) => boolean): number[] {
  let start = 0;
  let end = n;
  if (mode & 1) while (start < end && blank(start)) start++;
  if (mode & 2) while (end > start && blank(end - 1)) end--;
  return indices(end - start).map((i) => i + start);
}

export const TRIMRANGE: FunctionSpec = {
  name: 'TRIMRANGE',
  category: 'array',
  summary: 'A range without its empty outer rows and columns (TRIMRANGE(A:A) is the used part of column A).',
  params: [{ name: 'range', kind: 'range' }, { name: 'trim_rows', optional: true }, { name: 'trim_cols', optional: true }],
  notes: 'trim_rows and trim_cols: 0 none, 1 leading, 2 trailing, 3 both (the default). Only truly empty cells are trimmed (not ""). A range with nothing left is #REF!. Cellar returns the values; Excel returns a reference, which matters only to functions that read references.',
  example: { formula: '=ROWS(TRIMRANGE({1;2;3}))', result: '3' },
  scalar(args) {
    const a = arrayArg(args, 0);
    if (isFormulaError(a)) return a;
    const rowMode = intArg('TRIMRANGE', 'trim_rows', args, 1, 3);
    if (isFormulaError(rowMode)) return rowMode;
    const colMode = intArg('TRIMRANGE', 'trim_cols', args, 2, 3);
    if (isFormulaError(colMode)) return colMode;
    if (rowMode < 0 || rowMode > 3 || colMode < 0 || colMode > 3) return new FormulaError('#VALUE!', 'TRIMRANGE: trim_rows and trim_cols are 0, 1, 2 or 3.');
    const r = trimmed(a.rows, rowMode, (i) => blankRow(a, i));
    const c = trimmed(a.cols, colMode, (j) => blankCol(a, j));
    if (r.length === 0 || c.length === 0) return new FormulaError('#REF!', 'TRIMRANGE: the range is empty, so nothing is left.');
    return pick(a, r, c);
  },
};
