/** The discrete distributions: BINOM, NEGBINOM, HYPGEOM and POISSON, with their older names. */
import type { FunctionSpec } from '../../../catalog';
import type { FormulaError } from '../../../errors';
import { bad, dist, legacy } from './define';
import { betaI, gammaQ, lnGamma } from './special';

/** ln C(n, k). */
function lnChoose(n: number, k: number): number {
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

/** x·ln(p), 0 when x is 0 (so p = 0 or 1 give exact 0s and 1s). */
const xlog = (x: number, p: number) => (x === 0 ? 0 : x * Math.log(p));
const xlog1p = (x: number, p: number) => (x === 0 ? 0 : x * Math.log1p(-p));

function binomPmf(k: number, n: number, p: number): number {
  // Small cases exactly (the coefficient is an integer below 2^53), larger ones through logarithms.
  if (n <= 1000 && p > 0 && p < 1) {
    const c = choose(n, k);
    if (c < 2 ** 53) return c * Math.pow(p, k) * Math.pow(1 - p, n - k);
  }
  return Math.exp(lnChoose(n, k) + xlog(k, p) + xlog1p(n - k, p));
}

/** C(n, k) by the multiplicative formula (each step's quotient is an integer). */
function choose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= m; i++) c = (c * (n - m + i)) / i;
  return c;
}

/** P(X ≤ k) for X ~ B(n, p). */
function binomCdf(k: number, n: number, p: number): number {
  if (k >= n) return 1;
  if (n <= 100_000) {
    let s = 0;
    for (let i = 0; i <= k; i++) s += binomPmf(i, n, p);
    return Math.min(1, s);
  }
  return betaI(1 - p, n - k, k + 1);
}

function probability(name: string, p: number): FormulaError | undefined {
  return p < 0 || p > 1 ? bad(name, 'probability_s must be between 0 and 1') : undefined;
}

function binom(name: string, s: number, trials: number, p: number, c: number): number | FormulaError {
  const [k, n] = [Math.trunc(s), Math.trunc(trials)];
  if (k < 0 || k > n) return bad(name, 'number_s must be from 0 up to trials');
  return probability(name, p) ?? (c ? binomCdf(k, n, p) : binomPmf(k, n, p));
}

export const BINOM_DIST = dist('BINOM.DIST', 'The binomial probability of number_s successes in trials (or at most number_s, cumulative TRUE).', ['number_s', 'trials', 'probability_s', 'cumulative'], { formula: '=BINOM.DIST(6, 10, 0.5, FALSE)', result: '0.205078125' }, (s, n, p, c) => binom('BINOM.DIST', s, n, p, c), { notes: 'number_s and trials are truncated to integers.' });
export const BINOMDIST = legacy(BINOM_DIST, 'BINOMDIST', { formula: '=BINOMDIST(6, 10, 0.5, FALSE)', result: '0.205078125' });

export const BINOM_DIST_RANGE = dist('BINOM.DIST.RANGE', 'The probability that the number of successes in trials is from number_s to number_s2.', ['trials', 'probability_s', 'number_s', { name: 'number_s2', optional: true }], { formula: '=BINOM.DIST.RANGE(60, 0.75, 45, 50)', result: '0.523629793471887' }, (trials, p, s, s2) => {
  const name = 'BINOM.DIST.RANGE';
  const [n, k1] = [Math.trunc(trials), Math.trunc(s)];
  const k2 = Number.isNaN(s2!) ? k1 : Math.trunc(s2!);
  if (n < 0) return bad(name, 'trials must not be negative');
  if (k1 < 0 || k1 > n) return bad(name, 'number_s must be from 0 up to trials');
  if (k2 < k1 || k2 > n) return bad(name, 'number_s2 must be from number_s up to trials');
  const e = probability(name, p);
  if (e) return e;
  let sum = 0;
  for (let i = k1; i <= k2; i++) sum += binomPmf(i, n, p);
  return Math.min(1, sum);
}, { defaults: [undefined, undefined, undefined, Number.NaN] });

function binomInv(name: string, trials: number, p: number, alpha: number): number | FormulaError {
  const n = Math.trunc(trials);
  if (n < 0) return bad(name, 'trials must not be negative');
  if (alpha < 0 || alpha > 1) return bad(name, 'alpha must be between 0 and 1');
  const e = probability(name, p);
  if (e) return e;
  let s = 0;
  for (let k = 0; k <= n; k++) {
    s += binomPmf(k, n, p);
    if (s >= alpha * (1 - 1e-15)) return k;
  }
  return n;
}

export const BINOM_INV = dist('BINOM.INV', 'The smallest number of successes whose cumulative binomial probability is at least alpha.', ['trials', 'probability_s', 'alpha'], { formula: '=BINOM.INV(6, 0.5, 0.75)', result: '4' }, (n, p, a) => binomInv('BINOM.INV', n, p, a));
export const CRITBINOM = legacy(BINOM_INV, 'CRITBINOM', { formula: '=CRITBINOM(6, 0.5, 0.75)', result: '4' });

function negbinom(name: string, failures: number, successes: number, p: number, c: number): number | FormulaError {
  const [f, s] = [Math.trunc(failures), Math.trunc(successes)];
  if (f < 0 || s < 1) return bad(name, 'number_f must not be negative and number_s must be at least 1');
  const e = probability(name, p);
  if (e) return e;
  if (c) return betaI(p, s, f + 1);
  return Math.exp(lnChoose(f + s - 1, s - 1) + xlog(s, p) + xlog1p(f, p));
}

export const NEGBINOM_DIST = dist('NEGBINOM.DIST', 'The probability of number_f failures before the number_s-th success.', ['number_f', 'number_s', 'probability_s', 'cumulative'], { formula: '=NEGBINOM.DIST(10, 5, 0.25, TRUE)', result: '0.313514058478175' }, (f, s, p, c) => negbinom('NEGBINOM.DIST', f, s, p, c));
export const NEGBINOMDIST = dist('NEGBINOMDIST', 'The probability of number_f failures before the number_s-th success.', ['number_f', 'number_s', 'probability_s'], { formula: '=NEGBINOMDIST(10, 5, 0.25)', result: '0.0550486603751779' }, (f, s, p) => negbinom('NEGBINOMDIST', f, s, p, 0), { notes: 'Excel’s older name for NEGBINOM.DIST with cumulative FALSE.' });

function hypgeom(name: string, ks: number, ns: number, kp: number, np: number, c: number): number | FormulaError {
  const [k, n, K, N] = [ks, ns, kp, np].map(Math.trunc) as [number, number, number, number];
  if (N <= 0 || n <= 0 || n > N || K <= 0 || K > N) return bad(name, 'the sample and the successes must be from 1 up to the population');
  if (k < 0 || k > Math.min(n, K) || k < Math.max(0, n - N + K)) return bad(name, 'sample_s is not a possible number of successes');
  const pmf = (i: number) => Math.exp(lnChoose(K, i) + lnChoose(N - K, n - i) - lnChoose(N, n));
  if (!c) return pmf(k);
  let s = 0;
  for (let i = Math.max(0, n - N + K); i <= k; i++) s += pmf(i);
  return Math.min(1, s);
}

export const HYPGEOM_DIST = dist('HYPGEOM.DIST', 'The probability of sample_s successes in a sample drawn without replacement.', ['sample_s', 'number_sample', 'population_s', 'number_pop', 'cumulative'], { formula: '=HYPGEOM.DIST(1, 4, 8, 20, TRUE)', result: '0.465428276573782' }, (k, n, K, N, c) => hypgeom('HYPGEOM.DIST', k, n, K, N, c));
export const HYPGEOMDIST = dist('HYPGEOMDIST', 'The probability of sample_s successes in a sample drawn without replacement.', ['sample_s', 'number_sample', 'population_s', 'number_pop'], { formula: '=HYPGEOMDIST(1, 4, 8, 20)', result: '0.363261093911244' }, (k, n, K, N) => hypgeom('HYPGEOMDIST', k, n, K, N, 0), { notes: 'Excel’s older name for HYPGEOM.DIST with cumulative FALSE.' });

function poisson(name: string, x: number, mean: number, c: number): number | FormulaError {
  const k = Math.trunc(x);
  if (x < 0 || mean < 0) return bad(name, 'x and mean must not be negative');
  if (mean === 0) return c || k === 0 ? 1 : 0;
  return c ? gammaQ(k + 1, mean) : Math.exp(k * Math.log(mean) - mean - lnGamma(k + 1));
}

export const POISSON_DIST = dist('POISSON.DIST', 'The Poisson probability of x events (or at most x, cumulative TRUE) when mean are expected.', ['x', 'mean', 'cumulative'], { formula: '=POISSON.DIST(2, 5, TRUE)', result: '0.124652019483081' }, (x, m, c) => poisson('POISSON.DIST', x, m, c), { notes: 'x is truncated to an integer.' });
export const POISSON = legacy(POISSON_DIST, 'POISSON', { formula: '=POISSON(2, 5, TRUE)', result: '0.124652019483081' });

export const DISCRETE: FunctionSpec[] = [BINOM_DIST, BINOMDIST, BINOM_DIST_RANGE, BINOM_INV, CRITBINOM, NEGBINOM_DIST, NEGBINOMDIST, HYPGEOM_DIST, HYPGEOMDIST, POISSON_DIST, POISSON];
