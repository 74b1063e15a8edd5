import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
page.on('console', m => console.log('console:', m.text().slice(0, 200)));
await page.goto('http://127.0.0.1:4173/'); await page.evaluate(() => window.cellar.ready);
await page.getByTestId('add-block').click(); await page.getByTestId('add-sql').click();
const ed = page.getByTestId('sql-editor'); await ed.click(); await ed.press('Control+A'); await ed.press('Delete');
await page.keyboard.insertText('SELECT sum(hash(i) % 7) AS s FROM range(20000000000) t(i)');
await ed.press('Control+Enter');
await page.waitForTimeout(1500);
await page.getByTestId('cancel-block').click();
const t = Date.now();
for (let i = 0; i < 20; i++) {
  await page.waitForTimeout(500);
  const r = await page.evaluate(async () => { try { await window.cellar.query('CREATE OR REPLACE TABLE query1 AS SELECT 1 AS x'); return 'ok'; } catch (e) { return String(e.message).slice(0, 80); } });
  console.log(Date.now() - t, r);
  if (r === 'ok') break;
}
await browser.close();
