/** NORM, LOGNORM, EXPON, WEIBULL, GAMMA and BETA distributions and their inverses. */
import type { FunctionSpec } from '../../../catalog';
import type { FormulaError } from '../../../errors';
import { bad, dist, legacy } from './define';
import { betaI, gammaP, invertCdf, lnBeta, lnGamma, normCdf, normInv, normPdf } from './special';

const opt = (name: string) => ({ name, optional: true });

function normal(name: string, x: number, mean: number, sd: number, cumulative: number): number | FormulaError {
  if (sd <= 0) return bad(name, 'standard_dev must be greater than 0');
  const z = (x - mean) / sd;
  return cumulative ? normCdf(z) : normPdf(z) / sd;
}

function normalInv(name: string, p: number, mean: number, sd: number): number | FormulaError {
  if (p <= 0 || p >= 1) return bad(name, 'probability must be between 0 and 1 (both excluded)');
  if (sd <= 0) return bad(name, 'standard_dev must be greater than 0');
  return mean + sd * normInv(p);
}

export const NORM_DIST = dist('NORM.DIST', 'The normal distribution: its cumulative probability (cumulative TRUE) or density at x.', ['x', 'mean', 'standard_dev', 'cumulative'], { formula: '=NORM.DIST(42, 40, 1.5, TRUE)', result: '0.908788780274132' }, (x, m, s, c) => normal('NORM.DIST', x, m, s, c));
export const NORMDIST = legacy(NORM_DIST, 'NORMDIST', { formula: '=NORMDIST(42, 40, 1.5, TRUE)', result: '0.908788780274132' });
export const NORM_INV = dist('NORM.INV', 'The x at which the normal distribution’s cumulative probability is p.', ['probability', 'mean', 'standard_dev'], { formula: '=NORM.INV(0.908788780274132, 40, 1.5)', result: '42' }, (p, m, s) => normalInv('NORM.INV', p, m, s));
export const NORMINV = legacy(NORM_INV, 'NORMINV', { formula: '=NORMINV(0.908788780274132, 40, 1.5)', result: '42' });
export const NORM_S_DIST = dist('NORM.S.DIST', 'The standard normal distribution (mean 0, standard deviation 1) at z.', ['z', 'cumulative'], { formula: '=NORM.S.DIST(1.333333, TRUE)', result: '0.908788725604095' }, (z, c) => normal('NORM.S.DIST', z, 0, 1, c));
export const NORMSDIST = dist('NORMSDIST', 'The cumulative standard normal distribution at z.', ['z'], { formula: '=NORMSDIST(1.333333)', result: '0.908788725604095' }, (z) => normCdf(z), { notes: 'Excel’s older name for NORM.S.DIST(z, TRUE).' });
export const NORM_S_INV = dist('NORM.S.INV', 'The z at which the standard normal cumulative probability is p.', ['probability'], { formula: '=NORM.S.INV(0.908789)', result: '1.33333467304411' }, (p) => normalInv('NORM.S.INV', p, 0, 1));
export const NORMSINV = legacy(NORM_S_INV, 'NORMSINV', { formula: '=NORMSINV(0.908789)', result: '1.33333467304411' });

function lognormal(name: string, x: number, mean: number, sd: number, cumulative: number): number | FormulaError {
  if (x <= 0) return bad(name, 'x must be greater than 0');
  if (sd <= 0) return bad(name, 'standard_dev must be greater than 0');
  const z = (Math.log(x) - mean) / sd;
  return cumulative ? normCdf(z) : normPdf(z) / (x * sd);
}

export const LOGNORM_DIST = dist('LOGNORM.DIST', 'The lognormal distribution of x, where ln(x) is normal with the given mean and standard deviation.', ['x', 'mean', 'standard_dev', 'cumulative'], { formula: '=LOGNORM.DIST(4, 3.5, 1.2, TRUE)', result: '0.0390835557068006' }, (x, m, s, c) => lognormal('LOGNORM.DIST', x, m, s, c));
export const LOGNORMDIST = dist('LOGNORMDIST', 'The cumulative lognormal distribution of x.', ['x', 'mean', 'standard_dev'], { formula: '=LOGNORMDIST(4, 3.5, 1.2)', result: '0.0390835557068006' }, (x, m, s) => lognormal('LOGNORMDIST', x, m, s, 1), { notes: 'Excel’s older name for LOGNORM.DIST(x, mean, standard_dev, TRUE).' });
const lognormInv = (name: string) => (p: number, m: number, s: number) => {
  const z = normalInv(name, p, m, s);
  return typeof z === 'number' ? Math.exp(z) : z;
};
export const LOGNORM_INV = dist('LOGNORM.INV', 'The inverse of the lognormal cumulative distribution.', ['probability', 'mean', 'standard_dev'], { formula: '=LOGNORM.INV(0.0390835557068005, 3.5, 1.2)', result: '3.99999999999999' }, lognormInv('LOGNORM.INV'));
export const LOGINV = legacy(LOGNORM_INV, 'LOGINV', { formula: '=LOGINV(0.0390835557068005, 3.5, 1.2)', result: '3.99999999999999' });

export const EXPON_DIST = dist('EXPON.DIST', 'The exponential distribution with rate lambda at x.', ['x', 'lambda', 'cumulative'], { formula: '=EXPON.DIST(0.2, 10, TRUE)', result: '0.864664716763387' }, (x, l, c) => {
  if (x < 0) return bad('EXPON.DIST', 'x must not be negative');
  if (l <= 0) return bad('EXPON.DIST', 'lambda must be greater than 0');
  return c ? -Math.expm1(-l * x) : l * Math.exp(-l * x);
});
export const EXPONDIST = legacy(EXPON_DIST, 'EXPONDIST', { formula: '=EXPONDIST(0.2, 10, TRUE)', result: '0.864664716763387' });

export const WEIBULL_DIST = dist('WEIBULL.DIST', 'The Weibull distribution with shape alpha and scale beta at x.', ['x', 'alpha', 'beta', 'cumulative'], { formula: '=WEIBULL.DIST(105, 20, 100, TRUE)', result: '0.929581390069277' }, (x, a, b, c) => {
  if (x < 0) return bad('WEIBULL.DIST', 'x must not be negative');
  if (a <= 0 || b <= 0) return bad('WEIBULL.DIST', 'alpha and beta must be greater than 0');
  const t = Math.pow(x / b, a);
  return c ? -Math.expm1(-t) : (a / b) * Math.pow(x / b, a - 1) * Math.exp(-t);
});
export const WEIBULL = legacy(WEIBULL_DIST, 'WEIBULL', { formula: '=WEIBULL(105, 20, 100, TRUE)', result: '0.929581390069277' });

/** The gamma density with shape a and scale b. */
export function gammaPdf(x: number, a: number, b: number): number {
  if (x === 0) return a < 1 ? Number.POSITIVE_INFINITY : a === 1 ? 1 / b : 0;
  return Math.exp((a - 1) * Math.log(x) - x / b - lnGamma(a) - a * Math.log(b));
}

/** The x where the gamma(a, scale b) distribution reaches p. */
export function gammaInv(p: number, a: number, b: number): number {
  if (p === 0) return 0;
  // Wilson–Hilferty's approximation as the first guess.
  const z = normInv(Math.min(Math.max(p, 1e-300), 1 - 1e-16));
  const w = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
  const guess = a * Math.pow(Math.max(w, 1e-3), 3);
  return b * invertCdf((x) => gammaP(a, x), (x) => gammaPdf(x, a, 1), p, 0, Number.POSITIVE_INFINITY, guess);
}

function gammaDist(name: string, x: number, a: number, b: number, c: number): number | FormulaError {
  if (x < 0) return bad(name, 'x must not be negative');
  if (a <= 0 || b <= 0) return bad(name, 'alpha and beta must be greater than 0');
  return c ? gammaP(a, x / b) : gammaPdf(x, a, b);
}

function gammaInverse(name: string, p: number, a: number, b: number): number | FormulaError {
  if (p < 0 || p >= 1) return bad(name, 'probability must be from 0 up to (not including) 1');
  if (a <= 0 || b <= 0) return bad(name, 'alpha and beta must be greater than 0');
  return gammaInv(p, a, b);
}

export const GAMMA_DIST = dist('GAMMA.DIST', 'The gamma distribution with shape alpha and scale beta at x.', ['x', 'alpha', 'beta', 'cumulative'], { formula: '=GAMMA.DIST(10.00001131, 9, 2, TRUE)', result: '0.0680940038697871' }, (x, a, b, c) => gammaDist('GAMMA.DIST', x, a, b, c));
export const GAMMADIST = legacy(GAMMA_DIST, 'GAMMADIST', { formula: '=GAMMADIST(10.00001131, 9, 2, TRUE)', result: '0.0680940038697871' });
export const GAMMA_INV = dist('GAMMA.INV', 'The x at which the gamma cumulative distribution reaches probability.', ['probability', 'alpha', 'beta'], { formula: '=GAMMA.INV(0.068094, 9, 2)', result: '10.0000111914372' }, (p, a, b) => gammaInverse('GAMMA.INV', p, a, b));
export const GAMMAINV = legacy(GAMMA_INV, 'GAMMAINV', { formula: '=GAMMAINV(0.068094, 9, 2)', result: '10.0000111914372' });

/** The beta density on [0, 1]. */
function betaPdf(x: number, a: number, b: number): number {
  if (x === 0) return a < 1 ? Number.POSITIVE_INFINITY : a === 1 ? b : 0;
  if (x === 1) return b < 1 ? Number.POSITIVE_INFINITY : b === 1 ? a : 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnBeta(a, b));
}

function betaDist(name: string, x: number, a: number, b: number, c: number, lo: number, hi: number): number | FormulaError {
  if (a <= 0 || b <= 0) return bad(name, 'alpha and beta must be greater than 0');
  if (x < lo || x > hi || lo === hi) return bad(name, 'x must lie between A and B, and A must differ from B');
  const t = (x - lo) / (hi - lo);
  return c ? betaI(t, a, b) : betaPdf(t, a, b) / (hi - lo);
}

function betaInverse(name: string, p: number, a: number, b: number, lo: number, hi: number): number | FormulaError {
  if (p <= 0 || p > 1) return bad(name, 'probability must be greater than 0 and at most 1');
  if (a <= 0 || b <= 0) return bad(name, 'alpha and beta must be greater than 0');
  if (lo >= hi) return bad(name, 'A must be less than B');
  const t = p === 1 ? 1 : invertCdf((x) => betaI(x, a, b), (x) => betaPdf(x, a, b), p, 0, 1, a / (a + b));
  return lo + t * (hi - lo);
}

export const BETA_DIST = dist('BETA.DIST', 'The beta distribution at x, on [A, B] (0 to 1 by default).', ['x', 'alpha', 'beta', 'cumulative', opt('A'), opt('B')], { formula: '=BETA.DIST(2, 8, 10, TRUE, 1, 3)', result: '0.685470581054687' }, (x, a, b, c, lo, hi) => betaDist('BETA.DIST', x, a, b, c, lo!, hi!), { defaults: [undefined, undefined, undefined, undefined, 0, 1] });
export const BETADIST = dist('BETADIST', 'The cumulative beta distribution at x, on [A, B] (0 to 1 by default).', ['x', 'alpha', 'beta', opt('A'), opt('B')], { formula: '=BETADIST(2, 8, 10, 1, 3)', result: '0.685470581054687' }, (x, a, b, lo, hi) => betaDist('BETADIST', x, a, b, 1, lo!, hi!), { defaults: [undefined, undefined, undefined, 0, 1], notes: 'Excel’s older name for BETA.DIST with cumulative TRUE.' });
export const BETA_INV = dist('BETA.INV', 'The x at which the beta cumulative distribution on [A, B] reaches probability.', ['probability', 'alpha', 'beta', opt('A'), opt('B')], { formula: '=BETA.INV(0.685470581, 8, 10, 1, 3)', result: '1.99999999996314' }, (p, a, b, lo, hi) => betaInverse('BETA.INV', p, a, b, lo!, hi!), { defaults: [undefined, undefined, undefined, 0, 1] });
export const BETAINV = legacy(BETA_INV, 'BETAINV', { formula: '=BETAINV(0.685470581, 8, 10, 1, 3)', result: '1.99999999996314' });

export const CONTINUOUS: FunctionSpec[] = [NORM_DIST, NORMDIST, NORM_INV, NORMINV, NORM_S_DIST, NORMSDIST, NORM_S_INV, NORMSINV, LOGNORM_DIST, LOGNORMDIST, LOGNORM_INV, LOGINV, EXPON_DIST, EXPONDIST, WEIBULL_DIST, WEIBULL, GAMMA_DIST, GAMMADIST, GAMMA_INV, GAMMAINV, BETA_DIST, BETADIST, BETA_INV, BETAINV];
