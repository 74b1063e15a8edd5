import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { finiteOr } from '../../operators';
import { isDate, type Scalar } from '../../values';
import { aggregate, errCode, errWhen, finite, rangeErr, rangeNumbers, result } from '../../sql/coerce';
import { isSqlRange, type SqlArg, type SqlExpr } from '../../sql/types';
import { rangeArg } from '../helpers';

// ---- SUMX2MY2, SUMX2PY2, SUMXMY2: sums over pairs of values of two arrays

/** A value's number inside these arrays: numbers and dates only (text, TRUE/FALSE and empty pair with nothing). */
const pairNumber = (v: Scalar): number | undefined => (typeof v === 'number' ? v : isDate(v) ? v.serial : undefined);

/**
 * The SQL form over two columns of one table (or two single values): the sum of `term` over the
 * rows where both are numbers. A column beside a single value is a pair only in a one-row table.
 */
function sqlPairSum(args: (SqlArg | undefined)[], term: (x: string, y: string) => string): SqlExpr {
  const [a, b] = args;
  if (a === undefined || b === undefined) return result('NULL', 'number', [errCode('#N/A')]);
  const side = (e: SqlArg) => (isSqlRange(e) ? { x: rangeNumbers(e.columns[0]!), err: rangeErr(e), width: e.columns.length } : { x: rangeNumbers(e), err: e.err, width: 1 });
  const [l, r] = [side(a), side(b)];
  const first = isSqlRange(a) ? a : isSqlRange(b) ? b : undefined;
  if (l.width !== 1 || r.width !== 1) return result('NULL', 'number', [errCode('#N/A')]);
  const sum = first ? `COALESCE(${aggregate(first, `sum(${term(l.x, r.x)})`)}, 0)` : `COALESCE(${term(l.x, r.x)}, 0)`;
  const shape = first && !(isSqlRange(a) && isSqlRange(b)) ? errWhen(`${aggregate(first, 'count(*)')} <> 1`, '#N/A') : null;
  const f = finite(sum);
  return result(f.value, 'number', [l.err, r.err, shape, f.err]);
}

function pairSum(
  name: string,
  summary: string,
  term: (x: number, y: number) => number,
  sqlTerm: (x: string, y: string) => string,
  example: FunctionSpec['example'],
): FunctionSpec {
  return {
    name,
    category: 'math',
    summary,
    params: [{ name: 'array_x', kind: 'range' }, { name: 'array_y', kind: 'range' }],
    notes: 'The arrays must hold as many values each (#N/A otherwise), in any shape. A pair where either value is text, TRUE/FALSE or empty is skipped; an error in either array is the answer.',
    example,
    scalar(args) {
      const xs = rangeArg(args, 0).values;
      const ys = rangeArg(args, 1).values;
      for (const v of [...xs, ...ys]) if (isFormulaError(v)) return v;
      if (xs.length !== ys.length) return new FormulaError('#N/A', `${name}: array_x holds ${xs.length} values and array_y ${ys.length}; they must hold as many.`);
      let sum = 0;
      for (let i = 0; i < xs.length; i++) {
        const x = pairNumber(xs[i]!);
        const y = pairNumber(ys[i]!);
        if (x !== undefined && y !== undefined) sum += term(x, y);
      }
      return finiteOr(sum);
    },
    sql: (args) => sqlPairSum(args, sqlTerm),
  };
}

export const SUMX_FUNCTIONS: FunctionSpec[] = [
  pairSum('SUMX2MY2', 'The sum of x² − y² over pairs of values of two arrays.', (x, y) => x * x - y * y, (x, y) => `(${x}) * (${x}) - (${y}) * (${y})`, { formula: '=SUMX2MY2({2,3}, {1,1})', result: '11' }),
  pairSum('SUMX2PY2', 'The sum of x² + y² over pairs of values of two arrays.', (x, y) => x * x + y * y, (x, y) => `(${x}) * (${x}) + (${y}) * (${y})`, { formula: '=SUMX2PY2({2,3}, {1,1})', result: '15' }),
  pairSum('SUMXMY2', 'The sum of (x − y)² over pairs of values of two arrays.', (x, y) => (x - y) * (x - y), (x, y) => `((${x}) - (${y})) * ((${x}) - (${y}))`, { formula: '=SUMXMY2({2,3}, {1,1})', result: '5' }),
];
