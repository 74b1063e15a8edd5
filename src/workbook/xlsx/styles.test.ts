import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { readXlsx } from './read';
import { cellStyleOf } from './styles';

describe('cell styles of a workbook another program wrote', () => {
  test('bold, italic, solid fills and alignment are read; an empty filled cell too', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 'Head';
    ws.getCell('A1').font = { bold: true, italic: true, name: 'Arial', size: 12 };
    ws.getCell('B1').value = 5;
    ws.getCell('B1').alignment = { horizontal: 'center', vertical: 'middle' };
    ws.getCell('B1').numFmt = '0.0';
    ws.getCell('C5').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF92D050' } };
    ws.getCell('D1').value = 'plain';
    ws.getCell('D1').font = { name: 'Arial', size: 12 };
    const [sheet] = (await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), { blockName: (n) => n })).sheets;
    expect(sheet!.styles).toEqual({ A1: { bold: true, italic: true }, B1: { align: 'center' }, C5: { fill: '92D050' } });
    expect(sheet!.formats).toEqual({ B1: '0.0' });
  });

  test('a theme fill with its tint is resolved against the workbook theme, as Excel draws it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 1;
    ws.getCell('A1').fill = { type: 'pattern', pattern: 'solid', fgColor: { theme: 5, tint: 0.79998168889431442 } as unknown as ExcelJS.Color };
    ws.getCell('A2').value = 2;
    ws.getCell('A2').fill = { type: 'pattern', pattern: 'solid', fgColor: { indexed: 22 } as unknown as ExcelJS.Color };
    const [sheet] = (await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), { blockName: (n) => n })).sheets;
    // exceljs writes the Office 2007 theme: accent 2 is C0504D, and Excel's "Lighter 80%" of it is F2DCDB.
    expect(sheet!.styles).toEqual({ A1: { fill: 'F2DCDB' }, A2: { fill: 'C0C0C0' } });
  });

  test('what Cellar cannot draw is left out: a colour the file does not define, a pattern that is not solid, justify', () => {
    expect(cellStyleOf({ fill: { type: 'pattern', pattern: 'solid', fgColor: {} } })).toBeUndefined();
    expect(cellStyleOf({ fill: { type: 'pattern', pattern: 'solid', fgColor: { theme: 3 } } })).toBeUndefined();
    expect(cellStyleOf({ fill: { type: 'pattern', pattern: 'darkGrid', fgColor: { argb: 'FF000000' } } })).toBeUndefined();
    expect(cellStyleOf({ alignment: { horizontal: 'justify' } })).toBeUndefined();
    expect(cellStyleOf({ alignment: { horizontal: 'centerContinuous' } })).toEqual({ align: 'center' });
  });
});
