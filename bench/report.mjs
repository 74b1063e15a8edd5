// Turns raw samples into the results table: printed to the console and written to
// docs/benchmarks.md (overwritten each run, so the doc always shows the last real run).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './data.mjs';

export function median(xs) {
  if (!xs || xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmtMs = (ms) => (ms == null ? '—' : ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
const fmtMB = (b) => (b == null ? '—' : `${(b / 1e6).toFixed(1)} MB`);
const fmtRatio = (b, n) => (b == null || n == null || n === 0 ? '—' : `${(b / n).toFixed(1)}×`);

/** The rows of the results table, from the raw samples. */
export function buildRows(r) {
  const B = r.browser.times;
  const N = r.native.times;
  const mb = (k) => (r.sizes[k] / 1e6).toFixed(1);
  const timed = (work, key, target) => {
    const b = median(B[key]);
    const n = median(N[key]);
    return {
      work, browser: fmtMs(b), native: fmtMs(n), ratio: fmtRatio(b, n),
      target: target ? `< ${fmtMs(target)}` : '—',
      met: target ? (b != null && b < target ? 'yes' : 'no') : '—',
    };
  };
  const m = r.browser.memory;
  const heapTarget = r.sizes.csv / 4;
  return [
    timed('Page load → first query answered (browser: cold, new context; native: create + connect + SELECT 1)', 'startup', 2000),
    timed(`Ingest 1M-row CSV (${mb('csv')} MB; native: CREATE TABLE AS read_csv)`, 'ingestCsv'),
    {
      work: 'JS heap growth over the CSV ingest (main thread, after GC)', browser: fmtMB(m.growth), native: '—', ratio: '—',
      target: `< ${fmtMB(heapTarget)} (¼ of file)`, met: m.growth < heapTarget ? 'yes' : 'no',
    },
    {
      work: 'JS heap peak above baseline during the CSV ingest (sampled every 100 ms)', browser: fmtMB(m.peakGrowth), native: '—', ratio: '—',
      target: `< ${fmtMB(heapTarget)} (¼ of file)`, met: m.peakGrowth < heapTarget ? 'yes' : 'no',
    },
    timed(`Ingest flights-3m.parquet (3M rows, ${mb('flights')} MB; native: CREATE TABLE AS read_parquet)`, 'loadFlights'),
    timed(`Ingest big-10m.parquet (10M rows, ${mb('big')} MB; native: CREATE TABLE AS read_parquet)`, 'loadBig'),
    timed('GROUP BY origin over flights_3m (3M rows, in-memory table)', 'groupFlights'),
    timed('GROUP BY grp over big_10m (10M rows, in-memory table)', 'groupBig'),
    timed('Grid fetch: 200 rows at offset 1.5M of flights_3m (SELECT *)', 'offset', 150),
    timed("Grid fetch: 200 rows at offset 1.5M, the grid's SQL (CAST(date AS VARCHAR))", 'offsetGrid', 150),
  ];
}

const COLUMNS = [
  ['work', 'work'], ['browser', 'browser median'], ['native', 'native median'],
  ['ratio', 'ratio (browser/native)'], ['target', 'target'], ['met', 'met?'],
];

export function printTable(rows) {
  const short = rows.map((row) => ({ ...row, work: row.work.length > 70 ? `${row.work.slice(0, 69)}…` : row.work }));
  const widths = COLUMNS.map(([k, h]) => Math.max(h.length, ...short.map((row) => String(row[k]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  console.log(line(COLUMNS.map(([, h]) => h)));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of short) console.log(line(COLUMNS.map(([k]) => row[k])));
}

const samples = (xs) => (xs ? xs.map((x) => Math.round(x)).join(', ') : '—');

export function writeMarkdown(r, rows) {
  const f = r.browser.facts;
  const m = r.browser.memory;
  const B = r.browser.times;
  const N = r.native.times;
  const md = [];
  md.push('# Benchmarks', '');
  md.push('Written by `npm run bench` (bench/run.mjs); every run overwrites this file. The same work runs in the');
  md.push("app's DuckDB-WASM in headless Chromium and in native DuckDB (@duckdb/node-api) on the same files, in one run.");
  md.push(`Medians of ${r.reps.ingest} runs for ingests and ${r.reps.query} for queries and page loads (after one warm-up for queries).`, '');
  md.push('## Machine', '');
  md.push('| fact | value |', '| --- | --- |');
  md.push(`| date | ${r.date} |`);
  md.push(`| cores | ${r.machine.cores} (${r.machine.cpu}); Chromium sees hardwareConcurrency = ${f.hardwareConcurrency} |`);
  md.push(`| memory | ${r.machine.memGB} GB |`);
  md.push(`| OS / Node | ${r.machine.os} / Node ${r.machine.node} |`);
  md.push(`| Chromium | ${f.chromium} (headless, Debian's /usr/bin/chromium) |`);
  md.push(`| DuckDB, browser | DuckDB-WASM ${r.machine.wasmPackage}, engine ${f.version}, bundle \`${f.bundle}\`, crossOriginIsolated = ${f.crossOriginIsolated} |`);
  md.push(`| DuckDB, native | @duckdb/node-api ${r.machine.nativePackage}, engine ${r.native.version} |`);
  md.push(`| threads | browser \`current_setting('threads')\` = ${f.threads}; native \`SET threads\` = ${r.native.threads} |`);
  md.push('');
  md.push('## Results', '');
  md.push(`| ${COLUMNS.map(([, h]) => h).join(' | ')} |`);
  md.push(`| ${COLUMNS.map(() => '---').join(' | ')} |`);
  for (const row of rows) md.push(`| ${COLUMNS.map(([k]) => row[k]).join(' | ')} |`);
  md.push('');
  md.push('Other numbers from the same run:', '');
  md.push(`- Page load, browser: DuckDB ready at ${fmtMs(median(B.startupReady))} (median), the page's load event at ${fmtMs(median(B.startupLoadEvent))}. Native, a whole cold \`node\` process (start, import @duckdb/node-api, create, connect, SELECT 1): ${fmtMs(median(N.startupColdProcess))}.`);
  md.push(`- First (cold) run of each query, before the timed ones — browser / native: ` +
    ['groupFlights', 'groupBig', 'offset', 'offsetGrid'].map((k) => `${k} ${fmtMs(B[`${k}First`]?.[0])} / ${fmtMs(N[`${k}First`]?.[0])}`).join('; ') + '.');
  md.push(`- CSV ingest with heap sampling: ${fmtMs(m.ingestMs)}; JS heap ${fmtMB(m.before)} before, ${fmtMB(m.peak)} peak (${m.samples} samples), ${fmtMB(m.after)} after GC.`);
  md.push(`- Chromium renderer processes' RSS (page + DuckDB worker + its WASM memory): ${fmtMB(m.rssBefore)} before the CSV ingest, ${fmtMB(m.rssPeak)} peak, ${fmtMB(m.rssAfter)} after.` +
    (m.duckdbMemory != null ? ` DuckDB's own \`duckdb_memory()\` after it: ${fmtMB(m.duckdbMemory)}.` : ''));
  md.push('');
  md.push('All samples (ms), browser | native:', '');
  for (const k of ['startup', 'ingestCsv', 'loadFlights', 'loadBig', 'groupFlights', 'groupBig', 'offset', 'offsetGrid']) {
    md.push(`- ${k}: ${samples(B[k])} | ${samples(N[k])}`);
  }
  md.push('');
  md.push('## How measured', '');
  md.push('- **Data.** `bench/.data/rows-1m.csv` (1M rows: int, int, double, double, 3 varchar, date, timestamp; ~95 bytes a row) and');
  md.push('  `bench/.data/big-10m.parquet` (10M rows: bigint id, int k (1000 values), varchar grp (50 values), double, timestamp) are made');
  md.push('  once by native DuckDB `COPY … TO` from `range()` (deterministic) and reused; flights-3m.parquet comes from vega-datasets.');
  md.push('- **Browser.** `vite build` (if stale), `vite preview` on a free loopback port (with COOP/COEP, so the threaded `coi` bundle),');
  md.push('  Debian Chromium headless via Playwright. Only the app\'s test contract is used: the file input, the block status, `window.cellar`.');
  md.push('- **Ingest** (browser): Node\'s clock from `setInputFiles` to the block status reading `ok`, polled every 20 ms — the whole');
  md.push('  user-visible path (read, DuckDB insert, the app\'s row count and describe, React update). Each ingest runs in a fresh');
  md.push('  browser context. The row count is checked afterwards, outside the timing. Native: `CREATE TABLE … AS SELECT * FROM read_csv/read_parquet`');
  md.push('  on a fresh in-memory instance each time.');
  md.push('- **Queries**: timed inside the page with `performance.now()` around `await window.cellar.query(sql)` (which includes turning');
  md.push('  the Arrow result into JS row objects); native times `runAndReadAll` + `getRowObjectsJS()`. Both sides query in-memory');
  md.push('  tables: the browser the table the app made from the file, native a table made by `CREATE TABLE AS SELECT * FROM read_parquet`.');
  md.push('  One untimed warm-up run, then the median of the timed runs.');
  md.push('- **Page load**: a new browser context (empty cache) each time; an init script chains `await cellar.ready; await cellar.query(\'SELECT 1\')`');
  md.push('  as soon as the app defines `window.cellar`, and records the page\'s `performance.now()`, which counts from navigation start.');
  md.push('- **Heap**: an extra CSV ingest (not one of the timed ones): CDP `HeapProfiler.collectGarbage` then `Runtime.getHeapUsage`');
  md.push('  before and after, and `Runtime.getHeapUsage` every 100 ms during it for the peak. This is the page\'s main-thread JS heap;');
  md.push('  the DuckDB worker and its WASM memory are not in it (see the renderer RSS line above for those).');
  md.push('- **Threads**: native runs `SET threads` to the browser DuckDB\'s `current_setting(\'threads\')`. The browser is closed before');
  md.push('  the native runs, so the two never compete for the 2 cores.');
  md.push('');
  md.push('## Notes: what is not apples to apples', '');
  md.push('- **Parquet ingest takes different code paths.** DuckDB-WASM here has no parquet extension: the app decodes Parquet with');
  md.push('  parquet-wasm one row group at a time and inserts each as Arrow IPC. Native uses DuckDB\'s own parallel Parquet reader.');
  md.push('  The ratio for those rows is "the app\'s path vs DuckDB native", not "DuckDB-WASM vs DuckDB".');
  md.push('- **Browser ingest includes the app around DuckDB**: the existence check, reading the file head, the row count and');
  md.push('  describe after, React rendering, Playwright\'s round trip; native is the bare statement. The CSV reaches the browser\'s');
  md.push('  DuckDB through the File API (the worker reads slices of the picked file); native reads it from the (warm) OS page cache.');
  md.push('- **Tables are not byte-identical.** The types the app gets from Parquet via Arrow can differ from what native');
  md.push('  read_parquet makes (e.g. timestamp units, string vs. view types), so query plans on the two sides can differ slightly.');
  md.push('- **Page load vs. native startup** compares very different things: the browser fetches (from loopback), compiles and starts');
  md.push('  a ~34 MB WASM module in a worker, plus the app\'s JS and React; the native in-process number has the shared library');
  md.push('  already loaded (the cold-process number above includes loading it). The ratio on that row is for scale only.');
  md.push('- **Engine versions differ**: see the Machine table; the browser and native builds are not the same DuckDB release.');
  md.push('- The WASM thread count is what DuckDB-WASM reports; how much of it is real parallelism in a given operator is up to the WASM build.');
  md.push('- `SELECT * … LIMIT 200 OFFSET 1500000` has no ORDER BY (like the grid\'s unsorted view), so it scans up to the offset.');
  md.push('- One machine, one run: expect a few percent of noise between runs; the medians are over few samples.');
  md.push('');
  writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), md.join('\n'));
}
