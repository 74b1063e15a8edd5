import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKBOOK_HEADER, type TableInfo, type TokenCreated } from '../../protocol/index.js';
import { rejection, removeDir, startServer, tempDataDir, type TestServer } from './harness.js';

// Issue 15, item 6: read tokens were server-wide — a token made for workbook A read and listed
// workbook B's tables — and a workbook's SQL could write to any table on the server.

let server: TestServer;
let dir: string;
/** Read-only tokens made for workbook A and for workbook B. */
let tokenA: string;
let tokenB: string;

type Who = { token?: string; workbook?: string };

function call(route: string, init: RequestInit & Who = {}): Promise<Response> {
  const { workbook, token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (workbook) headers.set(WORKBOOK_HEADER, workbook);
  return server.fetch(route, { ...rest, headers, token });
}

function query(sql: string, who: Who & { params?: Record<string, number> } = {}): Promise<Table> {
  const { params, ...rest } = who;
  return server.query(sql, params, rest);
}

const rows = async (sql: string, who: Parameters<typeof query>[1] = {}) => (await query(sql, who)).toArray().map((r) => ({ ...r }));
const names = async (who: Who) => ((await (await call('/api/tables', who)).json()) as TableInfo[]).map((t) => t.name).sort();

async function readToken(workbook: string): Promise<string> {
  const res = await call('/api/tokens', { method: 'POST', workbook });
  expect(res.status).toBe(201);
  const created = (await res.json()) as TokenCreated;
  expect(created.workbooks).toEqual([workbook]);
  return created.token;
}

beforeAll(async () => {
  dir = await tempDataDir();
  server = await startServer(dir);
  // The shared tables of the person running the server, then two workbooks' own.
  await query("CREATE TABLE shared AS SELECT 1 AS a; CREATE TABLE payroll AS SELECT 'main payroll' AS who; CREATE INDEX shared_index ON shared (a); CREATE SEQUENCE shared_counter");
  await query("CREATE TABLE payroll AS SELECT 'A payroll' AS who", { workbook: 'wba' });
  const upload = await call('/api/tables/uploaded_a?format=csv', { method: 'PUT', body: 'x,y\n1,2\n', workbook: 'wba' });
  expect(upload.status).toBe(200);
  await query("CREATE TABLE secret AS SELECT 'B only: s3cr3t' AS s", { workbook: 'wbb' });
  tokenA = await readToken('wba');
  tokenB = await readToken('wbb');
});

afterAll(async () => {
  await server?.stop();
  await removeDir(dir);
});

describe('a read token made for workbook A', () => {
  it('lists and reads only workbook A', async () => {
    expect(await names({ token: tokenA })).toEqual(['payroll', 'uploaded_a']);
    expect(await rows('SELECT who FROM payroll', { token: tokenA })).toEqual([{ who: 'A payroll' }]);
    expect(await rows('SELECT x FROM uploaded_a', { token: tokenA })).toEqual([{ x: 1n }]);
    expect(await names({ token: tokenB })).toEqual(['secret']);
  });

  it.each([
    'SELECT * FROM secret',
    'SELECT * FROM shared',
    'SELECT * FROM wb_wbb.secret',
    'SELECT * FROM "wb_wbB"."secret"',
    'SELECT * FROM WB_WBB.SECRET',
    'SELECT * FROM memory.wb_wbb.secret',
    'SELECT (SELECT s FROM wb_wbb.secret) AS s',
    'WITH x AS (SELECT * FROM wb_wbb.secret) SELECT * FROM x',
    'SELECT * FROM payroll UNION ALL SELECT s FROM wb_wbb.secret',
    'SELECT * FROM main.shared',
    'DESCRIBE wb_wbb.secret',
    'SUMMARIZE wb_wbb.secret',
    'SELECT * FROM information_schema.tables',
    'SELECT * FROM duckdb_tables()',
    'SELECT * FROM duckdb_columns()',
    'SHOW ALL TABLES',
    'SELECT * FROM sqlite_master',
    "SELECT * FROM query_table('wb_wbb.secret')",
    // A parameter once made DuckDB's own table-name extraction answer nothing at all.
    'SELECT * FROM shared WHERE a = $p',
    'SELECT * FROM shared LIMIT $p',
    'PIVOT shared ON a',
    'FROM shared',
    'SUMMARIZE shared',
    'SHOW TABLES',
    'SELECT * FROM pg_tables',
  ])('cannot reach another workbook or the shared tables: %s', async (sql) => {
    const e = await rejection(query(sql, { token: tokenA, params: { p: 1 } }));
    expect(['forbidden', 'sql']).toContain(e.kind);
    expect(e.message).not.toMatch(/s3cr3t|main payroll/);
  });

  it('reads its own tables with parameters, CTEs named like shared tables, and DESCRIBE', async () => {
    expect(await rows('SELECT who FROM payroll WHERE length(who) > $p', { token: tokenA, params: { p: 1 } })).toEqual([{ who: 'A payroll' }]);
    expect(await rows('WITH shared AS (SELECT 5 AS a) SELECT a FROM shared', { token: tokenA })).toEqual([{ a: 5 }]);
    expect((await query('DESCRIBE payroll', { token: tokenA })).numRows).toBe(1);
    await query('CREATE VIEW a_view AS SELECT who FROM payroll', { workbook: 'wba' });
    expect(await rows('SELECT * FROM a_view', { token: tokenA })).toEqual([{ who: 'A payroll' }]);
    await query('DROP VIEW a_view', { workbook: 'wba' });
  });

  it('naming workbook B in the header still serves workbook A', async () => {
    expect(await names({ token: tokenA, workbook: 'wbb' })).toEqual(['payroll', 'uploaded_a']);
    expect((await rejection(query('SELECT * FROM secret', { token: tokenA, workbook: 'wbb' }))).message).toMatch(/does not exist/);
    expect((await call('/api/tables/secret', { token: tokenA, workbook: 'wbb' })).status).toBe(404);
  });

  it('cannot read a view that reads workbook B, even one the server person made in A', async () => {
    await query('CREATE VIEW wb_wba.sneaky AS SELECT * FROM wb_wbb.secret');
    const e = await rejection(query('SELECT * FROM sneaky', { token: tokenA }));
    expect(e.kind).toBe('forbidden');
    await query('DROP VIEW wb_wba.sneaky');
  });

  it("cannot read the shared tables through a macro or a view of workbook A's", async () => {
    await query('CREATE MACRO grab() AS TABLE SELECT * FROM shared; CREATE MACRO peek() AS (SELECT max(a) FROM shared)', { workbook: 'wba' });
    await query('CREATE VIEW through AS SELECT * FROM shared', { workbook: 'wba' });
    for (const sql of ['SELECT * FROM grab()', 'SELECT peek() AS a', 'SELECT * FROM through']) {
      expect(['forbidden', 'sql'], sql).toContain((await rejection(query(sql, { token: tokenA }))).kind);
    }
    await query('DROP MACRO TABLE grab; DROP MACRO peek; DROP VIEW through', { workbook: 'wba' });
  });

  it('stays read-only: no writes, no uploads, no tokens', async () => {
    for (const sql of ['CREATE TABLE t AS SELECT 1', 'DROP TABLE payroll', 'INSERT INTO payroll VALUES (1)']) {
      expect((await rejection(query(sql, { token: tokenA }))).kind, sql).toBe('forbidden');
    }
    expect((await call('/api/tables/x?format=csv', { method: 'PUT', body: 'a\n1\n', token: tokenA, workbook: 'wba' })).status).toBe(403);
    expect((await call('/api/tables/payroll', { method: 'DELETE', token: tokenA, workbook: 'wba' })).status).toBe(403);
    expect((await call('/api/tokens', { method: 'POST', token: tokenA, workbook: 'wbb' })).status).toBe(403);
    expect(await names({ token: tokenA })).toEqual(['payroll', 'uploaded_a']);
  });
});

describe("a workbook's writes", () => {
  it.each([
    'DROP TABLE shared',
    'INSERT INTO shared VALUES (2)',
    'DELETE FROM shared',
    'UPDATE shared SET a = 3',
    'TRUNCATE shared',
    'ALTER TABLE shared RENAME TO gone',
    'CREATE INDEX i ON shared (a)',
    'CREATE TABLE main.planted AS SELECT 1',
    'CREATE TABLE wb_wbb.planted AS SELECT 1',
    'DROP TABLE wb_wbb.secret',
    'DELETE FROM "wb_wbB".secret',
    'INSERT INTO wb_wbb.secret VALUES (1)',
    'UPDATE wb_wbb.secret SET s = 1',
    'ALTER TABLE wb_wbb.secret RENAME TO gone',
    'CREATE SCHEMA planted',
    'DROP SCHEMA wb_wbb CASCADE',
    'WITH q AS (SELECT 2 AS a) INSERT INTO shared SELECT * FROM q',
    'EXPLAIN ANALYZE DELETE FROM shared',
    'CREATE TABLE fine AS SELECT 1; DROP TABLE shared',
    'CREATE VIEW peek AS SELECT * FROM wb_wbb.secret',
    'CREATE TABLE copied AS SELECT * FROM wb_wbb.secret',
    'WITH values AS (SELECT 1) DELETE FROM shared',
    'WITH RECURSIVE r(n) AS (SELECT 1) , select AS (SELECT 2) INSERT INTO shared SELECT n FROM r',
    'DROP INDEX shared_index',
    'COMMENT ON TABLE shared IS $$mine$$',
    'MERGE INTO shared USING (SELECT 1 AS a) s ON shared.a = s.a WHEN MATCHED THEN DELETE',
    "SELECT nextval('shared_counter')",
    "SELECT setval('main.shared_counter', 99)",
  ])('never reach the shared tables or another workbook: %s', async (sql) => {
    const e = await rejection(query(sql, { workbook: 'wba' }));
    expect(e.kind, e.message).toBe('forbidden');
  });

  it('left the shared tables and workbook B as they were', async () => {
    expect(await rows('SELECT a FROM shared')).toEqual([{ a: 1 }]);
    expect(await rows('SELECT s FROM secret', { workbook: 'wbb' })).toEqual([{ s: 'B only: s3cr3t' }]);
    expect(await rows("SELECT schema_name FROM duckdb_schemas() WHERE schema_name = 'planted'")).toEqual([]);
    expect(await rows("SELECT index_name FROM duckdb_indexes() WHERE schema_name = 'main'")).toEqual([{ index_name: 'shared_index' }]);
    expect(await names({ workbook: 'wba' })).toEqual(['payroll', 'uploaded_a']);
  });

  it('land in the workbook, which may read the shared tables and shadow their names', async () => {
    await query('CREATE TABLE mine AS SELECT a + 1 AS b FROM shared; CREATE TABLE shared AS SELECT 42 AS a', { workbook: 'wba' });
    expect(await rows('SELECT b FROM mine', { workbook: 'wba' })).toEqual([{ b: 2 }]);
    expect(await rows('SELECT a FROM shared', { workbook: 'wba' })).toEqual([{ a: 42 }]);
    await query('CREATE SEQUENCE own_counter', { workbook: 'wba' });
    expect(await rows("SELECT nextval('own_counter')::INTEGER AS n", { workbook: 'wba' })).toEqual([{ n: 1 }]);
    await query('DROP TABLE shared; DROP TABLE mine; DROP SEQUENCE own_counter', { workbook: 'wba' });
    expect(await rows('SELECT a FROM shared')).toEqual([{ a: 1 }]);
  });

  it('the admin without a workbook still sees every table, and whose it is', async () => {
    const all = (await (await call('/api/tables')).json()) as TableInfo[];
    expect(all.map((t) => [t.workbook ?? null, t.name])).toEqual([
      [null, 'payroll'],
      [null, 'shared'],
      ['wba', 'payroll'],
      ['wba', 'uploaded_a'],
      ['wbb', 'secret'],
    ]);
    expect((await call('/api/tables/payroll', { method: 'DELETE', workbook: 'wbb' })).status).toBe(404);
  });
});

describe('published workbooks', () => {
  it("a document published from workbook A opens with A's token only", async () => {
    const posted = await call('/api/workbooks', { method: 'POST', body: JSON.stringify({ title: 'A' }), workbook: 'wba' });
    const { id } = (await posted.json()) as { id: string };
    expect((await call(`/api/workbooks/${id}`, { token: tokenA })).status).toBe(200);
    expect((await call(`/api/workbooks/${id}`, { token: tokenB })).status).toBe(404);
    expect((await call(`/api/workbooks/${id}`)).status).toBe(200);
  });

  it('a token names the workbooks it reads, and a token of several needs the header', async () => {
    const res = await call('/api/tokens', { method: 'POST', body: JSON.stringify({ workbooks: ['wba', 'wbb'] }) });
    const { token } = (await res.json()) as TokenCreated;
    expect(await rows('SELECT s FROM secret', { token, workbook: 'wbb' })).toEqual([{ s: 'B only: s3cr3t' }]);
    expect((await call('/api/tables', { token })).status).toBe(400);
    expect((await call('/api/tables', { token, workbook: 'wbc' })).status).toBe(403);
    expect((await call('/api/tokens', { method: 'POST', body: JSON.stringify({ workbooks: ['../x'] }) })).status).toBe(400);
    // From inside a workbook (the app, perhaps running a linked one), only that workbook can be shared.
    expect((await call('/api/tokens', { method: 'POST', body: JSON.stringify({ workbooks: ['wbb'] }), workbook: 'wba' })).status).toBe(403);
    // Health answers a token of several workbooks without a header: the app checks tokens with it.
    expect((await call('/api/health', { token })).status).toBe(200);
  });
});
