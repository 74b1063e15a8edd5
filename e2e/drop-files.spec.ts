import { readFileSync } from 'node:fs';
import { copyTestFile, data, expect, test, writeTestFile } from './support/cellar';

test('a dropped CSV becomes a table named after the file, typed by DuckDB', async ({ cellar }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  expect(await cellar.rowCount('seattle_weather')).toBe(1461);
  const header = cellar.block('seattle_weather').locator('[data-testid="column-header"][data-column="date"]');
  await expect(header.getByTestId('column-type')).toHaveText('DATE');
  await expect(
    cellar.block('seattle_weather').locator('[data-testid="column-header"][data-column="temp_max"]').getByTestId('column-type'),
  ).toHaveText('DOUBLE');
  expect(await cellar.gridRow('seattle_weather', 0)).toMatchObject({ date: '2012-01-01', weather: 'drizzle' });
});

test('files dropped on the page (drag and drop) each become a table', async ({ cellar }) => {
  await cellar.dropFiles([
    { name: 'seattle-weather.csv', bytes: readFileSync(data('seattle-weather.csv')) },
    { name: 'stocks.csv', bytes: readFileSync(data('stocks.csv')) },
  ]);
  await cellar.expectOk('seattle_weather');
  await cellar.expectOk('stocks');
  expect(await cellar.rowCount('stocks')).toBe(Number(await cellar.scalar('SELECT count(*) FROM stocks')));
  expect(await cellar.rowCount('stocks')).toBe(560);
});

test('names are sanitized and de-duplicated with _2, _3', async ({ cellar }, testInfo) => {
  const odd = copyTestFile(testInfo.outputDir, data('seattle-weather.csv'), 'my data (2024).v1.csv');
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await cellar.addFiles(data('seattle-weather.csv'), odd);
  await cellar.expectOk('seattle_weather_2');
  await cellar.expectOk('my_data__2024__v1');
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather_3');
  expect(await cellar.scalar('SELECT count(*) FROM seattle_weather_3')).toBe(1461);
});

test('TSV, JSON (array and newline-delimited) and Arrow IPC files load with the right row counts', async ({ cellar }, testInfo) => {
  const movies = JSON.parse(readFileSync(data('movies.json'), 'utf8')) as object[];
  const ndjson = writeTestFile(testInfo.outputDir, 'movies-lines.jsonl', movies.map((m) => JSON.stringify(m)).join('\n') + '\n');
  await cellar.addFiles(data('unemployment.tsv'), data('movies.json'), ndjson, data('flights-200k.arrow'));
  await cellar.expectOk('unemployment');
  await cellar.expectOk('movies');
  await cellar.expectOk('movies_lines');
  await cellar.expectOk('flights_200k');
  expect(await cellar.rowCount('unemployment')).toBe(3218);
  expect(await cellar.rowCount('movies')).toBe(movies.length);
  expect(await cellar.rowCount('movies_lines')).toBe(movies.length);
  expect(await cellar.rowCount('flights_200k')).toBe(200_000);
  expect(await cellar.scalar('SELECT count(*) FROM movies m JOIN movies_lines l ON m."Title" = l."Title"')).toBeGreaterThan(3000);
});

test('flights-3m.parquet loads all 3,000,000 rows', async ({ cellar }) => {
  await cellar.addFiles(data('flights-3m.parquet'));
  await cellar.expectOk('flights_3m');
  expect(await cellar.rowCount('flights_3m')).toBe(3_000_000);
  const [row] = await cellar.query<{ n: number; delay: number }>('SELECT count(*) AS n, sum(delay) AS delay FROM flights_3m');
  expect(row?.n).toBe(3_000_000);
});
