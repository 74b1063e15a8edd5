import type { FunctionSpec } from '../../catalog';
import { isFormulaError, type FormulaError } from '../../errors';
import { atpNumbers, NUM } from './shared';

// ---- BESSELJ, BESSELY, BESSELI, BESSELK (whole orders n ≥ 0, truncated as in Excel)
//
// J by Miller's backward recurrence (stable for every x, normalised by J0 + 2·ΣJ2k = 1); Y0 and
// Y1 by their Neumann series over those J, then Y upwards by recurrence (stable that way); I by
// its power series (all terms positive, no cancellation); K0 and K1 by the integral
// ∫ exp(-x·cosh t)·cosh(n·t) dt with the trapezoid rule (exponentially accurate for this
// integrand), then K upwards by recurrence.

const EULER = 0.5772156649015329;

/** J0(x) … J_m(x) for some m ≥ n. */
function besselJs(x: number, n: number): number[] {
  const ax = Math.abs(x);
  const top = Math.max(n, ax);
  const m = 2 * Math.ceil((top + 30 + Math.sqrt(60 * top)) / 2);
  const j = new Array<number>(m + 2).fill(0);
  j[m] = 1e-300;
  for (let k = m; k >= 1; k--) {
    j[k - 1] = ((2 * k) / ax) * j[k]! - j[k + 1]!;
    // Rescale before the values overflow; the normalisation below undoes any scale.
    if (Math.abs(j[k - 1]!) > 1e250) for (let i = k - 1; i <= m; i++) j[i] = j[i]! * 1e-250;
  }
  let norm = j[0]!;
  for (let k = 2; k <= m; k += 2) norm += 2 * j[k]!;
  return j.map((v, k) => ((x < 0 && k % 2 === 1 ? -v : v) / norm));
}

export function besselJ(x: number, n: number): number {
  if (x === 0) return n === 0 ? 1 : 0;
  return besselJs(x, n)[n]!;
}

export function besselY(x: number, n: number): number {
  const J = besselJs(x, 2);
  let s0 = 0;
  let s1 = 0;
  for (let k = 1; 2 * k + 1 < J.length; k++) {
    const sign = k % 2 === 1 ? -1 : 1;
    s0 += (sign * J[2 * k]!) / k;
    s1 += (sign * (2 * k + 1) * J[2 * k + 1]!) / (k * (k + 1));
  }
  const L = Math.log(x / 2) + EULER;
  let y0 = (2 / Math.PI) * (L * J[0]! - 2 * s0);
  let y1 = (2 / Math.PI) * ((L - 1) * J[1]! - s1) - (2 / (Math.PI * x)) * J[0]!;
  if (n === 0) return y0;
  for (let k = 1; k < n; k++) [y0, y1] = [y1, ((2 * k) / x) * y1 - y0];
  return y1;
}

export function besselI(x: number, n: number): number {
  const h = x / 2;
  let term = 1;
  for (let i = 1; i <= n; i++) term *= h / i;
  let sum = term;
  for (let k = 1; k < 1000; k++) {
    term *= (h * h) / (k * (k + n));
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** ∫₀^∞ exp(-x·cosh t)·cosh(n·t) dt by the trapezoid rule. */
function kIntegral(x: number, n: number): number {
  const h = 0.05;
  let sum = 0.5 * Math.exp(-x);
  for (let t = h; ; t += h) {
    const f = Math.exp(-x * Math.cosh(t)) * Math.cosh(n * t);
    sum += f;
    if (f < 1e-18 * sum || t > 50) break;
  }
  return sum * h;
}

export function besselK(x: number, n: number): number {
  let k0 = kIntegral(x, 0);
  let k1 = kIntegral(x, 1);
  if (n === 0) return k0;
  for (let k = 1; k < n; k++) [k0, k1] = [k1, k0 + ((2 * k) / x) * k1];
  return k1;
}

function bessel(name: string, summary: string, fn: (x: number, n: number) => number, positiveX: boolean, example: FunctionSpec['example']): FunctionSpec {
  return {
    name,
    category: 'engineering',
    summary,
    params: [{ name: 'x' }, { name: 'n' }],
    notes: 'n is truncated to a whole number; a negative n is #NUM!.',
    example,
    scalar(args): number | FormulaError {
      const xs = atpNumbers(args, name, [undefined, undefined]);
      if (isFormulaError(xs)) return xs;
      const [x, n] = [xs[0]!, Math.trunc(xs[1]!)];
      if (n < 0) return NUM(`${name}: the order n must be 0 or more.`);
      if (positiveX && x <= 0) return NUM(`${name}: x must be greater than 0.`);
      const r = fn(x, n);
      return Number.isFinite(r) ? r : NUM(`${name}: the result is too large.`);
    },
  };
}

export const BESSEL_FUNCTIONS: FunctionSpec[] = [
  bessel('BESSELJ', 'The Bessel function of the first kind, Jn(x).', besselJ, false, { formula: '=BESSELJ(1.9, 2)', result: '0.329925727692387' }),
  bessel('BESSELY', 'The Bessel function of the second kind, Yn(x), for x > 0.', besselY, true, { formula: '=BESSELY(2.5, 1)', result: '0.145918137966786' }),
  bessel('BESSELI', 'The modified Bessel function In(x).', besselI, false, { formula: '=BESSELI(1.5, 1)', result: '0.981666428577908' }),
  bessel('BESSELK', 'The modified Bessel function Kn(x), for x > 0.', besselK, true, { formula: '=BESSELK(1.5, 1)', result: '0.277387800456843' }),
];
