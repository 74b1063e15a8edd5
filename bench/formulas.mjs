// Formulas (issue 4): spreadsheet formulas over flights-3m in the app, the same SQL in native
// DuckDB, and the same SUMIFS in a JavaScript spreadsheet function library (formulajs) over 1M
// rows, in one run. Driven through the DOM as a person does it (the test contract's handles);
// timed inside the page.
//
//  column:  "+ Column" on flights_3m, a formula typed in, Enter → the new column's first rows on
//           screen; then the formula over all 3M rows (a count over it) and a sort by it.
//  sumifs:  a formula cell =SUMIFS(flights_3m[delay], flights_3m[origin], "SFO", flights_3m[distance], ">" & min_distance)
//           fed by a value cell; each change of min_distance → the new sum on screen.
import * as formulajs from '@formulajs/formulajs';
import { evaluate, ingest, query } from './browser.mjs';
import { FILES } from './data.mjs';
import { open, timeQuery } from './native.mjs';
import { addBlock, rename, setCell } from './workbook.mjs';

const TIMEOUT = 120_000;
export const COLUMN_FORMULA = '=IF([delay] > 60, "late", "on time")';
export const SUMIFS_FORMULA = '=SUMIFS(flights_3m[delay], flights_3m[origin], "SFO", flights_3m[distance], ">" & min_distance)';
const DISTANCES = [500, 1000, 250, 1500, 750, 2000, 100, 1200, 300, 900, 1800, 50];
/** The SQL the SUMIFS cell compiles to (the app's own text, from compileFormula), for native and the page. */
export const sumifsSql = (table, min) => `SELECT ${sumifsExpr(table, min)} AS v`;
/** Kept equal to what compileFormula makes of SUMIFS_FORMULA by a unit test (src/workbook/formula-integration.test.ts). */
export const sumifsExpr = (table, min) =>
  `COALESCE((SELECT sum(CAST(_r1."delay" AS DOUBLE)) FILTER (WHERE (_r1."origin" IS NOT NULL AND lower(_r1."origin") = 'sfo') AND ` +
  `(CAST(_r1."distance" AS DOUBLE) IS NOT NULL AND COALESCE(CAST(_r1."distance" AS DOUBLE), 0) > CAST(${min} AS DOUBLE))) FROM "${table}" AS _r1), 0)`;

const sel = (name) => `[data-testid="block"][data-block-name="${name}"]`;

/** Waits in the page until `check()` holds, then one frame; ms from t0 (set by `act`) to that frame. */
function timeUntil(page, { act, check, what }) {
  return evaluate(page, ({ act, check, timeout, what }) => new Promise((resolve, reject) => {
    // eslint-disable-next-line no-new-func
    const holds = new Function(`return (${check})`)();
    // eslint-disable-next-line no-new-func
    const run = new Function(`return (${act})`)();
    let t0 = 0;
    let done = false;
    const finish = () => {
      if (done || !holds()) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - t0));
    };
    const observer = new MutationObserver(finish);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${what}: not on screen in ${timeout / 1000} s`));
    }, timeout);
    t0 = performance.now();
    run();
  }), { act: act.toString(), check: check.toString(), timeout: TIMEOUT, what }, what);
}

/** Types into a CodeMirror editor (a formula input) with the browser's editing commands. */
async function typeInto(page, selector, text) {
  await page.locator(selector).click();
  await evaluate(page, ({ selector, text }) => {
    document.querySelector(selector).focus();
    document.execCommand('selectAll');
    document.execCommand('insertText', false, text);
  }, { selector, text });
}

async function formulaColumn(page, reps, log) {
  const block = sel('flights_3m');
  const out = { add: [], full: [], sort: [], sql: null };
  for (let i = 0; i < reps + 1; i++) {
    const name = `status${i}`;
    await page.locator(`${block} [data-testid="add-column"]`).click();
    await page.locator(`${block} [data-testid="formula-column-name"]`).fill(name);
    await typeInto(page, `${block} [data-testid="formula-column-input"]`, COLUMN_FORMULA);
    const ms = await timeUntil(page, {
      what: `formula column ${name}`,
      act: `() => document.querySelector('${block} [data-testid="formula-column-input"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }))`,
      check: `() => { const b = document.querySelector('${block}'); const c = b?.querySelector('[role="row"][row-index="0"] [col-id="${name}"]')?.textContent; return (b?.querySelector('[data-testid="block-status"]')?.textContent ?? '').startsWith('ok') && (c === 'late' || c === 'on time'); }`,
    });
    // The formula over every row: what a filter or a chart over the column costs.
    const t = await evaluate(page, async (n) => {
      const t0 = performance.now();
      await window.cellar.query(`SELECT count(*) FILTER (WHERE "${n}" = 'late') AS late FROM flights_3m`);
      return performance.now() - t0;
    }, name);
    if (i > 0) {
      out.add.push(ms);
      out.full.push(t);
    }
    if (!out.sql) {
      await page.locator(`${block} [data-testid="show-sql"]`).click();
      out.sql = (await page.locator(`${block} [data-testid="formula-sql"]`).textContent()).split('\n-- errors')[0];
    }
    // Sorting by it: ORDER BY the formula over 3M rows, for the grid's first page.
    const sortMs = await timeUntil(page, {
      what: `sort by ${name}`,
      act: `() => document.querySelector('${block} [data-testid="column-header"][data-column="${name}"] .col-name').click()`,
      check: `() => document.querySelector('${block} [role="row"][row-index="0"] [col-id="${name}"]')?.textContent === 'late'`,
    });
    if (i > 0) out.sort.push(sortMs);
    // Back to one column and no sort, so every repetition starts alike.
    await page.locator(`${block} [data-testid="column-header"][data-column="${name}"] .col-name`).click();
    await page.locator(`${block} [data-testid="column-header"][data-column="${name}"] .col-name`).click();
    await page.locator(`${block} [data-testid="formula-column-delete"]`).click();
    await page.waitForFunction((b) => (document.querySelector(`${b} [data-testid="block-status"]`)?.textContent ?? '').startsWith('ok'), block, { timeout: TIMEOUT });
    await page.waitForFunction(({ b, n }) => !document.querySelector(`${b} [data-testid="column-header"][data-column="${n}"]`), { b: block, n: name }, { timeout: TIMEOUT });
    log(`  formula column ${i === 0 ? '(warm-up)' : i}: ${ms.toFixed(0)} ms to the first rows, ${t.toFixed(0)} ms over all rows, sort ${sortMs.toFixed(0)} ms`);
  }
  return out;
}

async function sumifsCell(page, reps, log) {
  const min = await addBlock(page, 'cell');
  await rename(page, min, 'min_distance');
  await setCell(page, 'min_distance', String(DISTANCES[0]));
  const cell = await addBlock(page, 'cell');
  await typeInto(page, `${sel(cell)} [data-testid="cell-input"]`, SUMIFS_FORMULA);
  await page.locator(`${sel(cell)} [data-testid="cell-input"]`).press('Enter');
  const expected = async (d) => {
    const [{ v }] = await query(page, sumifsSql('flights_3m', d));
    return String(Number(Number(v).toPrecision(15)));
  };
  await page.waitForFunction(({ s, v }) => document.querySelector(`${s} [data-testid="cell-value"]`)?.textContent === v, { s: sel(cell), v: await expected(DISTANCES[0]) }, { timeout: TIMEOUT });
  const out = { latency: [], direct: [], values: [] };
  for (let i = 1; i <= reps + 1; i++) {
    const d = DISTANCES[i % DISTANCES.length];
    const want = await expected(d);
    const ms = await timeUntil(page, {
      what: `SUMIFS with min_distance ${d}`,
      act: `() => { const input = document.querySelector('${sel('min_distance')} [data-testid="cell-input"]'); input.focus(); document.execCommand('selectAll'); document.execCommand('insertText', false, '${d}'); input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true })); }`,
      check: `() => document.querySelector('${sel(cell)} [data-testid="cell-value"]')?.textContent === '${want}'`,
    });
    const direct = await evaluate(page, async (sql) => {
      const t0 = performance.now();
      await window.cellar.query(sql);
      return performance.now() - t0;
    }, sumifsSql('flights_3m', d));
    if (i > 1) {
      out.latency.push(ms);
      out.direct.push(direct);
      out.values.push(d);
    }
    log(`  SUMIFS cell ${i === 1 ? '(warm-up)' : i - 1}: ${ms.toFixed(0)} ms to the new sum on screen (${want}); the SQL alone ${direct.toFixed(0)} ms`);
  }
  // The same SUMIFS over the first 1M rows, for the side-by-side with formulajs.
  await query(page, 'CREATE OR REPLACE TABLE flights_1m AS SELECT * FROM flights_3m LIMIT 1000000');
  out.direct1m = [];
  for (let i = 0; i < reps + 1; i++) {
    const t = await evaluate(page, async (sql) => {
      const t0 = performance.now();
      await window.cellar.query(sql);
      return performance.now() - t0;
    }, sumifsSql('flights_1m', 500));
    if (i > 0) out.direct1m.push(t);
  }
  const [{ v }] = await query(page, sumifsSql('flights_1m', 500));
  out.value1m = Number(v);
  return out;
}

/** The browser side: a fresh page, flights-3m through the file input, then both workbooks. */
export async function runFormulasBrowser({ page, reps, log }) {
  const out = { errors: {} };
  await ingest(page, FILES.flights);
  try {
    out.column = await formulaColumn(page, reps, log);
  } catch (e) {
    out.errors.formulaColumn = String(e?.message ?? e).split('\n')[0];
    log(`  formula column failed: ${out.errors.formulaColumn}`);
  }
  try {
    out.sumifs = await sumifsCell(page, reps, log);
  } catch (e) {
    out.errors.sumifs = String(e?.message ?? e).split('\n')[0];
    log(`  SUMIFS cell failed: ${out.errors.sumifs}`);
  }
  return out;
}

/**
 * Native DuckDB on the same file and SQL (the formula column's compiled SQL, taken from the app's
 * "Show SQL"); and formulajs's SUMIFS over the same first 1M rows, as plain JS arrays.
 */
export async function runFormulasNative({ threads, reps, columnSql, log }) {
  const out = { errors: {}, full: [], sumifs: [], sumifs1m: [], formulajs: [] };
  const db = await open(threads);
  try {
    await db.conn.run(`CREATE TABLE flights_3m AS SELECT * FROM read_parquet('${FILES.flights.path}')`);
    await db.conn.run('CREATE TABLE flights_1m AS SELECT * FROM flights_3m LIMIT 1000000');
    if (columnSql) await db.conn.run(`CREATE VIEW flights_status AS SELECT _b.*, ${columnSql} AS status FROM flights_3m AS _b`);
    for (let i = 0; i < reps + 1; i++) {
      const f = columnSql ? await timeQuery(db.conn, "SELECT count(*) FILTER (WHERE status = 'late') AS late FROM flights_status") : null;
      const s = await timeQuery(db.conn, sumifsSql('flights_3m', DISTANCES[(i + 1) % DISTANCES.length]));
      const s1 = await timeQuery(db.conn, sumifsSql('flights_1m', 500));
      if (i > 0) {
        if (f !== null) out.full.push(f);
        out.sumifs.push(s);
        out.sumifs1m.push(s1);
      }
    }
    // formulajs gets what a spreadsheet holds: one JS array per column, 1M values each.
    const rows = (await db.conn.runAndReadAll('SELECT delay, origin, distance FROM flights_1m')).getColumnsJS();
    const [delay, origin, distance] = rows.map((c) => c.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    for (let i = 0; i < reps + 1; i++) {
      const t = performance.now();
      const v = formulajs.SUMIFS(delay, origin, 'SFO', distance, '>500');
      const ms = performance.now() - t;
      if (i > 0) out.formulajs.push(ms);
      out.formulajsValue = v;
    }
    const [{ v }] = (await db.conn.runAndReadAll(sumifsSql('flights_1m', 500))).getRowObjectsJS();
    out.value1m = Number(v);
    log(`  native: formula over all rows ${out.full.map((x) => x.toFixed(0)).join(', ')} ms; SUMIFS 3M ${out.sumifs.map((x) => x.toFixed(0)).join(', ')} ms; formulajs SUMIFS 1M ${out.formulajs.map((x) => x.toFixed(0)).join(', ')} ms`);
  } catch (e) {
    out.errors.native = String(e?.message ?? e).split('\n')[0];
  } finally {
    db.close();
  }
  return out;
}
