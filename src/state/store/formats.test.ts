import { describe, expect, it } from 'vitest';
import type { BlockId, SheetBlock } from '../../workbook';
import { withFormats } from './formats';

const sheet = (formats?: Record<string, string>): SheetBlock => ({ id: 's1' as BlockId, kind: 'sheet', name: 'plan', cells: { A1: '0.5' }, ...(formats ? { formats } : {}) });

describe('withFormats: a sheet with its number formats updated', () => {
  it('sets codes by address and keeps the others', () => {
    expect(withFormats(sheet({ A1: '0%' }), { B2: '$#,##0.00' }).formats).toEqual({ A1: '0%', B2: '$#,##0.00' });
  });

  it('clears a cell with null, empty or General, and drops the field when none are left', () => {
    const b = withFormats(sheet({ A1: '0%', B1: '0.00', C1: 'm/d/yyyy' }), { A1: null, B1: '', C1: 'General' });
    expect(b).not.toHaveProperty('formats');
    expect(b.cells).toEqual({ A1: '0.5' });
  });
});
