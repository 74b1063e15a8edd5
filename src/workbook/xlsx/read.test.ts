import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { evaluateSheet, typedValue } from '../sheet';
import { readXlsx } from './read';

const blockName = (sheet: string) => `book_${sheet.replace(/\W/g, '_')}`;

/** A workbook written by exceljs, with defined names put into xl/workbook.xml afterwards (exceljs cannot write sheet scopes or formulas). */
async function build(fill: (wb: ExcelJS.Workbook) => void, definedNames = ''): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  if (!definedNames) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('xl/workbook.xml')!.async('string')).replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, '').replace('</sheets>', `</sheets><definedNames>${definedNames}</definedNames>`);
  zip.file('xl/workbook.xml', xml);
  return zip.generateAsync({ type: 'uint8array' });
}

describe('readXlsx', () => {
  test('values come in as text the sheet reads back as the same value', async () => {
    const bytes = await build((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getCell('A1').value = 0.1;
      ws.getCell('A2').value = 1e-20;
      ws.getCell('A3').value = 123456789012345;
      ws.getCell('A4').value = '001';
      ws.getCell('A5').value = '=x';
      ws.getCell('A6').value = true;
      ws.getCell('A7').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      ws.getCell('A8').value = "'quoted";
      ws.getCell('A9').value = 'TRUE';
      ws.getCell('A10').value = -2.5e21;
    });
    const { sheets } = await readXlsx(bytes, { blockName });
    const cells = sheets[0]!.cells;
    expect(cells).toMatchObject({ A1: '0.1', A2: '1e-20', A3: '123456789012345', A4: "'001", A5: "'=x", A6: 'TRUE', A7: '=#N/A', A8: "''quoted", A9: "'TRUE" });
    for (const [k, v] of [['A1', 0.1], ['A2', 1e-20], ['A3', 123456789012345], ['A4', '001'], ['A5', '=x'], ['A6', true], ['A8', "'quoted"], ['A9', 'TRUE'], ['A10', -2.5e21]] as const)
      expect(typedValue(cells[k]!), k).toBe(v);
  });

  test('a date is its Excel serial with its number format kept', async () => {
    const bytes = await build((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getCell('A1').value = new Date(Date.UTC(2024, 2, 15, 12, 0, 0));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd hh:mm';
      ws.getCell('B1').value = 3;
      ws.getCell('B1').numFmt = '0.00%';
    });
    const sheet = (await readXlsx(bytes, { blockName })).sheets[0]!;
    expect(sheet.cells.A1).toBe('45366.5');
    expect(sheet.formats).toEqual({ A1: 'yyyy-mm-dd hh:mm', B1: '0.00%' });
  });

  test('shared formulas are expanded by each cell offset, rows and columns ranges included', async () => {
    const bytes = await build((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getCell('B2').value = { formula: 'A2*$A$1+SUM(1:1)+SUM($3:$3)+COUNT(A:A)', shareType: 'shared', ref: 'B2:C3', result: 1 } as ExcelJS.CellValue;
      ws.getCell('C2').value = { sharedFormula: 'B2', result: 2 } as ExcelJS.CellValue;
      ws.getCell('B3').value = { sharedFormula: 'B2', result: 3 } as ExcelJS.CellValue;
      ws.getCell('C3').value = { sharedFormula: 'B2', result: 4 } as ExcelJS.CellValue;
    });
    const sheet = (await readXlsx(bytes, { blockName })).sheets[0]!;
    expect(sheet.cells).toEqual({
      B2: '=A2*$A$1+SUM(1:1)+SUM($3:$3)+COUNT(A:A)',
      C2: '=B2*$A$1+SUM(1:1)+SUM($3:$3)+COUNT(B:B)',
      B3: '=A3*$A$1+SUM(2:2)+SUM($3:$3)+COUNT(A:A)',
      C3: '=B3*$A$1+SUM(2:2)+SUM($3:$3)+COUNT(B:B)',
    });
    expect(sheet.cached).toEqual({ B2: { type: 'number', value: 1 }, C2: { type: 'number', value: 2 }, B3: { type: 'number', value: 3 }, C3: { type: 'number', value: 4 } });
  });

  test('a reference to a sheet with a space in its name reads the new block', async () => {
    const bytes = await build((wb) => {
      wb.addWorksheet('My Sheet').getCell('A1').value = 5;
      wb.addWorksheet('Data').getCell('A1').value = { formula: "'My Sheet'!A1*2+SUM('My Sheet'!A1:B2)", result: 15 } as ExcelJS.CellValue;
    });
    const { sheets } = await readXlsx(bytes, { blockName });
    expect(sheets.map((s) => [s.name, s.block])).toEqual([['My Sheet', 'book_My_Sheet'], ['Data', 'book_Data']]);
    expect(sheets[1]!.cells.A1).toBe('=book_My_Sheet!A1*2+SUM(book_My_Sheet!A1:B2)');
  });

  test('workbook- and sheet-scoped defined names are inlined; a LAMBDA name is called in place; one that calls itself stays and is listed', async () => {
    const bytes = await build(
      (wb) => {
        wb.addWorksheet('Data').getCell('A1').value = { formula: 'Rate*Total+Tax+Twice(1)+Down(3)', result: 0 } as ExcelJS.CellValue;
        wb.addWorksheet('Other').getCell('A1').value = { formula: 'Rate+Tax', result: 0 } as ExcelJS.CellValue;
      },
      '<definedName name="Rate">Data!$B$1</definedName>' +
        '<definedName name="Rate" localSheetId="1">Other!$C$1</definedName>' +
        '<definedName name="Total">SUM(Data!$D$1:$D$9)</definedName>' +
        '<definedName name="Tax">0.2</definedName>' +
        '<definedName name="Twice">_xlfn.LAMBDA(_xlpm.x,_xlpm.x*2)</definedName>' +
        '<definedName name="Down">_xlfn.LAMBDA(_xlpm.n,IF(_xlpm.n&lt;1,0,Down(_xlpm.n-1)))</definedName>' +
        '<definedName name="_xlnm.Print_Area" localSheetId="0">Data!$A$1:$D$9</definedName>',
    );
    const wb = await readXlsx(bytes, { blockName });
    expect(wb.sheets[0]!.cells.A1).toBe('=book_Data!$B$1*(SUM(book_Data!$D$1:$D$9))+(0.2)+(LAMBDA(x,x*2))(1)+Down(3)');
    expect(wb.sheets[1]!.cells.A1).toBe('=book_Other!$C$1+(0.2)');
    expect(wb.leftOut.join(' ')).toMatch(/Down is a LAMBDA/);
    expect(wb.leftOut.join(' ')).not.toMatch(/Twice/);
  });

  test('column widths, merged cells and what is left out (a comment)', async () => {
    const bytes = await build((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getColumn('B').width = 24;
      ws.getCell('A1').value = 'title';
      ws.mergeCells('A1:C2');
      ws.getCell('D4').value = 1;
      ws.getCell('D4').note = 'check this';
    });
    const wb = await readXlsx(bytes, { blockName });
    const sheet = wb.sheets[0]!;
    expect(sheet.widths).toEqual({ B: 24 });
    expect(sheet.merges).toEqual(['A1:C2']);
    expect(sheet.cells).toEqual({ A1: 'title', D4: '1' });
    expect(wb.leftOut).toEqual(['Comments on "Data" were not imported.']);
    expect(wb.date1904).toBe(false);
  });

  test('leftOut names each kind of thing not imported and its sheets', async () => {
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const bytes = await build((wb) => {
      const a = wb.addWorksheet('Sales');
      a.getCell('A1').value = { text: 'site', hyperlink: 'https://example.com' };
      a.getCell('A2').dataValidation = { type: 'whole', operator: 'between', formulae: [1, 9] };
      a.addConditionalFormatting({ ref: 'B1:B9', rules: [{ type: 'expression', priority: 1, formulae: ['B1>5'] }] });
      const b = wb.addWorksheet('Plan B');
      b.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'C3:D4');
    });
    const wb = await readXlsx(bytes, { blockName });
    expect(wb.sheets[0]!.cells.A1).toBe('site');
    expect(wb.leftOut).toEqual([
      'Hyperlinks (their text was kept) on "Sales" were not imported.',
      'Conditional formats on "Sales" were not imported.',
      'Data validation rules on "Sales" were not imported.',
      'Images on "Plan B" were not imported.',
    ]);
  });

  test('an array formula sits on its top-left cell and spills again: the values Excel saved over its range are not kept as constants that would block it', async () => {
    const bytes = await build((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getCell('A1').value = 1;
      ws.getCell('A2').value = 2;
      ws.getCell('B1').value = { formula: 'A1:A2*10', shareType: 'array', ref: 'B1:B2', result: 10 } as ExcelJS.CellValue;
      ws.getCell('B2').value = 20;
    });
    const sheet = (await readXlsx(bytes, { blockName })).sheets[0]!;
    expect(sheet.cells).toEqual({ A1: '1', A2: '2', B1: '=A1:A2*10' });
    expect(sheet.cached).toEqual({ B1: { type: 'number', value: 10 } });
    const values = await evaluateSheet(sheet.block, sheet.cells, { cell: () => undefined, relation: () => undefined, names: () => [], sheet: () => undefined }, () => Promise.reject(new Error('no SQL')));
    expect([values.get('B1'), values.get('B2')]).toEqual([10, 20]);
  });

  test('a plain formula (not an array formula) reads a range for one value as Excel did before dynamic arrays: @ is written where it intersects', async () => {
    const bytes = await build((wb) => {
      const ws = wb.addWorksheet('Data');
      [1, 4, 9].forEach((v, i) => (ws.getCell(`A${i + 1}`).value = v));
      ws.getCell('B2').value = { formula: 'A1:A3', result: 4 } as ExcelJS.CellValue;
      ws.getCell('C3').value = { formula: 'SQRT(A1:A3)+SUM(A1:A3)', result: 17 } as ExcelJS.CellValue;
      ws.getCell('D1').value = { formula: 'ROW(A1:A3)', result: 1 } as ExcelJS.CellValue;
    });
    const sheet = (await readXlsx(bytes, { blockName })).sheets[0]!;
    expect(sheet.cells).toMatchObject({ B2: '=@A1:A3', C3: '=SQRT(@A1:A3)+SUM(A1:A3)', D1: '=@ROW(A1:A3)' });
    const values = await evaluateSheet(sheet.block, sheet.cells, { cell: () => undefined, relation: () => undefined, names: () => [], sheet: () => undefined }, () => Promise.reject(new Error('no SQL')));
    expect([values.get('B2'), values.get('C3'), values.get('D1'), values.has('D2')]).toEqual([4, 17, 1, false]);
  });

  test('charts, pivot tables, chart sheets, macros and external links are found in the zip and listed', async () => {
    const zip = await JSZip.loadAsync(await build((wb) => {
      wb.addWorksheet('Sales').getCell('A1').value = 1;
    }));
    const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const rels = (...r: string[]) => `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${r.join('')}</Relationships>`;
    zip.file('xl/worksheets/_rels/sheet1.xml.rels', rels(rel('rId1', 'drawing', '../drawings/drawing1.xml'), rel('rId2', 'pivotTable', '../pivotTables/pivotTable1.xml')));
    zip.file('xl/drawings/_rels/drawing1.xml.rels', rels(rel('rId1', 'chart', '../charts/chart1.xml')));
    zip.file('xl/vbaProject.bin', new Uint8Array(8));
    zip.file('xl/externalLinks/externalLink1.xml', '<externalLink/>');
    const workbookRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', workbookRels.replace('</Relationships>', `${rel('rIdC', 'chartsheet', 'chartsheets/sheet1.xml')}</Relationships>`));
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', workbookXml.replace('</sheets>', '<sheet name="Trend" sheetId="9" r:id="rIdC"/></sheets>'));
    const wb = await readXlsx(await zip.generateAsync({ type: 'uint8array' }), { blockName });
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sales']);
    expect(wb.leftOut).toEqual([
      'Charts on "Sales" were not imported.',
      'Pivot tables on "Sales" were not imported.',
      'The chart sheet "Trend" was not imported.',
      'The macros (VBA) were not imported and never run.',
      'Links to other workbooks were not followed: formulas that read them keep their text and compute as errors.',
    ]);
  });

  test('the 1904 date system is reported and dates keep their serials as saved', async () => {
    const bytes = await build((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('Data');
      ws.getCell('A1').value = new Date(Date.UTC(2024, 0, 1));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    });
    const wb = await readXlsx(bytes, { blockName });
    expect(wb.date1904).toBe(true);
    expect(wb.sheets[0]!.cells.A1).toBe(String(45292 - 1462));
    expect(wb.leftOut.join(' ')).toMatch(/1904 date system/);
  });
});
