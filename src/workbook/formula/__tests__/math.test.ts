import * as formulajs from '@formulajs/formulajs';
import { describe, expect, test } from 'vitest';
import { isFormulaError } from '../errors';
import { columnResult, constantResult, differences, scalarResult, show, type DiffCase } from '../testing/differential';
import { cases, EDGE_NUMBERS, type Generators } from '../testing/generate';
import { MATH_FUNCTIONS } from '../functions/math';
import { DateValue, displayValue, type Scalar } from '../values';

// The math functions through both forms (TypeScript and DuckDB), against Excel's documented
// results, and against @formulajs/formulajs where it implements the same function.

/** The displayed value of a formula's scalar form. */
const shown = (formula: string) => show(scalarResult(formula, {}));

/** Runs `inputs` through our scalar form and formulajs, and describes where they disagree. */
function oracleMismatches(template: string, theirs: (...xs: number[]) => unknown, inputs: number[][]): string[] {
  const out: string[] = [];
  for (const xs of inputs) {
    const ours = scalarResult(template, { values: xs });
    const expected = theirs(...xs);
    if (!agrees(ours, expected)) out.push(`${template} with ${JSON.stringify(xs)}: ours ${show(ours)}, formulajs ${String(expected)}`);
  }
  return out;
}

function agrees(ours: Scalar, theirs: unknown): boolean {
  if (theirs instanceof Error) return isFormulaError(ours) && ours.code === theirs.message;
  if (typeof theirs !== 'number' || typeof ours !== 'number') return false;
  return ours === theirs || Math.abs(ours - theirs) <= 1e-9 * Math.max(1, Math.abs(ours), Math.abs(theirs));
}

/** Whether q is a whole number, or a hair off one: where dividing in binary (as formulajs does) lands either side. */
const nearWhole = (q: number) => Math.abs(q - Math.round(q)) < 1e-6;

/** The cases whose values are all numbers, as number lists. */
const numbersOnly = (cs: DiffCase[]) => cs.map((c) => c.values ?? []).filter((v): v is number[] => v.every((x) => typeof x === 'number'));

// ---- inputs

/** Any single value: numbers of every size, text (numeric or not), booleans, dates, empty. */
const ANY_ONE: DiffCase[] = [...cases(50, (g) => ({ values: [g.any()] })), ...EDGE_NUMBERS.map((x) => ({ values: [x] })), { values: [null] }, { values: ['3.5'] }, { values: ['x'] }];

/** Numbers only, for the oracle: formulajs reads text and dates differently from Excel. */
const NUMBERS = [...EDGE_NUMBERS, ...cases(40, (g) => g.number())];

const SIGNIFICANCES = [0, 1, 2, -2, 0.1, -0.1, 0.5, -0.5, 5, 0.01, -1, 3, 0.2];
/** Number and significance pairs, with halves and multiples of tenths (where binary division misleads). */
const MULTIPLE_PAIRS: DiffCase[] = [
  ...cases(70, (g) => ({ values: [g.pick([g.number(), g.integer(-30, 30) / 10, g.integer(-20, 20) / 4]), g.pick(SIGNIFICANCES)] })),
  { values: [1.3, 0.1] },
  { values: [0.3, 0.1] },
  { values: [-2.5, 2] },
  { values: [2.5, -2] },
  { values: [0, -1] },
  { values: [0, 0] },
  { values: ['2.5', true] },
  { values: [null, 2] },
  { values: ['x', 1] },
  { values: [1e300, 1e-300] },
];

/** A column of one type (as a table column has), with empty cells. */
function column(g: Generators, n: number, kind = g.pick(['number', 'number', 'text', 'boolean', 'date'] as const)): Scalar[] {
  // Dates without a time: a column mixing DATE and TIMESTAMP would be text in SQL.
  const make = { number: () => g.number(), text: () => g.text(), boolean: () => g.boolean(), date: () => new DateValue(Math.floor(g.date().serial)) }[kind];
  return Array.from({ length: n }, () => (g.integer(0, 5) === 0 ? null : make()));
}

// ---- tests

describe('PRODUCT, SUMSQ and SUMPRODUCT', () => {
  const sets = cases(25, (g) => ({ values: [g.number(), g.any()], ranges: [column(g, g.integer(0, 6), 'number'), column(g, g.integer(0, 6))] }));

  test('PRODUCT over values and columns agrees in both forms', async () => {
    for (const t of ['PRODUCT(#0)', 'PRODUCT(#1)', 'PRODUCT($0, #0)', 'PRODUCT($0, $1)', 'PRODUCT($1, #1, #0)']) expect(await differences(t, sets), t).toEqual([]);
  });

  test('PRODUCT multiplies, skipping text in ranges; no numbers at all is 0', async () => {
    expect(shown('PRODUCT(5, 15, 30)')).toBe('2250');
    expect(scalarResult('PRODUCT(#0)', { ranges: [[null, 'a', true]] })).toBe(0);
    expect(shown('PRODUCT("2", TRUE, 4)')).toBe('8');
    expect(shown('PRODUCT("x", 4)')).toBe('#VALUE!');
    expect(shown('PRODUCT(1E200, 1E200)')).toBe('#NUM!');
    expect(await differences('PRODUCT($0, $1)', [{ values: [1e200, 1e200] }])).toEqual([]);
  });

  test('SUMSQ adds the squares, reading its arguments as SUM does', async () => {
    for (const t of ['SUMSQ(#0)', 'SUMSQ(#1)', 'SUMSQ($0, #0)', 'SUMSQ($0, $1)']) expect(await differences(t, sets), t).toEqual([]);
    expect(shown('SUMSQ(3, 4)')).toBe('25');
    expect(shown('SUMSQ(-3, "4")')).toBe('25');
    expect(shown('SUMSQ(1E200)')).toBe('#NUM!');
  });

  test('SUMPRODUCT multiplies equal ranges row by row and adds; text, TRUE/FALSE and empty count as 0', async () => {
    const tables = cases(40, (g) => {
      const n = g.integer(0, 7);
      return { values: [g.number(), g.any()], ranges: [column(g, n, 'number'), column(g, n), column(g, n, 'number')] };
    });
    for (const t of ['SUMPRODUCT(#0, #2)', 'SUMPRODUCT(#0, #1)', 'SUMPRODUCT(#0, #1, #2)', 'SUMPRODUCT(#2)', 'SUMPRODUCT(rng)', 'SUMPRODUCT(rng, rng)', 'SUMPRODUCT($0, $1)', 'SUMPRODUCT($1)']) {
      expect(await differences(t, tables), t).toEqual([]);
    }
    // Microsoft's example: the sum of the products of two 3×2 arrays.
    expect(shown('SUMPRODUCT({3,4;8,6;1,9}, {2,7;6,7;5,3})')).toBe('156');
    expect(shown('SUMPRODUCT({1,"a",TRUE}, {4,5,6})')).toBe('4');
    expect(shown('SUMPRODUCT({1,2,3}, {4,5})')).toBe('#VALUE!');
    expect(shown('SUMPRODUCT({1,2}, {3;4})')).toBe('#VALUE!');
  });

  test('SUMPRODUCT with a single value beside a column fits only a one-row table', async () => {
    const mixed = cases(20, (g) => ({ values: [g.number()], ranges: [column(g, g.integer(0, 3), 'number')] }));
    expect(await differences('SUMPRODUCT($0, #0)', mixed)).toEqual([]);
    expect(scalarResult('SUMPRODUCT($0, #0)', { values: [3], ranges: [[4]] })).toBe(12);
    expect(show(scalarResult('SUMPRODUCT($0, #0)', { values: [3], ranges: [[4, 5]] }))).toBe('#VALUE!');
    expect(show(scalarResult('SUMPRODUCT(1/0, #0)', { ranges: [[4]] }))).toBe('#DIV/0!');
  });

  test('formulajs agrees on PRODUCT, SUMSQ and SUMPRODUCT of numbers', () => {
    const lists = cases(30, (g) => Array.from({ length: g.integer(1, 5) }, () => g.number()));
    for (const xs of lists) {
      const ranges = { ranges: [xs] };
      expect(agrees(scalarResult('PRODUCT(#0)', ranges), formulajs.PRODUCT(xs)), `PRODUCT ${xs}`).toBe(true);
      expect(agrees(scalarResult('SUMSQ(#0)', ranges), formulajs.SUMSQ(xs)), `SUMSQ ${xs}`).toBe(true);
      const ys = xs.map((x, i) => x * (i + 1) - 3);
      expect(agrees(scalarResult('SUMPRODUCT(#0, #1)', { ranges: [xs, ys] }), formulajs.SUMPRODUCT(xs, ys)), `SUMPRODUCT ${xs} ${ys}`).toBe(true);
    }
  });
});

describe('powers and logarithms', () => {
  const powerPairs = [...cases(60, (g) => ({ values: [g.pick([g.number(), g.integer(-4, 4), 0]), g.pick([g.integer(-3, 4), 0.5, -0.5, g.number(), 1e3])] })), { values: [0, 0] }, { values: [0, -1] }, { values: [-8, 1 / 3] }, { values: ['2', true] }];

  test('POWER is the ^ operator: 0^0 #NUM!, 0 to a negative power #DIV/0!, a negative number to a fraction #NUM!', async () => {
    expect(await differences('POWER($0, $1)', powerPairs)).toEqual([]);
    expect(shown('POWER(5, 2)')).toBe('25');
    expect(shown('POWER(98.6, 3.2)')).toBe('2401077.22206958');
    expect(shown('POWER(4, 5/4)')).toBe('5.65685424949238');
    expect(shown('POWER(0, 0)')).toBe('#NUM!');
    expect(shown('POWER(0, -1)')).toBe('#DIV/0!');
    expect(shown('POWER(-8, 1/3)')).toBe('#NUM!');
    expect(shown('POWER(10, 400)')).toBe('#NUM!');
  });

  test('EXP, LN, LOG10 and LOG agree in both forms, domain errors included', async () => {
    for (const f of ['EXP', 'LN', 'LOG10', 'LOG']) expect(await differences(`${f}($0)`, ANY_ONE), f).toEqual([]);
    const bases = [...cases(50, (g) => ({ values: [g.pick([g.number(), g.integer(0, 100)]), g.pick([2, 10, 1, 0, -2, 0.5, Math.E, g.number()])] })), { values: [8, null] }];
    expect(await differences('LOG($0, $1)', bases)).toEqual([]);
  });

  test('EXP, LN, LOG and LOG10 give Excel’s results', () => {
    expect(shown('EXP(1)')).toBe('2.71828182845905');
    expect(shown('EXP(2)')).toBe('7.38905609893065');
    expect(shown('EXP(710)')).toBe('#NUM!');
    expect(shown('LN(86)')).toBe('4.45434729625351');
    expect(shown('LN(EXP(3))')).toBe('3');
    expect(shown('LN(0)')).toBe('#NUM!');
    expect(shown('LN(-1)')).toBe('#NUM!');
    expect(shown('LOG(10)')).toBe('1');
    expect(shown('LOG(1000)')).toBe('3');
    expect(shown('LOG(8, 2)')).toBe('3');
    expect(shown('LOG(86, 2.7182818)')).toBe('4.45434734288829');
    expect(shown('LOG(-1)')).toBe('#NUM!');
    expect(shown('LOG(8, -2)')).toBe('#NUM!');
    expect(shown('LOG(8, 1)')).toBe('#DIV/0!');
    expect(shown('LOG10(86)')).toBe('1.93449845124357');
    expect(shown('LOG10(1E5)')).toBe('5');
    expect(shown('LOG10(0)')).toBe('#NUM!');
  });

  test('formulajs agrees on POWER, EXP, LN, LOG and LOG10 where it gives Excel’s answers', () => {
    // formulajs answers Infinity where Excel overflows to #NUM! (and 0^-1, Excel's #DIV/0!), and
    // NaN for logarithms of negative numbers or to base 1: those inputs are left out.
    const pairs = numbersOnly(powerPairs).filter(([x = 0, y = 0]) => !(x === 0 && y < 0) && Number.isFinite(x ** y));
    expect(oracleMismatches('POWER($0, $1)', formulajs.POWER, pairs)).toEqual([]);
    expect(oracleMismatches('EXP($0)', formulajs.EXP, NUMBERS.filter((x) => x < 700).map((x) => [x]))).toEqual([]);
    const positive = NUMBERS.filter((x) => x > 0).map((x) => [x]);
    expect(oracleMismatches('LN($0)', formulajs.LN, positive)).toEqual([]);
    expect(oracleMismatches('LOG10($0)', formulajs.LOG10, positive)).toEqual([]);
    expect(oracleMismatches('LOG($0)', formulajs.LOG, positive)).toEqual([]);
    const bases = NUMBERS.filter((x) => x > 0 && x !== 1);
    expect(oracleMismatches('LOG($0, $1)', formulajs.LOG, positive.map(([x], i) => [x!, bases[i % bases.length]!]))).toEqual([]);
  });
});

describe('signs, truncation and rounding to multiples', () => {
  test('PI and SIGN', async () => {
    expect(await differences('SIGN($0)', ANY_ONE)).toEqual([]);
    expect(await differences('PI() * $0', cases(10, (g) => ({ values: [g.number()] })))).toEqual([]);
    expect(shown('PI()')).toBe('3.14159265358979');
    expect(shown('SIGN(10)')).toBe('1');
    expect(shown('SIGN(4-4)')).toBe('0');
    expect(shown('SIGN(-0.00001)')).toBe('-1');
    expect(oracleMismatches('SIGN($0)', formulajs.SIGN, NUMBERS.map((x) => [x]))).toEqual([]);
  });

  test('TRUNC cuts toward zero on 15 significant digits, with digits left or right of the point', async () => {
    const sets = [...cases(60, (g) => ({ values: [g.pick([g.number(), g.integer(-999, 999) / 100, 1e15, 1e-300]), g.pick([0, 1, 2, 3, -1, -2, 20, -20, 400, -400, 1e10])] })), { values: [1e300, 100] }];
    expect(await differences('TRUNC($0, $1)', sets)).toEqual([]);
  });

  test('TRUNC of any value agrees in both forms', async () => {
    expect(await differences('TRUNC($0)', ANY_ONE)).toEqual([]);
  });

  test('TRUNC gives Excel’s results, far digits included', () => {
    expect(shown('TRUNC(8.9)')).toBe('8');
    expect(shown('TRUNC(-8.9)')).toBe('-8');
    expect(shown('TRUNC(0.45)')).toBe('0');
    expect(shown('TRUNC(PI(), 2)')).toBe('3.14');
    expect(shown('TRUNC(0.29, 2)')).toBe('0.29');
    expect(shown('TRUNC(1234.5, -2)')).toBe('1200');
    expect(shown('TRUNC(1E300, 100)')).toBe('1E+300');
    expect(shown('TRUNC(5, -400)')).toBe('0');
    expect(shown('TRUNC(5, 1E10)')).toBe('5');
  });

  test('formulajs agrees on TRUNC off the digit grid (on it, its binary multiply can fall a hair short)', () => {
    const inputs = cases(60, (g) => [g.number(), g.integer(-2, 3)]).filter(([x, d]) => !nearWhole(x! * 10 ** d!));
    expect(oracleMismatches('TRUNC($0, $1)', formulajs.TRUNC, inputs)).toEqual([]);
  });

  for (const f of ['CEILING', 'FLOOR', 'MROUND', 'QUOTIENT']) {
    test(`${f} agrees in both forms, zero and mismatched signs included`, async () => {
      expect(await differences(`${f}($0, $1)`, MULTIPLE_PAIRS)).toEqual([]);
    });
  }

  for (const f of ['CEILING.MATH', 'FLOOR.MATH']) {
    test(`${f} agrees in both forms, with and without significance and mode`, async () => {
      const withMode = MULTIPLE_PAIRS.map((c, i) => ({ values: [...c.values!, [0, 1, -1, 0.5][i % 4]!] }));
      expect(await differences(`${f}($0)`, MULTIPLE_PAIRS)).toEqual([]);
      expect(await differences(`${f}($0, $1, $2)`, withMode)).toEqual([]);
    });
  }

  test('CEILING and FLOOR round to a multiple, as in Excel 2010 and later', () => {
    expect(shown('CEILING(2.5, 1)')).toBe('3');
    expect(shown('CEILING(-2.5, -2)')).toBe('-4');
    expect(shown('CEILING(-2.5, 2)')).toBe('-2');
    expect(shown('CEILING(1.5, 0.1)')).toBe('1.5');
    expect(shown('CEILING(0.234, 0.01)')).toBe('0.24');
    expect(shown('CEILING(1.3, 0.1)')).toBe('1.3');
    expect(scalarResult('CEILING(1.3, 0.1)', {})).toBe(1.3);
    expect(shown('CEILING(2.5, -2)')).toBe('#NUM!');
    expect(shown('CEILING(2.5, 0)')).toBe('0');
    expect(shown('FLOOR(3.7, 2)')).toBe('2');
    expect(shown('FLOOR(-2.5, -2)')).toBe('-2');
    expect(shown('FLOOR(-2.5, 2)')).toBe('-4');
    expect(shown('FLOOR(2.5, -2)')).toBe('#NUM!');
    expect(shown('FLOOR(1.58, 0.1)')).toBe('1.5');
    expect(shown('FLOOR(0.234, 0.01)')).toBe('0.23');
    expect(shown('FLOOR(0.3, 0.1)')).toBe('0.3');
    expect(shown('FLOOR(2.5, 0)')).toBe('#DIV/0!');
  });

  test('CEILING.MATH and FLOOR.MATH ignore the significance’s sign; a nonzero mode turns negative numbers', () => {
    expect(shown('CEILING.MATH(24.3, 5)')).toBe('25');
    expect(shown('CEILING.MATH(6.7)')).toBe('7');
    expect(shown('CEILING.MATH(-8.1, 2)')).toBe('-8');
    expect(shown('CEILING.MATH(-5.5, 2, -1)')).toBe('-6');
    expect(shown('CEILING.MATH(5, 0)')).toBe('0');
    expect(shown('FLOOR.MATH(24.3, 5)')).toBe('20');
    expect(shown('FLOOR.MATH(6.7)')).toBe('6');
    expect(shown('FLOOR.MATH(-8.1, 2)')).toBe('-10');
    expect(shown('FLOOR.MATH(-5.5, 2, -1)')).toBe('-4');
    expect(shown('FLOOR.MATH(5, -2)')).toBe('4');
  });

  test('MROUND rounds halves away from zero; different signs are #NUM!', () => {
    expect(shown('MROUND(10, 3)')).toBe('9');
    expect(shown('MROUND(-10, -3)')).toBe('-9');
    expect(shown('MROUND(1.3, 0.2)')).toBe('1.4');
    expect(shown('MROUND(5, -2)')).toBe('#NUM!');
    expect(shown('MROUND(-5, -2)')).toBe('-6');
    expect(shown('MROUND(7.5, 5)')).toBe('10');
    expect(shown('MROUND(5, 0)')).toBe('0');
  });

  test('QUOTIENT keeps the whole part, toward zero', () => {
    expect(shown('QUOTIENT(5, 2)')).toBe('2');
    expect(shown('QUOTIENT(4.5, 3.1)')).toBe('1');
    expect(shown('QUOTIENT(-10, 3)')).toBe('-3');
    expect(shown('QUOTIENT(0.3, 0.1)')).toBe('3');
    expect(shown('QUOTIENT(1, 0)')).toBe('#DIV/0!');
  });

  test('formulajs agrees on the multiples away from exact multiples and halves (it divides in binary, and its MROUND rounds -2.5 to -2)', () => {
    const pairs = numbersOnly(MULTIPLE_PAIRS);
    const offGrid = pairs.filter(([x = 0, s = 0]) => s !== 0 && !nearWhole(x / s) && !nearWhole(x / s + 0.5) && Math.abs(x / s) < 1e15);
    expect(oracleMismatches('CEILING($0, $1)', formulajs.CEILING, offGrid)).toEqual([]);
    expect(oracleMismatches('FLOOR($0, $1)', formulajs.FLOOR, offGrid)).toEqual([]);
    expect(oracleMismatches('CEILING.MATH($0, $1)', formulajs.CEILINGMATH, offGrid)).toEqual([]);
    expect(oracleMismatches('FLOOR.MATH($0, $1)', formulajs.FLOORMATH, offGrid)).toEqual([]);
    expect(oracleMismatches('CEILING.MATH($0, $1, -1)', (x, s) => formulajs.CEILINGMATH(x, s, -1), offGrid)).toEqual([]);
    expect(oracleMismatches('FLOOR.MATH($0, $1, -1)', (x, s) => formulajs.FLOORMATH(x, s, -1), offGrid)).toEqual([]);
    expect(oracleMismatches('MROUND($0, $1)', formulajs.MROUND, offGrid)).toEqual([]);
    expect(oracleMismatches('QUOTIENT($0, $1)', formulajs.QUOTIENT, offGrid)).toEqual([]);
    // Zero significance: CEILING 0, FLOOR #DIV/0!, as formulajs has them too.
    expect(oracleMismatches('CEILING($0, $1)', formulajs.CEILING, [[3, 0]])).toEqual([]);
    expect(oracleMismatches('FLOOR($0, $1)', formulajs.FLOOR, [[3, 0]])).toEqual([]);
  });

  test('EVEN and ODD round away from zero to the next even or odd whole number', async () => {
    expect(await differences('EVEN($0)', ANY_ONE)).toEqual([]);
    expect(await differences('ODD($0)', ANY_ONE)).toEqual([]);
    expect(['EVEN(1.5)', 'EVEN(3)', 'EVEN(2)', 'EVEN(-1)', 'EVEN(0)'].map(shown)).toEqual(['2', '4', '2', '-2', '0']);
    expect(['ODD(1.5)', 'ODD(3)', 'ODD(2)', 'ODD(-1)', 'ODD(-2)', 'ODD(0)'].map(shown)).toEqual(['3', '3', '3', '-1', '-3', '1']);
    const inputs = NUMBERS.map((x) => [x]);
    expect(oracleMismatches('EVEN($0)', formulajs.EVEN, inputs)).toEqual([]);
    expect(oracleMismatches('ODD($0)', formulajs.ODD, inputs)).toEqual([]);
  });
});

describe('factorials, combinations, GCD and LCM', () => {
  test('FACT truncates; negative numbers and results past 170! are #NUM!', async () => {
    const sets = [...cases(40, (g) => ({ values: [g.pick([g.integer(-3, 180), g.number(), g.integer(0, 25) + 0.7])] })), ...ANY_ONE];
    expect(await differences('FACT($0)', sets)).toEqual([]);
    expect(['FACT(5)', 'FACT(1.9)', 'FACT(0)', 'FACT(1)', 'FACT(-1)', 'FACT(171)'].map(shown)).toEqual(['120', '1', '1', '1', '#NUM!', '#NUM!']);
    expect(shown('FACT(170)')).toBe('7.25741561530799E+306');
    // formulajs has no error for negative numbers (it recurses forever) nor for overflow (Infinity).
    expect(oracleMismatches('FACT($0)', formulajs.FACT, cases(40, (g) => [g.pick([g.integer(0, 170), g.integer(0, 30) + 0.5])]))).toEqual([]);
  });

  test('COMBIN counts choices; number_chosen above number, or negatives, are #NUM!', async () => {
    const sets = [
      ...cases(60, (g) => ({ values: [g.pick([g.integer(-2, 60), g.integer(0, 3000), g.integer(0, 20) + 0.9]), g.pick([g.integer(-1, 30), g.integer(0, 1500), 0])] })),
      { values: [3000, 1500] },
      { values: [1e300, 1] },
      { values: ['x', 1] },
    ];
    expect(await differences('COMBIN($0, $1)', sets)).toEqual([]);
    expect(['COMBIN(8, 2)', 'COMBIN(5, 0)', 'COMBIN(0, 0)', 'COMBIN(8.9, 2.9)', 'COMBIN(2, 3)', 'COMBIN(-1, 0)', 'COMBIN(5, -1)', 'COMBIN(2000, 1000)'].map(shown)).toEqual(['28', '1', '1', '28', '#NUM!', '#NUM!', '#NUM!', '#NUM!']);
    // 118264581564861424 needs 18 digits; Excel shows 15, as we do.
    expect(shown('COMBIN(60, 30)')).toBe('1.18264581564861E+17');
    // formulajs divides factorials (Infinity past 170) and truncates differently: whole numbers up to 170 only.
    expect(oracleMismatches('COMBIN($0, $1)', formulajs.COMBIN, cases(40, (g) => { const n = g.integer(0, 170); return [n, g.integer(0, n)]; }))).toEqual([]);
  });

  const whole = (g: Generators) => g.pick([g.integer(0, 40), g.integer(0, 40), 0, 12, 36, g.integer(0, 40) + 0.5, -3, 2 ** 53, null]);
  const wholeSets = cases(30, (g) => ({ values: [whole(g), whole(g)], ranges: [Array.from({ length: g.integer(0, 5) }, () => whole(g)), column(g, g.integer(0, 4))] }));
  for (const f of ['GCD', 'LCM']) {
    test(`${f} over values and columns agrees in both forms (fractions truncated; text in ranges read as numbers, TRUE/FALSE #VALUE!, as Excel reads them)`, async () => {
      for (const t of [`${f}($0, $1)`, `${f}(#0)`, `${f}($0, #0)`, `${f}(#1, $1)`]) expect(await differences(t, wholeSets), t).toEqual([]);
    });
  }

  test('GCD and LCM give Excel’s results; negative numbers and 2^53 are #NUM!', () => {
    expect(['GCD(5, 2)', 'GCD(24, 36)', 'GCD(7, 1)', 'GCD(5, 0)', 'GCD(5.9, 10)', 'GCD(-1, 2)', 'GCD(2^53, 2)'].map(shown)).toEqual(['1', '12', '1', '5', '5', '#NUM!', '#NUM!']);
    expect(['LCM(5, 2)', 'LCM(24, 36)', 'LCM(5, 0)', 'LCM(4.9, 6)', 'LCM(-4, 6)'].map(shown)).toEqual(['10', '72', '0', '12', '#NUM!']);
  });

  test('LCM past 2^53 is #NUM! in both forms', async () => {
    const big = [{ values: [2 ** 52 - 1, 2 ** 52 - 3] }, { values: [2 ** 40 + 1, 2 ** 20 + 7] }, { values: [2 ** 26, 2 ** 26 + 1] }];
    expect(await differences('LCM($0, $1)', big)).toEqual([]);
    expect(await differences('LCM($0, $1, 0)', big)).toEqual([]);
    expect(shown(`LCM(${2 ** 52 - 1}, ${2 ** 52 - 3})`)).toBe('#NUM!');
  });

  test('formulajs agrees on GCD and LCM of whole numbers', () => {
    const lists = cases(40, (g) => Array.from({ length: g.integer(1, 4) }, () => g.integer(0, 60)));
    for (const xs of lists) {
      expect(agrees(scalarResult('GCD(#0)', { ranges: [xs] }), formulajs.GCD(xs)), `GCD ${xs}`).toBe(true);
      expect(agrees(scalarResult('LCM(#0)', { ranges: [xs] }), formulajs.LCM([...xs])), `LCM ${xs}`).toBe(true);
    }
  });
});

describe('trigonometry', () => {
  const angles: DiffCase[] = [...ANY_ONE, ...[-1, -0.5, 0.5, 1, 1.0000001, 2 ** 27 - 1, 2 ** 27, -(2 ** 27)].map((x) => ({ values: [x] }))];

  test('DEGREES, RADIANS, SIN, COS, TAN, ASIN, ACOS and ATAN agree in both forms, domain errors included', async () => {
    for (const f of ['DEGREES', 'RADIANS', 'SIN', 'COS', 'TAN', 'ASIN', 'ACOS', 'ATAN']) expect(await differences(`${f}($0)`, angles), f).toEqual([]);
  });

  test('ATAN2 takes x first, as Excel does; the point (0, 0) is #DIV/0!', async () => {
    const points = [...cases(40, (g) => ({ values: [g.pick([g.number(), 0, -1, 1]), g.pick([g.number(), 0, -1, 1])] })), { values: [0, 0] }, { values: [null, 'x'] }];
    expect(await differences('ATAN2($0, $1)', points)).toEqual([]);
    expect(shown('ATAN2(1, 1)')).toBe('0.785398163397448');
    expect(shown('ATAN2(-1, -1)')).toBe('-2.35619449019234');
    expect(shown('ATAN2(-1, -1) * 180 / PI()')).toBe('-135');
    expect(shown('ATAN2(1, 0)')).toBe('0');
    expect(shown('ATAN2(0, 1)')).toBe('1.5707963267949');
    expect(shown('ATAN2(0, 0)')).toBe('#DIV/0!');
    // formulajs computes Math.atan2(x, y), the arguments the wrong way round; (0, 0) is 0 there.
    const inputs = numbersOnly(points).filter(([x, y]) => !(x === 0 && y === 0));
    expect(oracleMismatches('ATAN2($0, $1)', (x, y) => formulajs.ATAN2(y, x), inputs)).toEqual([]);
  });

  test('trigonometry gives Excel’s results; SIN, COS and TAN of 2^27 or more are #NUM!', () => {
    expect(shown('DEGREES(PI())')).toBe('180');
    expect(scalarResult('RADIANS(270)', {})).toBeCloseTo(4.712389, 6);
    expect(scalarResult('SIN(PI())', {})).toBeCloseTo(1.22e-16, 17);
    expect(shown('SIN(PI() / 2)')).toBe('1');
    expect(shown('SIN(RADIANS(30))')).toBe('0.5');
    expect(scalarResult('COS(1.047)', {})).toBeCloseTo(0.5001711, 7);
    expect(shown('COS(60 * PI() / 180)')).toBe('0.5');
    expect(scalarResult('TAN(0.785)', {})).toBeCloseTo(0.99920399, 8);
    expect(shown('TAN(RADIANS(45))')).toBe('1');
    expect(scalarResult('ASIN(-0.5)', {})).toBeCloseTo(-0.523598776, 9);
    expect(shown('DEGREES(ASIN(-0.5))')).toBe('-30');
    expect(scalarResult('ACOS(-0.5)', {})).toBeCloseTo(2.094395102, 9);
    expect(scalarResult('ATAN(1)', {})).toBeCloseTo(0.785398163, 9);
    expect(shown('ASIN(2)')).toBe('#NUM!');
    expect(shown('ACOS(-1.5)')).toBe('#NUM!');
    expect(shown(`COS(${2 ** 27 - 1}) < 2`)).toBe('TRUE');
    expect(shown(`COS(${2 ** 27})`)).toBe('#NUM!');
    expect(shown('SIN(1E15)')).toBe('#NUM!');
  });

  test('formulajs agrees on the trigonometric functions (below 2^27, where Excel stops)', () => {
    const inputs = [...NUMBERS, -1, -0.5, 0.5, 1, 2].filter((x) => Math.abs(x) < 2 ** 27).map((x) => [x]);
    const fns = { DEGREES: formulajs.DEGREES, RADIANS: formulajs.RADIANS, SIN: formulajs.SIN, COS: formulajs.COS, TAN: formulajs.TAN, ASIN: formulajs.ASIN, ACOS: formulajs.ACOS, ATAN: formulajs.ATAN };
    for (const [name, fn] of Object.entries(fns)) expect(oracleMismatches(`${name}($0)`, fn, inputs), name).toEqual([]);
  });
});

describe('RAND and RANDBETWEEN', () => {
  /** Runs a formula's SQL form, as a constant and over a one-row table. */
  async function sqlForms(template: string, c: DiffCase): Promise<Scalar[]> {
    const out: Scalar[] = [];
    for (const r of [await constantResult(template, c), await columnResult(template, c)]) if (r !== 'no-sql' && r !== 'mixed') out.push(r);
    return out;
  }

  test('RAND is a number from 0 up to 1, new each time', async () => {
    // The harness's scalar random() is 0.5.
    expect(scalarResult('RAND()', {})).toBe(0.5);
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      for (const v of await sqlForms('RAND()', {})) {
        expect(typeof v === 'number' && v >= 0 && v < 1, show(v)).toBe(true);
        if (typeof v === 'number') seen.add(v);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  test('RANDBETWEEN is a whole number from bottom to top; bottom above top is #NUM!, in both forms', async () => {
    const bounds = [
      ...cases(30, (g) => ({ values: [g.integer(-20, 20), g.integer(-20, 20)] })),
      { values: [1.5, 3.5] },
      { values: [1.2, 1.8] },
      { values: [5, 5] },
      { values: ['x', 5] },
      { values: [null, '3'] },
      { values: [-1e308, 1e308] },
    ];
    for (const c of bounds) {
      const expected = scalarResult('RANDBETWEEN($0, $1)', c);
      for (let i = 0; i < 3; i++) {
        for (const got of await sqlForms('RANDBETWEEN($0, $1)', c)) {
          const where = JSON.stringify(c.values);
          if (isFormulaError(expected)) {
            expect(show(got), where).toBe(expected.code);
            continue;
          }
          const [lo, hi] = [Math.ceil(Number(c.values![0] ?? 0)), Math.floor(Number(c.values![1]))];
          expect(typeof got === 'number' && Number.isInteger(got) && got >= lo && got <= hi, `${where}: ${show(got)}`).toBe(true);
        }
      }
    }
    expect(scalarResult('RANDBETWEEN(1, 6)', {})).toBe(4);
    expect(shown('RANDBETWEEN(1.5, 3.5)')).toBe('3');
    expect(shown('RANDBETWEEN(5, 1)')).toBe('#NUM!');
    expect(shown('RANDBETWEEN(1.2, 1.8)')).toBe('#NUM!');
  });
});

describe('the reference examples', () => {
  test('every math function’s example shows its result in both forms', async () => {
    for (const spec of MATH_FUNCTIONS) {
      const formula = spec.example.formula.slice(1);
      expect(displayValue(scalarResult(formula, {})), spec.name).toBe(spec.example.result);
      const sql = await constantResult(formula, {});
      // Array constants cannot run in SQL (SUMPRODUCT's example needs them).
      if (sql !== 'no-sql') expect(displayValue(sql), spec.name).toBe(spec.example.result);
    }
  });
});
