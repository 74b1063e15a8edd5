import type { FunctionSpec, ScalarArg } from '../../catalog';
import { isFormulaError, type FormulaError } from '../../errors';
import { isDate, toText } from '../../values';
import { arg } from '../helpers';
import { atpNumber, NUM, VALUE } from './shared';

// ---- BIN2DEC … HEX2OCT: whole numbers between binary, octal, decimal and hexadecimal
//
// As Excel has them: at most 10 digits, negative numbers in two's complement over 10 digits
// (binary: 10 bits, -512 to 511; octal: 30 bits; hexadecimal: 40 bits).

type Base = 'BIN' | 'OCT' | 'DEC' | 'HEX';
const RADIX: Record<Base, number> = { BIN: 2, OCT: 8, DEC: 10, HEX: 16 };
const BITS: Record<Base, number> = { BIN: 10, OCT: 30, DEC: 0, HEX: 40 };
const DIGITS: Record<Base, RegExp> = { BIN: /^[01]*$/, OCT: /^[0-7]*$/, DEC: /^$/, HEX: /^[0-9a-f]*$/i };

/** A BIN, OCT or HEX argument as its number. */
function readDigits(v: ScalarArg, from: Base, name: string): number | FormulaError {
  const value = v === undefined ? null : arg([v], 0);
  if (typeof value === 'boolean') return VALUE(`${name} takes digits, not ${value ? 'TRUE' : 'FALSE'}.`);
  const text = isDate(value) ? String(value.serial) : toText(value);
  if (isFormulaError(text)) return text;
  if (text.length > 10) return NUM(`${name}: "${text}" has more than 10 digits.`);
  if (!DIGITS[from].test(text)) return NUM(`${name}: "${text}" is not a ${from === 'BIN' ? 'binary' : from === 'OCT' ? 'octal' : 'hexadecimal'} number.`);
  if (text === '') return 0;
  const n = parseInt(text, RADIX[from]);
  const bits = BITS[from];
  // Ten digits with the top bit set are a negative number in two's complement.
  return text.length === 10 && n >= 2 ** (bits - 1) ? n - 2 ** bits : n;
}

/** n written in base `to`, padded to `places` digits when asked (negative numbers: 10 digits of two's complement). */
function writeDigits(n: number, to: Base, places: ScalarArg, name: string): string | FormulaError {
  const bits = BITS[to];
  if (n < -(2 ** (bits - 1)) || n >= 2 ** (bits - 1)) return NUM(`${name}: ${n} is outside what 10 ${to === 'BIN' ? 'binary' : to === 'OCT' ? 'octal' : 'hexadecimal'} digits hold.`);
  if (n < 0) return (2 ** bits + n).toString(RADIX[to]).toUpperCase();
  const digits = n.toString(RADIX[to]).toUpperCase();
  if (places === undefined || arg([places], 0) === null) return digits;
  const p = atpNumber([places], 0, name);
  if (isFormulaError(p)) return p;
  const width = Math.trunc(p);
  if (width < 0 || width > 10) return NUM(`${name}: places must be from 1 to 10.`);
  if (width < digits.length) return NUM(`${name}: ${digits} needs ${digits.length} places, more than ${width}.`);
  return digits.padStart(width, '0');
}

const NAMES: Record<Base, string> = { BIN: 'binary', OCT: 'octal', DEC: 'decimal', HEX: 'hexadecimal' };
const EXAMPLES: Record<string, FunctionSpec['example']> = {
  BIN2DEC: { formula: '=BIN2DEC("1100100")', result: '100' },
  BIN2OCT: { formula: '=BIN2OCT("1001", 3)', result: '011' },
  BIN2HEX: { formula: '=BIN2HEX("11111011", 4)', result: '00FB' },
  OCT2BIN: { formula: '=OCT2BIN("3", 3)', result: '011' },
  OCT2DEC: { formula: '=OCT2DEC("54")', result: '44' },
  OCT2HEX: { formula: '=OCT2HEX("100", 4)', result: '0040' },
  DEC2BIN: { formula: '=DEC2BIN(9, 4)', result: '1001' },
  DEC2OCT: { formula: '=DEC2OCT(58, 3)', result: '072' },
  DEC2HEX: { formula: '=DEC2HEX(100, 4)', result: '0064' },
  HEX2BIN: { formula: '=HEX2BIN("F", 8)', result: '00001111' },
  HEX2OCT: { formula: '=HEX2OCT("F", 3)', result: '017' },
  HEX2DEC: { formula: '=HEX2DEC("A5")', result: '165' },
};

function conversion(from: Base, to: Base): FunctionSpec {
  const name = `${from}2${to}`;
  const toDecimal = to === 'DEC';
  return {
    name,
    category: 'engineering',
    summary: `A ${NAMES[from]} number as ${NAMES[to]}${toDecimal ? '' : ' text (padded with zeros to places, when given)'}; negative numbers are 10 digits of two's complement.`,
    params: toDecimal ? [{ name: 'number' }] : [{ name: 'number' }, { name: 'places', optional: true }],
    example: EXAMPLES[name]!,
    scalar(args) {
      let n: number | FormulaError;
      if (from === 'DEC') {
        const x = atpNumber(args, 0, name);
        n = isFormulaError(x) ? x : Math.trunc(x);
      } else n = readDigits(args[0], from, name);
      if (isFormulaError(n)) return n;
      return toDecimal ? n : writeDigits(n, to, args[1], name);
    },
  };
}

export const BASE_CONVERSIONS: FunctionSpec[] = (
  [
    ['BIN', 'DEC'],
    ['BIN', 'HEX'],
    ['BIN', 'OCT'],
    ['DEC', 'BIN'],
    ['DEC', 'HEX'],
    ['DEC', 'OCT'],
    ['HEX', 'BIN'],
    ['HEX', 'DEC'],
    ['HEX', 'OCT'],
    ['OCT', 'BIN'],
    ['OCT', 'DEC'],
    ['OCT', 'HEX'],
  ] as [Base, Base][]
).map(([from, to]) => conversion(from, to));
