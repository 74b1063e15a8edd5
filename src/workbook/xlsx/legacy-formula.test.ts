import { describe, expect, test } from 'vitest';
import { legacyFormula } from './legacy-formula';

describe('a plain .xlsx formula gets @ where Excel intersected a range with its own row or column', () => {
  test('a range for one value: at the top, under operators and in value arguments', () => {
    expect(legacyFormula('=A1:A10')).toBe('=@A1:A10');
    expect(legacyFormula('=L:L')).toBe('=@L:L');
    expect(legacyFormula('=2:2')).toBe('=@2:2');
    expect(legacyFormula('=Data!B1:B9*2')).toBe('=@Data!B1:B9*2');
    expect(legacyFormula('=DATE(A2:A6,1,1)')).toBe('=DATE(@A2:A6,1,1)');
  });

  test('ranges given to functions that take ranges are left alone', () => {
    expect(legacyFormula('=SUM(A1:A3)+COUNTIF(B:B,">1")')).toBe('=SUM(A1:A3)+COUNTIF(B:B,">1")');
    expect(legacyFormula('=SUMPRODUCT(A1:A3*B1:B3)')).toBe('=SUMPRODUCT(A1:A3*B1:B3)');
  });

  test('references made by OFFSET, INDIRECT or the range operator, and array results at the top', () => {
    expect(legacyFormula('=OFFSET(A1,0,0,3,1)')).toBe('=@OFFSET(A1,0,0,3,1)');
    expect(legacyFormula('=SUM(OFFSET(A1,0,0,3,1))')).toBe('=SUM(OFFSET(A1,0,0,3,1))');
    expect(legacyFormula('=ROW(A1:A3)')).toBe('=@ROW(A1:A3)');
    expect(legacyFormula('=ROW(A1)')).toBe('=ROW(A1)');
  });

  test('an expression in a range argument computes value by value; IF and CHOOSE pass a reference on whole', () => {
    expect(legacyFormula('=SUM(IF(A1:A10=1,B1:B10))')).toBe('=SUM(IF(@A1:A10=1,B1:B10))');
    expect(legacyFormula('=SUM(CHOOSE(2,A9:A10,A9:A11))')).toBe('=SUM(CHOOSE(2,A9:A10,A9:A11))');
    expect(legacyFormula('=SUM(A1:A3*2)')).toBe('=SUM(@A1:A3*2)');
    expect(legacyFormula('=IF(A1,B1:B3,0)')).toBe('=IF(A1,@B1:B3,0)');
  });

  test('single cells, text that does not parse, and formulas already with @ are kept', () => {
    expect(legacyFormula('=A1+B2')).toBe('=A1+B2');
    expect(legacyFormula('=SUM(')).toBe('=SUM(');
    expect(legacyFormula('=@A1:A3')).toBe('=@A1:A3');
  });
});
