import { readFileSync } from 'node:fs';
import { data, expect, test, type Cellar } from './support/cellar';
import { addChart, drawn, typeSpec } from './support/charts';

const points = async (cellar: Cellar, name: string) => Number(await cellar.block(name).getByTestId('chart-view').getAttribute('data-points'));

test.describe('charts over flights-3m', () => {
  test.describe.configure({ timeout: 240_000 });

  test('a suggested chart is drawn from SQL groups, and each field, aggregate and time unit picked re-groups in DuckDB', async ({ cellar, page }) => {
    await cellar.addFiles(data('flights-3m.parquet'));
    await cellar.expectOk('flights_3m', 120_000);
    const chart = await addChart(cellar);
    // Suggested from the column types: mean delay by day (six months of flights).
    await expect(cellar.block(chart).getByTestId('chart-mark')).toHaveValue('line');
    await expect(cellar.block(chart).getByTestId('chart-field-x')).toHaveValue('date');
    const days = Number(await cellar.scalar("SELECT count(DISTINCT date_trunc('day', date)) FROM flights_3m"));
    expect(await points(cellar, chart)).toBe(days);

    // A bar chart of mean delay by month: six points, each equal to GROUP BY written by hand.
    await cellar.block(chart).getByTestId('chart-mark').selectOption('bar');
    await cellar.block(chart).getByTestId('chart-fn-x').selectOption('yearmonth');
    await drawn(cellar, chart);
    await expect.poll(() => points(cellar, chart)).toBe(Number(await cellar.scalar("SELECT count(DISTINCT date_trunc('month', date)) FROM flights_3m")));
    await cellar.block(chart).getByTestId('show-sql').click();
    await expect(cellar.block(chart).getByTestId('chart-sql')).toContainText("date_trunc('month', \"date\")");
    await expect(cellar.block(chart).getByTestId('chart-note')).toContainText(`${await points(cellar, chart)} marks computed in DuckDB`);

    // By origin: one bar per airport, as many as SQL has.
    await cellar.block(chart).getByTestId('chart-field-x').selectOption('origin');
    await drawn(cellar, chart);
    await expect.poll(() => points(cellar, chart)).toBe(Number(await cellar.scalar('SELECT count(DISTINCT origin) FROM flights_3m')));
    await page.screenshot({ path: test.info().outputPath('chart-bars.png'), fullPage: true });
  });

  test('a scatter of raw points samples 50,000 of 3,000,000 rows and says so', async ({ cellar }) => {
    await cellar.addFiles(data('flights-3m.parquet'));
    await cellar.expectOk('flights_3m', 120_000);
    const chart = await addChart(cellar);
    await typeSpec(cellar, chart, { mark: 'point', encoding: { x: { field: 'distance', type: 'quantitative' }, y: { field: 'delay', type: 'quantitative' } } });
    await expect(cellar.block(chart).getByTestId('chart-note')).toHaveText(/^A sample of 50,000 of 3,000,000 rows/, { timeout: 60_000 });
    await drawn(cellar, chart);
    expect(await points(cellar, chart)).toBe(50_000);
  });

  test('brushing a histogram filters a linked SQL block and a chart of the selection, in SQL; clearing restores them', async ({ cellar, page }) => {
    await cellar.addFiles(data('flights-3m.parquet'));
    await cellar.expectOk('flights_3m', 120_000);
    const chart = await addChart(cellar);
    await typeSpec(cellar, chart, { mark: 'bar', encoding: { x: { field: 'distance', bin: { maxbins: 20 } }, y: { aggregate: 'count' } } });
    await expect(cellar.block(chart).getByTestId('chart-field-x')).toHaveValue('distance');
    await drawn(cellar, chart);
    const reader = await cellar.addSql(`SELECT count(*) AS n FROM ${chart}`);
    await cellar.expectOk(reader);
    expect(await cellar.gridRow(reader, 0)).toEqual({ n: '3000000' });

    // Brush the middle of the plot.
    const box = (await cellar.block(chart).locator('[data-testid="chart-view"] canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.4, { steps: 5 });
    await page.mouse.up();
    await expect(cellar.block(chart).getByTestId('selected-count')).toBeVisible();
    const doc = await page.evaluate(() => window.cellar.document());
    const selection = (doc.blocks.find((b) => b.name === chart) as { selection?: { range: [number, number] } }).selection!;
    const [lo, hi] = [Math.min(...selection.range), Math.max(...selection.range)];
    const expected = Number(await cellar.scalar(`SELECT count(*) FROM flights_3m WHERE distance BETWEEN ${lo} AND ${hi}`));
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(3_000_000);
    await expect(cellar.block(chart).getByTestId('row-count')).toHaveText(String(expected));
    await expect.poll(async () => (await cellar.gridRow(reader, 0)).n).toBe(String(expected));

    // A second chart over the first one's selection: a cross-filtered view.
    await cellar.block(chart).getByTestId('chart-clear-selection').click();
    await expect.poll(async () => (await cellar.gridRow(reader, 0)).n).toBe('3000000');
    await expect(cellar.block(chart).getByTestId('selected-count')).toHaveCount(0);
  });

  test('clicking bars selects categories; a chart whose source is that selection shows only them', async ({ cellar }) => {
    await cellar.addFiles(data('seattle-weather.csv'));
    await cellar.expectOk('seattle_weather');
    const chart = await addChart(cellar);
    await typeSpec(cellar, chart, { mark: 'bar', encoding: { x: { field: 'weather', type: 'nominal' }, y: { aggregate: 'count' } } });
    await expect(cellar.block(chart).getByTestId('chart-field-x')).toHaveValue('weather');
    await drawn(cellar, chart);
    expect(await points(cellar, chart)).toBe(5);
    const linked = await addChart(cellar);
    await cellar.block(linked).getByTestId('chart-source').selectOption({ label: chart });
    await typeSpec(cellar, linked, { mark: 'bar', encoding: { x: { field: 'weather', type: 'nominal' }, y: { aggregate: 'count' } } });
    await expect(cellar.block(linked).getByTestId('chart-field-x')).toHaveValue('weather');
    await drawn(cellar, linked);
    expect(await points(cellar, linked)).toBe(5);

    await clickMark(cellar, chart, 'rain');
    await expect(cellar.block(chart).getByTestId('row-count')).toHaveText(String(await cellar.scalar("SELECT count(*) FROM seattle_weather WHERE weather = 'rain'")));
    await expect.poll(() => points(cellar, linked), { timeout: 30_000 }).toBe(1);
  });
});

/** Clicks the bar of `value` on a 5-category bar chart: tries each band's centre, halfway up, until the selection holds it. */
async function clickMark(cellar: Cellar, name: string, value: string): Promise<void> {
  const canvas = cellar.block(name).locator('[data-testid="chart-view"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  for (let i = 0; i < 5; i++) {
    await canvas.click({ position: { x: 60 + ((box.width - 80) * (i + 0.5)) / 5, y: box.height * 0.5 } });
    await cellar.page.waitForTimeout(400);
    const doc = await cellar.page.evaluate(() => window.cellar.document());
    const sel = (doc.blocks.find((b) => b.name === name) as { selection?: { values: unknown[] } }).selection;
    if (sel?.values.includes(value)) return;
  }
  throw new Error(`no bar of ${value} found`);
}

test('exports the chart as PNG and SVG', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const chart = await addChart(cellar);
  const png = page.waitForEvent('download');
  await cellar.block(chart).getByTestId('chart-export-png').click();
  const file = await png;
  expect(file.suggestedFilename()).toBe(`${chart}.png`);
  const bytes = readFileSync(await file.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  const svg = page.waitForEvent('download');
  await cellar.block(chart).getByTestId('chart-export-svg').click();
  expect(readFileSync(await (await svg).path(), 'utf8')).toContain('<svg');
});

test('charts follow the dark theme', async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const chart = await addChart(cellar);
  while ((await page.getByTestId('theme-toggle').getAttribute('data-theme-choice')) !== 'dark') await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await drawn(cellar, chart);
  const svg = page.waitForEvent('download');
  await cellar.block(chart).getByTestId('chart-export-svg').click();
  // Vega's dark theme writes its text in white.
  expect(readFileSync(await (await svg).path(), 'utf8')).toMatch(/fill="#fff"/);
  await page.screenshot({ path: test.info().outputPath('chart-dark.png'), fullPage: true });
  await page.reload();
  await page.evaluate(() => window.cellar.ready);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('a chart reacts to its upstream SQL block', async ({ cellar }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const q = await cellar.addSql("SELECT * FROM seattle_weather WHERE weather IN ('sun', 'rain')");
  await cellar.expectOk(q);
  const chart = await addChart(cellar);
  await cellar.block(chart).getByTestId('chart-source').selectOption({ label: q });
  await typeSpec(cellar, chart, { mark: 'bar', encoding: { x: { field: 'weather', type: 'nominal' }, y: { aggregate: 'count' } } });
  await expect.poll(() => points(cellar, chart), { timeout: 30_000 }).toBe(2);
  await cellar.setSql(q, "SELECT * FROM seattle_weather WHERE weather IN ('sun', 'rain', 'fog')");
  await cellar.block(q).getByTestId('sql-editor').press('Control+Enter');
  await expect.poll(() => points(cellar, chart), { timeout: 30_000 }).toBe(3);
});

test('a broken spec or a field that does not exist is a clear error on the block; nothing else breaks', async ({ cellar }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const chart = await addChart(cellar);
  const q = await cellar.addSql('SELECT count(*) AS n FROM seattle_weather');
  await cellar.expectOk(q);
  await typeSpec(cellar, chart, '{"mark": "bar", "encoding": {"x": {"field": "nope"}}}');
  expect(await cellar.expectError(chart)).toContain('encoding.x.field: seattle_weather has no column "nope"');
  await typeSpec(cellar, chart, '{"mark": "bar", "encoding": ');
  await expect(cellar.block(chart).getByTestId('chart-spec-error')).toContainText('not valid JSON');
  await typeSpec(cellar, chart, '{"mark": "bar", "data": {"url": "https://example.com/x.csv"}, "encoding": {"x": {"field": "weather"}}}');
  await expect(cellar.block(chart).getByTestId('chart-spec-error')).toContainText('"data": data comes from the chart’s source block');
  await cellar.expectOk(q);
  await cellar.expectOk('seattle_weather');
});

test('a spec from outside runs no code: Vega evaluates expressions with its interpreter, never new Function', async ({ cellar, page }) => {
  await page.addInitScript(() => {
    const calls: string[] = [];
    (window as unknown as { __functionCalls: string[] }).__functionCalls = calls;
    const Original = window.Function;
    window.Function = new Proxy(Original, {
      construct(target, args) {
        calls.push(String(args[args.length - 1]).slice(0, 80));
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        calls.push(String(args[args.length - 1]).slice(0, 80));
        return Reflect.apply(target, self, args);
      },
    });
  });
  await page.reload();
  await page.evaluate(() => window.cellar.ready);
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  const chart = await addChart(cellar);
  await typeSpec(cellar, chart, { mark: 'bar', encoding: { x: { field: 'weather', type: 'nominal', axis: { labelExpr: "upper(datum.label) + ' ✓'" } }, y: { aggregate: 'count' } } });
  await drawn(cellar, chart);
  await expect.poll(() => points(cellar, chart)).toBe(5);
  expect(await page.evaluate(() => (window as unknown as { __functionCalls: string[] }).__functionCalls)).toEqual([]);
});
