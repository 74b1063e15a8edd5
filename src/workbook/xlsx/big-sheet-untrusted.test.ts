import ExcelJS from 'exceljs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { isFormulaError } from '../formula';
import { dataRaw } from '../sheet-data';
import { computeWorkbook } from './conformance-check';
import { readXlsx } from './read';

const blockName = (sheet: string) => `book_${sheet}`;
const URL_TEXT = 'http://example.com/rate?x=1';

/** A sheet with a `javascript:` hyperlink and formulas that would fetch in Excel (written as Excel writes them, with _xlfn.). */
async function untrusted(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Links');
  ws.getCell('A1').value = { text: 'click me', hyperlink: 'javascript:alert(document.cookie)' };
  ws.getCell('A2').value = { formula: `_xlfn.WEBSERVICE("${URL_TEXT}")`, result: 1.5 } as ExcelJS.CellValue;
  ws.getCell('A3').value = { formula: `_xlfn.IMAGE("${URL_TEXT}")`, result: 0 } as ExcelJS.CellValue;
  ws.getCell('A4').value = { formula: 'A2*2', result: 3 } as ExcelJS.CellValue;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

afterEach(() => vi.restoreAllMocks());

describe('an .xlsx is untrusted like a link', () => {
  test.each([
    ['exceljs', Number.POSITIVE_INFINITY],
    ['big-sheet', 0],
  ])('on the %s path a javascript: hyperlink keeps only its text and WEBSERVICE / IMAGE stay formulas that compute as #NAME?, with no fetch', async (_, bigSheetBytes) => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('the importer must not fetch'));
    const wb = await readXlsx(await untrusted(), { blockName, bigSheetBytes });
    const sheet = wb.sheets[0]!;
    const raw = (row: number) => sheet.cells[`A${row + 1}`] ?? (sheet.data && dataRaw(sheet.data, row, 0));
    expect([0, 1, 2, 3].map(raw)).toEqual(['click me', `=WEBSERVICE("${URL_TEXT}")`, `=IMAGE("${URL_TEXT}")`, '=A2*2']);
    expect(JSON.stringify({ ...sheet, data: undefined })).not.toMatch(/javascript:/);
    expect(wb.leftOut).toContain('Hyperlinks (their text was kept) on "Links" were not imported.');
    if (sheet.data) return expect(fetch).not.toHaveBeenCalled();
    const values = (await computeWorkbook(wb)).get('book_links')!;
    for (const address of ['A2', 'A3', 'A4']) {
      const v = values.get(address);
      expect(isFormulaError(v) && v.code, address).toBe('#NAME?');
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});
