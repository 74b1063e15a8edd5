import { readFileSync } from 'node:fs';
import { copyTestFile, data, expect, test, writeTestFile, type Cellar } from './support/cellar';

// Every bad file must leave what was there before as it was.
test.beforeEach(async ({ cellar }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
});

async function expectUntouched(cellar: Cellar) {
  await expect(cellar.status('seattle_weather')).toHaveText(/^ok/);
  expect(await cellar.rowCount('seattle_weather')).toBe(1461);
  expect(await cellar.scalar('SELECT count(*) FROM seattle_weather')).toBe(1461);
}

test('a ragged CSV says which line is wrong and offers a lenient read', async ({ cellar }, testInfo) => {
  const lines = readFileSync(data('seattle-weather.csv'), 'utf8').trim().split('\n').slice(0, 200);
  lines[150] += ',oops,extra'; // line 151 of the file has two fields too many
  const path = writeTestFile(testInfo.outputDir, 'ragged.csv', lines.join('\n') + '\n');
  await cellar.addFiles(path);
  const message = await cellar.expectError('ragged');
  expect(message).toMatch(/line 151/i);
  expect(await cellar.query(`SELECT * FROM information_schema.tables WHERE table_name = 'ragged'`)).toEqual([]);
  await expectUntouched(cellar);

  await cellar.rerun('ragged', () => cellar.block('ragged').getByTestId('read-leniently').click());
  await cellar.expectOk('ragged');
  expect(await cellar.rowCount('ragged')).toBe(198); // 199 data lines, the bad one skipped
  await expect(cellar.block('ragged')).toContainText('lenient');
});

test('an empty file is a clear error', async ({ cellar }, testInfo) => {
  await cellar.addFiles(writeTestFile(testInfo.outputDir, 'nothing.csv', ''));
  expect(await cellar.expectError('nothing')).toContain('nothing.csv is empty');
  await expectUntouched(cellar);
});

test('a binary file named .csv is a clear error', async ({ cellar }, testInfo) => {
  await cellar.addFiles(copyTestFile(testInfo.outputDir, data('7zip.png'), 'photo.csv'));
  expect(await cellar.expectError('photo')).toContain('photo.csv is not a valid CSV file: it looks binary');
  await expectUntouched(cellar);
});

test('a file named .parquet that is not Parquet is a clear error', async ({ cellar }, testInfo) => {
  await cellar.addFiles(copyTestFile(testInfo.outputDir, data('stocks.csv'), 'stocks.parquet'));
  expect(await cellar.expectError('stocks')).toContain('not a valid PARQUET file');
  await expectUntouched(cellar);
});

test('a malformed JSON file is a clear error', async ({ cellar }, testInfo) => {
  await cellar.addFiles(writeTestFile(testInfo.outputDir, 'broken.json', '[{"a": 1}, {"a": '));
  expect(await cellar.expectError('broken')).toContain('broken.json could not be read as JSON');
  await expectUntouched(cellar);
});

test('an unsupported file type is named in a notice and adds nothing', async ({ cellar, page }, testInfo) => {
  const before = await page.getByTestId('block').count();
  await cellar.addFiles(copyTestFile(testInfo.outputDir, data('7zip.png'), 'budget.docx'));
  await expect(page.getByTestId('notice')).toContainText('budget.docx: unsupported file type .docx');
  await expect(page.getByTestId('notice')).toContainText('CSV, TSV, Parquet, JSON and Arrow');
  expect(await page.getByTestId('block').count()).toBe(before);
  await expectUntouched(cellar);
});

test('a damaged .xlsx (a picture named budget.xlsx) says it is not a readable workbook and adds nothing', async ({ cellar, page }, testInfo) => {
  const before = await page.getByTestId('block').count();
  await cellar.addFiles(copyTestFile(testInfo.outputDir, data('7zip.png'), 'budget.xlsx'));
  await expect(page.getByTestId('notice')).toContainText('budget.xlsx was not opened; nothing was changed.');
  await expect(page.getByTestId('notice')).toContainText('not a readable .xlsx workbook');
  expect(await page.getByTestId('block').count()).toBe(before);
  await expectUntouched(cellar);
});
