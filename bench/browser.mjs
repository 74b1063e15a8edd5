// The browser side: the built app (vite preview, with COOP/COEP so DuckDB-WASM gets threads) in
// headless Debian Chromium, driven only through the app's test contract (file input, block status,
// window.cellar). Each ingest and each cold start gets a fresh browser context, because the app
// names a second table from the same file NAME_2 and because a fresh context is a fresh worker.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { DATA_DIR, ROOT } from './data.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'; // as playwright.config.ts
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const INGEST_TIMEOUT = 300_000;
const EVAL_TIMEOUT = 120_000; // page.evaluate has no timeout of its own: a hung query would hang us
const now = () => performance.now();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const errorText = (e) => String(e?.message ?? e).split('\n')[0];

// ---------------------------------------------------------------- build and serve

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}

/** Builds dist/ only when it is missing or older than its sources: a build takes a while. */
export function buildIfStale() {
  const index = join(ROOT, 'dist', 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(ROOT, p)).filter(existsSync);
  const stale = !existsSync(index) || Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs;
  if (!stale) return false;
  console.log('  dist/ is missing or older than src/: npx vite build');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
  return true;
}

/**
 * Serves a private copy of dist/: someone else's `vite build` (tests, a dev session) empties dist/
 * while it runs, which would break pages in the middle of a benchmark. The copy is checked to be
 * whole (every asset index.html names is there), since it may be taken while a build writes.
 */
export async function snapshotDist() {
  const to = join(DATA_DIR, 'dist');
  for (let attempt = 1; ; attempt++) {
    rmSync(to, { recursive: true, force: true });
    try {
      cpSync(join(ROOT, 'dist'), to, { recursive: true });
      const html = readFileSync(join(to, 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
      if (assets.length > 0 && assets.every((a) => existsSync(join(to, a)))) return to;
    } catch { /* a build was writing dist/ */ }
    if (attempt === 10) throw new Error('could not take a whole copy of dist/ (is a build running?)');
    await sleep(3000);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `vite preview` in its own process group (npx → node), so stop() ends exactly the
 * processes this run started and nothing else.
 */
export async function startPreview(outDir) {
  const port = await freePort();
  const args = ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  if (outDir) args.push('--outDir', outDir);
  const child = spawn('npx', args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let exited = null;
  let stopping = false;
  let serving = false;
  child.on('exit', (code, signal) => {
    exited = code ?? signal ?? 'signal';
    // Every later page load would fail with ERR_CONNECTION_REFUSED: say why, once, where it shows.
    if (serving && !stopping) console.error(`\nvite preview (pid ${child.pid}) exited in the middle of the run (${code !== null ? `exit code ${code}` : `signal ${signal}`}); its output:\n${log.slice(-4000) || '(none)'}`);
  });
  const stop = () => {
    stopping = true;
    if (exited !== null || child.pid === undefined) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`vite preview exited (${exited}) before serving:\n${log}`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { stop(); throw new Error(`vite preview did not answer on ${url} in 60 s:\n${log}`); }
    await sleep(200);
  }
  serving = true;
  return { url, port, stop, pid: child.pid };
}

/** Checked first, before any build or server: Playwright cannot download a browser here. */
export function checkChromium() {
  if (!existsSync(CHROMIUM)) {
    throw Object.assign(new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH.`), { plain: true });
  }
}

export async function launchChromium() {
  checkChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

// ---------------------------------------------------------------- the app's contract

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const evaluate = (page, fn, arg, what = 'page.evaluate') => withTimeout(page.evaluate(fn, arg), EVAL_TIMEOUT, what);
export const query = (page, sql) => evaluate(page, (s) => window.cellar.query(s), sql, sql);

/** A fresh context and page with the app loaded and DuckDB started; closed after fn. */
export async function withApp(browser, url, fn) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await evaluate(page, () => window.cellar.ready, undefined, 'cellar.ready');
    return await fn(page);
  } finally {
    await context.close();
  }
}

/**
 * Picks a file with the file input and waits for its block; ms from setInputFiles to "ok".
 * table: the block's name when it is not the file's (the app names a second copy NAME_2).
 */
export async function ingest(page, file, table = file.table) {
  const block = `[data-testid=block][data-block-name="${table}"]`;
  const t0 = now();
  await page.setInputFiles('[data-testid=file-input]', file.path);
  const handle = await page.waitForFunction(
    (sel) => {
      const text = document.querySelector(`${sel} [data-testid=block-status]`)?.textContent ?? '';
      return /^(ok|error)/.test(text) ? text : false;
    },
    block,
    { polling: 20, timeout: INGEST_TIMEOUT },
  );
  const ms = now() - t0;
  const status = await handle.jsonValue();
  if (status.startsWith('error')) {
    // The message itself; the element's whole text would run into its buttons' labels.
    const error = await page
      .evaluate((sel) => {
        const el = document.querySelector(`${sel} [data-testid=block-error]`);
        return el ? (el.querySelector('pre') ?? el).textContent : '(no block-error element)';
      }, block)
      .catch(() => '(the page is gone)');
    throw Object.assign(new Error(`the app's ingest of ${file.path.split('/').pop()} failed: ${error}`), { appError: true });
  }
  // A wrong row count would make every later number meaningless: check it, outside the timing.
  const [{ n }] = await query(page, `SELECT count(*)::DOUBLE AS n FROM "${table}"`);
  if (n !== file.rows) throw new Error(`${table}: the app loaded ${n} rows, expected ${file.rows}`);
  return { ms, status };
}

/** Query time inside the page (no Node↔page round trip), rows converted as cellar.query does. */
const timeInPage = (page, sql) =>
  evaluate(page, async (s) => {
    const t = performance.now();
    await window.cellar.query(s);
    return performance.now() - t;
  }, sql, sql);

// ---------------------------------------------------------------- memory

/** Renderer processes of the Chromium this Node process started (Playwright spawns it as our child). */
function rendererPids() {
  const parent = new Map();
  const cmd = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(name), readFileSync(`/proc/${name}/cmdline`, 'utf8'));
    } catch { /* process ended meanwhile */ }
  }
  const ours = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parent.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  return [...cmd]
    .filter(([pid, c]) => c.includes('--type=renderer') && !c.includes('--top-chrome-webui') && ours(pid))
    .map(([pid]) => pid);
}

/** RSS of our page renderers: the page's main thread, the DuckDB worker and its WASM memory live there. */
function rendererRss() {
  let kb = 0;
  for (const pid of rendererPids()) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch { /* gone */ }
  }
  return kb * 1024;
}

/**
 * JS heap of the page's main thread (CDP Runtime.getHeapUsage) around one CSV ingest: after a
 * forced GC before and after, and the peak sampled every 100 ms while it runs. This is an extra
 * ingest, not one of the timed ones, so the sampling does not disturb those timings.
 */
async function heapDuringIngest(page, file) {
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const gc = () => cdp.send('HeapProfiler.collectGarbage');
  await gc();
  const before = await heap();
  const rssBefore = rendererRss();
  let peak = before;
  let rssPeak = rssBefore;
  let samples = 0;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      peak = Math.max(peak, await heap());
      rssPeak = Math.max(rssPeak, rendererRss());
      samples++;
    } catch { /* page closing */ } finally { busy = false; }
  }, 100);
  let ingestMs = null;
  let ingestError = null;
  try {
    ingestMs = (await ingest(page, file)).ms;
  } catch (e) {
    if (!e.appError) throw e;
    ingestError = errorText(e); // still report what the attempt cost
  } finally {
    clearInterval(timer);
  }
  while (busy) await sleep(10);
  peak = Math.max(peak, await heap()); // the heap just before GC can be the highest point
  await gc();
  const after = await heap();
  const rssAfter = rendererRss();
  // DuckDB's own accounting, from inside the worker; cheap and optional.
  let duckdbMemory = null;
  try {
    duckdbMemory = (await query(page, 'SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()'))[0].b;
  } catch { /* not in this build */ }
  await cdp.detach();
  return {
    file: file.path.split('/').pop(), ingestMs, ingestError, before, after, peak, samples,
    growth: after - before, peakGrowth: peak - before, rssBefore, rssPeak, rssAfter, duckdbMemory,
  };
}

// ---------------------------------------------------------------- page load

/**
 * Navigation start → `await cellar.ready; await cellar.query('SELECT 1')` done, as the page's own
 * performance.now() (0 = navigation start). An init script chains the query the moment the app
 * defines window.cellar, so the time is not padded by Playwright's round trips.
 * Cold: a new context (empty HTTP and code caches) for every load. Warm: one context, loaded once
 * untimed, then reloaded, so the HTTP cache and V8's WebAssembly code cache can help.
 */
async function pageLoads(browser, url, reps, { warm = false } = {}) {
  const firstQuery = async (page, load) => {
    await load();
    const handle = await page.waitForFunction(() => window.__benchFirst ?? window.__benchError, null, { polling: 50, timeout: 60_000 });
    const v = await handle.jsonValue();
    if (typeof v === 'string') throw new Error(`page load: the first query failed: ${v}`);
    return await evaluate(page, () => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { first: window.__benchFirst, ready: window.__benchReady, load: nav?.loadEventEnd };
    });
  };
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const poll = () => {
        if (!window.cellar) return void setTimeout(poll, 1);
        window.cellar.ready
          .then(() => { window.__benchReady = performance.now(); return window.cellar.query('SELECT 1'); })
          .then(() => { window.__benchFirst = performance.now(); }, (e) => { window.__benchError = String(e); });
      };
      poll();
    });
    return { context, page };
  };
  const runs = [];
  if (warm) {
    const { context, page } = await open();
    try {
      await firstQuery(page, () => page.goto(url, { waitUntil: 'commit' })); // fills the caches, untimed
      for (let i = 0; i < reps; i++) runs.push(await firstQuery(page, () => page.reload({ waitUntil: 'commit' })));
    } finally {
      await context.close();
    }
  } else {
    for (let i = 0; i < reps; i++) {
      const { context, page } = await open();
      try {
        runs.push(await firstQuery(page, () => page.goto(url, { waitUntil: 'commit' })));
      } finally {
        await context.close();
      }
    }
  }
  return runs;
}

// ---------------------------------------------------------------- the run

/**
 * Runs every browser work item. A failing item is recorded (errors[key]) and the run goes on, so
 * one app bug does not hide the other numbers; run.mjs decides what fails the command.
 *
 * Two builds of the app's engine: the default (what a person gets), and the threaded DuckDB-WASM
 * build the app offers behind `?threads=1`, measured on the items where threads can matter
 * (keys ending in "Threaded"), so the doc shows what the default's choice costs or saves.
 */
export async function runBrowser({ browser, url, files, reps, queries, log }) {
  const threadedUrl = new URL('?threads=1', url).href;
  const T = {};
  const errors = {};
  const memory = {};
  const out = { times: T, errors, memory, facts: {} };
  const fail = (key, e) => {
    // Without a browser every later item would fail the same way: stop the run instead.
    if (!browser.isConnected()) throw new Error(`the browser went away (during ${key}): ${errorText(e)}`);
    errors[key] ??= errorText(e);
    log(`  ${key}: FAILED: ${errorText(e)}`);
  };

  const queryItems = async (page, table, suffix) => {
    await sleep(1000); // let the grid's own first page and row count settle
    for (const [name, sql] of Object.entries(queries)) {
      if (!sql.includes(table)) continue;
      const key = name + suffix;
      try {
        const first = await timeInPage(page, sql); // warm-up, kept apart as the "first" run
        T[key] = [];
        for (let i = 0; i < reps.query; i++) T[key].push(await timeInPage(page, sql));
        T[`${key}First`] = [first];
      } catch (e) {
        fail(key, e);
      }
    }
  };

  /** reps fresh-page ingests of one file; a failed rep is counted, the others still run. */
  const ingestItem = async (key, pageUrl, file, suffix = '') => {
    T[key] = [];
    let failed = 0;
    let queried = false;
    for (let i = 0; i < reps.ingest; i++) {
      try {
        await withApp(browser, pageUrl, async (page) => {
          T[key].push((await ingest(page, file)).ms);
          // The queries run once, in the page of the first ingest that worked.
          if (!queried) {
            queried = true;
            await queryItems(page, file.table, suffix);
          }
        });
      } catch (e) {
        failed++;
        fail(key, e);
      }
    }
    if (failed > 0) errors[key] = `${failed} of ${reps.ingest} runs failed: ${errors[key]}`;
  };

  const engineFacts = (pageUrl) =>
    withApp(browser, pageUrl, async (page) => {
      const engine = await evaluate(page, () => window.cellar.engine());
      const [{ t }] = await query(page, "SELECT current_setting('threads') AS t");
      const env = await evaluate(page, () => ({
        crossOriginIsolated: self.crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency, userAgent: navigator.userAgent,
      }));
      return { ...engine, threads: Number(t), ...env, chromium: browser.version() };
    });
  log('browser: engine facts (default, and ?threads=1)');
  out.facts = await engineFacts(url);
  out.facts.threaded = await engineFacts(threadedUrl);

  for (const [key, pageUrl, warm] of [['startup', url, false], ['startupWarm', url, true], ['startupThreaded', threadedUrl, false]]) {
    log(`browser: page load → first query, ${reps.query}× ${warm ? 'warm (reloads in one context)' : 'cold (new context each)'}${pageUrl === url ? '' : ', ?threads=1'}`);
    try {
      const starts = await pageLoads(browser, pageUrl, reps.query, { warm });
      T[key] = starts.map((s) => s.first);
      T[`${key}Ready`] = starts.map((s) => s.ready);
      T[`${key}LoadEvent`] = starts.map((s) => s.load);
    } catch (e) {
      fail(key, e);
    }
  }

  log(`browser: ingest ${files.tiny.table} (CSV) twice in one page, ${reps.ingest}×`);
  T.ingestTinyFirst = [];
  T.ingestTinySecond = [];
  for (let i = 0; i < reps.ingest; i++) {
    try {
      await withApp(browser, url, async (page) => {
        T.ingestTinyFirst.push((await ingest(page, files.tiny)).ms);
        T.ingestTinySecond.push((await ingest(page, files.tiny, `${files.tiny.table}_2`)).ms);
      });
    } catch (e) {
      fail('ingestTinyFirst', e);
    }
  }

  log(`browser: ingest ${files.csv.table} (CSV), ${reps.ingest}×`);
  await ingestItem('ingestCsv', url, files.csv);

  log(`browser: JS heap during one more ingest of ${files.csv.table}`);
  try {
    memory.heapCsv = await withApp(browser, url, (page) => heapDuringIngest(page, files.csv));
    if (memory.heapCsv.ingestError) errors.heapCsv = `the ingest failed: ${memory.heapCsv.ingestError}`;
  } catch (e) {
    fail('heapCsv', e);
  }

  log(`browser: ingest ${files.flights.table} (Parquet), ${reps.ingest}×, then its queries`);
  await ingestItem('loadFlights', url, files.flights);

  log(`browser: ingest ${files.big.table} (Parquet), ${reps.ingest}×, then its query`);
  await ingestItem('loadBig', url, files.big);

  log(`browser, ?threads=1: ingest ${files.csv.table} (CSV), ${reps.ingest}×`);
  await ingestItem('ingestCsvThreaded', threadedUrl, files.csv);

  log(`browser, ?threads=1: ingest ${files.big.table} (Parquet), ${reps.ingest}×, then its query`);
  await ingestItem('loadBigThreaded', threadedUrl, files.big, 'Threaded');

  for (const [name, sql] of Object.entries(queries)) {
    const table = sql.match(/FROM (\w+)/)?.[1];
    for (const key of [name, `${name}Threaded`]) {
      if (key.endsWith('Threaded') && !sql.includes(files.big.table)) continue;
      if (!T[key] && !errors[key]) errors[key] = `not run: no ingest of ${table} worked`;
    }
  }
  return out;
}
