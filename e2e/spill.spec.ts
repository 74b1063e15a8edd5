import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/cellar';

/** Adds a sheet block and returns it with a cell finder. */
async function addSheet(page: Page, cellar: { block(name: string): Locator }) {
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  const sheet = cellar.block('sheet1');
  await expect(sheet).toBeVisible();
  const cell = (key: string) => sheet.locator(`[data-testid="sheet-cell"][data-cell="${key}"]`);
  return { sheet, cell };
}

async function typeInto(page: Page, target: Locator, text: string) {
  await target.click();
  await page.keyboard.type(text.slice(0, 1));
  await page.keyboard.insertText(text.slice(1));
  await page.keyboard.press('Enter');
}

test('an array formula spills into the cells below, a typed cell in the way shows #SPILL!, and A1# reads the spill', async ({ cellar, page }) => {
  const { cell } = await addSheet(page, cellar);
  await typeInto(page, cell('A1'), '={1;2;3}*2');
  await expect(cell('A1')).toHaveAttribute('data-value', '2');
  await expect(cell('A2')).toHaveAttribute('data-value', '4');
  await expect(cell('A3')).toHaveAttribute('data-value', '6');
  await typeInto(page, cell('C1'), '=SUM(A1#)');
  await expect(cell('C1')).toHaveAttribute('data-value', '12');
  await typeInto(page, cell('D1'), '=ROW(A1:A3)');
  await expect(cell('D3')).toHaveAttribute('data-value', '3');
  const cells = await page.evaluate(() => window.cellar.cells('sheet1'));
  expect(cells).toMatchObject({ A1: { value: 2 }, A2: { value: 4 }, A3: { value: 6 }, C1: { value: 12 }, D2: { value: 2 } });

  // A value typed where the array spills blocks it: #SPILL!, with the cell in the way named.
  await typeInto(page, cell('A3'), 'x');
  await expect(cell('A1')).toHaveText('#SPILL!');
  await expect(cell('A1')).toHaveAttribute('title', /A3 is not empty/);
  await expect(cell('A2')).toHaveAttribute('data-value', '');
  await expect(cell('C1')).toHaveText('#REF!');

  // Cleared again, the array spills again.
  await cell('A3').click();
  await page.keyboard.press('Delete');
  await expect(cell('A3')).toHaveAttribute('data-value', '6');
  await expect(cell('C1')).toHaveAttribute('data-value', '12');
});
