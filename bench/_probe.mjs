import { launchChromium, startPreview } from './browser.mjs';
const server = await startPreview(); const browser = await launchChromium();
const files = process.argv.slice(2);
try {
  for (let i = 0; i < 2; i++) for (const f of files) {
    const ctx = await browser.newContext(); const page = await ctx.newPage();
    page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') console.log('  console:', m.type(), m.text().slice(0, 300)); });
    page.on('pageerror', e => console.log('  pageerror', e.message));
    await page.goto(server.url); await page.evaluate(() => window.cellar.ready);
    const name = f.split('/').pop().replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_]/g, '_');
    const t = performance.now();
    await page.setInputFiles('[data-testid=file-input]', f);
    const h = await page.waitForFunction((sel) => { const t = document.querySelector(sel)?.textContent ?? ''; return /^(ok|error)/.test(t) ? t : false; }, `[data-block-name="${name}"] [data-testid=block-status]`, { polling: 50, timeout: 120000 });
    const st = await h.jsonValue();
    console.log(i, f, Math.round(performance.now() - t), st, st.startsWith('error') ? await page.locator(`[data-block-name="${name}"] [data-testid=block-error]`).textContent() : '');
    await ctx.close();
  }
} finally { await browser.close(); server.stop(); }
