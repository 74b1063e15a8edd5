import { describe, expect, it } from 'vitest';
import type { BlockId, CellStyle, SheetBlock } from '../../workbook';
import { withStyles } from './styles';

const sheet = (styles?: Record<string, CellStyle>): SheetBlock => ({ id: 's1' as BlockId, kind: 'sheet', name: 'plan', cells: { A1: 'x' }, ...(styles ? { styles } : {}) });

describe('withStyles: a sheet with its cell styles updated', () => {
  it('sets whole styles by address and keeps the other cells', () => {
    expect(withStyles(sheet({ A1: { bold: true } }), { B2: { fill: 'FF0000', align: 'center' } }).styles).toEqual({ A1: { bold: true }, B2: { fill: 'FF0000', align: 'center' } });
  });

  it('replaces a style rather than merging into it', () => {
    expect(withStyles(sheet({ A1: { bold: true, italic: true } }), { A1: { italic: true } }).styles).toEqual({ A1: { italic: true } });
  });

  it('clears a cell with null or a plain style, and drops the field when none are left', () => {
    const b = withStyles(sheet({ A1: { bold: true }, B1: { italic: true } }), { A1: null, B1: {} });
    expect(b).not.toHaveProperty('styles');
    expect(b.cells).toEqual({ A1: 'x' });
  });

  it('drops a malformed colour instead of storing it', () => {
    expect(withStyles(sheet(), { A1: { fill: 'red' } })).not.toHaveProperty('styles');
  });
});
