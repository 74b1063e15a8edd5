// Charts (issue 5): picking a field in a chart's form → the chart drawn, over flights-3m (3M rows)
// and the generated big-10m.parquet (10M rows), in the app; the same SQL (the chart's own, from
// its "SQL" panel) in native DuckDB; and the bytes of data the page received for each chart.
// Driven through the DOM as a person does it; timed inside the page.
import { evaluate, ingest } from './browser.mjs';
import { FILES } from './data.mjs';
import { open, timeQuery } from './native.mjs';

const TIMEOUT = 120_000;
const sel = (name) => `[data-testid="block"][data-block-name="${name}"]`;

/**
 * The picks, in turn, per table: [select's test id, value, what it draws]. Each changes the
 * number of marks, so "drawn" is told apart from the chart before it.
 */
export const PICKS = {
  flights_3m: [
    ['chart-fn-x', 'yearmonth', 'mean delay by month (7 bars)'],
    ['chart-field-x', 'origin', 'mean delay by origin airport (229 bars)'],
    ['chart-field-x', 'destination', 'mean delay by destination airport'],
    ['chart-field-x', 'distance', 'mean delay by distance (one point per distance)'],
  ],
  big_10m: [
    ['chart-field-x', 'grp', 'mean v by grp (50 bars)'],
    ['chart-field-x', 'k', 'mean v by k (1,000 points)'],
    ['chart-fn-x', 'bin', 'mean v by binned k'],
  ],
};

/** Sets a select in the chart's form and waits until the new chart is drawn; ms from the change to that frame. */
function timePick(page, chart, testId, value) {
  return evaluate(page, ({ block, testId, value, timeout }) => new Promise((resolve, reject) => {
    const root = document.querySelector(block);
    const view = () => root.querySelector('[data-testid="chart-view"]');
    const before = view()?.getAttribute('data-points');
    const beforeSql = root.querySelector('[data-testid="chart-sql"]')?.textContent;
    let t0 = 0;
    const drawn = () => {
      const v = view();
      const status = root.querySelector('[data-testid="block-status"]')?.textContent ?? '';
      const sql = root.querySelector('[data-testid="chart-sql"]')?.textContent;
      return v?.getAttribute('data-rendered') === 'true' && status.startsWith('ok') && (sql !== beforeSql || v.getAttribute('data-points') !== before);
    };
    const finish = () => {
      if (!drawn()) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - t0));
    };
    const observer = new MutationObserver(finish);
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${testId}=${value}: not drawn in ${timeout / 1000} s`));
    }, timeout);
    const select = root.querySelector(`[data-testid="${testId}"]`);
    t0 = performance.now();
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }), { block: sel(chart), testId, value, timeout: TIMEOUT }, `pick ${testId}=${value}`);
}

/** Adds a chart of `table` (the Add block menu) and waits for its first drawing; returns its name. */
async function addChart(page, table) {
  await page.locator('[data-testid="add-block"]').click();
  await page.locator('[data-testid="add-chart"]').click();
  const name = `${table}_chart`;
  await page.locator(`${sel(name)} [data-testid="chart-view"][data-rendered="true"]`).waitFor({ timeout: TIMEOUT });
  await page.locator(`${sel(name)} [data-testid="show-sql"]`).click();
  return name;
}

/** Sets the chart's y to the mean of `field` before timing (not timed). */
async function setY(page, chart, field) {
  await page.locator(`${sel(chart)} [data-testid="chart-mark"]`).selectOption('bar');
  await page.locator(`${sel(chart)} [data-testid="chart-field-y"]`).selectOption(field);
  await page.locator(`${sel(chart)} [data-testid="chart-fn-y"]`).selectOption('mean');
  await page.locator(`${sel(chart)} [data-testid="chart-view"][data-rendered="true"]`).waitFor({ timeout: TIMEOUT });
}

async function picks(page, table, y, reps, log) {
  const chart = await addChart(page, table);
  await setY(page, chart, y);
  const out = [];
  for (const [testId, value, what] of PICKS[table]) {
    const item = { what, testId, value, ms: [], direct: [], points: 0, bytes: 0, sql: '' };
    // The warm-up pick, then `reps` timed ones, each after setting the value back.
    const back = await page.locator(`${sel(chart)} [data-testid="${testId}"]`).inputValue();
    for (let i = 0; i < reps + 1; i++) {
      const ms = await timePick(page, chart, testId, value);
      if (i > 0) item.ms.push(ms);
      if (i < reps) await timePick(page, chart, testId, back);
    }
    item.points = Number(await page.locator(`${sel(chart)} [data-testid="chart-view"]`).getAttribute('data-points'));
    item.bytes = Number(await page.locator(`${sel(chart)} [data-testid="chart-view"]`).getAttribute('data-bytes'));
    item.sql = await page.locator(`${sel(chart)} [data-testid="chart-sql"]`).textContent();
    // The chart's data query alone, in the page's DuckDB, for the side-by-side with native.
    item.direct = [];
    for (let i = 0; i < reps + 1; i++) {
      const t = await evaluate(page, async (sql) => {
        const t0 = performance.now();
        await window.cellar.query(sql);
        return performance.now() - t0;
      }, item.sql);
      if (i > 0) item.direct.push(t);
    }
    log(`  ${table}: ${what}: ${item.ms.map((x) => x.toFixed(0)).join(', ')} ms; ${item.points} marks, ${item.bytes} bytes`);
    out.push(item);
  }
  return out;
}

/** The browser side: a fresh page, flights-3m and big-10m through the file input, a chart of each. */
export async function runChartsBrowser({ page, reps, log }) {
  const out = { errors: {}, picks: {} };
  for (const [file, y] of [[FILES.flights, 'delay'], [FILES.big, 'v']]) {
    try {
      await ingest(page, file);
      out.picks[file.table] = await picks(page, file.table, y, reps, log);
    } catch (e) {
      out.errors[file.table] = String(e?.message ?? e).split('\n')[0];
      log(`  charts over ${file.table} failed: ${out.errors[file.table]}`);
    }
  }
  return out;
}

/** Native DuckDB: the same chart SQL on the same files (the chart's SQL as the app showed it). */
export async function runChartsNative({ threads, reps, browser, log }) {
  const out = { errors: {}, ms: {} };
  const db = await open(threads);
  try {
    await db.conn.run(`CREATE TABLE flights_3m AS SELECT * FROM read_parquet('${FILES.flights.path}')`);
    await db.conn.run(`CREATE TABLE big_10m AS SELECT * FROM read_parquet('${FILES.big.path}')`);
    for (const [table, items] of Object.entries(browser.picks ?? {})) {
      for (const item of items) {
        const samples = [];
        for (let i = 0; i < reps + 1; i++) {
          const t = await timeQuery(db.conn, item.sql);
          if (i > 0) samples.push(t);
        }
        out.ms[`${table}:${item.testId}=${item.value}`] = samples;
      }
    }
    log(`  native: ${Object.values(out.ms).map((xs) => xs.map((x) => x.toFixed(0)).join('/')).join('; ')} ms`);
  } catch (e) {
    out.errors.native = String(e?.message ?? e).split('\n')[0];
  } finally {
    db.close();
  }
  return out;
}
