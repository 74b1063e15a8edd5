import type { Browser, Page } from '@playwright/test';
import { Cellar, data, DATA, expect, test } from './support/cellar';
import { startDataServer, type DataServer } from './support/data-server';

let host: DataServer;
test.beforeAll(async () => {
  host = await startDataServer(DATA, { cors: true });
});
test.afterAll(async () => {
  await host.close();
});

/** What every block shows: each relation's rows (through SQL), each cell's value, each chart's marks. */
async function snapshot(cellar: Cellar): Promise<Record<string, unknown>> {
  const doc = await cellar.page.evaluate(() => window.cellar.document());
  const out: Record<string, unknown> = {};
  for (const b of doc.blocks) {
    await expect(cellar.status(b.name)).toHaveText(/^ok/, { timeout: 90_000 });
    if (b.kind === 'cell') out[b.name] = await cellar.block(b.name).getByTestId('cell-value').textContent();
    else out[b.name] = await cellar.query(`SELECT * FROM "${b.name}" ORDER BY ALL LIMIT 50`);
    if (b.kind === 'chart') {
      await expect(cellar.block(b.name).locator('[data-testid="chart-view"][data-rendered="true"]')).toBeVisible({ timeout: 60_000 });
      out[`${b.name}:marks`] = await cellar.block(b.name).getByTestId('chart-view').getAttribute('data-points');
    }
  }
  return out;
}

/** Opens a page in a new browser context: a fresh profile, as another person would. */
async function freshPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 } });
  return context.newPage();
}

async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('share-button').click();
  const input = page.getByTestId('share-link');
  await expect(input).toHaveValue(/#w=1\./, { timeout: 30_000 });
  return input.inputValue();
}

test('a shared link opens the same workbook in a fresh browser: file, formula column, cells, SQL, chart, with the same values', async ({ cellar, page, browser, baseURL }) => {
  test.setTimeout(240_000);
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await cellar.block('seattle_weather').getByTestId('add-column').click();
  const panel = cellar.block('seattle_weather').getByTestId('formula-column-panel');
  await panel.getByTestId('formula-column-name').fill('range');
  await panel.getByTestId('formula-column-input').click();
  await page.keyboard.insertText('=[temp_max] - [temp_min]');
  await panel.getByTestId('formula-column-save').click();
  await cellar.expectOk('seattle_weather');
  const limit = await cellar.addCell();
  await cellar.rename(limit, 'wet');
  await cellar.setCell('wet', '10');
  const q = await cellar.addSql('SELECT weather, count(*) AS days, round(avg(range), 2) AS avg_range FROM seattle_weather WHERE precipitation > $wet GROUP BY weather ORDER BY weather');
  await cellar.expectOk(q);
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-chart').click();
  await cellar.expectOk(`${q}_chart`);
  const before = await snapshot(cellar);

  const link = await shareLink(page);
  await expect(page.getByTestId('share-facts')).toContainText('Inside it: seattle-weather.csv');
  const other = await freshPage(browser, baseURL);
  await other.goto(link);
  await other.evaluate(() => window.cellar.ready);
  const opened = new Cellar(other);
  expect(await snapshot(opened)).toEqual(before);
  // The link is gone from the address bar; a reload opens the same workbook, not a second copy.
  expect(other.url()).not.toContain('#w=');
  await other.reload();
  await other.evaluate(() => window.cellar.ready);
  expect(await snapshot(opened)).toEqual(before);
  await other.getByTestId('workbooks-button').click();
  await expect(other.getByTestId('workbook-item')).toHaveCount(1);
  await other.context().close();
});

test('input values can be set from the link (?name=value)', async ({ cellar, page, browser, baseURL }) => {
  const region = await cellar.addCell();
  await cellar.rename(region, 'region');
  await cellar.setCell('region', 'EU');
  const q = await cellar.addSql("SELECT 'region is ' || $region AS says");
  await cellar.expectOk(q);
  const link = new URL(await shareLink(page));
  link.search = '?region=US';
  const other = await freshPage(browser, baseURL);
  await other.goto(link.href);
  await other.evaluate(() => window.cellar.ready);
  const opened = new Cellar(other);
  await expect(opened.block('region').getByTestId('cell-value')).toHaveText('US');
  await opened.expectOk(q);
  expect(await opened.gridRow(q, 0)).toEqual({ says: 'region is US' });
  await other.context().close();
});

test('a local file too big for the link is a placeholder with its schema, filled when the same file is dropped', async ({ cellar, page, browser, baseURL }) => {
  test.setTimeout(240_000);
  await cellar.addFiles(data('flights-3m.parquet'));
  await cellar.expectOk('flights_3m', 120_000);
  const q = await cellar.addSql('SELECT count(*) AS n FROM flights_3m');
  await cellar.expectOk(q);
  const link = await shareLink(page);
  await expect(page.getByTestId('share-facts')).toContainText('Too big to carry (the opener drops the same file): flights-3m.parquet');
  expect(link.length).toBeLessThan(4000);

  const other = await freshPage(browser, baseURL);
  await other.goto(link);
  await other.evaluate(() => window.cellar.ready);
  const opened = new Cellar(other);
  const message = await opened.expectError('flights_3m');
  expect(message).toContain('flights-3m.parquet is not in this browser: drop it again');
  expect(message).toContain('3,000,000 rows, 5 columns: date TIMESTAMP, delay BIGINT, distance BIGINT, origin VARCHAR, destination VARCHAR');
  await opened.rerun('flights_3m', () => opened.addFiles(data('flights-3m.parquet')));
  await opened.expectOk('flights_3m', 120_000);
  await opened.expectOk(q);
  expect(await opened.gridRow(q, 0)).toEqual({ n: '3000000' });
  await other.context().close();
});

test('a tampered, cut or too-new link says so and changes nothing saved', async ({ cellar, page }) => {
  const q = await cellar.addSql('SELECT 1 AS one');
  await cellar.expectOk(q);
  const link = await shareLink(page);
  await page.getByTestId('share-button').click();
  const payload = link.split('#w=')[1]!;
  const tampered = `${payload.slice(0, 40)}${payload[40] === 'A' ? 'B' : 'A'}${payload.slice(41)}`;
  for (const [bad, words] of [
    [tampered, 'This link could not be opened; nothing was changed.'],
    [payload.slice(0, payload.length - 20), 'This link could not be opened; nothing was changed.'],
    [`9${payload.slice(1)}`, 'made by a newer Cellar'],
  ] as const) {
    await page.goto('about:blank');
    await page.goto(`/#w=${bad}`);
    await page.evaluate(() => window.cellar.ready);
    await expect(page.getByTestId('notice').last()).toContainText(words);
    // Still the one workbook it was, with its block.
    await cellar.expectOk(q);
    await page.getByTestId('workbooks-button').click();
    await expect(page.getByTestId('workbook-item')).toHaveCount(1);
    await page.getByTestId('workbooks-button').click();
  }
});

test('a link that fetches from another host asks first; refused, nothing is fetched, and SQL cannot reach the host either', async ({ cellar, page, browser, baseURL }) => {
  await page.getByTestId('url-input').fill(`${host.url}/seattle-weather.csv`);
  await page.getByTestId('add-url').click();
  await cellar.expectOk('seattle_weather');
  const sneaky = await cellar.addSql(`SELECT count(*) AS n FROM read_csv('${host.url}/' || 'stocks.csv')`);
  await cellar.expectOk(sneaky);
  const link = await shareLink(page);

  host.requests.length = 0;
  const other = await freshPage(browser, baseURL);
  await other.goto(link);
  await other.evaluate(() => window.cellar.ready);
  const dialog = other.getByTestId('consent-dialog');
  await expect(dialog).toBeVisible();
  await expect(other.getByTestId('consent-hosts')).toHaveText(new URL(host.url).host);
  expect(host.requests).toEqual([]);
  await other.getByTestId('consent-deny').click();
  const opened = new Cellar(other);
  expect(await opened.expectError('seattle_weather')).toContain('is not among the hosts this workbook may read from');
  // The SQL builds its URL at run time, so no scan of its text could see the host: the engine refuses it.
  expect(await opened.expectError(sneaky)).toContain('is not among the hosts this workbook may read from');
  expect(host.requests).toEqual([]);

  // Allowing the host from the block's error reads it.
  await opened.rerun('seattle_weather', () => opened.block('seattle_weather').getByTestId('allow-host').click());
  await opened.expectOk('seattle_weather');
  expect(await opened.rowCount('seattle_weather')).toBe(1461);
  await other.context().close();
});
