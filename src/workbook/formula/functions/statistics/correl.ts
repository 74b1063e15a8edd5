/** CORREL: Pearson's r of two ranges. */
import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { aggregate, anyErr, errCode, errWhen, rangeErr, rangeNumbers, result } from '../../sql/coerce';
import { isSqlRange, type SqlArg, type SqlExpr, type SqlRange } from '../../sql/types';
import { isDate, type Scalar } from '../../values';
import { rangeArg } from '../helpers';
import { double, DOWN, HUGE, sum, type SqlArgs } from './shared';

/** A range value as a number for CORREL: numbers and dates; anything else is skipped. */
function pairNumber(v: Scalar): number | undefined {
  return typeof v === 'number' ? v : isDate(v) ? v.serial : undefined;
}

/** Pearson's r of paired numbers; #DIV/0! when either side does not vary. */
function correlation(xs: number[], ys: number[]): number | FormulaError {
  const flat = (v: number[]) => v.every((x) => x === v[0]);
  const none = new FormulaError('#DIV/0!', 'CORREL: one of the arrays does not vary.');
  if (xs.length === 0 || flat(xs) || flat(ys)) return none;
  // Correlation does not change with scale: huge numbers are scaled down as the SQL form does.
  const fit = (v: number[]) => (v.some((x) => Math.abs(x) > HUGE) ? v.map((x) => x * DOWN) : v);
  const [a, b] = [fit(xs), fit(ys)];
  const [ma, mb] = [sum(a) / a.length, sum(b) / b.length];
  let [sab, saa, sbb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    const [da, db] = [a[i]! - ma, b[i]! - mb];
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  const r = sab / (Math.sqrt(saa) * Math.sqrt(sbb));
  return Number.isFinite(r) ? Math.min(1, Math.max(-1, r)) : none;
}

export const CORREL: FunctionSpec = {
  name: 'CORREL',
  category: 'statistics',
  summary: 'The correlation coefficient (Pearson’s r, −1 to 1) of two ranges of the same size.',
  params: [
    { name: 'array1', kind: 'range' },
    { name: 'array2', kind: 'range' },
  ],
  notes: 'Rows where either side is not a number (text, TRUE/FALSE, empty) are skipped. Ranges of different sizes are #N/A; a side that does not vary is #DIV/0!.',
  example: { formula: '=CORREL({3,2,4,5,6}, {9,7,12,15,17})', result: '0.997054485501581' },
  scalar(args) {
    const [a, b] = [rangeArg(args, 0), rangeArg(args, 1)];
    if (a.values.length !== b.values.length) return new FormulaError('#N/A', 'CORREL: the arrays must be the same size.');
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < a.values.length; i++) {
      const [x, y] = [a.values[i]!, b.values[i]!];
      if (isFormulaError(x)) return x;
      if (isFormulaError(y)) return y;
      const [nx, ny] = [pairNumber(x), pairNumber(y)];
      if (nx !== undefined && ny !== undefined) {
        xs.push(nx);
        ys.push(ny);
      }
    }
    return correlation(xs, ys);
  },
  sql(args) {
    const [a, b] = [args[0], args[1]];
    if (isSqlRange(a) && isSqlRange(b)) return correlSql(a, b);
    return correlOfValues(args);
  },
};

/** CORREL of two columns of one table. */
function correlSql(a: SqlRange, b: SqlRange): SqlExpr {
  const [cx, cy] = [rangeNumbers(a.columns[0]!), rangeNumbers(b.columns[0]!)];
  // Only rows where both are numbers count.
  const x = `(CASE WHEN ${cy} IS NOT NULL THEN ${cx} END)`;
  const y = `(CASE WHEN ${cx} IS NOT NULL THEN ${cy} END)`;
  const [huge, down] = [double(HUGE), double(DOWN)];
  const corr = (scaleX: boolean, scaleY: boolean) => {
    // Unscaled sides leave huge numbers out, so no variant can overflow (see spread()).
    const within = [scaleX ? '' : `abs(${x}) <= ${huge}`, scaleY ? '' : `abs(${y}) <= ${huge}`].filter(Boolean);
    const filter = within.length ? ` FILTER (WHERE ${within.join(' AND ')})` : '';
    return `corr(${scaleY ? `${y} * ${down}` : y}, ${scaleX ? `${x} * ${down}` : x})${filter}`;
  };
  const [bigX, bigY] = [`max(abs(${x})) > ${huge}`, `max(abs(${y})) > ${huge}`];
  const r = `(CASE WHEN ${bigX} AND ${bigY} THEN ${corr(true, true)} WHEN ${bigX} THEN ${corr(true, false)} WHEN ${bigY} THEN ${corr(false, true)} ELSE ${corr(false, false)} END)`;
  const flat = `count(${x}) = 0 OR min(${x}) = max(${x}) OR min(${y}) = max(${y})`;
  const value = aggregate(a, `CASE WHEN ${flat} THEN NULL WHEN isfinite(${r}) THEN greatest(-1.0, least(1.0, ${r})) END`);
  const err = rangeErr({ ...a, columns: [a.columns[0]!, b.columns[0]!] });
  return result(value, 'number', [err, errWhen(`${value} IS NULL`, '#DIV/0!')]);
}

/** CORREL where a side is a single value: one pair at most, so #DIV/0! (or #N/A beside a range of another size). */
function correlOfValues(args: SqlArgs): SqlExpr {
  const sideErr = (a: SqlArg | undefined) => (a === undefined ? null : isSqlRange(a) ? rangeErr(a) : a.err);
  const errs = anyErr(sideErr(args[0]), sideErr(args[1]));
  const range = [args[0], args[1]].find(isSqlRange);
  const sized = errs ? `COALESCE(${errs}, ${errCode('#DIV/0!')})` : errCode('#DIV/0!');
  const err = range ? `CASE WHEN ${aggregate(range, 'count(*)')} <> 1 THEN ${errCode('#N/A')} ELSE ${sized} END` : sized;
  return result('NULL', 'number', [err]);
}
