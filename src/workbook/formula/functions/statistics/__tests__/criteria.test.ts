import { describe, expect, test } from 'vitest';
import { FormulaError, isFormulaError } from '../../../errors';
import { constantResult, scalarResult, show } from '../../../testing/differential';

// How COUNTIF-style criteria read, as Excel reads them: each case is a cell of the conformance
// workbook COUNTIFS.xlsx (Excel's saved value), rebuilt on a small range.

const na = new FormulaError('#N/A');
const div0 = new FormulaError('#DIV/0!');
const count = (range: unknown[], criterion: unknown) => {
  const v = scalarResult('COUNTIF(#0, $0)', { ranges: [range as never[]], values: [criterion as never] });
  return isFormulaError(v) ? v.code : v;
};

describe('COUNTIF criteria as Excel reads them', () => {
  test('an empty cell as the criterion counts the zeros, not the blanks', () => {
    expect(count([0, null, '', 5, 0], null)).toBe(2);
  });
  test('an error as the criterion counts the cells holding that error, not the call failing', () => {
    expect(count([na, 12, div0, '#N/A', 0], na)).toBe(1);
    expect(count([na, 12, div0, div0], div0)).toBe(2);
  });
  test('the text "#N/A" as the criterion counts #N/A errors, not the text', () => {
    expect(count([na, '#N/A', 1], '#N/A')).toBe(1);
    expect(count([na, '#N/A', 1], '<>#N/A')).toBe(2);
  });
  test('"<>x" counts error cells and blanks too', () => {
    expect(count(['Steven', 'Mr. Brown', na, div0, null], '<>*brown')).toBe(4);
  });
  test('"<>" counts a formula\'s "" as filled, "" counts it as blank', () => {
    expect(count([1, '', null, 'a'], '<>')).toBe(3);
    expect(count([1, '', null, 'a'], '')).toBe(2);
  });
  test('"=23" and 23 count the text "23" too, "<>23" keeps it', () => {
    expect(count([23, '23', true, 1], 23)).toBe(2);
    expect(count([23, '23', true, 1], '=23')).toBe(2);
    expect(count([23, '23', true, 1], '<>23')).toBe(3);
  });
  test('"<", ">", "<=" and ">=" with nothing after them count nothing', () => {
    for (const c of ['<', '>', '<=', '>=']) expect(count([1, '', null, 'a'], c)).toBe(0);
  });
  test('"true" as text counts the TRUE booleans, not the text "TRUE"', () => {
    expect(count([true, 'TRUE', 1, true], 'true')).toBe(2);
  });
});

describe('criteria in SQL read as in TypeScript', () => {
  // 1/(x-5) over {1,5,9}: -0.25, #DIV/0!, 0.25.
  const withError = { ranges: [[1, 5, 9]] };
  test('"<>5" counts the error cell, as Excel does', async () => {
    expect(show(await constantResult('COUNTIF(1/(#0-5), "<>5")', withError))).toBe('3');
    expect(show(await constantResult('COUNTIF(1/(#0-5), "")', withError))).toBe('0');
  });
  test('an error criterion counts the rows holding that error', async () => {
    expect(show(await constantResult('COUNTIF(1/(#0-5), #DIV/0!)', withError))).toBe('1');
  });
  test('an empty criterion is 0; "<>" counts every filled cell', async () => {
    const c = { ranges: [[0, 1, null, 0]] };
    expect(show(await constantResult('COUNTIF(#0, $0)', { ...c, values: [null] }))).toBe('2');
    expect(show(await constantResult('COUNTIF(#0, "<>")', c))).toBe('3');
  });
});
