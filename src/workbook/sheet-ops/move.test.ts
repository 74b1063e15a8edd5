import { describe, expect, it } from 'vitest';
import type { BlockId } from '../document';
import { moveRange } from './move';
import { docOf, sheet, sheetIn } from './test-doc';

const S = 'S' as BlockId;

describe('moveRange', () => {
  it('moves a cell and every formula that pointed at it follows', () => {
    const other = sheet('Other', { A1: '=S!B1*2' });
    const doc = moveRange(docOf(sheet('S', { B1: '7', A1: '=B1+1' }), other), S, { top: 0, left: 1, bottom: 0, right: 1 }, { row: 4, col: 3 });
    expect(sheetIn(doc, 'S').cells).toEqual({ A1: '=D5+1', D5: '7' });
    expect(sheetIn(doc, 'Other').cells).toEqual({ A1: '=S!D5*2' });
  });

  it('keeps a moved formula\'s references to cells that stayed, as a cut formula in Excel does', () => {
    const doc = moveRange(docOf(sheet('S', { A1: '1', B1: '=A1*2' })), S, { top: 0, left: 1, bottom: 0, right: 1 }, { row: 2, col: 1 });
    expect(sheetIn(doc, 'S').cells).toEqual({ A1: '1', B3: '=A1*2' });
  });

  it('moves a range reference wholly inside the cut and leaves one only partly inside', () => {
    const doc = moveRange(docOf(sheet('S', { A1: '1', A2: '2', C1: '=SUM(A1:A2)', C2: '=SUM(A1:A3)' })), S, { top: 0, left: 0, bottom: 1, right: 0 }, { row: 0, col: 5 });
    expect(sheetIn(doc, 'S').cells).toEqual({ F1: '1', F2: '2', C1: '=SUM(F1:F2)', C2: '=SUM(A1:A3)' });
  });

  it('turns references to overwritten cells into #REF! and replaces their text', () => {
    const doc = moveRange(docOf(sheet('S', { A1: '1', D4: 'old', E1: '=D4&"!"' })), S, { top: 0, left: 0, bottom: 0, right: 0 }, { row: 3, col: 3 });
    expect(sheetIn(doc, 'S').cells).toEqual({ D4: '1', E1: '=#REF!&"!"' });
  });

  it('clears destination cells that the cut range had empty', () => {
    const doc = moveRange(docOf(sheet('S', { A1: '1', D2: 'x' })), S, { top: 0, left: 0, bottom: 1, right: 0 }, { row: 0, col: 3 });
    expect(sheetIn(doc, 'S').cells).toEqual({ D1: '1' });
  });

  it('moves onto an overlapping place without losing cells', () => {
    const doc = moveRange(docOf(sheet('S', { A1: '1', A2: '2', A3: '3', B1: '=A3' })), S, { top: 0, left: 0, bottom: 2, right: 0 }, { row: 1, col: 0 });
    expect(sheetIn(doc, 'S').cells).toEqual({ A2: '1', A3: '2', A4: '3', B1: '=A4' });
  });

  it('moves formats and merges inside the cut', () => {
    const doc = moveRange(docOf(sheet('S', { A1: '1' }, { formats: { A1: '0%' }, merges: ['A1:B1'] })), S, { top: 0, left: 0, bottom: 0, right: 1 }, { row: 2, col: 0 });
    const s = sheetIn(doc, 'S');
    expect(s.formats).toEqual({ A3: '0%' });
    expect(s.merges).toEqual(['A3:B3']);
  });

  it('refuses a move past the end of the sheet', () => {
    expect(() => moveRange(docOf(sheet('S', {})), S, { top: 0, left: 0, bottom: 1, right: 0 }, { row: 1_048_575, col: 0 })).toThrow(/past the end/);
  });
});
