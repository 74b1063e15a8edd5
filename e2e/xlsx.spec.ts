import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/cellar';

/** An Excel workbook as a person brings one: two sheets, a cross-sheet formula, a defined name. */
async function budget(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const q1 = wb.addWorksheet('Q1 data');
  q1.getCell('A1').value = 10;
  q1.getCell('A2').value = 20;
  q1.getCell('A3').value = 30;
  q1.getCell('B1').value = { formula: 'A1*2', result: 20 };
  q1.getColumn('A').width = 18;
  q1.getCell('C1').value = 'Quarter one';
  q1.mergeCells('C1:D1');
  const summary = wb.addWorksheet('Summary');
  summary.getCell('A1').value = { formula: "'Q1 data'!A1+'Q1 data'!A2", result: 30 };
  summary.getCell('A2').value = { formula: 'SUM(Quarter)', result: 60 };
  summary.getCell('A3').value = 'done';
  summary.getCell('A3').note = 'checked by finance';
  wb.definedNames.add("'Q1 data'!$A$1:$A$3", 'Quarter');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('an .xlsx becomes a sheet per worksheet, computed by Cellar; an edit reaches the other sheet', async ({ cellar, page }) => {
  await cellar.dropFiles([{ name: 'Budget 2024.xlsx', bytes: await budget() }]);
  await cellar.expectOk('Budget_2024_Q1_data');
  await cellar.expectOk('Budget_2024_Summary');
  await expect(cellar.block('Budget_2024_Q1_data')).toHaveAttribute('data-block-kind', 'sheet');
  const cells = (name: string) => page.evaluate((n) => window.cellar.cells(n), name);
  expect(await cells('Budget_2024_Q1_data')).toMatchObject({ A1: { value: 10 }, A3: { value: 30 }, B1: { value: 20 }, C1: { value: 'Quarter one' } });
  expect(await cells('Budget_2024_Summary')).toEqual({ A1: { value: 30 }, A2: { value: 60 }, A3: { value: 'done' } });
  // Excel's column width (18 characters: 131 px) and its merged title, shown.
  const q1 = cellar.block('Budget_2024_Q1_data');
  expect((await q1.locator('[data-testid="sheet-cell"][data-cell="A1"]').boundingBox())?.width).toBe(131);
  await expect(q1.getByTestId('sheet-merge')).toHaveText('Quarter one');
  expect((await q1.getByTestId('sheet-merge').boundingBox())?.width).toBe(2 * 96);
  // What the import left out is said on the sheet it came from.
  await expect(cellar.block('Budget_2024_Summary').getByTestId('left-out')).toContainText(/comment/i);
  await expect(cellar.block('Budget_2024_Q1_data').getByTestId('left-out')).toHaveCount(0);

  // Edit a cell of the first sheet: the formulas of the second follow.
  const a1 = cellar.block('Budget_2024_Q1_data').locator('[data-testid="sheet-cell"][data-cell="A1"]');
  const since = await cellar.runId('Budget_2024_Summary');
  await a1.click();
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  await cellar.expectOk('Budget_2024_Summary', 60_000, since);
  await expect.poll(() => cells('Budget_2024_Summary')).toEqual({ A1: { value: 120 }, A2: { value: 150 }, A3: { value: 'done' } });
  await page.screenshot({ path: test.info().outputPath('xlsx.png'), fullPage: true });
});

test('export .xlsx: sheets keep their worksheet names, formulas and computed values, a table becomes a worksheet; the file opens again the same', async ({ cellar, page }) => {
  // Playwright sees downloads, not the save dialog: take the download path.
  await page.evaluate(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true }));
  await cellar.dropFiles([{ name: 'Budget 2024.xlsx', bytes: await budget() }]);
  await cellar.expectOk('Budget_2024_Summary');
  await cellar.expectOk(await cellar.addSql("SELECT range AS n, 'row ' || range AS label FROM range(1500)"));
  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const file = await download;
  const bytes = readFileSync(await file.path());

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  // The comment the import left out is said again, on a last worksheet.
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Q1 data', 'Summary', 'query1', 'Not exported']);
  expect(String(wb.getWorksheet('Not exported')!.getCell('A1').value ?? '') + String(wb.getWorksheet('Not exported')!.getCell('A2').value ?? '')).toMatch(/comment/i);
  const summary = wb.getWorksheet('Summary')!;
  expect(summary.getCell('A1').value).toMatchObject({ formula: "'Q1 data'!A1+'Q1 data'!A2", result: 30 });
  expect(summary.getCell('A2').value).toMatchObject({ result: 60 });
  expect(wb.getWorksheet('query1')!.rowCount).toBe(1501);
  expect(wb.getWorksheet('query1')!.getCell('B1501').value).toBe('row 1499');

  // Dropped back in, the export computes to the same values.
  await cellar.dropFiles([{ name: 'again.xlsx', bytes }]);
  await cellar.expectOk('again_Summary');
  expect(await page.evaluate(() => window.cellar.cells('again_Summary'))).toEqual(await page.evaluate(() => window.cellar.cells('Budget_2024_Summary')));
});
