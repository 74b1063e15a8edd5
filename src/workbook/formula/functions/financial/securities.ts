import type { FunctionSpec } from '../../catalog';
import type { FormulaError } from '../../errors';
import { yearFrac } from '../date/day-count';
import { checkBasis, d, financial, NUM, p } from './shared';
import { addMonths } from './schedule';

// Discounted securities, securities that pay at maturity, and Treasury bills: closed forms over
// the fraction of a year between two dates (YEARFRAC's day-count bases).

const SM = [d('settlement'), d('maturity')];

/** The year fraction from settlement to maturity, after Excel's checks on the dates and basis. */
function term(name: string, settlement: number, maturity: number, basis: number): number | FormulaError {
  const bad = checkBasis(name, basis);
  if (bad) return bad;
  if (settlement >= maturity) return NUM(`${name}: the settlement must be before maturity.`);
  return yearFrac(settlement, maturity, Math.trunc(basis));
}

/** A function of (settlement, maturity, x, y, basis) computed from the year fraction t. */
function discounted(
  name: string,
  summary: string,
  names: [string, string],
  example: FunctionSpec['example'],
  positive: string,
  fn: (x: number, y: number, t: number) => number,
): FunctionSpec {
  return financial(name, summary, [...SM, p(names[0]), p(names[1]), p('basis', 0)], example, (s, m, x, y, b) => {
    if (x <= 0 || y <= 0) return NUM(`${name}: ${positive} must be positive.`);
    const t = term(name, s, m, b);
    return typeof t === 'number' ? fn(x, y, t) : t;
  });
}

export const DISC = discounted(
  'DISC',
  'The discount rate of a security, from its price and redemption value per 100 of face value.',
  ['pr', 'redemption'],
  { formula: '=DISC(DATE(2018, 7, 1), DATE(2048, 1, 1), 97.975, 100, 1)', result: '0.000686384169121347' },
  'pr and redemption',
  (pr, redemption, t) => (redemption - pr) / redemption / t,
);

export const INTRATE = discounted(
  'INTRATE',
  'The interest rate of a fully invested security, from the investment and the amount received at maturity.',
  ['investment', 'redemption'],
  { formula: '=INTRATE(DATE(2008, 2, 15), DATE(2008, 5, 15), 1000000, 1014420, 2)', result: '0.05768' },
  'investment and redemption',
  (investment, redemption, t) => (redemption - investment) / investment / t,
);

export const RECEIVED = discounted(
  'RECEIVED',
  'The amount received at maturity for a fully invested security at a discount rate.',
  ['investment', 'discount'],
  { formula: '=RECEIVED(DATE(2008, 2, 15), DATE(2008, 5, 15), 1000000, 0.0575, 2)', result: '1014584.6544071' },
  'investment and discount',
  (investment, discount, t) => (1 - discount * t > 0 ? investment / (1 - discount * t) : Number.NaN),
);

export const PRICEDISC = discounted(
  'PRICEDISC',
  'The price per 100 of face value of a discounted security.',
  ['discount', 'redemption'],
  { formula: '=PRICEDISC(DATE(2008, 2, 16), DATE(2008, 3, 1), 0.0525, 100, 2)', result: '99.7958333333333' },
  'discount and redemption',
  (discount, redemption, t) => redemption * (1 - discount * t),
);

export const YIELDDISC = discounted(
  'YIELDDISC',
  'The annual yield of a discounted security, from its price per 100 of face value.',
  ['pr', 'redemption'],
  { formula: '=YIELDDISC(DATE(2008, 2, 16), DATE(2008, 3, 1), 99.795, 100, 2)', result: '0.0528225719868583' },
  'pr and redemption',
  (pr, redemption, t) => (redemption - pr) / pr / t,
);

/** PRICEMAT and YIELDMAT: a security that pays interest at maturity, issued at `issue`. */
function atMaturity(name: string, wantPrice: boolean): FunctionSpec {
  return financial(
    name,
    wantPrice ? 'The price per 100 of face value of a security that pays interest at maturity.' : 'The annual yield of a security that pays interest at maturity.',
    [...SM, d('issue'), p('rate'), p(wantPrice ? 'yld' : 'pr'), p('basis', 0)],
    wantPrice
      ? { formula: '=PRICEMAT(DATE(2008, 2, 15), DATE(2008, 4, 13), DATE(2007, 11, 11), 0.061, 0.061, 0)', result: '99.984498875557' }
      : { formula: '=YIELDMAT(DATE(2008, 3, 15), DATE(2008, 11, 3), DATE(2007, 11, 8), 0.0625, 100.0123, 0)', result: '0.0609543336915386' },
    (s, m, issue, rate, x, b) => {
      if (rate < 0 || (wantPrice ? x < 0 : x <= 0)) return NUM(`${name}: rate must not be negative, ${wantPrice ? 'yld not negative' : 'pr positive'}.`);
      const t = term(name, s, m, b);
      if (typeof t !== 'number') return t;
      if (issue > s) return NUM(`${name}: the issue must not be after settlement.`);
      const basis = Math.trunc(b);
      const [whole, accrued] = [yearFrac(issue, m, basis), yearFrac(issue, s, basis)];
      if (wantPrice) return 100 * ((1 + whole * rate) / (1 + t * x) - accrued * rate);
      return ((1 + whole * rate) / (x / 100 + accrued * rate) - 1) / t;
    },
  );
}
export const PRICEMAT = atMaturity('PRICEMAT', true);
export const YIELDMAT = atMaturity('YIELDMAT', false);

/** The days from settlement to maturity of a Treasury bill: at most a year. */
function billDays(name: string, settlement: number, maturity: number): number | FormulaError {
  if (settlement >= maturity) return NUM(`${name}: the settlement must be before maturity.`);
  if (maturity > addMonths(settlement, 12, false)) return NUM(`${name}: a Treasury bill matures within a year of settlement.`);
  return maturity - settlement;
}

export const TBILLPRICE = financial(
  'TBILLPRICE',
  'The price per 100 of face value of a Treasury bill at a discount rate.',
  [...SM, p('discount')],
  { formula: '=TBILLPRICE(DATE(2008, 3, 31), DATE(2008, 6, 1), 0.09)', result: '98.45' },
  (s, m, discount) => {
    const dsm = billDays('TBILLPRICE', s, m);
    if (typeof dsm !== 'number') return dsm;
    const price = 100 * (1 - (discount * dsm) / 360);
    return discount <= 0 || price <= 0 ? NUM('TBILLPRICE: the discount must be positive (and leave a positive price).') : price;
  },
);

export const TBILLYIELD = financial(
  'TBILLYIELD',
  'The yield of a Treasury bill from its price per 100 of face value.',
  [...SM, p('pr')],
  { formula: '=TBILLYIELD(DATE(2008, 3, 31), DATE(2008, 6, 1), 98.45)', result: '0.0914169629253426' },
  (s, m, pr) => {
    const dsm = billDays('TBILLYIELD', s, m);
    if (typeof dsm !== 'number') return dsm;
    return pr <= 0 ? NUM('TBILLYIELD: the price must be positive.') : ((100 - pr) / pr) * (360 / dsm);
  },
);

export const TBILLEQ = financial(
  'TBILLEQ',
  'The bond-equivalent yield of a Treasury bill at a discount rate.',
  [...SM, p('discount')],
  { formula: '=TBILLEQ(DATE(2008, 3, 31), DATE(2008, 6, 1), 0.0914)', result: '0.094151493565943' },
  (s, m, discount) => {
    const dsm = billDays('TBILLEQ', s, m);
    if (typeof dsm !== 'number') return dsm;
    if (discount <= 0) return NUM('TBILLEQ: the discount must be positive.');
    if (dsm <= 182) return (365 * discount) / (360 - discount * dsm);
    // Past half a year the bond-equivalent yield compounds once: solve price·(1 + r/2)(1 + r(t − 1/2)) = 100.
    const price = 100 * (1 - (discount * dsm) / 360);
    if (price <= 0) return NUM('TBILLEQ: the discount leaves no positive price.');
    const t = dsm / 365;
    return (-t + Math.sqrt(t * t - (2 * t - 1) * (1 - 100 / price))) / (t - 0.5);
  },
);
