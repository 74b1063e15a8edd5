// The reactive workbook (issue 3): how long from a person changing a cell until the result that
// depends on it is on screen. Built and driven the way a person does it, through the DOM (the
// test contract's data-testids, as in e2e/support/cellar.ts); timed inside the page.
//
//  aggregate: a value cell feeding one SQL block that aggregates flights_3m (3M rows).
//  chain:     a value cell feeding 20 light SQL blocks in a row (block k reads block k-1). Its
//             overhead is the latency minus the 20 statements' own time, each run directly in the
//             same page's DuckDB (window.cellar.query), right after the change it is paired with.
//
// Native DuckDB runs the same statements for context (runWorkbookNative).
import { loadavg } from 'node:os';
import { errorText, evaluate, ingest, query, sleep, withApp } from './browser.mjs';
import { FILES } from './data.mjs';
import { open, timeQuery } from './native.mjs';

const CHAIN_LENGTH = 20;
const CHANGE_TIMEOUT = 60_000; // one cell change → result on screen
const SETUP_TIMEOUT = 90_000;

// Cell values: the first is set while building the workbook, the next is the untimed warm-up
// change, then the timed ones. Every value differs from the one before, so each change shows.
const AGGREGATE_VALUES = [5, 15, 0, 30, 10, 60, 20, 90, 45, 120, 2, 75, 25];
const CHAIN_VALUES = [1, 100, 7, 3, 12, 5, 40, 9, 21, 2, 64, 11, 30];

export const AGGREGATE_SQL = 'SELECT origin, count(*) AS n, avg(delay) AS mean_delay FROM flights_3m WHERE delay > $min_delay GROUP BY origin ORDER BY n DESC';
export const chainSql = (k, prev) => (k === 1 ? 'SELECT $x AS v' : `SELECT v + 1 AS v FROM ${prev}`);

/** What the app sends for a SQL block (blockStatement in src/workbook/sql-block.ts). */
const blockStatement = (name, sql) => `CREATE OR REPLACE TABLE "${name.replaceAll('"', '""')}" AS\n${sql.replace(/;\s*$/, '')}`;
/**
 * The same, run directly: the app binds a whole-number cell as a BIGINT (setVariableStatement in
 * src/engine/analyze.ts); window.cellar.query takes no parameters, so the value goes in as a literal.
 */
const directStatement = (name, sql, param, value) => blockStatement(name, sql.replaceAll(`$${param}`, `CAST(${value} AS BIGINT)`));

const chainStatements = (names, x) => names.map((name, i) => directStatement(name, chainSql(i + 1, names[i - 1]), 'x', x));

// ---------------------------------------------------------------- driving the app like a person

const blockSel = (name) => `[data-testid="block"][data-block-name="${name}"]`;

/** add-block → add-sql / add-cell; returns the new block's name. */
export async function addBlock(page, kind) {
  const before = await page.getByTestId('block').count();
  await page.getByTestId('add-block').click();
  await page.getByTestId(kind === 'cell' ? 'add-cell' : 'add-sql').click();
  const handle = await page.waitForFunction(
    ({ n, kind }) => {
      const b = document.querySelectorAll('[data-testid="block"]')[n];
      return b?.getAttribute('data-block-kind') === kind ? b.getAttribute('data-block-name') : false;
    },
    { n: before, kind },
    { timeout: SETUP_TIMEOUT },
  );
  return handle.jsonValue();
}

export async function rename(page, from, to) {
  await page.locator(`${blockSel(from)} [data-testid="block-name"]`).click();
  const input = page.getByTestId('rename-input');
  await input.fill(to);
  await input.press('Enter');
  await page.locator(blockSel(to)).waitFor({ timeout: SETUP_TIMEOUT });
}

export async function setCell(page, name, text) {
  const input = page.locator(`${blockSel(name)} [data-testid="cell-input"]`);
  await input.fill(text);
  await input.press('Enter');
  await page.waitForFunction(
    ({ sel, text }) => document.querySelector(`${sel} [data-testid="cell-value"]`)?.textContent === text,
    { sel: blockSel(name), text },
    { timeout: SETUP_TIMEOUT },
  );
}

/** Replaces a SQL block's text in its editor and runs it with Ctrl+Enter. */
export async function setSql(page, name, sql) {
  const editor = page.locator(`${blockSel(name)} [data-testid="sql-editor"]`);
  await editor.click();
  await editor.press('Control+A');
  await editor.press('Delete');
  await page.keyboard.insertText(sql);
  await editor.press('Control+Enter');
}

/** Waits until a block is ok and its grid's first row shows `expected` in column `col`. */
export async function waitForResult(page, name, col, expected) {
  try {
    await page.waitForFunction(
      ({ sel, col, expected }) => {
        const b = document.querySelector(sel);
        const status = b?.querySelector('[data-testid="block-status"]')?.textContent ?? '';
        const cell = b?.querySelector(`[role="row"][row-index="0"] [role="gridcell"][col-id="${col}"]`)?.textContent?.trim();
        return status.startsWith('ok') && cell === expected;
      },
      { sel: blockSel(name), col, expected },
      { polling: 20, timeout: SETUP_TIMEOUT },
    );
  } catch (e) {
    throw new Error(`${name} never showed ${col} = ${expected}: ${await blockText(page, name)} (${errorText(e)})`);
  }
}

/** What a block shows: its status, and its error if it has one. */
const blockText = (page, name) =>
  page.evaluate((sel) => {
    const b = document.querySelector(sel);
    if (!b) return 'no such block';
    const status = b.querySelector('[data-testid="block-status"]')?.textContent ?? '(no status)';
    const error = b.querySelector('[data-testid="block-error"]');
    const cell = b.querySelector('[role="row"][row-index="0"] [role="gridcell"]')?.textContent;
    return `status "${status}"${error ? `, error "${(error.querySelector('pre') ?? error).textContent}"` : ''}, first cell "${cell ?? '(none)'}"`;
  }, blockSel(name)).catch(() => '(the page is gone)');

/**
 * One cell change, timed in the page. The new text goes into the cell's input first (the input
 * event, then a pause for React to render the draft), as if typed; then t0, and the Enter that
 * commits it. A MutationObserver waits for the target block to be ok with `expected` in its
 * first row, then one animation frame (the frame that paints it): `frame` is t0 → that frame,
 * `dom` t0 → the DOM showing it. Every block's status texts seen meanwhile are kept, to tell which
 * blocks ran.
 */
export function changeCell(page, { cell, value, target, col, expected }) {
  return evaluate(page, ({ cellSel, targetSel, value, col, expected, timeout }) => new Promise((resolve, reject) => {
    // A value cell's input is a one-line CodeMirror editor: typed into with the browser's own
    // editing commands, which it reads as typing.
    const input = document.querySelector(`${cellSel} [data-testid="cell-input"]`);
    if (!input) return reject(new Error('no cell-input'));
    input.focus();
    document.execCommand('selectAll');
    document.execCommand('insertText', false, String(value));
    const statuses = () => Object.fromEntries([...document.querySelectorAll('[data-testid="block"]')]
      .map((b) => [b.getAttribute('data-block-name'), b.querySelector('[data-testid="block-status"]')?.textContent ?? '']));
    const shown = () => {
      const b = document.querySelector(targetSel);
      const status = b?.querySelector('[data-testid="block-status"]')?.textContent ?? '';
      const text = b?.querySelector(`[role="row"][row-index="0"] [role="gridcell"][col-id="${col}"]`)?.textContent?.trim();
      return status.startsWith('ok') && text === expected;
    };
    setTimeout(() => {
      if (input.textContent !== String(value)) return reject(new Error(`the cell input holds "${input.textContent}", not ${value}`));
      const before = statuses();
      const seen = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, new Set([v])]));
      let t0 = 0;
      let dom;
      let timer;
      const observer = new MutationObserver(() => {
        for (const [k, v] of Object.entries(statuses())) (seen[k] ??= new Set()).add(v);
        if (dom !== undefined || !shown()) return;
        dom = performance.now() - t0;
        requestAnimationFrame(() => {
          const frame = performance.now() - t0;
          observer.disconnect();
          clearTimeout(timer);
          const after = statuses();
          // A block ran if it showed anything but its old text: queued, running, or a new "ok · … ms".
          const ran = Object.keys(after).filter((k) => [...(seen[k] ?? [])].some((s) => s !== before[k]) || after[k] !== before[k]);
          resolve({ frame, dom, ran, after });
        });
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      timer = setTimeout(() => {
        observer.disconnect();
        const b = document.querySelector(targetSel);
        reject(new Error(`no result on screen in ${timeout / 1000} s: the block shows "${b?.querySelector('[data-testid="block-status"]')?.textContent}", ` +
          `first row ${col} = "${b?.querySelector(`[role="row"][row-index="0"] [role="gridcell"][col-id="${col}"]`)?.textContent}", expected "${expected}"`));
      }, timeout);
      t0 = performance.now();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
    }, 50);
  }), { cellSel: blockSel(cell), targetSel: blockSel(target), value, col, expected, timeout: CHANGE_TIMEOUT }, `change ${cell} to ${value}`);
}

/** Each statement's time, run one after another inside the page through window.cellar.query. */
const timeStatements = (page, statements) =>
  evaluate(page, async (list) => {
    const times = [];
    for (const sql of list) {
      const t = performance.now();
      await window.cellar.query(sql);
      times.push(performance.now() - t);
    }
    return times;
  }, statements, 'direct statements');

/** The app's own run time of each block, from its status text ("ok · 1 rows · 12 ms"). */
function statusMs(text) {
  const m = /· ([\d.]+) (ms|s)$/.exec(text ?? '');
  return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : null;
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------- the two workbooks

/** Workbook (a) in a fresh page: flights_3m, the cell min_delay and the aggregate block, its first result checked. */
export async function buildAggregate(page) {
  await ingest(page, FILES.flights);
  const cell = await addBlock(page, 'cell');
  await rename(page, cell, 'min_delay');
  await setCell(page, 'min_delay', String(AGGREGATE_VALUES[0]));
  const block = await addBlock(page, 'sql');
  const expected = async (v) => {
    const rows = await query(page, `SELECT count(*)::DOUBLE AS n FROM flights_3m WHERE delay > ${v} GROUP BY origin ORDER BY n DESC LIMIT 1`);
    return String(rows[0]?.n ?? '');
  };
  await setSql(page, block, AGGREGATE_SQL);
  const previous = await expected(AGGREGATE_VALUES[0]);
  await waitForResult(page, block, 'n', previous);
  return { page, block, expected, previous };
}

/** One timed change of (a)'s cell to `value`, then its statement alone; wb is buildAggregate's. */
export async function aggregateChange(wb, value) {
  const { page, block } = wb;
  const want = await wb.expected(value);
  if (want === wb.previous) throw new Error(`min_delay ${value} gives the same top count as the value before; pick other values`);
  wb.previous = want;
  await sleep(300); // the grid's own page fetches of the last change settle
  const r = await changeCell(page, { cell: 'min_delay', value, target: block, col: 'n', expected: want });
  await sleep(300);
  // The statement the block ran, alone, in the same page: the block's table gets the same rows again.
  const [direct] = await timeStatements(page, [directStatement(block, AGGREGATE_SQL, 'min_delay', value)]);
  const [{ g }] = await query(page, `SELECT count(DISTINCT origin)::DOUBLE AS g FROM flights_3m WHERE delay > ${value}`);
  return { latency: r.frame, dom: r.dom, direct, appMs: statusMs(r.after[block]), ran: r.ran, value, groups: g };
}

async function aggregateWorkbook(page, reps, log) {
  const wb = await buildAggregate(page);
  const out = { latency: [], dom: [], direct: [], appMs: [], ran: [], values: [], groups: [], warmup: null };
  for (const [i, value] of AGGREGATE_VALUES.slice(1, reps + 2).entries()) {
    const sample = await aggregateChange(wb, value);
    if (i === 0) {
      out.warmup = sample;
      log(`  aggregate warm-up change (min_delay → ${value}): ${Math.round(sample.latency)} ms`);
      continue;
    }
    for (const k of ['latency', 'dom', 'direct', 'appMs', 'ran', 'groups']) out[k].push(sample[k]);
    out.values.push(value);
  }
  out.block = wb.block;
  out.blocks = await page.getByTestId('block').evaluateAll((els) => els.map((e) => e.getAttribute('data-block-name')));
  return out;
}

/** Workbook (b) in a fresh page: the cell x and the chain of SQL blocks, laid out as a dashboard. */
export async function buildChain(page, log) {
  const cell = await addBlock(page, 'cell');
  await rename(page, cell, 'x');
  await setCell(page, 'x', String(CHAIN_VALUES[0]));
  const names = [];
  for (let k = 1; k <= CHAIN_LENGTH; k++) {
    const name = await addBlock(page, 'sql');
    names.push(name);
    await setSql(page, name, chainSql(k, names[k - 2]));
    await waitForResult(page, name, 'v', String(CHAIN_VALUES[0] + k - 1));
  }
  log(`  chain built: x → ${names[0]} → … → ${names[names.length - 1]}`);
  const last = names[names.length - 1];
  // Laid out as a dashboard: the last block moved up to just under x, so the input and the result
  // are on screen together and the 19 blocks between run below, out of view.
  for (let k = 1; k < CHAIN_LENGTH; k++) await page.locator(blockSel(last)).getByTestId('move-up').click();
  const order = await evaluate(page, () => [...document.querySelectorAll('[data-testid="block"]')].map((b) => b.getAttribute('data-block-name')), undefined, 'block order');
  if (order[1] !== last) throw new Error(`${last} did not move under x: ${order.join(', ')}`);
  await evaluate(page, () => window.scrollTo(0, 0), undefined, 'scroll to the top');
  return { page, names, last };
}

/** One timed change of (b)'s cell to `value`, then the chain's statements alone; wb is buildChain's. */
export async function chainChange(wb, value) {
  const { page, names, last } = wb;
  await sleep(300);
  const r = await changeCell(page, { cell: 'x', value, target: last, col: 'v', expected: String(value + CHAIN_LENGTH - 1) });
  await sleep(300);
  // The 20 statements the blocks ran, directly, with the same value: the tables get the same rows again.
  const direct = await timeStatements(page, chainStatements(names, value));
  const appMs = names.map((n) => statusMs(r.after[n]));
  return {
    latency: r.frame, dom: r.dom, direct, directSum: sum(direct), overhead: r.frame - sum(direct),
    appMsSum: appMs.includes(null) ? null : sum(appMs), ran: r.ran, value,
  };
}

/** The last change's value must be in every block: a check of the whole chain, outside the timing. */
export async function checkChain(wb, value) {
  const rows = await query(wb.page, `SELECT v::DOUBLE AS v FROM "${wb.last}"`);
  if (rows[0]?.v !== value + CHAIN_LENGTH - 1) throw new Error(`${wb.last} holds ${rows[0]?.v}, expected ${value + CHAIN_LENGTH - 1}`);
}

async function chainWorkbook(page, reps, log) {
  const wb = await buildChain(page, log);
  const out = { latency: [], dom: [], directSum: [], direct: [], overhead: [], appMsSum: [], ran: [], values: [], warmup: null };
  for (const [i, value] of CHAIN_VALUES.slice(1, reps + 2).entries()) {
    const sample = await chainChange(wb, value);
    if (i === 0) {
      out.warmup = sample;
      log(`  chain warm-up change (x → ${value}): ${Math.round(sample.latency)} ms`);
      continue;
    }
    for (const k of ['latency', 'dom', 'direct', 'directSum', 'overhead', 'appMsSum', 'ran']) out[k].push(sample[k]);
    out.values.push(value);
  }
  out.names = wb.names;
  await checkChain(wb, out.values.at(-1));
  return out;
}

// ---------------------------------------------------------------- entry points

export function checkReps(reps) {
  const most = Math.min(AGGREGATE_VALUES.length, CHAIN_VALUES.length) - 2;
  if (!(reps >= 1 && reps <= most)) throw Object.assign(new Error(`BENCH_WORKBOOK_REPS must be 1 to ${most}, not ${reps}`), { plain: true });
}

/**
 * Both workbooks, each in a fresh browser context (a fresh page, DuckDB worker and workbook
 * storage). reps: timed changes per workbook, after one untimed warm-up change.
 */
export async function runWorkbookBrowser({ browser, url, reps, log }) {
  checkReps(reps);
  const out = { aggregate: null, chain: null, errors: {}, facts: {}, load: { before: loadavg()[0] } };
  const fail = (key, e) => {
    if (!browser.isConnected()) throw new Error(`the browser went away (during ${key}): ${errorText(e)}`);
    out.errors[key] = errorText(e);
    log(`  ${key}: FAILED: ${errorText(e)}`);
  };
  log(`browser: reactive workbook, cell → aggregate over flights_3m: 1 warm-up + ${reps} changes`);
  try {
    out.aggregate = await withApp(browser, url, async (page) => {
      const [{ t }] = await query(page, "SELECT current_setting('threads') AS t");
      out.facts.threads = Number(t);
      out.facts.engine = await evaluate(page, () => window.cellar.engine());
      return aggregateWorkbook(page, reps, log);
    });
  } catch (e) {
    fail('workbookAggregate', e);
  }
  log(`browser: reactive workbook, cell → chain of ${CHAIN_LENGTH} SQL blocks: 1 warm-up + ${reps} changes`);
  try {
    out.chain = await withApp(browser, url, async (page) => {
      if (out.facts.threads === undefined) out.facts.threads = Number((await query(page, "SELECT current_setting('threads') AS t"))[0].t);
      return chainWorkbook(page, reps, log);
    });
  } catch (e) {
    fail('workbookChain', e);
  }
  out.load.after = loadavg()[0];
  return out;
}

/** The same statements in native DuckDB, with the browser's thread count; one warm-up, then reps. */
export async function runWorkbookNative({ threads, reps, log = () => undefined }) {
  checkReps(reps);
  const out = { threads, aggregate: null, chain: null, errors: {} };
  const db = await open(threads);
  try {
    try {
      const names = Array.from({ length: CHAIN_LENGTH }, (_, i) => `query${i + 1}`);
      const sums = [];
      for (const [i, x] of CHAIN_VALUES.slice(1, reps + 2).entries()) {
        let total = 0;
        for (const sql of chainStatements(names, x)) total += await timeQuery(db.conn, sql);
        if (i > 0) sums.push(total);
      }
      out.chain = { directSum: sums };
    } catch (e) {
      out.errors.workbookChain = errorText(e);
      log(`  native workbookChain: FAILED: ${out.errors.workbookChain}`);
    }
    try {
      await db.conn.run(`CREATE TABLE flights_3m AS SELECT * FROM read_parquet('${FILES.flights.path}')`);
      const times = [];
      for (const [i, v] of AGGREGATE_VALUES.slice(1, reps + 2).entries()) {
        const t = await timeQuery(db.conn, directStatement('query1', AGGREGATE_SQL, 'min_delay', v));
        if (i > 0) times.push(t);
      }
      out.aggregate = { direct: times };
    } catch (e) {
      out.errors.workbookAggregate = errorText(e);
      log(`  native workbookAggregate: FAILED: ${out.errors.workbookAggregate}`);
    }
  } finally {
    db.close();
  }
  return out;
}

export const WORKBOOK = { CHAIN_LENGTH, AGGREGATE_SQL, AGGREGATE_VALUES, CHAIN_VALUES, chainSql, blockStatement };
