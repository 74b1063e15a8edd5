import { copyTestFile, data, expect, test, type Cellar } from './support/cellar';
import { addChart, drawn } from './support/charts';

// Regressions for the bugs found by trying the app as a new user would (issue 16).
async function setFormula(cellar: Cellar, cell: string, text: string): Promise<void> {
  await cellar.block(cell).getByTestId('cell-input').click();
  await cellar.page.keyboard.insertText(text);
  await cellar.page.keyboard.press('Enter');
}

/** Clicks the chart's canvas at a fraction of its width, halfway up, until a point selection holds something; returns it. */
async function clickSomeBar(cellar: Cellar, name: string): Promise<unknown[]> {
  const canvas = cellar.block(name).locator('[data-testid="chart-view"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  // Just above the zero line, where most bars of mean delay are.
  for (const f of [0.3, 0.31, 0.5, 0.51, 0.7, 0.71, 0.2, 0.4]) {
    await canvas.click({ position: { x: box.width * f, y: box.height * 0.72 } });
    await cellar.page.waitForTimeout(400);
    const doc = await cellar.page.evaluate(() => window.cellar.document());
    const sel = (doc.blocks.find((b) => b.name === name) as { selection?: { values: unknown[] } }).selection;
    if (sel?.values.length) return sel.values;
  }
  throw new Error('no bar found to click');
}

test.describe('a bar chart of flights-3m by origin', () => {
  test.describe.configure({ timeout: 300_000 });

  test('an unrelated failing cell (#NAME?) does not block a reader of a chart selection; one bar selects that bar rows, not 1', async ({ cellar }) => {
    await cellar.addFiles(data('flights-3m.parquet'));
    await cellar.expectOk('flights_3m', 120_000);
    const typo = await cellar.addCell();
    await setFormula(cellar, typo, '=SUMM(1,2)');
    await expect(cellar.block(typo).getByTestId('cell-value')).toHaveText('#NAME?');
    // An empty sheet added first: Add chart passes over it to flights_3m; the person picks flights_3m in the form, as they did.
    await cellar.page.getByTestId('add-block').click();
    await cellar.page.getByTestId('add-sheet').click();
    const chart = await addChart(cellar);
    await cellar.block(chart).getByTestId('chart-source').selectOption({ label: 'flights_3m' });
    await drawn(cellar, chart);
    // Made as a person makes it: the suggested chart, turned into bars by origin in the form.
    await cellar.block(chart).getByTestId('chart-mark').selectOption('bar');
    await cellar.block(chart).getByTestId('chart-field-x').selectOption('origin');
    await drawn(cellar, chart);
    // 229 origins are unreadable as bars: the top 30 by the measure are drawn, and the chart says so.
    await expect(cellar.block(chart).locator('[data-testid="chart-note"] [data-testid="chart-top"]')).toContainText('showing the top 30 of 229 by Mean of delay');
    await cellar.rename(chart, 'delay_chart');
    const reader = await cellar.addSql('SELECT origin, count(*) AS n FROM delay_chart GROUP BY origin');
    await cellar.expectOk(reader);

    const since = await cellar.runId(reader);
    const values = await clickSomeBar(cellar, 'delay_chart');
    await cellar.expectOk(reader, 90_000, since);
    await expect(cellar.status(reader)).not.toContainText('failed');
    const inList = values.map((v) => `'${String(v)}'`).join(', ');
    const expected = Number(await cellar.scalar(`SELECT count(*) FROM flights_3m WHERE origin IN (${inList})`));
    expect(expected).toBeGreaterThan(1);
    await expect(cellar.block('delay_chart').getByTestId('row-count')).toHaveText(String(expected));
    await expect(cellar.block('delay_chart').getByTestId('selected-count')).toContainText('of 3,000,000 rows selected');
    expect(await cellar.gridRow(reader, 0)).toMatchObject({ n: String(expected) });

    // The form offers the top N and a sort by value.
    await cellar.block('delay_chart').getByTestId('chart-top').first().selectOption('10');
    await cellar.block('delay_chart').getByTestId('chart-sort').selectOption('-y');
    await expect(cellar.block('delay_chart').locator('[data-testid="chart-note"] [data-testid="chart-top"]')).toContainText('showing the top 10 of 229', { timeout: 60_000 });
    const spec = (await cellar.page.evaluate(() => window.cellar.document())).blocks.find((b) => b.name === 'delay_chart') as { spec: { encoding: { x: Record<string, unknown> } } };
    expect(spec.spec.encoding.x).toMatchObject({ field: 'origin', top: 10, sort: '-y' });
  });
});

test('brushing the suggested time chart (mean precipitation by month) selects the brushed months, as a histogram brush does', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const chart = await addChart(cellar);
  await expect(cellar.block(chart).getByTestId('chart-mark')).toHaveValue('line');
  const reader = await cellar.addSql(`SELECT count(*) AS n FROM ${chart}`);
  await cellar.expectOk(reader);
  expect(await cellar.gridRow(reader, 0)).toEqual({ n: '1461' });

  const box = (await cellar.block(chart).locator('[data-testid="chart-view"] canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4, { steps: 5 });
  await page.mouse.up();
  await expect(cellar.block(chart).getByTestId('selected-count')).toBeVisible();
  const doc = await page.evaluate(() => window.cellar.document());
  const selection = (doc.blocks.find((b) => b.name === chart) as { selection?: { range: [number, number] } }).selection!;
  const [lo, hi] = [Math.min(...selection.range), Math.max(...selection.range)];
  // A month is in the brush when its start is: the same unit the chart draws.
  const expected = Number(await cellar.scalar(`SELECT count(*) FROM seattle_weather WHERE epoch_ms(date_trunc('month', "date")::TIMESTAMP) BETWEEN ${lo} AND ${hi}`));
  expect(expected).toBeGreaterThan(0);
  expect(expected).toBeLessThan(1461);
  await expect(cellar.block(chart).getByTestId('row-count')).toHaveText(String(expected));
  await expect.poll(async () => (await cellar.gridRow(reader, 0)).n).toBe(String(expected));
});

test.describe('a grid filtered from its header (origin SFO)', () => {
  test.describe.configure({ timeout: 300_000 });

  test('its pivot and column profile read the rows it shows, not all 3,000,000; its sort and filter survive a reload', async ({ cellar, page }) => {
    await cellar.addFiles(data('flights-3m.parquet'));
    await cellar.expectOk('flights_3m', 120_000);
    const block = cellar.block('flights_3m');
    await block.locator('.ag-header-cell[col-id="origin"] .ag-header-cell-filter-button').click();
    await page.locator('.ag-filter input[type="text"]').first().fill('SFO');
    const expected = Number(await cellar.scalar(`SELECT count(*) FROM flights_3m WHERE contains(lower(origin), 'sfo')`));
    await expect.poll(() => cellar.rowCount('flights_3m')).toBe(expected);
    await page.keyboard.press('Escape');
    await block.locator('[data-testid="column-header"][data-column="delay"] .col-name').click();
    await block.locator('[data-testid="column-header"][data-column="delay"] .col-name').click();
    await expect(block.locator('.ag-header-cell[col-id="delay"]')).toHaveAttribute('aria-sort', 'descending');

    // The profile counts the rows shown.
    await block.locator('[data-testid="column-header"][data-column="origin"]').getByTestId('profile-button').click();
    await expect(page.getByTestId('profile-total')).toHaveText(expected.toLocaleString('en-US'));
    await page.keyboard.press('Escape');

    // Group / pivot groups the rows shown: one origin.
    const pivots = page.locator('[data-testid="block"][data-block-kind="pivot"]');
    await block.getByTestId('pivot-table').click();
    await expect(pivots).toHaveCount(1, { timeout: 60_000 });
    const pivot = (await pivots.first().getAttribute('data-block-name'))!;
    await cellar.expectOk(pivot);
    await expect.poll(() => cellar.rowCount(pivot)).toBe(1);
    expect(await cellar.gridRow(pivot, 0)).toMatchObject({ origin: 'SFO', count: String(expected) });

    // Kept in the document: a reload shows the same rows, in the same order.
    await expect.poll(async () => JSON.stringify((await page.evaluate(() => window.cellar.document())).blocks[0])).toContain('"direction":"desc"');
    await page.reload();
    await page.evaluate(() => window.cellar.ready);
    await cellar.expectOk('flights_3m', 120_000);
    await expect.poll(() => cellar.rowCount('flights_3m'), { timeout: 60_000 }).toBe(expected);
    await expect(block.locator('.ag-header-cell[col-id="delay"]')).toHaveAttribute('aria-sort', 'descending');
    const max = await cellar.scalar(`SELECT max(delay) FROM flights_3m WHERE contains(lower(origin), 'sfo')`);
    await expect.poll(async () => (await cellar.gridRow('flights_3m', 0)).delay).toBe(String(max));
  });
});

test('the SQL completion list closes when the block runs (Ctrl+Enter): it covered the block name', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const name = await cellar.addSql('SELECT 1');
  await cellar.expectOk(name);
  await cellar.setSql(name, 'SELECT * FROM seattle_w');
  await page.keyboard.press('Control+Space');
  const completions = page.locator('.cm-tooltip-autocomplete');
  await expect(completions.getByRole('option', { name: /seattle_weather/ })).toBeVisible();
  const since = await cellar.runId(name);
  await page.keyboard.press('Control+Enter');
  await expect(completions).toHaveCount(0);
  await cellar.expectError(name, 30_000, since);
  await expect(cellar.block(name).getByTestId('block-name')).toBeVisible();
});

test('notices stayed at the top of the page, out of view once it was scrolled: they are a fixed, dismissible stack in view', async ({ cellar, page }, testInfo) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  for (let i = 0; i < 2; i++) await cellar.expectOk(await cellar.addSql('SELECT * FROM seattle_weather'));
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
  await cellar.addFiles(copyTestFile(testInfo.outputDir, data('7zip.png'), 'budget.xlsx'));
  // A damaged .xlsx is said once its worker has read it: wait, so the notices come in this order.
  await expect(page.getByTestId('notice')).toHaveCount(1);
  await cellar.addFiles(copyTestFile(testInfo.outputDir, data('7zip.png'), 'plan.docx'));
  await expect(page.getByTestId('notice')).toHaveCount(2);
  for (const notice of await page.getByTestId('notice').all()) await expect(notice).toBeInViewport();
  await page.getByTestId('notice').first().getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('notice')).toHaveCount(1);
  await expect(page.getByTestId('notice')).toContainText('plan.docx');
});

test('the Share popover did not close on Escape or an outside click, and two popovers could be open at once', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const share = page.getByTestId('share-dialog');
  await page.getByTestId('share-button').click();
  await expect(share).toBeVisible();
  await expect(page.getByTestId('share-link')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(share).toHaveCount(0);

  await page.getByTestId('share-button').click();
  await expect(share).toBeVisible();
  await cellar.block('seattle_weather').getByTestId('row-count').click();
  await expect(share).toHaveCount(0);

  await page.getByTestId('share-button').click();
  await expect(share).toBeVisible();
  await page.getByTestId('server-button').click();
  await expect(page.getByTestId('server-panel')).toBeVisible();
  await expect(share).toHaveCount(0);
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('server-panel')).toHaveCount(0);
  await expect(share).toBeVisible();
});

test('Add chart after adding an empty sheet charted the sheet, so the chart of a table was named sheet1_chart: it draws the last block with rows, named after it', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  const sheet = page.locator('[data-testid="block"][data-block-kind="sheet"]');
  await expect(sheet).toHaveCount(1);
  const sheetName = (await sheet.getAttribute('data-block-name'))!;
  await cellar.expectOk(sheetName);

  const chart = await addChart(cellar);
  expect(chart).toBe('seattle_weather_chart');
  await expect(cellar.block(chart).getByTestId('chart-source').locator('option:checked')).toHaveText('seattle_weather');
  const doc = await page.evaluate(() => window.cellar.document());
  const byName = (name: string) => doc.blocks.find((b) => b.name === name) as { id: string; source?: string };
  expect(byName(chart).source).toBe(byName('seattle_weather').id);
  // Placed under the table it draws, before the sheet.
  expect(doc.blocks.map((b) => b.name)).toEqual(['seattle_weather', chart, sheetName]);
});
