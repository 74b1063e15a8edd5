import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { CellStyle } from '../cell-style';
import { readXlsx } from '../xlsx';
import type { ExportSheet } from './types';
import { writeXlsx } from './write-xlsx';

const styles: Record<string, CellStyle> = {
  A1: { bold: true },
  A2: { italic: true, fill: 'FFCC00' },
  B1: { bold: true, italic: true, align: 'center' },
  B2: { align: 'right' },
  // A styled cell with nothing in it: Excel users fill blank cells all the time.
  C3: { fill: '00B050' },
};

function styledSheet(): ExportSheet {
  return {
    kind: 'sheet',
    name: 'Styled',
    cells: { A1: 'Total', A2: '3.5', B1: 'x', B2: '=A2*2' },
    values: { A1: { type: 'text', value: 'Total' }, A2: { type: 'number', value: 3.5 }, B1: { type: 'text', value: 'x' }, B2: { type: 'number', value: 7 } },
    formats: { A2: '0.00', B2: '0.00' },
    styles,
  };
}

async function written(parts: ExportSheet[]): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await writeXlsx(parts, { write: (c) => void chunks.push(c) });
  return Buffer.concat(chunks);
}

describe('cell styles round-trip through .xlsx', () => {
  test("Cellar's importer reads back bold, italic, fill and alignment, with the number formats beside them", async () => {
    const [sheet] = (await readXlsx(await written([styledSheet()]), { blockName: (n) => n })).sheets;
    expect(sheet!.styles).toEqual(styles);
    expect(sheet!.formats).toEqual({ A2: '0.00', B2: '0.00' });
  });

  test('import → export → import keeps them', async () => {
    const first = (await readXlsx(await written([styledSheet()]), { blockName: (n) => n })).sheets[0]!;
    const again = { ...styledSheet(), styles: first.styles!, formats: first.formats! };
    const second = (await readXlsx(await written([again]), { blockName: (n) => n })).sheets[0]!;
    expect(second.styles).toEqual(styles);
  });

  test('exceljs (another reader) sees the same fonts, fills and alignment', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await written([styledSheet()])) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFCC00' } });
    expect(ws.getCell('A2').numFmt).toBe('0.00');
    expect(ws.getCell('B1').alignment?.horizontal).toBe('center');
  });

  test('a malformed style (a colour that is not hex) is written plain, never into the XML', async () => {
    const sheet = { ...styledSheet(), styles: { A1: { fill: '"/><x' } as CellStyle } };
    const [read] = (await readXlsx(await written([sheet]), { blockName: (n) => n })).sheets;
    expect(read!.styles).toBeUndefined();
  });
});
