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

  test('what Cellar cannot draw is left out: a theme colour, a pattern that is not solid, justify', () => {
    expect(cellStyleOf({ fill: { type: 'pattern', pattern: 'solid', fgColor: {} } })).toBeUndefined();
    expect(cellStyleOf({ fill: { type: 'pattern', pattern: 'darkGrid', fgColor: { argb: 'FF000000' } } })).toBeUndefined();
    expect(cellStyleOf({ alignment: { horizontal: 'justify' } })).toBeUndefined();
    expect(cellStyleOf({ alignment: { horizontal: 'centerContinuous' } })).toEqual({ align: 'center' });
  });
});
