import { describe, expect, test } from 'vitest';
import { FormulaError } from '../errors';
import { differences, sqlFormatNumber } from '../testing/differential';
import { compareValues, DateValue, formatNumber, parseIsoDate, toBoolean, toNumber, toText } from '../values';

describe('numbers as text: 15 significant digits, the same in TypeScript and DuckDB', () => {
  const numbers = [0, -0, 1, -1, 0.1 + 0.2, 1 / 3, 2 / 3, 1e-5, 0.0001, 123456789012345, 1234567890123456, 1e15, 1e20, -1.5e-7, 42.5, 1e-300, 99999.99999999999, 0.30000000000001];
  for (const x of numbers) {
    test(String(x), async () => {
      expect(formatNumber(x)).toBe(await sqlFormatNumber(x));
    });
  }
  test('reads as a person expects', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1e20)).toBe('1E+20');
    expect(formatNumber(1e-5)).toBe('1E-05');
  });
});

describe('coercions follow Excel', () => {
  test('toNumber: empty is 0, TRUE is 1, numeric text is its number, other text #VALUE!', () => {
    expect(toNumber(null)).toBe(0);
    expect(toNumber(true)).toBe(1);
    expect(toNumber(' 12.5 ')).toBe(12.5);
    expect(toNumber('50%')).toBe(0.5);
    expect(toNumber('abc')).toBeInstanceOf(FormulaError);
    expect(toNumber('')).toBeInstanceOf(FormulaError);
    expect(toNumber(new DateValue(45292))).toBe(45292);
  });
  test('FLOOR("2024-01-10", 1) reads the date: ISO date text is its serial where a number is expected, in both forms', async () => {
    expect(toNumber('2024-01-10')).toBe(45301);
    // With spaces around it Excel does not read it as a date; an impossible date is text.
    expect(toNumber(' 2024-01-10 ')).toBeInstanceOf(FormulaError);
    expect(toNumber('2024-02-30')).toBeInstanceOf(FormulaError);
    const inputs = ['2024-01-10', ' 2024-01-10 ', '2024-02-30', '1999-12-31', '2024-1-5'].map((t) => ({ values: [t] }));
    expect(await differences('$0+1', inputs)).toEqual([]);
  }, 120_000);
  test('an amount with a currency sign reads as its number ("€100", "100€", "$1,234.50"), in both forms', async () => {
    expect(toNumber('€100')).toBe(100);
    expect(toNumber(' 100€ ')).toBe(100);
    expect(toNumber('$1,234.50')).toBe(1234.5);
    expect(toNumber('-£5')).toBe(-5);
    expect(toNumber('$')).toBeInstanceOf(FormulaError);
    expect(toNumber('$1,23')).toBeInstanceOf(FormulaError);
    const inputs = ['€100', ' 100€ ', '$1,234.50', '-£5', '$', '$1,23', '¥ 7', '€.5'].map((t) => ({ values: [t] }));
    expect(await differences('$0*2', inputs)).toEqual([]);
  }, 120_000);
  test('toText: TRUE/FALSE in capitals, dates as their serial', () => {
    expect(toText(true)).toBe('TRUE');
    expect(toText(null)).toBe('');
    expect(toText(parseIsoDate('2024-01-01')!)).toBe('45292');
  });
  test('toBoolean: numbers are TRUE unless 0; only TRUE/FALSE text', () => {
    expect(toBoolean(2)).toBe(true);
    expect(toBoolean('false')).toBe(false);
    expect(toBoolean('yes')).toBeInstanceOf(FormulaError);
  });
  test('compare: text case-insensitively, numbers < text < booleans, empty as the other side', () => {
    expect(compareValues('a', 'A')).toBe(0);
    expect(compareValues(999, 'a')).toBeLessThan(0);
    expect(compareValues('zzz', false)).toBeLessThan(0);
    expect(compareValues(null, 0)).toBe(0);
    expect(compareValues(null, '')).toBe(0);
    expect(compareValues(null, false)).toBe(0);
  });
  test('ISO dates are read, impossible dates are not', () => {
    expect(parseIsoDate('2024-02-29')?.serial).toBe(45351);
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2024-03-10 13:30:00')?.withTime).toBe(true);
  });
});
