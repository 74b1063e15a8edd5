import { readFileSync } from 'node:fs';
import { expect, test } from './support/cellar';

test('bold, fill and center on a sheet cell are drawn, kept by undo steps and Ctrl+B, and come back from an exported .xlsx', async ({ cellar, page }) => {
  // Playwright sees downloads, not the save dialog: take the download path.
  await page.evaluate(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true }));
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  const sheet = cellar.block('sheet1');
  const cell = (key: string, in_ = sheet) => in_.locator(`[data-testid="sheet-cell"][data-cell="${key}"]`);
  const css = (key: string, in_ = sheet) => cell(key, in_).evaluate((el) => {
    const s = getComputedStyle(el);
    return { weight: s.fontWeight, style: s.fontStyle, background: s.backgroundColor, align: s.textAlign };
  });
  await cell('A1').click();
  await page.keyboard.type('Total');
  await page.keyboard.press('Enter');
  await page.keyboard.type('42');
  await page.keyboard.press('Enter');

  await cell('A1').click();
  await page.getByTestId('style-bold').click();
  await page.getByTestId('style-fill').click();
  await page.getByTestId('style-fill-FFFF00').click();
  await page.getByTestId('style-align-center').click();
  await expect(page.getByTestId('style-bold')).toHaveAttribute('aria-pressed', 'true');
  expect(await css('A1')).toEqual({ weight: '700', style: 'normal', background: 'rgb(255, 255, 0)', align: 'center' });
  // Ctrl+I on the grid italicises the selection; again takes it off, as in Excel.
  await cell('A2').click();
  await page.keyboard.press('Control+i');
  await expect.poll(() => css('A2').then((s) => s.style)).toBe('italic');
  await page.keyboard.press('Control+i');
  await expect.poll(() => css('A2').then((s) => s.style)).toBe('normal');
  // A fill on an empty cell is drawn too.
  await cell('C3').click();
  await page.getByTestId('style-fill').click();
  await sheet.screenshot({ path: test.info().outputPath('fill-menu.png') });
  await page.getByTestId('style-fill-C6EFCE').click();
  await expect.poll(() => css('C3').then((s) => s.background)).toBe('rgb(198, 239, 206)');
  const styles = await page.evaluate(() => {
    const b = window.cellar.document().blocks.find((x) => x.name === 'sheet1');
    return b?.kind === 'sheet' ? b.styles : undefined;
  });
  expect(styles).toEqual({ A1: { bold: true, fill: 'FFFF00', align: 'center' }, C3: { fill: 'C6EFCE' } });
  await cell('A1').click();
  await sheet.screenshot({ path: test.info().outputPath('styles.png') });

  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const bytes = readFileSync(await (await download).path());
  await cellar.dropFiles([{ name: 'again.xlsx', bytes }]);
  await cellar.expectOk('again_sheet1');
  const again = cellar.block('again_sheet1');
  expect(await css('A1', again)).toEqual({ weight: '700', style: 'normal', background: 'rgb(255, 255, 0)', align: 'center' });
  expect((await css('C3', again)).background).toBe('rgb(198, 239, 206)');
  expect((await css('A2', again)).weight).toBe('400');
});
