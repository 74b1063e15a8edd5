// Turns raw samples into the results table: printed to the console and written to
// docs/benchmarks.md (overwritten each run, so the doc always shows the last real run).
// A failed item shows as "failed [n]" with the error underneath: never a made-up number.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './data.mjs';
import { xlsxMarkdown } from './xlsx-report.mjs';

export { buildXlsxRows, writeXlsxSection, XLSX_COLUMNS } from './xlsx-report.mjs';

export function median(xs) {
  if (!xs || xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmtMs = (ms) => (ms == null ? '—' : ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
const fmtMB = (b) => (b == null ? '—' : b < 1e6 ? `${Math.round(b / 1e3)} kB` : `${(b / 1e6).toFixed(1)} MB`);
const fmtRatio = (b, n) => (b == null || n == null || n === 0 ? '—' : `${(b / n).toFixed(1)}×`);

/** The rows of the results table, and the failures they refer to. */
export function buildRows(r) {
  const B = r.browser.times;
  const N = r.native.times;
  const notes = [];
  const note = (side, key, text) => {
    notes.push(`${side} ${key}: ${text}`);
    return `[${notes.length}]`;
  };
  const mb = (k) => (r.sizes[k] / 1e6).toFixed(r.sizes[k] < 1e6 ? 2 : 1);
  const cell = (side, times, errors, key) => {
    const m = median(times[key]);
    const err = errors[key];
    if (m == null) return { text: err ? `failed ${note(side, key, err)}` : '—', m: null };
    return { text: err ? `${fmtMs(m)} ${note(side, key, err)}` : fmtMs(m), m, partial: Boolean(err) };
  };
  const timed = (work, key, target) => {
    const b = cell('browser', B, r.browser.errors, key);
    const n = cell('native', N, r.native.errors, key);
    return {
      work, browser: b.text, native: n.text, ratio: fmtRatio(b.m, n.m),
      target: target ? `< ${fmtMs(target)}` : '—',
      met: !target ? '—' : b.m == null ? 'n/a' : b.m < target ? 'yes' : 'no',
    };
  };
  const heap = (work, key, sizeKey, field) => {
    const m = r.browser.memory[key];
    const target = r.sizes[sizeKey] / 4;
    const row = { work, native: '—', ratio: '—', target: `< ${fmtMB(target)} (¼ of file)` };
    if (!m) return { ...row, browser: `failed ${note('browser', key, r.browser.errors[key] ?? 'not measured')}`, met: 'n/a' };
    if (m.ingestError) return { ...row, browser: `${fmtMB(m[field])} ${note('browser', key, `measured over a failed ingest: ${m.ingestError}`)}`, met: 'n/a' };
    return { ...row, browser: fmtMB(m[field]), met: m[field] < target ? 'yes' : 'no' };
  };
  const thr = `?threads=1: \`${r.browser.facts.threaded?.bundle}\` bundle, ${r.browser.facts.threaded?.threads} threads; native the same`;
  const rows = [
    timed('Page load → first query answered (browser: cold, new context; native: create + connect + SELECT 1)', 'startup', 2000),
    timed('Page load → first query answered, warm (reload in the same context: HTTP and code caches)', 'startupWarm', 2000),
    timed(`Page load → first query answered, cold, ${thr}`, 'startupThreaded', 2000),
    timed(`Ingest 1,000-row CSV (${mb('tiny')} MB), the first ingest in a fresh page (native: read_csv)`, 'ingestTinyFirst'),
    timed('Ingest the same 1,000-row CSV again in that page (second ingest)', 'ingestTinySecond'),
    timed(`Ingest 1M-row CSV (${mb('csv')} MB; native: CREATE TABLE AS read_csv)`, 'ingestCsv'),
    timed(`Ingest 1M-row CSV, ${thr}`, 'ingestCsvThreaded'),
    heap('JS heap growth over the 1M-row CSV ingest (main thread, after GC)', 'heapCsv', 'csv', 'growth'),
    heap('JS heap peak above baseline during the 1M-row CSV ingest (sampled every 100 ms)', 'heapCsv', 'csv', 'peakGrowth'),
    timed(`Ingest flights-3m.parquet (3M rows, ${mb('flights')} MB; native: CREATE TABLE AS read_parquet)`, 'loadFlights'),
    timed(`Ingest big-10m.parquet (10M rows, ${mb('big')} MB; native: CREATE TABLE AS read_parquet)`, 'loadBig'),
    timed(`Ingest big-10m.parquet, ${thr}`, 'loadBigThreaded'),
    timed('GROUP BY origin over flights_3m (3M rows, in-memory table)', 'groupFlights'),
    timed('GROUP BY grp over big_10m (10M rows, in-memory table)', 'groupBig'),
    timed(`GROUP BY grp over big_10m, ${thr}`, 'groupBigThreaded'),
    timed('Grid fetch: 200 rows at offset 1.5M of flights_3m (SELECT *)', 'offset', 150),
    timed("Grid fetch: 200 rows at offset 1.5M, the grid's SQL (CAST(date AS VARCHAR))", 'offsetGrid', 150),
  ];
  return { rows, notes };
}

const COLUMNS = [
  ['work', 'work'], ['browser', 'browser median'], ['native', 'native median'],
  ['ratio', 'ratio (browser/native)'], ['target', 'target'], ['met', 'met?'],
];

export function printTable({ rows, notes }, columns = COLUMNS) {
  const short = rows.map((row) => ({ ...row, work: row.work.length > 72 ? `${row.work.slice(0, 71)}…` : row.work }));
  const widths = columns.map(([k, h]) => Math.max(h.length, ...short.map((row) => String(row[k]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  console.log(line(columns.map(([, h]) => h)));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of short) console.log(line(columns.map(([k]) => row[k])));
  notes.forEach((n, i) => console.log(`[${i + 1}] ${n}`));
}

const samples = (xs) => (xs && xs.length ? xs.map((x) => Math.round(x)).join(', ') : '—');
const esc = (s) => String(s).replace(/\|/g, '\\|');

export function writeMarkdown(r, { rows, notes }) {
  const f = r.browser.facts;
  const B = r.browser.times;
  const N = r.native.times;
  const md = [];
  md.push('# Benchmarks', '');
  md.push('Written by `npm run bench` (bench/run.mjs); every run overwrites this file. The same work runs in the');
  md.push("app's DuckDB-WASM in headless Chromium and in native DuckDB (@duckdb/node-api) on the same files, in one run.");
  md.push(`Medians of ${r.reps.ingest} runs for ingests and ${r.reps.query} for queries and page loads (queries after one untimed warm-up).`, '');
  md.push('## Machine', '');
  md.push('| fact | value |', '| --- | --- |');
  md.push(`| date | ${r.date} (run took ${Math.round(r.durationS)} s) |`);
  md.push(`| cores | ${r.machine.cores} (${r.machine.cpu}); Chromium's navigator.hardwareConcurrency = ${f.hardwareConcurrency} |`);
  md.push(`| memory | ${r.machine.memGB} GB |`);
  md.push(`| load average (1 min) | ${r.machine.loadBefore} before the run, ${r.machine.loadAfter} after: other work on the machine shows here |`);
  md.push(`| OS / Node | ${r.machine.os} / Node ${r.machine.node} |`);
  md.push(`| Chromium | ${f.chromium} (headless, Debian's /usr/bin/chromium, via Playwright ${r.machine.playwright}) |`);
  md.push(`| DuckDB, browser | @duckdb/duckdb-wasm ${r.machine.wasmPackage}: engine ${f.version}; page crossOriginIsolated = ${f.crossOriginIsolated} |`);
  md.push(`| DuckDB, native | @duckdb/node-api ${r.machine.nativePackage}: engine ${r.native.version} |`);
  md.push(`| threads, browser | default: \`${f.bundle}\` bundle, \`current_setting('threads')\` = ${f.threads}; with \`?threads=1\`: \`${f.threaded?.bundle}\` bundle, ${f.threaded?.threads} |`);
  md.push(`| threads, native | ${r.native.threads} for the default's rows, ${r.native.threadedThreads} for the \`?threads=1\` rows (\`SET threads\` to match) |`);
  md.push('');
  md.push('## Results', '');
  md.push(`| ${COLUMNS.map(([, h]) => h).join(' | ')} |`);
  md.push(`| ${COLUMNS.map(() => '---').join(' | ')} |`);
  for (const row of rows) md.push(`| ${COLUMNS.map(([k]) => esc(row[k])).join(' | ')} |`);
  md.push('');
  if (notes.length > 0) {
    md.push('Failures in this run:', '');
    notes.forEach((n, i) => md.push(`${i + 1}. ${esc(n)}`));
    md.push('');
  }
  md.push('Other numbers from the same run:', '');
  if (B.startup) {
    md.push(`- Page load, cold: DuckDB ready (\`cellar.ready\`) at ${fmtMs(median(B.startupReady))} (median), the page's load event at ${fmtMs(median(B.startupLoadEvent))}.`);
  }
  if (B.startupThreaded) {
    md.push(`- Page load, cold, ?threads=1: DuckDB ready at ${fmtMs(median(B.startupThreadedReady))}, the page's load event at ${fmtMs(median(B.startupThreadedLoadEvent))}.`);
  }
  if (B.startupWarm) {
    md.push(`- Page load, warm: DuckDB ready at ${fmtMs(median(B.startupWarmReady))}, the page's load event at ${fmtMs(median(B.startupWarmLoadEvent))}.`);
  }
  if (N.startupColdProcess) {
    md.push(`- Native startup as a whole cold \`node\` process (start, import @duckdb/node-api, create, connect, SELECT 1): ${fmtMs(median(N.startupColdProcess))}.`);
  }
  md.push('- First (cold) run of each query, before the timed ones, browser / native: ' +
    [...Object.keys(r.queries), 'groupBigThreaded'].map((k) => `${k} ${fmtMs(B[`${k}First`]?.[0])} / ${fmtMs(N[`${k}First`]?.[0])}`).join('; ') + '.');
  for (const [key, m] of Object.entries(r.browser.memory)) {
    md.push(`- ${m.file} ingest with heap sampling (${key}): ${m.ingestError ? `failed after ${fmtMs(m.ingestMs)}` : fmtMs(m.ingestMs)}; ` +
      `JS heap ${fmtMB(m.before)} before, ${fmtMB(m.peak)} peak (${m.samples} samples), ${fmtMB(m.after)} after GC. ` +
      `Renderer RSS (page + DuckDB worker + its WASM memory) ${fmtMB(m.rssBefore)} before, ${fmtMB(m.rssPeak)} peak, ${fmtMB(m.rssAfter)} after.` +
      (m.duckdbMemory != null ? ` DuckDB's \`duckdb_memory()\` after: ${fmtMB(m.duckdbMemory)}.` : ''));
  }
  md.push('');
  md.push('All samples (ms), browser | native:', '');
  const keys = ['startup', 'startupWarm', 'startupThreaded', 'ingestTinyFirst', 'ingestTinySecond', 'ingestCsv', 'ingestCsvThreaded', 'loadFlights', 'loadBig', 'loadBigThreaded',
    ...Object.keys(r.queries), 'groupBigThreaded'];
  for (const k of keys) md.push(`- ${k}: ${samples(B[k])} | ${samples(N[k])}`);
  md.push('');
  md.push('SQL, the same text on both sides:', '');
  for (const [k, sql] of Object.entries(r.queries)) md.push(`- ${k}: \`${sql}\``);
  md.push('');
  if (r.workbook) md.push(...workbookMarkdown(r));
  if (r.formulas) md.push(...formulasMarkdown(r));
  if (r.charts) md.push(...chartsMarkdown(r));
  if (r.server) md.push(...serverMarkdown(r));
  if (r.xlsx) md.push(...xlsxMarkdown(r));
  md.push(...HOW_MEASURED, '');
  return writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), md.join('\n'));
}

const HOW_MEASURED = [
  '## How measured',
  '',
  '- **Data.** `bench/.data/rows-1m.csv` (1M rows: 2 int, 2 double, 3 varchar, date, timestamp; ~95 bytes a row) and',
  '  `big-10m.parquet` (10M rows: bigint, int with 1000 values, varchar with 50, double, timestamp; DuckDB\'s default row',
  '  groups) are written once by native DuckDB `COPY (… FROM range(n)) TO …` (deterministic) and reused.',
  '  flights-3m.parquet is the one in vega-datasets.',
  '- **Browser.** `vite build` when dist/ is stale, then `vite preview` (with COOP/COEP) on a free loopback port, serving a',
  '  private copy of dist/ so a concurrent build elsewhere cannot pull files from under a page. Debian Chromium headless via',
  '  Playwright. Only the app\'s test contract is used: the file input, the block status, `window.cellar`.',
  '- **Two engine builds.** "Default" is the app as a person gets it. Rows marked `?threads=1` load the app with that query',
  '  parameter, which makes it start DuckDB-WASM\'s threaded build; they run only where threads can matter, and their',
  '  native counterparts use the threaded build\'s thread count. A failure there is reported but does not fail `npm run bench`.',
  '- **Ingest.** Browser: Node\'s clock from `setInputFiles` until the block status reads `ok` (polled every 20 ms): the whole',
  '  path a person waits for (the file read through the File API, the DuckDB insert, the app\'s row count and describe, the',
  '  React update). A fresh browser context for every ingest; the row count is checked afterwards, outside the timing.',
  '  Native: `CREATE TABLE t AS SELECT * FROM read_csv(…)` / `read_parquet(…)` on a fresh in-memory instance each time.',
  '- **Queries.** Timed inside the page with `performance.now()` around `await window.cellar.query(sql)` (which includes',
  '  turning the Arrow result into JS row objects); native times `runAndReadAll` + `getRowObjectsJS()`. Both query in-memory',
  '  tables: the browser the table the app made from the file, native one made with `CREATE TABLE AS SELECT * FROM read_parquet`.',
  '  One untimed warm-up run, then the timed runs, in the page of the first ingest that worked, a second after it finished.',
  '- **Page load.** Cold: a new browser context (empty HTTP cache) each time. Warm: one context loaded once untimed, then',
  '  reloaded. An init script chains `await cellar.ready; await cellar.query(\'SELECT 1\')` as soon as the app defines',
  '  `window.cellar` and records the page\'s `performance.now()`, which counts from navigation start. Native:',
  '  `DuckDBInstance.create` + `connect` + `SELECT 1` in this process.',
  '- **Heap.** One extra ingest of the CSV (not a timed one): CDP `HeapProfiler.collectGarbage` then `Runtime.getHeapUsage`',
  '  before and after, and `Runtime.getHeapUsage` every 100 ms during it for the peak. That is the page\'s main-thread JS heap:',
  '  the DuckDB worker and its WASM memory are not in it; the renderer RSS (from /proc) covers those.',
  '- **Threads.** Native runs with `threads` set to the browser DuckDB\'s `current_setting(\'threads\')`. The browser is closed',
  '  before the native runs start, so the two never compete for the cores.',
  '',
  '## Notes: what is not apples to apples',
  '',
  '- **Parquet ingest takes different code paths.** DuckDB-WASM here has no parquet extension: the app decodes Parquet with',
  '  parquet-wasm one row group at a time and inserts each as Arrow IPC. Native uses DuckDB\'s own Parquet reader.',
  '  The ratio on those rows is "the app\'s path vs. DuckDB native", not "DuckDB-WASM vs. DuckDB".',
  '- **Browser ingest includes the app around DuckDB** (existence check, reading the file head, row count and describe',
  '  afterwards, React, Playwright\'s round trip); native is the bare statement. The browser\'s DuckDB reads the picked file',
  '  through the File API from its worker; native reads it from the (warm) OS page cache.',
  '- **The first ingest in a page pays one-off costs** (the 1,000-row rows show how much: the first use of the ingest path in',
  '  a fresh DuckDB worker); every other browser ingest here is the first in its page, as it is for a person who opens the',
  '  app and drops a file. Native\'s 1,000-row number is also on a fresh instance each time (most of it is DuckDB\'s CSV sniffer).',
  '- **Tables are not byte-identical.** Types the app gets from Parquet through Arrow can differ from what native read_parquet',
  '  makes (timestamp units, string types), so plans on the two sides can differ slightly.',
  '- **Page load vs. native startup** compares very different things: the browser fetches (over loopback), compiles and',
  '  starts a ~34 MB WASM module in a worker, plus the app\'s JS and React; native in-process has its shared library loaded',
  '  already (the cold-process number above includes loading it). That ratio is for scale only.',
  '- **Engine versions differ** (see Machine): the browser and native builds are not the same DuckDB release.',
  '- **Threads vs. cores.** DuckDB-WASM\'s threaded build picks its own thread count, which can be above the core count;',
  '  native is given the same number, so both oversubscribe alike.',
  '- `SELECT * … LIMIT 200 OFFSET 1500000` has no ORDER BY, like the grid\'s unsorted view.',
  '- Few samples on one shared machine (see the load average): differences of a few percent between runs are noise.',
];

// ---------------------------------------------------------------- reactive workbook (issue 3)

/** Nearest-rank percentile: with 7 samples, p90 is the slowest. */
export function percentile(xs, p) {
  if (!xs || xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

export const WORKBOOK_COLUMNS = [
  ['work', 'work'], ['median', 'browser median'], ['p90', 'browser p90'], ['native', 'native median'],
  ['target', 'target'], ['met', 'met? (median; p90)'],
];

/** Which blocks a cell change ran, compared with the blocks it had to run. */
function ranSummary(ran, expected) {
  if (!ran || ran.length === 0) return null;
  const extra = new Set();
  const missing = new Set();
  for (const list of ran) {
    for (const b of list) if (!expected.includes(b)) extra.add(b);
    for (const b of expected) if (!list.includes(b)) missing.add(b);
  }
  return { extra: [...extra], missing: [...missing] };
}

/** The rows of the reactive-workbook table (r.workbook: { browser, native } from bench/workbook.mjs). */
export function buildWorkbookRows(r) {
  const wb = r.workbook;
  const notes = [];
  const note = (text) => {
    notes.push(text);
    return `[${notes.length}]`;
  };
  const A = wb.browser.aggregate;
  const C = wb.browser.chain;
  const NA = wb.native.aggregate;
  const NC = wb.native.chain;
  const row = (work, xs, { target, native, error, nativeError } = {}) => {
    const m = median(xs);
    const p = percentile(xs, 90);
    const fail = (err, side) => `failed ${note(`${side}: ${err}`)}`;
    return {
      work,
      median: m == null ? (error ? fail(error, 'browser') : '—') : fmtMs(m),
      p90: p == null ? '—' : fmtMs(p),
      native: native === undefined ? '—' : median(native) == null ? (nativeError ? fail(nativeError, 'native') : '—') : fmtMs(median(native)),
      target: target ? `< ${fmtMs(target)}` : '—',
      met: !target ? '—' : m == null ? 'n/a' : `${m < target ? 'yes' : 'no'}; ${p < target ? 'yes' : 'no'}`,
    };
  };
  const errA = wb.browser.errors.workbookAggregate;
  const errC = wb.browser.errors.workbookChain;
  const n = wb.chainLength;
  const rows = [
    row('(a) Cell change → aggregate over flights_3m (3M rows) on screen', A?.latency, { target: 300, error: errA }),
    row('(a) … the block\'s statement alone, run directly (CREATE OR REPLACE TABLE … AS SELECT … GROUP BY origin)', A?.direct,
      { native: NA?.direct ?? null, error: errA, nativeError: wb.native.errors.workbookAggregate }),
    row('(a) … the rest: latency − the statement alone, per change', A && A.latency.map((l, i) => l - A.direct[i]), { error: errA }),
    row(`(b) Cell change → the last of a chain of ${n} SQL blocks on screen`, C?.latency, { error: errC }),
    row(`(b) … the ${n} blocks' statements alone, run directly one after another (sum)`, C?.directSum,
      { native: NC?.directSum ?? null, error: errC, nativeError: wb.native.errors.workbookChain }),
    row(`(b) … the chain's overhead: latency − the ${n} statements' sum, per change`, C?.overhead, { target: 100, error: errC }),
    row(`(b) … the app's own run times of the ${n} blocks (sum of the "· n ms" in their status)`, C?.appMsSum?.filter((x) => x != null), { error: errC }),
  ];
  return { rows, notes };
}

export function workbookMarkdown(r) {
  const wb = r.workbook;
  const { rows, notes } = buildWorkbookRows(r);
  const A = wb.browser.aggregate;
  const C = wb.browser.chain;
  const n = wb.chainLength;
  const md = [];
  md.push('## Reactive workbook (issue 3)', '');
  md.push('How long from a person changing a cell (typing a value, pressing Enter) until the result that depends on it is on');
  md.push(`screen, in the app as a person gets it (default engine, ${wb.browser.facts.threads ?? '?'} thread${wb.browser.facts.threads === 1 ? '' : 's'}). ` +
    `${wb.reps} timed changes per workbook after one untimed warm-up change; p90 is nearest-rank (with ${wb.reps} samples, the slowest).`);
  const load = wb.browser.load;
  if (load?.after !== undefined) md.push(`Load average (1 min) ${load.before.toFixed(2)} when this part started, ${load.after.toFixed(2)} when it ended: these latencies are main-thread bound and grow with other work on the machine.`);
  md.push('"Met" is judged on the median; the p90 verdict follows it.', '');
  md.push(`| ${WORKBOOK_COLUMNS.map(([, h]) => h).join(' | ')} |`);
  md.push(`| ${WORKBOOK_COLUMNS.map(() => '---').join(' | ')} |`);
  for (const row of rows) md.push(`| ${WORKBOOK_COLUMNS.map(([k]) => esc(row[k])).join(' | ')} |`);
  md.push('');
  if (notes.length > 0) {
    md.push('Failures in this part:', '');
    notes.forEach((x, i) => md.push(`${i + 1}. ${esc(x)}`));
    md.push('');
  }
  md.push('The workbooks:', '');
  md.push(`- (a) \`flights_3m\` (flights-3m.parquet through the file input), a value cell \`min_delay\`, and \`${A?.block ?? 'query1'}\`: \`${wb.aggregateSql}\`.`);
  md.push(`- (b) a value cell \`x\`, then ${n} SQL blocks (default names query1 … query${n}): query1 is \`${wb.chainSql1}\`, query*k* is \`${wb.chainSqlK}\`.`);
  md.push(`  Laid out as a dashboard: query${n} is moved up under \`x\` (its ↑ button), so the input and the result are on screen`);
  md.push(`  together and the blocks between run below, mostly out of view (1400 × 900 viewport).`);
  md.push('');
  md.push(...WORKBOOK_HISTORY, '');
  md.push('What ran on each change (a block counts as run when its status showed anything but its old text while the change was under way):', '');
  const ranLine = (label, x, expected) => {
    if (!x) return;
    const s = ranSummary(x.ran, expected);
    if (!s) return;
    const parts = [];
    parts.push(s.extra.length ? `**also re-ran ${s.extra.join(', ')}**, which the cell does not feed` : 'nothing the cell does not feed re-ran');
    if (s.missing.length) parts.push(`${s.missing.join(', ')} showed no run on some change (its status may have changed and back within one frame)`);
    md.push(`- ${label}: ${parts.join('; ')}. Blocks seen running, first timed change: ${x.ran[0].join(', ')}.`);
  };
  ranLine('(a)', A, ['min_delay', A?.block]);
  ranLine('(b)', C, ['x', ...(C?.names ?? [])]);
  md.push('');
  md.push('All samples (ms), in change order:', '');
  if (A) {
    md.push(`- (a) min_delay values: ${A.values.join(', ')} (warm-up ${A.warmup?.value}); result rows (origins): ${A.groups.join(', ')}`);
    md.push(`- (a) latency (to the frame): ${samples(A.latency)}; to the DOM: ${samples(A.dom)}; warm-up change ${samples([A.warmup?.latency])}`);
    md.push(`- (a) the statement alone, browser: ${samples(A.direct)} | native: ${samples(wb.native.aggregate?.direct)}`);
    md.push(`- (a) the block's own run time (its status): ${samples(A.appMs.filter((x) => x != null))}`);
  }
  if (C) {
    md.push(`- (b) x values: ${C.values.join(', ')} (warm-up ${C.warmup?.value})`);
    md.push(`- (b) latency (to the frame): ${samples(C.latency)}; to the DOM: ${samples(C.dom)}; warm-up change ${samples([C.warmup?.latency])}`);
    md.push(`- (b) the ${n} statements alone, sum, browser: ${samples(C.directSum)} | native: ${samples(wb.native.chain?.directSum)}`);
    md.push(`- (b) overhead (latency − sum): ${samples(C.overhead)}`);
    md.push(`- (b) the app's own run times of the ${n} blocks, sum: ${samples(C.appMsSum.filter((x) => x != null))}`);
    const perBlock = C.direct[0]?.map((_, k) => median(C.direct.map((d) => d[k])));
    if (perBlock) md.push(`- (b) each statement alone, browser median per block (query1 … query${n}): ${perBlock.map((x) => x.toFixed(1)).join(', ')}`);
  }
  md.push('');
  md.push(...WORKBOOK_HOW, '');
  return md;
}

// What changed (b), measured; the table above is the latest run.
const WORKBOOK_HISTORY = [
  'How (b) came down (2026-12-03; an interleaved A/B of builds, 3 rounds × 7 changes each, the dashboard layout):',
  'the build before that day 1.15 s median (1.26 s in the earlier full run, the last block at the bottom of the page) →',
  '510 ms with fewer statements per block run (no catalog lookup before each DROP, formula-column relations cleared only for',
  'blocks that had them: 141 → 81 queries per change) and blocks out of view not laid out or painted (`content-visibility`)',
  '→ 492 ms with catalog statements in one worker message instead of three → 360 ms (against 463 ms in the same A/B) with',
  'grids out of view refreshing only when they come near it.',
];

const WORKBOOK_HOW = [
  'How measured:',
  '',
  '- **Built like a person builds it**, in a fresh browser context per workbook, through the test contract\'s DOM handles',
  '  (e2e/support/cellar.ts): the file input, Add block → Cell / SQL, the block name to rename, the cell\'s input + Enter,',
  '  the SQL editor (select all, delete, insert the text, Ctrl+Enter); each block is checked to show its result first.',
  '- **One change, timed in the page.** The new value is typed into the cell\'s input (a one-line CodeMirror editor) with the',
  '  browser\'s editing commands, then 50 ms for React to render the draft; then `t0 = performance.now()` and a `keydown` Enter on the input, which is what',
  '  commits a value cell. A MutationObserver started before t0 waits until the target block\'s status starts with `ok`',
  '  and its grid\'s first row shows the expected value ((a): the top `n`, computed beforehand with plain SQL; (b): x + 19);',
  '  the latency is t0 → the next `requestAnimationFrame` after that (the frame that paints it). The "to the DOM" samples',
  '  stop at the mutation instead. 300 ms of quiet before and after each change.',
  '- **The statements alone.** After each change, the same statements the blocks ran (`blockStatement` in',
  '  src/workbook/sql-block.ts: `CREATE OR REPLACE TABLE "queryN" AS …`) run again directly through `window.cellar.query`',
  '  in the same page, one after another, timed in the page; they rewrite the blocks\' tables with the same rows.',
  '  `window.cellar.query` takes no parameters, so `$x` / `$min_delay` goes in as `CAST(value AS BIGINT)`, the type the app',
  '  binds a whole number as. The app binds it instead through a prepared `SET VARIABLE`, which is part of its overhead here.',
  '  The chain\'s overhead is, per change, the latency minus the sum of that change\'s 20 statements.',
  '- **What the overhead holds**: the commit and reconcile of the edit, parsing, the scheduler, binding the parameter, each',
  '  block\'s describe after its statement (each a message to DuckDB\'s worker and back), React renders, and the grids on or',
  '  near the screen fetching their first page (ag-grid\'s infinite row model, 30 ms block-load debounce); grids further away',
  '  refresh when they come near the view.',
  '- **Native** (@duckdb/node-api, same thread count, in-memory): the same statement texts, timed as the query rows above',
  '  (`runAndReadAll` + `getRowObjectsJS()`); one warm-up round, then one round per timed browser change.',
  '- A quick run of only this part: `node bench/run.mjs --only workbook` (or `BENCH_ONLY=workbook npm run bench`); it prints',
  '  the table and writes bench/.data/workbook-run.json, and leaves this file alone. `BENCH_WORKBOOK_REPS` sets the count.',
  '- **A/B of two builds, in one run**: `npm run bench -- --only=workbook --ab=<rev>` (a commit, tag or branch) builds',
  '  `<rev>` in a temporary git worktree (/tmp/cellar-ab-<sha>, this tree\'s node_modules linked in, removed after the',
  '  build) as A, and the working tree as it is as B (`--b=<rev>` builds another revision instead). Each build is served',
  '  by its own `vite preview` with the headers above, both in one Chromium; each workbook is built once per build, in a',
  '  page of its own, then after one warm-up change each, the timed changes alternate between the two pages (A B, then B A, …),',
  '  so load from the rest of the machine falls on both alike. It prints, for (a) and (b), A\'s and B\'s median and p90, B/A',
  '  of the medians and of the p90s, and the median of each round\'s B/A (which a change of load between rounds does not',
  '  move); raw samples go to bench/.data/ab-run.json and this file is left alone. 30 rounds by default',
  '  (`BENCH_AB_ROUNDS`): about 4.5 minutes on this 2-core machine, at load 5 to 9. Two builds of the same source, run that',
  '  way, differed by up to 15% in their medians and 9% in the per-round figure: read smaller differences as noise.',
  '- **The state layer rebuilt (issue 16), A/B in one run** (A = e6f0025, before; B = 832cae1, the runtime with a node per',
  '  block; 30 rounds, machine load 16 → 8 from other work): per-round B/A 0.96 for (a) cell change → aggregate (medians',
  '  256 → 218 ms), 0.88 for (b) the chain of 20 (460 → 424 ms) and 0.94 for its overhead (362 → 331 ms): not slower, within',
  '  the noise the line above gives.',
];

// ---------------------------------------------------------------- formulas (issue 4)

/** The rows of the formulas table (r.formulas: { browser, native } from bench/formulas.mjs). */
export function buildFormulaRows(r) {
  const F = r.formulas;
  const B = F.browser;
  const N = F.native;
  const notes = [];
  const failed = (err) => {
    notes.push(err);
    return `failed [${notes.length}]`;
  };
  const row = (work, xs, { native, js, target, error } = {}) => {
    const m = median(xs);
    return {
      work,
      browser: m == null ? (error ? failed(error) : '—') : fmtMs(m),
      native: native ? fmtMs(median(native)) : '—',
      js: js ? fmtMs(median(js)) : '—',
      target: target ? `< ${fmtMs(target)}` : '—',
      met: !target || m == null ? '—' : m < target ? 'yes' : 'no',
    };
  };
  const rows = [
    row(`Formula column on flights_3m (3M rows): Enter → its first rows on screen`, B.column?.add, { target: 1000, error: B.errors.formulaColumn }),
    row('… the formula over all 3M rows (a count over the column)', B.column?.full, { native: N.full, target: 1000, error: B.errors.formulaColumn }),
    row('… sort by it: header click → the first sorted rows on screen', B.column?.sort, { error: B.errors.formulaColumn }),
    row('SUMIFS cell over flights_3m (3M rows): input cell change → the new sum on screen', B.sumifs?.latency, { target: 1000, error: B.errors.sumifs }),
    row('… its SQL alone, run directly', B.sumifs?.direct, { native: N.sumifs, error: B.errors.sumifs }),
    row('The same SUMIFS over the first 1M rows', B.sumifs?.direct1m, { native: N.sumifs1m, js: N.formulajs, error: B.errors.sumifs }),
  ];
  if (N.errors?.native) notes.push(`native: ${N.errors.native}`);
  return { rows, notes };
}

export const FORMULA_COLUMNS = [
  ['work', 'work'], ['browser', 'DuckDB-WASM (app)'], ['native', 'native DuckDB'], ['js', 'formulajs (JS)'], ['target', 'target'], ['met', 'met?'],
];

export function formulasMarkdown(r) {
  const F = r.formulas;
  const { rows, notes } = buildFormulaRows(r);
  const md = [];
  md.push('## Formulas (issue 4)', '');
  md.push(`Spreadsheet formulas over flights-3m in the app (default engine), the same SQL in native DuckDB, and the same SUMIFS in`);
  md.push(`[formulajs](https://github.com/formulajs/formulajs) ${F.formulajsVersion} (a JavaScript implementation of Excel's functions, as a JS spreadsheet runs them:`);
  md.push(`one array per column) over the first 1M rows. Medians of ${F.reps} timed runs after one warm-up.`, '');
  md.push(`| ${FORMULA_COLUMNS.map(([, h]) => h).join(' | ')} |`);
  md.push(`| ${FORMULA_COLUMNS.map(() => '---').join(' | ')} |`);
  for (const row of rows) md.push(`| ${FORMULA_COLUMNS.map(([k]) => esc(row[k])).join(' | ')} |`);
  md.push('');
  if (notes.length > 0) {
    md.push('Failures in this part:', '');
    notes.forEach((x, i) => md.push(`${i + 1}. ${esc(x)}`));
    md.push('');
  }
  const B = F.browser;
  const N = F.native;
  md.push('The work:', '');
  md.push(`- The formula column: \`${F.columnFormula}\`, typed into "+ Column" on flights_3m; it compiled to \`${B.column?.sql ?? '?'}\`, a view over the table's rows.`);
  md.push(`- The SUMIFS cell: \`${F.sumifsFormula}\`, with \`min_distance\` a value cell (${B.sumifs?.values?.join(', ') ?? '?'} in the timed changes).`);
  if (N.value1m !== undefined) md.push(`- Over the first 1M rows with min_distance 500 the three agree: DuckDB-WASM ${B.sumifs?.value1m}, native ${N.value1m}, formulajs ${N.formulajsValue}.`);
  md.push('');
  md.push('All samples (ms):', '');
  md.push(`- formula column, Enter → first rows: ${samples(B.column?.add)}; over all rows: ${samples(B.column?.full)} (native ${samples(N.full)}); sort: ${samples(B.column?.sort)}`);
  md.push(`- SUMIFS cell, change → sum on screen: ${samples(B.sumifs?.latency)}; its SQL alone: ${samples(B.sumifs?.direct)} (native ${samples(N.sumifs)})`);
  md.push(`- SUMIFS over 1M rows: DuckDB-WASM ${samples(B.sumifs?.direct1m)}; native ${samples(N.sumifs1m)}; formulajs ${samples(N.formulajs)}`);
  md.push('');
  md.push(...FORMULAS_HOW, '');
  return md;
}

const FORMULAS_HOW = [
  'How measured:',
  '',
  '- **Through the DOM, timed in the page** (bench/formulas.mjs), in a fresh page with flights-3m dropped through the file input.',
  '  The formula goes into the CodeMirror formula input with the browser\'s editing commands; `t0` is just before the Enter',
  '  (or the header click, or the input cell\'s Enter); a MutationObserver waits for the result on screen (the column\'s first',
  '  row showing a value and the block `ok`; the sorted first row; the cell showing the sum computed beforehand with plain',
  '  SQL), then one animation frame. Each formula-column repetition deletes the column again, so every one starts alike.',
  '- **"Over all rows"** runs `SELECT count(*) FILTER (WHERE col = \'late\') FROM flights_3m` through `window.cellar.query` in',
  '  the page; native runs the same over a view made from the same compiled SQL (taken from the app\'s "Show SQL").',
  '- **The SUMIFS SQL** is the app\'s own compiled text (a unit test keeps bench/formulas.mjs equal to `compileFormula`\'s output).',
  '- **formulajs** runs in this Node process, `SUMIFS(delay, origin, "SFO", distance, ">500")` over three 1M-element JS arrays',
  '  read from the same rows with native DuckDB; only the call is timed, not building the arrays. HyperFormula, a whole',
  '  spreadsheet engine, is GPL-3.0 and not used here.',
  '- `node bench/run.mjs --only formulas` runs just this part (writes bench/.data/formulas-run.json, leaves this file alone).',
];

// ---------------------------------------------------------------- charts (issue 5)

const fmtBytes = (n) => (n == null ? '—' : n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** The rows of the charts table (r.charts: { browser, native } from bench/charts.mjs). */
export function buildChartRows(r) {
  const C = r.charts;
  const notes = Object.entries(C.browser.errors ?? {}).map(([k, v]) => `${k}: ${v}`);
  if (C.native.errors?.native) notes.push(`native: ${C.native.errors.native}`);
  const rows = [];
  for (const [table, items] of Object.entries(C.browser.picks ?? {})) {
    const target = table === 'flights_3m' ? 500 : undefined;
    for (const item of items) {
      const m = median(item.ms);
      rows.push({
        work: `${table}: pick → drawn: ${item.what}`,
        browser: fmtMs(m),
        direct: fmtMs(median(item.direct)),
        native: fmtMs(median(C.native.ms?.[`${table}:${item.testId}=${item.value}`])),
        marks: String(item.points),
        bytes: fmtBytes(item.bytes),
        target: target ? `< ${fmtMs(target)}` : '—',
        met: !target || m == null ? '—' : m < target ? 'yes' : 'no',
      });
    }
  }
  return { rows, notes };
}

export const CHART_COLUMNS = [
  ['work', 'work'], ['browser', 'app: pick → drawn'], ['direct', 'its SQL, DuckDB-WASM'], ['native', 'its SQL, native DuckDB'], ['marks', 'marks'], ['bytes', 'data to the page'], ['target', 'target'], ['met', 'met?'],
];

export function chartsMarkdown(r) {
  const C = r.charts;
  const { rows, notes } = buildChartRows(r);
  const md = ['## Charts (issue 5)', ''];
  md.push(`A chart block over flights-3m (3M rows) and the generated big-10m.parquet (10M rows) in the app (default engine); each pick`);
  md.push(`changes one select of the chart's form. Medians of ${C.reps} timed picks after one warm-up.`, '');
  md.push(`| ${CHART_COLUMNS.map(([, h]) => h).join(' | ')} |`);
  md.push(`| ${CHART_COLUMNS.map(() => '---').join(' | ')} |`);
  for (const row of rows) md.push(`| ${CHART_COLUMNS.map(([k]) => esc(row[k])).join(' | ')} |`);
  md.push('');
  if (notes.length > 0) {
    md.push('Failures in this part:', '');
    notes.forEach((x, i) => md.push(`${i + 1}. ${esc(x)}`));
    md.push('');
  }
  md.push('The SQL of each chart (as its "SQL" panel shows it; native ran the same text):', '');
  for (const items of Object.values(C.browser.picks ?? {})) for (const item of items) md.push(`- ${item.what}: \`${item.sql}\``);
  md.push('');
  md.push('All samples (ms), pick → drawn:', '');
  for (const [table, items] of Object.entries(C.browser.picks ?? {})) for (const item of items) md.push(`- ${table}, ${item.what}: ${samples(item.ms)}`);
  md.push('');
  md.push(...CHARTS_HOW, '');
  return md;
}

const CHARTS_HOW = [
  'How measured:',
  '',
  '- **Pick → drawn** (bench/charts.mjs): in the page, the form\'s select gets its new value and a `change` event (`t0`); a',
  '  MutationObserver waits until the chart view says the new result is drawn (`data-rendered`, set after vega-embed',
  '  finished), the block is `ok` and its SQL or mark count changed, then one animation frame. That holds the stats',
  '  query (row count, bin extents), the data query, the selection view and its count, Arrow → rows, and Vega\'s drawing.',
  '  Between timed picks the select is set back (not timed), so every pick recomputes.',
  '- **Data to the page**: bytes of the Arrow result of the chart\'s data query, as it crossed from DuckDB\'s worker.',
  '- **Its SQL**: the chart\'s data query alone through `window.cellar.query` in the page, and in native DuckDB',
  '  (@duckdb/node-api, same thread count) on the same files, read into JS rows.',
  '- `node bench/run.mjs --only charts` runs just this part (writes bench/.data/charts-run.json, leaves this file alone).',
];

// ---------------------------------------------------------------- the server (issue 7)

/** The rows of the server table (r.server: { reps, side, native } from bench/server.mjs). */
export function buildServerRows(r) {
  const { side: S, native: N } = r.server;
  const notes = [
    ...Object.entries(S.errors ?? {}).map(([k, v]) => `server ${k}: ${v}`),
    ...Object.entries(N?.errors ?? {}).map(([k, v]) => `native ${k}: ${v}`),
  ];
  const failedNote = (side, key) => {
    const err = (side === 'server' ? S.errors : N?.errors)?.[key];
    if (!err) return '—';
    return `failed [${notes.indexOf(`${side} ${key}: ${err}`) + 1}]`;
  };
  const ms = (side, times, key) => (median(times?.[key]) == null ? failedNote(side, key) : fmtMs(median(times[key])));
  const mbps = (bytes, t) => (bytes == null || t == null ? '—' : `${(bytes / 1e6 / (t / 1000)).toFixed(0)} MB/s`);
  const big = S.big;
  const rowsM = `${Math.round(big.rows / 1e6)}M`;

  // The overhead rows: met is judged on server / native, against 1.2×.
  const overhead = (work, key) => {
    const s = median(S.times[key]);
    const n = median(N?.times[key]);
    const ratio = s != null && n != null && n > 0 ? s / n : null;
    return {
      work, server: ms('server', S.times, key), native: ms('native', N?.times, key),
      ratio: ratio == null ? '—' : `${ratio.toFixed(2)}×`, bytes: '—', rate: '—',
      target: '< 1.2× (ratio)', met: ratio == null ? 'n/a' : ratio < 1.2 ? 'yes' : 'no',
    };
  };
  // The shipping rows: met is judged on the time, against 1 s.
  const ship = (work, value, { native = '—', bytes, target } = {}) => ({
    work, server: value == null ? '—' : fmtMs(value), native, ratio: '—',
    bytes: fmtMB(bytes), rate: mbps(bytes, value),
    target: target ? `< ${fmtMs(target)}` : '—',
    met: !target ? '—' : value == null ? 'n/a' : value < target ? 'yes' : 'no',
  });
  const node = S.runs.shipNode;
  const page = S.runs.shipBrowser;
  const plain = S.runs.shipBrowserFetch;
  const load = overhead(`Load ${big.path.split('/').pop()} (${rowsM} rows, ${fmtMB(big.bytes)}) into a table: server PUT /api/tables (upload + import), native CREATE TABLE AS read_parquet`, 'loadBig');
  const rows = [
    { ...load, target: '—', met: '—', bytes: fmtMB(big.bytes), rate: mbps(big.bytes, median(S.times.loadBig)) },
    overhead(`GROUP BY grp over ${big.table} (${rowsM} rows, a table in each side's database file), server: HTTP → Arrow → rows`, 'groupTable'),
    overhead(`GROUP BY grp over read_parquet of the same file (${rowsM} rows)`, 'groupParquet'),
    ship('SELECT * FROM flights_1m (1M rows × 7 columns) as Arrow → this Node process: request → decoded table', median(S.times.shipNode),
      { native: N?.times.shipNode ? `${fmtMs(median(N.times.shipNode))} (rows in DuckDB only)` : failedNote('native', 'shipNode'), bytes: node?.bytes, target: 1000 }),
    ship('… of which request → last byte', median(node?.lastByteMs), { bytes: node?.bytes }),
    ship("… into the browser: the app's RemoteEngine.query in the app's page (request → Arrow table)", median(S.times.shipBrowser), { bytes: page?.bytes, target: 1000 }),
    ship('… a plain fetch in that page, request → last byte', median(plain?.lastByteMs), { bytes: page?.bytes }),
    ship('… then tableFromIPC in the page', median(plain?.decodeMs)),
  ];
  if (S.errors.shipNode) rows[3].server = failedNote('server', 'shipNode');
  if (S.errors.shipBrowser) rows[5].server = failedNote('server', 'shipBrowser');
  return { rows, notes };
}

export const SERVER_COLUMNS = [
  ['work', 'work'], ['server', 'server (HTTP)'], ['native', 'native DuckDB'], ['ratio', 'ratio (server/native)'],
  ['bytes', 'bytes'], ['rate', 'MB/s'], ['target', 'target'], ['met', 'met?'],
];

export function serverMarkdown(r) {
  const { side: S, native: N, reps } = r.server;
  const big = S.big;
  const { rows, notes } = buildServerRows(r);
  const md = ['## The server (issue 7)', ''];
  md.push(`The Cellar server (server/, native DuckDB ${S.facts.duckdb ?? '?'} behind HTTP) against native DuckDB in the bench process, on the same`);
  md.push(`files with the same threads (${S.threads}) and memory limit (${S.memoryLimit}). Medians of ${reps} timed runs after one warm-up`);
  md.push('(the loads: one run each), server and native alternating.');
  md.push(`Load average (1 min) ${S.loadBefore} when this part started, ${N?.loadAfter ?? '?'} when it ended.`, '');
  md.push(`| ${SERVER_COLUMNS.map(([, h]) => h).join(' | ')} |`);
  md.push(`| ${SERVER_COLUMNS.map(() => '---').join(' | ')} |`);
  for (const row of rows) md.push(`| ${SERVER_COLUMNS.map(([k]) => esc(row[k])).join(' | ')} |`);
  md.push('');
  if (notes.length > 0) {
    md.push('Failures in this part:', '');
    notes.forEach((x, i) => md.push(`${i + 1}. ${esc(x)}`));
    md.push('');
  }
  md.push('The data and the work:', '');
  const made = big.generatedS == null ? 'generation time not recorded' : `generated by native DuckDB in ${big.generatedS.toFixed(1)} s${big.generatedThisRun ? ' in this run' : ' by an earlier run, reused'}`;
  md.push(`- \`bench/.data/${big.path.split('/').pop()}\`: ${big.rows.toLocaleString('en-US')} rows, ${fmtMB(big.bytes)} (${made}); columns id BIGINT (unique), k BIGINT (1,000 values), grp VARCHAR (50), v DOUBLE.` +
    (big.sizedDown ? ` **Sized down from 100M rows: ${big.sizedDown}.**` : ''));
  md.push(`- Load: uploaded through \`PUT /api/tables/${big.table}?format=parquet\` (what the app's "upload to the server" sends): the body was sent in ${fmtMs(S.facts.loadBigSentMs)}, the answer (the table made) came ${fmtMs(S.times.loadBig?.[0])} after the request. ` +
    `Database file afterwards: server ${fmtMB(S.facts.databaseBytes)}, native ${fmtMB(N?.facts?.databaseBytes)}.`);
  for (const key of ['groupTable', 'groupParquet']) {
    const same = N?.facts?.[`${key}Same`];
    const nativeSql = N?.facts?.[`${key}Sql`];
    const differs = nativeSql && nativeSql !== S.sql[key] ? ` (native: \`${nativeSql.replace(ROOT + '/', '')}\`, the same file)` : '';
    md.push(`- ${key}: \`${(S.sql[key] ?? '?').replace(ROOT + '/', '')}\`${differs}${same === true ? ' — both sides returned the same 50 groups' : same === false ? ' — **the two sides returned different groups**' : ''}.`);
  }
  md.push(`- flights_1m: ${(S.facts.shipColumns ?? []).join(', ')} (server/bench/arrow-throughput.ts's table, made from flights-3m.parquet uploaded through \`PUT /api/tables\`).`);
  md.push('');
  md.push('All samples (ms):', '');
  md.push(`- load: server ${samples(S.times.loadBig)} | native ${samples(N?.times.loadBig)}`);
  for (const key of ['groupTable', 'groupParquet']) {
    md.push(`- ${key}: server ${samples(S.times[key])} (its own \`X-Cellar-Ms\`: ${samples(S.runs[key]?.serverMs)}; first run ${samples(S.times[`${key}First`])}) | native ${samples(N?.times[key])}`);
  }
  const node = S.runs.shipNode;
  if (node) {
    md.push(`- flights_1m → Node: request → decoded ${samples(S.times.shipNode)}; to the last byte ${samples(node.lastByteMs)}; tableFromIPC ${samples(node.decodeMs)}; ` +
      `server's own (queue to last byte) ${samples(node.serverMs)}; ${fmtMB(node.bytes)}, ${node.streamed ? 'streamed' : 'held back whole'} | native (rows in DuckDB only) ${samples(N?.times.shipNode)}`);
  }
  if (S.runs.shipBrowser) {
    md.push(`- flights_1m → the page: RemoteEngine.query ${samples(S.times.shipBrowser)}; plain fetch to the last byte ${samples(S.runs.shipBrowserFetch?.lastByteMs)}, then tableFromIPC ${samples(S.runs.shipBrowserFetch?.decodeMs)}`);
  }
  md.push('');
  md.push(...serverHow(S), '');
  return md;
}

const serverHow = (S) => [
  'How measured:',
  '',
  `- **The server** is started as a person starts it (\`server/main.ts --data bench/.data/server-run --threads ${S.threads} --memory-limit ${S.memoryLimit}\`,`,
  '  a fresh data folder each run, removed afterwards) and stopped at the end of the part, also when it fails or is interrupted.',
  '  Native DuckDB (@duckdb/node-api, the same package the server uses) runs in the bench process on a database file (as the',
  '  server keeps its tables in one) with the same `threads` and `memory_limit`, so the two sides differ only by what the server',
  '  adds: HTTP, statement classification, the connection pool, Arrow encoding and decoding.',
  '- **Side by side, alternating.** Both are up for the whole part but never work at the same moment: one warm-up run each, then',
  '  rounds of one server run and one native run, the order flipped every round. Other work on a shared machine comes and',
  '  goes; alternating lets both sides see the same of it, so the ratio holds even when the absolute numbers drift.',
  '- **Loading the big file.** A person with a file too big for the browser uploads it: `PUT /api/tables` streams it to the',
  '  server\'s disk, then `CREATE TABLE … AS SELECT * FROM read_parquet(…)`. Native runs that same statement on the file in place.',
  '- **GROUP BY.** The same SQL text on both sides. Server: `POST /api/query` over node:http from the bench process, timed from',
  '  the request to the Arrow answer decoded with apache-arrow and turned into row objects; native: `runAndReadAll` +',
  '  `getRowObjectsJS()`. The ratio is server / native, medians. The result is 50 rows, so this is the cost of a query, not of',
  '  shipping data. The read_parquet rows read the file itself on both sides: SQL on the server can read only its',
  `  \`uploads/\` (emptied at each start; an upload is deleted once imported), so the bench puts the file there by a ${S.facts.parquetInUploads ?? 'hard link'}`,
  '  after the server started — a bench device, not a documented way in.',
  '- **1M rows × 7 columns as Arrow.** `SELECT * FROM flights_1m`. Into Node: node:http, request → last byte (the answer is',
  '  over 8 MB, so it streams), then `tableFromIPC`. Into the browser: the app\'s page (cross-origin isolated, DuckDB-WASM',
  '  started and idle) in headless Chromium. The app has no hook to its remote engine (`window.cellar` queries the page\'s',
  '  DuckDB), so the bench bundles src/engine/remote/RemoteEngine.ts with esbuild (the same source and apache-arrow the app',
  '  ships; vite would bundle it alike), injects it into the page and times `RemoteEngine.query` in the page: fetch with the',
  '  token, the body, the error-tail check, `tableFromIPC`. A plain `fetch` + `tableFromIPC` in the same page splits that time.',
  '  MB/s is the answer\'s bytes over the time on its row. The native number beside it is DuckDB producing the same rows into',
  '  its own chunks (`runAndReadAll`, no Arrow, no transfer): a floor for any client.',
  '- **Sharing the cores.** On loopback the client (Node or Chromium) and the server share the machine\'s cores; native has',
  '  them alone.',
  '- `node bench/run.mjs --only server` runs just this part (writes bench/.data/server-run.json, leaves this file alone).',
  '  `BENCH_SERVER_REPS` sets the count, `BENCH_SERVER_THREADS` the threads, `BENCH_SERVER_ROWS` the generated file\'s rows.',
];
