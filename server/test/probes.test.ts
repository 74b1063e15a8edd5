import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, tempDataDir, type TestServer } from './harness.js';

/**
 * Hostile SQL against a real server (issue 15's probe set): crashes, escapes, leaks, limit
 * breakers, setting changes, file reads and writes with a read token. Every probe must be
 * refused in words or answered safely, the server must answer after each one, and no answer may
 * hold the admin token or the secret planted in the server's data folder and memory.
 */

interface Probe {
  sql: string | ((dir: string) => string);
  /** Who sends it (default: a read-only token). */
  as?: 'read' | 'admin';
  /** The error kind(s) it must be refused with (`any`: any kind); absent: refused or answered, either is safe. */
  refused?: string | string[];
  /** A pattern the refusal's message must match. */
  says?: RegExp;
}

const SECRET = `planted-${randomBytes(12).toString('hex')}`;
const nest = (open: string, close: string, n: number, inner = '1') => `SELECT ${open.repeat(n)}${inner}${close.repeat(n)}`;

const PROBES: Probe[] = [
  // Files: the data folder, DuckDB's own files and temp dir, paths around the sandbox.
  { sql: (d) => `SELECT * FROM read_text('${d}/tmp/planted.txt')`, refused: 'forbidden', says: /cannot read files/ },
  { sql: (d) => `SELECT * FROM read_blob('${d}/cellar.duckdb.wal')`, refused: 'forbidden', says: /cannot read files/ },
  { sql: (d) => `SELECT * FROM read_blob('${d}/cellar.duckdb')`, refused: 'forbidden' },
  { sql: (d) => `SELECT * FROM read_text('${d}/secrets/admin-token')`, refused: 'forbidden' },
  { sql: (d) => `SELECT * FROM read_text('${d}/uploads/../secrets/admin-token')`, refused: 'forbidden' },
  { sql: (d) => `SELECT * FROM glob('${d}/*')`, refused: 'forbidden' },
  { sql: (d) => `SELECT * FROM glob('${d}/tmp/*')`, refused: 'forbidden' },
  { sql: (d) => `SELECT * FROM read_csv('${d}/secrets/admin-token', header = false)`, refused: 'forbidden' },
  // A read token's workbook check (scope-check.ts) may refuse these first, as unknown tables.
  { sql: (d) => `SELECT * FROM '${d}/tmp/planted.csv'`, refused: 'any' },
  { sql: (d) => `SELECT * FROM "${d}/cellar.duckdb.wal"`, refused: 'any' },
  { sql: (d) => `SELECT * FROM '${d}/tmp/planted.csv'`, as: 'admin', refused: 'forbidden', says: /names a file/ },
  { sql: (d) => `SELECT * FROM "${d}/cellar.duckdb.wal"`, as: 'admin', refused: 'forbidden', says: /names a file/ },
  { sql: (d) => `SELECT * FROM read_json_objects('${d}/workbooks/*.json')`, refused: 'forbidden' },
  { sql: (d) => `SELECT * FROM parquet_metadata('${d}/cellar.duckdb')`, refused: 'forbidden' },
  { sql: (d) => `SELECT * FROM sniff_csv('${d}/secrets/admin-token')`, refused: 'forbidden' },
  { sql: (d) => `WITH w AS (SELECT content FROM read_blob('${d}/cellar.duckdb.wal')) SELECT * FROM w`, refused: 'forbidden' },
  { sql: (d) => `SELECT (SELECT content FROM read_text('${d}/tmp/planted.txt')) AS c`, refused: 'forbidden' },
  { sql: (d) => `SELECT 1; SELECT * FROM read_text('${d}/tmp/planted.txt')`, refused: 'forbidden' },
  { sql: "SELECT * FROM read_text(current_setting('temp_directory') || '/planted.txt')", refused: 'forbidden' },
  { sql: (d) => `DESCRIBE SELECT * FROM read_text('${d}/tmp/planted.txt')`, refused: 'forbidden' },
  { sql: (d) => `SELECT * FROM query('SELECT * FROM read_text(''${d}/tmp/planted.txt'')')`, refused: 'forbidden', says: /from a string/ },
  { sql: (d) => `SELECT * FROM query_table('${d}/tmp/planted.csv')`, refused: 'forbidden' },
  { sql: "SELECT * FROM arrow_scan(1, 2, 3)", refused: 'forbidden' },
  { sql: "SELECT * FROM read_text('/etc/passwd')", refused: 'forbidden' },
  { sql: (d) => `CREATE TABLE stolen AS SELECT * FROM read_text('${d}/tmp/planted.txt')`, as: 'admin', refused: 'forbidden' },
  { sql: (d) => `INSERT INTO victim SELECT length(content) FROM read_blob('${d}/cellar.duckdb.wal')`, as: 'admin', refused: 'forbidden' },
  { sql: (d) => `CREATE VIEW peek AS SELECT * FROM '${d}/cellar.duckdb.wal'`, as: 'admin', refused: 'forbidden' },
  { sql: (d) => `COPY victim TO '${d}/uploads/out.csv'`, as: 'admin', refused: 'forbidden' },
  { sql: (d) => `ATTACH '${d}/cellar.duckdb' AS again`, as: 'admin', refused: 'forbidden' },
  { sql: "SELECT getenv('HOME') AS h" },
  // Settings and engine state: fixed, and nothing reaches the next request.
  { sql: 'CALL enable_profiling()', as: 'admin', refused: 'forbidden', says: /settings are fixed/ },
  { sql: 'SELECT * FROM enable_logging()', as: 'admin', refused: 'forbidden' },
  { sql: 'CALL disable_checkpoint_on_shutdown()', as: 'admin', refused: 'forbidden' },
  { sql: "SET memory_limit = '100GB'", as: 'admin', refused: 'forbidden' },
  { sql: 'RESET lock_configuration', as: 'admin', refused: 'forbidden' },
  { sql: 'PRAGMA enable_profiling', as: 'admin', refused: 'forbidden' },
  { sql: "SET schema = 'other'", refused: 'forbidden' },
  { sql: 'USE memory', as: 'admin', refused: 'forbidden' },
  { sql: 'INSTALL httpfs', as: 'admin', refused: 'forbidden' },
  { sql: "PREPARE p AS SELECT 1", refused: 'forbidden' },
  { sql: 'SELECT * FROM duckdb_settings()' },
  { sql: 'SELECT * FROM duckdb_secrets()' },
  { sql: 'SELECT * FROM duckdb_memory()' },
  // Writes with a read token.
  { sql: "SELECT nextval('counter') AS n", refused: 'forbidden', says: /read-only/ },
  { sql: "SELECT * FROM victim WHERE nextval('counter') > 0", refused: 'forbidden', says: /read-only/ },
  { sql: 'CALL checkpoint()', refused: 'forbidden' },
  { sql: 'SELECT * FROM force_checkpoint()', refused: 'forbidden' },
  { sql: 'INSERT INTO victim VALUES (99)', refused: 'forbidden', says: /read-only/ },
  { sql: 'DELETE FROM victim', refused: 'forbidden' },
  { sql: 'DROP TABLE victim', refused: 'forbidden' },
  { sql: 'CREATE TEMP TABLE t AS SELECT 1', refused: 'forbidden' },
  { sql: 'CREATE MACRO m() AS 1', refused: 'forbidden' },
  { sql: 'SELECT 1; UPDATE victim SET a = 0', refused: 'forbidden' },
  { sql: 'EXPLAIN ANALYZE DELETE FROM victim', refused: 'forbidden' },
  { sql: 'CHECKPOINT', refused: 'forbidden' },
  { sql: 'VACUUM victim', refused: 'forbidden' },
  { sql: 'ALTER TABLE victim RENAME TO gone', refused: 'forbidden' },
  { sql: 'BEGIN TRANSACTION', refused: 'forbidden' },
  // Crashes, and limit breakers (the server runs with --memory-limit 256MB --statement-timeout 2s).
  { sql: "SELECT json_structure(repeat('[', 100000) || repeat(']', 100000)) IS NULL AS x", refused: 'internal', says: /crashed/ },
  { sql: "SELECT length(repeat(repeat('x', 1000000), 3000)) AS n", refused: 'out-of-memory' },
  { sql: "SELECT length(repeat('x', 2000000000)) AS n", refused: 'out-of-memory' },
  { sql: 'SELECT list(range) AS l FROM range(1000000000)', refused: ['out-of-memory', 'timeout'] },
  { sql: "SELECT levenshtein(repeat('a', 100000), repeat('b', 100000)) AS d", refused: 'timeout' },
  { sql: 'SELECT sum(hash(range)) FROM range(1000000000000)', refused: 'timeout' },
  { sql: nest('(', ')', 20000), refused: 'sql', says: /Parser Error/ },
  { sql: nest('[', ']', 20000), refused: 'sql' },
  { sql: `SELECT 1${'+1'.repeat(50000)}`, refused: 'sql' },
  { sql: "SELECT (repeat('[', 100000) || repeat(']', 100000))::JSON IS NULL AS x" },
  { sql: 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r', refused: ['timeout', 'out-of-memory'] },
];

let server: TestServer;
let dir: string;
let readToken: string;

beforeAll(async () => {
  dir = await tempDataDir();
  server = await startServer(dir, ['--memory-limit', '256MB', '--statement-timeout', '2s']);
  const res = await server.fetch('/api/tokens', { method: 'POST' });
  readToken = ((await res.json()) as { token: string }).token;
  // The secret, planted where a probe might find it: files in the data folder and DuckDB's temp
  // dir, a dropped table's bytes in the WAL, an uploaded (and deleted) file, the query process's memory.
  await writeFile(path.join(dir, 'tmp', 'planted.txt'), SECRET);
  await writeFile(path.join(dir, 'tmp', 'planted.csv'), `s\n${SECRET}\n`);
  await writeFile(path.join(dir, 'secrets', 'planted.txt'), SECRET);
  await server.query(`CREATE TABLE dropped AS SELECT '${SECRET}' || range AS s FROM range(1000)`);
  await server.query('DROP TABLE dropped');
  const upload = await server.fetch('/api/tables/uploaded?format=csv', { method: 'PUT', body: `s\n${SECRET}\n` });
  expect(upload.status).toBe(200);
  await server.query('DROP TABLE uploaded');
  await server.query('CREATE TABLE victim AS SELECT 1 AS a');
  await server.query('CREATE SEQUENCE counter');
});

afterAll(async () => {
  await server?.stop();
  await removeDir(dir);
});

/** Sends one probe; resolves to its status and whole body as text (Arrow bytes as latin1). */
async function send(sql: string, token: string): Promise<{ status: number; body: string }> {
  const res = await server.fetch('/api/query', { method: 'POST', body: JSON.stringify({ sql }), token });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()).toString('latin1') };
}

describe('server SQL probes: refused in words or answered safely, and the server stays up', () => {
  it('has at least 40 probes', () => expect(PROBES.length).toBeGreaterThanOrEqual(40));

  PROBES.forEach((probe, i) => {
    const sqlOf = () => (typeof probe.sql === 'function' ? probe.sql(dir) : probe.sql);
    const label = typeof probe.sql === 'function' ? probe.sql('<data>') : probe.sql;
    it(`#${i + 1} (${probe.as ?? 'read'}): ${label.slice(0, 100)}`, async () => {
      const { status, body } = await send(sqlOf(), probe.as === 'admin' ? server.token : readToken);
      expect(body).not.toContain(server.token);
      expect(body).not.toContain(SECRET);
      if (status !== 200) {
        const error = (JSON.parse(body) as { error: { kind: string; message: string } }).error;
        expect(error.message.length, 'refused in words').toBeGreaterThan(15);
        if (probe.refused && probe.refused !== 'any') expect([probe.refused].flat()).toContain(error.kind);
        if (probe.says) expect(error.message).toMatch(probe.says);
      } else {
        expect(probe.refused, `answered, but should have been refused: ${body.slice(0, 200)}`).toBeUndefined();
      }
      // The server stays up: health answers, and the next query runs.
      expect((await server.fetch('/api/health')).status).toBe(200);
      expect((await server.query('SELECT count(*) AS n FROM victim')).get(0)?.n).toBe(1n);
    });
  });
});

describe('what the probes must not have changed', () => {
  it('a batch is checked whole: CREATE TABLE half … ; ATTACH leaves no table half', async () => {
    const { status, body } = await send("CREATE TABLE half AS SELECT 1 AS a; ATTACH 'x.db'", server.token);
    expect(status).toBe(403);
    expect(body).toMatch(/ATTACH and DETACH are not allowed/);
    const tables = (await (await server.fetch('/api/tables')).json()) as Array<{ name: string }>;
    expect(tables.map((t) => t.name)).not.toContain('half');
  });

  it('a batch that fails halfway leaves nothing of its first statements', async () => {
    const { status } = await send('CREATE TABLE half2 AS SELECT 1 AS a; SELECT * FROM no_such_table', server.token);
    expect(status).toBe(400);
    const tables = (await (await server.fetch('/api/tables')).json()) as Array<{ name: string }>;
    expect(tables.map((t) => t.name)).not.toContain('half2');
  });

  it("a request's connection settings end with it (profiling, temp tables)", async () => {
    const profiling = await server.query("SELECT current_setting('enable_profiling') AS p");
    expect(profiling.get(0)?.p).toBeNull();
    await server.query('CREATE TEMP TABLE mine AS SELECT 1 AS a; SELECT * FROM mine');
    const { status, body } = await send('SELECT * FROM mine', server.token);
    expect(status).toBe(400);
    expect(body).toMatch(/Catalog Error/);
  });

  it('the sequence, the victim table and the settings are as they were; nothing was written outside', async () => {
    expect((await server.query("SELECT currval('counter') AS c").catch((e: Error) => e)) instanceof Error).toBe(true);
    expect((await server.query('SELECT a FROM victim')).toArray().map((r) => r.a)).toEqual([1]);
    const t = await server.query("SELECT current_setting('memory_limit') AS m, current_setting('lock_configuration') AS l");
    expect(t.get(0)?.toJSON()).toMatchObject({ l: true });
    expect(existsSync(path.join(dir, 'uploads', 'out.csv'))).toBe(false);
    expect(existsSync(path.join(process.cwd(), 'x.db'))).toBe(false);
  });
});
