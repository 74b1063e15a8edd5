import { removeDir, startServer, tempDataDir, type TestServer } from '../server/test/harness';
import { Cellar, data, expect, test } from './support/cellar';

// A real server process (npm run server's code, native DuckDB) on a free loopback port.
let dataDir: string;
let server: TestServer;
test.beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startServer(dataDir);
});
test.afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

async function connect(cellar: Cellar): Promise<void> {
  const page = cellar.page;
  await page.getByTestId('server-button').click();
  await page.getByTestId('server-url').fill(server.url);
  await page.getByTestId('server-token').fill(server.token);
  await page.getByTestId('server-connect').click();
  await expect(page.getByTestId('server-status')).toContainText(`Connected to ${server.url}`);
}

const GROUP_BY = 'SELECT origin, count(*) AS n, round(avg(delay), 3) AS mean_delay FROM flights_3m GROUP BY origin ORDER BY origin';

test('connect, push flights-3m, and the same block on the server and in the browser gives the same rows; each says where it ran', async ({ cellar, page }) => {
  test.setTimeout(240_000);
  await cellar.addFiles(data('flights-3m.parquet'));
  await cellar.expectOk('flights_3m', 120_000);
  await connect(cellar);
  await page.getByTestId('server-button').click();
  await cellar.block('flights_3m').getByTestId('push-table').click();
  await expect(page.getByTestId('notice').last()).toContainText('flights_3m is on the server now', { timeout: 120_000 });
  // The push lands in the open workbook's namespace on the server, not in its shared tables.
  const listed = (await (await server.fetch('/api/tables')).json()) as Array<{ name: string; workbook?: string }>;
  const pushed = listed.find((t) => t.name === 'flights_3m');
  expect(pushed?.workbook).toBeTruthy();
  expect((await server.query(`SELECT count(*) AS n FROM "wb_${pushed!.workbook}".flights_3m`)).getChildAt(0)!.get(0)).toBe(3_000_000n);

  const onServer = await cellar.addSql(GROUP_BY);
  await cellar.block(onServer).getByTestId('run-on').selectOption('server');
  await cellar.expectOk(onServer);
  await expect(cellar.block(onServer).getByTestId('ran-on')).toHaveAttribute('data-side', 'server');
  await expect(cellar.block(onServer).getByTestId('ran-on')).toContainText(/on server · .* there · 229 rows · .* back/);
  const inBrowser = await cellar.addSql(GROUP_BY);
  await cellar.block(inBrowser).getByTestId('run-on').selectOption('browser');
  await cellar.expectOk(inBrowser);
  await expect(cellar.block(inBrowser).getByTestId('ran-on')).toHaveAttribute('data-side', 'browser');
  const diff = await cellar.query(`SELECT count(*) AS n FROM ((SELECT * FROM ${onServer} EXCEPT SELECT * FROM ${inBrowser}) UNION ALL (SELECT * FROM ${inBrowser} EXCEPT SELECT * FROM ${onServer}))`);
  expect(Number(diff[0]!.n)).toBe(0);
  expect(await cellar.rowCount(onServer)).toBe(229);
  await page.screenshot({ path: test.info().outputPath('remote.png'), fullPage: true });
});

test('a file uploaded straight to the server is a server table; Query reads it there, auto-placed', async ({ cellar, page }) => {
  await connect(cellar);
  await page.getByTestId('server-upload-input').setInputFiles(data('seattle-weather.csv'));
  await expect(page.getByTestId('server-upload-status')).toContainText('is the server table seattle_weather');
  await expect(page.locator('[data-testid="server-table"][data-table="seattle_weather"]')).toContainText('1,461 rows');
  await page.locator('[data-testid="server-table"][data-table="seattle_weather"]').getByTestId('server-table-query').click();
  const q = (await page.locator('[data-testid="block"][data-block-kind="sql"]').last().getAttribute('data-block-name'))!;
  await cellar.expectOk(q);
  await expect(cellar.block(q).getByTestId('ran-on')).toHaveAttribute('data-side', 'server');
  expect(await cellar.rowCount(q)).toBe(1000);
});

test('a lost server: blocks that need it say "server unreachable" and recover when it is back; local blocks keep working', async ({ cellar, page }) => {
  test.setTimeout(180_000);
  await connect(cellar);
  await page.getByTestId('server-button').click();
  const remote = await cellar.addSql('SELECT 40 + 2 AS answer');
  await cellar.block(remote).getByTestId('run-on').selectOption('server');
  await cellar.expectOk(remote);
  const local = await cellar.addSql('SELECT 7 AS seven');
  await cellar.expectOk(local);

  const port = new URL(server.url).port;
  await server.stop();
  await cellar.rerun(remote, () => cellar.block(remote).getByTestId('run-block').click());
  expect(await cellar.expectError(remote)).toContain('Server unreachable');
  await expect(page.getByTestId('server-button')).toHaveAttribute('data-server-status', 'unreachable');
  await cellar.setSql(local, 'SELECT 8 AS eight');
  await cellar.rerun(local, () => cellar.block(local).getByTestId('sql-editor').press('Control+Enter'));
  await cellar.expectOk(local);
  expect(await cellar.gridRow(local, 0)).toEqual({ eight: '8' });

  // Back on the same port with the same data folder (and token): the block runs again by itself.
  server = await startServer(dataDir, ['--port', port]);
  await expect(cellar.status(remote)).toHaveText(/^ok/, { timeout: 60_000 });
  expect(await cellar.gridRow(remote, 0)).toEqual({ answer: '42' });
  await expect(page.getByTestId('server-button')).toHaveAttribute('data-server-status', 'connected');
});

test('Cancel interrupts a query on the server, and the server keeps answering', async ({ cellar, page }) => {
  await connect(cellar);
  await page.getByTestId('server-button').click();
  const q = await cellar.addSql('SELECT sum(hash(range)) AS h FROM range(1000000000000)');
  await cellar.block(q).getByTestId('run-on').selectOption('server');
  await expect(cellar.status(q)).toHaveText(/^running/);
  await cellar.block(q).getByTestId('cancel-block').click();
  await expect(cellar.status(q)).toHaveText('stale · cancelled');
  await cellar.setSql(q, 'SELECT 1 AS one');
  await cellar.rerun(q, () => cellar.block(q).getByTestId('sql-editor').press('Control+Enter'));
  await cellar.expectOk(q);
  await expect(cellar.block(q).getByTestId('ran-on')).toHaveAttribute('data-side', 'server');
});

test('Publish puts the workbook and its tables on the server; its short link loads everything from there, read-only, after the opener agrees', async ({ cellar, page, browser, baseURL }) => {
  test.setTimeout(180_000);
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const q = await cellar.addSql("SELECT weather, count(*) AS days FROM seattle_weather GROUP BY weather ORDER BY weather");
  await cellar.expectOk(q);
  await connect(cellar);
  await page.getByTestId('server-button').click();
  await page.getByTestId('share-button').click();
  await page.getByTestId('publish-button').click();
  const link = await page.getByTestId('published-link').inputValue({ timeout: 60_000 });
  expect(link).toMatch(/#p=/);
  expect(link.length).toBeLessThan(400);
  const expected = await cellar.query(`SELECT * FROM ${q}`);

  const context = await browser.newContext({ baseURL });
  const other = await context.newPage();
  await other.goto(link);
  await other.evaluate(() => window.cellar.ready);
  await expect(other.getByTestId('consent-hosts')).toHaveText(new URL(server.url).host);
  await other.getByTestId('consent-allow').click();
  const opened = new Cellar(other);
  await opened.expectOk('seattle_weather');
  await expect(opened.block('seattle_weather')).toContainText('server table seattle_weather');
  expect(await opened.rowCount('seattle_weather')).toBe(1461);
  await opened.expectOk(q);
  expect(await opened.query(`SELECT * FROM ${q}`)).toEqual(expected);
  // The link's token reads; it cannot change the server.
  await other.getByTestId('server-button').click();
  await expect(other.getByTestId('server-status')).toContainText('read-only');
  await context.close();
});
