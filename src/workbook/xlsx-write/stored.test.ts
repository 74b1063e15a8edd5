import { describe, expect, test } from 'vitest';
import { readXlsx } from '../xlsx';
import type { ExportValue, StoredCells } from './types';
import { writeXlsx } from './write-xlsx';

/** 3 columns × 500 rows stored outside `cells` (a big sheet's SheetData, as the app hands it over): id, amount, a formula. */
function stored(): StoredCells {
  return {
    rows: 500,
    cols: 3,
    formats: ['0.00'],
    at(row, col) {
      if (row === 0) return { text: ['id', 'amount', 'double'][col]!, value: { type: 'text', value: ['id', 'amount', 'double'][col]! } };
      if (col === 0) return { text: `id${row}`, value: { type: 'text', value: `id${row}` } };
      if (col === 1) return { text: String(row), value: { type: 'number', value: row }, format: '0.00' };
      return { text: `=B${row + 1}*2`, value: { type: 'number', value: row * 2 } };
    },
  };
}

describe("a big sheet's stored cells are written row by row, with the person's edits over them", () => {
  test('stored values, formats and formulas, an edit, a cleared cell and a cell past the stored rows come back', async () => {
    const values: Record<string, ExportValue> = { B3: { type: 'number', value: 99 }, C3: { type: 'number', value: 198 }, B4: { type: 'empty' }, A600: { type: 'text', value: 'after' } };
    const chunks: Uint8Array[] = [];
    await writeXlsx(
      [{ kind: 'sheet', name: 'Data', cells: { B3: '99', B4: '', A600: 'after' }, values, stored: stored(), formats: { C2: '0.0' } }],
      { write: (c) => void chunks.push(c) },
    );
    const book = await readXlsx(Buffer.concat(chunks), { blockName: (n) => n });
    const cells = book.sheets[0]!.cells;
    expect(cells.A1).toBe('id');
    expect(cells.A500).toBe('id499');
    expect(cells.B500).toBe('499');
    expect(cells.C500).toBe('=B500*2');
    expect(book.sheets[0]!.cached?.C3).toEqual({ type: 'number', value: 198 });
    expect(cells.B3).toBe('99');
    expect(cells.B4).toBeUndefined();
    expect(cells.A600).toBe('after');
    expect(book.sheets[0]!.formats?.B2).toBe('0.00');
    expect(book.sheets[0]!.formats?.C2).toBe('0.0');
    expect(Object.keys(cells)).toHaveLength(3 * 500 - 1 + 1);
  });
});
