import type { FunctionSpec } from '../../catalog';
import type { FormulaError } from '../../errors';
import { daysInMonth, ymd } from '../date/shared';
import { solveYield } from './bonds';
import { checkFrequencyBasis, d, financial, NUM, p } from './shared';
import { addMonths, couponCount, couponDates, couponDays, daysBetween, days360us, isMonthEnd } from './schedule';

// Bonds whose first or last coupon period is odd (shorter or longer than the others), priced as
// Excel prices them: each quasi-coupon period of the odd one weighted by its own length.

const days = (a: number, b: number, basis: number) => Math.max(0, daysBetween(a, b, basis));
/** Basis 0 counts the odd last period with both dates moved off the 31st (Excel's 30/360 both-dates rule). */
const daysBoth = (a: number, b: number, basis: number) => (basis === 0 ? Math.max(0, days360us(a, b, true)) : days(a, b, basis));

/** The whole quasi-coupon periods from settlement up to `anchor`, stepping `step` months. */
function quasiCoupons(anchor: number, settlement: number, step: number): number {
  const a = ymd(anchor);
  // An anchor on the 29th or 30th of a longer month follows settlement's month-end-ness.
  const odd = !isMonthEnd(anchor) && a.m !== 2 && a.d > 28 && a.d < daysInMonth(a.y, a.m);
  const toEnd = odd ? isMonthEnd(settlement) : isMonthEnd(anchor);
  const start = addMonths(settlement, 0, toEnd);
  let count = settlement < start ? 1 : 0;
  for (let front = addMonths(start, step, toEnd); front < anchor; front = addMonths(front, step, toEnd)) count++;
  return count;
}

interface Bond {
  settlement: number;
  maturity: number;
  rate: number;
  redemption: number;
  frequency: number;
  basis: number;
}

/** ODDFPRICE's clean price at a yield. */
function oddFirstPrice(b: Bond, issue: number, first: number, yld: number): number {
  const { settlement, maturity, rate, redemption, frequency: m, basis } = b;
  const step = 12 / m;
  const coupon = (100 * rate) / m;
  const e = couponDays(settlement, first, m, basis);
  const dfc = days(issue, first, basis);
  const x = yld / m + 1;
  if (dfc < e) {
    // A short first period.
    const n = couponCount(settlement, maturity, m);
    const y = days(settlement, first, basis) / e;
    let sum = redemption / Math.pow(x, n - 1 + y) + (coupon * dfc) / e / Math.pow(x, y);
    for (let k = 2; k <= n; k++) sum += coupon / Math.pow(x, k - 1 + y);
    return sum - (days(issue, settlement, basis) / e) * coupon;
  }
  // A long first period: its quasi-coupon periods, back from the first coupon.
  let [late, dcnl, anl] = [first, 0, 0];
  for (let index = couponCount(issue, first, m); index >= 1; index--) {
    const early = addMonths(late, -step, false);
    const nl = basis === 1 ? days(early, late, basis) : e;
    const dci = index > 1 ? nl : days(issue, late, basis);
    dcnl += dci / nl;
    anl += days(Math.max(issue, early), Math.min(settlement, late), basis) / nl;
    late = early;
  }
  const around = couponDates(settlement, first, m);
  const dsc = basis === 2 || basis === 3 ? days(settlement, around.ncd, basis) : e - daysBetween(around.pcd, settlement, basis);
  const nq = quasiCoupons(first, settlement, step);
  const n = couponCount(first, maturity, m);
  const y = dsc / e;
  let sum = redemption / Math.pow(x, y + nq + n) + (coupon * dcnl) / Math.pow(x, nq + y);
  for (let k = 1; k <= n; k++) sum += coupon / Math.pow(x, k + nq + y);
  return sum - coupon * anl;
}

/** ODDLPRICE's price at a yield, or ODDLYIELD's yield at a price (a closed form both ways). */
function oddLast(b: Bond, last: number, value: number, wantPrice: boolean): number {
  const { settlement, maturity, rate, redemption, frequency: m, basis } = b;
  const step = 12 / m;
  const nc = couponCount(last, maturity, m);
  let [early, dcnl, anl, dscnl] = [last, 0, 0, 0];
  for (let index = 1; index <= nc; index++) {
    const late = addMonths(early, step, false);
    const nl = daysBoth(early, late, basis);
    const dci = index < nc ? nl : daysBoth(early, maturity, basis);
    const a = late < settlement ? dci : early < settlement ? days(early, settlement, basis) : 0;
    dcnl += dci / nl;
    anl += a / nl;
    dscnl += days(Math.max(settlement, early), Math.min(maturity, late), basis) / nl;
    early = late;
  }
  const coupon = (100 * rate) / m;
  const total = dcnl * coupon + redemption;
  if (wantPrice) return total / ((dscnl * value) / m + 1) - anl * coupon;
  const paid = anl * coupon + value;
  return ((total - paid) / paid) * (m / dscnl);
}

type Check = (bond: Bond, dates: number[], money: number) => FormulaError | undefined;

function oddSpec(
  name: string,
  summary: string,
  dateNames: string[],
  moneyName: 'yld' | 'pr',
  example: FunctionSpec['example'],
  check: Check,
  compute: (bond: Bond, dates: number[], money: number) => number | FormulaError,
): FunctionSpec {
  const params = [d('settlement'), d('maturity'), ...dateNames.map(d), p('rate'), p(moneyName), p('redemption'), p('frequency'), p('basis', 0)];
  return financial(name, summary, params, example, (...xs) => {
    const k = dateNames.length;
    const [settlement, maturity] = xs;
    const dates = xs.slice(2, 2 + k);
    const [rate, money, redemption, f, b] = xs.slice(2 + k);
    const bad = checkFrequencyBasis(name, f!, b!);
    if (bad) return bad;
    const bond: Bond = { settlement: settlement!, maturity: maturity!, rate: rate!, redemption: redemption!, frequency: Math.trunc(f!), basis: Math.trunc(b!) };
    if (rate! < 0 || redemption! <= 0) return NUM(`${name}: rate must not be negative and redemption must be positive.`);
    if (moneyName === 'yld' ? money! < 0 : money! <= 0) return NUM(`${name}: ${moneyName === 'yld' ? 'yld must not be negative' : 'pr must be positive'}.`);
    return check(bond, dates, money!) ?? compute(bond, dates, money!);
  });
}

const firstCheck =
  (name: string): Check =>
  (b, [issue, first]) =>
    issue! >= first! || first! > b.maturity || b.settlement >= b.maturity ? NUM(`${name}: the dates must run issue < first_coupon ≤ maturity, settlement < maturity.`) : undefined;

const lastCheck =
  (name: string): Check =>
  (b, [last]) =>
    last! >= b.maturity || b.settlement >= b.maturity ? NUM(`${name}: the dates must run last_interest < maturity, settlement < maturity.`) : undefined;

export const ODDFPRICE = oddSpec(
  'ODDFPRICE',
  'The price per 100 of face value of a security with an odd (short or long) first period.',
  ['issue', 'first_coupon'],
  'yld',
  { formula: '=ODDFPRICE(DATE(2008, 11, 11), DATE(2021, 3, 1), DATE(2008, 10, 15), DATE(2009, 3, 1), 0.0785, 0.0625, 100, 2, 1)', result: '113.597717474079' },
  firstCheck('ODDFPRICE'),
  (b, [issue, first], yld) => oddFirstPrice(b, issue!, first!, yld),
);

export const ODDFYIELD = oddSpec(
  'ODDFYIELD',
  'The yield of a security with an odd (short or long) first period, at a price per 100 of face value.',
  ['issue', 'first_coupon'],
  'pr',
  { formula: '=ODDFYIELD(DATE(2008, 11, 11), DATE(2021, 3, 1), DATE(2008, 10, 15), DATE(2009, 3, 1), 0.0575, 84.5, 100, 2, 0)', result: '0.0772455415978173' },
  firstCheck('ODDFYIELD'),
  (b, [issue, first], pr) => solveYield('ODDFYIELD', pr, b.rate, (y) => oddFirstPrice(b, issue!, first!, y)),
);

export const ODDLPRICE = oddSpec(
  'ODDLPRICE',
  'The price per 100 of face value of a security with an odd (short or long) last period.',
  ['last_interest'],
  'yld',
  { formula: '=ODDLPRICE(DATE(2008, 2, 7), DATE(2008, 6, 15), DATE(2007, 10, 15), 0.0375, 0.0405, 100, 2, 0)', result: '99.8782860147213' },
  lastCheck('ODDLPRICE'),
  (b, [last], yld) => oddLast(b, last!, yld, true),
);

export const ODDLYIELD = oddSpec(
  'ODDLYIELD',
  'The yield of a security with an odd (short or long) last period, at a price per 100 of face value.',
  ['last_interest'],
  'pr',
  { formula: '=ODDLYIELD(DATE(2008, 4, 20), DATE(2008, 6, 15), DATE(2007, 12, 24), 0.0375, 99.875, 100, 2, 0)', result: '0.0451922356291692' },
  lastCheck('ODDLYIELD'),
  (b, [last], pr) => oddLast(b, last!, pr, false),
);
