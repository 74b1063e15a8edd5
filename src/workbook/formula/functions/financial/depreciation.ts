import { DIV0, financial, NUM, p } from './shared';

// Depreciation of an asset over its life: straight line, sum of years' digits, fixed- and
// double-declining balance, and the variable-declining balance that switches to straight line.

export const SLN = financial(
  'SLN',
  'The straight-line depreciation of an asset for one period.',
  [p('cost'), p('salvage'), p('life')],
  { formula: '=SLN(30000, 7500, 10)', result: '2250' },
  (c, s, l) => (l === 0 ? DIV0('SLN: a life of 0 divides by zero.') : (c - s) / l),
  {
    sql: (c, s, l) => ({ value: `CASE WHEN ${l} <> 0 THEN (${c} - ${s}) / ${l} END`, err: `CASE WHEN ${l} = 0 THEN '#DIV/0!' END` }),
  },
);

export const SYD = financial(
  'SYD',
  "The sum-of-years' digits depreciation of an asset for a period.",
  [p('cost'), p('salvage'), p('life'), p('per')],
  { formula: '=SYD(30000, 7500, 10, 1)', result: '4090.90909090909' },
  (c, s, l, per) =>
    l <= 0 || per <= 0 || per > l || s < 0 ? NUM('SYD: life must be positive, per between 1 and life, salvage not negative.') : ((c - s) * (l - per + 1) * 2) / (l * (l + 1)),
  { sql: (c, s, l, per) => `CASE WHEN ${l} > 0 AND ${per} > 0 AND ${per} <= ${l} AND ${s} >= 0 THEN (${c} - ${s}) * (${l} - ${per} + 1) * 2 / (${l} * (${l} + 1)) END` },
);

export const DB = financial(
  'DB',
  'The fixed-declining balance depreciation of an asset for a period (month: months in the first year, 12 by default).',
  [p('cost'), p('salvage'), p('life'), p('period'), p('month', 12)],
  { formula: '=DB(1000000, 100000, 6, 1, 7)', result: '186083.333333333' },
  (cost, salvage, life, period0, month0) => {
    const [period, month] = [Math.trunc(period0), Math.trunc(month0)];
    if (cost < 0 || salvage < 0 || life <= 0 || period <= 0 || month <= 0 || month > 12) {
      return NUM('DB: cost and salvage must not be negative; life, period and month must be positive, month at most 12.');
    }
    if (period > life + (month === 12 ? 0 : 1)) return NUM('DB: the period is past the life of the asset.');
    if (cost === 0) return 0;
    // Excel rounds the rate to three decimals.
    const rate = Math.round((1 - Math.pow(salvage / cost, 1 / life)) * 1000) / 1000;
    let total = (cost * rate * month) / 12;
    if (period === 1) return total;
    for (let i = 2; i < period; i++) total += (cost - total) * rate;
    if (period > life) return ((cost - total) * rate * (12 - month)) / 12;
    return (cost - total) * rate;
  },
);

/** The double-declining depreciation of one period (fractions allowed), never below salvage. */
function declining(cost: number, salvage: number, life: number, period: number, factor: number): number {
  let rate = factor / life;
  let before: number;
  if (rate >= 1) {
    rate = 1;
    before = period === 1 ? cost : 0;
  } else before = cost * Math.pow(1 - rate, period - 1);
  const after = cost * Math.pow(1 - rate, period);
  return Math.max(0, after < salvage ? before - salvage : before - after);
}

export const DDB = financial(
  'DDB',
  'The double-declining balance depreciation of an asset for a period (or another factor than 2).',
  [p('cost'), p('salvage'), p('life'), p('period'), p('factor', 2)],
  { formula: '=DDB(2400, 300, 10*12, 1, 2)', result: '40' },
  (cost, salvage, life, period, factor) => {
    if (cost < 0 || salvage < 0 || life <= 0 || period <= 0 || factor <= 0 || period > life) {
      return NUM('DDB: cost and salvage must not be negative; life, period and factor positive, period at most life.');
    }
    return declining(cost, salvage, life, period, factor);
  },
);

/** Declining balance from the start of the life up to `period`, switching to straight line when that is larger. */
function switched(cost: number, salvage: number, life: number, remaining: number, period: number, factor: number): number {
  const end = Math.ceil(period);
  let left = cost - salvage;
  let straight = 0;
  let onStraight = false;
  let sum = 0;
  for (let i = 1; i <= end; i++) {
    let term: number;
    if (onStraight) term = straight;
    else {
      const ddb = declining(cost, salvage, life, i, factor);
      straight = left / (remaining - (i - 1));
      if (straight > ddb) {
        term = straight;
        onStraight = true;
      } else {
        term = ddb;
        left -= ddb;
      }
    }
    if (i === end) term *= period + 1 - end;
    sum += term;
  }
  return sum;
}

export const VDB = financial(
  'VDB',
  'The declining balance depreciation between two periods, switching to straight line when that is larger (unless no_switch).',
  [p('cost'), p('salvage'), p('life'), p('start_period'), p('end_period'), p('factor', 2), p('no_switch', 0)],
  { formula: '=VDB(2400, 300, 10*365, 0, 1)', result: '1.31506849315065' },
  (cost, salvage, life, start, end, factor, noSwitch) => {
    if (cost < 0 || salvage < 0 || life <= 0 || start < 0 || end < start || end > life || factor <= 0) {
      return NUM('VDB: cost and salvage must not be negative, life and factor positive, 0 ≤ start ≤ end ≤ life.');
    }
    if (noSwitch !== 0) {
      const [first, last] = [Math.floor(start), Math.ceil(end)];
      let sum = 0;
      for (let i = first + 1; i <= last; i++) {
        let term = declining(cost, salvage, life, i, factor);
        if (i === first + 1) term *= Math.min(end, first + 1) - start;
        else if (i === last) term *= end + 1 - last;
        sum += term;
      }
      return sum;
    }
    const before = switched(cost, salvage, life, life, start, factor);
    return switched(cost - before, salvage, life, life - start, end - start, factor);
  },
);
