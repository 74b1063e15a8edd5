import { describe, expect, it } from 'vitest';
import type { BlockId, CellBlock } from '../document';
import { SheetOpError } from './errors';
import { deleteColumns, deleteRows, insertColumns, insertRows } from './rows-cols';
import { docOf, sheet, sheetIn } from './test-doc';

const S = 'S' as BlockId;

describe('insertRows', () => {
  it('moves cells at and below the insertion point down, and the formulas that read them follow', () => {
    const doc = insertRows(docOf(sheet('S', { A1: '1', A2: '2', A3: '3', B1: '=A2*2', B5: '=$A$3+A1' })), S, 1);
    expect(sheetIn(doc, 'S').cells).toEqual({ A1: '1', A3: '2', A4: '3', B1: '=A3*2', B6: '=$A$4+A1' });
  });

  it('grows a range that spans the insertion point', () => {
    const doc = insertRows(docOf(sheet('S', { A1: '1', A2: '2', A3: '3', A4: '=SUM(A1:A3)' })), S, 1);
    expect(sheetIn(doc, 'S').cells.A5).toBe('=SUM(A1:A4)');
  });

  it('leaves a range wholly above the insertion point alone, and moves one wholly below', () => {
    const doc = insertRows(docOf(sheet('S', { C1: '=SUM(A1:A2)+SUM(A5:A6)' })), S, 3, 2);
    expect(sheetIn(doc, 'S').cells.C1).toBe('=SUM(A1:A2)+SUM(A7:A8)');
  });

  it('rewrites other sheets and formula cells that reference the sheet, and only those references', () => {
    const other = sheet('Other', { A1: '=S!A2+A2', A2: "='S'!B3:B4" });
    const cell: CellBlock = { id: 'c' as BlockId, kind: 'cell', name: 'c', control: { type: 'value' }, value: '=SUM(s!A1:A9)' };
    const doc = insertRows(docOf(sheet('S', {}), other, cell), S, 0);
    expect(sheetIn(doc, 'Other').cells).toEqual({ A1: '=S!A3+A2', A2: "='S'!B4:B5" });
    expect((doc.blocks[2] as CellBlock).value).toBe('=SUM(s!A2:A10)');
  });

  it('moves whole-row ranges and keeps whole-column ranges', () => {
    const doc = insertRows(docOf(sheet('S', { A1: '=SUM(2:3)+SUM(A:A)+SUM($B:$C)' })), S, 1);
    expect(sheetIn(doc, 'S').cells.A1).toBe('=SUM(3:4)+SUM(A:A)+SUM($B:$C)');
  });

  it('keeps strings, names and spacing byte for byte', () => {
    const doc = insertRows(docOf(sheet('S', { A1: '= "A2" & A2  &  total' })), S, 0);
    expect(sheetIn(doc, 'S').cells.A2).toBe('= "A2" & A3  &  total');
  });

  it('moves formats and merges with the rows', () => {
    const doc = insertRows(docOf(sheet('S', { A2: '5' }, { formats: { A2: '0.00' }, merges: ['A1:B1', 'A2:B3'], widths: { A: 20 } })), S, 1);
    const s = sheetIn(doc, 'S');
    expect(s.formats).toEqual({ A3: '0.00' });
    expect(s.merges).toEqual(['A1:B1', 'A3:B4']);
    expect(s.widths).toEqual({ A: 20 });
  });

  it('moves cell styles with the rows', () => {
    const doc = insertRows(docOf(sheet('S', { A1: 'x' }, { styles: { A1: { bold: true } } })), S, 0, 2);
    expect(sheetIn(doc, 'S').styles).toEqual({ A3: { bold: true } });
  });

  it('keeps a range that reaches the last row ending there, and a reference pushed past it becomes #REF!', () => {
    const doc = insertRows(docOf(sheet('S', { B1: '=SUM(A2:A1048576)+S!A1048576' })), S, 1);
    expect(sheetIn(doc, 'S').cells.B1).toBe('=SUM(A3:A1048576)+#REF!');
  });

  it('refuses when a cell would be pushed off the last row', () => {
    expect(() => insertRows(docOf(sheet('S', { A1048576: 'x' })), S, 0)).toThrow(/pushed off the end/);
  });

  it("logs the insert for a big sheet's stored cells (replayed over its file) and grows their extent", () => {
    const big = sheet('S', { A1: 'x' }, { data: { file: 'budget.xlsx', sheet: 'Data', rows: 200_000, cols: 10 } });
    const s = sheetIn(insertRows(docOf(big), S, 0, 2), 'S');
    expect(s.cells).toEqual({ A3: 'x' });
    expect(s.data).toEqual({ file: 'budget.xlsx', sheet: 'Data', rows: 200_002, cols: 10, ops: [{ kind: 'insert', axis: 'rows', at: 0, count: 2 }] });
  });

  it('says when the block is not a sheet', () => {
    expect(() => insertRows(docOf(), S, 0)).toThrow(SheetOpError);
  });
});

describe('deleteRows', () => {
  it('turns a reference to a deleted cell into #REF!, its sheet name included', () => {
    const other = sheet('Other', { A1: '=S!A2+1', A2: '=S!A3' });
    const doc = deleteRows(docOf(sheet('S', { A1: '=A2*2', A2: '5', A3: '6' }), other), S, 1);
    expect(sheetIn(doc, 'S').cells).toEqual({ A1: '=#REF!*2', A2: '6' });
    expect(sheetIn(doc, 'Other').cells).toEqual({ A1: '=#REF!+1', A2: '=S!A2' });
  });

  it('shrinks a range that loses some of its rows', () => {
    const doc = deleteRows(docOf(sheet('S', { B1: '=SUM(A1:A5)', B9: '=SUM(A3:A4)' })), S, 2, 2);
    expect(sheetIn(doc, 'S').cells).toEqual({ B1: '=SUM(A1:A3)', B7: '=SUM(#REF!)' });
  });

  it('shrinks a range whose first rows are deleted from the top', () => {
    const doc = deleteRows(docOf(sheet('S', { C1: '=SUM(A2:A6)' })), S, 0, 3);
    expect(sheetIn(doc, 'S').cells).toEqual({});
    const kept = deleteRows(docOf(sheet('S', { C9: '=SUM(A2:A6)' })), S, 0, 3);
    expect(sheetIn(kept, 'S').cells).toEqual({ C6: '=SUM(A1:A3)' });
  });

  it('drops merges inside the deleted rows and shrinks those across them', () => {
    const doc = deleteRows(docOf(sheet('S', {}, { merges: ['A2:A2', 'A2:B2', 'A1:A4'] })), S, 1);
    expect(sheetIn(doc, 'S').merges).toEqual(['A1:A3']);
  });
});

describe('insertColumns / deleteColumns', () => {
  it('moves cells, column widths and whole-column ranges right', () => {
    const doc = insertColumns(docOf(sheet('S', { A1: '1', B1: '2', C1: '=SUM(A1:B1)+SUM(B:B)' }, { widths: { B: 30 } })), S, 1);
    const s = sheetIn(doc, 'S');
    expect(s.cells).toEqual({ A1: '1', C1: '2', D1: '=SUM(A1:C1)+SUM(C:C)' });
    expect(s.widths).toEqual({ C: 30 });
  });

  it('keeps $ marks and moves absolute references too, as Excel does', () => {
    const doc = insertColumns(docOf(sheet('S', { A1: '=$B$2+B$2+$B2' })), S, 0, 2);
    expect(sheetIn(doc, 'S').cells.C1).toBe('=$D$2+D$2+$D2');
  });

  it('turns a deleted column into #REF! and shrinks a column range', () => {
    const doc = deleteColumns(docOf(sheet('S', { A1: '=B1+SUM(A:C)+SUM(B:B)', D1: '4' }, { widths: { B: 9, D: 12 } })), S, 1);
    const s = sheetIn(doc, 'S');
    expect(s.cells).toEqual({ A1: '=#REF!+SUM(A:B)+SUM(#REF!)', C1: '4' });
    expect(s.widths).toEqual({ C: 12 });
  });

  it('refuses a column past XFD', () => {
    expect(() => deleteColumns(docOf(sheet('S', {})), S, 16_384)).toThrow(/outside the sheet/);
  });
});
