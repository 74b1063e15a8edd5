import { afterEach, describe, expect, it, vi } from 'vitest';
import { cellValue, formatCellValue, parseTypedValue, valueForControl, type CellValue } from './cells';
import type { BlockId, CellControl, CellRaw } from './document';

const num = (value: number): CellValue => ({ type: 'number', value });
const text = (value: string): CellValue => ({ type: 'text', value });
const bool = (value: boolean): CellValue => ({ type: 'boolean', value });
const date = (value: string): CellValue => ({ type: 'date', value });
const empty: CellValue = { type: 'empty', value: null };

const slider: CellControl = { type: 'slider', min: 0, max: 10, step: 1 };
const options: CellControl = { type: 'dropdown', options: ['north', 'south', '1'] };
const fromBlock: CellControl = { type: 'dropdown', from: { block: 'b1' as BlockId, column: 'region' } };

const ALL_CONTROLS: CellControl[] = [
  { type: 'value' },
  { type: 'number' },
  slider,
  { type: 'text' },
  options,
  fromBlock,
  { type: 'date' },
  { type: 'checkbox' },
];

describe('parseTypedValue: numbers', () => {
  it.each([
    ['42', 42],
    ['0', 0],
    ['-7', -7],
    ['+7', 7],
    ['3.25', 3.25],
    ['-1.5', -1.5],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['5.', 5],
    ['007', 7],
    ['1e3', 1000],
    ['-1.5e3', -1500],
    ['2.5E-2', 0.025],
    ['1e+2', 100],
    ['1,000', 1000],
    ['-1,000', -1000],
    ['1,234,567', 1234567],
    ['12,345.67', 12345.67],
    ['  42  ', 42],
    ['\t3\n', 3],
  ])('reads %j as the number %d', (input, expected) => {
    expect(parseTypedValue(input)).toEqual(num(expected));
  });

  it.each([
    ['12%', 0.12],
    ['50%', 0.5],
    ['100%', 1],
    ['-5%', -0.05],
    ['1,000%', 10],
    ['0%', 0],
  ])('reads the percentage %j as %d', (input, expected) => {
    const v = parseTypedValue(input);
    expect(v.type).toBe('number');
    expect(v.value as number).toBeCloseTo(expected, 12);
  });

  it.each([
    ['$5', 5],
    ['$1,234.50', 1234.5],
    ['-$5', -5],
    ['(1,234)', -1234],
    ['1,000', 1000],
  ])('reads %j as the number %s, as Excel does', (input, expected) => {
    expect(parseTypedValue(input)).toEqual({ type: 'number', value: expected });
  });

  it.each(['1,00', '1,0000', '12,34.5', '1,,000', '1.2.3', '1e', 'e5', '.', '-', '+', '%', '5%%', '1 000', '0x10', 'Infinity', 'NaN', '1e400', '5 apples', '--5', '$', '5$'])(
    'reads %j as text, not a number',
    (input) => {
      expect(parseTypedValue(input)).toEqual(text(input));
    },
  );
});

describe('parseTypedValue: booleans, dates, text, empty', () => {
  it.each([
    ['TRUE', true],
    ['true', true],
    ['True', true],
    ['FALSE', false],
    ['false', false],
    ['fAlSe', false],
    [' TRUE ', true],
  ])('reads %j as the boolean %s', (input, expected) => {
    expect(parseTypedValue(input)).toEqual(bool(expected));
  });

  it.each([
    ['#N/A', '#N/A'],
    [' #div/0! ', '#DIV/0!'],
    ['#VALUE!', '#VALUE!'],
  ])('COUNTIF(range, <#N/A cell>) counts the errors: %j typed is the error %s, as in Excel', (input, code) => {
    expect(parseTypedValue(input)).toMatchObject({ type: 'error', value: code });
    // Kept as text with a leading apostrophe, as in Excel.
    expect(parseTypedValue(`'${input}`)).toEqual(text(input));
  });

  it.each(['yes', 'no', 'T', 'F', 'truthy', '1true'])('reads %j as text, not a boolean', (input) => {
    expect(parseTypedValue(input)).toEqual(text(input));
  });

  it.each(['2024-03-01', '2024-02-29', '2023-12-31', '1999-01-01', '2000-02-29'])('reads the real date %j as a date', (input) => {
    expect(parseTypedValue(input)).toEqual(date(input));
  });

  it.each([
    ['03/01/2024', '2024-03-01'],
    ['3/15/2024', '2024-03-15'],
    ['12/31/1999', '1999-12-31'],
    ['2024/03/01', '2024-03-01'],
    ['2024-1-5', '2024-01-05'],
    ['Mar 15, 2024', '2024-03-15'],
  ])('reads %j as the date %s, as Excel does in en-US (M/D/Y)', (input, iso) => {
    expect(parseTypedValue(input)).toEqual(date(iso));
  });

  it('reads a date with a time as a date with that time', () => {
    expect(parseTypedValue('3/15/2024 13:45')).toEqual(date('2024-03-15 13:45:00'));
  });

  it('trims a date', () => {
    expect(parseTypedValue(' 2024-03-01 ')).toEqual(date('2024-03-01'));
  });

  it.each(['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-01-32', '24-01-05', '2024-03-01T10:00', '2/30/2024', '13/1/2024'])(
    'reads %j as text: not a real ISO date',
    (input) => {
      expect(parseTypedValue(input)).toEqual(text(input));
    },
  );

  it('reads empty and blank input as empty', () => {
    expect(parseTypedValue('')).toEqual(empty);
    expect(parseTypedValue('   ')).toEqual(empty);
    expect(parseTypedValue('\t\n')).toEqual(empty);
  });

  it('keeps everything after a leading apostrophe as text', () => {
    expect(parseTypedValue("'42")).toEqual(text('42'));
    expect(parseTypedValue("'TRUE")).toEqual(text('TRUE'));
    expect(parseTypedValue("'2024-03-01")).toEqual(text('2024-03-01'));
    expect(parseTypedValue("'12%")).toEqual(text('12%'));
    expect(parseTypedValue("'")).toEqual(text(''));
    expect(parseTypedValue("''quoted'")).toEqual(text("'quoted'"));
    expect(parseTypedValue("' spaced ")).toEqual(text(' spaced '));
  });

  it('keeps other text as typed, spaces included', () => {
    expect(parseTypedValue('hello')).toEqual(text('hello'));
    expect(parseTypedValue('  hello world ')).toEqual(text('  hello world '));
    expect(parseTypedValue("it's")).toEqual(text("it's"));
    expect(parseTypedValue('Zürich')).toEqual(text('Zürich'));
  });
});

describe('cellValue', () => {
  it('is empty for a null or empty value, whatever the control', () => {
    for (const control of ALL_CONTROLS) {
      expect(cellValue({ control, value: null })).toEqual(empty);
      expect(cellValue({ control, value: '' })).toEqual(empty);
    }
  });

  it('parses the typed text of a value cell', () => {
    const control: CellControl = { type: 'value' };
    expect(cellValue({ control, value: '12%' })).toEqual(num(0.12));
    expect(cellValue({ control, value: '1,000' })).toEqual(num(1000));
    expect(cellValue({ control, value: 'true' })).toEqual(bool(true));
    expect(cellValue({ control, value: '2024-03-01' })).toEqual(date('2024-03-01'));
    expect(cellValue({ control, value: "'42" })).toEqual(text('42'));
    expect(cellValue({ control, value: 'Oslo' })).toEqual(text('Oslo'));
    expect(cellValue({ control, value: '  ' })).toEqual(empty);
  });

  it('takes a number or boolean in a value cell as it is', () => {
    const control: CellControl = { type: 'value' };
    expect(cellValue({ control, value: 42 })).toEqual(num(42));
    expect(cellValue({ control, value: 0 })).toEqual(num(0));
    expect(cellValue({ control, value: false })).toEqual(bool(false));
    expect(cellValue({ control, value: true })).toEqual(bool(true));
  });

  it('reads number and slider cells as numbers', () => {
    for (const control of [{ type: 'number' } as CellControl, slider]) {
      expect(cellValue({ control, value: 7 })).toEqual(num(7));
      expect(cellValue({ control, value: 0 })).toEqual(num(0));
      expect(cellValue({ control, value: -2.5 })).toEqual(num(-2.5));
      expect(cellValue({ control, value: '3.5' })).toEqual(num(3.5));
      expect(cellValue({ control, value: 'abc' })).toEqual(empty);
    }
  });

  it('reads a checkbox as a boolean', () => {
    const control: CellControl = { type: 'checkbox' };
    expect(cellValue({ control, value: true })).toEqual(bool(true));
    expect(cellValue({ control, value: false })).toEqual(bool(false));
    expect(cellValue({ control, value: 'true' })).toEqual(bool(true));
    expect(cellValue({ control, value: 'false' })).toEqual(bool(false));
    expect(cellValue({ control, value: 'yes' })).toEqual(bool(false));
  });

  it('reads a date cell only when it holds a real ISO date', () => {
    const control: CellControl = { type: 'date' };
    expect(cellValue({ control, value: '2024-02-29' })).toEqual(date('2024-02-29'));
    expect(cellValue({ control, value: '2024-02-30' })).toEqual(empty);
    expect(cellValue({ control, value: 'tomorrow' })).toEqual(empty);
    expect(cellValue({ control, value: 20240301 })).toEqual(empty);
    expect(cellValue({ control, value: true })).toEqual(empty);
  });

  it('reads text and dropdown cells as text, never parsing them', () => {
    for (const control of [{ type: 'text' } as CellControl, options, fromBlock]) {
      expect(cellValue({ control, value: 'north' })).toEqual(text('north'));
      expect(cellValue({ control, value: '42' })).toEqual(text('42'));
      expect(cellValue({ control, value: 'TRUE' })).toEqual(text('TRUE'));
      expect(cellValue({ control, value: '2024-03-01' })).toEqual(text('2024-03-01'));
      expect(cellValue({ control, value: 42 })).toEqual(text('42'));
      expect(cellValue({ control, value: false })).toEqual(text('false'));
    }
  });
});

describe('formatCellValue', () => {
  it('shows empty as nothing', () => {
    expect(formatCellValue(empty)).toBe('');
  });

  it('shows booleans in capitals', () => {
    expect(formatCellValue(bool(true))).toBe('TRUE');
    expect(formatCellValue(bool(false))).toBe('FALSE');
  });

  it('shows integers as they are', () => {
    expect(formatCellValue(num(0))).toBe('0');
    expect(formatCellValue(num(42))).toBe('42');
    expect(formatCellValue(num(-1000))).toBe('-1000');
    expect(formatCellValue(num(2 ** 53))).toBe('9007199254740992');
  });

  it('hides floating-point noise', () => {
    expect(formatCellValue(num(0.1 + 0.2))).toBe('0.3');
    expect(formatCellValue(num(1.1 * 3))).toBe('3.3');
    expect(formatCellValue(num(0.07 * 100))).toBe('7');
    expect(formatCellValue(num(1.1 / 100))).toBe('0.011');
  });

  it('keeps meaningful decimals', () => {
    expect(formatCellValue(num(3.25))).toBe('3.25');
    expect(formatCellValue(num(-0.5))).toBe('-0.5');
    expect(formatCellValue(num(0.12))).toBe('0.12');
    expect(formatCellValue(num(1234567.891))).toBe('1234567.891');
    expect(formatCellValue(num(1 / 3))).toBe('0.333333333333333');
    expect(formatCellValue(num(1e-7))).toBe('1e-7');
  });

  it('shows text and dates as they are', () => {
    expect(formatCellValue(text('hello'))).toBe('hello');
    expect(formatCellValue(text(''))).toBe('');
    expect(formatCellValue(date('2024-03-01'))).toBe('2024-03-01');
  });

  it('shows what a value cell holds the way it was meant', () => {
    const show = (typed: string) => formatCellValue(cellValue({ control: { type: 'value' }, value: typed }));
    expect(show('12%')).toBe('0.12');
    expect(show('1,000')).toBe('1000');
    expect(show('true')).toBe('TRUE');
    expect(show("'007")).toBe('007');
    expect(show('1.1%')).toBe('0.011');
  });
});

describe('valueForControl', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns anything into typed text for a value cell', () => {
    const c: CellControl = { type: 'value' };
    expect(valueForControl(c, null)).toBe('');
    expect(valueForControl(c, 42)).toBe('42');
    expect(valueForControl(c, 0.5)).toBe('0.5');
    expect(valueForControl(c, true)).toBe('true');
    expect(valueForControl(c, 'Oslo')).toBe('Oslo');
    // …which reads back as what it was.
    expect(cellValue({ control: c, value: valueForControl(c, 42) })).toEqual(num(42));
    expect(cellValue({ control: c, value: valueForControl(c, true) })).toEqual(bool(true));
  });

  it('keeps a number for a number cell, or starts at 0', () => {
    const c: CellControl = { type: 'number' };
    expect(valueForControl(c, 7)).toBe(7);
    expect(valueForControl(c, '42')).toBe(42);
    expect(valueForControl(c, '12%')).toBeCloseTo(0.12, 12);
    expect(valueForControl(c, '1,000')).toBe(1000);
    expect(valueForControl(c, 'abc')).toBe(0);
    expect(valueForControl(c, '')).toBe(0);
    expect(valueForControl(c, null)).toBe(0);
    expect(valueForControl(c, true)).toBe(0);
    expect(valueForControl(c, '2024-03-01')).toBe(0);
  });

  it('clamps to a slider range, or starts at its minimum', () => {
    expect(valueForControl(slider, 5)).toBe(5);
    expect(valueForControl(slider, 15)).toBe(10);
    expect(valueForControl(slider, -3)).toBe(0);
    expect(valueForControl(slider, '7')).toBe(7);
    expect(valueForControl(slider, '1,000')).toBe(10);
    expect(valueForControl(slider, 'abc')).toBe(0);
    expect(valueForControl(slider, null)).toBe(0);
    const shifted: CellControl = { type: 'slider', min: 5, max: 8, step: 0.5 };
    expect(valueForControl(shifted, null)).toBe(5);
    expect(valueForControl(shifted, false)).toBe(5);
    expect(valueForControl(shifted, 6.5)).toBe(6.5);
    expect(valueForControl(shifted, 100)).toBe(8);
    const negative: CellControl = { type: 'slider', min: -10, max: -1, step: 1 };
    expect(valueForControl(negative, 0)).toBe(-1);
    expect(valueForControl(negative, '-50')).toBe(-10);
  });

  it('keeps a boolean for a checkbox, or starts unchecked', () => {
    const c: CellControl = { type: 'checkbox' };
    expect(valueForControl(c, true)).toBe(true);
    expect(valueForControl(c, false)).toBe(false);
    expect(valueForControl(c, 'TRUE')).toBe(true);
    expect(valueForControl(c, 'false')).toBe(false);
    expect(valueForControl(c, 'yes')).toBe(false);
    expect(valueForControl(c, 1)).toBe(false);
    expect(valueForControl(c, null)).toBe(false);
  });

  it('keeps a real date for a date cell, or starts today', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-15T12:00:00Z'));
    const c: CellControl = { type: 'date' };
    expect(valueForControl(c, '2024-03-01')).toBe('2024-03-01');
    expect(valueForControl(c, ' 2024-03-01 ')).toBe('2024-03-01');
    expect(valueForControl(c, '2024-02-30')).toBe('2024-06-15');
    expect(valueForControl(c, 'next week')).toBe('2024-06-15');
    expect(valueForControl(c, 20240301)).toBe('2024-06-15');
    expect(valueForControl(c, null)).toBe('2024-06-15');
  });

  it('keeps the text of anything for a text cell', () => {
    const c: CellControl = { type: 'text' };
    expect(valueForControl(c, null)).toBe('');
    expect(valueForControl(c, 'abc')).toBe('abc');
    expect(valueForControl(c, 42)).toBe('42');
    expect(valueForControl(c, false)).toBe('false');
    expect(valueForControl(c, "'x")).toBe("'x");
  });

  it('keeps a value that is one of a dropdown\'s options, or takes the first option', () => {
    expect(valueForControl(options, 'south')).toBe('south');
    expect(valueForControl(options, 1)).toBe('1');
    expect(valueForControl(options, 'west')).toBe('north');
    expect(valueForControl(options, 'South')).toBe('north');
    expect(valueForControl(options, null)).toBe('north');
    expect(valueForControl({ type: 'dropdown', options: [] }, 'x')).toBeNull();
  });

  it('keeps the text of a value for a dropdown fed by a block (its options are not known here)', () => {
    expect(valueForControl(fromBlock, 'north')).toBe('north');
    expect(valueForControl(fromBlock, 3)).toBe('3');
    expect(valueForControl(fromBlock, null)).toBeNull();
  });

  it('gives every control a value that cellValue reads without loss', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-15T12:00:00Z'));
    const previous: CellRaw[] = [null, '', 'abc', '42', 42, 3.5, true, false, '2024-03-01', '12%'];
    for (const control of ALL_CONTROLS) {
      for (const p of previous) {
        const v = valueForControl(control, p);
        const read = cellValue({ control, value: v });
        if (control.type === 'number' || control.type === 'slider') expect(read.type).toBe('number');
        if (control.type === 'checkbox') expect(read.type).toBe('boolean');
        if (control.type === 'date') expect(read.type).toBe('date');
        if (control.type === 'slider') {
          expect(read.value as number).toBeGreaterThanOrEqual(control.min);
          expect(read.value as number).toBeLessThanOrEqual(control.max);
        }
      }
    }
  });
});
