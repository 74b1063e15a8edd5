import { describe, expect, test } from 'vitest';
import { shiftFormula } from '../formula/shift';

// shiftFormula (copy and paste, fill) learned whole-row ranges for the .xlsx import's sake; the
// import itself moves shared formulas in Excel's own syntax (formula-text.ts), since Cellar's
// lexer does not read `$47` or `'It''s'!`.
describe('shiftFormula and whole rows', () => {
  test('a whole-row range moves its rows when copied down, and not when copied across', () => {
    expect(shiftFormula('=SUM(1:1)+SUM(2:4)', 2, 0)).toBe('=SUM(3:3)+SUM(4:6)');
    expect(shiftFormula('=SUM(1:1)', 0, 3)).toBe('=SUM(1:1)');
  });

  test('a whole-row range moved above row 1 becomes #REF!', () => {
    expect(shiftFormula('=SUM(2:3)', -2, 0)).toBe('=SUM(#REF!)');
  });

  test('numbers that are not a row range are left alone', () => {
    expect(shiftFormula('=A1+1*2', 1, 0)).toBe('=A2+1*2');
  });
});
