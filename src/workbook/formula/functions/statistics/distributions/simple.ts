/** GAMMA, GAMMALN, FISHER, FISHERINV, GAUSS, PHI, STANDARDIZE, CONFIDENCE.*, PERMUT and PERMUTATIONA. */
import type { FunctionSpec } from '../../../catalog';
import { FormulaError } from '../../../errors';
import { numeric } from '../../helpers';
import { alias } from '../statistic';
import { bad, dist, legacy } from './define';
import { tInv } from './sampling';
import { gamma, lnGamma, normCdf, normInv, normPdf } from './special';

export const GAMMA = dist('GAMMA', 'The gamma function Γ(x); #NUM! at 0 and the negative integers.', ['number'], { formula: '=GAMMA(2.5)', result: '1.32934038817914' }, (x) => {
  if (x <= 0 && x === Math.floor(x)) return bad('GAMMA', 'number must not be 0 or a negative integer');
  return gamma(x);
});

export const GAMMALN = dist('GAMMALN', 'The natural logarithm of the gamma function, for x > 0.', ['x'], { formula: '=GAMMALN(4)', result: '1.79175946922805' }, (x) => (x <= 0 ? bad('GAMMALN', 'x must be greater than 0') : lnGamma(x)));
export const GAMMALN_PRECISE = alias(GAMMALN, 'GAMMALN.PRECISE', { formula: '=GAMMALN.PRECISE(4)', result: '1.79175946922805' });

export const FISHER = numeric(
  'FISHER',
  'statistics',
  'The Fisher transformation of x (−1 < x < 1): 0.5·ln((1 + x) / (1 − x)).',
  ['x'],
  { formula: '=FISHER(0.75)', result: '0.972955074527657' },
  (x) => (x <= -1 || x >= 1 ? bad('FISHER', 'x must be between -1 and 1 (both excluded)') : Math.atanh(x)),
  (x) => ({ value: `CASE WHEN ${x} > -1 AND ${x} < 1 THEN atanh(${x}) END`, err: `CASE WHEN NOT (${x} > -1 AND ${x} < 1) THEN '#NUM!' END` }),
);

export const FISHERINV = numeric('FISHERINV', 'statistics', 'The inverse of the Fisher transformation: tanh(y).', ['y'], { formula: '=FISHERINV(0.972955)', result: '0.749999967394148' }, (y) => Math.tanh(y), (y) => `tanh(${y})`);

export const GAUSS = dist('GAUSS', 'The probability that a standard normal value lies between the mean and z standard deviations from it: Φ(z) − 0.5.', ['z'], { formula: '=GAUSS(2)', result: '0.477249868051821' }, (z) => (z < 0 ? -(0.5 - normCdf(z)) : normCdf(z) - 0.5));

export const PHI = numeric('PHI', 'statistics', 'The density of the standard normal distribution at x.', ['x'], { formula: '=PHI(0.75)', result: '0.301137432154804' }, normPdf, (x) => `exp(-0.5 * ${x} * ${x}) / sqrt(2 * pi())`);

export const STANDARDIZE = numeric(
  'STANDARDIZE',
  'statistics',
  'How many standard deviations x is from the mean: (x − mean) / standard_dev.',
  ['x', 'mean', 'standard_dev'],
  { formula: '=STANDARDIZE(42, 40, 1.5)', result: '1.33333333333333' },
  (x, m, s) => (s <= 0 ? bad('STANDARDIZE', 'standard_dev must be greater than 0') : (x - m) / s),
  (x, m, s) => ({ value: `CASE WHEN ${s} > 0 THEN (${x} - ${m}) / ${s} END`, err: `CASE WHEN NOT (${s} > 0) THEN '#NUM!' END` }),
);

function confidenceCheck(name: string, alpha: number, sd: number, size: number): FormulaError | undefined {
  if (alpha <= 0 || alpha >= 1) return bad(name, 'alpha must be between 0 and 1 (both excluded)');
  if (sd <= 0) return bad(name, 'standard_dev must be greater than 0');
  if (size < 1) return bad(name, 'size must be at least 1');
  return undefined;
}

export const CONFIDENCE_NORM = dist('CONFIDENCE.NORM', 'Half the width of a confidence interval for a mean, from the normal distribution.', ['alpha', 'standard_dev', 'size'], { formula: '=CONFIDENCE.NORM(0.05, 2.5, 50)', result: '0.692951912174839' }, (alpha, sd, size) => {
  const n = Math.trunc(size);
  return confidenceCheck('CONFIDENCE.NORM', alpha, sd, n) ?? (normInv(1 - alpha / 2) * sd) / Math.sqrt(n);
}, { notes: 'size is truncated to an integer.' });
export const CONFIDENCE = legacy(CONFIDENCE_NORM, 'CONFIDENCE', { formula: '=CONFIDENCE(0.05, 2.5, 50)', result: '0.692951912174839' });

export const CONFIDENCE_T = dist('CONFIDENCE.T', 'Half the width of a confidence interval for a mean, from Student’s t distribution.', ['alpha', 'standard_dev', 'size'], { formula: '=CONFIDENCE.T(0.05, 1, 50)', result: '0.284196855495729' }, (alpha, sd, size) => {
  const n = Math.trunc(size);
  const e = confidenceCheck('CONFIDENCE.T', alpha, sd, n);
  if (e) return e;
  if (n === 1) return new FormulaError('#DIV/0!', 'CONFIDENCE.T: size must be at least 2.');
  return (tInv(1 - alpha / 2, n - 1) * sd) / Math.sqrt(n);
}, { notes: 'size is truncated to an integer; a size of 1 is #DIV/0!.' });

export const PERMUT = dist('PERMUT', 'The number of ordered arrangements of number_chosen items out of number.', ['number', 'number_chosen'], { formula: '=PERMUT(100, 3)', result: '970200' }, (number, chosen) => {
  const [n, k] = [Math.trunc(number), Math.trunc(chosen)];
  if (n <= 0 || k < 0 || n < k) return bad('PERMUT', 'number must be greater than 0 and at least number_chosen, which must not be negative');
  let r = 1;
  for (let i = n - k + 1; i <= n; i++) r *= i;
  return r;
}, { notes: 'Both arguments are truncated to integers.' });

export const PERMUTATIONA = numeric(
  'PERMUTATIONA',
  'statistics',
  'The number of arrangements of number_chosen items out of number, repetitions allowed: number ^ number_chosen.',
  ['number', 'number_chosen'],
  { formula: '=PERMUTATIONA(3, 2)', result: '9' },
  (number, chosen) => {
    const [n, k] = [Math.trunc(number), Math.trunc(chosen)];
    return n < 0 || k < 0 ? bad('PERMUTATIONA', 'number and number_chosen must not be negative') : Math.pow(n, k);
  },
  (n, k) => ({ value: `CASE WHEN ${n} >= 0 AND ${k} >= 0 THEN pow(trunc(${n}), trunc(${k})) END`, err: `CASE WHEN ${n} < 0 OR ${k} < 0 THEN '#NUM!' END` }),
);

export const SIMPLE: FunctionSpec[] = [GAMMA, GAMMALN, GAMMALN_PRECISE, FISHER, FISHERINV, GAUSS, PHI, STANDARDIZE, CONFIDENCE_NORM, CONFIDENCE, CONFIDENCE_T, PERMUT, PERMUTATIONA];
