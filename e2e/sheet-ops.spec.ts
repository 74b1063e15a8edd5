import type { Page } from '@playwright/test';
import { expect, test, type Cellar } from './support/cellar';

// Headless Chromium keeps its own clipboard: Ctrl+X and Ctrl+V go through it as a person's would.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** What was typed in a sheet's cells, from the document. */
const typed = (page: Page, name: string) =>
  page.evaluate((n) => {
    const b = window.cellar.document().blocks.find((x) => x.name === n);
    return b?.kind === 'sheet' ? b.cells : undefined;
  }, name);

/** A computed cell: `{ value }` or `{ error }`. */
const computed = (page: Page, name: string, key: string) => page.evaluate(([n, k]) => window.cellar.cells(n!).then((c) => c[k!]), [name, key]);

async function addSheet(cellar: Cellar, page: Page, name: string, cells: [string, string][]) {
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  const sheet = cellar.block(name);
  await expect(sheet).toBeVisible();
  for (const [key, text] of cells) {
    await sheet.locator(`[data-testid="sheet-cell"][data-cell="${key}"]`).click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  return sheet;
}

test('insert and delete rows, cut to move, sort and replace all rewrite every reference, as in Excel', async ({ cellar, page }) => {
  const sheet1 = await addSheet(cellar, page, 'sheet1', [
    ['A1', '1'],
    ['A2', '2'],
    ['A3', '3'],
    ['A4', '=SUM(A1:A3)'],
    ['B1', '7'],
  ]);
  const cell = (key: string) => sheet1.locator(`[data-testid="sheet-cell"][data-cell="${key}"]`);
  await addSheet(cellar, page, 'sheet2', [
    ['A1', '=sheet1!A4*2'],
    ['B1', '=sheet1!B1'],
    ['B2', '=sheet1!A3'],
  ]);
  await expect.poll(() => computed(page, 'sheet2', 'A1')).toEqual({ value: 12 });

  // Insert a row above row 2: the sum grows to A1:A4 and keeps its value; the other sheet follows it to A5.
  await cell('A2').click();
  await sheet1.getByTestId('sheet-ops-menu').click();
  await expect(sheet1.getByTestId('sheet-insert-rows')).toBeVisible();
  await sheet1.screenshot({ path: test.info().outputPath('sheet-menu.png') });
  await sheet1.getByTestId('sheet-insert-rows').click();
  await expect.poll(() => typed(page, 'sheet1').then((c) => c?.A5)).toBe('=SUM(A1:A4)');
  expect(await typed(page, 'sheet2')).toEqual({ A1: '=sheet1!A5*2', B1: '=sheet1!B1', B2: '=sheet1!A4' });
  await expect(cell('A5')).toHaveAttribute('data-value', '6');
  await expect.poll(() => computed(page, 'sheet2', 'A1')).toEqual({ value: 12 });

  // Delete row 4 (the 3 sheet2!B2 reads) from a right-click: its reference becomes #REF!, the sum shrinks.
  await cell('A4').click({ button: 'right' });
  await expect(sheet1.getByTestId('sheet-delete-rows')).toBeVisible();
  await sheet1.getByTestId('sheet-delete-rows').click();
  await expect.poll(() => typed(page, 'sheet2').then((c) => c?.B2)).toBe('=#REF!');
  await expect.poll(() => computed(page, 'sheet2', 'B2')).toEqual({ error: '#REF!' });
  await expect(cellar.block('sheet2').locator('[data-cell="B2"]')).toHaveText('#REF!');
  expect((await typed(page, 'sheet1'))?.A4).toBe('=SUM(A1:A3)');
  await expect(cell('A4')).toHaveAttribute('data-value', '3');

  // Cut B1 and paste it on D5: the formula that read B1 now reads D5.
  await cell('B1').click();
  await page.keyboard.press('Control+X');
  await cell('D5').click();
  await page.keyboard.press('Control+V');
  await expect.poll(() => typed(page, 'sheet2').then((c) => c?.B1)).toBe('=sheet1!D5');
  const after = await typed(page, 'sheet1');
  expect(after?.D5).toBe('7');
  expect(after?.B1).toBeUndefined();
  await expect.poll(() => computed(page, 'sheet2', 'B1')).toEqual({ value: 7 });

  // Sort the block around F2 by its column: numbers before text, the header row kept where it is.
  for (const [key, text] of [['F1', 'fruit'], ['F2', 'pear'], ['F3', 'apple'], ['F4', '10']] as const) {
    await cell(key).click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  await cell('F2').click();
  await sheet1.getByTestId('sheet-ops-menu').click();
  await sheet1.getByTestId('sheet-sort-asc').click();
  await expect.poll(() => typed(page, 'sheet1').then((c) => [c?.F1, c?.F2, c?.F3, c?.F4])).toEqual(['fruit', '10', 'apple', 'pear']);
  await sheet1.getByTestId('sheet-ops-menu').click();
  await sheet1.getByTestId('sheet-sort-desc').click();
  await expect.poll(() => typed(page, 'sheet1').then((c) => [c?.F1, c?.F2, c?.F3, c?.F4])).toEqual(['fruit', 'pear', 'apple', '10']);

  // Ctrl+H: find the next match, then replace all.
  await cell('A1').click();
  await page.keyboard.press('Control+H');
  const dialog = sheet1.getByTestId('find-replace');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('find-input').fill('apple');
  await dialog.getByTestId('find-next').click();
  await expect(sheet1.getByTestId('sheet-address')).toHaveText('F3');
  await dialog.getByTestId('replace-input').fill('plum');
  await sheet1.screenshot({ path: test.info().outputPath('find-replace.png') });
  await dialog.getByTestId('replace-all').click();
  await expect(dialog.getByTestId('find-status')).toHaveText('Replaced in 1 cell.');
  await expect(cell('F3')).toHaveText('plum');

  // Each operation is one undo step.
  await page.getByTestId('undo').click();
  await expect(cell('F3')).toHaveText('apple');
});

test('Find says what is wrong (nothing typed, nothing found), changes nothing, and Escape closes it', async ({ cellar, page }) => {
  const sheet = await addSheet(cellar, page, 'sheet1', [['A1', 'x']]);
  await sheet.locator('[data-cell="A1"]').click();
  await page.keyboard.press('Control+F');
  const dialog = sheet.getByTestId('find-replace');
  await dialog.getByTestId('find-next').click();
  await expect(dialog.getByTestId('find-status')).toHaveText('Type something to find.');
  await dialog.getByTestId('find-input').fill('nothing here');
  await dialog.getByTestId('find-next').click();
  await expect(dialog.getByTestId('find-status')).toContainText('No cell holds “nothing here”');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await typed(page, 'sheet1')).toEqual({ A1: 'x' });
});

test('a cut pasted into another sheet moves the cells there, and the formulas that read them follow', async ({ cellar, page }) => {
  const sheet1 = await addSheet(cellar, page, 'sheet1', [
    ['C1', 'moved'],
    ['D1', '=C1&"!"'],
  ]);
  const sheet2 = await addSheet(cellar, page, 'sheet2', [['A1', 'stays']]);
  await sheet1.locator('[data-cell="C1"]').click();
  await page.keyboard.press('Control+X');
  // Not cleared until it is pasted, as in Excel.
  expect(await typed(page, 'sheet1')).toEqual({ C1: 'moved', D1: '=C1&"!"' });
  await sheet2.locator('[data-cell="C3"]').click();
  await page.keyboard.press('Control+V');
  await expect.poll(() => typed(page, 'sheet2')).toEqual({ A1: 'stays', C3: 'moved' });
  expect(await typed(page, 'sheet1')).toEqual({ D1: '=sheet2!C3&"!"' });
  await expect(sheet1.locator('[data-cell="D1"]')).toHaveText('moved!');
  // Pasted again in the sheet it was cut from (on D1), a cut that already moved does nothing, as in Excel.
  await sheet1.locator('[data-cell="D1"]').click();
  await page.keyboard.press('Control+V');
  await page.waitForTimeout(300); // nothing to wait for: give a wrong move the time to show
  expect(await typed(page, 'sheet1')).toEqual({ D1: '=sheet2!C3&"!"' });
  // One undo step puts both sheets back.
  await page.getByTestId('undo').click();
  await expect.poll(() => typed(page, 'sheet1')).toEqual({ C1: 'moved', D1: '=C1&"!"' });
  expect(await typed(page, 'sheet2')).toEqual({ A1: 'stays' });
});

test('a right-click on a column header selects the column and deletes it from the menu', async ({ cellar, page }) => {
  const sheet = await addSheet(cellar, page, 'sheet1', [
    ['A1', '1'],
    ['B1', '2'],
    ['C1', '=A1+B1'],
    ['D1', '=SUM(A1:C1)'],
  ]);
  await sheet.locator('[data-col="1"]').click({ button: 'right' });
  await expect(sheet.getByTestId('sheet-delete-cols')).toHaveText('Delete column');
  // Opened on a column header, it offers column operations only.
  await expect(sheet.getByTestId('sheet-delete-rows')).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('context-menu.png') });
  await sheet.getByTestId('sheet-delete-cols').click();
  await expect.poll(() => typed(page, 'sheet1')).toEqual({ A1: '1', B1: '=A1+#REF!', C1: '=SUM(A1:B1)' });
  await expect(sheet.locator('[data-cell="B1"]')).toHaveText('#REF!');

  // Opened low in the grid, the menu moves up to stay inside the block (which clips what overflows).
  await sheet.locator('[data-cell="C16"]').click({ button: 'right' });
  const menu = sheet.getByRole('menu', { name: 'Sheet' });
  await expect(menu).toBeVisible();
  const [m, b] = [await menu.boundingBox(), await sheet.boundingBox()];
  expect(m!.y + m!.height).toBeLessThanOrEqual(b!.y + b!.height);
  await page.screenshot({ path: test.info().outputPath('context-menu-low.png') });
});
