import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { startQuery } from '../execute.js';
import { JsonDepthScanner } from '../sandbox/json-depth.js';
import { checkBatch } from '../sandbox/policy.js';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run('CREATE TABLE t AS SELECT 1 AS glob, 2 AS "query"');
  await connection.run('CREATE SCHEMA wb_a');
});

afterAll(() => instance.closeSync());

async function refusal(sql: string, role: 'admin' | 'read' = 'read'): Promise<string | null> {
  try {
    await checkBatch(connection, sql, role);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).kind).toBe('forbidden');
    return (e as ApiError).message;
  }
}

describe('the function policy refuses file reads, dynamic SQL and engine changes', () => {
  it('refuses a file reader however it is reached', async () => {
    for (const sql of [
      "SELECT * FROM read_blob('/data/cellar.duckdb.wal')",
      "SELECT * FROM READ_TEXT('/x')",
      "SELECT * FROM \"read_text\"('/x')",
      "SELECT * FROM system.main.read_text('/x')",
      "SELECT (SELECT count(*) FROM glob('/data/*')) AS n",
      "WITH w AS (FROM read_csv('/x')) SELECT * FROM w",
      "SELECT * FROM t WHERE \"glob\" IN (SELECT size FROM read_blob('/x'))",
    ]) {
      expect(await refusal(sql), sql).toMatch(/^Permission Error: .*cannot read files/);
    }
  });

  it('refuses a table named like a file (a replacement scan)', async () => {
    expect(await refusal("SELECT * FROM '/data/tmp/x.csv'")).toMatch(/names a file/);
    expect(await refusal('SELECT * FROM "/data/cellar.duckdb.wal"')).toMatch(/names a file/);
    expect(await refusal("CREATE TABLE x AS FROM '/data/x.parquet'", 'admin')).toMatch(/names a file/);
  });

  it('refuses SQL from a string, Arrow pointers and engine changes for every role', async () => {
    expect(await refusal("SELECT * FROM query('SELECT 1')", 'admin')).toMatch(/from a string/);
    expect(await refusal('SELECT * FROM arrow_scan(1, 2, 3)', 'admin')).toMatch(/from a string/);
    expect(await refusal('CALL enable_profiling()', 'admin')).toMatch(/settings are fixed/);
    expect(await refusal('SELECT * FROM enable_logging()', 'admin')).toMatch(/settings are fixed/);
  });

  it('refuses nextval to a read-only token only', async () => {
    await connection.run('CREATE SEQUENCE s');
    expect(await refusal("SELECT nextval('s')")).toMatch(/read-only/);
    expect(await refusal("SELECT nextval('s')", 'admin')).toBeNull();
  });

  it('lets through names that only look like those functions', async () => {
    for (const sql of [
      "SELECT 'read_blob(' AS s, \"glob\", \"query\" FROM t",
      'SELECT "glob" + 1 FROM t',
      "SELECT * FROM t WHERE \"glob\" = 1 -- read_text('/x')",
      "SELECT regexp_matches('a.b', '.') AS m",
      'DESCRIBE t',
      'SELECT * FROM range(3)',
    ]) {
      expect(await refusal(sql), sql).toBeNull();
    }
  });
});

describe('startQuery', () => {
  it('puts unqualified CREATEs in the namespace it is given', async () => {
    const c = await instance.connect();
    const { result, commit } = await startQuery(c, { sql: 'CREATE TABLE mine AS SELECT 7 AS x; SELECT x FROM mine', params: {}, role: 'admin', namespace: 'wb_a' });
    expect((await result.getRowsJS())[0]).toEqual([7]);
    await commit();
    c.closeSync();
    const rows = (await connection.runAndReadAll("SELECT schema_name FROM duckdb_tables() WHERE table_name = 'mine'")).getRowsJS();
    expect(rows).toEqual([['wb_a']]);
  });

  it('checks a whole batch before running any of it: a refused statement leaves nothing of the ones before', async () => {
    const c = await instance.connect();
    await expect(startQuery(c, { sql: "CREATE TABLE half AS SELECT 1; ATTACH 'x.db'", params: {}, role: 'admin' })).rejects.toThrow(/ATTACH/);
    await expect(startQuery(c, { sql: "CREATE TABLE half AS SELECT 1; SELECT * FROM read_text('/x')", params: {}, role: 'admin' })).rejects.toThrow(/cannot read files/);
    c.closeSync();
    expect((await connection.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'half'")).getRowsJS()).toEqual([[0n]]);
  });
});

describe('JSON depth', () => {
  const depthError = (text: string | string[], max = 4) => {
    const scanner = new JsonDepthScanner(max);
    try {
      for (const part of [text].flat()) scanner.push(Buffer.from(part));
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('refuses nesting past the bound, at the byte where it passes', () => {
    expect(depthError('[[[[1]]]]')).toBeNull();
    expect(depthError('[[[{"a":[1]}]]]')).toMatch(/nests deeper than 4 levels \(at byte 8\)/);
  });

  it('counts no bracket inside a string, escaped quotes included, across chunk boundaries', () => {
    expect(depthError('[{"a": "[[[[[[\\"[[[[["}]')).toBeNull();
    expect(depthError(['[{"a": "[[[\\', '"[[[["}, "]]]]"]'])).toBeNull();
    expect(depthError(['[[', '[[', '[1]]]]]'])).toMatch(/at byte 4/);
  });
});
