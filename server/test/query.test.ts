import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARROW_STREAM_TYPE, HEADERS } from '../../protocol/index.js';
import { rejection, removeDir, startServer, tempDataDir, type TestServer } from './harness.js';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  dir = await tempDataDir();
  server = await startServer(dir);
});

afterAll(async () => {
  await server?.stop();
  await removeDir(dir);
});

describe('POST /api/query answers in Arrow', () => {
  it('sends an Arrow stream with row count and server time in headers', async () => {
    const res = await server.fetch('/api/query', { method: 'POST', body: JSON.stringify({ sql: 'SELECT range AS i FROM range(1000)' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(ARROW_STREAM_TYPE);
    expect(res.headers.get(HEADERS.rows)).toBe('1000');
    expect(Number(res.headers.get(HEADERS.ms))).toBeGreaterThanOrEqual(0);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(1000);
    expect(table.getChild('i')?.get(999)).toBe(999n);
  });

  it('keeps numbers, decimals, dates, timestamps, text, booleans and nulls typed', async () => {
    const t = await server.query(`
      SELECT 1::TINYINT AS tiny, 300::SMALLINT AS small, 70000 AS int, 9007199254740993::BIGINT AS big,
             1.5::FLOAT AS f, 2.25::DOUBLE AS d, 123.45::DECIMAL(10,2) AS dec, -0.5::DECIMAL(38,4) AS wide,
             170141183460469231731687303715884105727::HUGEINT AS huge,
             DATE '2024-02-29' AS day, TIMESTAMP '2024-01-02 03:04:05.5' AS ts, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tz,
             TIME '12:34:56' AS tm, INTERVAL '1 month 2 days 3 seconds' AS iv,
             'short' AS s, repeat('long ', 10) AS l, 'ab'::BLOB AS b, true AS yes, NULL::INTEGER AS nothing`);
    const types = Object.fromEntries(t.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toMatchObject({
      tiny: 'Int8',
      small: 'Int16',
      int: 'Int32',
      big: 'Int64',
      f: 'Float32',
      d: 'Float64',
      dec: 'Decimal[10e+2]',
      wide: 'Decimal[38e+4]',
      huge: 'Decimal[38e0]',
      day: 'Date32<DAY>',
      ts: 'Timestamp<MICROSECOND>',
      tz: 'Timestamp<MICROSECOND, UTC>',
      tm: 'Time64<MICROSECOND>',
      iv: 'Struct<{months:Int32, days:Int32, micros:Int64}>',
      s: 'Utf8',
      b: 'Binary',
      yes: 'Bool',
    });
    const row = t.get(0)!.toJSON();
    expect(row.tiny).toBe(1);
    expect(row.small).toBe(300);
    expect(row.big).toBe(9007199254740993n);
    expect(row.f).toBe(1.5);
    expect(row.d).toBe(2.25);
    expect(String(row.dec)).toBe('12345'); // unscaled, with scale 2 in the type
    expect(String(row.wide)).toBe('-5000');
    expect(String(row.huge)).toBe('170141183460469231731687303715884105727');
    expect(new Date(row.day as number).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(new Date(row.ts as number).toISOString()).toBe('2024-01-02T03:04:05.500Z');
    expect(new Date(row.tz as number).toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(row.tm).toBe(45_296_000_000n);
    expect(row.iv.toJSON()).toEqual({ months: 1, days: 2, micros: 3_000_000n });
    expect(row.s).toBe('short');
    expect(row.l).toBe('long '.repeat(10));
    expect([...(row.b as Uint8Array)]).toEqual([97, 98]);
    expect(row.yes).toBe(true);
    expect(row.nothing).toBeNull();
    // The DuckDB type rides along in the field metadata.
    expect(t.schema.fields.find((f) => f.name === 'dec')?.metadata.get('duckdb_type')).toBe('DECIMAL(10,2)');
  });

  it('keeps lists, structs, maps and nested nulls', async () => {
    const t = await server.query(`
      SELECT [1, NULL, 3] AS list, NULL::INTEGER[] AS no_list, [] ::INTEGER[] AS empty,
             {'a': 1, 'b': 'x'} AS st, MAP {'k': 2} AS m, [[1], [2, 3]] AS nested, ['x', NULL] AS texts`);
    const row = t.get(0)!;
    expect([...row.list]).toEqual([1, null, 3]);
    expect(row.no_list).toBeNull();
    expect([...row.empty]).toEqual([]);
    expect(row.st.toJSON()).toEqual({ a: 1, b: 'x' });
    expect(row.m.toJSON()).toEqual({ k: 2 });
    expect([...row.nested].map((l: Iterable<number>) => [...l])).toEqual([[1], [2, 3]]);
    expect([...row.texts]).toEqual(['x', null]);
    expect(String(t.schema.fields[0]!.type)).toBe('List<Int32>');
  });

  it('streams many chunks with nulls in every column, row for row', async () => {
    const t = await server.query(`
      SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS s,
             CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1] END AS l, i % 2 = 0 AS even
      FROM range(100000) t(i) ORDER BY i DESC`);
    expect(t.numRows).toBe(100_000);
    for (const i of [0, 1, 2, 3, 4, 5, 2047, 2048, 65535, 65536, 99_999]) {
      const row = t.get(99_999 - i)!;
      expect(row.i).toBe(BigInt(i));
      expect(row.s).toBe(i % 3 === 0 ? null : `v${i}`);
      expect(row.l === null ? null : [...row.l]).toEqual(i % 5 === 0 ? null : [BigInt(i), BigInt(i + 1)]);
      expect(row.even).toBe(i % 2 === 0);
    }
  });

  it('keeps the nulls inside lists of every length across chunks', async () => {
    const t = await server.query(`
      SELECT CASE WHEN i % 4 = 0 THEN NULL
                  ELSE list_transform(range(i % 7), x -> CASE WHEN x = 1 THEN NULL ELSE x END) END AS l
      FROM range(20000) t(i) ORDER BY i`);
    const expected = (i: number) => (i % 4 === 0 ? null : Array.from({ length: i % 7 }, (_, x) => (x === 1 ? null : BigInt(x))));
    for (let i = 0; i < 20000; i++) {
      const l = t.get(i)!.l;
      expect(l === null ? null : [...l], `row ${i}`).toEqual(expected(i));
    }
  });

  it('answers an empty result with its schema', async () => {
    const t = await server.query('SELECT 1 AS a, $x AS b WHERE false', { x: 'y' });
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['a', 'b']);
  });

  it('runs statements before the last one and answers with the last', async () => {
    const t = await server.query('CREATE TABLE multi AS SELECT 7 AS v; SELECT v * 6 AS answer FROM multi');
    expect(t.get(0)?.answer).toBe(42);
  });
});

describe('parameters', () => {
  it('binds $name values instead of splicing them, so a quote is just a character', async () => {
    const evil = "x'; DROP TABLE multi; --";
    const t = await server.query('SELECT $text AS text, length($text) AS n', { text: evil });
    expect(t.get(0)?.text).toBe(evil);
    expect(Number(t.get(0)?.n)).toBe(evil.length);
    expect((await server.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'multi'")).get(0)?.n).toBe(1n);
  });

  it('binds numbers, booleans, null and dates by type, names case-insensitively', async () => {
    const t = await server.query('SELECT $N + 1 AS n, $half * 2 AS h, NOT $flag AS f, $nothing IS NULL AS z, $day + 1 AS next, $at AS at', {
      n: 41,
      half: 0.25,
      flag: false,
      nothing: null,
      day: { date: '2024-02-28' },
      at: { date: '2024-01-02T03:04:05' },
    });
    const row = t.get(0)!;
    expect(row.n).toBe(42n);
    expect(row.h).toBe(0.5);
    expect(row.f).toBe(true);
    expect(row.z).toBe(true);
    expect(new Date(row.next as number).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(String(t.schema.fields[5]!.type)).toBe('Timestamp<MICROSECOND>');
  });

  it('refuses a missing parameter and a malformed one', async () => {
    const missing = await rejection(server.query('SELECT $absent'));
    expect(missing.kind).toBe('bad-request');
    expect(missing.message).toContain('$absent');
    const res = await server.fetch('/api/query', { method: 'POST', body: JSON.stringify({ sql: 'SELECT $x', params: { x: [1] } }) });
    expect(res.status).toBe(400);
    const bad = await rejection(server.query('SELECT $d', { d: { date: '2024-02-30' } }));
    expect(bad.kind).toBe('bad-request');
  });
});

describe('errors', () => {
  it("reports DuckDB's own message for bad SQL", async () => {
    const e = await rejection(server.query('SELEC 1'));
    expect(e.kind).toBe('sql');
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^Parser Error: syntax error at or near "SELEC"/);
    const missing = await rejection(server.query('SELECT * FROM no_such_table'));
    expect(missing.message).toMatch(/^Catalog Error/);
  });

  it('answers malformed requests and unknown routes', async () => {
    const notJson = await server.fetch('/api/query', { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { kind: string } }).error.kind).toBe('bad-request');
    const nowhere = await server.fetch('/api/nowhere');
    expect(nowhere.status).toBe(404);
  });
});

describe('HTTP', () => {
  it('answers health without a token, and says whether a token is read-only', async () => {
    const open = await server.fetch('/api/health', { token: null });
    expect(await open.json()).toEqual({
      ok: true,
      duckdb: expect.stringMatching(/^v1\.5/),
      limits: { maxUploadBytes: 10e9, maxResultBytes: 512e6, statementTimeoutMs: 60_000 },
    });
    expect(await (await server.fetch('/api/health')).json()).toMatchObject({ readOnly: false });
  });

  it('lets another origin call it (CORS, preflight, CORP for a cross-origin-isolated page)', async () => {
    const preflight = await server.fetch('/api/query', {
      method: 'OPTIONS',
      token: null,
      headers: { Origin: 'http://localhost:4173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/PUT/);
    const res = await server.fetch('/api/health', { headers: { Origin: 'http://localhost:4173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('access-control-expose-headers')).toContain(HEADERS.rows);
  });
});
