// `npm run bench`: the same work in the app's DuckDB-WASM (headless Chromium) and in native DuckDB,
// in one run; prints the medians and writes docs/benchmarks.md. Browser first (it decides the
// thread count), closed before the native runs so the two never share the 2 cores.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildIfStale, checkChromium, launchChromium, runBrowser, snapshotDist, startPreview, withApp } from './browser.mjs';
import { DATA_DIR, ensureData, FILES, ROOT } from './data.mjs';
import { runNative } from './native.mjs';
import { buildChartRows, buildFormulaRows, buildRows, buildServerRows, buildWorkbookRows, buildXlsxRows, CHART_COLUMNS, FORMULA_COLUMNS, printTable, SERVER_COLUMNS, WORKBOOK_COLUMNS, writeMarkdown, writeXlsxSection, XLSX_COLUMNS } from './report.mjs';
import { checkReps as checkWorkbookReps, runWorkbookBrowser, runWorkbookNative, WORKBOOK } from './workbook.mjs';
import { COLUMN_FORMULA, runFormulasBrowser, runFormulasNative, SUMIFS_FORMULA } from './formulas.mjs';
import { runChartsBrowser, runChartsNative } from './charts.mjs';
import { ensureBigParquet, killCellarServersSync, runServerPart, stopCellarServers } from './server.mjs';
import { abArgs, runAb } from './ab.mjs';
import { runXlsxPart, xlsxFailures, xlsxOptions } from './xlsx.mjs';

// `--only workbook|formulas|charts|server|xlsx` (or BENCH_ONLY=…): just that part, for iterating on it.
// It prints its table and writes bench/.data/<part>-run.json; docs/benchmarks.md is left alone,
// since it always shows one whole run — except `--only xlsx`, which rewrites its own section there
// (dated): the whole run is long and loads a shared machine, the .xlsx part is often run alone.
const onlyArg = process.argv.find((a, i) => a.startsWith('--only=') || process.argv[i - 1] === '--only');
const ONLY = process.env.BENCH_ONLY || (onlyArg?.startsWith('--only=') ? onlyArg.slice(7) : onlyArg);
if (ONLY && !['workbook', 'formulas', 'charts', 'server', 'xlsx'].includes(ONLY)) {
  console.error(`--only ${ONLY}: the parts that run alone are "workbook", "formulas", "charts", "server" and "xlsx"`);
  process.exit(2);
}
// `--ab=<rev> [--b=<rev>]`: the reactive workbook only, against two builds in one run (bench/ab.mjs).
let AB;
try {
  AB = abArgs(process.argv);
} catch (e) {
  console.error(e.message);
  process.exit(2);
}
if (AB && ONLY && ONLY !== 'workbook') {
  console.error(`--ab runs the reactive workbook part only; drop --only ${ONLY} (or use --only=workbook)`);
  process.exit(2);
}

// The .xlsx part's size and rounds (`--rows=N`, BENCH_XLSX_REPS, BENCH_XLSX_TIMEOUT_S).
let XLSX;
try {
  XLSX = xlsxOptions();
} catch (e) {
  console.error(e.message);
  process.exit(2);
}

// Repetitions can be lowered for a quick try (BENCH_INGEST_REPS=1 BENCH_QUERY_REPS=1 npm run bench).
const reps = {
  ingest: Number(process.env.BENCH_INGEST_REPS ?? 3),
  query: Number(process.env.BENCH_QUERY_REPS ?? 5),
  workbook: Number(process.env.BENCH_WORKBOOK_REPS ?? 7), // timed cell changes per workbook, after a warm-up
  formulas: Number(process.env.BENCH_FORMULA_REPS ?? 5),
  charts: Number(process.env.BENCH_CHART_REPS ?? 5),
  server: Number(process.env.BENCH_SERVER_REPS ?? 5),
};

// The same SQL text runs on both sides. The grid's SQL is what pageSql() makes for flights_3m:
// numbers and strings as they are, the timestamp cast to VARCHAR.
const QUERIES = {
  groupFlights: 'SELECT origin, count(*) AS n, avg(delay) AS avg_delay FROM flights_3m GROUP BY origin',
  offset: 'SELECT * FROM flights_3m LIMIT 200 OFFSET 1500000',
  offsetGrid: 'SELECT CAST("date" AS VARCHAR) AS "date", "delay", "distance", "origin", "destination" FROM flights_3m LIMIT 200 OFFSET 1500000',
  groupBig: 'SELECT grp, count(*) AS n, avg(v) AS avg_v, max(k) AS max_k FROM big_10m GROUP BY grp',
};

const started = performance.now();
const log = (msg) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

// Whatever happens, the preview server, the Cellar server (bench/server.mjs) and the browser go away with us.
let server;
let browser;
async function cleanup() {
  server?.stop();
  server = undefined;
  await stopCellarServers();
  const b = browser;
  browser = undefined;
  // Bounded: closing a browser that is already dying can take long or never settle.
  if (b) await Promise.race([b.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
}
process.on('exit', () => {
  // Synchronous last resort.
  server?.stop();
  killCellarServersSync();
});
process.on('unhandledRejection', async (e) => {
  console.error(`\nbench failed (unhandled): ${e?.stack ?? e}`);
  await cleanup();
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    console.error(`\n${signal}: stopping`);
    await cleanup();
    process.exit(130);
  });
}

const pkgVersion = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

async function main() {
  checkChromium();
  if (AB) {
    if (!existsSync(FILES.flights.path)) throw Object.assign(new Error(`${FILES.flights.path} is missing: run npm install`), { plain: true });
    return runAb(AB, log);
  }
  checkWorkbookReps(reps.workbook); // before the long part, not after it
  const loadBefore = loadavg()[0].toFixed(2);
  let sizes;
  let big; // the server part's 100M-row Parquet
  if (ONLY === 'charts') {
    sizes = await ensureData(); // big-10m.parquet
  } else if (ONLY === 'xlsx') {
    // its workbook is made by the part itself (bench/xlsx-data.mjs)
  } else if (ONLY) {
    if (!existsSync(FILES.flights.path)) throw Object.assign(new Error(`${FILES.flights.path} is missing: run npm install`), { plain: true });
  } else {
    log('data: bench/.data (generated with native DuckDB when missing)');
    sizes = await ensureData();
  }
  if (!ONLY || ONLY === 'server') big = await ensureBigParquet(log);

  // CELLAR_DIST (as the e2e tests take it): serve that build as it is, e.g. one made from other sources.
  const dist = process.env.CELLAR_DIST;
  log(dist ? `app: vite preview of ${dist}` : 'app: build if stale, start vite preview');
  if (!dist) buildIfStale();
  server = await startPreview(dist ? join(ROOT, dist) : await snapshotDist());
  log(`app: ${server.url}`);
  browser = await launchChromium();

  const browserResult = ONLY ? undefined : await runBrowser({ browser, url: server.url, files: FILES, reps, queries: QUERIES, log });
  const workbookBrowser = ONLY && ONLY !== 'workbook' ? undefined : await runWorkbookBrowser({ browser, url: server.url, reps: reps.workbook, log });
  let formulasBrowser;
  if (!ONLY || ONLY === 'formulas') {
    log('formulas: a formula column and a SUMIFS cell over flights_3m');
    formulasBrowser = await withApp(browser, server.url, (page) => runFormulasBrowser({ page, reps: reps.formulas, log })).catch((e) => ({ errors: { formulas: String(e?.message ?? e).split('\n')[0] } }));
  }
  let chartsBrowser;
  if (!ONLY || ONLY === 'charts') {
    log('charts: pick → drawn over flights_3m and big_10m');
    chartsBrowser = await withApp(browser, server.url, (page) => runChartsBrowser({ page, reps: reps.charts, log })).catch((e) => ({ errors: { charts: String(e?.message ?? e).split('\n')[0] }, picks: {} }));
  }
  // The Cellar server's part, server and native side by side, while the browser is still open for
  // its one page (idle otherwise); the server process is stopped before this returns.
  let serverPart;
  if (!ONLY || ONLY === 'server') {
    log('server: the Cellar server vs native DuckDB, over the generated Parquet and flights_1m');
    serverPart = await runServerPart({ browser, appUrl: server.url, big, reps: reps.server, log });
  }
  let xlsxPart;
  if (!ONLY || ONLY === 'xlsx') {
    log(`xlsx: a ${XLSX.rows.toLocaleString('en-US')} × 10 workbook, Cellar in the page vs HyperFormula in Node`);
    xlsxPart = await runXlsxPart({ browser, url: server.url, ...XLSX, log });
    // Which build of the app ran (BENCH_APP_REV: what it was built from, when that is not this tree).
    const built = statSync(join(ROOT, dist ?? 'dist', 'index.html')).mtime.toISOString().replace(/\.\d+Z$/, 'Z');
    xlsxPart.app = `\`${dist ?? 'dist'}/\`, built ${built}${process.env.BENCH_APP_REV ? ` from ${process.env.BENCH_APP_REV}` : ''}`;
  }
  await cleanup();
  if (ONLY === 'xlsx') return finishXlsxOnly(xlsxPart);
  if (ONLY === 'formulas') return finishFormulasOnly(formulasBrowser);
  if (ONLY === 'charts') return finishChartsOnly(chartsBrowser);
  if (ONLY === 'server') return finishServerOnly(serverPart);

  let nativeResult;
  const threads = browserResult?.facts.threads ?? workbookBrowser.facts.threads ?? 1;
  const formulasNative = formulasBrowser ? await runFormulasNative({ threads, reps: reps.formulas, columnSql: formulasBrowser.column?.sql, log }) : undefined;
  if (!ONLY) {
    const threadedThreads = browserResult.facts.threaded.threads;
    log(`native: @duckdb/node-api with threads = ${threads} (and ${threadedThreads} for the ?threads=1 items)`);
    nativeResult = await runNative({ threads, threadedThreads, reps, queries: QUERIES, log });
    if (nativeResult.threads !== threads || nativeResult.threadedThreads !== threadedThreads) {
      throw new Error(`native ran with ${nativeResult.threads}/${nativeResult.threadedThreads} threads, browser with ${threads}/${threadedThreads}`);
    }
  }
  if (workbookBrowser.facts.threads !== undefined && workbookBrowser.facts.threads !== threads) {
    throw new Error(`the workbook pages ran DuckDB with ${workbookBrowser.facts.threads} threads, the other pages with ${threads}`);
  }
  const chartsNative = chartsBrowser ? await runChartsNative({ threads, reps: reps.charts, browser: chartsBrowser, log }) : undefined;
  log(`native: the reactive workbook's statements, threads = ${threads}`);
  const workbookNative = await runWorkbookNative({ threads, reps: reps.workbook, log });

  const result = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    durationS: (performance.now() - started) / 1000,
    reps,
    sizes,
    queries: QUERIES,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      memGB: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      loadBefore,
      loadAfter: loadavg()[0].toFixed(2),
      playwright: pkgVersion('@playwright/test'),
      node: process.versions.node,
      wasmPackage: pkgVersion('@duckdb/duckdb-wasm'),
      nativePackage: pkgVersion('@duckdb/node-api'),
    },
    browser: browserResult,
    native: nativeResult,
    workbook: {
      reps: reps.workbook,
      chainLength: WORKBOOK.CHAIN_LENGTH,
      aggregateSql: WORKBOOK.AGGREGATE_SQL,
      chainSql1: WORKBOOK.chainSql(1),
      chainSqlK: WORKBOOK.chainSql(2, 'query{k-1}'),
      browser: workbookBrowser,
      native: workbookNative,
    },
    formulas: formulasBrowser && formulasResult(formulasBrowser, formulasNative),
    charts: chartsBrowser && { reps: reps.charts, browser: chartsBrowser, native: chartsNative },
    server: serverPart && { reps: reps.server, ...serverPart },
    xlsx: xlsxPart,
  };
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(join(DATA_DIR, ONLY ? 'workbook-run.json' : 'last-run.json'), JSON.stringify(result, null, 2));

  console.log('');
  if (!ONLY) {
    printTable(buildRows(result));
    console.log('');
  }
  console.log(`Reactive workbook (issue 3), ${reps.workbook} changes each (load average ${loadBefore} before, ${result.machine.loadAfter} after):`);
  printTable(buildWorkbookRows(result), WORKBOOK_COLUMNS);
  if (result.formulas) {
    console.log('\nFormulas (issue 4):');
    printTable(buildFormulaRows(result), FORMULA_COLUMNS);
  }
  if (result.charts) {
    console.log('\nCharts (issue 5):');
    printTable(buildChartRows(result), CHART_COLUMNS);
  }
  if (result.server) {
    console.log(`\nThe server (issue 7), load average ${serverPart.side.loadBefore} before, ${serverPart.native.loadAfter} after:`);
    printTable(buildServerRows(result), SERVER_COLUMNS);
  }
  if (result.xlsx) {
    console.log(`\nExcel workbook (issue 17), load average ${xlsxPart.loadBefore} before, ${xlsxPart.loadAfter} after:`);
    printTable(buildXlsxRows(result), XLSX_COLUMNS);
  }
  if (ONLY) {
    log('only the workbook part ran: docs/benchmarks.md left as it was (raw samples in bench/.data/workbook-run.json)');
  } else {
    writeMarkdown(result, buildRows(result));
    log('wrote docs/benchmarks.md (raw samples in bench/.data/last-run.json)');
  }
  // Every number that was measured is written. A failed item of the app as people get it fails
  // the command; the opt-in threaded build (keys ending in "Threaded") is reported, not enforced.
  const failed = [
    ...Object.keys(browserResult?.errors ?? {}), ...Object.keys(nativeResult?.errors ?? {}),
    ...Object.keys(workbookBrowser.errors), ...Object.keys(workbookNative.errors),
    ...Object.keys(formulasBrowser?.errors ?? {}), ...Object.keys(formulasNative?.errors ?? {}),
    ...Object.keys(chartsBrowser?.errors ?? {}), ...Object.keys(chartsNative?.errors ?? {}),
    ...Object.keys(serverPart?.side.errors ?? {}), ...Object.keys(serverPart?.native.errors ?? {}),
    ...(xlsxPart ? xlsxFailures(xlsxPart) : []),
  ];
  const counted = failed.filter((k) => !k.endsWith('Threaded'));
  if (failed.length > counted.length) console.error(`\n${failed.length - counted.length} item(s) of the opt-in ?threads=1 build failed (reported, not counted).`);
  if (counted.length > 0) console.error(`\n${counted.length} work item(s) failed: ${counted.join(', ')}; see the notes under the table.`);
  return counted.length > 0 ? 1 : 0;
}

/** The formulas part of a run's result. */
function formulasResult(browser, native) {
  return {
    reps: reps.formulas,
    columnFormula: COLUMN_FORMULA,
    sumifsFormula: SUMIFS_FORMULA,
    formulajsVersion: pkgVersion('@formulajs/formulajs'),
    browser: { errors: {}, ...browser },
    native,
  };
}

/** `--only formulas`: the browser part ran; native and formulajs now, then the table. */
async function finishFormulasOnly(formulasBrowser) {
  const threads = 1;
  log(`native + formulajs: threads = ${threads}`);
  const formulasNative = await runFormulasNative({ threads, reps: reps.formulas, columnSql: formulasBrowser.column?.sql, log });
  const result = { formulas: formulasResult(formulasBrowser, formulasNative) };
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(join(DATA_DIR, 'formulas-run.json'), JSON.stringify(result, null, 2));
  console.log('');
  printTable(buildFormulaRows(result), FORMULA_COLUMNS);
  const failed = [...Object.keys(result.formulas.browser.errors), ...Object.keys(formulasNative.errors)];
  return failed.length > 0 ? 1 : 0;
}

/** `--only charts`: the browser part ran; native now, then the table. */
async function finishChartsOnly(chartsBrowser) {
  const threads = 1;
  log(`native: threads = ${threads}`);
  const chartsNative = await runChartsNative({ threads, reps: reps.charts, browser: chartsBrowser, log });
  const result = { charts: { reps: reps.charts, browser: chartsBrowser, native: chartsNative } };
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(join(DATA_DIR, 'charts-run.json'), JSON.stringify(result, null, 2));
  console.log('');
  printTable(buildChartRows(result), CHART_COLUMNS);
  const failed = [...Object.keys(chartsBrowser.errors), ...Object.keys(chartsNative.errors)];
  return failed.length > 0 ? 1 : 0;
}

/** `--only server`: the part ran (server and native side by side); the table. */
function finishServerOnly(serverPart) {
  const result = { server: { reps: reps.server, ...serverPart } };
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(join(DATA_DIR, 'server-run.json'), JSON.stringify(result, null, 2));
  console.log(`\nThe server (issue 7), load average ${serverPart.side.loadBefore} before, ${serverPart.native.loadAfter} after:`);
  printTable(buildServerRows(result), SERVER_COLUMNS);
  const failed = [...Object.keys(serverPart.side.errors), ...Object.keys(serverPart.native.errors)];
  return failed.length > 0 ? 1 : 0;
}

/** `--only xlsx`: the part ran (both sides); the table, and its section of docs/benchmarks.md. */
function finishXlsxOnly(xlsxPart) {
  const result = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), machine: { cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown', memGB: Math.round(totalmem() / 2 ** 30), node: process.versions.node }, xlsx: xlsxPart };
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(join(DATA_DIR, 'xlsx-run.json'), JSON.stringify(result, null, 2));
  console.log(`\nExcel workbook (issue 17), load average ${xlsxPart.loadBefore} before, ${xlsxPart.loadAfter} after:`);
  printTable(buildXlsxRows(result), XLSX_COLUMNS);
  writeXlsxSection(result);
  log('wrote its section of docs/benchmarks.md (raw samples in bench/.data/xlsx-run.json)');
  return xlsxFailures(xlsxPart).length > 0 ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch(async (e) => {
    console.error(`\nbench failed: ${e?.plain ? e.message : e?.stack ?? e}`);
    await cleanup();
    process.exit(1);
  });
