import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/cellar';

/** Adds a sheet block and returns it with a cell finder. */
async function addSheet(page: Page, cellar: { block(name: string): Locator }) {
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  const sheet = cellar.block('sheet1');
  await expect(sheet).toBeVisible();
  const cell = (key: string) => sheet.locator(`[data-testid="sheet-cell"][data-cell="${key}"]`);
  return { sheet, cell, address: sheet.getByTestId('sheet-address') };
}

test('Tab then Enter comes back to the column the row began in, as in Excel', async ({ cellar, page }) => {
  const { cell, address } = await addSheet(page, cellar);
  await cell('A1').click();
  await page.keyboard.type('name');
  await page.keyboard.press('Tab');
  await page.keyboard.type('qty');
  await page.keyboard.press('Tab');
  await page.keyboard.type('price');
  await page.keyboard.press('Enter');
  await expect(address).toHaveText('A2');
  await expect(cell('C1')).toHaveAttribute('data-value', 'price');
  // Without typing too: Tab, Tab, Enter from B2 lands on B3.
  await cell('B2').click();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(address).toHaveText('B3');
});

test('the sheet is as large as Excel\'s: Ctrl+Down on an empty column reaches row 1048576, keys move as in Excel', async ({ cellar, page }) => {
  const { sheet, cell, address } = await addSheet(page, cellar);
  await cell('A1').click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await cell('B1').click();
  await page.keyboard.press('Control+ArrowDown');
  await expect(address).toHaveText('B1048576');
  await expect(cell('B1048576')).toBeVisible();
  await page.keyboard.press('Control+ArrowRight');
  await expect(address).toHaveText('XFD1048576');
  await expect(cell('XFD1048576')).toBeVisible();
  await page.keyboard.press('Control+Home');
  await expect(address).toHaveText('A1');
  await expect(cell('A1')).toBeVisible();
  await page.keyboard.press('Control+ArrowDown');
  await expect(address).toHaveText('A1048576');
  await page.keyboard.press('Control+ArrowUp');
  await expect(address).toHaveText('A1');
  // Page Down, Home, End, F2 / Escape, Delete.
  await page.keyboard.press('PageDown');
  await expect(address).not.toHaveText('A1');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await expect(address).toHaveText('XFD1');
  await page.keyboard.press('Home');
  await expect(address).toHaveText('A1');
  await page.keyboard.press('F2');
  await page.keyboard.type('23');
  await page.keyboard.press('Escape');
  await expect(cell('A1')).toHaveAttribute('data-value', '1');
  await page.keyboard.press('Delete');
  await expect(cell('A1')).toHaveAttribute('data-value', '');
  // Select all on a 17-billion-cell grid, then Delete: nothing walks the grid.
  await cell('C3').click();
  await page.keyboard.type('x');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(cell('C3')).toHaveAttribute('data-value', '');
  await expect(sheet.getByTestId('sheet-grid')).toBeFocused();
});

test('the fill handle drags 1, 2 into 1..10; a double-click fills down beside the data', async ({ cellar, page }) => {
  const { sheet, cell } = await addSheet(page, cellar);
  await cell('A1').click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await cell('A1').click();
  await cell('A2').click({ modifiers: ['Shift'] });
  const handle = sheet.getByTestId('sheet-fill-handle');
  const from = (await handle.boundingBox())!;
  const to = (await cell('A10').boundingBox())!;
  await page.mouse.move(from.x + 3, from.y + 3);
  await page.mouse.down();
  await page.mouse.move(to.x + 20, to.y + 5, { steps: 8 });
  await expect(sheet.getByTestId('sheet-fill-preview')).toBeVisible();
  await page.mouse.up();
  for (let i = 1; i <= 10; i++) await expect(cell(`A${i}`)).toHaveAttribute('data-value', String(i));
  await expect(cell('A11')).toHaveAttribute('data-value', '');
  // B1 = Item 1, double-click the handle: B1:B10 beside A's data.
  await cell('B1').click();
  await page.keyboard.type('Item 1');
  await page.keyboard.press('Enter');
  await cell('B1').click();
  await handle.dblclick();
  await expect(cell('B10')).toHaveAttribute('data-value', 'Item 10');
  await expect(cell('B11')).toHaveAttribute('data-value', '');
  // One undo step takes the whole fill back.
  await page.keyboard.press('Control+z');
  await expect(cell('B10')).toHaveAttribute('data-value', '');
  await expect(cell('B1')).toHaveAttribute('data-value', 'Item 1');
});

test('a fill handle dragged past the bottom edge scrolls on and fills the rows it reaches', async ({ cellar, page }) => {
  const { sheet, cell } = await addSheet(page, cellar);
  await cell('A1').click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await cell('A1').click();
  await cell('A2').click({ modifiers: ['Shift'] });
  const from = (await sheet.getByTestId('sheet-fill-handle').boundingBox())!;
  const view = (await sheet.locator('.sheet-scroll').boundingBox())!;
  await page.mouse.move(from.x + 3, from.y + 3);
  await page.mouse.down();
  await page.mouse.move(from.x + 3, view.y + view.height + 20, { steps: 6 });
  // Held past the edge, the grid scrolls until row 40 is on screen (inside the scroll view: rows just
  // below it are rendered ahead, so "visible" alone is not enough); back inside, the drag ends on the row under the pointer.
  const onScreen = async () => {
    const box = await cell('A40').boundingBox();
    return box !== null && box.y + box.height <= view.y + view.height;
  };
  await expect.poll(onScreen, { timeout: 15_000 }).toBe(true);
  await page.mouse.move(from.x + 3, view.y + view.height - 30, { steps: 2 });
  await page.mouse.up();
  const address = await sheet.getByTestId('sheet-address').textContent();
  expect(address).toBe('A1');
  // The filled cells show once the sheet has computed them (slower on a loaded machine): wait for them.
  const lastFilled = () => sheet.locator('[data-testid="sheet-cell"][data-cell^="A"]').evaluateAll((els) => Math.max(...els.filter((e) => e.getAttribute('data-value') !== '').map((e) => Number(e.getAttribute('data-cell')!.slice(1)))));
  await expect.poll(lastFilled, { timeout: 15_000 }).toBeGreaterThan(30);
  const filledTo = await lastFilled();
  await expect(cell(`A${filledTo}`)).toHaveAttribute('data-value', String(filledTo));
  await expect(cell(`A${filledTo - 1}`)).toHaveAttribute('data-value', String(filledTo - 1));
});

test('a column edge drags to resize and double-clicks to fit its contents', async ({ cellar, page }) => {
  const { sheet, cell } = await addSheet(page, cellar);
  const head = sheet.locator('[role="columnheader"][data-col="1"]');
  const width = async () => (await head.boundingBox())!.width;
  expect(await width()).toBe(96);
  const grip = head.getByTestId('sheet-col-grip');
  const g = (await grip.boundingBox())!;
  await page.mouse.move(g.x + g.width / 2, g.y + g.height / 2);
  await page.mouse.down();
  await page.mouse.move(g.x + g.width / 2 + 60, g.y + g.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(width).toBe(156);
  expect(await cell('B1').evaluate((el) => el.getBoundingClientRect().width)).toBe(156);
  // Kept on the block in Excel's character units.
  const widths = await page.evaluate(() => (window as unknown as { cellar: { document(): { blocks: { name: string; widths?: Record<string, number> }[] } } }).cellar.document().blocks.find((b) => b.name === 'sheet1')?.widths);
  expect(widths?.B).toBeCloseTo((156 - 5) / 7, 1);
  // Autofit to a long text.
  await cell('B2').click();
  await page.keyboard.type('a rather long piece of text that needs room');
  await page.keyboard.press('Enter');
  await grip.dblclick();
  await expect.poll(width).toBeGreaterThan(200);
  const fitted = await width();
  const textWidth = await cell('B2').evaluate((el) => el.scrollWidth);
  expect(fitted).toBeGreaterThanOrEqual(textWidth);
  // One undo puts the width back.
  await page.keyboard.press('Control+z');
  await expect.poll(width).toBe(156);
});

test('freezing the top row keeps row 1 on screen while scrolling', async ({ cellar, page }) => {
  const { sheet, cell, address } = await addSheet(page, cellar);
  await cell('A1').click();
  await page.keyboard.type('Header');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Amount');
  await page.keyboard.press('Enter');
  for (let i = 1; i <= 6; i++) {
    await page.keyboard.type(`row ${i}`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(i * 10));
    await page.keyboard.press('Enter');
  }
  await sheet.getByTestId('sheet-freeze').click();
  await page.getByTestId('freeze-top-row').click();
  await expect(sheet.getByTestId('sheet-frozen-rows')).toBeVisible();
  // Scroll far down: row 1 stays just under the column letters.
  await cell('A5').click();
  await page.keyboard.press('Control+ArrowDown');
  await page.keyboard.press('Control+ArrowDown');
  await expect(address).toHaveText('A1048576');
  const scroller = sheet.locator('.sheet-scroll');
  const box = (await scroller.boundingBox())!;
  const header = (await cell('A1').boundingBox())!;
  expect(header.y).toBeGreaterThanOrEqual(box.y + 23);
  expect(header.y).toBeLessThan(box.y + 26);
  await expect(cell('A1')).toBeVisible();
  await expect(cell('A1')).toHaveAttribute('data-value', 'Header');
  // The cell at the scrolled position is not hidden under the frozen row.
  const last = (await cell('A1048576').boundingBox())!;
  expect(last.y).toBeGreaterThan(header.y + 20);
  // Kept on the block, and Unfreeze lets row 1 scroll away.
  const freeze = await page.evaluate(() => (window as unknown as { cellar: { document(): { blocks: { name: string; freeze?: unknown }[] } } }).cellar.document().blocks.find((b) => b.name === 'sheet1')?.freeze);
  expect(freeze).toEqual({ rows: 1, cols: 0 });
  await sheet.getByTestId('sheet-freeze').click();
  await page.getByTestId('freeze-first-column').click();
  await page.keyboard.press('Control+ArrowRight');
  await expect(address).toHaveText('XFD1048576');
  await expect(cell('A1048576')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('frozen.png') });
  // Freeze panes at the active cell: the rows above and the columns left of it.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(address).toHaveText('B3');
  await sheet.getByTestId('sheet-freeze').click();
  await page.getByTestId('freeze-panes').click();
  const frozenRows = sheet.getByTestId('sheet-frozen-rows');
  await expect(frozenRows.locator('[role="row"]')).toHaveCount(2);
  await expect(frozenRows.locator('.sheet-cell.pinned')).toHaveCount(2);
  // Frozen far down, the pane is drawn no taller than the grid (not 5,000 rows).
  for (let i = 0; i < 10; i++) await page.keyboard.press('PageDown');
  await sheet.getByTestId('sheet-freeze').click();
  await page.getByTestId('freeze-panes').click();
  const shown = await frozenRows.locator('[role="row"]').count();
  expect(shown).toBeGreaterThan(2);
  expect(shown).toBeLessThan(30);
  await sheet.getByTestId('sheet-freeze').click();
  await page.getByTestId('unfreeze').click();
  await expect(frozenRows).toHaveCount(0);
});

test('frozen panes and a resized column go out in the .xlsx and come back in', async ({ cellar, page }) => {
  await page.evaluate(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true }));
  const { sheet, cell } = await addSheet(page, cellar);
  await cell('A1').click();
  await page.keyboard.type('Title');
  await page.keyboard.press('Enter');
  await sheet.getByTestId('sheet-freeze').click();
  await page.getByTestId('freeze-top-row').click();
  const grip = sheet.locator('[role="columnheader"][data-col="0"]').getByTestId('sheet-col-grip');
  const g = (await grip.boundingBox())!;
  await page.mouse.move(g.x + g.width / 2, g.y + g.height / 2);
  await page.mouse.down();
  await page.mouse.move(g.x + g.width / 2 + 54, g.y + g.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await sheet.locator('[role="columnheader"][data-col="0"]').boundingBox())!.width).toBe(150);
  await cellar.expectOk('sheet1');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const bytes = readFileSync(await (await download).path());
  await cellar.dropFiles([{ name: 'again.xlsx', bytes }]);
  await cellar.expectOk('again_sheet1');
  const again = cellar.block('again_sheet1');
  await expect(again.getByTestId('sheet-frozen-rows')).toBeVisible();
  await expect(again.getByTestId('sheet-frozen-rows').locator('[data-cell="A1"]')).toHaveAttribute('data-value', 'Title');
  expect((await again.locator('[role="columnheader"][data-col="0"]').boundingBox())!.width).toBe(150);
});
