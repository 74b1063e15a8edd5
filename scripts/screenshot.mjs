// Takes docs/screenshot.png: the built app with flights-3m, a cell, a SQL block reading both, and a profile.
// Run `npx vite build` first; it serves dist/ with `vite preview` itself.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';

const PORT = 4179;
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 2000));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 960 } });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.evaluate(() => window.cellar.ready);
  await page.getByTestId('file-input').setInputFiles('node_modules/vega-datasets/data/flights-3m.parquet');
  await page.locator('[data-block-name="flights_3m"] [data-testid="block-status"]').filter({ hasText: /^ok/ }).waitFor();
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-cell').click();
  await page.locator('[data-block-name="cell1"] [data-testid="block-name"]').click();
  await page.getByTestId('rename-input').fill('min_delay');
  await page.getByTestId('rename-input').press('Enter');
  await page.locator('[data-block-name="min_delay"] [data-testid="cell-control"]').selectOption('slider');
  const slider = page.locator('[data-block-name="min_delay"] [data-testid="cell-input"]');
  await slider.focus();
  for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
  await page.getByTestId('add-block').click();
  await page.getByTestId('add-sql').click();
  const editor = page.getByTestId('sql-editor');
  await editor.click();
  await editor.press('Control+A');
  await page.keyboard.insertText(
    'SELECT origin, count(*) AS late_flights, round(avg(delay), 1) AS avg_delay\nFROM flights_3m\nWHERE delay > $min_delay\nGROUP BY origin\nORDER BY late_flights DESC',
  );
  await editor.press('Control+Enter');
  await page.locator('[data-block-name="query1"] [data-testid="block-status"]').filter({ hasText: /^ok/ }).waitFor();
  await page.locator('[data-block-name="flights_3m"] [data-column="delay"] [data-testid="profile-button"]').click();
  await page.getByTestId('profile-histogram').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
} finally {
  await browser.close();
  server.kill();
}
