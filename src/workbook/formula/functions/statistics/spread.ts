/** Variance and standard deviation: STDEV.S, STDEV.P, VAR.S and VAR.P. */
import type { FunctionSpec } from '../../catalog';
import { overNumbers, statistic, type Statistic } from './statistic';
import { double, DOWN, HUGE, sum, UP } from './shared';

type Spread = 'var_samp' | 'var_pop' | 'stddev_samp' | 'stddev_pop';

/** A variance or standard deviation by two passes, scaled as the SQL form scales. */
function spread(xs: number[], kind: Spread): number {
  const scaled = xs.some((x) => Math.abs(x) > HUGE);
  const ys = scaled ? xs.map((x) => x * DOWN) : xs;
  const mean = sum(ys) / ys.length;
  const squares = ys.reduce((a, y) => a + (y - mean) ** 2, 0);
  const v = squares / (kind.endsWith('samp') ? ys.length - 1 : ys.length);
  if (kind.startsWith('var')) return scaled ? v * UP * UP : v;
  return scaled ? Math.sqrt(v) * UP : Math.sqrt(v);
}

/** spread() in SQL: DuckDB's Welford aggregate, over the scaled numbers when any is huge. */
function sqlSpread(kind: Spread): Statistic['sql'] {
  const up = kind.startsWith('var') ? `${double(UP)} * ${double(UP)}` : double(UP);
  const [huge, down] = [double(HUGE), double(DOWN)];
  return overNumbers(
    (x) => `CASE WHEN max(abs(${x})) > ${huge} THEN ${kind}(${x} * ${down}) * ${up} ELSE ${kind}(${x}) FILTER (WHERE abs(${x}) <= ${huge}) END`,
    (l) =>
      `CASE WHEN list_max(list_transform(${l}, lambda _v: abs(_v))) > ${huge} THEN list_${kind}(list_transform(${l}, lambda _v: _v * ${down})) * ${up} ` +
      `ELSE list_${kind}(list_filter(${l}, lambda _v: abs(_v) <= ${huge})) END`,
  );
}

function spreadFunction(name: string, kind: Spread, summary: string, example: FunctionSpec['example'], a = false): FunctionSpec {
  const sample = kind.endsWith('samp');
  return statistic({
    name,
    summary,
    example,
    ...(a ? { a, notes: 'In ranges, text counts as 0, TRUE as 1 and FALSE as 0; empty cells are skipped.' } : {}),
    least: { count: sample ? 2 : 1, code: '#DIV/0!' },
    overflows: true,
    scalar: (xs) => spread(xs, kind),
    sql: sqlSpread(kind),
  });
}

export const STDEV_S = spreadFunction('STDEV.S', 'stddev_samp', 'The standard deviation of a sample (n − 1 in the denominator); #DIV/0! with fewer than two numbers.', {
  formula: '=STDEV.S(2, 4, 6)',
  result: '2',
});
export const STDEV_P = spreadFunction('STDEV.P', 'stddev_pop', 'The standard deviation of a whole population (n in the denominator).', { formula: '=STDEV.P(2, 4, 4, 4, 5, 5, 7, 9)', result: '2' });
export const VAR_S = spreadFunction('VAR.S', 'var_samp', 'The variance of a sample (n − 1 in the denominator); #DIV/0! with fewer than two numbers.', { formula: '=VAR.S(1, 2, 3, 4)', result: '1.66666666666667' });
export const VAR_P = spreadFunction('VAR.P', 'var_pop', 'The variance of a whole population (n in the denominator).', { formula: '=VAR.P(1, 2, 3, 4)', result: '1.25' });

// The A forms read text in ranges as 0 and TRUE/FALSE as 1/0, as AVERAGEA does.
export const STDEVA = spreadFunction('STDEVA', 'stddev_samp', 'The standard deviation of a sample, text and TRUE/FALSE in ranges counted as numbers.', { formula: '=STDEVA(2, 4, 6)', result: '2' }, true);
export const STDEVPA = spreadFunction('STDEVPA', 'stddev_pop', 'The standard deviation of a population, text and TRUE/FALSE in ranges counted as numbers.', { formula: '=STDEVPA(2, 4, 4, 4, 5, 5, 7, 9)', result: '2' }, true);
export const VARA = spreadFunction('VARA', 'var_samp', 'The variance of a sample, text and TRUE/FALSE in ranges counted as numbers.', { formula: '=VARA(1, 2, 3, 4)', result: '1.66666666666667' }, true);
export const VARPA = spreadFunction('VARPA', 'var_pop', 'The variance of a population, text and TRUE/FALSE in ranges counted as numbers.', { formula: '=VARPA(1, 2, 3, 4)', result: '1.25' }, true);
