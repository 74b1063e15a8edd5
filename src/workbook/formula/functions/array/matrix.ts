import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isDate, RangeValue, type Scalar } from '../../values';
import { arrayArg, build, intArg, sizeProblem } from './shape';

// The matrix functions: MMULT, MDETERM, MINVERSE and MUNIT.

type Matrix = number[][];

/** A range as a matrix of numbers: Excel's matrix functions take numbers only (an empty cell, text or TRUE is #VALUE!); the first error is the answer. */
function matrixOf(name: string, a: RangeValue | FormulaError): Matrix | FormulaError {
  if (isFormulaError(a)) return a;
  if (a.rows === 0 || a.cols === 0) return new FormulaError('#VALUE!', `${name} needs an array of numbers.`);
  const err = a.values.find(isFormulaError);
  if (err) return err;
  const m: Matrix = [];
  for (let r = 0; r < a.rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < a.cols; c++) {
      const v: Scalar = a.at(r, c);
      if (typeof v === 'number') row.push(v);
      else if (isDate(v)) row.push(v.serial);
      else return new FormulaError('#VALUE!', `${name} takes numbers only; ${v === null ? 'an empty cell' : JSON.stringify(v)} is at row ${r + 1}, column ${c + 1} of the array.`);
    }
    m.push(row);
  }
  return m;
}

function fromMatrix(m: Matrix): RangeValue | FormulaError {
  if (m.some((row) => row.some((x) => !Number.isFinite(x)))) return new FormulaError('#NUM!', 'The result is too large for a number.');
  return build(m.length, m[0]!.length, (r, c) => m[r]![c]!);
}

function squareOf(name: string, a: RangeValue | FormulaError): Matrix | FormulaError {
  const m = matrixOf(name, a);
  if (isFormulaError(m)) return m;
  if (m.length !== m[0]!.length) return new FormulaError('#VALUE!', `${name} needs a square array (as many rows as columns); this one is ${m.length}×${m[0]!.length}.`);
  return m;
}

/** LU decomposition with partial pivoting: the factors in place, the row order, and the sign of the permutation; undefined when singular. */
function decompose(a: Matrix): { lu: Matrix; perm: number[]; sign: number } | undefined {
  const n = a.length;
  const lu = a.map((row) => [...row]);
  const perm = Array.from({ length: n }, (_, i) => i);
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(lu[i]![k]!) > Math.abs(lu[p]![k]!)) p = i;
    if (lu[p]![k] === 0) return undefined;
    if (p !== k) {
      [lu[p], lu[k]] = [lu[k]!, lu[p]!];
      [perm[p], perm[k]] = [perm[k]!, perm[p]!];
      sign = -sign;
    }
    for (let i = k + 1; i < n; i++) {
      const f = lu[i]![k]! / lu[k]![k]!;
      lu[i]![k] = f;
      for (let j = k + 1; j < n; j++) lu[i]![j]! -= f * lu[k]![j]!;
    }
  }
  return { lu, perm, sign };
}

export const MMULT: FunctionSpec = {
  name: 'MMULT',
  category: 'array',
  summary: 'The matrix product of two arrays: array1 needs as many columns as array2 has rows.',
  params: [{ name: 'array1', kind: 'range' }, { name: 'array2', kind: 'range' }],
  notes: 'Numbers only: an empty cell, text or TRUE/FALSE in either array is #VALUE!, as in Excel.',
  example: { formula: '=MMULT({1,2}, {3;4})', result: '11' },
  scalar(args) {
    const a = matrixOf('MMULT', arrayArg(args, 0));
    if (isFormulaError(a)) return a;
    const b = matrixOf('MMULT', arrayArg(args, 1));
    if (isFormulaError(b)) return b;
    if (a[0]!.length !== b.length) return new FormulaError('#VALUE!', `MMULT: array1 has ${a[0]!.length} column(s) and array2 ${b.length} row(s); they must be the same.`);
    const cols = b[0]!.length;
    const problem = sizeProblem('MMULT', a.length, cols);
    if (problem) return problem;
    return fromMatrix(a.map((row) => Array.from({ length: cols }, (_, j) => row.reduce((s, x, k) => s + x * b[k]![j]!, 0))));
  },
};

export const MDETERM: FunctionSpec = {
  name: 'MDETERM',
  category: 'array',
  summary: 'The determinant of a square array of numbers.',
  params: [{ name: 'array', kind: 'range' }],
  notes: 'Computed by LU decomposition with partial pivoting, so a singular array may give a tiny number instead of 0 (as in Excel). Numbers only: an empty cell or text is #VALUE!.',
  example: { formula: '=MDETERM({3,6;1,1})', result: '-3' },
  scalar(args) {
    const m = squareOf('MDETERM', arrayArg(args, 0));
    if (isFormulaError(m)) return m;
    const d = decompose(m);
    if (!d) return 0;
    const det = d.lu.reduce((p, row, i) => p * row[i]!, d.sign);
    return Number.isFinite(det) ? det : new FormulaError('#NUM!', 'MDETERM: the determinant is too large for a number.');
  },
};

export const MINVERSE: FunctionSpec = {
  name: 'MINVERSE',
  category: 'array',
  summary: 'The inverse of a square array of numbers; #NUM! when it has none (its determinant is 0).',
  params: [{ name: 'array', kind: 'range' }],
  example: { formula: '=INDEX(MINVERSE({4,7;2,6}), 1, 1)', result: '0.6' },
  scalar(args) {
    const m = squareOf('MINVERSE', arrayArg(args, 0));
    if (isFormulaError(m)) return m;
    const d = decompose(m);
    if (!d) return new FormulaError('#NUM!', 'MINVERSE: the array has no inverse (its determinant is 0).');
    const n = m.length;
    const inv: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let col = 0; col < n; col++) {
      // Solve L·U·x = P·e_col by forward and back substitution.
      const x = d.perm.map((p) => (p === col ? 1 : 0));
      for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) x[i]! -= d.lu[i]![k]! * x[k]!;
      for (let i = n - 1; i >= 0; i--) {
        for (let k = i + 1; k < n; k++) x[i]! -= d.lu[i]![k]! * x[k]!;
        x[i]! /= d.lu[i]![i]!;
      }
      for (let i = 0; i < n; i++) inv[i]![col] = x[i]!;
    }
    return fromMatrix(inv);
  },
};

export const MUNIT: FunctionSpec = {
  name: 'MUNIT',
  category: 'array',
  summary: 'The identity matrix of a size: 1 on the diagonal, 0 elsewhere.',
  params: [{ name: 'dimension' }],
  notes: 'The size is truncated to a whole number; below 1 is #VALUE!.',
  example: { formula: '=SUM(MUNIT(3))', result: '3' },
  scalar(args) {
    const n = intArg('MUNIT', 'dimension', args, 0);
    if (isFormulaError(n)) return n;
    if (n < 1) return new FormulaError('#VALUE!', 'MUNIT: the dimension must be 1 or more.');
    const problem = sizeProblem('MUNIT', n, n);
    if (problem) return problem;
    return build(n, n, (r, c) => (r === c ? 1 : 0));
  },
};
