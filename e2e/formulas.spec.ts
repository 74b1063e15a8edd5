import { data, expect, test, type Cellar } from './support/cellar';

/** Adds a formula column from the grid's "+ Column" and waits for the block to run it. */
async function addFormulaColumn(cellar: Cellar, block: string, name: string, formula: string): Promise<void> {
  await cellar.block(block).getByTestId('add-column').click();
  const panel = cellar.block(block).getByTestId('formula-column-panel');
  await panel.getByTestId('formula-column-name').fill(name);
  await panel.getByTestId('formula-column-input').click();
  await cellar.page.keyboard.insertText(formula);
  await panel.getByTestId('formula-column-save').click();
  await expect(cellar.block(block).locator(`[data-testid="column-header"][data-column="${name}"]`)).toBeVisible({ timeout: 60_000 });
  await cellar.expectOk(block);
}

/** Types a formula (or value) into a value cell and commits it. */
async function setFormula(cellar: Cellar, cell: string, text: string): Promise<void> {
  const input = cellar.block(cell).getByTestId('cell-input');
  await input.click();
  await cellar.page.keyboard.insertText(text);
  await cellar.page.keyboard.press('Enter');
}

test.describe('formulas over flights-3m', () => {
  test.describe.configure({ timeout: 240_000 });

  test('a formula column computes over all 3,000,000 rows, sorts like any column, and shows its SQL', async ({ cellar, page }) => {
    await cellar.addFiles(data('flights-3m.parquet'));
    await cellar.expectOk('flights_3m', 120_000);
    await addFormulaColumn(cellar, 'flights_3m', 'status', '=IF([delay]>60, "late", "on time") & " from " & LEFT([origin], 3)');
    // Every row, checked against the same thing written in plain SQL (an empty delay counts as 0).
    const plain = `(CASE WHEN coalesce(delay, 0) > 60 THEN 'late' ELSE 'on time' END) || ' from ' || left(coalesce(origin, ''), 3)`;
    expect(Number(await cellar.scalar(`SELECT count(*) FROM flights_3m WHERE status IS DISTINCT FROM ${plain}`))).toBe(0);
    expect(Number(await cellar.scalar("SELECT count(*) FROM flights_3m WHERE status LIKE 'late%'"))).toBe(Number(await cellar.scalar('SELECT count(*) FROM flights_3m WHERE delay > 60')));

    await addFormulaColumn(cellar, 'flights_3m', 'hours', '=[distance] / 500');
    expect(Number(await cellar.scalar('SELECT count(*) FROM flights_3m WHERE hours <> coalesce(distance, 0) / 500.0'))).toBe(0);
    // Sorting by the formula column runs ORDER BY in DuckDB over all rows.
    await cellar.block('flights_3m').locator('[data-testid="column-header"][data-column="hours"] .col-name').click();
    await cellar.block('flights_3m').locator('[data-testid="column-header"][data-column="hours"] .col-name').click();
    const max = Number(await cellar.scalar('SELECT max(distance) / 500 FROM flights_3m'));
    await expect(cellar.block('flights_3m').locator('[role="row"][row-index="0"] [col-id="hours"]')).toHaveText(String(max));

    await cellar.block('flights_3m').locator('[data-testid="column-header"][data-column="hours"]').getByTestId('edit-formula-column').click();
    await cellar.block('flights_3m').getByTestId('show-sql').click();
    await expect(cellar.block('flights_3m').getByTestId('formula-sql')).toContainText('"distance"');
    await page.screenshot({ path: test.info().outputPath('formula-column.png') });
  });

  test('a COUNTIFS cell over a table equals plain SQL, and reacts to the cell it reads', async ({ cellar }) => {
    await cellar.addFiles(data('flights-3m.parquet'));
    await cellar.expectOk('flights_3m', 120_000);
    const threshold = await cellar.addCell();
    await cellar.rename(threshold, 'late');
    await cellar.setCell('late', '30');
    const cell = await cellar.addCell();
    await setFormula(cellar, cell, '=COUNTIFS(flights_3m[origin], "SFO", flights_3m[delay], ">" & late)');
    const expected = async (t: number) => String(await cellar.scalar(`SELECT count(*) FROM flights_3m WHERE origin = 'SFO' AND delay > ${t}`));
    await expect(cellar.block(cell).getByTestId('cell-value')).toHaveText(await expected(30), { timeout: 60_000 });
    await cellar.setCell('late', '120');
    await expect(cellar.block(cell).getByTestId('cell-value')).toHaveText(await expected(120), { timeout: 60_000 });
  });
});

test('formula cells: SUM over a table divided by a named cell, XLOOKUP against a table', async ({ cellar }) => {
  await cellar.addFiles(data('seattle-weather.csv'), data('airports.csv'));
  await cellar.expectOk('seattle_weather');
  await cellar.expectOk('airports');
  const target = await cellar.addCell();
  await cellar.rename(target, 'target');
  await cellar.setCell('target', '4');
  const share = await cellar.addCell();
  await setFormula(cellar, share, '=SUM(seattle_weather[precipitation]) / $target');
  const sum = Number(await cellar.scalar('SELECT sum(precipitation) FROM seattle_weather'));
  await expect(cellar.block(share).getByTestId('cell-value')).toHaveText(String(Number((sum / 4).toPrecision(15))));
  const city = await cellar.addCell();
  await setFormula(cellar, city, '=XLOOKUP("LAX", airports[iata], airports[city])');
  await expect(cellar.block(city).getByTestId('cell-value')).toHaveText(String(await cellar.scalar("SELECT city FROM airports WHERE iata = 'LAX'")));
});

test('an error cell shows #DIV/0! or #NAME? with where and why; readers say which input failed; IFERROR catches it', async ({ cellar }) => {
  const bad = await cellar.addCell();
  await setFormula(cellar, bad, '=1/0');
  await expect(cellar.block(bad).getByTestId('cell-value')).toHaveText('#DIV/0!');
  expect(await cellar.expectError(bad)).toContain('#DIV/0!');
  const safe = await cellar.addCell();
  await setFormula(cellar, safe, `=IFERROR(${bad} * 2, -1)`);
  await expect(cellar.block(safe).getByTestId('cell-value')).toHaveText('-1');
  const reader = await cellar.addSql(`SELECT $${bad} AS v`);
  await expect(cellar.status(reader)).toHaveText(new RegExp(`input ${bad} failed`));

  const typo = await cellar.addCell();
  await setFormula(cellar, typo, '=SUMM(1, 2)');
  await expect(cellar.block(typo).getByTestId('cell-value')).toHaveText('#NAME?');
  expect(await cellar.expectError(typo)).toContain('Unknown function SUMM — did you mean SUM?');
  // Fixing the typo fixes the cell.
  await cellar.block(typo).getByTestId('cell-input').click();
  await cellar.page.keyboard.press('Control+A');
  await cellar.page.keyboard.insertText('=SUM(1, 2)');
  await cellar.page.keyboard.press('Enter');
  await expect(cellar.block(typo).getByTestId('cell-value')).toHaveText('3');
  await cellar.expectOk(typo);
});

test('a broken formula column shows its error in the column; the rest of the table keeps working', async ({ cellar }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await cellar.block('seattle_weather').getByTestId('add-column').click();
  const panel = cellar.block('seattle_weather').getByTestId('formula-column-panel');
  await panel.getByTestId('formula-column-name').fill('oops');
  await panel.getByTestId('formula-column-input').click();
  await cellar.page.keyboard.insertText('=[temp_maxx] * 2');
  await panel.getByTestId('formula-column-save').click();
  await expect(panel.getByTestId('formula-column-error')).toContainText('seattle_weather has no column temp_maxx — did you mean temp_max?');
  await expect(cellar.block('seattle_weather').locator('[role="row"][row-index="0"] [col-id="oops"]')).toHaveText('#REF!');
  await cellar.expectOk('seattle_weather');
  const q = await cellar.addSql('SELECT count(*) AS n, count(oops) AS errors_are_null FROM seattle_weather');
  await cellar.expectOk(q);
  expect(await cellar.gridRow(q, 0)).toEqual({ n: '1461', errors_are_null: '0' });
});

test('the formula bar completes functions and columns and shows the signature of the call being typed', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await cellar.block('seattle_weather').getByTestId('add-column').click();
  await cellar.block('seattle_weather').getByTestId('formula-column-input').click();
  await page.keyboard.type('=SUMI');
  await expect(page.locator('.cm-tooltip-autocomplete [role=option]').first()).toContainText('SUMIF');
  await page.keyboard.press('Enter');
  await page.keyboard.type('[tem');
  await expect(page.locator('.cm-tooltip-autocomplete [role=option]').first()).toContainText('temp_max');
  await expect(page.getByTestId('signature-help')).toContainText('SUMIF(range, criterion');
  await page.screenshot({ path: test.info().outputPath('completion.png') });
});

test('a sheet: A1 values and formulas, fill down, and its range read by SQL', async ({ cellar, page }) => {
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  const sheet = cellar.block('sheet1');
  await expect(sheet).toBeVisible();
  const cell = (key: string) => sheet.locator(`[data-testid="sheet-cell"][data-cell="${key}"]`);
  // Paste a small table as Excel puts it on the clipboard, then type formulas.
  await cell('A1').click();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'item\tqty\tprice\r\napple\t3\t2.5\r\npear\t2\t4\r\nkiwi\t10\t0.5\r\n');
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(cell('C4')).toHaveText('0.5');
  await cell('D1').click();
  await page.keyboard.type('total');
  await page.keyboard.press('Enter');
  await page.keyboard.type('=B2*C2');
  await page.keyboard.press('Enter');
  // Fill down D2 through D4: relative references move with the rows.
  await cell('D2').click();
  await cell('D4').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+d');
  await expect(cell('D4')).toHaveText('5');
  await cell('D5').click();
  await page.keyboard.type('=SUM(D2:D4)');
  await page.keyboard.press('Enter');
  await expect(cell('D5')).toHaveText('20.5');
  await cellar.expectOk('sheet1');
  const q = await cellar.addSql('SELECT item, total FROM sheet1 WHERE item IS NOT NULL ORDER BY total DESC');
  await cellar.expectOk(q);
  expect(await cellar.gridRow(q, 0)).toEqual({ item: 'pear', total: '8' });
  expect(await cellar.rowCount(q)).toBe(3);
  // The sheet reads the workbook too: a named cell (a SQL block reading the sheet would be a cycle).
  const rate = await cellar.addCell();
  await cellar.rename(rate, 'rate');
  await cellar.setCell('rate', '2');
  await cell('F1').click();
  await page.keyboard.type('=COUNTA(A2:A4) * rate');
  await page.keyboard.press('Enter');
  await expect(cell('F1')).toHaveText('6');
  await page.screenshot({ path: test.info().outputPath('sheet.png') });
  // Each edit is one undo step.
  await cell('F1').click();
  await page.keyboard.press('Control+z');
  await expect(cell('F1')).toHaveText('');
  await page.keyboard.press('Control+Shift+z');
  await expect(cell('F1')).toHaveText('6');
});

test('group and pivot from the grid: the result equals GROUP BY / PIVOT written by hand, and SQL reads it', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await cellar.block('seattle_weather').getByTestId('pivot-table').click();
  const pivot = cellar.block('seattle_weather_pivot');
  await cellar.expectOk('seattle_weather_pivot');
  // Rows: weather (the first text column); values: COUNT, then SUM of precipitation and a formula.
  await pivot.getByTestId('pivot-add-value').click();
  await pivot.getByTestId('pivot-value').nth(1).getByTestId('pivot-value-column').selectOption('precipitation');
  await cellar.expectOk('seattle_weather_pivot');
  const expected = await cellar.query<{ weather: string; count: number; sum_precipitation: number }>(
    'SELECT weather, count(*)::INTEGER AS count, sum(precipitation) AS sum_precipitation FROM seattle_weather GROUP BY weather ORDER BY weather',
  );
  const got = await cellar.query<{ weather: string; count: number; sum_precipitation: number }>('SELECT weather, count::INTEGER AS count, sum_precipitation FROM seattle_weather_pivot ORDER BY weather');
  expect(got).toEqual(expected);
  await expect(pivot.getByTestId('row-count')).toHaveText(String(expected.length));
  // A column field pivots: one column per kind of weather.
  await pivot.getByTestId('pivot-columns-add').selectOption('weather');
  await pivot.getByTestId('pivot-rows').locator('[data-field="weather"] button').click();
  await expect(pivot.getByTestId('row-count')).toHaveText('1');
  await cellar.expectOk('seattle_weather_pivot');
  const wide = await cellar.query<Record<string, number>>('SELECT * FROM seattle_weather_pivot');
  expect(Object.keys(wide[0]!).sort()).toEqual(['drizzle_count', 'drizzle_sum_precipitation', 'fog_count', 'fog_sum_precipitation', 'rain_count', 'rain_sum_precipitation', 'snow_count', 'snow_sum_precipitation', 'sun_count', 'sun_sum_precipitation']);
  expect(Number(wide[0]!.rain_count)).toBe(Number(await cellar.scalar("SELECT count(*) FROM seattle_weather WHERE weather = 'rain'")));
  await pivot.getByTestId('show-sql').click();
  await expect(pivot.getByTestId('pivot-sql')).toContainText('PIVOT');
  await page.screenshot({ path: test.info().outputPath('pivot.png') });
});

test('a reload brings back formula columns, formula cells and sheets, computed again', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await addFormulaColumn(cellar, 'seattle_weather', 'spread', '=[temp_max] - [temp_min]');
  const cell = await cellar.addCell();
  await setFormula(cellar, cell, '=MAX(seattle_weather[spread])');
  // Shown with 15 significant digits, as a spreadsheet shows numbers.
  const shown = (x: number) => String(Number(x.toPrecision(15)));
  const raw = Number(await cellar.scalar('SELECT max(temp_max - temp_min) FROM seattle_weather'));
  const max = shown(raw);
  await expect(cellar.block(cell).getByTestId('cell-value')).toHaveText(max);
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sheet').click();
  const a1 = cellar.block('sheet1').locator('[data-testid="sheet-cell"][data-cell="A1"]');
  await a1.click();
  await page.keyboard.type(`=${cell} * 2`);
  await page.keyboard.press('Enter');
  await expect(a1).toHaveText(shown(raw * 2));
  await page.waitForTimeout(500); // the autosave's debounce

  await page.reload();
  await page.evaluate(() => window.cellar.ready);
  await cellar.expectOk('seattle_weather');
  await expect(cellar.block('seattle_weather').locator('[data-testid="column-header"][data-column="spread"]')).toBeVisible();
  await expect(cellar.block(cell).getByTestId('cell-value')).toHaveText(max);
  await expect(cellar.block('sheet1').locator('[data-testid="sheet-cell"][data-cell="A1"]')).toHaveText(shown(raw * 2));
});
