/** TREND, GROWTH, LINEST and LOGEST: least-squares fits returned as arrays. */
import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { RangeValue, type Scalar } from '../../values';
import { design, fit, flag, newPoints } from './least-squares';

const range = (name: string, optional = false) => ({ name, kind: 'range' as const, ...(optional ? { optional } : {}) });

function predict(name: string, args: ScalarArg[], log: boolean): RangeValue | FormulaError {
  const d = design(name, args[0], args[1], log);
  if (isFormulaError(d)) return d;
  const constant = flag(args[3]);
  if (isFormulaError(constant)) return constant;
  const f = fit(name, d, constant);
  if (isFormulaError(f)) return f;
  const at = newPoints(name, d, args[2]);
  if (isFormulaError(at)) return at;
  const values = at.points.map((p) => {
    const y = f.intercept + p.reduce((s, x, j) => s + x * f.coef[j]!, 0);
    return log ? Math.exp(y) : y;
  });
  return new RangeValue(at.rows, at.cols, values);
}

export const TREND: FunctionSpec = {
  name: 'TREND',
  category: 'statistics',
  summary: 'The y values the least-squares line (or plane) through the known points predicts at new_x’s, as an array.',
  params: [range("known_y's"), range("known_x's", true), range("new_x's", true), { name: 'const', optional: true }],
  notes: "known_x's defaults to 1, 2, 3 …, new_x's to known_x's; const FALSE fits a line through the origin. Ranges of different sizes are #REF!, a text known value #VALUE!.",
  example: { formula: '=TREND({1,2,3}, {1,2,3}, 4)', result: '4' },
  scalar: (args) => predict('TREND', args, false),
};

export const GROWTH: FunctionSpec = {
  name: 'GROWTH',
  category: 'statistics',
  summary: 'The y values the least-squares exponential curve through the known points predicts at new_x’s, as an array.',
  params: [range("known_y's"), range("known_x's", true), range("new_x's", true), { name: 'const', optional: true }],
  notes: "Fits ln(y) by least squares; a known_y at or below 0 is #NUM!. Defaults as in TREND.",
  example: { formula: '=GROWTH({2,4,8}, {1,2,3}, 4)', result: '16' },
  scalar: (args) => predict('GROWTH', args, true),
};

function estimate(name: string, args: ScalarArg[], log: boolean): RangeValue | FormulaError {
  const d = design(name, args[0], args[1], log);
  if (isFormulaError(d)) return d;
  const constant = flag(args[2]);
  if (isFormulaError(constant)) return constant;
  const stats = args[3] === undefined ? false : flag(args[3]);
  if (isFormulaError(stats)) return stats;
  const f = fit(name, d, constant);
  if (isFormulaError(f)) return f;
  const out = (x: number) => (log ? Math.exp(x) : x);
  // Excel lists the coefficients last variable first, the intercept at the end.
  const first: Scalar[] = [...f.coef.map(out).reverse(), constant ? out(f.intercept) : out(0)];
  if (!stats) return new RangeValue(1, first.length, first);
  const width = first.length;
  const na = new FormulaError('#N/A', `${name}: no statistic in this cell.`);
  const row = (...xs: Scalar[]) => [...xs, ...Array<Scalar>(width - xs.length).fill(na)];
  const num = (x: number): Scalar => (Number.isFinite(x) ? x : new FormulaError('#NUM!', `${name}: the statistic is undefined for this fit.`));
  const values = [
    ...first,
    ...[...f.se].reverse().map(num),
    constant ? num(f.seIntercept) : na,
    ...row(num(f.r2), num(f.seY)),
    ...row(num(f.f), f.df),
    ...row(f.ssReg, f.ssResid),
  ];
  return new RangeValue(5, width, values);
}

export const LINEST: FunctionSpec = {
  name: 'LINEST',
  category: 'statistics',
  summary: 'The least-squares line’s (or plane’s) coefficients, last variable first and the intercept last; with stats, Excel’s 5-row table of statistics.',
  params: [range("known_y's"), range("known_x's", true), { name: 'const', optional: true }, { name: 'stats', optional: true }],
  example: { formula: '=INDEX(LINEST({1,9,5,7}, {0,4,2,3}), 1)', result: '2' },
  scalar: (args) => estimate('LINEST', args, false),
};

export const LOGEST: FunctionSpec = {
  name: 'LOGEST',
  category: 'statistics',
  summary: 'The exponential curve y = b·m^x that fits the known points: m (per variable, last first) and b; with stats, the statistics of the fit of ln(y).',
  params: [range("known_y's"), range("known_x's", true), { name: 'const', optional: true }, { name: 'stats', optional: true }],
  example: { formula: '=INDEX(LOGEST({2,4,8}, {1,2,3}), 1)', result: '2' },
  scalar: (args) => estimate('LOGEST', args, true),
};

export const REGRESSION_FUNCTIONS: FunctionSpec[] = [TREND, GROWTH, LINEST, LOGEST];
