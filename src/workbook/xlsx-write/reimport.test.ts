import { describe, expect, test } from 'vitest';
import { readXlsx } from '../xlsx';
import { generatedRows } from './testing/files';
import { salesSheet, summarySheet } from './testing/fixtures';
import { writeXlsx } from './write-xlsx';

/** The export in memory, read back by Cellar's own .xlsx importer. */
async function roundTrip() {
  const chunks: Uint8Array[] = [];
  const table = { kind: 'table' as const, name: 'people', columns: [{ name: 'name', type: 'VARCHAR' }, { name: 'age', type: 'INTEGER' }], rows: generatedRows(3, 2, (i) => [`p${i}`, 20 + i]), totalRows: 3 };
  await writeXlsx([salesSheet(), summarySheet(), table], { write: (c) => void chunks.push(c) });
  const blocks: Record<string, string> = { 'Sales 2024': 'sales', Summary: 'summary', people: 'people' };
  return readXlsx(Buffer.concat(chunks), { blockName: (name) => blocks[name] ?? name });
}

describe("Cellar's importer opens the export again", () => {
  test('with the same formulas, cached values, formats, styles, widths, merges and frozen panes', async () => {
    const book = await roundTrip();
    expect(book.sheets.map((s) => [s.name, s.block])).toEqual([
      ['Sales 2024', 'sales'],
      ['Summary', 'summary'],
      ['people', 'people'],
    ]);
    const [sales, summary, people] = book.sheets;
    const written = salesSheet();
    for (const ref of ['A3', 'A4', 'A5', 'C1']) expect([ref, sales!.cells[ref]]).toEqual([ref, written.cells[ref]]);
    expect(sales!.cached).toMatchObject({ A3: written.values.A3, A4: written.values.A4, A5: written.values.A5, C1: written.values.C1 });
    expect([sales!.cells.A1, sales!.cells.A2]).toEqual(['21', 'hello']);
    // A date comes back as Excel keeps it: its serial (2024-03-15), shown by its format.
    expect(sales!.cells.B1).toBe('45366');
    expect(sales!.formats).toMatchObject(written.formats!);
    expect(sales!.styles).toEqual(written.styles);
    expect(sales!.widths).toMatchObject(written.widths!);
    expect(sales!.merges).toEqual(written.merges);
    expect(sales!.freeze).toEqual(written.freeze);
    expect(summary!.freeze).toBeUndefined();
    // A table's header row is frozen in the export, and comes back frozen.
    expect(people!.freeze).toEqual({ rows: 1, cols: 0 });
    expect(summary!.cells.A1).toBe('=sales!A3+1');
    expect(summary!.cached?.A1).toEqual({ type: 'number', value: 43 });
    expect(people!.cells).toMatchObject({ A1: 'name', B1: 'age', A2: 'p0', B4: '22' });
  });
});
