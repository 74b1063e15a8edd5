import { describe, expect, test } from 'vitest';
import { differences, scalarResult, show } from '../../../testing/differential';

const value = (formula: string) => scalarResult(formula, {});
const shown = (formula: string) => show(scalarResult(formula, {}));
const near = (formula: string, expected: number) => expect(Math.abs((value(formula) as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('hyperbolic functions', () => {
  test('give Excel’s values', () => {
    near('SINH(5)', 74.20321057778875);
    near('COSH(-3)', 10.067661995777765);
    near('TANH(0.123)', 0.12238344189440876);
    near('ASINH(-3)', -1.8184464592320668);
    near('ACOSH(2.8)', 1.689235549980296);
    near('ATANH(-0.5)', -0.5493061443340549);
    near('ACOTH(-3)', -0.34657359027997264);
    near('CSCH(0.123)', 8.109617426706096);
    near('SECH(-0.5)', 0.886818883970074);
    near('COTH(15)', 1.0000000000001872);
  });
  test('outside their domain are #NUM!', () => {
    expect(['ACOSH(0.5)', 'ATANH(1)', 'ATANH(-5)', 'ACOTH(0.5)', 'ACOTH(1)', 'SINH(1000)'].map(shown)).toEqual(Array(6).fill('#NUM!'));
  });
  test('COTH and CSCH of 0 are #DIV/0!, and COTH has no 2^27 limit (Excel gives COTH(9999999999999) = 1)', () => {
    expect(shown('COTH(0)')).toBe('#DIV/0!');
    expect(shown('CSCH(0)')).toBe('#DIV/0!');
    expect(value('COTH(9999999999999)')).toBe(1);
  });
  test('agree in both forms', async () => {
    const xs = [-3, -1, -0.5, 0, 0.123, 0.5, 1, 2.8, 5, 800].map((x) => ({ values: [x] }));
    for (const f of ['SINH', 'COSH', 'TANH', 'ASINH', 'ACOSH', 'ATANH', 'ACOTH', 'COTH', 'CSCH', 'SECH']) expect(await differences(`${f}($0)`, xs), f).toEqual([]);
  });
});

describe('reciprocal trigonometric functions', () => {
  test('give Excel’s values', () => {
    near('CSC(5)', -1.0428352127714058);
    near('COT(1)', 0.6420926159343306);
    near('SEC(1)', 1.8508157176809255);
    near('ACOT(-3)', 2.819842099193151);
    near('ACOT(0)', Math.PI / 2);
  });
  test('COT and CSC of 0 are #DIV/0!; angles from 2^27 on are #NUM!', () => {
    expect(shown('COT(0)')).toBe('#DIV/0!');
    expect(shown('CSC(0)')).toBe('#DIV/0!');
    expect(shown('SEC(2^27)')).toBe('#NUM!');
    expect(shown('COT(-2^27)')).toBe('#NUM!');
  });
  test('agree in both forms', async () => {
    const xs = [-3, -0.5, 0, 0.123, 1, 5, 2 ** 27].map((x) => ({ values: [x] }));
    for (const f of ['COT', 'CSC', 'SEC', 'ACOT']) expect(await differences(`${f}($0)`, xs), f).toEqual([]);
  });
});

describe('SQRTPI, FACTDOUBLE and COMBINA', () => {
  test('give Excel’s values', () => {
    near('SQRTPI(5)', 3.963327297606011);
    expect(value('FACTDOUBLE(7)')).toBe(105);
    expect(value('FACTDOUBLE(6.9)')).toBe(48);
    expect(value('FACTDOUBLE(0)')).toBe(1);
    expect(value('COMBINA(4, 3)')).toBe(20);
    expect(value('COMBINA(10, 3)')).toBe(220);
    expect(value('COMBINA(9.9, 6.6)')).toBe(3003);
    expect(value('COMBINA(0, 0)')).toBe(1);
  });
  test('negative numbers are #NUM!', () => {
    expect(['SQRTPI(-1)', 'FACTDOUBLE(-1)', 'COMBINA(-1, 2)', 'COMBINA(2, -1)', 'FACTDOUBLE(400)'].map(shown)).toEqual(Array(5).fill('#NUM!'));
  });
  test('TRUE and FALSE are #VALUE! for the Analysis ToolPak functions, as in Excel', () => {
    expect(['SQRTPI(TRUE)', 'FACTDOUBLE(FALSE)', 'MROUND(TRUE, 2)', 'MROUND(2, FALSE)', 'LCM(TRUE, 2)', 'GCD(2, FALSE)', 'MULTINOMIAL(TRUE, 4)'].map(shown)).toEqual(Array(7).fill('#VALUE!'));
  });
  test('agree in both forms', async () => {
    const xs = [-1, 0, 1, 2.5, 7, 25, 301].map((x, i) => ({ values: [x, [0, 3, 2, 1.5, 10, -1, 4][i]!] }));
    for (const t of ['SQRTPI($0)', 'FACTDOUBLE($0)', 'COMBINA($0, $1)']) expect(await differences(t, xs), t).toEqual([]);
  });
});

describe('MULTINOMIAL and SERIESSUM', () => {
  test('MULTINOMIAL is the factorial of the sum over the factorials', () => {
    expect(value('MULTINOMIAL(2, 3, 4)')).toBe(1260);
    expect(value('MULTINOMIAL(2, 3, 5, 7)')).toBe(49008960);
    expect(value('MULTINOMIAL(5.5, 10.9)')).toBe(3003);
    expect(value('MULTINOMIAL("2", 4)')).toBe(15);
    expect(shown('MULTINOMIAL(-1, 5)')).toBe('#NUM!');
    expect(shown('MULTINOMIAL("abcd", 4)')).toBe('#VALUE!');
  });
  test('SERIESSUM adds a·x^(n + i·m) over the coefficients', () => {
    expect(value('SERIESSUM(2, 3, 4, {1,2,3,4})')).toBe(137480);
    expect(value('SERIESSUM(2, 1, 1, {1,2,3})')).toBe(34);
    expect(shown('SERIESSUM(2, 1, 1, {1,"a",3})')).toBe('#VALUE!');
    expect(shown('SERIESSUM(2, 1, 1, {1,#N/A,3})')).toBe('#N/A');
  });
});

describe('SUMX2MY2, SUMX2PY2 and SUMXMY2', () => {
  test('sum over pairs, whatever the arrays’ shapes', () => {
    expect(value('SUMX2MY2({1;3;3}, {1,2,3})')).toBe(5);
    expect(value('SUMX2PY2({2,3}, {1,1})')).toBe(15);
    expect(value('SUMXMY2({2,3}, {1,1})')).toBe(5);
  });
  test('a pair with text in it is skipped', () => expect(value('SUMXMY2({2,"a",4}, {1,1,1})')).toBe(10));
  test('arrays of different sizes are #N/A', () => expect(shown('SUMX2MY2({1,2}, {1,2,3})')).toBe('#N/A'));
  test('an error in either array is the answer', () => expect(shown('SUMX2PY2({1,2}, {1,#DIV/0!})')).toBe('#DIV/0!'));
});

describe('GCD and LCM', () => {
  test('no numbers at all is #VALUE!, as in Excel', () => {
    expect(shown('GCD("")')).toBe('#VALUE!');
    expect(shown('LCM({"a","b"})')).toBe('#VALUE!');
  });
  test('text given directly is read as a number', () => expect(value('LCM(" 10 ", 3)')).toBe(30));
  test('text in a range or reference is read as a number and TRUE/FALSE there is #VALUE!, as in Excel', () => {
    expect(value('LCM({"8", 2})')).toBe(8);
    expect(shown('GCD({TRUE, 2})')).toBe('#VALUE!');
    expect(shown('GCD({"eight", 2})')).toBe('#VALUE!');
  });
  test('text, TRUE/FALSE and empty values in columns agree in both forms', async () => {
    const sets = [{ ranges: [['8', '12', null]] }, { ranges: [[true, null]] }, { ranges: [['x', '4']] }, { ranges: [[null, null]] }, { ranges: [[6, 9, null]] }];
    for (const t of ['GCD(#0)', 'LCM(#0)', 'LCM(#0, 4)']) expect(await differences(t, sets), t).toEqual([]);
  });
});

describe('SUMX2MY2, SUMX2PY2 and SUMXMY2 over table columns', () => {
  // A table column holds one type, so the mixed cases are columns of text or TRUE/FALSE.
  const pairs = [
    { ranges: [[1, 3, 3, 4, 5], [4.4, 5, 6, 2, 3]] },
    { ranges: [[1, null, 2], [2, 2, -1]] },
    { ranges: [['a', 'b'], [1, 2]] },
    { ranges: [[true, false], [1, 2]] },
    { ranges: [[2.5], [-1]] },
    { ranges: [[], []] },
  ];
  for (const f of ['SUMX2MY2', 'SUMX2PY2', 'SUMXMY2']) {
    test(`${f} agrees in both forms (pairs with text, TRUE/FALSE or empty skipped)`, async () => {
      expect(await differences(`${f}(#0, #1)`, pairs)).toEqual([]);
      expect(await differences(`${f}($0, $1)`, [{ values: [3, 1] }, { values: ['a', 1] }])).toEqual([]);
    });
  }
});
