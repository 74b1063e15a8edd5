import type { FunctionSpec } from '../../catalog';
import type { FormulaError } from '../../errors';
import { checkFrequencyBasis, d, financial, NUM, p } from './shared';
import { couponCount, couponDays, couponDaysBefore } from './schedule';

// Bonds with regular coupons: PRICE and its inverse YIELD, DURATION and MDURATION (Excel's formulas,
// with the coupon period E, the days A since its start and N coupons to maturity).

interface Terms {
  n: number;
  e: number;
  a: number;
}

function terms(settlement: number, maturity: number, frequency: number, basis: number): Terms {
  return {
    n: couponCount(settlement, maturity, frequency),
    e: couponDays(settlement, maturity, frequency, basis),
    a: couponDaysBefore(settlement, maturity, frequency, basis),
  };
}

/** The clean price per 100 of face value. */
export function price(t: Terms, rate: number, yld: number, redemption: number, frequency: number): number {
  const { n, e, a } = t;
  const dsc = (e - a) / e;
  const coupon = (100 * rate) / frequency;
  const accrued = (coupon * a) / e;
  // One coupon left: simple interest over the rest of the period.
  if (n === 1) return (redemption + coupon) / (1 + (dsc * yld) / frequency) - accrued;
  const v = 1 + yld / frequency;
  let sum = redemption / Math.pow(v, n - 1 + dsc);
  for (let k = 1; k <= n; k++) sum += coupon / Math.pow(v, k - 1 + dsc);
  return sum - accrued;
}

/** The yield at which `priceAt` gives `target`: Newton's method from a start, then bisection. */
export function solveYield(name: string, target: number, start: number, priceAt: (y: number) => number): number | FormulaError {
  const f = (y: number) => priceAt(y) - target;
  let y = start;
  for (let i = 0; i < 100; i++) {
    const fy = f(y);
    const h = 1e-6 * Math.max(1, Math.abs(y));
    const slope = (f(y + h) - f(y - h)) / (2 * h);
    if (!Number.isFinite(fy) || !Number.isFinite(slope) || slope === 0) break;
    const next = y - fy / slope;
    if (!(next > -1) || !Number.isFinite(next)) break;
    if (Math.abs(next - y) <= 1e-14 * Math.max(1, Math.abs(y))) return next;
    y = next;
  }
  if (Math.abs(f(y)) < 1e-9 * Math.max(1, Math.abs(target))) return y;
  let [lo, hi] = [-0.9999, 100];
  let flo = f(lo);
  if (!(flo * f(hi) <= 0)) return NUM(`${name}: no yield gives this price.`);
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm * flo <= 0) hi = mid;
    else [lo, flo] = [mid, fm];
  }
  return (lo + hi) / 2;
}

const BOND = [d('settlement'), d('maturity'), p('rate')];

/** Checks common to PRICE, YIELD and DURATION; undefined when the arguments are fine. */
function check(name: string, s: number, m: number, f: number, b: number): FormulaError | undefined {
  return checkFrequencyBasis(name, f, b) ?? (s >= m ? NUM(`${name}: the settlement must be before maturity.`) : undefined);
}

export const PRICE = financial(
  'PRICE',
  'The price per 100 of face value of a security that pays periodic interest, at a yield.',
  [...BOND, p('yld'), p('redemption'), p('frequency'), p('basis', 0)],
  { formula: '=PRICE(DATE(2008, 2, 15), DATE(2017, 11, 15), 0.0575, 0.065, 100, 2, 0)', result: '94.6343616213221' },
  (s, m, rate, yld, redemption, f, b) => {
    const bad = check('PRICE', s, m, f, b);
    if (bad) return bad;
    if (rate < 0 || yld < 0 || redemption <= 0) return NUM('PRICE: rate and yld must not be negative, redemption must be positive.');
    const [fr, br] = [Math.trunc(f), Math.trunc(b)];
    return price(terms(s, m, fr, br), rate, yld, redemption, fr);
  },
);

export const YIELD = financial(
  'YIELD',
  'The yield of a security that pays periodic interest, at a price per 100 of face value.',
  [...BOND, p('pr'), p('redemption'), p('frequency'), p('basis', 0)],
  { formula: '=YIELD(DATE(2008, 2, 15), DATE(2016, 11, 15), 0.0575, 95.04287, 100, 2, 0)', result: '0.0650000068807546' },
  (s, m, rate, pr, redemption, f, b) => {
    const bad = check('YIELD', s, m, f, b);
    if (bad) return bad;
    if (rate < 0 || pr <= 0 || redemption <= 0) return NUM('YIELD: rate must not be negative, pr and redemption must be positive.');
    const [fr, br] = [Math.trunc(f), Math.trunc(b)];
    const t = terms(s, m, fr, br);
    if (t.n === 1) {
      // One coupon left: Excel's closed form.
      const coupon = rate / fr;
      const paid = pr / 100 + (t.a / t.e) * coupon;
      return ((redemption / 100 + coupon - paid) / paid) * ((fr * t.e) / (t.e - t.a));
    }
    return solveYield('YIELD', pr, rate, (y) => price(t, rate, y, redemption, fr));
  },
);

/** Macaulay duration in years. */
function duration(t: Terms, rate: number, yld: number, frequency: number): number {
  const dsc = (t.e - t.a) / t.e;
  const coupon = (100 * rate) / frequency;
  const v = 1 + yld / frequency;
  let [weighted, total] = [0, 0];
  for (let k = 1; k <= t.n; k++) {
    const time = dsc + k - 1;
    const flow = (coupon + (k === t.n ? 100 : 0)) / Math.pow(v, time);
    weighted += time * flow;
    total += flow;
  }
  return weighted / total / frequency;
}

function durationSpec(name: string, modified: boolean): FunctionSpec {
  return financial(
    name,
    modified
      ? 'The modified Macaulay duration of a security per 100 of face value (the duration over 1 + yld/frequency).'
      : 'The Macaulay duration in years of a security that pays periodic interest, per 100 of face value.',
    [...BOND.slice(0, 2), p('coupon'), p('yld'), p('frequency'), p('basis', 0)],
    modified
      ? { formula: '=MDURATION(DATE(2008, 1, 1), DATE(2016, 1, 1), 0.08, 0.09, 2, 1)', result: '5.73566981391884' }
      : { formula: '=DURATION(DATE(2018, 7, 1), DATE(2048, 1, 1), 0.08, 0.09, 2, 1)', result: '10.9191452815919' },
    (s, m, rate, yld, f, b) => {
      const bad = check(name, s, m, f, b);
      if (bad) return bad;
      if (rate < 0 || yld < 0) return NUM(`${name}: coupon and yld must not be negative.`);
      const [fr, br] = [Math.trunc(f), Math.trunc(b)];
      const years = duration(terms(s, m, fr, br), rate, yld, fr);
      return modified ? years / (1 + yld / fr) : years;
    },
  );
}
export const DURATION = durationSpec('DURATION', false);
export const MDURATION = durationSpec('MDURATION', true);
