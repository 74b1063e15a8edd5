import { launchChromium, startPreview } from './browser.mjs';
const server = await startPreview(); const browser = await launchChromium();
const files = process.argv.slice(2);
try {
    const ctx = await browser.newContext(); const page = await ctx.newPage();
    await page.goto(server.url); await page.evaluate(() => window.cellar.ready);
  for (const f of files) {
    const name = f.split('/').pop().replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_]/g, '_');
    const t = performance.now();
    await page.setInputFiles('[data-testid=file-input]', f);
    const h = await page.waitForFunction((sel) => { const t = document.querySelector(sel)?.textContent ?? ''; return /^(ok|error)/.test(t) ? t : false; }, `[data-block-name="${name}"] [data-testid=block-status]`, { polling: 50, timeout: 120000 });
    const st = await h.jsonValue();
    console.log(f, Math.round(performance.now() - t), st, st.startsWith('error') ? await page.locator(`[data-block-name="${name}"] [data-testid=block-error]`).textContent() : '');
    const workers = page.workers().length; console.log('  workers in page:', workers);
  }
} finally { await browser.close(); server.stop(); }
