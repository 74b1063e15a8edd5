import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeDir, startServer, tempDataDir, type TestServer } from '../../../server/test/harness';
import type { BrowserEngine } from '../duckdb/BrowserEngine';
import { toRows } from '../rows';
import type { Engine, IngestProgress } from '../types';
import { engineError } from '../testing/engine-suite';
import { createNodeBrowserEngine, type NodeBrowserEngine } from '../testing/node-browser-engine';
import { initParquetWasm } from '../testing/parquet-node';
import { pullResult } from './pull';
import { pushTable } from './push';
import { createRemoteEngine, type RemoteEngine } from './RemoteEngine';

const SEATTLE_WEATHER = decodeURIComponent(new URL('../../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url).pathname);

let server: TestServer;
let dir: string;
let wasm: NodeBrowserEngine;
let local: BrowserEngine;
let remote: RemoteEngine;

beforeAll(async () => {
  dir = await tempDataDir();
  [server, wasm] = await Promise.all([startServer(dir), createNodeBrowserEngine(), initParquetWasm()]);
  local = wasm.engine;
  remote = createRemoteEngine({ url: server.url, token: server.token, parser: local });
});

afterAll(async () => {
  await Promise.all([server?.stop(), wasm?.close()]);
  if (dir) await removeDir(dir);
});

/** Every row of `table` with every value as DuckDB's text, in a stable order. */
async function asText(engine: Engine, table: string, orderBy: string): Promise<unknown[]> {
  const columns = await engine.catalog.describe(table);
  const list = columns.map((c) => `CAST("${c.name}" AS VARCHAR) AS "${c.name}"`).join(', ');
  return toRows(await engine.query(`SELECT ${list} FROM "${table}" ORDER BY ${orderBy}`));
}

describe('pushTable', () => {
  test('copies a browser table to the server: same rows, same types, progress in rows then bytes', async () => {
    const file = new File([await readFile(SEATTLE_WEATHER)], 'seattle-weather.csv');
    await local.ingest({ kind: 'file', file }, 'weather', { format: 'csv' });
    const progress: IngestProgress[] = [];
    const pushed = await pushTable(local, remote, 'weather', { onProgress: (p) => progress.push(p) });
    expect(pushed).toMatchObject({ table: 'weather', rows: 1461 });
    expect(pushed.columns).toEqual(await local.catalog.describe('weather'));
    expect(await asText(remote, 'weather', 'date')).toEqual(await asText(local, 'weather', 'date'));
    const rows = progress.filter((p) => p.unit === 'rows');
    const bytes = progress.filter((p) => p.unit === 'bytes');
    expect(rows.at(-1)).toEqual({ done: 1461, total: 1461, unit: 'rows' });
    expect(bytes.at(-1)!.done).toBe(bytes.at(-1)!.total);
    expect(progress.indexOf(bytes[0]!)).toBeGreaterThan(progress.indexOf(rows.at(-1)!));
  });

  test('keeps every DuckDB type, including those Parquet or Arrow JS cannot carry', async () => {
    await local.query(`CREATE TABLE typed AS SELECT range::INTEGER AS id,
        range::TINYINT AS tiny, range::UBIGINT AS ubig, 170141183460469231731687303715884105727::HUGEINT AS huge,
        (range / 3)::DECIMAL(10,2) AS dec, range * 0.5 AS dbl, 'text ' || range AS s, ('ab' || range)::BLOB AS b,
        range % 2 = 0 AS even, DATE '2024-02-29' + range::INTEGER AS day, TIMESTAMP '2024-01-02 03:04:05.5' AS ts,
        TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tz, TIME '12:34:56' AS tm, TIMETZ '12:00:00+02' AS ttz,
        INTERVAL (range) DAY + INTERVAL 1 MONTH AS iv, '6f0c3c2e-9d1b-4c7e-8a55-1d2f3a4b5c6d'::UUID AS uid,
        (CASE WHEN range % 2 = 0 THEN 'a' ELSE 'b' END)::ENUM('a', 'b') AS en, [range, range + 1] AS list,
        {'k': range, 'v': 'a, "b'' c}'} AS rec, [1.5, 2.5, range]::DOUBLE[3] AS arr, MAP {'m': range} AS mp, union_value(num := range::INTEGER)::UNION(num INTEGER, str VARCHAR) AS un,
        '10101'::BIT AS bits, [INTERVAL 1 DAY] AS ivs, CASE WHEN range = 1 THEN NULL ELSE range END AS sometimes
      FROM range(4)`);
    const pushed = await pushTable(local, remote, 'typed');
    expect(pushed.columns).toEqual(await local.catalog.describe('typed'));
    expect(await asText(remote, 'typed', 'id')).toEqual(await asText(local, 'typed', 'id'));
  });

  test('pushes a view, an empty table, and many batches', async () => {
    await local.query('CREATE TABLE many AS SELECT range AS i, range::VARCHAR AS s FROM range(300000)');
    await local.query('CREATE VIEW evens AS SELECT i FROM many WHERE i % 2 = 0');
    await local.query('CREATE TABLE nothing_here (a INTEGER, b VARCHAR)');
    expect((await pushTable(local, remote, 'many')).rows).toBe(300_000);
    expect((await pushTable(local, remote, 'evens')).rows).toBe(150_000);
    expect(await pushTable(local, remote, 'nothing_here')).toMatchObject({ rows: 0, columns: [{ name: 'a', type: 'INTEGER' }, { name: 'b', type: 'VARCHAR' }] });
    const sums = await remote.query('SELECT sum(i)::DOUBLE AS total, count(DISTINCT s)::INTEGER AS texts FROM many');
    expect(toRows(sums)).toEqual([{ total: (299_999 * 300_000) / 2, texts: 300_000 }]);
  });

  test('refuses a name in use on the server unless asked to replace it, and can rename', async () => {
    await local.query('CREATE TABLE small AS SELECT 1 AS n');
    await pushTable(local, remote, 'small');
    expect((await engineError(pushTable(local, remote, 'small'))).message).toBe('A table named small already exists.');
    await local.query('INSERT INTO small VALUES (2)');
    expect((await pushTable(local, remote, 'small', { replace: true })).rows).toBe(2);
    expect((await pushTable(local, remote, 'small', { as: 'small_copy' })).table).toBe('small_copy');
  });

  test('an aborted push is cancelled and leaves nothing on the server; a missing table says so', async () => {
    const controller = new AbortController();
    const pushing = pushTable(local, remote, 'many', { as: 'many_aborted', signal: controller.signal, onProgress: () => controller.abort() });
    expect((await engineError(pushing)).kind).toBe('cancelled');
    expect(await remote.catalog.kind('many_aborted')).toBeUndefined();
    expect((await local.query('SELECT count(*)::INTEGER AS n FROM many')).get(0)?.n).toBe(300_000);
    expect((await engineError(pushTable(local, remote, 'no_such_table'))).message).toMatch(/no table no_such_table in the browser/);
  });
});

describe('pullResult', () => {
  test("keeps a server query's Arrow answer as a browser table", async () => {
    await remote.query("CREATE TABLE facts AS SELECT range AS i, 'row ' || range AS label, DATE '2024-01-01' + range::INTEGER AS day, range / 4 AS q FROM range(250000)");
    const pulled = await pullResult(remote, local, 'SELECT * FROM facts WHERE i % $every = 0', 'facts_local', { params: { every: 5 } });
    expect(pulled).toMatchObject({ table: 'facts_local', rows: 50_000 });
    expect(pulled.columns).toEqual([
      { name: 'i', type: 'BIGINT' },
      { name: 'label', type: 'VARCHAR' },
      { name: 'day', type: 'DATE' },
      { name: 'q', type: 'DOUBLE' },
    ]);
    const check = 'SELECT sum(i)::DOUBLE AS total, max(day) AS last, count(*)::INTEGER AS n FROM';
    expect(toRows(await local.query(`${check} facts_local`))).toEqual(toRows(await remote.query(`${check} facts WHERE i % 5 = 0`)));
  });

  test('an empty answer keeps its columns; a name in use is refused unless replaced', async () => {
    expect(await pullResult(remote, local, 'SELECT i, label FROM facts WHERE false', 'empty_pull')).toMatchObject({ rows: 0, columns: [{ name: 'i' }, { name: 'label' }] });
    expect((await engineError(pullResult(remote, local, 'SELECT 1 AS n', 'empty_pull'))).message).toMatch(/already exists in the browser/);
    expect((await pullResult(remote, local, 'SELECT 1 AS n', 'empty_pull', { replace: true })).rows).toBe(1);
  });

  test('a failing server query leaves the browser as it was', async () => {
    const error = await engineError(pullResult(remote, local, 'SELECT * FROM no_such_table', 'failed_pull'));
    expect(error.kind).toBe('sql');
    expect(await local.catalog.kind('failed_pull')).toBeUndefined();
    expect((await local.catalog.tables()).some((t) => t.name.startsWith('__cellar_pull'))).toBe(false);
  });
});
