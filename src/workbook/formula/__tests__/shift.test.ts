import { describe, expect, test } from 'vitest';
import { walk, type CellAddress } from '../ast';
import { parseFormula } from '../parser';
import { shiftFormula } from '../shift';

/** Every cell address in a sheet formula, as [col, row, colAbs, rowAbs] (0-based), in text order. */
function addresses(text: string): [number, number, boolean, boolean][] {
  const out: [number, number, boolean, boolean][] = [];
  const add = (a: CellAddress) => out.push([a.col, a.row, a.colAbs, a.rowAbs]);
  walk(parseFormula(text, { sheet: true }), (n) => {
    if (n.type === 'cell') add(n.address);
    if (n.type === 'range') {
      add(n.start);
      add(n.end);
    }
  });
  return out;
}

describe('shiftFormula moves relative references like a copy in Excel', () => {
  test('a relative address moves by the offset', () => {
    expect(shiftFormula('=B2', 1, 0)).toBe('=B3');
    expect(shiftFormula('=B2', 0, 1)).toBe('=C2');
    expect(shiftFormula('=B2*C2', 3, 2)).toBe('=D5*E5');
    expect(shiftFormula('=B2', -1, -1)).toBe('=A1');
  });

  test('$ fixes the column, the row, or both', () => {
    expect(shiftFormula('=$B2', 1, 1)).toBe('=$B3');
    expect(shiftFormula('=B$2', 1, 1)).toBe('=C$2');
    expect(shiftFormula('=$B$2', 5, 5)).toBe('=$B$2');
    expect(shiftFormula('=$B$2+B2', 1, 0)).toBe('=$B$2+B3');
  });

  test('both ends of a range move', () => {
    expect(shiftFormula('=SUM(B2:C9)', 1, 0)).toBe('=SUM(B3:C10)');
    expect(shiftFormula('=SUM($B$2:B9)', 2, 1)).toBe('=SUM($B$2:C11)');
    expect(shiftFormula('=SUM(B2 : C9)', 1, 1)).toBe('=SUM(C3 : D10)');
  });

  test('references to another sheet move too, keeping the sheet name as written', () => {
    expect(shiftFormula('=sheet2!A1', 1, 1)).toBe('=sheet2!B2');
    expect(shiftFormula("='my sheet'!A1:B2", 1, 0)).toBe("='my sheet'!A2:B3");
    expect(shiftFormula('=sheet2!$A$1+sheet2!A1', 1, 0)).toBe('=sheet2!$A$1+sheet2!A2');
  });

  test('whole columns move their columns and ignore the row offset', () => {
    expect(shiftFormula('=SUM(A:A)', 5, 0)).toBe('=SUM(A:A)');
    expect(shiftFormula('=SUM(A:B)', 5, 2)).toBe('=SUM(C:D)');
    expect(shiftFormula('=SUM(sheet2!A:A)', 0, 1)).toBe('=SUM(sheet2!B:B)');
    expect(shiftFormula('=SUM($A:$A)', 0, 1)).toBe('=SUM($A:$A)');
    expect(shiftFormula('=SUM($A:B)', 0, 1)).toBe('=SUM($A:C)');
    expect(shiftFormula('=SUM(Z:Z)', 0, 1)).toBe('=SUM(AA:AA)');
  });

  test('a reference moved before row 1 or column A becomes #REF!, the whole range with its sheet', () => {
    expect(shiftFormula('=A1', -1, 0)).toBe('=#REF!');
    expect(shiftFormula('=A1+B5', 0, -1)).toBe('=#REF!+A5');
    expect(shiftFormula('=SUM(A2:B9)', -2, 0)).toBe('=SUM(#REF!)');
    expect(shiftFormula('=sheet2!B1*2', -1, 0)).toBe('=#REF!*2');
    expect(shiftFormula('=SUM(A:B)', 0, -1)).toBe('=SUM(#REF!)');
    expect(shiftFormula('=$A$1', -1, -1)).toBe('=$A$1');
    expect(parseFormula(shiftFormula('=SUM(sheet2!A1:B2)+1', -1, 0), { sheet: true }).type).toBe('binary');
  });

  test("a reference moved past Excel's last row or column (XFD) becomes #REF!", () => {
    expect(shiftFormula('=A1048576', 1, 0)).toBe('=#REF!');
    expect(shiftFormula('=XFD1', 0, 1)).toBe('=#REF!');
    expect(shiftFormula('=XFC1', 0, 1)).toBe('=XFD1');
  });

  test('strings, names, functions, table columns and errors are kept byte for byte', () => {
    expect(shiftFormula('=IF(A1>0, "B2 stays", sales[amount])', 1, 0)).toBe('=IF(A2>0, "B2 stays", sales[amount])');
    expect(shiftFormula('= sum( a1 ,  [@qty] ) & "x""A1"""', 1, 0)).toBe('= sum( A2 ,  [@qty] ) & "x""A1"""');
    expect(shiftFormula('=LOG10(A1)+$target+#N/A', 1, 0)).toBe('=LOG10(A2)+$target+#N/A');
    expect(shiftFormula('={1,2;3,4}', 1, 1)).toBe('={1,2;3,4}');
    expect(shiftFormula('=t1[amount]+A1', 0, 1)).toBe('=t1[amount]+B1');
  });

  test('an address that does not move keeps how it was typed', () => {
    expect(shiftFormula('=$b2+b$2', 0, 0)).toBe('=$b2+b$2');
    expect(shiftFormula('=$b$2+b2', 1, 0)).toBe('=$b$2+B3');
  });

  test('values that are not formulas come back as they are', () => {
    expect(shiftFormula('A1', 1, 1)).toBe('A1');
    expect(shiftFormula("'=A1", 1, 1)).toBe("'=A1");
    expect(shiftFormula('42', 1, 1)).toBe('42');
    expect(shiftFormula('', 1, 1)).toBe('');
  });

  test('a half-typed formula that does not lex comes back unchanged, never throws', () => {
    expect(shiftFormula('=A1&"open', 1, 0)).toBe('=A1&"open');
    expect(shiftFormula('=SUM([amount', 1, 0)).toBe('=SUM([amount');
    expect(shiftFormula('=A1 ? B2', 1, 0)).toBe('=A1 ? B2');
    // Lexes but does not parse: still shifted, the rest kept.
    expect(shiftFormula('=SUM(A1:', 1, 0)).toBe('=SUM(A2:');
  });

  test('on generated formulas every address moves exactly by the offset on its relative parts', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const address = () => `${rand(2) ? '$' : ''}${'ABCXYZ'[rand(6)]}${rand(2) ? '$' : ''}${1 + rand(30)}`;
    const reference = () => (rand(3) === 0 ? `${address()}:${address()}` : address());
    for (let n = 0; n < 300; n++) {
      const text = `=SUM(${reference()},${reference()})*${reference()}&"A1"`;
      const dRow = rand(21) - 10;
      const dCol = rand(5) - 2;
      const shifted = shiftFormula(text, dRow, dCol);
      if (shifted.includes('#REF!')) continue;
      const before = addresses(text);
      const after = addresses(shifted);
      expect(after).toEqual(before.map(([c, r, ca, ra]) => [ca ? c : c + dCol, ra ? r : r + dRow, ca, ra]));
      expect(shiftFormula(shifted, -dRow, -dCol)).toBe(text);
      expect(shifted.endsWith('&"A1"')).toBe(true);
    }
  });

  test('fixed whole rows ($3:$3) stay, a spill reference (A1#) and a range around OFFSET move', () => {
    expect(shiftFormula('=SUM($3:$3)+SUM(3:4)+SUM($3:4)', 1, 0)).toBe('=SUM($3:$3)+SUM(4:5)+SUM($3:5)');
    expect(shiftFormula('=SUM(A1#)+@B1:B3', 1, 1)).toBe('=SUM(B2#)+@C2:C4');
    expect(shiftFormula('=SUM(A1:OFFSET(A1,2,0))', 2, 0)).toBe('=SUM(A3:OFFSET(A3,2,0))');
  });
});
