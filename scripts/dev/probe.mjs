import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('console', m => console.log('console:', m.type(), m.text().slice(0, 300)));
page.on('pageerror', e => console.log('pageerror:', e.message));
page.on('request', r => { if (!r.url().startsWith('http://127.0.0.1:4173')) console.log('EXTERNAL', r.url()); });
await page.goto('http://127.0.0.1:4173/');
const t0 = Date.now();
await page.evaluate(() => window.cellar.ready);
console.log('ready in', Date.now() - t0, await page.evaluate(() => window.cellar.engine()));
const D = 'node_modules/vega-datasets/data/';
const files = process.argv.slice(2);
for (const f of files) {
  const t = Date.now();
  await page.setInputFiles('[data-testid=file-input]', f.startsWith('/') ? f : D + f);
  const name = f.split('/').pop().replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  const block = page.locator(`[data-testid=block][data-block-name="${name}"]`);
  await block.locator('[data-testid=block-status]').filter({ hasText: /^(ok|error)/ }).waitFor({ timeout: 120000 });
  console.log(f, Date.now() - t, 'ms', await block.locator('[data-testid=block-status]').textContent(), await block.locator('[data-testid=row-count]').textContent().catch(() => '-'), await block.locator('[data-testid=block-error]').textContent().catch(() => ''));
}
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/shot.png' });
await browser.close();
