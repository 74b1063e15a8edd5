import { describe, expect, it } from 'vitest';
import type { BlockId, SheetBlock } from '../../workbook';
import { withLayout } from './layout';

const sheet = (extra: Partial<SheetBlock> = {}): SheetBlock => ({ id: 's1' as BlockId, kind: 'sheet', name: 'plan', cells: { A1: '1' }, ...extra });

describe('withLayout: a sheet with its column widths and frozen panes changed', () => {
  it('sets widths by column letters, keeps the others, and null puts a column back to the default', () => {
    expect(withLayout(sheet({ widths: { A: 10, B: 20 } }), { widths: { B: null, C: 12.345 } }).widths).toEqual({ A: 10, C: 12.35 });
    expect(withLayout(sheet({ widths: { A: 10 } }), { widths: { A: null } })).not.toHaveProperty('widths');
  });

  it('keeps widths inside what Excel stores (0 to 255 characters)', () => {
    expect(withLayout(sheet(), { widths: { A: 900, B: -3 } }).widths).toEqual({ A: 255, B: 0 });
  });

  it('freezes rows and columns, and null or 0 × 0 unfreezes', () => {
    expect(withLayout(sheet(), { freeze: { rows: 1, cols: 0 } }).freeze).toEqual({ rows: 1, cols: 0 });
    expect(withLayout(sheet({ freeze: { rows: 1, cols: 1 } }), { freeze: null })).not.toHaveProperty('freeze');
    expect(withLayout(sheet({ freeze: { rows: 1, cols: 1 } }), { freeze: { rows: 0, cols: 0 } })).not.toHaveProperty('freeze');
  });

  it('leaves what the change does not name as it was', () => {
    const b = sheet({ widths: { A: 10 }, freeze: { rows: 2, cols: 0 } });
    expect(withLayout(b, { freeze: { rows: 1, cols: 0 } }).widths).toEqual({ A: 10 });
    expect(withLayout(b, { widths: { B: 5 } }).freeze).toEqual({ rows: 2, cols: 0 });
  });
});
