import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EngineError, errorPosition, isEngineError, looksLikeOutOfMemory, messageOf, toSqlError } from './errors';

// The error messages here are DuckDB's own: each bad statement is run in native DuckDB.

const SEATTLE_WEATHER = decodeURIComponent(new URL('../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url).pathname);

let instance: DuckDBInstance;
let conn: DuckDBConnection;

/** What DuckDB throws for `sql`. */
async function duckdbError(sql: string, connection: DuckDBConnection = conn): Promise<Error> {
  try {
    await connection.run(sql);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`expected DuckDB to reject: ${sql}`);
}

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`CREATE TABLE weather AS SELECT * FROM read_csv('${SEATTLE_WEATHER}')`);
  await conn.run(`CREATE TABLE orders AS SELECT range AS id, NULL::TIMESTAMP AS cancelled_at FROM range(3)`);
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

describe('errorPosition, with messages from DuckDB', () => {
  test('points at a misspelled column on line 2', async () => {
    const sql = 'SELECT date,\n  tmp_max\nFROM weather';
    const { message } = await duckdbError(sql);
    expect(message).toContain('LINE 2:');
    expect(errorPosition(message, sql)).toBe(sql.indexOf('tmp_max'));
  });

  test('points at a missing table on line 3', async () => {
    const sql = 'SELECT *\n-- the weather\nFROM wether\nLIMIT 5';
    const { message } = await duckdbError(sql);
    expect(message).toContain('LINE 3:');
    expect(errorPosition(message, sql)).toBe(sql.indexOf('wether'));
  });

  test('points at the first word of a statement DuckDB cannot parse', async () => {
    const sql = 'SELEC date FROM weather';
    const { message } = await duckdbError(sql);
    expect(message).toMatch(/^Parser Error/);
    expect(errorPosition(message, sql)).toBe(0);
  });

  test('points at a stray token in the middle of a line', async () => {
    const sql = 'SELECT date,, wind FROM weather';
    const { message } = await duckdbError(sql);
    expect(errorPosition(message, sql)).toBe(sql.indexOf(',,') + 1);
  });

  test('points at the error in a long line that DuckDB shortens to "..." around it', async () => {
    const before = Array.from({ length: 30 }, (_, i) => `temp_max AS max_${i}`).join(', ');
    const after = Array.from({ length: 30 }, (_, i) => `temp_min AS min_${i}`).join(', ');
    const sql = `SELECT ${before}, tmp_max, ${after}\nFROM weather`;
    const { message } = await duckdbError(sql);
    expect(message).toMatch(/LINE 1: \.\.\./);
    expect(errorPosition(message, sql)).toBe(sql.indexOf('tmp_max'));
  });

  test('counts characters, not bytes, when the line has accents before the error', async () => {
    const sql = "SELECT 'déjà vu – ☂' AS note, tmp_max FROM weather";
    const { message } = await duckdbError(sql);
    expect(errorPosition(message, sql)).toBe(sql.indexOf('tmp_max'));
  });

  test('is undefined when DuckDB names no line', async () => {
    const sql = 'SELECT 1 +';
    const { message } = await duckdbError(sql);
    expect(message).not.toContain('LINE');
    expect(errorPosition(message, sql)).toBeUndefined();
  });

  test('is undefined when the line named is not in the SQL', async () => {
    const { message } = await duckdbError('SELECT 1,\n\n\n  nope FROM weather');
    expect(errorPosition(message, 'SELECT 1')).toBeUndefined();
  });

  test('stays within the line when the excerpt is not found in it', () => {
    const message = 'Binder Error: x\n\nLINE 1: something else entirely\n                                   ^';
    expect(errorPosition(message, 'short')).toBeLessThanOrEqual('short'.length);
  });
});

describe('toSqlError', () => {
  test('passes an EngineError through unchanged', () => {
    const original = new EngineError('file', 'weather.csv is empty', { file: 'weather.csv' });
    expect(toSqlError(original, 'SELECT 1')).toBe(original);
  });

  test('turns a DuckDB error into an sql error that keeps the message, the SQL, the position and the cause', async () => {
    const sql = 'SELECT date,\n  tmp_max\nFROM weather';
    const cause = await duckdbError(sql);
    const error = toSqlError(cause, sql);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.kind).toBe('sql');
    expect(error.message).toBe(cause.message);
    expect(error.context).toEqual({ sql, position: sql.indexOf('tmp_max') });
    expect(error.cause).toBe(cause);
  });

  test("DuckDB-WASM's JSON-shaped errors read like DuckDB's own, with their position", () => {
    // As the browser worker throws it for `SELECT 1 LIMT 2` (the Node build of the same wasm
    // throws the plain form, so the text is kept here as the browser gave it).
    const sql = 'SELECT 1 LIMT 2';
    const fromWorker =
      '{"exception_type":"Parser","exception_message":"syntax error at or near \\"2\\"\\n\\nLINE 1: SELECT 1 LIMT 2\\n                      ^","error_subtype":"SYNTAX_ERROR","position":"14"}';
    const error = toSqlError(new Error(fromWorker), sql);
    expect(error.kind).toBe('sql');
    expect(error.message).toBe('Parser Error: syntax error at or near "2"\n\nLINE 1: SELECT 1 LIMT 2\n                      ^');
    expect(error.context.position).toBe(14);
    expect(toSqlError(new Error('{not json'), 'x').message).toBe('{not json');
  });

  test("an interrupted DuckDB query is 'cancelled'", async () => {
    const sql = 'SELECT count(*) FROM range(1000000000000) t(i) WHERE hash(i) = 0';
    const own = await instance.connect();
    const running = duckdbError(sql, own);
    // Interrupt until the query has noticed; an interrupt sent before it starts is lost.
    const timer = setInterval(() => own.interrupt(), 5);
    const cause = await running.finally(() => {
      clearInterval(timer);
      own.closeSync();
    });
    expect(cause.message).toMatch(/^INTERRUPT Error/);
    const error = toSqlError(cause, sql);
    expect(error.kind).toBe('cancelled');
    expect(error.message).toBe('Query cancelled');
    expect(error.context.sql).toBe(sql);
  });

  test("DuckDB running out of memory is 'memory', and says so", async () => {
    const small = await DuckDBInstance.create(':memory:', { memory_limit: '20MB', threads: '1' });
    const smallConn = await small.connect();
    try {
      const sql = 'SELECT list(i) FROM range(50000000) t(i)';
      const cause = await duckdbError(sql, smallConn);
      expect(cause.message).toMatch(/^Out of Memory Error/);
      const error = toSqlError(cause, sql);
      expect(error.kind).toBe('memory');
      expect(error.message).toBe(`Out of memory: ${cause.message}`);
    } finally {
      smallConn.closeSync();
      small.closeSync();
    }
  });

  test("the WASM build's allocator failures are 'memory' too", () => {
    for (const message of ['RuntimeError: memory access out of bounds', 'Cannot enlarge memory arrays to size 4294967296 bytes']) {
      expect(toSqlError(new Error(message), 'SELECT 1').kind).toBe('memory');
    }
  });

  test('accepts a thrown string', () => {
    const error = toSqlError('Catalog Error: Table with name nope does not exist!', 'FROM nope');
    expect(error.kind).toBe('sql');
    expect(error.message).toBe('Catalog Error: Table with name nope does not exist!');
  });

  test("an error that merely names a column like cancelled_at is an 'sql' error, not a cancellation", async () => {
    // "canceled_at" (one l) is a typo of the column "cancelled_at"; DuckDB's message names both.
    const sql = 'SELECT id, canceled_at FROM orders';
    const cause = await duckdbError(sql);
    expect(cause.message).toContain('Referenced column "canceled_at" not found');
    const error = toSqlError(cause, sql);
    expect(error.kind).toBe('sql');
    expect(error.message).toBe(cause.message);
    expect(error.context.position).toBe(sql.indexOf('canceled_at'));
  });
});

describe('the helpers', () => {
  test('isEngineError tells an EngineError from other errors', () => {
    expect(isEngineError(new EngineError('sql', 'x'))).toBe(true);
    expect(isEngineError(new Error('x'))).toBe(false);
    expect(isEngineError('x')).toBe(false);
  });

  test('messageOf reads an Error or turns anything else into text', () => {
    expect(messageOf(new Error('boom'))).toBe('boom');
    expect(messageOf('plain')).toBe('plain');
    expect(messageOf(42)).toBe('42');
  });

  test('looksLikeOutOfMemory recognizes native and WASM wordings, and nothing else', () => {
    expect(looksLikeOutOfMemory('Out of Memory Error: failed to allocate data of size 16.0 MiB')).toBe(true);
    expect(looksLikeOutOfMemory('RuntimeError: memory access out of bounds')).toBe(true);
    expect(looksLikeOutOfMemory('Binder Error: Referenced column "x" not found')).toBe(false);
  });

  test('an EngineError is an Error with its name, kind and context', () => {
    const error = new EngineError('network', 'offline', { file: 'https://example.com/a.csv' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EngineError');
    expect(error.kind).toBe('network');
    expect(error.context).toEqual({ file: 'https://example.com/a.csv' });
  });
});
