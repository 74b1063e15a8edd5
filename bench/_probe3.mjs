import { launchChromium, startPreview } from './browser.mjs';
const server = await startPreview(); const browser = await launchChromium();
try {
  for (const threads of [1, 4, 1, 4]) {
    const ctx = await browser.newContext(); const page = await ctx.newPage();
    await page.goto(server.url); await page.evaluate(() => window.cellar.ready);
    await page.evaluate((t) => window.cellar.query(`SET threads = ${t}`), threads);
    const f = '/work/main/bench/.data/rows-1m.csv', name = 'rows_1m';
    const t = performance.now();
    await page.setInputFiles('[data-testid=file-input]', f);
    const h = await page.waitForFunction((sel) => { const t = document.querySelector(sel)?.textContent ?? ''; return /^(ok|error)/.test(t) ? t : false; }, `[data-block-name="${name}"] [data-testid=block-status]`, { polling: 50, timeout: 120000 });
    const st = await h.jsonValue();
    console.log('threads', threads, Math.round(performance.now() - t), st, st.startsWith('error') ? (await page.locator(`[data-block-name="${name}"] [data-testid=block-error]`).textContent()).slice(0, 120) : '');
    await ctx.close();
  }
} finally { await browser.close(); server.stop(); }
