import { expect, test } from './support/cellar';

test('a sheet reads $1,234.50 as Excel does: shown as currency, computed as 1234.5', async ({ cellar, page }) => {
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  const sheet = cellar.block('sheet1');
  const cell = (key: string) => sheet.locator(`[data-testid="sheet-cell"][data-cell="${key}"]`);
  await cell('A1').click();
  await page.keyboard.type('$1,234.50');
  await page.keyboard.press('Enter');
  await page.keyboard.type('=A1*2');
  await page.keyboard.press('Enter');
  await page.keyboard.type('12%');
  await page.keyboard.press('Enter');
  await page.keyboard.type('3/15/2024');
  await page.keyboard.press('Enter');
  await expect(cell('A1')).toHaveText('$1,234.50');
  await expect(cell('A1')).toHaveAttribute('data-value', '1234.5');
  await expect(cell('A2')).toHaveText('2469');
  await expect(cell('A2')).toHaveAttribute('data-value', '2469');
  await expect(cell('A3')).toHaveText('12%');
  await expect(cell('A3')).toHaveAttribute('data-value', '0.12');
  await expect(cell('A4')).toHaveText('3/15/2024');
  await expect(cell('A4')).toHaveAttribute('data-value', '45366');

  // The Format menu sets a percent format on the selected cells; the raw value stays.
  await cell('B1').click();
  await page.keyboard.type('0.256');
  await page.keyboard.press('Enter');
  await cell('B1').click();
  await page.getByTestId('format-menu').click();
  await page.getByTestId('format-percent').click();
  await expect(cell('B1')).toHaveText('26%');
  await expect(cell('B1')).toHaveAttribute('data-value', '0.256');
  // A custom Excel code, and one that is not a code says so.
  await page.getByTestId('format-menu').click();
  await page.getByTestId('format-custom').fill('0.0%');
  await page.getByTestId('format-custom-apply').click();
  await expect(cell('B1')).toHaveText('25.6%');
  await page.getByTestId('format-menu').click();
  await page.getByTestId('format-custom').fill('0;0;0;0;0');
  await page.getByTestId('format-custom-apply').click();
  await expect(page.getByTestId('format-error')).toContainText('not an Excel format code');
  await page.keyboard.press('Escape');
  // One undo step takes the format back.
  await page.getByTestId('undo').click();
  await expect(cell('B1')).toHaveText('26%');
  // The format is kept in the document, by address.
  const formats = await page.evaluate(() => {
    const b = window.cellar.document().blocks.find((x) => x.name === 'sheet1');
    return b?.kind === 'sheet' ? b.formats : undefined;
  });
  expect(formats).toEqual({ B1: '0%' });
});

test('a table grid shows numbers grouped, with the raw number in data-value', async ({ cellar }) => {
  const q = await cellar.addSql('SELECT 1234567 AS n, 0.1 + 0.2 AS x, 1234.5::DOUBLE AS d');
  await cellar.expectOk(q);
  const cell = (col: string) => cellar.block(q).locator(`[role="row"][row-index="0"] [role="gridcell"][col-id="${col}"]`);
  await expect(cell('n')).toHaveText('1,234,567');
  await expect(cell('n')).toHaveAttribute('data-value', '1234567');
  await expect(cell('d')).toHaveText('1,234.5');
  await expect(cell('d')).toHaveAttribute('data-value', '1234.5');
  expect(await cellar.gridRow(q, 0)).toEqual({ n: '1234567', x: '0.3', d: '1234.5' });
});
