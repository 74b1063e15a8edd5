import { data, expect, test } from './support/cellar';

test.describe('the grid over flights-3m', () => {
  test.beforeEach(async ({ cellar }) => {
    await cellar.addFiles(data('flights-3m.parquet'));
    await cellar.expectOk('flights_3m');
  });

  test('scrolls to the middle and the end of 3,000,000 rows, showing the rows SQL has there', async ({ cellar, page }) => {
    const block = cellar.block('flights_3m');
    const viewport = block.locator('.ag-grid-viewport');
    // The first page has arrived (with the row count) once row 0 shows data, not a loading row.
    await expect(block.locator('[role="row"][row-index="0"] [role="gridcell"][col-id="origin"]')).not.toBeEmpty();

    await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    const middle = block.locator('[role="row"][row-index]').filter({ has: page.locator('[role="gridcell"][col-id="origin"]:not(:empty)') });
    await expect.poll(async () => Number(await middle.first().getAttribute('row-index'))).toBeGreaterThan(1_000_000);
    const index = Number(await middle.first().getAttribute('row-index'));
    expect(index).toBeLessThan(2_000_000);
    const shown = await cellar.gridRow('flights_3m', index);
    const [expected] = await cellar.query<Record<string, unknown>>(
      `SELECT CAST(date AS VARCHAR) AS date, delay, distance, origin, destination FROM flights_3m LIMIT 1 OFFSET ${index}`,
    );
    expect(shown).toEqual(Object.fromEntries(Object.entries(expected!).map(([k, v]) => [k, String(v)])));

    await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = block.locator('[role="row"][row-index="2999999"]');
    await expect(last).toBeVisible();
    const [end] = await cellar.query<{ origin: string; delay: number }>('SELECT origin, delay FROM flights_3m LIMIT 1 OFFSET 2999999');
    expect(await cellar.gridRow('flights_3m', 2_999_999)).toMatchObject({ origin: end!.origin, delay: String(end!.delay) });
  });

  test('sorting from a header runs ORDER BY in DuckDB', async ({ cellar }) => {
    const block = cellar.block('flights_3m');
    const header = block.locator('[data-testid="column-header"][data-column="delay"] .col-name');
    await header.click();
    await expect(block.locator('.ag-header-cell[col-id="delay"]')).toHaveAttribute('aria-sort', 'ascending');
    const min = await cellar.scalar('SELECT min(delay) FROM flights_3m');
    await expect.poll(async () => (await cellar.gridRow('flights_3m', 0)).delay).toBe(String(min));
    await header.click();
    const max = await cellar.scalar('SELECT max(delay) FROM flights_3m');
    await expect.poll(async () => (await cellar.gridRow('flights_3m', 0)).delay).toBe(String(max));
  });

  test('filtering from a header runs WHERE in DuckDB and updates the row count', async ({ cellar, page }) => {
    const block = cellar.block('flights_3m');
    await block.locator('.ag-header-cell[col-id="origin"] .ag-header-cell-filter-button').click();
    const input = page.locator('.ag-filter input[type="text"]').first();
    await input.fill('SFO');
    const expected = await cellar.scalar(`SELECT count(*) FROM flights_3m WHERE origin = 'SFO'`);
    await expect.poll(() => cellar.rowCount('flights_3m')).toBe(expected);
    await expect(block.locator('.result-meta')).toContainText('filtered from 3,000,000');
    expect((await cellar.gridRow('flights_3m', 0)).origin).toBe('SFO');
    await input.fill('');
    await expect.poll(() => cellar.rowCount('flights_3m')).toBe(3_000_000);
  });
});

test('each column header shows a profile computed in SQL', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const block = cellar.block('seattle_weather');

  await block.locator('[data-testid="column-header"][data-column="temp_max"]').getByTestId('profile-button').click();
  const profile = page.getByTestId('column-profile');
  const [stats] = await cellar.query<{ nulls: number; d: number; lo: number; hi: number }>(
    'SELECT count(*) - count(temp_max) AS nulls, count(DISTINCT temp_max) AS d, min(temp_max) AS lo, max(temp_max) AS hi FROM seattle_weather',
  );
  await expect(profile.getByTestId('profile-total')).toHaveText('1,461');
  await expect(profile.getByTestId('profile-nulls')).toHaveText(`${stats!.nulls} (0.0%)`);
  await expect(profile.getByTestId('profile-distinct')).toHaveText(String(stats!.d));
  await expect(profile.getByTestId('profile-min')).toHaveText(String(stats!.lo));
  await expect(profile.getByTestId('profile-max')).toHaveText(String(stats!.hi));
  await expect(profile.getByTestId('profile-histogram').locator('.bar')).toHaveCount(20);
  await page.keyboard.press('Escape');
  await expect(profile).toHaveCount(0);

  await block.locator('[data-testid="column-header"][data-column="weather"]').getByTestId('profile-button').click();
  const [top] = await cellar.query<{ weather: string; n: number }>(
    'SELECT weather, count(*) AS n FROM seattle_weather GROUP BY weather ORDER BY n DESC LIMIT 1',
  );
  const firstValue = page.getByTestId('profile-top-values').locator('tr').first();
  await expect(firstValue.locator('.value')).toHaveText(top!.weather);
  await expect(firstValue.locator('.count')).toHaveText(top!.n.toLocaleString('en-US'));
});
