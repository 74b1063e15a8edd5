import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { finiteOr } from '../../operators';
import { aggregate, errCode, errWhen, finite, num, rangeErr, rangeNumbers, result } from '../../sql/coerce';
import { isSqlRange, type SqlArg, type SqlExpr } from '../../sql/types';
import { isDate, isRange, RangeValue, type Scalar } from '../../values';
import { numbersOf } from '../helpers';

export const SUM: FunctionSpec = {
  name: 'SUM',
  category: 'math',
  summary: 'Adds numbers: values, ranges and table columns (text and TRUE/FALSE in ranges are skipped).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=SUM(1, 2, 3)', result: '6' },
  scalar(args) {
    const xs = numbersOf(args);
    return isFormulaError(xs) ? xs : xs.reduce((a, b) => a + b, 0);
  },
  sql(args) {
    const parts: string[] = [];
    const errs: (string | null)[] = [];
    for (const a of args) {
      if (a === undefined) continue;
      if (isSqlRange(a)) {
        parts.push(`COALESCE(${aggregate(a, `sum(${rangeNumbers(a.columns[0]!)})`)}, 0)`);
        errs.push(rangeErr(a));
      } else if (a.type !== 'empty') {
        const n = num(a);
        parts.push(n.sql);
        errs.push(n.err);
      } else errs.push(a.err);
    }
    return result(parts.length ? `(${parts.join(' + ')})` : 'CAST(0 AS DOUBLE)', 'number', errs);
  },
};

// ---- sums and products over ranges

/**
 * Each argument's part in SQL, read as numbersOf reads them: a range aggregated with
 * `column(x)` over its numbers, a direct value mapped with `value(n)`; an empty direct value is
 * NULL (skipped), as numbersOf skips it.
 */
function sqlNumberParts(args: (SqlArg | undefined)[], column: (x: string) => string, value: (n: string) => string): { parts: string[]; errs: (string | null)[] } {
  const parts: string[] = [];
  const errs: (string | null)[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (isSqlRange(a)) {
      parts.push(aggregate(a, column(rangeNumbers(a.columns[0]!))));
      errs.push(rangeErr(a));
    } else if (a.type === 'empty') errs.push(a.err);
    else {
      const n = num(a);
      parts.push(a.nullable ? `CASE WHEN ${a.sql} IS NULL THEN NULL ELSE ${value(n.sql)} END` : value(n.sql));
      errs.push(n.err);
    }
  }
  return { parts, errs };
}

export const PRODUCT: FunctionSpec = {
  name: 'PRODUCT',
  category: 'math',
  summary: 'Multiplies numbers: values, ranges and table columns (text, TRUE/FALSE and empty cells in ranges are skipped; no numbers at all is 0).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=PRODUCT(2, 3, 4)', result: '24' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    return xs.length === 0 ? 0 : finiteOr(xs.reduce((a, b) => a * b, 1));
  },
  sql(args) {
    // product() is NULL over no numbers, and list_product skips NULLs: all NULL is "no numbers".
    const { parts, errs } = sqlNumberParts(args, (x) => `product(${x})`, (n) => n);
    const f = finite(`COALESCE(list_product([${parts.join(', ') || 'CAST(NULL AS DOUBLE)'}]), 0)`);
    return result(f.value, 'number', [...errs, f.err]);
  },
};

export const SUMSQ: FunctionSpec = {
  name: 'SUMSQ',
  category: 'math',
  summary: 'The sum of the squares of the numbers (text, TRUE/FALSE and empty cells in ranges are skipped).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=SUMSQ(3, 4)', result: '25' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    return finiteOr(xs.reduce((a, b) => a + b * b, 0));
  },
  sql(args) {
    const { parts, errs } = sqlNumberParts(args, (x) => `sum(${x} * ${x})`, (n) => `${n} * ${n}`);
    const f = finite(parts.length ? `(${parts.map((p) => `COALESCE(${p}, 0)`).join(' + ')})` : 'CAST(0 AS DOUBLE)');
    return result(f.value, 'number', [...errs, f.err]);
  },
};

/** A cell's number in SUMPRODUCT: numbers and dates count, anything else is 0. */
function productNumber(v: Scalar): number {
  return typeof v === 'number' ? v : isDate(v) ? v.serial : 0;
}

/** A value's number in SUMPRODUCT's SQL, as productNumber reads it (rangeNumbers is NULL for text and booleans). */
const sqlProductNumber = (e: SqlExpr) => `COALESCE(${rangeNumbers(e)}, 0)`;

export const SUMPRODUCT: FunctionSpec = {
  name: 'SUMPRODUCT',
  category: 'math',
  summary: 'Multiplies ranges of the same size position by position and adds the products; text, TRUE/FALSE and empty cells count as 0.',
  params: [{ name: 'array', kind: 'range' }],
  repeat: 1,
  notes: 'The ranges must be the same size (#VALUE! otherwise) and, over tables, columns of one table: SUMPRODUCT(sales[qty], sales[price]) is the sum of qty × price over the rows. A single value counts as a 1×1 range.',
  example: { formula: '=SUMPRODUCT({1,2,3}, {4,5,6})', result: '32' },
  scalar(args) {
    const arrays = args.filter((a): a is Exclude<ScalarArg, undefined> => a !== undefined).map((a) => (isRange(a) ? a : RangeValue.of(a)));
    const first = arrays[0];
    if (!first) return new FormulaError('#VALUE!', 'SUMPRODUCT needs at least one range.');
    if (arrays.some((r) => r.rows !== first.rows || r.cols !== first.cols)) return new FormulaError('#VALUE!', 'SUMPRODUCT: its ranges must all be the same size.');
    for (const r of arrays) {
      const e = r.values.find(isFormulaError);
      if (e) return e;
    }
    let total = 0;
    for (let i = 0; i < first.values.length; i++) total += arrays.reduce((p, r) => p * productNumber(r.values[i]!), 1);
    return finiteOr(total);
  },
  sql(args) {
    const present = args.filter((a): a is SqlArg => a !== undefined);
    const ranges = present.filter(isSqlRange);
    const values = present.filter((a): a is SqlExpr => !isSqlRange(a));
    const valueErrs = values.map((v) => v.err);
    const valueProduct = values.map(sqlProductNumber).join(' * ');
    const first = ranges[0];
    if (!first) {
      const f = finite(`(${valueProduct})`);
      return result(f.value, 'number', [...valueErrs, f.err]);
    }
    const width = first.columns.length;
    if (ranges.some((r) => r.columns.length !== width) || (values.length > 0 && width !== 1)) return result('NULL', 'number', [errCode('#VALUE!')]);
    const terms = first.columns.map((_, j) => ranges.map((r) => sqlProductNumber(r.columns[j]!)).join(' * '));
    const sum = `COALESCE(${aggregate(first, `sum(${terms.join(' + ')})`)}, 0)`;
    // A single value beside a range is a 1×1 range: it fits only a one-row table.
    const shape = values.length > 0 ? errWhen(`${aggregate(first, 'count(*)')} <> 1`, '#VALUE!') : null;
    const f = finite(values.length > 0 ? `(${sum} * ${valueProduct})` : sum);
    return result(f.value, 'number', [shape, ...ranges.map(rangeErr), ...valueErrs, f.err]);
  },
};
