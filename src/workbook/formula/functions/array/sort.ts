import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isDate, toNumber, type RangeValue, type Scalar } from '../../values';
import { flag } from './filter';
import { arrayArg, indices, pick, valuesOf } from './shape';

// SORT and SORTBY: an array's rows (or columns) in the order of one or more keys.

/** Excel's sort order by type: numbers (and dates), text, TRUE/FALSE, errors; blanks go last either way. */
function rank(v: Scalar): number {
  if (typeof v === 'number' || isDate(v)) return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (isFormulaError(v)) return 3;
  return 4;
}

/** Compares two keys ascending (order 1) or descending (-1); blanks are last in both. */
export function compareKeys(a: Scalar, b: Scalar, order: 1 | -1): number {
  const [ra, rb] = [rank(a), rank(b)];
  if (ra === 4 || rb === 4) return ra === rb ? 0 : ra === 4 ? 1 : -1;
  if (ra !== rb) return (ra - rb) * order;
  let cmp = 0;
  if (ra === 0) {
    const [x, y] = [isDate(a) ? a.serial : (a as number), isDate(b) ? b.serial : (b as number)];
    cmp = x < y ? -1 : x > y ? 1 : 0;
  } else if (ra === 1) {
    const [x, y] = [(a as string).toLowerCase(), (b as string).toLowerCase()];
    cmp = x < y ? -1 : x > y ? 1 : 0;
  } else if (ra === 2) cmp = Number(a) - Number(b);
  return cmp * order;
}

/** A sort order: 1 or -1 (left out or empty: 1). */
function orderOf(name: string, v: Scalar | undefined): 1 | -1 | FormulaError {
  if (v === undefined || v === null) return 1;
  if (isFormulaError(v)) return v;
  const n = toNumber(v);
  if (n === 1 || n === -1) return n;
  return new FormulaError('#VALUE!', `${name}: sort_order is 1 (ascending) or -1 (descending).`);
}

/** The positions 0…n-1 sorted stably by keys: each key a function of a position and its order. */
function sortedPositions(n: number, keys: { at: (i: number) => Scalar; order: 1 | -1 }[]): number[] {
  return indices(n).sort((i, j) => {
    for (const k of keys) {
      const c = compareKeys(k.at(i), k.at(j), k.order);
      if (c !== 0) return c;
    }
    return i - j;
  });
}

export const SORT: FunctionSpec = {
  name: 'SORT',
  category: 'array',
  summary: 'An array sorted by one of its columns (sort_index, 1 by default), ascending (1) or descending (-1); by_col TRUE sorts its columns by a row.',
  params: [{ name: 'array', kind: 'range' }, { name: 'sort_index', kind: 'range', optional: true }, { name: 'sort_order', kind: 'range', optional: true }, { name: 'by_col', optional: true }],
  notes:
    'Numbers come before text, text before TRUE/FALSE, those before errors; blank cells are last in either order, as in Excel. Text is compared case-insensitively. sort_index and sort_order may be arrays ({1,2}, {1,-1}) to sort by several columns. An index outside the array or an order other than 1 or -1 is #VALUE!.',
  example: { formula: '=INDEX(SORT({3;1;2}), 1)', result: '1' },
  scalar(args) {
    const a = arrayArg(args, 0);
    if (isFormulaError(a)) return a;
    const byCol = flag('SORT: by_col', args[3]);
    if (isFormulaError(byCol)) return byCol;
    const indexValues = args[1] === undefined || args[1] === null ? [1] : valuesOf(args[1]);
    const orderValues = args[2] === undefined || args[2] === null ? [1] : valuesOf(args[2]);
    if (orderValues.length !== 1 && orderValues.length !== indexValues.length) return new FormulaError('#VALUE!', 'SORT: give one sort_order, or one for each sort_index.');
    const width = byCol ? a.rows : a.cols;
    const keys: { at: (i: number) => Scalar; order: 1 | -1 }[] = [];
    for (const [k, v] of indexValues.entries()) {
      if (isFormulaError(v)) return v;
      const n = toNumber(v);
      if (isFormulaError(n)) return new FormulaError('#VALUE!', 'SORT: sort_index must be a number.');
      const idx = Math.trunc(n);
      if (idx < 1 || idx > width) return new FormulaError('#VALUE!', `SORT: sort_index ${idx} is outside the array's ${width} ${byCol ? 'row' : 'column'}(s).`);
      const order = orderOf('SORT', orderValues.length === 1 ? orderValues[0] : orderValues[k]);
      if (isFormulaError(order)) return order;
      keys.push({ at: byCol ? (i) => a.at(idx - 1, i) : (i) => a.at(i, idx - 1), order });
    }
    const order = sortedPositions(byCol ? a.cols : a.rows, keys);
    return byCol ? pick(a, indices(a.rows), order) : pick(a, order, indices(a.cols));
  },
};

/** SORTBY's by arrays read as keys: along rows (columns as tall as the array) or along columns (rows as wide). */
function byKeys(a: RangeValue, args: ScalarArg[]): { byRow: boolean; keys: { at: (i: number) => Scalar; order: 1 | -1 }[] } | FormulaError {
  const keys: { at: (i: number) => Scalar; order: 1 | -1 }[] = [];
  let byRow: boolean | undefined;
  for (let i = 1; i < args.length; i += 2) {
    const by = arrayArg(args, i);
    if (isFormulaError(by)) return by;
    const column = by.cols === 1 && by.rows === a.rows;
    const row = by.rows === 1 && by.cols === a.cols;
    if (!column && !row) return new FormulaError('#VALUE!', `SORTBY: each by_array must be one column of ${a.rows} value(s) or one row of ${a.cols}; one is ${by.rows}×${by.cols}.`);
    const along = column && (byRow ?? true);
    if (byRow !== undefined && along !== byRow) return new FormulaError('#VALUE!', 'SORTBY: the by_arrays must all be columns or all be rows.');
    byRow = along;
    const order = orderOf('SORTBY', args[i + 1] === undefined ? undefined : valuesOf(args[i + 1])[0]);
    if (isFormulaError(order)) return order;
    keys.push({ at: (k) => by.values[k]!, order });
  }
  return { byRow: byRow ?? true, keys };
}

export const SORTBY: FunctionSpec = {
  name: 'SORTBY',
  category: 'array',
  summary: 'An array sorted by other arrays of the same height (or width), each ascending (1) or descending (-1).',
  params: [{ name: 'array', kind: 'range' }, { name: 'by_array', kind: 'range' }, { name: 'sort_order', optional: true }],
  repeat: 2,
  notes: 'Keys compare as in SORT: numbers, then text (case-insensitively), then TRUE/FALSE, then errors; blanks last. Ties keep their order. A by_array of another size, or a mix of rows and columns, is #VALUE!.',
  example: { formula: '=INDEX(SORTBY({"a";"b";"c"}, {3;1;2}), 1)', result: 'b' },
  scalar(args) {
    const a = arrayArg(args, 0);
    if (isFormulaError(a)) return a;
    const k = byKeys(a, args);
    if (isFormulaError(k)) return k;
    const order = sortedPositions(k.byRow ? a.rows : a.cols, k.keys);
    return k.byRow ? pick(a, order, indices(a.cols)) : pick(a, indices(a.rows), order);
  },
};
