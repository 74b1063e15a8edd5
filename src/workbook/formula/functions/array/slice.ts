import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isRange, toNumber, type Scalar } from '../../values';
import { arrayArg, build, emptyArray, indices, intArg, omitted, pick, sizeProblem, valuesOf } from './shape';

// Parts of an array by position: TAKE, DROP, CHOOSEROWS, CHOOSECOLS, and EXPAND that pads one.

/** The positions TAKE keeps along one side of `n`: the first `k`, or the last -k. */
function taken(n: number, k: number): number[] {
  const m = Math.min(Math.abs(k), n);
  return k > 0 ? indices(m) : indices(m).map((i) => n - m + i);
}

/** The positions DROP keeps along one side of `n`: all but the first `k`, or the last -k. */
function dropped(n: number, k: number): number[] {
  const m = Math.min(Math.abs(k), n);
  return k >= 0 ? indices(n - m).map((i) => i + m) : indices(n - m);
}

function takeOrDrop(name: 'TAKE' | 'DROP'): FunctionSpec {
  const take = name === 'TAKE';
  return {
    name,
    category: 'array',
    summary: take
      ? 'The first rows and columns of an array (negative numbers: the last ones).'
      : 'An array without its first rows and columns (negative numbers: without the last ones).',
    params: [{ name: 'array', kind: 'range' }, { name: 'rows' }, { name: 'columns', optional: true }],
    notes: take
      ? 'Numbers are truncated; more than the array has takes all of it; 0 is #CALC! (an empty array). rows left empty (TAKE(a,,2)) keeps every row.'
      : 'Numbers are truncated; dropping every row or column is #CALC! (an empty array). rows left empty (DROP(a,,1)) keeps every row.',
    example: take ? { formula: '=SUM(TAKE({1,2,3;4,5,6}, 1, -2))', result: '5' } : { formula: '=SUM(DROP({1,2,3;4,5,6}, 1, 1))', result: '11' },
    scalar(args) {
      const a = arrayArg(args, 0);
      if (isFormulaError(a)) return a;
      const rows = omitted(args, 1) ? undefined : intArg(name, 'rows', args, 1);
      if (isFormulaError(rows)) return rows;
      const cols = omitted(args, 2) ? undefined : intArg(name, 'columns', args, 2);
      if (isFormulaError(cols)) return cols;
      if (take && (rows === 0 || cols === 0)) return emptyArray(name, 'it takes 0 rows or columns');
      const along = take ? taken : dropped;
      const r = rows === undefined ? indices(a.rows) : along(a.rows, rows);
      const c = cols === undefined ? indices(a.cols) : along(a.cols, cols);
      if (r.length === 0 || c.length === 0) return emptyArray(name, 'every row or column is dropped');
      return pick(a, r, c);
    },
  };
}

export const TAKE = takeOrDrop('TAKE');
export const DROP = takeOrDrop('DROP');

/** The positions CHOOSEROWS/CHOOSECOLS pick out of `n`: each number (or array of them) counted from 1, negative from the end. */
function chosen(name: string, what: string, n: number, args: ScalarArg[]): number[] | FormulaError {
  const out: number[] = [];
  for (const a of args.slice(1)) {
    for (const v of valuesOf(a)) {
      if (isFormulaError(v)) return v;
      const x = toNumber(v);
      if (isFormulaError(x)) return new FormulaError('#VALUE!', `${name}: ${JSON.stringify(v)} is not a ${what} number.`);
      const k = Math.trunc(x);
      if (k === 0 || Math.abs(k) > n) return new FormulaError('#VALUE!', `${name}: the array has ${n} ${what}s; ${k} is not one of them (count from 1, or from -1 at the end).`);
      out.push(k > 0 ? k - 1 : n + k);
    }
  }
  return out;
}

function chooseAlong(name: 'CHOOSEROWS' | 'CHOOSECOLS'): FunctionSpec {
  const rows = name === 'CHOOSEROWS';
  const what = rows ? 'row' : 'column';
  return {
    name,
    category: 'array',
    summary: `The ${what}s of an array at the numbers given, in that order (negative numbers count from the end).`,
    params: [{ name: 'array', kind: 'range' }, { name: `${what}_num`, kind: 'range' }],
    repeat: 1,
    notes: `A number may be an array of numbers ({1,3}); 0 or past the last ${what} is #VALUE!.`,
    example: rows ? { formula: '=SUM(CHOOSEROWS({1,2;3,4;5,6}, -1))', result: '11' } : { formula: '=SUM(CHOOSECOLS({1,2;3,4;5,6}, 2))', result: '12' },
    scalar(args) {
      const a = arrayArg(args, 0);
      if (isFormulaError(a)) return a;
      const picked = chosen(name, what, rows ? a.rows : a.cols, args);
      if (isFormulaError(picked)) return picked;
      return rows ? pick(a, picked, indices(a.cols)) : pick(a, indices(a.rows), picked);
    },
  };
}

export const CHOOSEROWS = chooseAlong('CHOOSEROWS');
export const CHOOSECOLS = chooseAlong('CHOOSECOLS');

export const EXPAND: FunctionSpec = {
  name: 'EXPAND',
  category: 'array',
  summary: 'An array grown to a number of rows and columns, the new cells filled with pad_with (#N/A unless given).',
  params: [{ name: 'array', kind: 'range' }, { name: 'rows', optional: true }, { name: 'columns', optional: true }, { name: 'pad_with', optional: true }],
  notes: 'rows or columns left empty keep the array\'s own; fewer than the array has is #VALUE!.',
  example: { formula: '=COUNTA(EXPAND({1,2}, 2, 3, 0))', result: '6' },
  scalar(args) {
    const a = arrayArg(args, 0);
    if (isFormulaError(a)) return a;
    const rows = intArg('EXPAND', 'rows', args, 1, a.rows);
    if (isFormulaError(rows)) return rows;
    const cols = intArg('EXPAND', 'columns', args, 2, a.cols);
    if (isFormulaError(cols)) return cols;
    if (rows < a.rows || cols < a.cols) return new FormulaError('#VALUE!', `EXPAND: the array is ${a.rows}×${a.cols}; it cannot shrink to ${rows}×${cols}.`);
    const problem = sizeProblem('EXPAND', rows, cols);
    if (problem) return problem;
    const pad = padding(args[3]);
    return build(rows, cols, (r, c) => (r < a.rows && c < a.cols ? a.at(r, c) : pad));
  },
};

/** The value that fills new cells: #N/A unless given. */
export function padding(a: ScalarArg): Scalar {
  if (a === undefined || a === null) return new FormulaError('#N/A', 'A cell added to fill the array.');
  return isRange(a) ? a.at(0, 0) : a;
}
