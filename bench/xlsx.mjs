// The .xlsx benchmark (issue 17): one generated workbook (`Data`: N rows × 10, `Summary`: 50
// formulas over it, bench/xlsx-data.mjs) opened by Cellar in Chromium and by HyperFormula in Node
// (bench/xlsx-peer.mjs), in rounds that alternate which side goes first, in one run.
//
// Cellar, in a fresh page each round, through the test contract only:
//   open → first cells:  the file input's `change` event → Data's A2/B2 (`x`, 100001) in the DOM, then a frame
//   open → formulas:     the same `change` → `window.cellar.cells(Summary)` holds all 50 formula cells
//   edit → dependent:    Enter on Data!C2 (a new amount) → Summary!B12 (a chain over B2's SUMIFS) shows its new value
//   memory:              main-thread JS heap (CDP) and the renderer's RSS (page, workers, DuckDB's WASM memory)
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { errorText, evaluate, sleep } from './browser.mjs';
import { ROOT } from './data.mjs';
import { blockNames, dataRow, EDIT, ensureXlsx, expectedValues, formulaAddresses, sameValue, summaryFormulas } from './xlsx-data.mjs';

/** `--rows=N` (or BENCH_XLSX_ROWS): the Data sheet's rows; 200,000 is the issue's size. */
export function xlsxOptions(argv = process.argv, env = process.env) {
  const arg = argv.find((a) => a.startsWith('--rows='))?.slice(7) ?? env.BENCH_XLSX_ROWS ?? '200000';
  const rows = Number(arg);
  if (!Number.isInteger(rows) || rows < 100 || rows > 1_048_575) {
    throw Object.assign(new Error(`--rows=${arg}: give a whole number of Data rows between 100 and 1048575 (Excel's last row less the header)`), { plain: true });
  }
  return {
    rows,
    reps: Number(env.BENCH_XLSX_REPS ?? 3),
    // A side that has not finished opening by then is recorded as timed out; its later rounds are skipped.
    timeoutMs: Number(env.BENCH_XLSX_TIMEOUT_S ?? 600) * 1000,
  };
}

// ---------------------------------------------------------------- memory of the tab

/** RSS of the renderer processes of our Chromium (the only page open is the benchmark's). */
function rendererRss() {
  const parent = new Map();
  const cmd = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(name), readFileSync(`/proc/${name}/cmdline`, 'utf8'));
    } catch { /* ended meanwhile */ }
  }
  const ours = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parent.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  let kb = 0;
  for (const [pid, c] of cmd) {
    if (!c.includes('--type=renderer') || c.includes('--top-chrome-webui') || !ours(pid)) continue;
    try {
      kb += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch { /* gone */ }
  }
  return kb * 1024;
}

/** Samples the page's JS heap and the renderer RSS every 250 ms until stop(); peaks and the baseline. */
async function memorySampler(cdp) {
  const heap = async () => (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const m = { heapBefore: await heap(), rssBefore: rendererRss() };
  m.heapPeak = m.heapBefore;
  m.rssPeak = m.rssBefore;
  let busy = false;
  const timer = setInterval(async () => {
    m.rssPeak = Math.max(m.rssPeak, rendererRss()); // from /proc: answers even while the page is busy
    if (busy) return;
    busy = true;
    try {
      m.heapPeak = Math.max(m.heapPeak, await heap());
    } catch { /* page closing */ } finally { busy = false; }
  }, 250);
  return {
    m,
    async stop() {
      clearInterval(timer);
      for (let i = 0; busy && i < 200; i++) await sleep(10);
      return m;
    },
  };
}

// ---------------------------------------------------------------- Cellar

/**
 * In the page: timestamps from the file input's `change` (the file is the page's) to the first
 * Data cells in the DOM and to Summary's formulas all computed. Installed before setInputFiles.
 */
function watchOpen({ data, summary, addresses }) {
  const x = (window.__xlsxBench = { t0: null, first: null, all: null, values: null, error: null });
  document.addEventListener('change', () => (x.t0 ??= performance.now()), { capture: true });
  const firstOnScreen = () => {
    const at = (c) => document.querySelector(`[data-testid="block"][data-block-name="${data}"] [data-testid="sheet-cell"][data-cell="${c}"]`)?.getAttribute('data-value');
    return at('A2') === 'x' && at('B2') === '100001';
  };
  const observer = new MutationObserver(() => {
    if (x.first !== null || x.t0 === null || !firstOnScreen()) return;
    observer.disconnect();
    requestAnimationFrame(() => (x.first = performance.now()));
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
  // cells() waits for the block's run; it throws until the import has made the block.
  const poll = async () => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      if (x.t0 === null) continue;
      // A failed import (a notice, no blocks) or a failed sheet block ends the round with the app's words.
      for (const name of [data, summary]) {
        const block = document.querySelector(`[data-testid="block"][data-block-name="${name}"]`);
        if (!(block?.querySelector('[data-testid="block-status"]')?.textContent ?? '').startsWith('error')) continue;
        const el = block.querySelector('[data-testid="block-error"]');
        x.error = `${name}: ${(el?.querySelector('pre') ?? el)?.textContent ?? 'error, no message'}`;
        return;
      }
      const notice = [...document.querySelectorAll('[data-testid="notice"]')].find((n) => /xlsx|workbook|excel|sheet/i.test(n.textContent ?? ''));
      if (notice && !document.querySelector(`[data-testid="block"][data-block-name="${data}"]`)) {
        x.error = `the app said: ${notice.textContent}`;
        return;
      }
      let cells;
      try {
        cells = await window.cellar.cells(summary);
      } catch {
        continue;
      }
      if (addresses.every((a) => cells[a] !== undefined)) {
        x.all = performance.now();
        x.values = Object.fromEntries(addresses.map((a) => [a, cells[a]]));
        return;
      }
    }
  };
  poll().catch((e) => (x.error = String(e)));
}

/** In the page: Enter's keydown (capture) → the dependent cell shows a number within 1e-9 of `want`, then a frame. */
function watchEdit({ summary, dependent, want }) {
  const x = (window.__xlsxEdit = { t0: null, done: null, shown: null });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') x.t0 ??= performance.now();
  }, { capture: true });
  const check = () => {
    const el = document.querySelector(`[data-testid="block"][data-block-name="${summary}"] [data-testid="sheet-cell"][data-cell="${dependent}"]`);
    const v = Number(el?.getAttribute('data-value'));
    if (x.t0 === null || !el || !(Math.abs(v - want) <= 1e-9 * Math.max(1, Math.abs(want)))) return;
    observer.disconnect();
    const r = el.getBoundingClientRect();
    x.shown = { value: v, inViewport: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth };
    requestAnimationFrame(() => (x.done = performance.now()));
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
}

/** One Cellar round in a fresh context; every number it reached, and the error that stopped it. */
async function cellarRound({ browser, url, file, rows, timeoutMs, log }) {
  const names = blockNames(rows);
  const addresses = formulaAddresses(rows);
  const out = {};
  const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await evaluate(page, () => window.cellar.ready, undefined, 'cellar.ready');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const sampler = await memorySampler(cdp);
    await evaluate(page, watchOpen, { data: names.data, summary: names.summary, addresses });
    const t0 = performance.now();
    await page.setInputFiles('[data-testid=file-input]', file.path);
    let state;
    try {
      const handle = await page.waitForFunction(() => {
        const x = window.__xlsxBench;
        return x.error || x.all !== null ? x : false;
      }, undefined, { polling: 100, timeout: timeoutMs });
      state = await handle.jsonValue();
    } catch (e) {
      // Whatever was reached before the time ran out, from the page if it still answers.
      state = await Promise.race([page.evaluate(() => window.__xlsxBench), sleep(10_000).then(() => null)]).catch(() => null);
      const first = state?.first != null ? `; the first Data cells were on screen after ${((state.first - state.t0) / 1000).toFixed(1)} s` : '; no Data cell was on screen';
      out.memory = await sampler.stop();
      throw Object.assign(new Error(`not opened in ${timeoutMs / 1000} s (${errorText(e)})${first}`), { reached: state, timedOut: true });
    }
    out.nodeOpenMs = performance.now() - t0;
    if (state.error) throw Object.assign(new Error(`${state.error} (after ${((performance.now() - t0) / 1000).toFixed(1)} s)`), { reached: state });
    out.first = state.first == null ? null : state.first - state.t0;
    out.all = state.all - state.t0;
    out.values = state.values;
    // First cells may land after the formulas (both are checked): wait for them, briefly.
    if (out.first == null) {
      const h = await page.waitForFunction(() => window.__xlsxBench.first, undefined, { polling: 50, timeout: 60_000 }).catch(() => null);
      const t = h ? await h.jsonValue() : null;
      out.first = t == null ? null : t - state.t0;
    }
    // Memory after open: the peak sampled during it, then the heap after a GC.
    out.memory = await sampler.stop();
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    out.memory.heapAfter = metrics.JSHeapUsedSize;
    out.memory.rssAfter = rendererRss();

    // The edit: Data!C2 gets a new amount, typed as a person types it. The clock stops when B12 is
    // what the app's own B12 becomes with the new amount (B12 moves by 2 × the change, whatever the
    // rest of its sums), so a wrong sum elsewhere does not stop the timing; it is reported apart.
    // The open's numbers stand even when the edit fails (out.editError).
    try {
      const before = state.values[EDIT.dependent];
      if (!before || !('value' in before) || typeof before.value !== 'number') throw new Error(`${EDIT.dependent} is ${JSON.stringify(before)} after opening, not a number: the edit cannot be timed`);
      const want = before.value + 2 * (EDIT.value - dataRow(0)[EDIT.col]);
      const target = page.locator(`[data-testid="block"][data-block-name="${names.data}"] [data-testid="sheet-cell"][data-cell="${EDIT.cell}"]`);
      await target.click({ timeout: 60_000 });
      await page.keyboard.type(String(EDIT.value));
      await evaluate(page, watchEdit, { summary: names.summary, dependent: EDIT.dependent, want });
      await page.keyboard.press('Enter');
      const edit = await (await page.waitForFunction(() => (window.__xlsxEdit.done !== null ? window.__xlsxEdit : false), undefined, { polling: 50, timeout: timeoutMs }).catch(async (e) => {
        const shows = await Promise.race([page.evaluate(({ s, d }) => document.querySelector(`[data-testid="block"][data-block-name="${s}"] [data-testid="sheet-cell"][data-cell="${d}"]`)?.getAttribute('data-value') ?? 'no such cell in the page', { s: names.summary, d: EDIT.dependent }), sleep(10_000).then(() => 'the page did not answer')]).catch(() => 'the page is gone');
        throw Object.assign(new Error(`${EDIT.dependent} did not show ${want} in ${timeoutMs / 1000} s after the edit (it shows ${shows}; ${errorText(e)})`), { timedOut: true });
      })).jsonValue();
      out.edit = edit.done - edit.t0;
      out.editShown = { ...edit.shown, expected: expectedValues(rows, { edited: true })[EDIT.dependent] };
    } catch (e) {
      out.editError = errorText(e);
      out.editTimedOut = Boolean(e.timedOut);
    }
    await cdp.detach().catch(() => undefined);
    const editText = out.editError ? `edit FAILED: ${out.editError}` : `edit → ${EDIT.dependent} ${fmtS(out.edit)}${out.editShown.inViewport ? '' : ' (the cell was in the DOM, scrolled out of the viewport)'}`;
    log(`  Cellar: first cells ${fmtS(out.first)}, all formulas ${fmtS(out.all)}, ${editText}; heap ${mb(out.memory.heapAfter)} after, RSS peak ${mb(out.memory.rssPeak)}`);
    return out;
  } finally {
    await Promise.race([context.close().catch(() => undefined), sleep(10_000)]);
  }
}

// ---------------------------------------------------------------- HyperFormula

/** One HyperFormula round: a fresh `node` process (bench/xlsx-peer.mjs); its JSON. */
function peerRound({ file, rows, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=12288', join(ROOT, 'bench', 'xlsx-peer.mjs'), file.path, String(rows)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return reject(Object.assign(new Error(`not opened and edited in ${timeoutMs / 1000} s (killed)`), { timedOut: true }));
      const line = stdout.trim().split('\n').pop();
      if (code !== 0 || !line) return reject(new Error(`xlsx-peer.mjs exited ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' ') || '(no output)'}`));
      resolve(JSON.parse(line));
    });
  });
}

// ---------------------------------------------------------------- the part

const fmtS = (ms) => (ms == null ? '—' : `${(ms / 1000).toFixed(2)} s`);
const mb = (b) => (b == null ? '—' : `${(b / 1e6).toFixed(0)} MB`);

/** Which formula cells did not come to the expected value: `B47: #NAME? (want 4.29…)`. */
function mismatches(values, expected, rows) {
  const bad = [];
  for (const [addr, want] of Object.entries(expected)) {
    if (want === undefined) throw new Error(`the bench has no expected value for ${addr}`);
    const got = values?.[addr];
    if (got && 'value' in got && sameValue(got.value, want)) continue;
    bad.push(`${addr} =${summaryFormulas(rows)[Number(addr.slice(1)) - 2]?.[1] ?? '?'}: ${got ? ('error' in got ? got.error : JSON.stringify(got.value)) : 'missing'} (want ${+want.toPrecision(12)})`);
  }
  return bad;
}

/** Runs the part: the file (made if missing), then `reps` rounds of each side, alternating who goes first. */
export async function runXlsxPart({ browser, url, rows, reps, timeoutMs, log }) {
  const loadBefore = loadavg()[0];
  const file = await ensureXlsx(rows, log);
  const expected = expectedValues(rows);
  const C = { first: [], all: [], edit: [], heapAfter: [], heapPeak: [], heapBefore: [], rssPeak: [], rssBefore: [], rssAfter: [], errors: {}, mismatches: null, editShown: null };
  const H = { read: [], build: [], open: [], edit: [], heapAfter: [], heapPeak: [], maxRss: [], errors: {}, mismatches: null, version: null };
  let cellarOut = false; // a side that timed out is not run again
  let peerOut = false;
  log(`xlsx: ${file.path.replace(`${ROOT}/`, '')} (${(file.bytes / 1e6).toFixed(1)} MB), ${reps} rounds, Cellar and HyperFormula alternating`);
  const cellar = async (i) => {
    if (cellarOut) return;
    try {
      const r = await cellarRound({ browser, url, file, rows, timeoutMs, log });
      if (r.first != null) C.first.push(r.first);
      else C.errors.first ??= `round ${i + 1}: Data's A2 and B2 were not in the page with "x" and 100001 within 60 s after the formulas were computed`;
      C.all.push(r.all);
      if (r.editError) {
        C.errors.edit ??= `round ${i + 1}: ${r.editError}`;
        if (r.editTimedOut) cellarOut = true;
      } else C.edit.push(r.edit);
      for (const k of ['heapAfter', 'heapPeak', 'heapBefore', 'rssPeak', 'rssBefore', 'rssAfter']) C[k].push(r.memory[k]);
      C.mismatches ??= mismatches(r.values, expected, rows);
      C.editShown ??= r.editShown;
    } catch (e) {
      if (!browser.isConnected()) throw new Error(`the browser went away (xlsx round ${i + 1}): ${errorText(e)}`);
      C.errors.open ??= `round ${i + 1}: ${errorText(e)}`;
      if (e.reached) C.reached = e.reached;
      log(`  Cellar round ${i + 1}: FAILED: ${errorText(e)}`);
      // A time-out or a crashed tab would repeat: once is the finding.
      if (e.timedOut || /crash|closed/i.test(errorText(e))) cellarOut = true;
    }
  };
  const peer = async (i) => {
    if (peerOut) return;
    try {
      const r = await peerRound({ file, rows, timeoutMs });
      H.read.push(r.readMs);
      H.build.push(r.buildMs);
      H.open.push(r.openMs);
      H.edit.push(r.editMs);
      H.heapAfter.push(r.heapAfterOpen);
      H.heapPeak.push(r.peakHeap);
      H.maxRss.push(r.maxRss);
      H.version = r.version;
      H.mismatches ??= mismatches(r.values, expected, rows);
      const want = expectedValues(rows, { edited: true })[EDIT.dependent];
      if (!sameValue(r.dependent.value, want)) H.errors.edit ??= `${EDIT.dependent} came to ${JSON.stringify(r.dependent)} after the edit, want ${want}`;
      log(`  HyperFormula: read ${fmtS(r.readMs)} + build ${fmtS(r.buildMs)}, edit → ${EDIT.dependent} ${r.editMs.toFixed(0)} ms; heap ${mb(r.heapAfterOpen)} after, RSS peak ${mb(r.maxRss)}`);
    } catch (e) {
      H.errors.open ??= `round ${i + 1}: ${errorText(e)}`;
      log(`  HyperFormula round ${i + 1}: FAILED: ${errorText(e)}`);
      if (e.timedOut) peerOut = true;
    }
  };
  for (let i = 0; i < reps; i++) {
    log(`xlsx: round ${i + 1} of ${reps}, ${i % 2 === 0 ? 'Cellar first' : 'HyperFormula first'}`);
    if (i % 2 === 0) {
      await cellar(i);
      await peer(i);
    } else {
      await peer(i);
      await cellar(i);
    }
  }
  return {
    rows, reps, timeoutMs, file: { ...file, path: file.path.replace(`${ROOT}/`, '') },
    formulas: summaryFormulas(rows).map(([, f]) => `=${f}`), edit: EDIT,
    loadBefore: loadBefore.toFixed(2), loadAfter: loadavg()[0].toFixed(2),
    cellar: C, peer: H,
  };
}

/** The keys of failed items, for run.mjs's exit code. */
export const xlsxFailures = (x) => [...Object.keys(x.cellar.errors).map((k) => `xlsx cellar ${k}`), ...Object.keys(x.peer.errors).map((k) => `xlsx peer ${k}`)];
