// The native side: the same files and SQL in @duckdb/node-api, in this Node process, with the same
// thread count as the browser's DuckDB so the ratio is about the runtime, not about parallelism.
import { spawnSync } from 'node:child_process';
import { DuckDBInstance, version as nativeVersion } from '@duckdb/node-api';
import { FILES, ROOT } from './data.mjs';

const now = () => performance.now();

export async function open(threads) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await instance.connect();
  return { instance, conn, close: () => (conn.closeSync(), instance.closeSync()) };
}

/** Time of one statement, with the result read into JS rows as the app's cellar.query does. */
export async function timeQuery(conn, sql) {
  const t = now();
  const reader = await conn.runAndReadAll(sql);
  reader.getRowObjectsJS();
  return now() - t;
}

/** A fresh instance per load, so each starts with an empty buffer pool like a fresh page does. */
async function timeLoad(threads, sql, reps) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    const db = await open(threads);
    try {
      const t = now();
      await db.conn.run(sql);
      times.push(now() - t);
    } finally {
      db.close();
    }
  }
  return times;
}

/**
 * The startup cost of the native engine: one in-process (library already loaded, as the brief's
 * "create + connect + SELECT 1"), and for the notes a whole cold `node` process doing the same.
 */
async function startup(threads, reps) {
  const inProcess = [];
  for (let i = 0; i < reps; i++) {
    const t = now();
    const db = await open(threads);
    (await db.conn.runAndReadAll('SELECT 1')).getRowObjectsJS();
    inProcess.push(now() - t);
    db.close();
  }
  const coldProcess = [];
  const script = `const t=performance.now();const {DuckDBInstance}=await import('@duckdb/node-api');` +
    `const i=await DuckDBInstance.create(':memory:',{threads:'${threads}'});const c=await i.connect();` +
    `await c.runAndReadAll('SELECT 1');console.log(performance.now());`;
  for (let i = 0; i < reps; i++) {
    // performance.now() in the child counts from its own process start (its timeOrigin).
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`native cold start failed: ${r.stderr}`);
    coldProcess.push(Number(r.stdout.trim()));
  }
  return { inProcess, coldProcess };
}

/**
 * threads: the browser default's thread count; threadedThreads: that of the app's `?threads=1`
 * build. Keys ending in "Threaded" are the native counterparts of the threaded browser items.
 */
export async function runNative({ threads, threadedThreads, reps, queries, log = () => undefined }) {
  const out = { version: nativeVersion(), threads: null, threadedThreads: null, times: {}, errors: {} };
  const T = out.times;
  // Native failures are recorded like the browser's, so the report still shows the rest.
  const item = async (key, fn) => {
    try {
      await fn();
    } catch (e) {
      out.errors[key] = String(e?.message ?? e).split('\n')[0];
      log(`  native ${key}: FAILED: ${out.errors[key]}`);
    }
  };
  const ctas = (f, reader) => `CREATE TABLE ${f.table} AS SELECT * FROM ${reader}('${f.path}')`;

  await item('startup', async () => {
    const s = await startup(threads, reps.query);
    T.startup = s.inProcess;
    T.startupColdProcess = s.coldProcess;
  });
  await item('startupThreaded', async () => (T.startupThreaded = (await startup(threadedThreads, reps.query)).inProcess));
  await item('ingestTinyFirst', async () => (T.ingestTinyFirst = await timeLoad(threads, ctas(FILES.tiny, 'read_csv'), reps.ingest)));
  await item('ingestCsv', async () => (T.ingestCsv = await timeLoad(threads, ctas(FILES.csv, 'read_csv'), reps.ingest)));
  await item('ingestCsvThreaded', async () => (T.ingestCsvThreaded = await timeLoad(threadedThreads, ctas(FILES.csv, 'read_csv'), reps.ingest)));
  await item('loadFlights', async () => (T.loadFlights = await timeLoad(threads, ctas(FILES.flights, 'read_parquet'), reps.ingest)));
  await item('loadBig', async () => (T.loadBig = await timeLoad(threads, ctas(FILES.big, 'read_parquet'), reps.ingest)));
  await item('loadBigThreaded', async () => (T.loadBigThreaded = await timeLoad(threadedThreads, ctas(FILES.big, 'read_parquet'), reps.ingest)));

  // Queries run on in-memory tables loaded from the same Parquet files, as in the browser.
  for (const [n, suffix] of [[threads, ''], [threadedThreads, 'Threaded']]) {
    const db = await open(n);
    try {
      const [{ t }] = (await db.conn.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRowObjectsJS();
      out[suffix ? 'threadedThreads' : 'threads'] = Number(t);
      for (const f of [FILES.flights, FILES.big]) await db.conn.run(ctas(f, 'read_parquet'));
      for (const [name, sql] of Object.entries(queries)) {
        if (suffix && !sql.includes(FILES.big.table)) continue; // the threaded variant runs the big table's query only
        const key = name + suffix;
        await item(key, async () => {
          const first = await timeQuery(db.conn, sql); // warm-up, kept apart as the "first" run
          const times = [];
          for (let i = 0; i < reps.query; i++) times.push(await timeQuery(db.conn, sql));
          T[key] = times;
          T[`${key}First`] = [first];
        });
      }
    } finally {
      db.close();
    }
  }
  return out;
}
