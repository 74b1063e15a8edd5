import { tableFromIPC } from 'apache-arrow';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_TAIL_MAGIC, HEADERS, splitQueryBody, type ErrorBody } from '../../protocol/index.js';
import { rawRequest, rejection, removeDir, startServer, tempDataDir, type TestServer } from './harness.js';

let server: TestServer;
let capped: TestServer;
let dir: string;
let cappedDir: string;
let readToken: string;

beforeAll(async () => {
  [dir, cappedDir] = await Promise.all([tempDataDir(), tempDataDir()]);
  [server, capped] = await Promise.all([
    startServer(dir, ['--max-result', '20MB']),
    startServer(cappedDir, ['--max-result', '1MB', '--memory-limit', '64MB']),
  ]);
  const res = await server.fetch('/api/tokens', { method: 'POST' });
  expect(res.status).toBe(201);
  readToken = ((await res.json()) as { token: string }).token;
  await server.query('CREATE TABLE secret_sauce AS SELECT 1 AS a');
});

afterAll(async () => {
  await Promise.all([server?.stop(), capped?.stop()]);
  await Promise.all([removeDir(dir), removeDir(cappedDir)]);
});

async function errorOf(res: Response): Promise<ErrorBody['error']> {
  return ((await res.json()) as ErrorBody).error;
}

describe('auth', () => {
  it('refuses every route but health without a valid token', async () => {
    for (const [method, route] of [
      ['POST', '/api/query'],
      ['GET', '/api/tables'],
      ['PUT', '/api/tables/x?format=csv'],
      ['DELETE', '/api/tables/x'],
      ['POST', '/api/workbooks'],
      ['GET', '/api/workbooks/AAAAAAAAAAAAAAAAAAAAAA'],
      ['POST', '/api/tokens'],
      ['POST', '/api/cancel'],
    ] as const) {
      for (const token of [null, 'wrong-token', `${server.token}x`]) {
        const res = await server.fetch(route, { method, token, body: method === 'GET' ? undefined : '{"sql":"SELECT 1"}' });
        expect(res.status, `${method} ${route} with ${token}`).toBe(401);
        expect((await errorOf(res)).kind).toBe('auth');
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
      }
    }
  });

  it('refuses an upload with a bad token at once, without reading its body', async () => {
    const reply = await rawRequest(server, 'PUT', '/api/tables/big?format=csv', {
      headers: { Authorization: 'Bearer wrong', 'Content-Length': String(10 * 1024 ** 3) },
      chunks: [Buffer.from('a,b\n')],
      end: false,
    });
    expect(reply).toMatchObject({ status: 401 });
  });

  it('a read-only token may SELECT and list tables, but not change anything', async () => {
    expect(await (await server.fetch('/api/health', { token: readToken })).json()).toMatchObject({ readOnly: true });
    expect((await server.query('SELECT a FROM secret_sauce', {}, { token: readToken })).get(0)?.a).toBe(1);
    expect((await server.fetch('/api/tables', { token: readToken })).status).toBe(200);
    for (const sql of [
      'CREATE TABLE nope AS SELECT 1',
      'INSERT INTO secret_sauce VALUES (2)',
      'DROP TABLE secret_sauce',
      'SELECT 1; DELETE FROM secret_sauce',
      'EXPLAIN ANALYZE CREATE TABLE nope AS SELECT 1',
      'CALL duckdb_settings()',
    ]) {
      const e = await rejection(server.query(sql, {}, { token: readToken }));
      expect(e.kind, sql).toBe('forbidden');
      expect(e.status).toBe(403);
      expect(e.message).toMatch(/read-only/);
    }
    expect((await server.fetch('/api/tables/x?format=csv', { method: 'PUT', body: 'a\n1\n', token: readToken })).status).toBe(403);
    expect((await server.fetch('/api/tables/secret_sauce', { method: 'DELETE', token: readToken })).status).toBe(403);
    expect((await server.fetch('/api/workbooks', { method: 'POST', body: '{}', token: readToken })).status).toBe(403);
    expect((await server.fetch('/api/tokens', { method: 'POST', token: readToken })).status).toBe(403);
    expect((await server.query('SELECT count(*) AS n FROM secret_sauce')).get(0)?.n).toBe(1n);
  });

  it('keeps shared workbooks, which a read-only token can open', async () => {
    const doc = { version: 1, blocks: [{ name: 'a', sql: "SELECT 'quote''s'" }] };
    const res = await server.fetch('/api/workbooks', { method: 'POST', body: JSON.stringify(doc) });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await (await server.fetch(`/api/workbooks/${id}`, { token: readToken })).json()).toEqual(doc);
    expect((await server.fetch('/api/workbooks/..%2Fsecrets%2Fadmin-token')).status).toBe(404);
    expect((await server.fetch('/api/workbooks/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await server.fetch('/api/workbooks', { method: 'POST', body: 'not json' })).status).toBe(400);
  });
});

describe('the sandbox refuses hostile SQL with a clear error', () => {
  const cases: Array<[string, RegExp]> = [
    ["SELECT * FROM read_csv('/etc/passwd')", /Permission Error: .*\/etc\/passwd/],
    ["SELECT * FROM read_text('/etc/passwd')", /Permission Error/],
    ["SELECT * FROM glob('/etc/*')", /Permission Error/],
    ["SELECT * FROM read_parquet('https://example.com/x.parquet')", /Permission Error/],
    ["ATTACH '/tmp/cellar-evil.duckdb' AS evil", /ATTACH and DETACH are not allowed/],
    ["ATTACH ':memory:' AS evil", /ATTACH and DETACH are not allowed/],
    ["COPY (SELECT 1) TO '/tmp/cellar-evil.csv'", /Permission Error: .*\/tmp\/cellar-evil\.csv/],
    ['INSTALL httpfs', /Extensions cannot be installed or loaded/],
    ['LOAD httpfs', /Extensions cannot be installed or loaded/],
    ['SET enable_external_access = true', /SET and RESET are not allowed/],
    ['RESET memory_limit', /SET and RESET are not allowed/],
    ['PRAGMA enable_profiling', /PRAGMA statements are not allowed/],
    ['BEGIN TRANSACTION', /each request runs in its own transaction/],
    ["EXPORT DATABASE '/tmp/cellar-evil'", /Permission Error|EXPORT DATABASE .* not allowed/],
  ];
  for (const [sql, message] of cases) {
    it(sql, async () => {
      const e = await rejection(server.query(sql));
      expect(e.kind).toBe('forbidden');
      expect(e.status).toBe(403);
      expect(e.message).toMatch(message);
    });
  }

  it('refuses COPY even to a path DuckDB would allow (its own write-ahead log)', async () => {
    const e = await rejection(server.query(`COPY (SELECT 'junk') TO '${path.join(dir, 'cellar.duckdb.wal')}' (FORMAT csv)`));
    expect(e.kind).toBe('forbidden');
    expect(e.message).toMatch(/COPY is not allowed/);
  });

  it('wrote nothing outside the data folder, and settings stayed put', async () => {
    expect(existsSync('/tmp/cellar-evil.csv')).toBe(false);
    expect(existsSync('/tmp/cellar-evil.duckdb')).toBe(false);
    const t = await server.query(
      "SELECT current_setting('enable_external_access') AS ext, current_setting('lock_configuration') AS locked, current_setting('autoload_known_extensions') AS autoload",
    );
    expect(t.get(0)?.toJSON()).toEqual({ ext: false, locked: true, autoload: false });
  });

  it('refuses path traversal in table names before reading the body', async () => {
    for (const route of ['/api/tables/..%2F..%2Fetc%2Fpasswd', '/api/tables/a%2Fb', '/api/tables/..%5Cwin', '/api/tables/%00', '/api/tables/..']) {
      const reply = await rawRequest(server, 'PUT', `${route}?format=csv`, { chunks: [Buffer.from('a\n1\n')] });
      expect(reply, route).toMatchObject({ status: 400 });
      expect('body' in reply && reply.body).toMatch(/Not a table name/);
    }
    // Unencoded, the slashes make it no route at all.
    expect(await rawRequest(server, 'PUT', '/api/tables/../../etc/passwd?format=csv', { chunks: [Buffer.from('a\n1\n')] })).toMatchObject({
      status: 404,
    });
    expect(await readdir(path.join(dir, 'uploads'))).toEqual([]);
    const tables = (await (await server.fetch('/api/tables')).json()) as Array<{ name: string }>;
    expect(tables.map((t) => t.name)).toEqual(['secret_sauce']);
  });
});

describe('limits', () => {
  it('refuses a result over the cap before sending anything, when it knows in time', async () => {
    const e = await rejection(capped.query('SELECT range AS i FROM range(1000000)'));
    expect(e.kind).toBe('too-large');
    expect(e.status).toBe(413);
    expect((await capped.query('SELECT 1 AS ok')).get(0)?.ok).toBe(1);
  });

  it('ends a streaming result that passes the cap with an error tail, not a silent truncation', async () => {
    const res = await server.fetch('/api/query', { method: 'POST', body: JSON.stringify({ sql: 'SELECT range AS i FROM range(5000000)' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get(HEADERS.streamed)).toBe('1');
    const body = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(body.subarray(-8)).toString('latin1')).toBe(ERROR_TAIL_MAGIC);
    const { arrow, error } = splitQueryBody(body);
    expect(error?.kind).toBe('too-large');
    expect(arrow.byteLength).toBeLessThan(21_000_000);
    // A plain Arrow reader given the whole body throws instead of returning partial rows.
    expect(() => tableFromIPC(body)).toThrow();
    expect((await server.query('SELECT 2 AS ok')).get(0)?.ok).toBe(2);
  });

  it('streams a large result that fits, ending it with rows and time as trailers', async () => {
    const t = await server.query('SELECT range AS i FROM range(2000000)');
    expect(t.numRows).toBe(2_000_000);
    expect(t.getChild('i')?.get(1_999_999)).toBe(1_999_999n);
  });

  it("answers a query past DuckDB's memory limit with out-of-memory", async () => {
    const e = await rejection(capped.query('SELECT list(range) AS l FROM range(50000000)'));
    expect(e.kind).toBe('out-of-memory');
    expect(e.status).toBe(503);
    expect(e.message).toMatch(/^Out of Memory Error/);
  });

  it('refuses request bodies over their limits', async () => {
    const big = JSON.stringify({ sql: `SELECT '${'x'.repeat(1_100_000)}'` });
    const res = await server.fetch('/api/query', { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).kind).toBe('too-large');
    const book = await server.fetch('/api/workbooks', { method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(5_100_000) }) });
    expect(book.status).toBe(413);
  });
});
