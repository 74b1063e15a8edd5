/** The hypothesis tests: Z.TEST, T.TEST, F.TEST and CHISQ.TEST, with their older names. */
import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { numberArg, numbersOf, rangeArg } from '../helpers';
import { fRight, tRight } from './distributions/sampling';
import { betaI, gammaQ, normCdf } from './distributions/special';
import { numbersStrict } from './least-squares';
import { pairSums } from './pairs';
import { alias } from './statistic';

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};
const divZero = (name: string, why: string) => new FormulaError('#DIV/0!', `${name}: ${why}.`);

export const Z_TEST: FunctionSpec = {
  name: 'Z.TEST',
  category: 'statistics',
  summary: 'The one-tailed P-value of a z-test: the probability of a sample mean at least this far above x.',
  params: [{ name: 'array', kind: 'range' }, { name: 'x' }, { name: 'sigma', optional: true }],
  notes: 'sigma defaults to the sample standard deviation of the array.',
  example: { formula: '=Z.TEST({3,6,7,8,6,5,4,2,1,9}, 4)', result: '0.0905741968513636' },
  scalar(args) {
    const xs = numbersOf([args[0]]);
    if (isFormulaError(xs)) return xs;
    const x = numberArg(args, 1);
    if (isFormulaError(x)) return x;
    if (xs.length === 0) return new FormulaError('#N/A', 'Z.TEST: the array has no numbers.');
    const sigma = args[2] === undefined ? Math.sqrt(variance(xs)) : numberArg(args, 2);
    if (isFormulaError(sigma)) return sigma;
    if (!(sigma > 0)) return divZero('Z.TEST', 'sigma must be greater than 0 (the numbers must vary)');
    return 1 - normCdf((mean(xs) - x) / (sigma / Math.sqrt(xs.length)));
  },
};
export const ZTEST = alias(Z_TEST, 'ZTEST', { formula: '=ZTEST({3,6,7,8,6,5,4,2,1,9}, 4)', result: '0.0905741968513636' });

export const T_TEST: FunctionSpec = {
  name: 'T.TEST',
  category: 'statistics',
  summary: 'The P-value of Student’s t-test on two samples: type 1 paired, 2 equal variances, 3 unequal variances; tails 1 or 2.',
  params: [{ name: 'array1', kind: 'range' }, { name: 'array2', kind: 'range' }, { name: 'tails' }, { name: 'type' }],
  example: { formula: '=T.TEST({3,4,5,8,9,1,2,4,5}, {6,19,3,2,14,4,5,17,1}, 2, 1)', result: '0.196015784925281' },
  scalar(args) {
    const tails = numberArg(args, 2);
    if (isFormulaError(tails)) return tails;
    const type = numberArg(args, 3);
    if (isFormulaError(type)) return type;
    const [k, ty] = [Math.trunc(tails), Math.trunc(type)];
    if ((k !== 1 && k !== 2) || ty < 1 || ty > 3) return new FormulaError('#NUM!', 'T.TEST: tails must be 1 or 2 and type 1, 2 or 3.');
    let t: number;
    let df: number;
    if (ty === 1) {
      const s = pairSums('T.TEST', args[0], args[1]);
      if (isFormulaError(s)) return s;
      const [a, b] = [rangeArg(args, 0).values, rangeArg(args, 1).values];
      const d = a.flatMap((v, i) => (typeof v === 'number' && typeof b[i] === 'number' ? [v - (b[i] as number)] : []));
      if (d.length < 2) return divZero('T.TEST', 'it needs two pairs of numbers');
      df = d.length - 1;
      t = mean(d) / Math.sqrt(variance(d) / d.length);
    } else {
      const [xs, ys] = [numbersOf([args[0]]), numbersOf([args[1]])];
      if (isFormulaError(xs)) return xs;
      if (isFormulaError(ys)) return ys;
      const [n1, n2] = [xs.length, ys.length];
      if (n1 < 2 || n2 < 2) return divZero('T.TEST', 'each sample needs two numbers');
      const [v1, v2] = [variance(xs), variance(ys)];
      if (ty === 2) {
        df = n1 + n2 - 2;
        const pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
        t = (mean(xs) - mean(ys)) / Math.sqrt(pooled * (1 / n1 + 1 / n2));
      } else {
        const [a, b] = [v1 / n1, v2 / n2];
        df = (a + b) ** 2 / (a ** 2 / (n1 - 1) + b ** 2 / (n2 - 1));
        t = (mean(xs) - mean(ys)) / Math.sqrt(a + b);
      }
    }
    if (!Number.isFinite(t)) return divZero('T.TEST', 'the samples do not vary');
    return k * tRight(Math.abs(t), df);
  },
};
export const TTEST = alias(T_TEST, 'TTEST', { formula: '=TTEST({3,4,5,8,9,1,2,4,5}, {6,19,3,2,14,4,5,17,1}, 2, 1)', result: '0.196015784925281' });

export const F_TEST: FunctionSpec = {
  name: 'F.TEST',
  category: 'statistics',
  summary: 'The two-tailed P-value of an F-test: the probability that the two samples’ variances differ this much by chance.',
  params: [{ name: 'array1', kind: 'range' }, { name: 'array2', kind: 'range' }],
  example: { formula: '=F.TEST({6,7,9,15,21}, {20,28,31,38,40})', result: '0.648317846786175' },
  scalar(args) {
    const [xs, ys] = [numbersOf([args[0]]), numbersOf([args[1]])];
    if (isFormulaError(xs)) return xs;
    if (isFormulaError(ys)) return ys;
    if (xs.length < 2 || ys.length < 2) return divZero('F.TEST', 'each sample needs two numbers');
    const [v1, v2] = [variance(xs), variance(ys)];
    if (v1 === 0 || v2 === 0) return divZero('F.TEST', 'a sample does not vary');
    const [d1, d2] = [xs.length - 1, ys.length - 1];
    const f = v1 / v2;
    const right = fRight(f, d1, d2);
    const left = betaI((d1 * f) / (d1 * f + d2), d1 / 2, d2 / 2);
    return Math.min(1, 2 * Math.min(left, right));
  },
};
export const FTEST = alias(F_TEST, 'FTEST', { formula: '=FTEST({6,7,9,15,21}, {20,28,31,38,40})', result: '0.648317846786175' });

export const CHISQ_TEST: FunctionSpec = {
  name: 'CHISQ.TEST',
  category: 'statistics',
  summary: 'The P-value of the chi-squared test of independence between observed counts and expected counts.',
  params: [{ name: 'actual_range', kind: 'range' }, { name: 'expected_range', kind: 'range' }],
  notes: 'Degrees of freedom: (rows − 1)(columns − 1), or n − 1 for a single row or column.',
  example: { formula: '=CHISQ.TEST({58,35;11,25;10,23}, {45.35,47.65;17.56,18.44;16.09,16.91})', result: '0.00030819201700831' },
  scalar(args) {
    const [a, e] = [rangeArg(args, 0), rangeArg(args, 1)];
    if (a.rows !== e.rows || a.cols !== e.cols) return new FormulaError('#N/A', 'CHISQ.TEST: the two ranges must have the same shape.');
    const [xs, es] = [numbersStrict('CHISQ.TEST', a), numbersStrict('CHISQ.TEST', e)];
    if (isFormulaError(xs)) return xs;
    if (isFormulaError(es)) return es;
    if (es.some((v) => v <= 0)) return es.some((v) => v === 0) ? divZero('CHISQ.TEST', 'an expected count is 0') : new FormulaError('#NUM!', 'CHISQ.TEST: expected counts must be positive.');
    const chi = xs.reduce((s, x, i) => s + (x - es[i]!) ** 2 / es[i]!, 0);
    const df = a.rows > 1 && a.cols > 1 ? (a.rows - 1) * (a.cols - 1) : a.rows * a.cols - 1;
    if (df < 1) return new FormulaError('#N/A', 'CHISQ.TEST: it needs more than one value.');
    return gammaQ(df / 2, chi / 2);
  },
};
export const CHITEST = alias(CHISQ_TEST, 'CHITEST', { formula: '=CHITEST({58,35;11,25;10,23}, {45.35,47.65;17.56,18.44;16.09,16.91})', result: '0.00030819201700831' });

export const HYPOTHESIS_FUNCTIONS: FunctionSpec[] = [Z_TEST, ZTEST, T_TEST, TTEST, F_TEST, FTEST, CHISQ_TEST, CHITEST];
