/** The sampling distributions: CHISQ, T and F, with their right tails, inverses and older names. */
import type { FunctionSpec } from '../../../catalog';
import type { FormulaError } from '../../../errors';
import { gammaInv, gammaPdf } from './continuous';
import { bad, dist, legacy } from './define';
import { betaI, gammaP, gammaQ, invertCdf, lnBeta, normPdf } from './special';

const MAX_DF = 1e10;

/** CHISQ and F take degrees of freedom from 1 up to 10^10; T only bounds them below. */
function dfCheck(name: string, ...dfs: number[]): FormulaError | undefined {
  const bounded = !name.startsWith('T');
  return dfs.some((d) => d < 1 || (bounded && d >= MAX_DF)) ? bad(name, `the degrees of freedom must be at least 1${bounded ? ' and below 10^10' : ''}`) : undefined;
}

function probabilityCheck(name: string, p: number): FormulaError | undefined {
  return p < 0 || p > 1 ? bad(name, 'probability must be between 0 and 1') : undefined;
}

// ---- chi-squared: a gamma distribution with shape df/2 and scale 2

function chisq(name: string, x: number, df: number, tail: 'left' | 'right' | 'density'): number | FormulaError {
  const k = Math.trunc(df);
  if (x < 0) return bad(name, 'x must not be negative');
  const e = dfCheck(name, k);
  if (e) return e;
  if (tail === 'density') return gammaPdf(x, k / 2, 2);
  return tail === 'left' ? gammaP(k / 2, x / 2) : gammaQ(k / 2, x / 2);
}

function chisqInv(name: string, p: number, df: number, right: boolean): number | FormulaError {
  const k = Math.trunc(df);
  const e = probabilityCheck(name, p) ?? dfCheck(name, k);
  if (e) return e;
  const q = right ? 1 - p : p;
  if (q >= 1) return bad(name, 'the probability leaves no finite x');
  if (right && p < 1e-300) return bad(name, 'probability must be greater than 0');
  return gammaInv(q, k / 2, 2);
}

export const CHISQ_DIST = dist('CHISQ.DIST', 'The chi-squared distribution: cumulative (left tail) or density at x.', ['x', 'deg_freedom', 'cumulative'], { formula: '=CHISQ.DIST(0.5, 1, TRUE)', result: '0.520499877813047' }, (x, df, c) => chisq('CHISQ.DIST', x, df, c ? 'left' : 'density'), { notes: 'deg_freedom is truncated to an integer.' });
export const CHISQ_DIST_RT = dist('CHISQ.DIST.RT', 'The right-tailed probability of the chi-squared distribution.', ['x', 'deg_freedom'], { formula: '=CHISQ.DIST.RT(18.307, 10)', result: '0.0500005890913982' }, (x, df) => chisq('CHISQ.DIST.RT', x, df, 'right'));
export const CHIDIST = legacy(CHISQ_DIST_RT, 'CHIDIST', { formula: '=CHIDIST(18.307, 10)', result: '0.0500005890913982' });
export const CHISQ_INV = dist('CHISQ.INV', 'The inverse of the left-tailed chi-squared distribution.', ['probability', 'deg_freedom'], { formula: '=CHISQ.INV(0.93, 1)', result: '3.28302028675953' }, (p, df) => chisqInv('CHISQ.INV', p, df, false));
export const CHISQ_INV_RT = dist('CHISQ.INV.RT', 'The inverse of the right-tailed chi-squared distribution.', ['probability', 'deg_freedom'], { formula: '=CHISQ.INV.RT(0.050001, 10)', result: '18.3069734569611' }, (p, df) => chisqInv('CHISQ.INV.RT', p, df, true));
export const CHIINV = legacy(CHISQ_INV_RT, 'CHIINV', { formula: '=CHIINV(0.050001, 10)', result: '18.3069734569611' });

// ---- Student's t

/** P(T > t) for t ≥ 0. */
function tRight(t: number, df: number): number {
  // Past 10^8 degrees of freedom the incomplete beta's fraction cancels near its turning point;
  // there the normal tail with its 1/df correction is exact to about t^8 / (32 df²).
  if (df >= 1e8 && t < 10) return 0.5 * gammaQ(0.5, (t * t) / 2) + (normPdf(t) * (t * t * t + t)) / (4 * df);
  return 0.5 * betaI(df / (df + t * t), df / 2, 0.5, (t * t) / (df + t * t));
}

function tCdf(t: number, df: number): number {
  return t >= 0 ? 1 - tRight(t, df) : tRight(-t, df);
}

function tPdf(t: number, df: number): number {
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - lnBeta(df / 2, 0.5));
}

/** The t with P(T ≤ t) = p. */
function tInv(p: number, df: number): number {
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  // Solve for the tail where the probability is small, to keep its digits.
  const t = invertCdf((x) => -tRight(x, df), (x) => tPdf(x, df), -q, 0, Number.POSITIVE_INFINITY, 1);
  return upper ? t : -t;
}

export const T_DIST = dist('T.DIST', 'Student’s t distribution: cumulative (left tail) or density at x.', ['x', 'deg_freedom', 'cumulative'], { formula: '=T.DIST(60, 1, TRUE)', result: '0.994695326367377' }, (x, df, c) => dfCheck('T.DIST', df) ?? (c ? tCdf(x, Math.trunc(df)) : tPdf(x, Math.trunc(df))), { notes: 'deg_freedom is truncated to an integer.' });
export const T_DIST_RT = dist('T.DIST.RT', 'The right-tailed Student’s t distribution.', ['x', 'deg_freedom'], { formula: '=T.DIST.RT(1.959999998, 60)', result: '0.0273224649879603' }, (x, df) => dfCheck('T.DIST.RT', df) ?? 1 - tCdf(x, Math.trunc(df)));
export const T_DIST_2T = dist('T.DIST.2T', 'The two-tailed Student’s t distribution, for x ≥ 0.', ['x', 'deg_freedom'], { formula: '=T.DIST.2T(1.959999998, 60)', result: '0.0546449299759207' }, (x, df) => {
  if (x < 0) return bad('T.DIST.2T', 'x must not be negative');
  return dfCheck('T.DIST.2T', df) ?? 2 * tRight(x, Math.trunc(df));
});
export const TDIST = dist('TDIST', 'Student’s t distribution’s one tail (tails 1) or both tails (tails 2) beyond x ≥ 0.', ['x', 'deg_freedom', 'tails'], { formula: '=TDIST(1.959999998, 60, 2)', result: '0.0546449299759207' }, (x, df, tails) => {
  const [k, n] = [Math.trunc(df), Math.trunc(tails)];
  if (x < 0) return bad('TDIST', 'x must not be negative');
  if (n !== 1 && n !== 2) return bad('TDIST', 'tails must be 1 or 2');
  return dfCheck('TDIST', k) ?? n * tRight(x, k);
}, { notes: 'Excel’s older function; deg_freedom and tails are truncated to integers.' });
export const T_INV = dist('T.INV', 'The left-tailed inverse of Student’s t distribution.', ['probability', 'deg_freedom'], { formula: '=T.INV(0.75, 2)', result: '0.816496580927724' }, (p, df) => {
  if (p <= 0 || p >= 1) return bad('T.INV', 'probability must be between 0 and 1 (both excluded)');
  return dfCheck('T.INV', df) ?? tInv(p, Math.trunc(df));
});
export const T_INV_2T = dist('T.INV.2T', 'The two-tailed inverse of Student’s t distribution.', ['probability', 'deg_freedom'], { formula: '=T.INV.2T(0.546449, 60)', result: '0.606533075825758' }, (p, df) => {
  if (p <= 0 || p > 1) return bad('T.INV.2T', 'probability must be greater than 0 and at most 1');
  return dfCheck('T.INV.2T', df) ?? tInv(1 - p / 2, Math.trunc(df));
});
export const TINV = legacy(T_INV_2T, 'TINV', { formula: '=TINV(0.546449, 60)', result: '0.606533075825758' });

// ---- F

function fCdf(x: number, d1: number, d2: number): number {
  return betaI((d1 * x) / (d1 * x + d2), d1 / 2, d2 / 2, d2 / (d1 * x + d2));
}

/** The right tail, computed as its own incomplete beta so small tails keep their digits. */
function fRight(x: number, d1: number, d2: number): number {
  return betaI(d2 / (d2 + d1 * x), d2 / 2, d1 / 2, (d1 * x) / (d2 + d1 * x));
}

function fPdf(x: number, d1: number, d2: number): number {
  if (x === 0) return d1 < 2 ? Number.POSITIVE_INFINITY : d1 === 2 ? 1 : 0;
  return Math.exp((d1 / 2) * Math.log((d1 * x) / (d1 * x + d2)) + (d2 / 2) * Math.log(d2 / (d1 * x + d2)) - Math.log(x) - lnBeta(d1 / 2, d2 / 2));
}

function fDist(name: string, x: number, df1: number, df2: number, tail: 'left' | 'right' | 'density'): number | FormulaError {
  const [d1, d2] = [Math.trunc(df1), Math.trunc(df2)];
  if (x < 0) return bad(name, 'x must not be negative');
  const e = dfCheck(name, d1, d2);
  if (e) return e;
  return tail === 'left' ? fCdf(x, d1, d2) : tail === 'right' ? fRight(x, d1, d2) : fPdf(x, d1, d2);
}

function fInv(name: string, p: number, df1: number, df2: number, right: boolean): number | FormulaError {
  const [d1, d2] = [Math.trunc(df1), Math.trunc(df2)];
  const e = probabilityCheck(name, p) ?? dfCheck(name, d1, d2);
  if (e) return e;
  const q = right ? 1 - p : p;
  if (q >= 1) return bad(name, 'the probability leaves no finite x');
  if (q === 0) return 0;
  if (right) return invertCdf((x) => -fRight(x, d1, d2), (x) => fPdf(x, d1, d2), -p, 0, Number.POSITIVE_INFINITY, 1);
  return invertCdf((x) => fCdf(x, d1, d2), (x) => fPdf(x, d1, d2), p, 0, Number.POSITIVE_INFINITY, 1);
}

export const F_DIST = dist('F.DIST', 'The F distribution: cumulative (left tail) or density at x.', ['x', 'deg_freedom1', 'deg_freedom2', 'cumulative'], { formula: '=F.DIST(15.2069, 6, 4, TRUE)', result: '0.990000043002763' }, (x, a, b, c) => fDist('F.DIST', x, a, b, c ? 'left' : 'density'), { notes: 'The degrees of freedom are truncated to integers.' });
export const F_DIST_RT = dist('F.DIST.RT', 'The right-tailed F distribution.', ['x', 'deg_freedom1', 'deg_freedom2'], { formula: '=F.DIST.RT(15.2069, 6, 4)', result: '0.00999995699723729' }, (x, a, b) => fDist('F.DIST.RT', x, a, b, 'right'));
export const FDIST = legacy(F_DIST_RT, 'FDIST', { formula: '=FDIST(15.2069, 6, 4)', result: '0.00999995699723729' });
export const F_INV = dist('F.INV', 'The inverse of the left-tailed F distribution.', ['probability', 'deg_freedom1', 'deg_freedom2'], { formula: '=F.INV(0.01, 6, 4)', result: '0.109309914124579' }, (p, a, b) => fInv('F.INV', p, a, b, false));
export const F_INV_RT = dist('F.INV.RT', 'The inverse of the right-tailed F distribution.', ['probability', 'deg_freedom1', 'deg_freedom2'], { formula: '=F.INV.RT(0.01, 6, 4)', result: '15.2068648611575' }, (p, a, b) => fInv('F.INV.RT', p, a, b, true));
export const FINV = legacy(F_INV_RT, 'FINV', { formula: '=FINV(0.01, 6, 4)', result: '15.2068648611575' });

export { tCdf, tInv, tRight, fRight };

export const SAMPLING: FunctionSpec[] = [CHISQ_DIST, CHISQ_DIST_RT, CHIDIST, CHISQ_INV, CHISQ_INV_RT, CHIINV, T_DIST, T_DIST_RT, T_DIST_2T, TDIST, T_INV, T_INV_2T, TINV, F_DIST, F_DIST_RT, FDIST, F_INV, F_INV_RT, FINV];
