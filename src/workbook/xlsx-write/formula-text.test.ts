import { describe, expect, test } from 'vitest';
import { toExcelFormula, type FormulaScope } from './formula-text';
import { worksheetNames } from './sheet-names';

const scope: FormulaScope = {
  worksheets: new Map([
    ['sales', 'Sales 2024'],
    ['data', 'Data'],
    ['o_brien', "O'Brien"],
    ['b2', 'B2'],
  ]),
  names: new Set(['target']),
};
const excel = (text: string) => toExcelFormula(text, scope);

describe('formulas as a file holds them', () => {
  test('drop the leading = and keep the rest byte for byte', () => {
    expect(excel('=A1*2')).toEqual({ ok: true, text: 'A1*2' });
    expect(excel('=SUM( A1:B3 , $C$1 ) & "x"')).toEqual({ ok: true, text: 'SUM( A1:B3 , $C$1 ) & "x"' });
    expect(excel('=SUM(A:A, B:C)')).toEqual({ ok: true, text: 'SUM(A:A, B:C)' });
    expect(excel('=IF(TRUE, {1,2;3,4}, #N/A)')).toEqual({ ok: true, text: 'IF(TRUE, {1,2;3,4}, #N/A)' });
  });

  test('write @ as a plain formula (which intersects there) and A1# as _xlfn.ANCHORARRAY(A1)', () => {
    expect(excel('=SQRT(@A1:A3)+@B:B')).toEqual({ ok: true, text: 'SQRT(A1:A3)+B:B' });
    expect(excel('=SUM(A1#)*2')).toEqual({ ok: true, text: 'SUM(_xlfn.ANCHORARRAY(A1))*2' });
  });

  test('give newer functions the prefix Excel expects, once', () => {
    expect(excel('=CONCAT(A1,"b")').ok && excel('=CONCAT(A1,"b")')).toEqual({ ok: true, text: '_xlfn.CONCAT(A1,"b")' });
    expect(excel('=textjoin(",",TRUE,A1:A3)')).toEqual({ ok: true, text: '_xlfn.TEXTJOIN(",",TRUE,A1:A3)' });
    expect(excel('=XLOOKUP(1,A:A,B:B)')).toEqual({ ok: true, text: '_xlfn.XLOOKUP(1,A:A,B:B)' });
    expect(excel('=FILTER(A1:A9,B1:B9>1)')).toEqual({ ok: true, text: '_xlfn._xlws.FILTER(A1:A9,B1:B9>1)' });
    expect(excel('=IFS(A1>1,"a",TRUE,STDEV.S(B1:B3))')).toEqual({ ok: true, text: '_xlfn.IFS(A1>1,"a",TRUE,_xlfn.STDEV.S(B1:B3))' });
    expect(excel('=_xlfn.CONCAT(A1)')).toEqual({ ok: true, text: '_xlfn.CONCAT(A1)' });
    expect(excel('=VLOOKUP(1,A:C,2,FALSE)+ISO.CEILING(2)')).toEqual({ ok: true, text: 'VLOOKUP(1,A:C,2,FALSE)+ISO.CEILING(2)' });
  });

  test("write other blocks' cells with their worksheet names, quoted when needed", () => {
    expect(excel('=sales!A1+Data!$B$2')).toEqual({ ok: true, text: "'Sales 2024'!A1+Data!$B$2" });
    expect(excel("=SUMIFS(data!C:C, DATA!A:A, \"x\")")).toEqual({ ok: true, text: 'SUMIFS(Data!C:C, Data!A:A, "x")' });
    expect(excel("='o_brien'!A1")).toEqual({ ok: true, text: "'O''Brien'!A1" });
    expect(excel('=b2!A1')).toEqual({ ok: true, text: "'B2'!A1" });
  });

  test('write LET and LAMBDA names as _xlpm.x, as Excel reads them, called or not', () => {
    expect(excel('=LET(area, LAMBDA(x, y, x*y), area(D1, E1))')).toEqual({ ok: true, text: '_xlfn.LET(_xlpm.area, _xlfn.LAMBDA(_xlpm.x, _xlpm.y, _xlpm.x*_xlpm.y), _xlpm.area(D1, E1))' });
    expect(excel('=LAMBDA(a, _xlop.b, IF(ISOMITTED(b), a, a*b))(2)')).toEqual({ ok: true, text: '_xlfn.LAMBDA(_xlpm.a, _xlop.b, IF(_xlfn.ISOMITTED(_xlpm.b), _xlpm.a, _xlpm.a*_xlpm.b))(2)' });
    expect(excel('=MAP(A1:A3, LAMBDA(v, v*target))')).toEqual({ ok: true, text: '_xlfn.MAP(A1:A3, _xlfn.LAMBDA(_xlpm.v, _xlpm.v*target))' });
  });

  test('keep names the file defines', () => {
    expect(excel('=A1*target')).toEqual({ ok: true, text: 'A1*target' });
  });

  test('refuse, with a reason, what Excel has no form of', () => {
    expect(excel('=[qty]*2')).toMatchObject({ ok: false, reason: expect.stringContaining('[qty]') });
    expect(excel('=A1*$rate')).toMatchObject({ ok: false, reason: expect.stringContaining('$rate') });
    expect(excel('=A1*rate')).toMatchObject({ ok: false, reason: expect.stringContaining('rate is a name the file does not define') });
    expect(excel('=elsewhere!A1')).toMatchObject({ ok: false, reason: expect.stringContaining('elsewhere is not a block') });
    expect(excel('=SUM(A1')).toMatchObject({ ok: false, reason: expect.stringContaining('does not parse') });
    expect(excel('=#ERROR!')).toMatchObject({ ok: false });
  });
});

describe('worksheet names follow Excel', () => {
  test('a valid name is kept as it is', () => {
    expect(worksheetNames(['Sales 2024', "O'Brien", 'données'])).toEqual(['Sales 2024', "O'Brien", 'données']);
  });
  test('forbidden characters become _ and long names are cut to 31', () => {
    expect(worksheetNames(['a/b\\c[d]e:f*g?h'])).toEqual(['a_b_c_d_e_f_g_h']);
    expect(worksheetNames(['x'.repeat(40)])[0]).toHaveLength(31);
    expect(worksheetNames(["'quoted'"])).toEqual(['_quoted_']);
    expect(worksheetNames(['', '   '])).toEqual(['Sheet', 'Sheet (2)']);
    expect(worksheetNames(['History'])).toEqual(['History_']);
  });
  test('names are unique without regard to case, and still 31 long at most', () => {
    expect(worksheetNames(['Data', 'data', 'DATA'])).toEqual(['Data', 'data (2)', 'DATA (3)']);
    const long = worksheetNames(['y'.repeat(35), 'y'.repeat(33)]);
    expect(long[1]).toBe(`${'y'.repeat(27)} (2)`);
  });
  test('a name is never cut inside a surrogate pair', () => {
    const [name] = worksheetNames(['a'.repeat(30) + '😀']);
    expect(name).toBe('a'.repeat(30));
  });
});
