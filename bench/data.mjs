// Test data for the benchmark. Generated once with native DuckDB into bench/.data (gitignored) and
// reused by later runs: generating is not what we measure, and the files are too big to commit.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = join(ROOT, 'bench', '.data');

// The file names decide the app's table names (non [A-Za-z0-9_] → '_'), so keep them simple.
export const FILES = {
  csv: { path: join(DATA_DIR, 'rows-1m.csv'), table: 'rows_1m', rows: 1_000_000 },
  // The same columns, 1,000 rows: what an ingest costs when there is next to no data.
  tiny: { path: join(DATA_DIR, 'rows-1k.csv'), table: 'rows_1k', rows: 1_000 },
  big: { path: join(DATA_DIR, 'big-10m.parquet'), table: 'big_10m', rows: 10_000_000 },
  flights: { path: join(ROOT, 'node_modules/vega-datasets/data/flights-3m.parquet'), table: 'flights_3m', rows: 3_000_000 },
};

// ~97 bytes a row: int, int, double, double, varchar, varchar, varchar, date, timestamp.
// Deterministic (no random()), so every run and every machine reads the same bytes.
const csvSql = (rows) => `
  SELECT
    i AS id,
    (i * 7919) % 100000 AS customer_id,
    round(((i * 104729) % 1000000) / 100.0, 2)::DOUBLE AS amount,
    round(sin(i) * 1000, 4)::DOUBLE AS score,
    'user_' || lpad(((i * 31) % 50000)::VARCHAR, 5, '0') AS user_name,
    ['north', 'south', 'east', 'west', 'central'][i % 5 + 1] AS region,
    md5(i::VARCHAR)[1:16] AS token,
    DATE '2020-01-01' + (i % 1500)::INTEGER AS day,
    TIMESTAMP '2020-01-01 00:00:00' + to_seconds(i * 37) AS ts
  FROM range(${rows}) t(i)`;

// 10M rows, 5 columns; 50 groups in grp, 1000 in k. DuckDB's default row groups (122,880 rows),
// which is also what the app's parquet-wasm reader steps through one at a time.
const BIG_SQL = `
  SELECT
    i AS id,
    (i * 7919) % 1000 AS k,
    'g' || lpad((i % 50)::VARCHAR, 2, '0') AS grp,
    ((i * 104729) % 1000003) / 1000.0 AS v,
    TIMESTAMP '2021-01-01 00:00:00' + to_seconds(i) AS ts
  FROM range(10000000) t(i)`;

/**
 * Writes via a temp name and renames, so an interrupted run never leaves a half file behind.
 * Returns how long it took and how big the file is.
 */
export async function generate(conn, path, sql, options) {
  const tmp = `${path}.tmp`;
  rmSync(tmp, { force: true });
  const t = performance.now();
  await conn.run(`COPY (${sql}) TO '${tmp}' (${options})`);
  renameSync(tmp, path);
  const seconds = (performance.now() - t) / 1000;
  const bytes = statSync(path).size;
  console.log(`  generated ${path.replace(ROOT + '/', '')}: ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
  return { seconds, bytes };
}

/** Makes sure every input file exists; returns their sizes in bytes. */
export async function ensureData() {
  if (!existsSync(FILES.flights.path)) {
    throw new Error(`${FILES.flights.path} is missing: run npm install (vega-datasets is a devDependency).`);
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const missing = [FILES.csv, FILES.tiny, FILES.big].filter((f) => !existsSync(f.path));
  if (missing.length > 0) {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      for (const f of [FILES.csv, FILES.tiny]) {
        if (!existsSync(f.path)) await generate(conn, f.path, csvSql(f.rows), 'FORMAT csv, HEADER true');
      }
      if (!existsSync(FILES.big.path)) await generate(conn, FILES.big.path, BIG_SQL, 'FORMAT parquet');
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }
  return Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, statSync(f.path).size]));
}
