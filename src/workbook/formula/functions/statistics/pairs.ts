/** Statistics of paired numbers: PEARSON, RSQ, SLOPE, INTERCEPT, STEYX, COVARIANCE.*, FORECAST. */
import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isDate, type Scalar } from '../../values';
import { numberArg, rangeArg } from '../helpers';
import { CORREL } from './correl';
import { alias } from './statistic';

const pairNumber = (v: Scalar) => (typeof v === 'number' ? v : isDate(v) ? v.serial : undefined);

/** The sums a pair statistic needs: n, the means and the centred sums of squares and products. */
interface PairSums {
  n: number;
  mx: number;
  my: number;
  sxx: number;
  syy: number;
  sxy: number;
}

/**
 * The rows where both sides are numbers (text, booleans and empty cells skipped, as Excel does),
 * summed; ranges of different sizes are #N/A, an error in either is the answer.
 */
export function pairSums(name: string, ys: ScalarArg, xs: ScalarArg): PairSums | FormulaError {
  const [a, b] = [rangeArg([ys], 0), rangeArg([xs], 0)];
  if (a.values.length !== b.values.length) return new FormulaError('#N/A', `${name}: the two ranges must have the same number of values.`);
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < a.values.length; i++) {
    const [y, x] = [a.values[i]!, b.values[i]!];
    if (isFormulaError(y)) return y;
    if (isFormulaError(x)) return x;
    const [ny, nx] = [pairNumber(y), pairNumber(x)];
    if (ny !== undefined && nx !== undefined) {
      py.push(ny);
      px.push(nx);
    }
  }
  const n = px.length;
  const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / n;
  const [mx, my] = [mean(px), mean(py)];
  let [sxx, syy, sxy] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [dx, dy] = [px[i]! - mx, py[i]! - my];
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { n, mx, my, sxx, syy, sxy };
}

/** A function of the pair sums of (known_y's, known_x's). */
function pairFunction(name: string, summary: string, params: [string, string], example: FunctionSpec['example'], f: (s: PairSums) => number | FormulaError, notes?: string): FunctionSpec {
  return {
    name,
    category: 'statistics',
    summary,
    params: params.map((p) => ({ name: p, kind: 'range' as const })),
    example,
    ...(notes ? { notes } : {}),
    scalar(args) {
      const s = pairSums(name, args[0], args[1]);
      if (isFormulaError(s)) return s;
      const r = f(s);
      return isFormulaError(r) || Number.isFinite(r) ? r : new FormulaError('#DIV/0!', `${name}: the data do not vary.`);
    },
  };
}

const divZero = (name: string, why: string) => new FormulaError('#DIV/0!', `${name}: ${why}.`);
const Y_X: [string, string] = ["known_y's", "known_x's"];

export const PEARSON = alias(CORREL, 'PEARSON', { formula: '=PEARSON({9,7,5,3,1}, {10,6,1,5,3})', result: '0.699378606180235' });

export const RSQ = pairFunction('RSQ', 'The square of Pearson’s correlation of the two ranges: the share of the variance of y explained by x.', Y_X, { formula: '=RSQ({2,3,9,1,8,7,5}, {6,5,11,7,5,4,4})', result: '0.0579501915708812' }, (s) =>
  s.n === 0 || s.sxx === 0 || s.syy === 0 ? divZero('RSQ', 'a side does not vary') : (s.sxy * s.sxy) / (s.sxx * s.syy),
);

export const SLOPE = pairFunction('SLOPE', 'The slope of the least-squares line through the points (x, y).', Y_X, { formula: '=SLOPE({2,3,9,1,8,7,5}, {6,5,11,7,5,4,4})', result: '0.305555555555556' }, (s) =>
  s.n === 0 || s.sxx === 0 ? divZero('SLOPE', "known_x's do not vary") : s.sxy / s.sxx,
);

export const INTERCEPT = pairFunction('INTERCEPT', 'Where the least-squares line through the points (x, y) crosses the y axis.', Y_X, { formula: '=INTERCEPT({2,3,9,1,8,7,5}, {6,5,11,7,5,4,4})', result: '3.16666666666667' }, (s) =>
  s.n === 0 || s.sxx === 0 ? divZero('INTERCEPT', "known_x's do not vary") : s.my - (s.sxy / s.sxx) * s.mx,
);

export const STEYX = pairFunction('STEYX', 'The standard error of the y predicted for each x by the least-squares line.', Y_X, { formula: '=STEYX({2,3,9,1,8,7,5}, {6,5,11,7,5,4,4})', result: '3.30571895021004' }, (s) =>
  s.n < 3 || s.sxx === 0 ? divZero('STEYX', 'it needs three points and x values that vary') : Math.sqrt(Math.max(0, s.syy - (s.sxy * s.sxy) / s.sxx) / (s.n - 2)),
);

export const COVARIANCE_P = pairFunction('COVARIANCE.P', 'The population covariance of two ranges: the mean product of deviations.', ['array1', 'array2'], { formula: '=COVARIANCE.P({3,2,4,5,6}, {9,7,12,15,17})', result: '5.2' }, (s) =>
  s.n === 0 ? divZero('COVARIANCE.P', 'no pairs of numbers') : s.sxy / s.n,
);
export const COVAR = alias(COVARIANCE_P, 'COVAR', { formula: '=COVAR({3,2,4,5,6}, {9,7,12,15,17})', result: '5.2' });
export const COVARIANCE_S = pairFunction('COVARIANCE.S', 'The sample covariance of two ranges (n − 1 in the denominator).', ['array1', 'array2'], { formula: '=COVARIANCE.S({2,4,8}, {5,11,12})', result: '9.66666666666667' }, (s) =>
  s.n < 2 ? divZero('COVARIANCE.S', 'it needs two pairs of numbers') : s.sxy / (s.n - 1),
);

export const FORECAST_LINEAR: FunctionSpec = {
  name: 'FORECAST.LINEAR',
  category: 'statistics',
  summary: 'The y the least-squares line through the known points predicts at x.',
  params: [{ name: 'x' }, { name: "known_y's", kind: 'range' }, { name: "known_x's", kind: 'range' }],
  example: { formula: '=FORECAST.LINEAR(30, {6,7,9,15,21}, {20,28,31,38,40})', result: '10.6072530864198' },
  scalar(args) {
    const x = numberArg(args, 0);
    if (isFormulaError(x)) return x;
    const s = pairSums('FORECAST', args[1], args[2]);
    if (isFormulaError(s)) return s;
    if (s.n === 0 || s.sxx === 0) return divZero('FORECAST', "known_x's do not vary");
    const b = s.sxy / s.sxx;
    return s.my - b * s.mx + b * x;
  },
};
export const FORECAST = alias(FORECAST_LINEAR, 'FORECAST', { formula: '=FORECAST(30, {6,7,9,15,21}, {20,28,31,38,40})', result: '10.6072530864198' });

export const PAIR_FUNCTIONS: FunctionSpec[] = [PEARSON, RSQ, SLOPE, INTERCEPT, STEYX, COVARIANCE_P, COVAR, COVARIANCE_S, FORECAST_LINEAR, FORECAST];
