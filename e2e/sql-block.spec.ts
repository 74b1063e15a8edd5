import { data, expect, test } from './support/cellar';

test.beforeEach(async ({ cellar }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
});

test('a SQL block runs with Ctrl+Enter and shows its result in the grid', async ({ cellar }) => {
  const name = await cellar.addSql(
    `SELECT weather, count(*) AS days, round(avg(temp_max), 2) AS avg_max\nFROM seattle_weather\nGROUP BY weather\nORDER BY days DESC`,
  );
  expect(name).toBe('query1');
  await cellar.expectOk(name);
  expect(await cellar.rowCount(name)).toBe(5);
  const [top] = await cellar.query<{ weather: string; days: number }>(
    'SELECT weather, count(*) AS days FROM seattle_weather GROUP BY weather ORDER BY days DESC LIMIT 1',
  );
  expect(await cellar.gridRow(name, 0)).toMatchObject({ weather: top!.weather, days: String(top!.days) });
  // The result is a table other blocks can read by name.
  const second = await cellar.addSql(`SELECT sum(days) AS total FROM ${name}`);
  await cellar.expectOk(second);
  expect(await cellar.gridRow(second, 0)).toEqual({ total: '1461' });
});

test('the editor highlights SQL and completes table and column names', async ({ cellar, page }) => {
  const name = await cellar.addSql('SELECT 1');
  await cellar.expectOk(name);
  await cellar.setSql(name, 'SELECT * FROM seattle_w');
  await page.keyboard.press('Control+Space');
  const completions = page.locator('.cm-tooltip-autocomplete');
  await completions.getByRole('option', { name: /seattle_weather/ }).click();
  await expect(cellar.block(name).getByTestId('sql-editor')).toHaveText('SELECT * FROM seattle_weather');
  await page.keyboard.insertText(' WHERE seattle_weather.temp_');
  await page.keyboard.press('Control+Space');
  await expect(completions.getByRole('option', { name: /temp_max/ })).toBeVisible();
  await expect(cellar.block(name).locator('.cm-content .tok-keyword, .cm-content span').first()).toBeVisible();
});

test('a SQL error shows on its block with the position DuckDB reports, and nothing else changes', async ({ cellar }) => {
  const good = await cellar.addSql('SELECT count(*) AS n FROM seattle_weather');
  await cellar.expectOk(good);
  const bad = await cellar.addSql('SELECT date,\n  temp_maxx\nFROM seattle_weather');
  const message = await cellar.expectError(bad);
  expect(message).toContain('temp_maxx');
  expect(message).toContain('LINE 2');
  await expect(cellar.status(good)).toHaveText(/^ok/);
  await expect(cellar.status('seattle_weather')).toHaveText(/^ok/);
  expect(await cellar.rowCount('seattle_weather')).toBe(1461);
  // The cursor is put where DuckDB points.
  const caret = await cellar.page.evaluate(() => getSelection()?.anchorNode?.textContent ?? '');
  expect(caret).toContain('temp_maxx');
});

test('Cancel interrupts a long query in DuckDB and the engine keeps working', async ({ cellar }) => {
  const name = await cellar.addSql('SELECT sum(hash(i) % 7) AS s FROM range(20000000000) t(i)');
  await expect(cellar.status(name)).toHaveText(/^running/);
  await cellar.block(name).getByTestId('cancel-block').click();
  await expect(cellar.status(name)).toHaveText(/^stale · cancelled/, { timeout: 15_000 });
  await cellar.setSql(name, 'SELECT count(*) AS n FROM seattle_weather');
  await cellar.rerun(name, () => cellar.block(name).getByTestId('run-block').click());
  await cellar.expectOk(name);
  expect(await cellar.gridRow(name, 0)).toEqual({ n: '1461' });
});

test('a syntax error reads as DuckDB words it, with its line', async ({ cellar }) => {
  const bad = await cellar.addSql('SELECT 1\nLIMT 2');
  const message = await cellar.expectError(bad);
  expect(message).toMatch(/^Parser Error: syntax error at or near "2"/);
  expect(message).toContain('LINE 2');
  expect(message).not.toContain('exception_type');
});
