import { describe, expect, test } from 'vitest';
import { scalarResult, show } from '../../testing/differential';
import { DateValue, serialFromParts, type Scalar } from '../../values';

// The bond functions (coupon schedules, accrued interest, prices and yields, odd periods,
// discounted securities, Treasury bills) against Excel's documented examples and error conditions.

const shown = (formula: string) => show(scalarResult(formula, {}));
function value(formula: string): number {
  const v = scalarResult(formula, {});
  if (typeof v !== 'number') throw new Error(`${formula} is ${show(v)}, not a number`);
  return v;
}
const code = (formula: string) => {
  const v: Scalar = scalarResult(formula, {});
  return typeof v === 'object' && v !== null && 'code' in v ? v.code : show(v);
};

describe('coupon schedule', () => {
  const args = 'DATE(2011, 1, 25), DATE(2011, 11, 15), 2, 1';
  test("Excel's documented examples", () => {
    expect(shown(`COUPDAYBS(${args})`)).toBe('71');
    expect(shown(`COUPDAYS(${args})`)).toBe('181');
    expect(shown(`COUPDAYSNC(${args})`)).toBe('110');
    expect(shown(`COUPNCD(${args})`)).toBe('date(2011-05-15)');
    expect(shown(`COUPPCD(${args})`)).toBe('date(2010-11-15)');
    expect(shown('COUPNUM(DATE(2007, 1, 25), DATE(2008, 11, 15), 2, 1)')).toBe('4');
  });
  test('COUPNCD and COUPPCD answer dates', () => {
    expect(scalarResult(`COUPNCD(${args})`, {})).toBeInstanceOf(DateValue);
  });
  test('a maturity at the end of a month keeps every coupon at the end of its month', () => {
    expect(shown('COUPNCD(DATE(2024, 5, 10), DATE(2024, 11, 30), 2, 0)')).toBe('date(2024-05-31)');
    expect(shown('COUPNCD(DATE(2024, 1, 10), DATE(2024, 8, 31), 4, 0)')).toBe('date(2024-02-29)');
  });
  test('30/360 counts the period as 180 days and the days after settlement as the rest', () => {
    const a = 'DATE(2024, 1, 31), DATE(2024, 11, 15), 2, 0';
    expect(value(`COUPDAYS(${a})`)).toBe(180);
    expect(value(`COUPDAYBS(${a}) + COUPDAYSNC(${a})`)).toBe(180);
  });
  test('errors: frequency, basis, settlement not before maturity', () => {
    expect(code('COUPDAYS(DATE(2011, 1, 25), DATE(2011, 11, 15), 3)')).toBe('#NUM!');
    expect(code('COUPDAYS(DATE(2011, 1, 25), DATE(2011, 11, 15), 2, 5)')).toBe('#NUM!');
    expect(code('COUPNUM(DATE(2011, 11, 15), DATE(2011, 11, 15), 2)')).toBe('#NUM!');
    expect(code('COUPNUM("soon", DATE(2011, 11, 15), 2)')).toBe('#VALUE!');
  });
});

describe('accrued interest', () => {
  test("Excel's documented examples", () => {
    expect(value('ACCRINT(39508, 39691, 39569, 0.1, 1000, 2, 0)')).toBeCloseTo(16.666666667, 8);
    expect(value('ACCRINT(DATE(2008, 3, 5), 39691, 39569, 0.1, 1000, 2, 0, FALSE)')).toBeCloseTo(15.555555556, 8);
    expect(value('ACCRINT(DATE(2008, 4, 5), 39691, 39569, 0.1, 1000, 2, 0, TRUE)')).toBeCloseTo(7.222222222, 8);
    expect(value('ACCRINTM(39539, 39614, 0.1, 1000, 3)')).toBeCloseTo(20.54794521, 8);
  });
  test('ACCRINT from issue counts whole coupon periods before settlement; from first interest it does not', () => {
    const f = (calc: string) => value(`ACCRINT(DATE(2007, 3, 1), DATE(2008, 8, 31), DATE(2008, 5, 1), 0.1, 1000, 2, 0${calc})`);
    expect(f('')).toBeCloseTo(116.944444444, 8);
    expect(f(', FALSE')).toBeCloseTo(66.944444444, 8);
  });
  test('errors: rate or par not positive, issue not before settlement', () => {
    expect(code('ACCRINT(39508, 39691, 39569, 0, 1000, 2)')).toBe('#NUM!');
    expect(code('ACCRINT(39508, 39691, 39569, 0.1, -1, 2)')).toBe('#NUM!');
    expect(code('ACCRINT(39569, 39691, 39569, 0.1, 1000, 2)')).toBe('#NUM!');
    expect(code('ACCRINT(39508, 39691, 39569, 0.1, 1000, 3)')).toBe('#NUM!');
    expect(code('ACCRINTM(39614, 39539, 0.1, 1000)')).toBe('#NUM!');
    expect(code('ACCRINTM(39539, 39614, 0.1, 1000, 7)')).toBe('#NUM!');
  });
});

describe('prices and yields', () => {
  test("Excel's documented examples", () => {
    expect(value('PRICE(DATE(2008, 2, 15), DATE(2017, 11, 15), 0.0575, 0.065, 100, 2, 0)')).toBeCloseTo(94.63436, 5);
    expect(value('YIELD(DATE(2008, 2, 15), DATE(2016, 11, 15), 0.0575, 95.04287, 100, 2, 0)')).toBeCloseTo(0.065, 7);
    expect(value('DURATION(DATE(2018, 7, 1), DATE(2048, 1, 1), 0.08, 0.09, 2, 1)')).toBeCloseTo(10.9191453, 7);
    expect(value('MDURATION(DATE(2008, 1, 1), DATE(2016, 1, 1), 0.08, 0.09, 2, 1)')).toBeCloseTo(5.73567, 5);
  });
  test('YIELD inverts PRICE, with many coupons left and with one', () => {
    for (const maturity of ['DATE(2030, 6, 15)', 'DATE(2024, 6, 15)']) {
      const price = `PRICE(DATE(2024, 2, 1), ${maturity}, 0.05, 0.0437, 100, 2, 1)`;
      expect(value(`YIELD(DATE(2024, 2, 1), ${maturity}, 0.05, ${price}, 100, 2, 1)`)).toBeCloseTo(0.0437, 10);
    }
  });
  test('odd first and last periods, as documented', () => {
    expect(value('ODDFPRICE(DATE(2008, 11, 11), DATE(2021, 3, 1), DATE(2008, 10, 15), DATE(2009, 3, 1), 0.0785, 0.0625, 100, 2, 1)')).toBeCloseTo(113.597717474, 8);
    expect(value('ODDFYIELD(DATE(2008, 11, 11), DATE(2021, 3, 1), DATE(2008, 10, 15), DATE(2009, 3, 1), 0.0575, 84.5, 100, 2, 0)')).toBeCloseTo(0.0772455, 7);
    expect(value('ODDLPRICE(DATE(2008, 2, 7), DATE(2008, 6, 15), DATE(2007, 10, 15), 0.0375, 0.0405, 100, 2, 0)')).toBeCloseTo(99.87829, 5);
    expect(value('ODDLYIELD(DATE(2008, 4, 20), DATE(2008, 6, 15), DATE(2007, 12, 24), 0.0375, 99.875, 100, 2, 0)')).toBeCloseTo(0.0451922, 7);
  });
  test('ODDFYIELD inverts ODDFPRICE over a long first period', () => {
    const dates = 'DATE(2024, 3, 1), DATE(2030, 1, 15), DATE(2023, 2, 1), DATE(2024, 7, 15)';
    const price = value(`ODDFPRICE(${dates}, 0.06, 0.055, 100, 2, 0)`);
    expect(value(`ODDFYIELD(${dates}, 0.06, ${price}, 100, 2, 0)`)).toBeCloseTo(0.055, 9);
  });
  test('errors: negative rates, dates out of order, a bad frequency', () => {
    expect(code('PRICE(DATE(2008, 2, 15), DATE(2017, 11, 15), -0.01, 0.065, 100, 2)')).toBe('#NUM!');
    expect(code('PRICE(DATE(2018, 2, 15), DATE(2017, 11, 15), 0.05, 0.065, 100, 2)')).toBe('#NUM!');
    expect(code('YIELD(DATE(2008, 2, 15), DATE(2017, 11, 15), 0.05, 0, 100, 2)')).toBe('#NUM!');
    expect(code('DURATION(DATE(2008, 2, 15), DATE(2017, 11, 15), 0.05, 0.06, 12)')).toBe('#NUM!');
    expect(code('ODDFPRICE(DATE(2008, 11, 11), DATE(2021, 3, 1), DATE(2009, 3, 1), DATE(2009, 3, 1), 0.07, 0.06, 100, 2)')).toBe('#NUM!');
    expect(code('ODDLPRICE(DATE(2008, 2, 7), DATE(2008, 6, 15), DATE(2008, 6, 15), 0.0375, 0.0405, 100, 2)')).toBe('#NUM!');
    expect(code('ODDLYIELD(DATE(2008, 4, 20), DATE(2008, 6, 15), DATE(2007, 12, 24), 0.0375, 0, 100, 2)')).toBe('#NUM!');
  });
});

describe('discounted securities and Treasury bills', () => {
  test("Excel's documented examples", () => {
    expect(value('DISC(DATE(2018, 7, 1), DATE(2048, 1, 1), 97.975, 100, 1)')).toBeCloseTo(0.000686, 6);
    expect(value('INTRATE(DATE(2008, 2, 15), DATE(2008, 5, 15), 1000000, 1014420, 2)')).toBeCloseTo(0.05768, 5);
    expect(value('RECEIVED(DATE(2008, 2, 15), DATE(2008, 5, 15), 1000000, 0.0575, 2)')).toBeCloseTo(1014584.65, 2);
    expect(value('PRICEDISC(DATE(2008, 2, 16), DATE(2008, 3, 1), 0.0525, 100, 2)')).toBeCloseTo(99.79583, 5);
    expect(value('YIELDDISC(DATE(2008, 2, 16), DATE(2008, 3, 1), 99.795, 100, 2)')).toBeCloseTo(0.052823, 6);
    expect(value('PRICEMAT(DATE(2008, 2, 15), DATE(2008, 4, 13), DATE(2007, 11, 11), 0.061, 0.061, 0)')).toBeCloseTo(99.98449888, 7);
    expect(value('YIELDMAT(DATE(2008, 3, 15), DATE(2008, 11, 3), DATE(2007, 11, 8), 0.0625, 100.0123, 0)')).toBeCloseTo(0.060954334, 8);
    expect(value('TBILLPRICE(DATE(2008, 3, 31), DATE(2008, 6, 1), 0.09)')).toBeCloseTo(98.45, 10);
    expect(value('TBILLYIELD(DATE(2008, 3, 31), DATE(2008, 6, 1), 98.45)')).toBeCloseTo(0.0914, 4);
    expect(value('TBILLEQ(DATE(2008, 3, 31), DATE(2008, 6, 1), 0.0914)')).toBeCloseTo(0.094151, 6);
  });
  test('TBILLEQ past half a year compounds once: the price grows to 100 at that yield', () => {
    const [s, m, disc] = [serialFromParts(2024, 1, 2), serialFromParts(2024, 11, 1), 0.05];
    const r = value(`TBILLEQ(${s}, ${m}, ${disc})`);
    const price = 100 * (1 - (disc * (m - s)) / 360);
    const t = (m - s) / 365;
    expect(price * (1 + r / 2) * (1 + r * (t - 0.5))).toBeCloseTo(100, 9);
  });
  test('errors: non-positive prices, settlement not before maturity, bills past a year', () => {
    expect(code('DISC(DATE(2018, 7, 1), DATE(2048, 1, 1), 0, 100)')).toBe('#NUM!');
    expect(code('DISC(DATE(2048, 7, 1), DATE(2048, 1, 1), 97, 100)')).toBe('#NUM!');
    expect(code('INTRATE(DATE(2008, 2, 15), DATE(2008, 5, 15), 1000000, 1014420, 5)')).toBe('#NUM!');
    expect(code('PRICEMAT(DATE(2008, 2, 15), DATE(2008, 4, 13), DATE(2007, 11, 11), -0.061, 0.061)')).toBe('#NUM!');
    expect(code('TBILLPRICE(DATE(2008, 3, 31), DATE(2009, 6, 1), 0.09)')).toBe('#NUM!');
    expect(code('TBILLPRICE(DATE(2008, 3, 31), DATE(2008, 6, 1), 0)')).toBe('#NUM!');
    expect(code('TBILLYIELD(DATE(2008, 6, 1), DATE(2008, 3, 31), 98)')).toBe('#NUM!');
  });
});
