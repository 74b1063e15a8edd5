import { data, expect, test, writeTestFile } from './support/cellar';

test('the app loads and DuckDB-WASM starts in a worker from our own bundle', async ({ page, cellar, externalRequests }) => {
  const engine = await page.evaluate(() => window.cellar.engine());
  expect(engine.version).toMatch(/^v1\./);
  await expect(page.getByTestId('engine-badge')).toContainText('DuckDB');
  expect(await cellar.scalar('SELECT 40 + 2 AS answer')).toBe(42);
  expect(externalRequests).toEqual([]);
});

test('the server sends COOP/COEP so the page is cross-origin isolated (what DuckDB threads need)', async ({ page, request }) => {
  const response = await request.get('/');
  expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  await page.goto('/');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  const engine = await page.evaluate(async () => {
    await window.cellar.ready;
    return window.cellar.engine();
  });
  // Single-threaded by default until DuckDB-WASM's pthreads can read registered file handles;
  // the threaded build is there for `?threads=1`.
  expect(engine.bundle).toBe('eh');
  await page.goto('/?threads=1');
  expect(await page.evaluate(async () => (await window.cellar.ready, window.cellar.engine()))).toMatchObject({ bundle: 'coi' });
});

test('regression: a 1M-row CSV loads in full (large files were read in parallel by threads that could not see the file)', async ({ cellar }, testInfo) => {
  const header = 'id,amount,label,day\n';
  const rows = Array.from({ length: 1_000_000 }, (_, i) => `${i},${(i % 977) * 1.25},label_${i % 131},2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
  const path = writeTestFile(testInfo.outputDir, 'million.csv', header + rows.join('\n') + '\n');
  await cellar.addFiles(path);
  await cellar.expectOk('million');
  expect(await cellar.rowCount('million')).toBe(1_000_000);
  expect(await cellar.scalar('SELECT sum(id) FROM million')).toBe(499999500000);
});

test('working with every file type makes no request outside the app origin and fetches no extension', async ({ cellar, externalRequests, page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await cellar.addFiles(data('seattle-weather.csv'), data('flights-200k.arrow'), data('movies.json'), data('unemployment.tsv'));
  await cellar.addFiles(data('flights-3m.parquet'));
  for (const name of ['seattle_weather', 'flights_200k', 'movies', 'unemployment', 'flights_3m']) await cellar.expectOk(name);
  const name = await cellar.addSql('SELECT origin, count(*) AS n FROM flights_3m GROUP BY origin ORDER BY n DESC');
  await cellar.expectOk(name);
  expect(externalRequests).toEqual([]);
  expect(fetched.filter((u) => /extension|\.duckdb_extension/.test(u))).toEqual([]);
  // The engine itself refuses to autoload extensions: a parquet function fails instead of fetching.
  const settings = await cellar.query<{ name: string; value: string }>(
    `SELECT name, value FROM duckdb_settings() WHERE name IN ('autoload_known_extensions', 'autoinstall_known_extensions') ORDER BY name`,
  );
  expect(settings).toEqual([
    { name: 'autoinstall_known_extensions', value: 'false' },
    { name: 'autoload_known_extensions', value: 'false' },
  ]);
});
