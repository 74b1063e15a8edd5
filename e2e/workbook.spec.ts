import { data, expect, test } from './support/cellar';

test('an input cell feeding two SQL blocks updates both, bound as a parameter', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const cell = await cellar.addCell();
  await cellar.rename(cell, 'min_temp');
  await cellar.setCell('min_temp', '30');
  const hot = await cellar.addSql('SELECT count(*) AS days FROM seattle_weather WHERE temp_max > $min_temp');
  const byWeather = await cellar.addSql("SELECT weather, count(*) AS days FROM seattle_weather WHERE temp_max > $min_temp GROUP BY weather ORDER BY weather");
  await cellar.expectOk(hot);
  await cellar.expectOk(byWeather);
  const expected = async (t: number) => Number(await cellar.scalar(`SELECT count(*) FROM seattle_weather WHERE temp_max > ${t}`));
  expect(await cellar.gridRow(hot, 0)).toEqual({ days: String(await expected(30)) });

  await cellar.setCell('min_temp', '20');
  // The raw count (data-value): the grid shows it grouped (1,234).
  await expect(cellar.block(hot).getByRole('gridcell').first()).toHaveAttribute('data-value', String(await expected(20)));
  const groups = Number(await cellar.scalar('SELECT count(DISTINCT weather) FROM seattle_weather WHERE temp_max > 20'));
  await expect(cellar.block(byWeather).getByTestId('row-count')).toHaveText(String(groups));
  await cellar.expectOk(hot);
  await cellar.expectOk(byWeather);
  // The value was bound, never written into the SQL text.
  const doc = await page.evaluate(() => window.cellar.document());
  expect(JSON.stringify(doc)).toContain('$min_temp');
});

test('a slider drives its reader; a text value with a quote is data, not SQL', async ({ cellar, page }) => {
  const cell = await cellar.addCell();
  await cellar.block(cell).getByTestId('cell-control').selectOption('text');
  await cellar.setCell(cell, "O'Brien'); DROP TABLE x; --");
  const q = await cellar.addSql(`SELECT $${cell} AS v, length($${cell}) AS n`);
  await cellar.expectOk(q);
  expect(await cellar.gridRow(q, 0)).toEqual({ v: "O'Brien'); DROP TABLE x; --", n: '27' });

  const slider = await cellar.addCell();
  await cellar.block(slider).getByTestId('cell-control').selectOption('slider');
  const reader = await cellar.addSql(`SELECT $${slider} * 2 AS twice`);
  await cellar.expectOk(reader);
  const input = cellar.block(slider).getByTestId('cell-input');
  await input.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(cellar.block(slider).getByTestId('cell-value')).toHaveText('5');
  await expect(cellar.block(reader).getByRole('gridcell').first()).toHaveText('10');
});

test('renaming a block rewrites its readers and keeps its result', async ({ cellar }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const wet = await cellar.addSql("SELECT * FROM seattle_weather WHERE weather = 'rain' -- from seattle_weather");
  await cellar.expectOk(wet);
  const reader = await cellar.addSql(`SELECT count(*) AS n, '${wet}' AS label FROM ${wet}`);
  await cellar.expectOk(reader);
  const rows = await cellar.rowCount(wet);

  await cellar.rename(wet, 'rainy_days');
  await cellar.expectOk('rainy_days');
  expect(await cellar.rowCount('rainy_days')).toBe(rows);
  await expect(cellar.block(reader).getByTestId('sql-editor')).toHaveText(`SELECT count(*) AS n, '${wet}' AS label FROM rainy_days`);
  await cellar.rename('seattle_weather', 'weather');
  await expect(cellar.block('rainy_days').getByTestId('sql-editor')).toHaveText("SELECT * FROM weather WHERE weather = 'rain' -- from seattle_weather");
  await cellar.rerun(reader, () => cellar.block(reader).getByTestId('run-block').click());
  await cellar.expectOk(reader);
  expect(await cellar.gridRow(reader, 0)).toEqual({ n: String(rows), label: wet });
  // A clash is refused in words.
  await cellar.block(reader).getByTestId('block-name').click();
  await cellar.page.getByTestId('rename-input').fill('WEATHER');
  await cellar.page.getByTestId('rename-input').press('Enter');
  await expect(cellar.page.getByTestId('rename-error')).toContainText('already the name');
});

test('a failing upstream shows on its downstream, which keeps its last result marked stale', async ({ cellar }) => {
  const base = await cellar.addSql('SELECT range AS x FROM range(10)');
  await cellar.expectOk(base);
  const reader = await cellar.addSql(`SELECT sum(x) AS total FROM ${base}`);
  await cellar.expectOk(reader);
  expect(await cellar.gridRow(reader, 0)).toEqual({ total: '45' });

  await cellar.setSql(base, 'SELECT x FROM no_such_table');
  await cellar.rerun(base, () => cellar.block(base).getByTestId('sql-editor').press('Control+Enter'));
  expect(await cellar.expectError(base)).toContain('no_such_table');
  await expect(cellar.status(reader)).toHaveText(`stale · input ${base} failed`);
  await expect(cellar.block(reader).getByTestId('upstream-error')).toContainText(base);
  expect(await cellar.gridRow(reader, 0)).toEqual({ total: '45' });

  // Fixing the upstream runs the downstream again.
  await cellar.setSql(base, 'SELECT range AS x FROM range(5)');
  await cellar.rerun(base, () => cellar.block(base).getByTestId('sql-editor').press('Control+Enter'));
  await cellar.expectOk(base);
  await expect(cellar.block(reader).getByRole('gridcell').first()).toHaveText('10');
});

test('a cycle is an error in words on the blocks in it', async ({ cellar }) => {
  const a = await cellar.addSql('SELECT 1 AS v');
  await cellar.expectOk(a);
  const b = await cellar.addSql(`SELECT v FROM ${a}`);
  await cellar.expectOk(b);
  await cellar.setSql(a, `SELECT v FROM ${b}`);
  await cellar.rerun(a, () => cellar.block(a).getByTestId('sql-editor').press('Control+Enter'));
  const message = await cellar.expectError(a);
  expect(message).toContain(`${a} and ${b} read each other`);
  expect(await cellar.expectError(b)).toContain('cycle');
});

test('undo of a delete brings the block back with its result; redo deletes it again', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await cellar.block('seattle_weather').getByTestId('remove-block').click();
  await expect(cellar.block('seattle_weather')).toHaveCount(0);
  await page.locator('body').press('Control+z');
  await cellar.expectOk('seattle_weather');
  expect(await cellar.rowCount('seattle_weather')).toBe(1461);
  expect(await cellar.scalar('SELECT count(*) FROM seattle_weather')).toBe(1461);
  await page.locator('body').press('Control+Shift+z');
  await expect(cellar.block('seattle_weather')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await cellar.expectOk('seattle_weather');

  // A reader that failed while the table was gone runs again when undo brings it back.
  const reader = await cellar.addSql('SELECT count(*) AS n FROM seattle_weather');
  await cellar.expectOk(reader);
  await cellar.block('seattle_weather').getByTestId('remove-block').click();
  await cellar.rerun(reader, () => cellar.block(reader).getByTestId('run-block').click());
  expect(await cellar.expectError(reader)).toContain('seattle_weather');
  await page.getByTestId('undo').click(); // the reader's run is no edit: this undoes the delete
  await cellar.expectOk('seattle_weather');
  await cellar.expectOk(reader);
  expect(await cellar.gridRow(reader, 0)).toEqual({ n: '1461' });
});

test('blocks can be collapsed, reordered and duplicated; each is one undo step', async ({ cellar, page }) => {
  const first = await cellar.addSql('SELECT 1 AS one');
  const second = await cellar.addSql('SELECT 2 AS two');
  await cellar.expectOk(second);
  const names = () => page.getByTestId('block').evaluateAll((els) => els.map((e) => e.getAttribute('data-block-name')));
  await cellar.block(second).getByTestId('move-up').click();
  expect(await names()).toEqual([second, first]);
  await cellar.block(first).getByTestId('duplicate-block').click();
  expect(await names()).toEqual([second, first, `${first}_copy`]);
  await cellar.expectOk(`${first}_copy`);
  await cellar.block(second).getByTestId('collapse-block').click();
  await expect(cellar.block(second).getByTestId('sql-editor')).toHaveCount(0);
  await page.getByTestId('undo').click(); // expand
  await expect(cellar.block(second).getByTestId('sql-editor')).toHaveCount(1);
  await page.getByTestId('undo').click(); // un-duplicate
  await page.getByTestId('undo').click(); // un-move
  expect(await names()).toEqual([first, second]);
});

test('a reload brings back the workbook, its cells and a dropped file\'s table', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const cell = await cellar.addCell();
  await cellar.setCell(cell, 'sun');
  const q = await cellar.addSql(`SELECT count(*) AS n FROM seattle_weather WHERE weather = $${cell}`);
  await cellar.expectOk(q);
  const n = await cellar.gridRow(q, 0);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 1000))); // saved within a second

  await page.reload();
  await page.evaluate(() => window.cellar.ready);
  await cellar.expectOk('seattle_weather');
  expect(await cellar.rowCount('seattle_weather')).toBe(1461);
  await expect(cellar.block(cell).getByTestId('cell-value')).toHaveText('sun');
  await cellar.expectOk(q);
  expect(await cellar.gridRow(q, 0)).toEqual(n);
});

test('workbooks: new, rename, switch, export and import, delete', async ({ cellar, page }) => {
  const q = await cellar.addSql('SELECT 7 AS seven');
  await cellar.expectOk(q);
  await page.getByTestId('workbook-title').fill('Sevens');
  await page.getByTestId('workbook-title').press('Enter');
  const download = page.waitForEvent('download');
  await page.getByTestId('workbooks-button').click();
  await page.getByTestId('export-workbook').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Sevens.cellar.json');
  const path = test.info().outputPath('Sevens.cellar.json');
  await file.saveAs(path);

  await page.getByTestId('new-workbook').click();
  await expect(page.getByTestId('block')).toHaveCount(0);
  await page.getByTestId('workbooks-button').click();
  await expect(page.getByTestId('workbook-item')).toHaveCount(2);
  await page.locator('[data-testid=workbook-item][data-workbook-title=Sevens] button').first().click();
  await cellar.expectOk(q);

  await page.getByTestId('workbooks-button').click();
  await page.getByTestId('import-input').setInputFiles(path);
  // The open workbook is also "Sevens": the import is done when it is listed as a third one.
  await page.getByTestId('workbooks-button').click();
  await expect(page.getByTestId('workbook-item')).toHaveCount(3);
  await page.getByTestId('workbooks-button').click();
  await expect(page.getByTestId('workbook-title')).toHaveValue('Sevens');
  await cellar.expectOk(q);
  expect(await cellar.gridRow(q, 0)).toEqual({ seven: '7' });
  await page.getByTestId('workbooks-button').click();
  await expect(page.getByTestId('workbook-item')).toHaveCount(3);
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('delete-workbook').first().click();
  await expect(page.getByTestId('workbook-item')).toHaveCount(2);
});

test('importing a file that is not a workbook, or from a newer Cellar, says so and changes nothing', async ({ cellar, page }) => {
  const q = await cellar.addSql('SELECT 1 AS one');
  await cellar.expectOk(q);
  await page.getByTestId('workbooks-button').click();
  await page.getByTestId('import-input').setInputFiles({ name: 'x.cellar.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 99, "blocks": []}') });
  await expect(page.getByTestId('notice')).toContainText('newer Cellar');
  await page.getByTestId('import-input').setInputFiles({ name: 'y.cellar.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
  await expect(page.getByTestId('notice').last()).toContainText('not valid JSON');
  await cellar.expectOk(q);
});

test('a crash of the tab loses nothing: a new tab brings back the workbook and its table', async ({ cellar, page, context }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const q = await cellar.addSql("SELECT count(*) AS n FROM seattle_weather WHERE weather = 'fog'");
  await cellar.expectOk(q);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
  const crashed = page.waitForEvent('crash');
  const cdp = await context.newCDPSession(page);
  void cdp.send('Page.crash').catch(() => undefined); // the renderer dies: no pagehide, no unload
  await crashed;

  const again = await context.newPage();
  await again.goto('/');
  await again.evaluate(() => window.cellar.ready);
  const block = (name: string) => again.locator(`[data-testid="block"][data-block-name="${name}"]`);
  await expect(block('seattle_weather').getByTestId('block-status')).toHaveText(/^ok/, { timeout: 60_000 });
  await expect(block('seattle_weather').getByTestId('row-count')).toHaveText('1461');
  await expect(block(q).getByTestId('block-status')).toHaveText(/^ok/);
});

test('an imported workbook asks for its dropped files, and dropping the same file fills the table', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const q = await cellar.addSql('SELECT count(*) AS n FROM seattle_weather');
  await cellar.expectOk(q);
  const exported = await page.evaluate(() => JSON.stringify(window.cellar.document()));

  await page.getByTestId('workbooks-button').click();
  await page.getByTestId('import-input').setInputFiles({ name: 'w.cellar.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  expect(await cellar.expectError('seattle_weather')).toContain('drop it again');
  await expect(cellar.status(q)).toHaveText('stale · input seattle_weather failed');

  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await expect(page.getByTestId('block')).toHaveCount(2); // filled in, not added
  await cellar.expectOk(q);
  expect(await cellar.gridRow(q, 0)).toEqual({ n: '1461' });
});

test('a block far below the view shows its new rows once scrolled to (grids out of view refresh when they come near)', async ({ cellar }) => {
  await cellar.rename(await cellar.addCell(), 'x');
  await cellar.setCell('x', '1');
  const names: string[] = [];
  for (let k = 1; k <= 10; k++) {
    const name = await cellar.addSql(k === 1 ? 'SELECT $x AS v' : `SELECT v + 1 AS v FROM ${names.at(-1)}`);
    await cellar.expectOk(name);
    names.push(name);
  }
  const last = names.at(-1) ?? '';
  expect(await cellar.gridRow(last, 0)).toEqual({ v: '10' });

  await cellar.block('x').scrollIntoViewIfNeeded();
  await cellar.setCell('x', '100');
  await expect.poll(() => cellar.scalar(`SELECT v::DOUBLE FROM ${last}`)).toBe(109);
  await expect(cellar.block(last)).not.toBeInViewport();
  await expect(cellar.block(last).locator('.grid-frame[data-stale]')).toHaveCount(1);
  expect(await cellar.gridRow(last, 0)).toEqual({ v: '109' });
  await expect(cellar.status(last)).toHaveText(/^ok · 1 rows/);
});
