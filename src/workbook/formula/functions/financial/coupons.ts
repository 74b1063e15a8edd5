import type { FunctionSpec } from '../../catalog';
import { DateValue } from '../../values';
import { yearFrac } from '../date/day-count';
import { checkBasis, checkFrequencyBasis, d, financial, NUM, p } from './shared';
import { addMonths, couponCount, couponDates, couponDays, couponDaysAfter, couponDaysBefore, daysBetween, days360us, isMonthEnd } from './schedule';

// The COUP* family (a bond's coupon period around settlement) and accrued interest.

type CouponFn = (settlement: number, maturity: number, frequency: number, basis: number) => number | DateValue;

function coupon(name: string, summary: string, example: FunctionSpec['example'], fn: CouponFn): FunctionSpec {
  const spec = financial(name, summary, [d('settlement'), d('maturity'), p('frequency'), p('basis', 0)], example, (s, m, f0, b0) => {
    const bad = checkFrequencyBasis(name, f0, b0);
    if (bad) return bad;
    if (s >= m) return NUM(`${name}: the settlement must be before maturity.`);
    const r = fn(s, m, Math.trunc(f0), Math.trunc(b0));
    return r instanceof DateValue ? r.serial : r;
  });
  if (name !== 'COUPNCD' && name !== 'COUPPCD') return spec;
  // These two answer with a date.
  return { ...spec, scalar: (args, ctx) => {
    const r = spec.scalar(args, ctx);
    return typeof r === 'number' ? new DateValue(r) : r;
  } };
}

export const COUPDAYBS = coupon(
  'COUPDAYBS',
  'The days from the start of the coupon period to the settlement date.',
  { formula: '=COUPDAYBS(DATE(2011, 1, 25), DATE(2011, 11, 15), 2, 1)', result: '71' },
  couponDaysBefore,
);

export const COUPDAYS = coupon(
  'COUPDAYS',
  'The days in the coupon period that holds the settlement date.',
  { formula: '=COUPDAYS(DATE(2011, 1, 25), DATE(2011, 11, 15), 2, 1)', result: '181' },
  couponDays,
);

export const COUPDAYSNC = coupon(
  'COUPDAYSNC',
  'The days from the settlement date to the next coupon date.',
  { formula: '=COUPDAYSNC(DATE(2011, 1, 25), DATE(2011, 11, 15), 2, 1)', result: '110' },
  couponDaysAfter,
);

export const COUPNCD = coupon(
  'COUPNCD',
  'The next coupon date after the settlement date.',
  { formula: '=COUPNCD(DATE(2011, 1, 25), DATE(2011, 11, 15), 2, 1)', result: '2011-05-15' },
  (s, m, f) => new DateValue(couponDates(s, m, f).ncd),
);

export const COUPPCD = coupon(
  'COUPPCD',
  'The last coupon date on or before the settlement date.',
  { formula: '=COUPPCD(DATE(2011, 1, 25), DATE(2011, 11, 15), 2, 1)', result: '2010-11-15' },
  (s, m, f) => new DateValue(couponDates(s, m, f).pcd),
);

export const COUPNUM = coupon(
  'COUPNUM',
  'The number of coupons payable between the settlement date and maturity.',
  { formula: '=COUPNUM(DATE(2007, 1, 25), DATE(2008, 11, 15), 2, 1)', result: '4' },
  (s, m, f) => couponCount(s, m, f),
);

/** A period's length under a basis, for ACCRINT's issue stub. */
function stubLength(start: number, end: number, basis: number, frequency: number): number {
  if (basis === 0) return days360us(start, end, true);
  if (basis === 3) return 365 / frequency;
  return daysBetween(start, end, basis, true);
}

/**
 * ACCRINT as Excel sums it: over the quasi-coupon periods from issue to settlement, each period's
 * accrued days over its normal length, stepping back from first_interest by 12/frequency months.
 */
function accrint(issue: number, first: number, settlement: number, rate: number, par: number, frequency: number, basis: number, fromIssue: boolean): number {
  const step = 12 / frequency;
  const toEnd = isMonthEnd(first);
  const regularStart = addMonths(first, -step, toEnd);
  let pcd = regularStart;
  if (settlement > first && fromIssue) {
    // Walk forward from first_interest to the coupon date before settlement.
    let [front, trailing] = [first, settlement];
    while (front < settlement) {
      trailing = front;
      front = addMonths(front, step, toEnd);
    }
    pcd = trailing;
  }
  const regularLength = basis === 1 ? first - regularStart : basis === 3 ? 365 / frequency : 360 / frequency;
  let sum = daysBetween(Math.max(issue, pcd), settlement, basis) / regularLength;
  for (let end = pcd; end > issue; ) {
    const start = addMonths(end, -step, toEnd);
    if (issue <= start) sum += fromIssue ? 1 : 0;
    else sum += (basis === 0 ? days360us(issue, end) : daysBetween(issue, end, basis)) / stubLength(start, end, basis, frequency);
    end = start;
  }
  return ((par * rate) / frequency) * sum;
}

export const ACCRINT = financial(
  'ACCRINT',
  'The accrued interest of a security that pays periodic interest, from issue (or the first interest date) to settlement.',
  [d('issue'), d('first_interest'), d('settlement'), p('rate'), p('par', 1000), p('frequency'), p('basis', 0), p('calc_method', 1)],
  { formula: '=ACCRINT(DATE(2008, 3, 1), DATE(2008, 8, 31), DATE(2008, 5, 1), 0.1, 1000, 2, 0)', result: '16.6666666666667' },
  (issue, first, settlement, rate, par, f0, b0, calc) => {
    const bad = checkFrequencyBasis('ACCRINT', f0, b0);
    if (bad) return bad;
    if (rate <= 0 || par <= 0) return NUM('ACCRINT: rate and par must be positive.');
    if (issue >= settlement) return NUM('ACCRINT: the issue must be before settlement.');
    return accrint(issue, first, settlement, rate, par, Math.trunc(f0), Math.trunc(b0), calc !== 0);
  },
);

export const ACCRINTM = financial(
  'ACCRINTM',
  'The accrued interest of a security that pays interest at maturity.',
  [d('issue'), d('settlement'), p('rate'), p('par', 1000), p('basis', 0)],
  { formula: '=ACCRINTM(DATE(2008, 4, 1), DATE(2008, 6, 15), 0.1, 1000, 3)', result: '20.5479452054795' },
  (issue, settlement, rate, par, b0) => {
    const bad = checkBasis('ACCRINTM', b0);
    if (bad) return bad;
    if (rate <= 0 || par <= 0) return NUM('ACCRINTM: rate and par must be positive.');
    if (issue >= settlement) return NUM('ACCRINTM: the issue must be before settlement.');
    return par * rate * yearFrac(issue, settlement, Math.trunc(b0));
  },
);
