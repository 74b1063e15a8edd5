import { describe, expect, test } from 'vitest';
import { isSingleReference, rewriteFormula, sheetPrefix, type RewriteContext } from './formula-text';

const ctx: RewriteContext = {
  blocks: new Map([
    ['sheet2', 'book_Sheet2'],
    ['my sheet', 'book_My_Sheet'],
    ["it's", 'book_Its'],
  ]),
  name: (n) => (n.toLowerCase() === 'rate' ? 'book_Sheet2!$B$1' : undefined),
};

describe('rewriting an Excel formula for a Cellar sheet', () => {
  test('a shared formula moves its relative parts by the offset and keeps the $ parts', () => {
    expect(rewriteFormula('A1+$A1+A$1+$A$1', ctx, 2, 1)).toBe('B3+$A3+B$1+$A$1');
  });

  test('whole columns and whole rows move like Excel fills them, $ kept', () => {
    expect(rewriteFormula('SUM(A:A)+SUM($B:$B)+SUM(1:1)+SUM($47:$47)+SUM(3:$5)', ctx, 2, 1)).toBe('SUM(B:B)+SUM($B:$B)+SUM(3:3)+SUM($47:$47)+SUM(5:$5)');
  });

  test('a reference moved before row 1 or column A becomes #REF!, sheet and all', () => {
    expect(rewriteFormula('A1+Sheet2!B2', ctx, -1, 0)).toBe('#REF!+book_Sheet2!B1');
    expect(rewriteFormula('Sheet2!A1:B2', ctx, 0, -1)).toBe('#REF!');
  });

  test('other sheets become their blocks, quoted names with spaces and doubled quotes included', () => {
    expect(rewriteFormula("Sheet2!A1+'My Sheet'!A1:B2+SUM('It''s'!C:C)", ctx)).toBe('book_Sheet2!A1+book_My_Sheet!A1:B2+SUM(book_Its!C:C)');
  });

  test('a sheet that is not in the workbook (an external link) keeps its text', () => {
    expect(rewriteFormula('[1]Prices!A1+Other!B2', ctx)).toBe('[1]Prices!A1+Other!B2');
  });

  test('strings, functions that look like cells and error literals are left alone', () => {
    expect(rewriteFormula('IF(LOG10(A1)>1,"Sheet2!A1 and B2",#N/A)', ctx, 1, 1)).toBe('IF(LOG10(B2)>1,"Sheet2!A1 and B2",#N/A)');
  });

  test('_xlfn., _xlws. and _xlpm. prefixes are dropped', () => {
    expect(rewriteFormula('_xlfn._xlws.SORT(_xlfn.LAMBDA(_xlpm.x,_xlpm.x+1)(A1))', ctx)).toBe('SORT(LAMBDA(x,x+1)(A1))');
  });

  test('defined names are replaced by what they stand for; unknown names stay', () => {
    expect(rewriteFormula('Rate*2+other', ctx)).toBe('book_Sheet2!$B$1*2+other');
  });

  test('a LAMBDA parameter named like a defined name stays a parameter; a defined name called as a function is called in place', () => {
    const names: Record<string, string> = { rate: 'book_Sheet2!$B$1', twice: '(LAMBDA(x,x*2))', sum: '(1)' };
    const withLambda: RewriteContext = { ...ctx, name: (n) => names[n.toLowerCase()] };
    expect(rewriteFormula('_xlfn.LAMBDA(_xlpm.rate,_xlpm.rate*Rate)(2)', withLambda)).toBe('LAMBDA(rate,rate*book_Sheet2!$B$1)(2)');
    expect(rewriteFormula('Twice(A1)+SUM(A1)', withLambda)).toBe('(LAMBDA(x,x*2))(A1)+SUM(A1)');
    expect(rewriteFormula('Span(1)', { ...withLambda, name: () => 'book_Sheet2!$B$1' })).toBe('(book_Sheet2!$B$1)(1)');
  });

  test('numbers with exponents are not mistaken for cells', () => {
    expect(rewriteFormula('1E+3+2.5e-2*A1', ctx, 1, 0)).toBe('1E+3+2.5e-2*A2');
  });

  test('a block name the lexer would misread is quoted', () => {
    expect(sheetPrefix('Sales')).toBe('Sales!');
    expect(sheetPrefix('AB12')).toBe("'AB12'!");
    expect(sheetPrefix('my sheet')).toBe("'my sheet'!");
  });

  test('single references are told from expressions', () => {
    expect(isSingleReference('book_Sheet2!$A$1:$B$3')).toBe(true);
    expect(isSingleReference("'a b'!C:C")).toBe(true);
    expect(isSingleReference('1+2')).toBe(false);
  });
});
