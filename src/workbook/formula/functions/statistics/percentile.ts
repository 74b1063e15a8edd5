/** PERCENTILE.INC and QUARTILE.INC. */
import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { aggregate, errWhen, result } from '../../sql/coerce';
import type { SqlExpr } from '../../sql/types';
import { numberArg, numbersOf, sqlArg, sqlNum } from '../helpers';
import { constantNumber, countOf, double, sortedList, sqlNumbers, type SqlArgs } from './shared';

/** The k-th percentile (0 ≤ k ≤ 1) of sorted numbers, interpolated as DuckDB's quantile_cont does. */
function percentileOf(sorted: number[], k: number): number {
  const pos = k * (sorted.length - 1);
  const lo = Math.floor(pos);
  const d = pos - lo;
  return d === 0 ? sorted[lo]! : sorted[lo]! * (1 - d) + sorted[lo + 1]! * d;
}

/** PERCENTILE.INC's shape: the numbers of `array` and k, in both forms; QUARTILE gives k as quart / 4. */
interface PercentileShape {
  /** k from the second argument; an error for a k out of range. */
  k(x: number): number | FormulaError;
  /** The same in SQL: k, and the condition under which it is out of range. */
  sqlK(x: string): { k: string; bad: string };
}

function percentileScalar(name: string, args: ScalarArg[], shape: PercentileShape) {
  const xs = numbersOf([args[0]]);
  if (isFormulaError(xs)) return xs;
  const x = numberArg(args, 1);
  if (isFormulaError(x)) return x;
  const k = shape.k(x);
  if (isFormulaError(k)) return k;
  if (xs.length === 0) return new FormulaError('#NUM!', `${name} of no numbers.`);
  return percentileOf([...xs].sort((a, b) => a - b), k);
}

function percentileSql(args: SqlArgs, shape: PercentileShape): SqlExpr {
  const n = sqlNumbers([args[0]]);
  const x = sqlNum(args, 1);
  const { k, bad } = shape.sqlK(x.sql);
  const count = countOf(n);
  const errs = [n.err, x.err, errWhen(`${bad} OR ${count} = 0`, '#NUM!')];
  const fixed = constantNumber(sqlArg(args, 1));
  const fixedK = fixed === undefined ? undefined : shape.k(fixed);
  if (n.column && typeof fixedK === 'number') {
    // A constant k over one column: DuckDB's own quantile_cont, which interpolates as Excel does.
    return result(aggregate(n.column.range, `quantile_cont(${n.column.x}, ${double(fixedK)})`), 'number', errs);
  }
  // Otherwise (k varies by row, or several arguments) the same interpolation on the sorted list;
  // k is clamped so the index stays in the list whatever k is.
  const sorted = sortedList(n);
  const pos = `(greatest(0.0, least(1.0, ${k})) * (${count} - 1))`;
  const lo = `floor(${pos})`;
  const d = `(${pos} - ${lo})`;
  const at = (i: string) => `${sorted}[CAST(${i} AS BIGINT)]`;
  return result(`CASE WHEN ${d} = 0 THEN ${at(`${lo} + 1`)} ELSE ${at(`${lo} + 1`)} * (1 - ${d}) + ${at(`${lo} + 2`)} * ${d} END`, 'number', errs);
}

function percentileFunction(name: string, summary: string, param: string, shape: PercentileShape, example: FunctionSpec['example'], notes: string): FunctionSpec {
  return {
    name,
    category: 'statistics',
    summary,
    params: [{ name: 'array', kind: 'range' }, { name: param }],
    notes,
    example,
    scalar: (args) => percentileScalar(name, args, shape),
    sql: (args) => percentileSql(args, shape),
  };
}

export const PERCENTILE_INC = percentileFunction(
  'PERCENTILE.INC',
  'The k-th percentile of a range (0 ≤ k ≤ 1), interpolating between neighbouring numbers.',
  'k',
  {
    k: (x) => (x >= 0 && x <= 1 ? x : new FormulaError('#NUM!', 'PERCENTILE: k must be between 0 and 1.')),
    sqlK: (x) => ({ k: x, bad: `NOT (${x} >= 0 AND ${x} <= 1)` }),
  },
  { formula: '=PERCENTILE.INC({1,2,3,4}, 0.3)', result: '1.9' },
  'The position is k × (n − 1) in the sorted numbers, interpolated linearly; k outside 0…1 or no numbers is #NUM!.',
);

export const QUARTILE_INC = percentileFunction(
  'QUARTILE.INC',
  'A quartile of a range: 0 the minimum, 1 the 25th percentile, 2 the median, 3 the 75th, 4 the maximum.',
  'quart',
  {
    k: (x) => (x >= 0 && x < 5 ? Math.trunc(x) / 4 : new FormulaError('#NUM!', 'QUARTILE: quart must be 0, 1, 2, 3 or 4.')),
    sqlK: (x) => ({ k: `trunc(${x}) / 4`, bad: `NOT (${x} >= 0 AND ${x} < 5)` }),
  },
  { formula: '=QUARTILE.INC({1,2,4,7,8,9,10,12}, 1)', result: '3.5' },
  'A fractional quart is rounded down (4.5 reads as 4); quart below 0 or from 5 up is #NUM!. The same as PERCENTILE.INC with k = quart / 4.',
);
