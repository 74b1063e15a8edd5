import { describe, expect, it } from 'vitest';
import { serialFromParts } from '../formula/values';
import { canonicalInput, formatCodeProblem, formatGridNumber, formatShown, generalIn, gridDataValue, impliedFormat, parseInput, sheetDataValue } from '.';

const serial = (y: number, m: number, d: number) => serialFromParts(y, m, d);

describe('parseInput reads typed text as Excel does in en-US', () => {
  it.each([
    ['$1,234.50', 1234.5, '$#,##0.00'],
    ['12%', 0.12, '0%'],
    ['50%', 0.5, '0%'],
    ['12.5%', 0.125, '0.00%'],
    ['1,000', 1000, '#,##0'],
    ['(1,234)', -1234, '#,##0'],
    ['-$5', -5, '$#,##0'],
    ['1e3', 1000, '0.00E+00'],
    ['.5', 0.5, undefined],
    ['42', 42, undefined],
    ['-1.5', -1.5, undefined],
  ])('%j is the number %s shown as %j', (text, value, format) => {
    const input = parseInput(text);
    expect(input).toEqual({ kind: 'number', value, ...(format ? { format } : {}) });
  });

  it.each([
    ['3/15/2024', serial(2024, 3, 15), 'm/d/yyyy'],
    ['12/31/1999', serial(1999, 12, 31), 'm/d/yyyy'],
    ['2024-03-15', serial(2024, 3, 15), 'yyyy-mm-dd'],
    ['1/1/1900', serial(1900, 1, 1), 'm/d/yyyy'],
  ])('%j is a date', (text, expected, format) => {
    expect(parseInput(text)).toEqual({ kind: 'date', serial: expected, withTime: false, format });
  });

  it('reads a time of day as a number with a time format, as Excel does', () => {
    const input = parseInput('13:30');
    expect(input.kind).toBe('number');
    expect(input.kind === 'number' && input.value).toBeCloseTo(13.5 / 24, 12);
    expect(input.kind === 'number' && input.format).toBe('h:mm');
  });

  it.each(['2/30/2024', '1,2', '1,0000', '2/29/1900', '3/15', 'apple', '5 apples', '$', '1.2.3'])('%j stays text', (text) => {
    expect(parseInput(text)).toEqual({ kind: 'text', text });
  });

  it("keeps text after a leading ' as typed", () => {
    expect(parseInput("'$5")).toEqual({ kind: 'text', text: '$5' });
  });

  it('reads booleans and empty input', () => {
    expect(parseInput('TRUE')).toEqual({ kind: 'boolean', value: true });
    expect(parseInput('  ')).toEqual({ kind: 'empty' });
  });

  it('reads another locale when asked: German 1.234,5 and 15.03.2024', () => {
    expect(parseInput('1.234,5', 'de-DE')).toMatchObject({ kind: 'number', value: 1234.5 });
    expect(parseInput('15.03.2024', 'de-DE')).toMatchObject({ kind: 'date', serial: serial(2024, 3, 15) });
    expect(parseInput('1,2', 'de-DE')).toMatchObject({ kind: 'number', value: 1.2 });
  });
});

describe('impliedFormat: the format a sheet cell shows without one set', () => {
  it('is the typed format, none for formulas, General numbers and text', () => {
    expect(impliedFormat('$1,234.50')).toBe('$#,##0.00');
    expect(impliedFormat('12%')).toBe('0%');
    expect(impliedFormat('3/15/2024')).toBe('m/d/yyyy');
    expect(impliedFormat('=A1*2')).toBeUndefined();
    expect(impliedFormat('42')).toBeUndefined();
    expect(impliedFormat('hello')).toBeUndefined();
    expect(impliedFormat(undefined)).toBeUndefined();
  });
});

describe('formatShown shows a computed value with an Excel code', () => {
  it('shows numbers and dates through the code', () => {
    expect(formatShown({ text: '1234.5', kind: 'number' }, '$#,##0.00')).toBe('$1,234.50');
    expect(formatShown({ text: '-5', kind: 'number' }, '$#,##0')).toBe('-$5');
    expect(formatShown({ text: '0.12', kind: 'number' }, '0%')).toBe('12%');
    expect(formatShown({ text: '2024-03-15', kind: 'date' }, 'm/d/yyyy')).toBe('3/15/2024');
    expect(formatShown({ text: '45366', kind: 'number' }, 'yyyy-mm-dd')).toBe('2024-03-15');
    expect(formatShown({ text: '1234.5', kind: 'number' }, '#,##0.00', 'de-DE')).toBe('1.234,50');
  });

  it('keeps General, text, booleans and errors as Cellar writes them', () => {
    expect(formatShown({ text: '0.3', kind: 'number' }, undefined)).toBe('0.3');
    expect(formatShown({ text: '2469', kind: 'number' }, 'General')).toBe('2469');
  });

  it('shows a General number as Excel does in a standard-width cell: at most 11 characters, the rest rounded away', () => {
    expect(formatShown({ text: '4203.60000000001', kind: 'number' }, undefined)).toBe('4203.6');
    expect(formatShown({ text: '0.333333333333333', kind: 'number' }, 'General')).toBe('0.333333333');
    expect(formatShown({ text: '123456789012', kind: 'number' }, undefined)).toBe('1.23457E+11');
    expect(formatShown({ text: '12345678901', kind: 'number' }, undefined)).toBe('12345678901');
    expect(formatShown({ text: '1234.5', kind: 'number' }, undefined, 'de-DE')).toBe('1234,5');
  });

  it('narrows a General number to its column as Excel does: fewer digits, then scientific, then ####', () => {
    expect(generalIn(1.9599639845400556, 10)).toBe('1.95996398');
    expect(generalIn(-188.7123364401099, 10)).toBe('-188.71234');
    expect(generalIn(123456789, 7)).toBe('1.2E+08');
    expect(generalIn(123456789, 6)).toBe('1E+08');
    expect(generalIn(42, 10)).toBe('42');
    expect(generalIn(-123456789, 2)).toBe('##');
    expect(formatShown({ text: '1.95996398454006', kind: 'number' }, undefined, 'en-US', 10)).toBe('1.95996398');
    // A format code other than General is not narrowed.
    expect(formatShown({ text: '1234.5', kind: 'number' }, '#,##0.00', 'en-US', 4)).toBe('1,234.50');
    expect(formatShown({ text: 'apple', kind: 'text' }, '0%')).toBe('apple');
    expect(formatShown({ text: '#DIV/0!', kind: 'error' }, '0%')).toBe('#DIV/0!');
  });
});

describe('data-value: the raw value whatever the format', () => {
  it('is the number, the date serial, TRUE/FALSE, the text or the error code in a sheet', () => {
    expect(sheetDataValue({ text: '1234.5', kind: 'number' })).toBe('1234.5');
    expect(sheetDataValue({ text: '1E+15', kind: 'number' })).toBe('1000000000000000');
    expect(sheetDataValue({ text: '2024-03-15', kind: 'date' })).toBe(String(serial(2024, 3, 15)));
    expect(sheetDataValue({ text: 'TRUE', kind: 'boolean' })).toBe('TRUE');
    expect(sheetDataValue({ text: '#N/A', kind: 'error' })).toBe('#N/A');
    expect(sheetDataValue(undefined)).toBe('');
  });

  it('is the unformatted number in a table grid, empty for NULL', () => {
    expect(gridDataValue(1234567)).toBe('1234567');
    expect(gridDataValue(0.1 + 0.2)).toBe('0.3');
    expect(gridDataValue(null)).toBe('');
    expect(gridDataValue('2024-03-15')).toBe('2024-03-15');
  });
});

describe('formatGridNumber: grouped, sensible decimals', () => {
  it.each([
    [1234567, '1,234,567'],
    [0.1 + 0.2, '0.3'],
    [1234.56789012, '1,234.56789'],
    [-42, '-42'],
    [0, '0'],
    [1e-9, '1E-9'],
    [1.5e20, '1.5E+20'],
  ])('%s shows as %j', (x, shown) => {
    expect(formatGridNumber(x)).toBe(shown);
  });

  it('groups as the locale does', () => {
    expect(formatGridNumber(1234.5, 'de-DE')).toBe('1.234,5');
  });
});

describe('canonicalInput: what a sheet stores for text typed in a locale', () => {
  it('keeps en-US input, formulas and text as typed', () => {
    expect(canonicalInput('1,000', 'en-US')).toBe('1,000');
    expect(canonicalInput('=SUM(A1:A3)', 'de-DE')).toBe('=SUM(A1:A3)');
    expect(canonicalInput('Apfel', 'de-DE')).toBe('Apfel');
  });

  it('stores German numbers and dates as en-US text of the same value', () => {
    expect(canonicalInput('1,5', 'de-DE')).toBe('1.5');
    expect(canonicalInput('15.03.2024', 'de-DE')).toBe('3/15/2024');
    expect(parseInput(canonicalInput('1.234,5', 'de-DE'))).toMatchObject({ kind: 'number', value: 1234.5 });
  });
});

describe('formatCodeProblem: a custom code that cannot be used says so', () => {
  it('accepts Excel codes and names what is wrong with others', () => {
    expect(formatCodeProblem('#,##0.00;[Red]-#,##0.00')).toBeUndefined();
    expect(formatCodeProblem('')).toMatch(/empty/);
    expect(formatCodeProblem('0;0;0;0;0')).toMatch(/not an Excel format code/);
  });
});
