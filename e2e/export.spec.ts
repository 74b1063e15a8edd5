import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { addChart } from './support/charts';
import { copyTestFile, data, expect, test, type Cellar } from './support/cellar';

/**
 * Chromium has the File System Access API, whose save dialog a test cannot answer: hide it, so
 * export takes its other path (a Blob downloaded with <a download>), which Playwright sees.
 */
async function withoutSavePicker(page: Page): Promise<void> {
  await page.evaluate(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true }));
}

/** Opens a block's Export menu, clicks `testId` and returns the downloaded file's path and name. */
async function exportVia(cellar: Cellar, block: string, testId: string): Promise<{ path: string; name: string }> {
  await cellar.block(block).getByTestId('export-button').click();
  const download = cellar.page.waitForEvent('download');
  await cellar.block(block).getByTestId(testId).click();
  const file = await download;
  await expect(cellar.block(block).getByTestId('export-status')).toContainText('Exported');
  return { path: await file.path(), name: file.suggestedFilename() };
}

const csvLines = (path: string) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');

test.beforeEach(async ({ cellar, page }) => {
  await withoutSavePicker(page);
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
});

test('a table exports as CSV with every row, and as Parquet that reads back the same', async ({ cellar }, testInfo) => {
  const dialog = cellar.block('seattle_weather');
  await dialog.getByTestId('export-button').click();
  // The guard is on by default, and the dialog says what it does.
  await expect(dialog.getByTestId('export-guard')).toBeChecked();
  await expect(dialog.getByTestId('export-dialog')).toContainText('leading');
  await dialog.getByTestId('export-button').click();

  const csv = await exportVia(cellar, 'seattle_weather', 'export-csv');
  expect(csv.name).toBe('seattle_weather.csv');
  const lines = csvLines(csv.path);
  expect(lines[0]).toBe('date,precipitation,temp_max,temp_min,wind,weather');
  expect(lines).toHaveLength(1 + 1461);
  const [first] = await cellar.query<{ wind: number; weather: string }>('SELECT wind, weather FROM seattle_weather ORDER BY date LIMIT 1');
  expect(lines[1]).toMatch(new RegExp(`^2012-01-01,.*,${first!.wind},${first!.weather}$`));

  const parquet = await exportVia(cellar, 'seattle_weather', 'export-parquet');
  expect(parquet.name).toBe('seattle_weather.parquet');
  expect(readFileSync(parquet.path).subarray(-4).toString()).toBe('PAR1');
  await cellar.addFiles(copyTestFile(testInfo.outputPath(), parquet.path, 'exported.parquet'));
  await cellar.expectOk('exported');
  expect(await cellar.rowCount('exported')).toBe(1461);
  const [diff] = await cellar.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM (SELECT * FROM seattle_weather EXCEPT ALL SELECT * FROM exported)');
  expect(diff!.n).toBe(0);
});

test('CSV for a spreadsheet guards a value starting with =, and a plain CSV does not', async ({ cellar }) => {
  const name = await cellar.addSql(`SELECT '=1+1' AS f, 'plain' AS g`);
  await cellar.expectOk(name);
  expect(csvLines((await exportVia(cellar, name, 'export-csv')).path)).toEqual(['f,g', "'=1+1,plain"]);

  await cellar.block(name).getByTestId('export-button').click();
  await cellar.block(name).getByTestId('export-guard').uncheck();
  await cellar.block(name).getByTestId('export-button').click();
  expect(csvLines((await exportVia(cellar, name, 'export-csv')).path)).toEqual(['f,g', '=1+1,plain']);
});

test("a chart's data exports as CSV", async ({ cellar }) => {
  const chart = await addChart(cellar);
  const file = await exportVia(cellar, chart, 'export-chart-csv');
  expect(file.name).toBe(`${chart}.csv`);
  const marks = Number((await cellar.block(chart).getByTestId('chart-note').textContent())?.match(/^([\d,]+) marks?/)?.[1]?.replaceAll(',', ''));
  expect(csvLines(file.path)).toHaveLength(1 + marks);
});

test('a long export shows its progress of the row count, and Cancel stops it with nothing downloaded', async ({ cellar, page }) => {
  const name = await cellar.addSql(`SELECT range AS i, 'row ' || range AS s FROM range(5000000)`);
  await cellar.expectOk(name);
  let downloads = 0;
  page.on('download', () => downloads++);
  await cellar.block(name).getByTestId('export-button').click();
  await cellar.block(name).getByTestId('export-csv').click();
  const progress = cellar.block(name).getByTestId('export-progress');
  await expect(progress).toContainText('of 5,000,000 rows');
  await progress.getByTestId('export-cancel').click();
  await expect(cellar.block(name).getByTestId('export-status')).toHaveText('Export cancelled');
  // The engine goes on: the next query runs.
  expect(await cellar.scalar(`SELECT count(*)::INTEGER FROM ${name}`)).toBe(5_000_000);
  expect(downloads).toBe(0);
});
