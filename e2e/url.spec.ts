import { DATA, expect, test } from './support/cellar';
import { startDataServer, type DataServer } from './support/data-server';

let open: DataServer;
let closed: DataServer;

test.beforeAll(async () => {
  open = await startDataServer(DATA, { cors: true });
  closed = await startDataServer(DATA, { cors: false });
});
test.afterAll(async () => {
  await open.close();
  await closed.close();
});

async function addUrl(page: import('@playwright/test').Page, url: string) {
  await page.getByTestId('url-input').fill(url);
  await page.getByTestId('add-url').click();
}

test('a Parquet URL is read with HTTP range requests, never one full download', async ({ cellar, page }) => {
  open.requests.length = 0;
  await addUrl(page, `${open.url}/flights-3m.parquet`);
  await cellar.expectOk('flights_3m');
  expect(await cellar.rowCount('flights_3m')).toBe(3_000_000);
  const gets = open.requests.filter((r) => r.path === '/flights-3m.parquet' && r.method === 'GET');
  expect(gets.length).toBeGreaterThan(1);
  expect(gets.filter((r) => !r.range)).toEqual([]);
});

test('a CSV URL becomes a table', async ({ cellar, page }) => {
  await addUrl(page, `${open.url}/seattle-weather.csv`);
  await cellar.expectOk('seattle_weather');
  expect(await cellar.rowCount('seattle_weather')).toBe(1461);
});

test('a URL that fails says what the server answered', async ({ cellar, page }) => {
  await addUrl(page, `${open.url}/no-such-file.csv`);
  expect(await cellar.expectError('no_such_file')).toContain('the server answered 404');
});

test('a URL blocked by CORS says so in words', async ({ cellar, page }) => {
  await addUrl(page, `${closed.url}/seattle-weather.csv`);
  const message = await cellar.expectError('seattle_weather');
  expect(message).toContain('does not allow this page to read it (CORS)');
});

test('a URL of a type Cellar cannot read is named in a notice', async ({ cellar, page }) => {
  void cellar;
  await addUrl(page, `${open.url}/7zip.png`);
  await expect(page.getByTestId('notice')).toContainText('unsupported file type .png');
  await expect(page.getByTestId('block')).toHaveCount(0);
});
