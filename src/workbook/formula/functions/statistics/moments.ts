/** DEVSQ, AVEDEV, SKEW, SKEW.P, KURT, HARMEAN and TRIMMEAN: statistics of a set of numbers with no SQL form. */
import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError, type ErrorCode } from '../../errors';
import { numberArg, numbersOf } from '../helpers';
import { sum } from './shared';

/** A statistic of all its arguments' numbers, read as SUM reads them; `least` numbers or the error `code`. */
function plainStatistic(name: string, summary: string, example: FunctionSpec['example'], least: { count: number; code: ErrorCode }, f: (xs: number[]) => number | FormulaError): FunctionSpec {
  return {
    name,
    category: 'statistics',
    summary,
    params: [{ name: 'number', kind: 'range' }],
    repeat: 1,
    example,
    scalar(args) {
      const xs = numbersOf(args);
      if (isFormulaError(xs)) return xs;
      if (xs.length < least.count) return new FormulaError(least.code, `${name} needs at least ${least.count} number${least.count === 1 ? '' : 's'}.`);
      const r = f(xs);
      return isFormulaError(r) || Number.isFinite(r) ? r : new FormulaError('#NUM!', `${name}: the result is not a finite number.`);
    },
  };
}

const mean = (xs: number[]) => sum(xs) / xs.length;

/** Σ (x − mean)^k. */
function centred(xs: number[], k: number): number {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** k, 0);
}

const flat = (name: string) => new FormulaError('#DIV/0!', `${name}: the numbers do not vary.`);

export const DEVSQ = plainStatistic('DEVSQ', 'The sum of the squared deviations of the numbers from their mean.', { formula: '=DEVSQ(4, 5, 8, 7, 11, 4, 3)', result: '48' }, { count: 1, code: '#NUM!' }, (xs) => centred(xs, 2));

export const AVEDEV = plainStatistic('AVEDEV', 'The mean absolute deviation of the numbers from their mean.', { formula: '=AVEDEV(4, 5, 6, 7, 5, 4, 3)', result: '1.02040816326531' }, { count: 1, code: '#NUM!' }, (xs) => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + Math.abs(x - m), 0) / xs.length;
});

export const SKEW = plainStatistic('SKEW', 'The skewness of a sample: how lopsided the numbers are around their mean.', { formula: '=SKEW(3, 4, 5, 2, 3, 4, 5, 6, 4, 7)', result: '0.359543071406797' }, { count: 3, code: '#DIV/0!' }, (xs) => {
  const n = xs.length;
  const s2 = centred(xs, 2) / (n - 1);
  if (s2 === 0) return flat('SKEW');
  return ((n / ((n - 1) * (n - 2))) * centred(xs, 3)) / s2 ** 1.5;
});

export const SKEW_P = plainStatistic('SKEW.P', 'The skewness of a whole population.', { formula: '=SKEW.P(3, 4, 5, 2, 3, 4, 5, 6, 4, 7)', result: '0.303193339354144' }, { count: 1, code: '#DIV/0!' }, (xs) => {
  const n = xs.length;
  const v = centred(xs, 2) / n;
  if (v === 0) return flat('SKEW.P');
  return centred(xs, 3) / n / v ** 1.5;
});

export const KURT = plainStatistic('KURT', 'The excess kurtosis of a sample: how heavy its tails are next to a normal distribution’s.', { formula: '=KURT(3, 4, 5, 2, 3, 4, 5, 6, 4, 7)', result: '-0.151799637208414' }, { count: 4, code: '#DIV/0!' }, (xs) => {
  const n = xs.length;
  const s2 = centred(xs, 2) / (n - 1);
  if (s2 === 0) return flat('KURT');
  return ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * (centred(xs, 4) / (s2 * s2)) - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
});

export const HARMEAN = plainStatistic('HARMEAN', 'The harmonic mean of positive numbers: n divided by the sum of their reciprocals.', { formula: '=HARMEAN(4, 5, 8, 7, 11, 4, 3)', result: '5.02837596206173' }, { count: 1, code: '#NUM!' }, (xs) => {
  if (xs.some((x) => x <= 0)) return new FormulaError('#NUM!', 'HARMEAN: every number must be greater than 0.');
  return xs.length / xs.reduce((s, x) => s + 1 / x, 0);
});

export const TRIMMEAN: FunctionSpec = {
  name: 'TRIMMEAN',
  category: 'statistics',
  summary: 'The mean of the numbers without the given fraction of them at the ends (half from the top, half from the bottom).',
  params: [{ name: 'array', kind: 'range' }, { name: 'percent' }],
  notes: 'The count left out is rounded down to an even number; percent below 0 or from 1 up is #NUM!.',
  example: { formula: '=TRIMMEAN({4,5,6,7,2,3,4,5,1,2,3}, 0.2)', result: '3.77777777777778' },
  scalar(args) {
    const xs = numbersOf([args[0]]);
    if (isFormulaError(xs)) return xs;
    const p = numberArg(args, 1);
    if (isFormulaError(p)) return p;
    if (p < 0 || p >= 1 || xs.length === 0) return new FormulaError('#NUM!', 'TRIMMEAN: percent must be from 0 up to (not including) 1, over at least one number.');
    const k = Math.floor((xs.length * p) / 2);
    const kept = [...xs].sort((a, b) => a - b).slice(k, xs.length - k);
    return mean(kept);
  },
};

export const MOMENT_FUNCTIONS: FunctionSpec[] = [DEVSQ, AVEDEV, SKEW, SKEW_P, KURT, HARMEAN, TRIMMEAN];
