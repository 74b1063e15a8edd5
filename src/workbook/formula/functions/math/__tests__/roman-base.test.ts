import { describe, expect, test } from 'vitest';
import { differences, scalarResult, show } from '../../../testing/differential';

/** The displayed value of a formula's scalar form. */
const shown = (formula: string) => show(scalarResult(formula, {}));

describe('ROMAN', () => {
  test('writes the classic numerals', () => {
    expect(shown('ROMAN(1994)')).toBe(show('MCMXCIV'));
    expect(shown('ROMAN(3999)')).toBe(show('MMMCMXCIX'));
    expect(shown('ROMAN(0)')).toBe(show(''));
  });
  test('each form writes 499 one step more concisely, as Excel does', () => {
    expect([0, 1, 2, 3, 4].map((f) => scalarResult(`ROMAN(499, ${f})`, {}))).toEqual(['CDXCIX', 'LDVLIV', 'XDIX', 'VDIV', 'ID']);
    expect(scalarResult('ROMAN(3960, 1)', {})).toBe('MMMLMX');
  });
  test('TRUE is the classic form and FALSE the simplified one', () => {
    expect(scalarResult('ROMAN(499, TRUE)', {})).toBe('CDXCIX');
    expect(scalarResult('ROMAN(499, FALSE)', {})).toBe('ID');
  });
  test('truncates fractions', () => expect(scalarResult('ROMAN(4.9)', {})).toBe('IV'));
  test('a number outside 0..3999 is #VALUE!', () => {
    expect(shown('ROMAN(4000)')).toBe('#VALUE!');
    expect(shown('ROMAN(-1)')).toBe('#VALUE!');
  });
  test('a form outside 0..4 is #VALUE!', () => {
    expect(shown('ROMAN(10, 5)')).toBe('#VALUE!');
    expect(shown('ROMAN(10, "hello")')).toBe('#VALUE!');
  });
});

describe('ARABIC', () => {
  test('reads numerals in any case, leniently', () => {
    expect(scalarResult('ARABIC("mcmxii")', {})).toBe(1912);
    expect(scalarResult('ARABIC("IM")', {})).toBe(999);
    expect(scalarResult('ARABIC("ixix")', {})).toBe(18);
    expect(scalarResult('ARABIC("LDVLIV")', {})).toBe(499);
  });
  test('a leading minus is negative, spaces around are ignored, empty text is 0', () => {
    expect(scalarResult('ARABIC("-MMXI")', {})).toBe(-2011);
    expect(scalarResult('ARABIC("  X ")', {})).toBe(10);
    expect(scalarResult('ARABIC("")', {})).toBe(0);
  });
  test('any other character is #VALUE!', () => {
    expect(shown('ARABIC("A")')).toBe('#VALUE!');
    expect(shown('ARABIC("0")')).toBe('#VALUE!');
    expect(shown('ARABIC(126)')).toBe('#VALUE!');
    expect(shown('ARABIC(TRUE)')).toBe('#VALUE!');
  });
  test('ROMAN and ARABIC undo each other in every form', () => {
    for (let n = 0; n < 4000; n += 7) for (let f = 0; f <= 4; f++) expect(scalarResult(`ARABIC(ROMAN(${n}, ${f}))`, {})).toBe(n);
  });
});

describe('BASE and DECIMAL', () => {
  test('write and read a number in a radix', () => {
    expect(scalarResult('BASE(12345678, 16)', {})).toBe('BC614E');
    expect(scalarResult('BASE(16, 7, 20)', {})).toBe('00000000000000000022');
    expect(scalarResult('BASE(12.567, 2)', {})).toBe('1100');
    expect(scalarResult('DECIMAL("21i3v9", 36)', {})).toBe(123456789);
    expect(scalarResult('DECIMAL("22", 7)', {})).toBe(16);
  });
  test('a negative number or a radix outside 2..36 is #NUM!', () => {
    expect(shown('BASE(-1, 2)')).toBe('#NUM!');
    expect(shown('BASE(10, 1)')).toBe('#NUM!');
    expect(shown('BASE(10, 37)')).toBe('#NUM!');
    expect(shown('BASE(10, 2, 256)')).toBe('#NUM!');
    expect(shown('DECIMAL("10", 37)')).toBe('#NUM!');
  });
  test('a digit outside the radix is #NUM!', () => {
    expect(shown('DECIMAL("12", 2)')).toBe('#NUM!');
    expect(shown('DECIMAL("-1", 10)')).toBe('#NUM!');
  });
});

describe('BASE and DECIMAL in both forms', () => {
  test('agree, errors included', async () => {
    const numbers = [[16, 7, 20], [12.567, 2, 7], [-1, 2, 0], [123, 1, 0], [123456789, 36, 0], [10, 16, 256], [2 ** 53, 2, 0], [0, 10, 3]].map((values) => ({ values }));
    expect(await differences('BASE($0, $1, $2)', numbers)).toEqual([]);
    expect(await differences('BASE($0, $1)', numbers)).toEqual([]);
    const texts = [['22', 7], ['21i3v9', 36], ['12', 2], ['-1', 10], ['', 10], ['FF', 37], ['zz', 36.9]].map((values) => ({ values }));
    expect(await differences('DECIMAL($0, $1)', texts)).toEqual([]);
  });
});

describe('ARABIC in both forms', () => {
  test('agrees, errors included', async () => {
    const texts = ['mcmxii', 'IM', 'ixix', 'XIXI', 'LDVLIV', '-MMXI', '  X ', '', '-', 'A', '0', 'Ⅻ', '"X"', 'MMMCMXCIX'].map((t) => ({ values: [t] }));
    expect(await differences('ARABIC($0)', texts)).toEqual([]);
    expect(await differences('ARABIC($0)', [{ values: [126] }, { values: [true] }])).toEqual([]);
  });
});
