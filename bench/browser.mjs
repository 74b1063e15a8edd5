// The browser side: the built app (vite preview, with COOP/COEP so DuckDB-WASM gets threads) in
// headless Debian Chromium, driven only through the app's test contract (file input, block status,
// window.cellar). Each ingest and each cold start gets a fresh browser context, because the app
// names a second table from the same file NAME_2 and because a fresh context is a fresh worker.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ROOT } from './data.mjs';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const INGEST_TIMEOUT = 300_000;
const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
export async function startPreview() {
  const port = await freePort();
  const child = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let exited = null;
  child.on('exit', (code) => (exited = code ?? 'signal'));
  const stop = () => {
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
  return { url, port, stop, pid: child.pid };
}

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw Object.assign(new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).`), { exitCode: 1 });
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

// ---------------------------------------------------------------- the app's contract

/** A fresh context and page with the app loaded and DuckDB started. */
async function openApp(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(() => window.cellar.ready);
  return { context, page };
}

async function withApp(browser, url, fn) {
  const { context, page } = await openApp(browser, url);
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}

/** Picks a file with the file input and waits for its block; ms from setInputFiles to "ok". */
async function ingest(page, file) {
  const block = `[data-testid=block][data-block-name="${file.table}"]`;
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
    const error = await page.locator(`${block} [data-testid=block-error]`).textContent().catch(() => '(no block-error)');
    throw new Error(`the app failed to ingest ${file.path}: ${status}: ${error}`);
  }
  // A wrong row count would make every later number meaningless: check it, outside the timing.
  const [{ n }] = await query(page, `SELECT count(*)::DOUBLE AS n FROM "${file.table}"`);
  if (n !== file.rows) throw new Error(`${file.table}: the app loaded ${n} rows, expected ${file.rows}`);
  return { ms, status };
}

const query = (page, sql) => page.evaluate((s) => window.cellar.query(s), sql);

/** Query time inside the page (no Node↔page round trip), rows converted as cellar.query does. */
const timeInPage = (page, sql) =>
  page.evaluate(async (s) => {
    const t = performance.now();
    await window.cellar.query(s);
    return performance.now() - t;
  }, sql);

async function timeQueries(page, queries, reps) {
  const out = {};
  for (const [key, sql] of Object.entries(queries)) {
    const first = await timeInPage(page, sql); // warm-up, kept apart as the "first" run
    const times = [];
    for (let i = 0; i < reps; i++) times.push(await timeInPage(page, sql));
    out[key] = times;
    out[`${key}First`] = [first];
  }
  return out;
}

// ---------------------------------------------------------------- memory

/** The Chromium processes this Node process started (Playwright spawns the browser as our child). */
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
  return [...cmd].filter(([pid, c]) => c.includes('--type=renderer') && ours(pid)).map(([pid]) => pid);
}

/** RSS of all our renderers: the page's main thread, the DuckDB worker and its WASM memory live there. */
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
 * forced GC before and after, and the peak sampled every 100 ms while it runs. This is a separate
 * ingest from the timed ones, so sampling does not disturb those timings.
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
  let result;
  try {
    result = await ingest(page, file);
  } finally {
    clearInterval(timer);
  }
  while (busy) await sleep(10);
  const peakAtEnd = await heap(); // the heap just before GC can be the highest point
  peak = Math.max(peak, peakAtEnd);
  await gc();
  const after = await heap();
  const rssAfter = rendererRss();
  // DuckDB's own accounting, from inside the worker; cheap and optional.
  let duckdbMemory = null;
  let databaseSize = null;
  try {
    const [{ b }] = await query(page, 'SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()');
    duckdbMemory = b;
  } catch { /* not in this build */ }
  try {
    databaseSize = (await query(page, 'PRAGMA database_size'))[0] ?? null;
  } catch { /* not in this build */ }
  await cdp.detach();
  return {
    ingestMs: result.ms, before, after, peak, samples,
    growth: after - before, peakGrowth: peak - before,
    rssBefore, rssPeak, rssAfter, duckdbMemory, databaseSize,
  };
}

// ---------------------------------------------------------------- page load

/**
 * Navigation start → `await cellar.ready; await cellar.query('SELECT 1')` done, as the page's own
 * performance.now() (0 = navigation start). An init script chains the query the moment the app
 * defines window.cellar, so the time is not padded by Playwright's round trips.
 */
async function coldStart(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
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
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => window.__benchFirst ?? window.__benchError, null, { polling: 50, timeout: 60_000 });
    const v = await handle.jsonValue();
    if (typeof v === 'string') throw new Error(`cold start: the first query failed: ${v}`);
    return page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { first: window.__benchFirst, ready: window.__benchReady, domContentLoaded: nav?.domContentLoadedEventEnd, load: nav?.loadEventEnd };
    });
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- the run

export async function runBrowser({ browser, url, files, reps, queries, log }) {
  const out = { times: {}, memory: null, facts: {} };
  const T = out.times;

  log('browser: engine facts');
  out.facts = await withApp(browser, url, async (page) => {
    const engine = await page.evaluate(() => window.cellar.engine());
    const [{ t }] = await query(page, "SELECT current_setting('threads') AS t");
    const env = await page.evaluate(() => ({
      crossOriginIsolated: self.crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency, userAgent: navigator.userAgent,
    }));
    return { ...engine, threads: Number(t), ...env, chromium: browser.version() };
  });

  log(`browser: page load → first query, ${reps.query}× cold (new context each)`);
  const starts = [];
  for (let i = 0; i < reps.query; i++) starts.push(await coldStart(browser, url));
  T.startup = starts.map((s) => s.first);
  T.startupReady = starts.map((s) => s.ready);
  T.startupLoadEvent = starts.map((s) => s.load);

  log(`browser: ingest ${files.csv.table} (CSV), ${reps.ingest}×`);
  T.ingestCsv = [];
  for (let i = 0; i < reps.ingest; i++) {
    T.ingestCsv.push(await withApp(browser, url, async (page) => (await ingest(page, files.csv)).ms));
  }

  log('browser: JS heap during one more CSV ingest');
  out.memory = await withApp(browser, url, (page) => heapDuringIngest(page, files.csv));

  log(`browser: ingest ${files.flights.table} (Parquet), ${reps.ingest}×, then its queries`);
  T.loadFlights = [];
  for (let i = 0; i < reps.ingest; i++) {
    await withApp(browser, url, async (page) => {
      T.loadFlights.push((await ingest(page, files.flights)).ms);
      if (i === reps.ingest - 1) {
        await sleep(1000); // let the grid's own first page and count settle
        const q = Object.fromEntries(Object.entries(queries).filter(([, sql]) => sql.includes(files.flights.table)));
        Object.assign(T, await timeQueries(page, q, reps.query));
      }
    });
  }

  log(`browser: ingest ${files.big.table} (Parquet), ${reps.ingest}×, then its query`);
  T.loadBig = [];
  for (let i = 0; i < reps.ingest; i++) {
    await withApp(browser, url, async (page) => {
      T.loadBig.push((await ingest(page, files.big)).ms);
      if (i === reps.ingest - 1) {
        await sleep(1000);
        const q = Object.fromEntries(Object.entries(queries).filter(([, sql]) => sql.includes(files.big.table)));
        Object.assign(T, await timeQueries(page, q, reps.query));
      }
    });
  }
  return out;
}
