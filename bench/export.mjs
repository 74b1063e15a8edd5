// Export of 1M rows (flights-3m.parquet, first 1M rows by a SQL block) to CSV and to Parquet, in
// the built app in headless Chromium, through the Export menu as a person clicks it. Two sinks:
// `download` (the Blob path: the File System Access API hidden) and `file` (showSaveFilePicker
// answered with a file in the origin-private file system, so bytes stream to disk as with a
// picked file). Reports the time from the click to "Exported", and the page's peak JS heap during
// it: CDP Runtime.getHeapUsage sampled every 50 ms, V8 heap used plus array-buffer backing stores
// (DuckDB's and the Parquet writer's memory are in their workers, not counted here).
//   npx vite build --outDir dist-h5 && [ROWS=1000000] node bench/export.mjs [dist-h5] [port]
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const DIST = process.argv[2] ?? 'dist-h5';
const PORT = Number(process.argv[3] ?? 4195);
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const FLIGHTS = join('node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST], { stdio: 'ignore', detached: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ acceptDownloads: true });
  for (let i = 0; ; i++) {
    try {
      await page.goto(`http://127.0.0.1:${PORT}/`);
      break;
    } catch (e) {
      if (i > 30) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  await page.evaluate(() => window.cellar.ready);
  const block = (name) => page.locator(`[data-testid="block"][data-block-name="${name}"]`);
  const ok = (name) => block(name).getByTestId('block-status').filter({ hasText: /^ok/ }).waitFor({ timeout: 300_000 });
  await page.getByTestId('file-input').setInputFiles(FLIGHTS);
  await ok('flights_3m');
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sql').click();
  const sql = page.locator('[data-testid="block"][data-block-kind="sql"]').last();
  const name = await sql.getAttribute('data-block-name');
  await sql.getByTestId('sql-editor').click();
  await sql.getByTestId('sql-editor').press('Control+A');
  await sql.getByTestId('sql-editor').press('Delete');
  await page.keyboard.insertText(`SELECT * FROM flights_3m LIMIT ${ROWS}`);
  await sql.getByTestId('sql-editor').press('Control+Enter');
  await ok(name);

  const cdp = await page.context().newCDPSession(page);
  const rows = [];
  for (const sink of ['download', 'file']) {
    await page.evaluate((mode) => {
      const picker =
        mode === 'file'
          ? async ({ suggestedName }) => (await navigator.storage.getDirectory()).getFileHandle(suggestedName, { create: true })
          : undefined;
      Object.defineProperty(window, 'showSaveFilePicker', { value: picker, configurable: true });
    }, sink);
    for (const format of ['csv', 'parquet']) {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = async () => {
        const h = await cdp.send('Runtime.getHeapUsage');
        return h.usedSize + (h.backingStorageSize ?? 0);
      };
      const base = await heap();
      let peak = base;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, await heap());
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      await block(name).getByTestId('export-button').click();
      const download = sink === 'download' ? page.waitForEvent('download', { timeout: 300_000 }) : undefined;
      const t0 = Date.now();
      await block(name).getByTestId(`export-${format}`).click();
      await block(name).getByTestId('export-status').filter({ hasText: /Exported|failed/ }).waitFor({ timeout: 300_000 });
      const ms = Date.now() - t0;
      sampling = false;
      await sampler;
      const status = await block(name).getByTestId('export-status').textContent();
      const file = `${name}.${format}`;
      const bytes = download
        ? statSync(await (await download).path()).size
        : await page.evaluate(async (f) => (await (await (await navigator.storage.getDirectory()).getFileHandle(f)).getFile()).size, file);
      rows.push({ sink, format, seconds: (ms / 1000).toFixed(1), file: mb(bytes), heapBefore: mb(base), heapPeak: mb(peak), status: status?.trim() });
      console.log(rows.at(-1));
    }
  }
  console.table(rows);
} finally {
  await browser.close();
  process.kill(-server.pid);
}
