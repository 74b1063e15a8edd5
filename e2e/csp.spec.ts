import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { data, expect, test as base, writeTestFile, type Cellar } from './support/cellar';
import { typeSpec } from './support/charts';

// What the page may run: the Content-Security-Policy (vite.config.ts) and, under it, HTML and
// javascript: URLs from files, specs and links shown as text, never run. Every test here fails on
// any CSP violation the page or its workers report, any dialog, and the payloads' flag being set.

declare global {
  interface Window {
    __pwned?: unknown;
    cellarCspViolation?(text: string): void;
  }
}

/** What a payload does when it runs: sets the flag (and opens a dialog, for the `alert` ones). */
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=2</script>';
const JS_LINK = 'javascript:window.__pwned=3;alert(3)';
const DATA_LINK = 'data:text/html,<script>alert(4)</script>';

const DIRECTIVES = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self' blob:",
  'img-src': "'self' data: blob:",
  'style-src': "'self' 'unsafe-inline'",
  'object-src': "'none'",
  'base-uri': "'none'",
};

interface Guard {
  violations: string[];
  dialogs: string[];
}

/** Collects CSP violations (page and workers) and dialogs from before the app's first script. */
async function watch(page: Page): Promise<Guard> {
  const guard: Guard = { violations: [], dialogs: [] };
  await page.exposeFunction('cellarCspViolation', (text: string) => guard.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.cellarCspViolation?.(`page: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  // A worker reports its violations to its own scope; its console reaches the page's console event.
  page.on('worker', (worker) => {
    worker
      .evaluate(() => self.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation in a worker: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`)))
      .catch(() => undefined); // the worker ended first
  });
  const csp = /Content.Security.Policy/i;
  page.on('console', (m) => m.type() === 'error' && csp.test(m.text()) && guard.violations.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => csp.test(e.message) && guard.violations.push(`error: ${e.message}`));
  page.on('dialog', (d) => {
    guard.dialogs.push(d.message());
    void d.dismiss();
  });
  return guard;
}

const guards = new WeakMap<Page, Guard>();

const test = base.extend<{ guard: Guard }>({
  // Watching from before the app's first script (cellar opens the page), checked after the test.
  page: async ({ page }, use) => {
    const guard = await watch(page);
    guards.set(page, guard);
    await use(page);
    expect(guard.violations, 'CSP violations').toEqual([]);
    expect(guard.dialogs, 'dialogs opened').toEqual([]);
    expect(await page.evaluate(() => window.__pwned), 'a payload ran').toBeUndefined();
  },
  guard: async ({ page }, use) => {
    await use(guards.get(page)!);
  },
});

/** The directives of a policy, by name. */
function directives(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]),
  );
}

test('the page is served with its Content-Security-Policy, and the built page and _headers say the same', async ({ cellar, page, request }) => {
  const response = await request.get('/');
  const policy = response.headers()['content-security-policy'] ?? '';
  expect(directives(policy)).toMatchObject(DIRECTIVES);
  expect(policy).not.toContain("'unsafe-eval'");
  // connect-src is open (a deployment narrows it): a workbook reads the hosts its person allows.
  expect(directives(policy)['connect-src']).toBe('* data: blob:');
  // The same policy in the page itself, for hosts that set no headers, and in _headers for those that read it.
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(policy);
  expect(await (await request.get('/_headers')).text()).toContain(`Content-Security-Policy: ${policy}`);
  void cellar; // the app opened under it
});

/**
 * Compiles a string as the page (or worker) would. From a timer: code Playwright evaluates runs as
 * DevTools' console does, which the policy lets eval, so the check must run outside it.
 */
function tryEval(): Promise<string> {
  return new Promise((resolve) =>
    setTimeout(() => {
      try {
        resolve(String(new Function('return 1')()));
      } catch (e) {
        resolve((e as Error).name);
      }
    }),
  );
}

test('the policy holds in the page and in DuckDB’s worker: eval and inline scripts are refused, and each refusal is reported', async ({ cellar, page, guard }) => {
  // The page: no eval, no inline script.
  expect(await page.evaluate(tryEval)).toBe('EvalError');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = "inline"';
    document.body.append(script);
  });
  await expect.poll(() => guard.violations.length).toBeGreaterThanOrEqual(2);
  // DuckDB's worker runs from a blob: URL and inherits the page's policy: it compiles WebAssembly, never strings.
  const duckWorker = page.workers().find((w) => w.url().startsWith('blob:'));
  expect(duckWorker, 'DuckDB’s worker').toBeDefined();
  expect(await duckWorker!.evaluate(tryEval)).toBe('EvalError');
  await expect.poll(() => guard.violations.some((v) => v.includes('worker'))).toBe(true);
  expect(await cellar.scalar('SELECT 40 + 2')).toBe(42);
  expect(guard.violations.every((v) => /script-src|eval/.test(v))).toBe(true);
  guard.violations.length = 0; // the refusals this test caused; the fixture checks for any other
});

/** Adds a chart of the last block; returns its name once drawn. */
async function addChart(cellar: Cellar, source: string): Promise<string> {
  await cellar.page.getByTestId('add-block').click();
  await cellar.page.getByTestId('add-chart').click();
  const name = `${source}_chart`;
  await drawn(cellar, name);
  return name;
}

async function drawn(cellar: Cellar, name: string, since?: string): Promise<void> {
  await cellar.expectOk(name, 120_000, since);
  await expect(cellar.block(name).locator('[data-testid="chart-view"][data-rendered="true"]')).toBeVisible({ timeout: 60_000 });
}

test('the main paths run under the policy with no violation: CSV and Parquet files, a SQL block, a chart with its tooltip, a profile, the spec editor', async ({ cellar, page }) => {
  test.setTimeout(240_000);
  await cellar.addFiles(data('seattle-weather.csv'), data('flights-3m.parquet'));
  await cellar.expectOk('seattle_weather');
  await cellar.expectOk('flights_3m', 120_000);
  expect(await cellar.rowCount('flights_3m')).toBe(3_000_000);
  expect(await cellar.gridRow('seattle_weather', 0)).toMatchObject({ date: '2012-01-01' });
  await cellar.block('seattle_weather').locator('[data-testid="column-header"][data-column="weather"]').getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-top-values')).toContainText('sun');
  await page.keyboard.press('Escape');
  const q = await cellar.addSql('SELECT weather, count(*) AS days FROM seattle_weather GROUP BY weather ORDER BY weather');
  await cellar.expectOk(q);
  const chart = await addChart(cellar, q);
  await hoverMark(cellar, chart);
  await expect(page.locator('#vg-tooltip-element.visible')).toContainText('days');
  const since = await cellar.runId(chart);
  await typeSpec(cellar, chart, { mark: 'bar', encoding: { x: { field: 'weather', type: 'nominal' }, y: { field: 'days', type: 'quantitative' } }, title: 'Days' });
  await drawn(cellar, chart, since);
});

/** The centres (in page pixels) of the drawn bars, a little above the chart's baseline. */
async function barCentres(cellar: Cellar, chart: string): Promise<{ x: number; y: number }[]> {
  const canvas = cellar.block(chart).locator('[data-testid="chart-view"] canvas');
  await expect(canvas).toBeVisible();
  await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  return canvas.evaluate((el: HTMLCanvasElement) => {
    const box = el.getBoundingClientRect();
    const scale = el.width / box.width;
    const context = el.getContext('2d')!;
    // A bar is a run of strongly coloured pixels in a row; axes, labels and grid lines are grey.
    const runs = (row: number) => {
      const px = context.getImageData(0, row, el.width, 1).data;
      const coloured = (i: number) => {
        const [r, g, b, a] = [px[i * 4]!, px[i * 4 + 1]!, px[i * 4 + 2]!, px[i * 4 + 3]!];
        return a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 40;
      };
      const out: { x: number; y: number }[] = [];
      for (let i = 0; i < el.width; i++) {
        if (!coloured(i)) continue;
        let j = i;
        while (j + 1 < el.width && coloured(j + 1)) j++;
        if (j - i > 12 * scale) out.push({ x: box.left + (i + j) / 2 / scale, y: box.top + row / scale });
        i = j;
      }
      return out;
    };
    // Bars stand on the baseline: the lowest row that crosses bars crosses all of them.
    for (let row = el.height - 1; row > 0; row--) {
      if (runs(row).length) return runs(Math.max(0, row - Math.round(6 * scale)));
    }
    return [];
  });
}

async function hoverMark(cellar: Cellar, chart: string): Promise<void> {
  const [bar] = await barCentres(cellar, chart);
  expect(bar, 'a bar drawn').toBeDefined();
  await cellar.page.mouse.move(bar!.x - 10, bar!.y - 10);
  await cellar.page.mouse.move(bar!.x, bar!.y, { steps: 5 });
}

/** A CSV whose column names and cells carry HTML and script links. */
function hostileCsv(): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [
    ['link', IMG, 'note', 'n'].map(quote).join(','),
    [DATA_LINK, IMG, SCRIPT, '1'].map(quote).join(','),
    ['https://example.com/cellar', IMG, 'plain', '2'].map(quote).join(','),
    [JS_LINK, IMG, SCRIPT, '3'].map(quote).join(','),
  ].join('\n');
}

test('HTML and javascript: in column names, cells and chart specs show as text and never run: grid, header tooltip, profile, chart links and tooltips', async ({ cellar, page, context }, testInfo) => {
  test.setTimeout(180_000);
  await cellar.addFiles(writeTestFile(testInfo.outputDir, 'hostile.csv', hostileCsv()));
  await cellar.expectOk('hostile');
  const block = cellar.block('hostile');
  // The grid: names and values as text.
  const row = await cellar.gridRow('hostile', 2);
  expect(Object.values(row)).toEqual(expect.arrayContaining([JS_LINK, IMG, SCRIPT]));
  const header = block.getByTestId('column-header').filter({ hasText: IMG });
  await expect(header).toHaveCount(1);
  await header.locator('.col-name').hover();
  await expect(page.locator('.ag-tooltip, .ag-tooltip-custom').first()).toContainText(IMG);
  // The profile popover: its title and top values.
  await header.getByTestId('profile-button').click();
  await expect(page.getByTestId('column-profile')).toContainText(IMG);
  await expect(page.getByTestId('profile-top-values')).toContainText(IMG);
  await page.keyboard.press('Escape');
  await block.getByTestId('column-header').filter({ hasText: 'note' }).getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-top-values')).toContainText(SCRIPT);
  await page.keyboard.press('Escape');

  // A chart whose bars link to each row's `link` and whose tooltip shows the HTML column.
  const chart = await addChart(cellar, 'hostile');
  let since = await cellar.runId(chart);
  await typeSpec(cellar, chart, {
    mark: { type: 'bar', href: { expr: 'datum.x' } },
    encoding: { x: { field: 'link', type: 'nominal' }, y: { field: 'n', type: 'quantitative' }, color: { field: IMG, type: 'nominal' } },
    title: IMG,
    description: SCRIPT,
  });
  await drawn(cellar, chart, since);
  const bars = await barCentres(cellar, chart);
  expect(bars).toHaveLength(3); // sorted by link: data:, https:, javascript:
  // The tooltip: the column name and the cell value as text.
  await page.mouse.move(bars[0]!.x - 10, bars[0]!.y - 10);
  await page.mouse.move(bars[0]!.x, bars[0]!.y, { steps: 5 });
  const tooltip = page.locator('#vg-tooltip-element.visible');
  await expect(tooltip).toContainText(IMG);
  expect(await tooltip.locator('img, script').count()).toBe(0);
  // Links: an https one opens in a new tab with no way back to this page; data: and javascript: go nowhere.
  const opened: string[] = [];
  context.on('page', (p) => opened.push(p.url()));
  const url = page.url();
  for (const bar of [bars[0]!, bars[2]!]) await page.mouse.click(bar.x, bar.y);
  const popup = context.waitForEvent('page');
  await page.mouse.click(bars[1]!.x, bars[1]!.y);
  const tab = await popup;
  expect(await tab.evaluate(() => window.opener)).toBeNull();
  await tab.close();
  expect(opened).toHaveLength(1);
  expect(page.url()).toBe(url);

  // A spec that names a javascript: link itself, and an href channel, which is refused in words.
  since = await cellar.runId(chart);
  await typeSpec(cellar, chart, { mark: { type: 'bar', href: JS_LINK }, encoding: { x: { field: 'link', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } } });
  await drawn(cellar, chart, since);
  for (const bar of await barCentres(cellar, chart)) await page.mouse.click(bar.x, bar.y);
  await typeSpec(cellar, chart, { mark: 'bar', encoding: { x: { field: 'link' }, href: { field: 'link' } } });
  await expect(cellar.block(chart).getByTestId('chart-spec-error')).toContainText('encoding.href');
  await typeSpec(cellar, chart, { mark: IMG, encoding: {} });
  await expect(cellar.block(chart).getByTestId('chart-spec-error')).toContainText(IMG);
  expect(opened).toHaveLength(1);
  expect(page.url()).toBe(url);
  await expect(page.locator('img[src="x"], body script:not([src])')).toHaveCount(0);
});

/** A `#w=` link of `doc` (the format of src/workbook/share/link.ts: length, header JSON, zlib, base64url). */
function linkOf(doc: unknown): string {
  const json = Buffer.from(JSON.stringify({ v: 1, doc, files: [], missing: [] }));
  const raw = Buffer.alloc(4 + json.length);
  raw.writeUInt32BE(json.length, 0);
  json.copy(raw, 4);
  return `/#w=1.${deflateSync(raw).toString('base64url')}`;
}

test('a link whose block names and file names carry HTML shows them as text in its notice and errors', async ({ cellar, page }) => {
  const cell = await cellar.addCell();
  const doc = (await page.evaluate(() => window.cellar.document())) as { blocks: { name: string }[] };
  doc.blocks = doc.blocks.map((b) => (b.name === cell ? { ...b, name: IMG } : b));
  await page.goto('about:blank');
  await page.goto(linkOf(doc));
  await page.evaluate(() => window.cellar.ready);
  await expect(page.getByTestId('notice').filter({ hasText: 'could not be opened' })).toContainText(IMG);

  // A file named with HTML: its table's name is sanitized, and its error names the file as text.
  await cellar.dropFiles([{ name: `${IMG}.parquet`, bytes: Buffer.from('not a parquet file') }]);
  const bad = page.locator('[data-testid="block"][data-block-kind="table"]').last();
  await expect(bad.getByTestId('block-error')).toContainText(IMG, { timeout: 60_000 });
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});
