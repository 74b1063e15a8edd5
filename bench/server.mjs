// The server (issue 7): the Cellar server (server/, a Node process over native DuckDB) against
// native DuckDB in this process, on the same data with the same thread count and memory limit.
//   1. A GROUP BY over a generated 100M-row Parquet: through the server's HTTP API (Arrow back,
//      decoded here) vs. native DuckDB directly; the ratio is the server's overhead.
//   2. 1M rows × 7 columns shipped as Arrow: into this process over HTTP, and into the browser
//      through the app's own RemoteEngine in headless Chromium.
// The server is started the way a person starts it (`server/main.ts --data … --threads …`) and
// always stopped again: stopCellarServers() / killCellarServersSync() are for run.mjs's cleanup.
// Server and native take turns, run by run (see alternate()), so load from other work hits both.
import { spawn } from 'node:child_process';
import { copyFileSync, createReadStream, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { errorText, evaluate, withApp } from './browser.mjs';
import { DATA_DIR, FILES, generate, ROOT } from './data.mjs';

// The server's wire helpers as they are (TypeScript, loaded through tsx): the error tail of a
// streamed answer must be split off before Arrow decodes the body.
const { splitQueryBody, HEADERS } = await tsImport('../protocol/index.ts', import.meta.url);

const now = () => performance.now();
/** The server's default `--memory-limit`; native gets the same, so neither side has more buffer. */
export const MEMORY_LIMIT = '4GB';
/** Server and native run DuckDB with this many threads: one per core (the server's own default). */
export const serverThreads = () => Number(process.env.BENCH_SERVER_THREADS) || cpus().length;

// ---------------------------------------------------------------- the 100M-row file

// Everything the run writes (Parquet, server database, its upload copy, native database) comes to
// ~4 GB at 100M rows; below this much free space the file is made with half the rows instead.
const MIN_FREE_BYTES = 10e9;

/**
 * Rows of the generated file: 100M, or BENCH_SERVER_ROWS for a quick try, or 50M when the disk is
 * short and the 100M file was never made (the reason is reported).
 */
function chooseRows() {
  if (process.env.BENCH_SERVER_ROWS) return { rows: Number(process.env.BENCH_SERVER_ROWS), why: 'BENCH_SERVER_ROWS was set' };
  if (existsSync(bigFile(100_000_000).path)) return { rows: 100_000_000, why: null };
  mkdirSync(DATA_DIR, { recursive: true });
  const { bavail, bsize } = statfsSync(DATA_DIR);
  const free = bavail * bsize;
  if (free < MIN_FREE_BYTES) return { rows: 50_000_000, why: `only ${(free / 1e9).toFixed(1)} GB free on the disk of bench/.data` };
  return { rows: 100_000_000, why: null };
}

/** The file for `rows` rows: its path, the table name both sides give it, and its row count. */
function bigFile(rows) {
  const m = `${Math.round(rows / 1e6)}m`;
  return { path: join(DATA_DIR, `big-${m}.parquet`), table: `big_${m}`, rows };
}

// big-10m.parquet's columns without its timestamp (~10 bytes a row in Parquet): a unique id,
// k with 1000 values, grp with 50, a double v. Deterministic, like every generated file.
const bigSql = (rows) => `
  SELECT
    i AS id,
    (i * 7919) % 1000 AS k,
    'g' || lpad((i % 50)::VARCHAR, 2, '0') AS grp,
    ((i * 104729) % 1000003) / 1000.0 AS v
  FROM range(${rows}) t(i)`;

/**
 * Makes sure the big file exists (native DuckDB, temp name then rename, as bench/data.mjs does) and
 * returns it with how it was made. The generation time is kept next to it in a .json, so a run
 * that reuses the file can still say what making it cost.
 */
export async function ensureBigParquet(log = () => undefined) {
  const { rows, why } = chooseRows();
  const file = bigFile(rows);
  const metaPath = `${file.path}.json`;
  if (!existsSync(file.path)) {
    log(`server: generating ${file.path.replace(ROOT + '/', '')} (${rows.toLocaleString('en-US')} rows) with native DuckDB`);
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const made = await generate(conn, file.path, bigSql(rows), 'FORMAT parquet');
      writeFileSync(metaPath, JSON.stringify({ rows, ...made, date: new Date().toISOString() }));
      return { ...file, bytes: made.bytes, generatedS: made.seconds, generatedThisRun: true, sizedDown: why };
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }
  const meta = existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) : {};
  return { ...file, bytes: statSync(file.path).size, generatedS: meta.seconds ?? null, generatedThisRun: false, sizedDown: why };
}

// ---------------------------------------------------------------- the server process

const live = new Set();

/**
 * Starts `node --import tsx server/main.ts` (what `npm run server` runs, without npm in between,
 * so the pid is the server's own) on a free port and waits for its CELLAR_SERVER line.
 */
export async function startCellarServer({ dataDir, threads, memoryLimit }) {
  const args = ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data', dataDir, '--threads', String(threads), '--memory-limit', memoryLimit];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s: ${stderr}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${stderr}`)));
    // Read every line (not only the first): a pipe nobody drains would block the server's writes.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('CELLAR_SERVER ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('CELLAR_SERVER '.length)));
    });
  }).catch(async (e) => {
    await stopChild(child);
    throw e;
  });
  return { ...info, pid: child.pid, stderr: () => stderr, stop: () => stopChild(child) };
}

/** SIGTERM (the server interrupts its queries and checkpoints), SIGKILL if it is not gone in 30 s. */
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** Stops every server this process started (run.mjs's cleanup, on failure and on SIGINT too). */
export async function stopCellarServers() {
  await Promise.all([...live].map(stopChild));
}

/** The synchronous last resort for process.on('exit'): the data folder is a throwaway anyway. */
export function killCellarServersSync() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch { /* already gone */ }
  }
}

// ---------------------------------------------------------------- HTTP, as a client would use it

/**
 * One request over node:http (which, unlike fetch, shows a streamed answer's trailers). The body
 * is a string or a file streamed from disk. Times: `sentMs` when the last byte of the body was
 * handed to the socket, `ms` when the last byte of the answer arrived.
 */
function send(server, method, route, { json, file } = {}) {
  const { hostname, port } = new URL(server.url);
  const headers = { Authorization: `Bearer ${server.token}` };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  if (file) headers['Content-Length'] = String(statSync(file).size);
  const t0 = now();
  return new Promise((resolve, reject) => {
    let sentMs = null;
    const req = request({ host: hostname, port, method, path: route, headers }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, trailers: res.trailers, body: Buffer.concat(parts), sentMs, ms: now() - t0 }));
    });
    req.on('error', reject);
    req.on('finish', () => (sentMs = now() - t0));
    if (file) createReadStream(file).on('error', reject).pipe(req);
    else req.end(json === undefined ? undefined : JSON.stringify(json));
  });
}

const failure = (res) => {
  try {
    const { error } = JSON.parse(res.body.toString());
    return new Error(`${res.status} ${error.kind}: ${error.message}`);
  } catch {
    return new Error(`${res.status}: ${res.body.toString().slice(0, 300)}`);
  }
};

/**
 * POST /api/query and decode the Arrow answer: `ms` request → last byte, `decodeMs` for
 * tableFromIPC, `serverMs` the server's own (the trailer when the answer streamed).
 */
async function postQuery(server, sql) {
  const res = await send(server, 'POST', '/api/query', { json: { sql } });
  if (res.status !== 200) throw failure(res);
  const { arrow, error } = splitQueryBody(res.body);
  if (error) throw new Error(`${error.kind}: ${error.message}`);
  const t = now();
  const table = tableFromIPC(arrow);
  const decodeMs = now() - t;
  const ms = HEADERS.ms.toLowerCase();
  const serverMs = Number(res.trailers[ms] ?? res.headers[ms]);
  return { table, ms: res.ms, decodeMs, bytes: res.body.length, serverMs, streamed: res.headers[HEADERS.streamed.toLowerCase()] === '1' };
}

/** PUT /api/tables/:table with a file from disk, as the app's "upload to the server" does. */
async function upload(server, file, table) {
  const format = file.endsWith('.parquet') ? 'parquet' : 'csv';
  const res = await send(server, 'PUT', `/api/tables/${table}?format=${format}&replace=1`, { file });
  if (res.status !== 200) throw failure(res);
  const answer = JSON.parse(res.body.toString());
  return { ms: res.ms, sentMs: res.sentMs, rows: answer.rows };
}

/** A group-by result as plain, comparable rows (grp order), whichever side it came from. */
const groupRows = (rows) => rows
  .map((r) => ({ grp: String(r.grp), n: String(r.n), avg_v: Number(r.avg_v), max_k: String(r.max_k) }))
  .sort((a, b) => (a.grp < b.grp ? -1 : a.grp > b.grp ? 1 : 0));

// ---------------------------------------------------------------- the work

const groupSql = (from) => `SELECT grp, count(*) AS n, avg(v) AS avg_v, max(k) AS max_k FROM ${from} GROUP BY grp`;

/** The 7-column table from flights-3m: server/bench/arrow-throughput.ts's, the same SQL on both sides. */
export const FLIGHTS_1M_SQL = `CREATE TABLE flights_1m AS
  SELECT date::DATE AS day, date AS at, delay::INTEGER AS delay, distance::INTEGER AS distance,
         delay / 60.0 AS delay_hours, origin, destination
  FROM flights_3m LIMIT 1000000`;
export const SHIP_SQL = 'SELECT * FROM flights_1m';

/**
 * One untimed run of each side, then `reps` rounds of one run each, the order flipped every round.
 * Other work on a shared machine comes and goes; alternating lets both sides see the same of it,
 * so the ratio is fair even when the absolute numbers drift. A side that fails is recorded
 * through `onError` and left out of the later rounds; the other goes on alone.
 */
async function alternate(reps, sides, onError) {
  const names = Object.keys(sides).filter((name) => sides[name]);
  const failed = new Set();
  const first = {};
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  const call = async (name, keep) => {
    if (failed.has(name)) return;
    try {
      keep(await sides[name]());
    } catch (e) {
      failed.add(name);
      onError(name, e);
    }
  };
  for (const name of names) await call(name, (x) => (first[name] = x));
  for (let i = 0; i < reps; i++) {
    for (const name of i % 2 ? [...names].reverse() : names) await call(name, (x) => runs[name].push(x));
  }
  return { first, runs };
}

/** A DuckDB database's bytes on disk: the file and its write-ahead log. */
const databaseBytes = (file) => [file, `${file}.wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);

/** Native DuckDB on a database file in bench/.data, removed again by close(). */
async function openNative(threads, memoryLimit) {
  const file = join(DATA_DIR, 'server-native.duckdb');
  const remove = () => ['', '.wal', '.tmp'].forEach((s) => rmSync(file + s, { recursive: true, force: true }));
  remove();
  const instance = await DuckDBInstance.create(file, { threads: String(threads), memory_limit: memoryLimit });
  const conn = await instance.connect();
  const [{ t }] = (await conn.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJS();
  return {
    conn,
    file,
    threads: Number(t),
    close() {
      conn.closeSync();
      instance.closeSync();
      remove();
    },
  };
}

/**
 * The whole part. Both sides are up at once: the server (started as a person starts it, on a
 * fresh data folder) and native DuckDB in this process (a database file, as the server keeps its
 * tables in one, with the same threads and memory limit). They never run at the same moment:
 * every timed query waits for the one before. The server is stopped, and both data folders
 * removed, before this returns, whatever happened.
 */
export async function runServerPart({ browser, appUrl, big, reps, log }) {
  const threads = serverThreads();
  const side = { threads, memoryLimit: MEMORY_LIMIT, big, loadBefore: loadavg()[0].toFixed(2), sql: {}, times: {}, runs: {}, errors: {}, facts: {} };
  const native = { threads: null, times: {}, errors: {}, facts: {} };
  const fail = (out, who) => (key, e) => {
    out.errors[key] = errorText(e);
    log(`  ${who} ${key}: FAILED: ${out.errors[key]}`);
  };
  const failServer = fail(side, 'server');
  const failNative = fail(native, 'native');
  const dataDir = join(DATA_DIR, 'server-run');
  rmSync(dataDir, { recursive: true, force: true });
  log(`server: npm run server -- --data bench/.data/server-run --threads ${threads} --memory-limit ${MEMORY_LIMIT}; native: a database file, the same threads and memory_limit`);
  let server;
  let db;
  try {
    server = await startCellarServer({ dataDir, threads, memoryLimit: MEMORY_LIMIT }).catch((e) => void failServer('start', e));
    db = await openNative(threads, MEMORY_LIMIT).catch((e) => void failNative('start', e));
    if (server) side.facts.duckdb = server.duckdb;
    if (db) native.threads = db.threads;
    await loadBig(server, db, big, { side, native, failServer, failNative, log });
    await groupBys(server, db, big, reps, { side, native, failServer, failNative, log });
    await shipToNode(server, db, reps, { side, native, failServer, failNative, log });
    if (server && browser) await timeShipBrowser(browser, appUrl, server, reps, side, log).catch((e) => failServer('shipBrowser', e));
  } finally {
    await server?.stop();
    db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  checkSameResults(side, native);
  native.loadAfter = loadavg()[0].toFixed(2);
  return { side, native };
}

/**
 * The big file into a table on each side, one after the other (once each: a load takes tens of
 * seconds). Server: what a person with a file too big for the browser does, PUT /api/tables
 * (streamed to the server's disk, then CREATE TABLE AS read_parquet). Native: that statement on
 * the file in place.
 */
async function loadBig(server, db, big, { side, native, failServer, failNative, log }) {
  if (server) {
    try {
      log(`  server: PUT /api/tables/${big.table} (${(big.bytes / 1e9).toFixed(2)} GB)`);
      const u = await upload(server, big.path, big.table);
      if (u.rows !== big.rows) throw new Error(`the server made ${u.rows} rows of ${big.rows}`);
      side.times.loadBig = [u.ms];
      side.facts.loadBigSentMs = u.sentMs;
      side.facts.databaseBytes = databaseBytes(join(server.dataDir, 'cellar.duckdb'));
      log(`  server: body sent in ${(u.sentMs / 1000).toFixed(1)} s, table made by ${(u.ms / 1000).toFixed(1)} s`);
    } catch (e) {
      failServer('loadBig', e);
    }
  }
  if (db) {
    try {
      const t = now();
      await db.conn.run(`CREATE TABLE ${big.table} AS SELECT * FROM read_parquet('${big.path}')`);
      native.times.loadBig = [now() - t];
      native.facts.databaseBytes = databaseBytes(db.file);
      log(`  native: CREATE TABLE AS read_parquet in ${(native.times.loadBig[0] / 1000).toFixed(1)} s`);
    } catch (e) {
      failNative('loadBig', e);
    }
  }
}

/** The GROUP BY over each side's table, then over read_parquet of the file, alternating sides. */
async function groupBys(server, db, big, reps, { side, native, failServer, failNative, log }) {
  const serverPath = server ? linkIntoUploads(big.path, server.dataDir, side) : null;
  const cases = [
    ['groupTable', groupSql(big.table), groupSql(big.table)],
    ['groupParquet', serverPath && groupSql(`read_parquet('${serverPath}')`), groupSql(`read_parquet('${big.path}')`)],
  ];
  for (const [key, serverSql, nativeSql] of cases) {
    side.sql[key] = serverSql;
    native.facts[`${key}Sql`] = nativeSql;
    // The server's answer is decoded and turned into row objects, as native reads its result.
    const viaServer = server && serverSql && (async () => {
      const t = now();
      const r = await postQuery(server, serverSql);
      const rows = r.table.toArray().map((row) => row.toJSON());
      return { ms: now() - t, serverMs: r.serverMs, rows };
    });
    const direct = db && (async () => {
      const t = now();
      const rows = (await db.conn.runAndReadAll(nativeSql)).getRowObjectsJS();
      return { ms: now() - t, rows };
    });
    const { first, runs } = await alternate(reps, { server: viaServer, native: direct }, (who, e) => (who === 'server' ? failServer : failNative)(key, e));
    if (first.server) {
      side.times[key] = runs.server.map((r) => r.ms);
      side.times[`${key}First`] = [first.server.ms];
      side.runs[key] = { serverMs: runs.server.map((r) => r.serverMs) };
      side.facts[`${key}Result`] = groupRows(first.server.rows);
    }
    if (first.native) {
      native.times[key] = runs.native.map((r) => r.ms);
      native.times[`${key}First`] = [first.native.ms];
      native.facts[`${key}Result`] = groupRows(first.native.rows);
    }
    log(`  ${key}: server ${(side.times[key] ?? []).map((x) => x.toFixed(0)).join(', ')} ms (its own ${(side.runs[key]?.serverMs ?? []).join(', ')}); ` +
      `native ${(native.times[key] ?? []).map((x) => x.toFixed(0)).join(', ')} ms`);
  }
}

/**
 * SQL on the server reads only its data folder's uploads/ (emptied at each start), and an upload
 * is deleted once imported: there is no documented way to leave a file there. For the
 * read_parquet comparison the bench hard-links the file in (no copy of 1 GB; a copy when the
 * folders are on different file systems), after the server started.
 */
function linkIntoUploads(file, dataDir, side) {
  const target = join(dataDir, 'uploads', 'bench-big.parquet');
  try {
    linkSync(file, target);
    side.facts.parquetInUploads = 'hard link';
  } catch {
    copyFileSync(file, target);
    side.facts.parquetInUploads = 'copy';
  }
  return target;
}

/**
 * SELECT * FROM flights_1m into this process (to the last byte, then tableFromIPC), alternating
 * with native DuckDB producing the same rows into its own chunks (no Arrow, no transfer).
 */
async function shipToNode(server, db, reps, { side, native, failServer, failNative, log }) {
  const setUp = async (run, fail) => {
    try {
      await run();
      return true;
    } catch (e) {
      fail('shipNode', e);
      return false;
    }
  };
  const serverReady = server && await setUp(async () => {
    await upload(server, FILES.flights.path, FILES.flights.table);
    await postQuery(server, FLIGHTS_1M_SQL);
    const { table } = await postQuery(server, `${SHIP_SQL} LIMIT 0`);
    side.facts.shipColumns = table.schema.fields.map((f) => `${f.name} ${f.metadata.get('duckdb_type')}`);
  }, failServer);
  const nativeReady = db && await setUp(async () => {
    await db.conn.run(`CREATE TABLE flights_3m AS SELECT * FROM read_parquet('${FILES.flights.path}')`);
    await db.conn.run(FLIGHTS_1M_SQL);
  }, failNative);
  const viaServer = serverReady && (async () => {
    const { table, ...r } = await postQuery(server, SHIP_SQL);
    if (table.numRows !== 1_000_000 || table.numCols !== 7) throw new Error(`${table.numRows} rows × ${table.numCols} columns came back`);
    return r; // the numbers only: keeping 42 MB tables alive would weigh on the later runs
  });
  const direct = nativeReady && (async () => {
    const t = now();
    const reader = await db.conn.runAndReadAll(SHIP_SQL);
    if (reader.currentRowCount !== 1_000_000) throw new Error(`${reader.currentRowCount} rows`);
    return now() - t;
  });
  const { runs } = await alternate(reps, { server: viaServer, native: direct }, (who, e) => (who === 'server' ? failServer : failNative)('shipNode', e));
  if (runs.server?.length) {
    const rs = runs.server;
    side.times.shipNode = rs.map((r) => r.ms + r.decodeMs);
    side.runs.shipNode = {
      lastByteMs: rs.map((r) => r.ms),
      decodeMs: rs.map((r) => r.decodeMs),
      serverMs: rs.map((r) => r.serverMs),
      bytes: rs[0].bytes,
      streamed: rs[0].streamed,
    };
  }
  if (runs.native?.length) native.times.shipNode = runs.native;
  log(`  shipNode: server ${(side.times.shipNode ?? []).map((x) => x.toFixed(0)).join(', ')} ms, ${((side.runs.shipNode?.bytes ?? 0) / 1e6).toFixed(1)} MB; ` +
    `native (rows in DuckDB only) ${(native.times.shipNode ?? []).map((x) => x.toFixed(0)).join(', ')} ms`);
}

/** Runs `fn` once untimed, then `reps` times; the samples of the timed ones. */
async function warmThenTime(reps, fn) {
  const first = await fn();
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(await fn());
  return { first, runs };
}

/**
 * src/engine/remote/RemoteEngine.ts bundled for a page, with apache-arrow and the protocol helper
 * beside it. The app offers no hook to its remote engine (window.cellar queries the page's
 * DuckDB), so the bench injects the same source, bundled by esbuild instead of vite.
 */
async function remoteEngineBundle() {
  const result = await build({
    stdin: {
      contents: [
        "export { RemoteEngine } from './src/engine/remote/RemoteEngine.ts';",
        "export { splitQueryBody } from './protocol/index.ts';",
        "export { tableFromIPC } from 'apache-arrow';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'cellarBench',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * In the app's page (cross-origin isolated, as people get it; DuckDB-WASM started and idle), the
 * app's RemoteEngine.query, timed in the page: request → Arrow table. Then, for where the time
 * goes, a plain fetch to the last byte and tableFromIPC apart.
 */
async function timeShipBrowser(browser, appUrl, server, reps, side, log) {
  const bundle = await remoteEngineBundle();
  await withApp(browser, appUrl, async (page) => {
    await page.addScriptTag({ content: bundle });
    const arg = { url: server.url, token: server.token, sql: SHIP_SQL };
    const engineRun = () => evaluate(page, async ({ url, token, sql }) => {
      // query() never parses locally, so the engine needs no parser here.
      window.benchEngine ??= new window.cellarBench.RemoteEngine({ url, token, parser: null });
      let stats;
      const t0 = performance.now();
      const table = await window.benchEngine.query(sql, {}, { onStats: (s) => (stats = s) });
      const ms = performance.now() - t0;
      return { ms, rows: table.numRows, columns: table.numCols, bytes: stats?.bytes, serverMs: stats?.serverMs };
    }, arg, 'RemoteEngine.query');
    const fetchRun = () => evaluate(page, async ({ url, token, sql }) => {
      const { splitQueryBody, tableFromIPC } = window.cellarBench;
      const t0 = performance.now();
      const res = await fetch(`${url}/api/query`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ sql }) });
      const body = new Uint8Array(await res.arrayBuffer());
      const t1 = performance.now();
      const table = tableFromIPC(splitQueryBody(body).arrow);
      return { lastByteMs: t1 - t0, decodeMs: performance.now() - t1, rows: table.numRows };
    }, arg, 'fetch');

    const engine = await warmThenTime(reps, engineRun);
    for (const r of engine.runs) if (r.rows !== 1_000_000 || r.columns !== 7) throw new Error(`the page got ${r.rows} rows × ${r.columns} columns`);
    side.times.shipBrowser = engine.runs.map((r) => r.ms);
    side.runs.shipBrowser = { bytes: engine.runs[0].bytes, serverMs: engine.runs.map((r) => r.serverMs) };
    const plain = await warmThenTime(reps, fetchRun);
    side.runs.shipBrowserFetch = { lastByteMs: plain.runs.map((r) => r.lastByteMs), decodeMs: plain.runs.map((r) => r.decodeMs) };
    log(`  shipBrowser (RemoteEngine.query): ${side.times.shipBrowser.map((x) => x.toFixed(0)).join(', ')} ms; ` +
      `plain fetch to last byte ${plain.runs.map((r) => r.lastByteMs.toFixed(0)).join(', ')} ms + tableFromIPC ${plain.runs.map((r) => r.decodeMs.toFixed(0)).join(', ')} ms`);
  });
}

/** Both sides must have computed the same groups, or the timings compare different work. */
function checkSameResults(side, native) {
  for (const key of ['groupTable', 'groupParquet']) {
    const a = side.facts[`${key}Result`];
    const b = native.facts[`${key}Result`];
    if (!a || !b) continue;
    const same = a.length === b.length && a.every((r, i) => r.grp === b[i].grp && r.n === b[i].n && r.max_k === b[i].max_k &&
      Math.abs(r.avg_v - b[i].avg_v) <= 1e-9 * Math.max(1, Math.abs(r.avg_v)));
    native.facts[`${key}Same`] = same;
    if (!same) native.errors[`${key}Check`] = `the server's and native's ${key} results differ`;
  }
}
