import { describe, expect, it } from 'vitest';
import type { BlockId, CellBlock } from '../document';
import { moveAcross } from './move-across';
import { docOf, sheet, sheetIn } from './test-doc';

const [A, B] = ['A' as BlockId, 'B' as BlockId];
const B1 = { top: 0, left: 1, bottom: 0, right: 1 };

describe('moveAcross', () => {
  it('moves a cell to another sheet and every reference to it follows, named with its new sheet', () => {
    const cell: CellBlock = { id: 'c' as BlockId, kind: 'cell', name: 'c', control: { type: 'value' }, value: '=A!B1+1' };
    const doc = moveAcross(docOf(sheet('A', { B1: '7', C1: '=B1*2' }), sheet('B', { A1: '=A!B1' }), cell), A, B1, B, { row: 4, col: 3 });
    expect(sheetIn(doc, 'A').cells).toEqual({ C1: '=B!D5*2' });
    expect(sheetIn(doc, 'B').cells).toEqual({ A1: '=D5', D5: '7' });
    expect((doc.blocks[2] as CellBlock).value).toBe('=B!D5+1');
  });

  it('names the sheet a moved formula came from for the cells that stayed there', () => {
    const doc = moveAcross(docOf(sheet('A', { A1: '5', B1: '=A1*2+SUM(B2:B3)' }), sheet('B', {})), A, B1, B, { row: 0, col: 0 });
    expect(sheetIn(doc, 'B').cells).toEqual({ A1: '=A!A1*2+SUM(A!B2:B3)' });
    expect(sheetIn(doc, 'A').cells).toEqual({ A1: '5' });
  });

  it('turns references to the overwritten cells into #REF! and moves formats and styles', () => {
    const doc = moveAcross(
      docOf(sheet('A', { B1: 'new' }, { formats: { B1: '0%' }, styles: { B1: { bold: true } } }), sheet('B', { A1: 'old', C1: '=A1&"!"' }, { formats: { A1: '0.0' } })),
      A,
      B1,
      B,
      { row: 0, col: 0 },
    );
    expect(sheetIn(doc, 'B').cells).toEqual({ A1: 'new', C1: '=#REF!&"!"' });
    expect(sheetIn(doc, 'B').formats).toEqual({ A1: '0%' });
    expect(sheetIn(doc, 'B').styles).toEqual({ A1: { bold: true } });
    expect(sheetIn(doc, 'A').formats).toBeUndefined();
  });

  it('refuses a big sheet on either side', () => {
    const big = sheet('B', {}, { data: { file: 'budget.xlsx', sheet: 'Data', rows: 2_000_000, cols: 1 } });
    expect(() => moveAcross(docOf(sheet('A', { B1: '1' }), big), A, B1, B, { row: 0, col: 0 })).toThrow(/budget.xlsx/);
  });
});
