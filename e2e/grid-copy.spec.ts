import { data, expect, test } from './support/cellar';

// Headless Chromium keeps its own clipboard; the page reads it back as a person's paste would.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a range of a table grid copies as TSV of its raw values; Ctrl+A copies every row under the header', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const block = cellar.block('seattle_weather');
  const cell = (row: number, col: string) => block.locator(`[role="row"][row-index="${row}"] [role="gridcell"][col-id="${col}"]`);
  await expect(cell(4, 'temp_min')).not.toBeEmpty();

  const cols = await block.locator('.ag-header-cell[col-id]').evaluateAll((els) => els.map((e) => e.getAttribute('col-id') ?? ''));
  const from = cols.indexOf('precipitation');
  const picked = cols.slice(from, from + 3);
  await cell(1, picked[0]!).click();
  await cell(4, picked[2]!).click({ modifiers: ['Shift'] });
  await expect(block.locator('.cell-in-range')).toHaveCount(12);

  const expected: string[] = [];
  for (let row = 1; row <= 4; row++) {
    const values = [];
    for (const col of picked) values.push((await cell(row, col).getAttribute('data-value')) ?? '');
    expected.push(values.join('\t'));
  }
  await page.keyboard.press('Control+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(expected.join('\n'));
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return item?.types.includes('text/html') ? await (await item.getType('text/html')).text() : '';
  });
  expect(html).toContain(`<td>${expected[0]!.split('\t')[0]}</td>`);

  // Ctrl+A: all 1,461 rows, most of them never loaded by the grid, fetched from DuckDB for the copy.
  await page.keyboard.press('Control+A');
  // Every rendered cell is drawn as selected.
  await expect.poll(async () => (await block.locator('.cell-in-range').count()) === (await block.locator('[role="row"][row-index] [role="gridcell"]').count())).toBe(true);
  await page.keyboard.press('Control+C');
  await expect.poll(async () => (await page.evaluate(() => navigator.clipboard.readText())).split('\n').length).toBe(1 + 1_461);
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
  expect(lines[0]).toBe(cols.join('\t'));
  const [last] = await cellar.query<Record<string, unknown>>('SELECT CAST(date AS VARCHAR) AS date, * EXCLUDE (date) FROM seattle_weather LIMIT 1 OFFSET 1460');
  expect(lines[1_461]).toBe(cols.map((c) => String(last![c] ?? '')).join('\t'));
});

test('copying more than 100,000 cells says so and how to export instead, and copies nothing', async ({ cellar, page }) => {
  await cellar.addFiles(data('flights-3m.parquet'));
  await cellar.expectOk('flights_3m');
  const block = cellar.block('flights_3m');
  const first = block.locator('[role="row"][row-index="0"] [role="gridcell"][col-id="origin"]');
  await expect(first).not.toBeEmpty();
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  await first.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await expect(page.getByTestId('notice')).toContainText('over the 100,000-cell limit');
  await expect(page.getByTestId('notice')).toContainText('CSV or Parquet');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');
});

test('a drag selects a range, and Ctrl+A copies the rows in the order the sorted grid shows them', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const block = cellar.block('seattle_weather');
  const header = block.locator('[data-testid="column-header"][data-column="temp_max"] .col-name');
  await header.click();
  await header.click();
  await expect(block.locator('.ag-header-cell[col-id="temp_max"]')).toHaveAttribute('aria-sort', 'descending');
  const max = await cellar.scalar('SELECT max(temp_max) FROM seattle_weather');
  await expect.poll(async () => (await cellar.gridRow('seattle_weather', 0)).temp_max).toBe(String(max));

  const cell = (row: number, col: string) => block.locator(`[role="row"][row-index="${row}"] [role="gridcell"][col-id="${col}"]`);
  const from = await cell(0, 'precipitation').boundingBox();
  const to = await cell(2, 'temp_max').boundingBox();
  await page.mouse.move(from!.x + 5, from!.y + 5);
  await page.mouse.down();
  await page.mouse.move(to!.x + 5, to!.y + 5, { steps: 5 });
  await page.mouse.up();
  await expect(block.locator('.cell-in-range')).toHaveCount(6);

  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await expect.poll(async () => (await page.evaluate(() => navigator.clipboard.readText())).split('\n').length).toBe(1 + 1_461);
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
  const cols = lines[0]!.split('\t');
  expect(lines[1]!.split('\t')[cols.indexOf('temp_max')]).toBe(String(max));
  expect(lines[1_461]!.split('\t')[cols.indexOf('temp_max')]).toBe(String(await cellar.scalar('SELECT min(temp_max) FROM seattle_weather')));
});

test('a sheet copies the values it shows, as text and as an HTML table; pasted into another sheet the formulas come along, moved', async ({ cellar, page }) => {
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  const cell = (sheet: string, key: string) => cellar.block(sheet).locator(`[data-testid="sheet-cell"][data-cell="${key}"]`);
  await cell('sheet1', 'A1').click();
  await page.keyboard.type('$1,234.50');
  await page.keyboard.press('Tab');
  await page.keyboard.type('=A1*2');
  await page.keyboard.press('Enter');
  await expect(cell('sheet1', 'B1')).toHaveText('2469');
  await cell('sheet1', 'A1').click();
  await cell('sheet1', 'B1').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('$1,234.50\t2469');
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return item?.types.includes('text/html') ? await (await item.getType('text/html')).text() : '';
  });
  expect(html).toContain('<td>$1,234.50</td><td>2469</td>');

  // Into the other sheet, one row down: the formula moves with the cells, as Excel's does.
  await cell('sheet2', 'A2').click();
  await page.keyboard.press('Control+V');
  await expect(cell('sheet2', 'B2')).toHaveAttribute('data-value', '2469');
  await cell('sheet2', 'B2').click();
  await expect(cellar.block('sheet2').getByTestId('sheet-formula-bar').first()).toContainText('=A2*2');
});
