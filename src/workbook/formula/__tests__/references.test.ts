import { describe, expect, test } from 'vitest';
import type { FormulaNode } from '../ast';
import { FormulaSyntaxError, isFormulaError } from '../errors';
import { evaluate, type EvalContext } from '../evaluate';
import { parseFormula } from '../parser';
import { RangeValue, type Scalar, type Value } from '../values';
import { addressKey } from '../../sheet-cells';

/** A tiny sheet: cells by A1 key; the formula sits in `at` of sheet `main` (sheets: main, other). */
function run(formula: string, cells: Record<string, Scalar> = {}, at = { row: 9, col: 9 }): Value {
  const node: FormulaNode = parseFormula(formula, { sheet: true });
  const read = (sheet: string | undefined, row: number, col: number) => (sheet && sheet !== 'main' ? `${sheet}!` : '') + addressKey(row, col);
  const ctx: EvalContext = {
    name: () => undefined,
    isTable: () => false,
    names: () => [],
    now: () => new Date(0),
    random: () => 0.5,
    origin: { sheet: 'main', ...at },
    cell: (sheet, a) => cells[read(sheet, a.row, a.col)] ?? null,
    range: (sheet, start, end) => {
      const r1 = end.row < 0 ? 20 : end.row;
      const c1 = end.col < 0 ? 10 : end.col;
      const out: Scalar[] = [];
      for (let r = start.row; r <= r1; r++) for (let c = start.col; c <= c1; c++) out.push(cells[read(sheet, r, c)] ?? null);
      return new RangeValue(r1 - start.row + 1, c1 - start.col + 1, out);
    },
    formula: (sheet, row, col) => (read(sheet, row, col) === 'A1' ? '=1+1' : undefined),
    sheetNames: () => ['main', 'other'],
    sheetExists: (s) => ['main', 'other'].includes(s.toLowerCase()),
  };
  return evaluate(node, ctx);
}

const values = (v: Value) => (v instanceof RangeValue ? [...v.values] : v);
const message = (v: Value) => (isFormulaError(v) ? `${v.code} ${v.message}` : `not an error: ${String(v)}`);

describe('the parser reads Excel\'s reference forms', () => {
  test('whole rows (1:1, $47:$47, other!1:1) and columns with $ on either end', () => {
    expect(parseFormula('=SUM(1:1)', { sheet: true })).toMatchObject({ args: [{ type: 'range', start: { row: 0, col: 0 }, end: { row: 0, col: -1 } }] });
    expect(parseFormula('=$47:$47', { sheet: true })).toMatchObject({ type: 'range', start: { row: 46, rowAbs: true }, end: { row: 46, col: -1 } });
    expect(parseFormula('=other!1:2', { sheet: true })).toMatchObject({ type: 'range', sheet: 'other', end: { row: 1 } });
    expect(parseFormula('=F:$G', { sheet: true })).toMatchObject({ type: 'range', start: { col: 5 }, end: { col: 6, row: -1 } });
    expect(parseFormula('=$L:L', { sheet: true })).toMatchObject({ type: 'range', start: { col: 11, colAbs: true } });
  });

  test('A1#, @ and the range operator around functions become calls the evaluator reads', () => {
    expect(parseFormula('=SUM(A1#)', { sheet: true })).toMatchObject({ args: [{ type: 'call', name: 'ANCHORARRAY', args: [{ type: 'cell' }] }] });
    expect(parseFormula('=@A1:A3', { sheet: true })).toMatchObject({ type: 'call', name: 'SINGLE', args: [{ type: 'range' }] });
    expect(parseFormula('=A1:OFFSET(A1,2,2)', { sheet: true })).toMatchObject({ type: 'call', name: ':', args: [{ type: 'cell' }, { type: 'call', name: 'OFFSET' }] });
    expect(parseFormula('=INDEX(A:A,1):INDEX(A:A,3)', { sheet: true })).toMatchObject({ type: 'call', name: ':' });
  });

  test('a lone $47 is refused saying how a whole row is written', () => {
    expect(() => parseFormula('=$47+1', { sheet: true })).toThrow(FormulaSyntaxError);
    expect(() => parseFormula('=$47+1', { sheet: true })).toThrow(/whole row is written \$47:\$47/);
  });

  test('#SPILL! is an error value a formula can hold', () => {
    expect(parseFormula('=#SPILL!')).toMatchObject({ type: 'error', code: '#SPILL!' });
  });
});

describe('ROW, COLUMN, ROWS, COLUMNS', () => {
  test('no argument: the formula\'s own cell', () => {
    expect(run('=ROW()', {}, { row: 4, col: 2 })).toBe(5);
    expect(run('=COLUMN()', {}, { row: 4, col: 2 })).toBe(3);
  });

  test('a range: one number per row (column), as an array', () => {
    expect(values(run('=ROW(A1:A3)'))).toEqual([1, 2, 3]);
    expect(values(run('=COLUMN(B1:D9)'))).toEqual([2, 3, 4]);
    expect(run('=ROW(L3:Q8)+0')).toBeInstanceOf(RangeValue);
  });

  test('whole columns and rows are the sheet\'s size: ROWS(C:C) is 1048576, COLUMNS(14:14) 16384', () => {
    expect(run('=ROWS(C:C)')).toBe(1_048_576);
    expect(run('=COLUMNS(14:14)')).toBe(16_384);
    expect(run('=COLUMNS($AB:$AAA)')).toBe(676);
  });

  test('ROW of a value, not a reference, is #VALUE! in words', () => {
    expect(message(run('=ROW(5)'))).toMatch(/#VALUE! ROW needs a reference/);
  });
});

describe('OFFSET', () => {
  const cells = { A1: 1, A2: 2, A3: 3, B1: 10, B2: 20, B3: 30 };
  test('moves and resizes a reference; its values are read', () => {
    expect(run('=OFFSET(A1,2,1)', cells)).toBe(30);
    expect(run('=SUM(OFFSET(A1,0,0,3,2))', cells)).toBe(66);
    expect(run('=ROWS(OFFSET(A1,1,1,3.9,2))', cells)).toBe(3);
    expect(run('=SUM(A1:OFFSET(A1,2,0))', cells)).toBe(6);
  });

  test('a height of 0 is #REF!, and leaving the sheet is #REF!, in words', () => {
    expect(message(run('=OFFSET(A1,0,0,0,1)', cells))).toMatch(/#REF! OFFSET: the height and width must not be 0/);
    expect(message(run('=OFFSET(A1,-1,0)', cells))).toMatch(/#REF! OFFSET\(A1, -1, 0, 1, 1\) leaves the sheet/);
  });

  test('a value where the reference goes is #VALUE!', () => {
    expect(message(run('=OFFSET(5,1,1)', cells))).toMatch(/#VALUE! OFFSET starts from a reference/);
  });
});

describe('INDIRECT', () => {
  const cells = { A1: 'Cell', B2: 7, 'other!C3': 'there', AA23: 'far' };
  test('A1 text, with sheets, ranges, whole columns and rows', () => {
    expect(run('=INDIRECT("B2")', cells)).toBe(7);
    expect(run('=INDIRECT("other!C3")', cells)).toBe('there');
    expect(run('=INDIRECT("\'other\'!C3")', cells)).toBe('there');
    expect(run('=ROWS(INDIRECT("D:D"))', cells)).toBe(1_048_576);
    expect(run('=ROW(INDIRECT("5:5"))', cells)).toBe(5);
    expect(run('=ROW(INDIRECT("A01"))', cells)).toBe(1);
  });

  test('R1C1 text, absolute and relative to the formula\'s cell', () => {
    expect(run('=INDIRECT("R23C27", FALSE)', cells)).toBe('far');
    expect(run('=INDIRECT("R[-8]C[-8]", FALSE)', cells)).toBe(7);
  });

  test('text that is no reference is #REF! saying so; an unknown sheet is named', () => {
    expect(message(run('=INDIRECT("hola")', cells))).toMatch(/#REF! INDIRECT: "hola" is not a reference/);
    expect(message(run('=INDIRECT("XFE:XFE")', cells))).toMatch(/#REF!/);
    expect(message(run('=INDIRECT("NonExist!W3")', cells))).toMatch(/#REF! INDIRECT: no sheet is called NonExist/);
  });
});

describe('information about references', () => {
  test('ISREF, ISFORMULA, FORMULATEXT', () => {
    expect(run('=ISREF(A1)')).toBe(true);
    expect(run('=ISREF(1)')).toBe(false);
    expect(run('=ISREF(INDIRECT("nope"))')).toBe(false);
    expect(run('=ISFORMULA(A1)')).toBe(true);
    expect(run('=FORMULATEXT(A1)')).toBe('=1+1');
    expect(message(run('=FORMULATEXT(B1)'))).toMatch(/#N\/A B1 holds no formula/);
  });

  test('SHEET and SHEETS', () => {
    expect(run('=SHEET()')).toBe(1);
    expect(run('=SHEET(other!A1)')).toBe(2);
    expect(run('=SHEET("other")')).toBe(2);
    expect(run('=SHEETS()')).toBe(2);
    expect(message(run('=SHEET(0)'))).toMatch(/#N\/A/);
    expect(message(run('=SHEET(1/0)'))).toMatch(/#DIV\/0!/);
  });

  test('CELL\'s common info types', () => {
    const cells = { B2: 5, C3: 'x' };
    expect(run('=CELL("address", B2)', cells)).toBe('$B$2');
    expect(run('=CELL("row", C3)', cells)).toBe(3);
    expect(run('=CELL("col", C3)', cells)).toBe(3);
    expect(run('=CELL("contents", B2)', cells)).toBe(5);
    expect(run('=CELL("type", C3)', cells)).toBe('l');
    expect(run('=CELL("type", D4)', cells)).toBe('b');
    expect(message(run('=CELL("colour", B2)', cells))).toMatch(/#VALUE! CELL: "colour" is not an info type/);
  });

  test('ADDRESS writes references as text', () => {
    expect(run('=ADDRESS(2,3)')).toBe('$C$2');
    expect(run('=ADDRESS(2,3,4)')).toBe('C2');
    expect(run('=ADDRESS(2,3,1,FALSE)')).toBe('R2C3');
    expect(run('=ADDRESS(1,1,1,TRUE,"My sheet")')).toBe("'My sheet'!$A$1");
  });
});

describe('IF and CHOOSE pass references through', () => {
  test('SUM(CHOOSE(2, A1:A2, A1:A3)) sums the chosen range whole', () => {
    expect(run('=SUM(CHOOSE(2,A1:A2,A1:A3))', { A1: 1, A2: 2, A3: 3 })).toBe(6);
    expect(run('=SUM(IF(TRUE,A1:A3,A1))', { A1: 1, A2: 2, A3: 3 })).toBe(6);
  });
});

describe('a cell given where a function takes a range is a range of one cell (Excel\'s coercions)', () => {
  const cells = { A1: 5, A2: '7', A3: 'seven', A4: true };
  test('SUM(A2) over a text cell "7" is 0, while SUM("7") is 7', () => {
    expect(run('=SUM(A2)', cells)).toBe(0);
    expect(run('=SUM("7")', cells)).toBe(7);
    expect(run('=SUM(A1,A2,A3,A4)', cells)).toBe(5);
    expect(run('=SUM(INDIRECT("A2"))', cells)).toBe(0);
  });

  test('AVERAGE, MIN and MAX over referenced text cells ignore them', () => {
    expect(run('=AVERAGE(A1,A2,A3)', cells)).toBe(5);
    expect(run('=MIN(A1,A2,A3)', cells)).toBe(5);
    expect(run('=MAX(A1,A2,A3,A4)', cells)).toBe(5);
  });

  test('COUNTA over empty referenced cells counts nothing', () => {
    expect(run('=COUNTA(B1,B2,B3)', cells)).toBe(0);
    expect(run('=COUNT(A1,A2,A3,A4)', cells)).toBe(1);
  });
});
