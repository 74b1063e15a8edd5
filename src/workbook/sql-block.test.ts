import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorPosition } from '../sql';
import { blockStatement, stripSql, unwrapErrorLines } from './sql-block';

const SEATTLE_WEATHER = decodeURIComponent(new URL('../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url).pathname);

let instance: DuckDBInstance;
let conn: DuckDBConnection;

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS();
}

/** The message DuckDB fails `sql` with. */
async function duckdbError(sql: string): Promise<string> {
  try {
    await conn.run(sql);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected DuckDB to reject: ${sql}`);
}

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`CREATE TABLE weather AS SELECT * FROM read_csv('${SEATTLE_WEATHER}')`);
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

describe('stripSql', () => {
  test('removes leading line comments', () => {
    expect(stripSql('-- monthly rain\n-- by year\nSELECT 1')).toBe('SELECT 1');
  });

  test('removes leading block comments, also several lines long', () => {
    expect(stripSql('/* monthly\n   rain */ SELECT 1')).toBe('SELECT 1');
  });

  test('removes a mix of comments and the blank lines around them', () => {
    expect(stripSql('\n  -- one\n\n  /* two */\n\n  -- three\n  FROM weather')).toBe('FROM weather');
  });

  test('removes a trailing semicolon and the whitespace after it', () => {
    expect(stripSql('SELECT 1;\n\n')).toBe('SELECT 1');
  });

  test('keeps comments and semicolons inside the statement', () => {
    expect(stripSql("SELECT ';' AS s -- trailing\nFROM weather")).toBe("SELECT ';' AS s -- trailing\nFROM weather");
  });

  test('is empty for a comment that never ends or a block of only comments', () => {
    expect(stripSql('/* unfinished')).toBe('');
    expect(stripSql('-- nothing here')).toBe('');
    expect(stripSql('   ')).toBe('');
  });
});

describe('blockStatement', () => {
  test('wraps a SELECT so its result is kept as a table named after the block', () => {
    expect(blockStatement('rainy', 'SELECT * FROM weather')).toEqual({
      sql: 'CREATE OR REPLACE TABLE "rainy" AS\nSELECT * FROM weather',
      materializes: true,
      lineOffset: 1,
    });
  });

  test.each([
    ['WITH', 'WITH t AS (SELECT 1 AS a) SELECT a FROM t'],
    ['FROM-first', 'FROM weather SELECT date'],
    ['FROM alone', 'FROM weather'],
    ['VALUES', "VALUES (1, 'a'), (2, 'b')"],
    ['TABLE', 'TABLE weather'],
    ['parenthesized', '(SELECT 1) UNION ALL (SELECT 2)'],
    ['lowercase', 'select 1'],
    ['PIVOT', 'PIVOT weather ON weather USING count(*)'],
  ])('treats a %s query as a query', (_, sql) => {
    expect(blockStatement('q', sql).materializes).toBe(true);
  });

  test('looks past leading comments to find the query, and keeps them in the statement', () => {
    const sql = '-- the rainy days\n/* of 2015 */\nSELECT * FROM weather';
    expect(blockStatement('q', sql)).toEqual({ sql: `CREATE OR REPLACE TABLE "q" AS\n${sql}`, materializes: true, lineOffset: 1 });
  });

  test('drops the trailing semicolon, which would end the CREATE early', () => {
    expect(blockStatement('q', 'SELECT 1;  \n').sql).toBe('CREATE OR REPLACE TABLE "q" AS\nSELECT 1');
  });

  test.each([
    ['SET', 'SET threads = 1'],
    ['CREATE', 'CREATE TABLE t AS SELECT 1'],
    ['INSERT', 'INSERT INTO t VALUES (1)'],
    ['DROP', 'DROP TABLE t'],
    ['a commented CREATE', '-- SELECT below is not the statement\nCREATE VIEW v AS SELECT 1;'],
  ])('runs %s as written, without wrapping it', (_, sql) => {
    expect(blockStatement('q', sql)).toEqual({ sql, materializes: false, lineOffset: 0 });
  });

  test('quotes the block name as an identifier', () => {
    expect(blockStatement('my "block"', 'SELECT 1').sql).toBe('CREATE OR REPLACE TABLE "my ""block""" AS\nSELECT 1');
  });
});

describe('wrapped statements, run in DuckDB', () => {
  test('a SELECT block becomes a table with the query result', async () => {
    const block = blockStatement('rain_2015', "-- rainy days of 2015\nSELECT date, precipitation FROM weather\nWHERE weather = 'rain' AND year(date) = 2015;\n");
    await conn.run(block.sql);
    const [made] = await rows(`SELECT count(*)::INTEGER AS n FROM rain_2015`);
    const [expected] = await rows(`SELECT count(*)::INTEGER AS n FROM weather WHERE weather = 'rain' AND year(date) = 2015`);
    expect(made).toEqual(expected);
    expect((await rows('DESCRIBE rain_2015')).map((r) => [r.column_name, r.column_type])).toEqual([
      ['date', 'DATE'],
      ['precipitation', 'DOUBLE'],
    ]);
  });

  test('running a block again replaces its table', async () => {
    await conn.run(blockStatement('again', 'SELECT 1 AS a').sql);
    await conn.run(blockStatement('again', 'SELECT 2 AS b UNION ALL SELECT 3').sql);
    expect(await rows('SELECT b::INTEGER AS b FROM again ORDER BY b')).toEqual([{ b: 2 }, { b: 3 }]);
  });

  test.each([
    ['WITH', 'WITH kinds AS (SELECT weather FROM weather) SELECT weather, count(*) AS n FROM kinds GROUP BY ALL', 5],
    ['FROM-first', 'FROM weather SELECT date WHERE temp_max > 30', null],
    ['VALUES', "VALUES (1, 'a'), (2, 'b')", 2],
    ['TABLE', 'TABLE weather', 1461],
    ['parenthesized', '(SELECT 1 AS a) UNION ALL (SELECT 2)', 2],
    ['PIVOT', 'PIVOT (SELECT year(date) AS year, weather FROM weather) ON weather USING count(*) GROUP BY year', 4],
  ])('a %s block runs wrapped and makes its table', async (_, sql, expectedRows) => {
    const block = blockStatement('shape', `${sql};`);
    expect(block.materializes).toBe(true);
    await conn.run(block.sql);
    const [made] = await rows('SELECT count(*)::INTEGER AS n FROM shape');
    const [direct] = await rows(`SELECT count(*)::INTEGER AS n FROM (${sql})`);
    expect(made).toEqual(direct);
    if (expectedRows !== null) expect(made!.n).toBe(expectedRows);
  });

  test('a non-query block runs as written', async () => {
    const block = blockStatement('ignored', 'CREATE TABLE made_by_hand AS SELECT 42 AS answer;');
    await conn.run(block.sql);
    expect(await rows('SELECT answer FROM made_by_hand')).toEqual([{ answer: 42 }]);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'ignored'`)).toEqual([{ n: 0 }]);
  });

  test('a block with a hostile name makes a table with exactly that name', async () => {
    const name = `q"; DROP TABLE weather; --`;
    await conn.run(blockStatement(name, 'SELECT 1 AS one').sql);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'q"; DROP TABLE weather; --'`)).toEqual([{ n: 1 }]);
    expect(await rows('SELECT count(*)::INTEGER AS n FROM weather')).toEqual([{ n: 1461 }]);
  });
});

describe('unwrapErrorLines', () => {
  test('leaves the message alone when nothing was added in front', () => {
    expect(unwrapErrorLines('Binder Error: x\n\nLINE 3: SELECT y\n        ^', 0)).toBe('Binder Error: x\n\nLINE 3: SELECT y\n        ^');
  });

  test('moves every LINE marker up by the lines added', () => {
    expect(unwrapErrorLines('LINE 3: a\nLINE 10: b', 1)).toBe('LINE 2: a\nLINE 9: b');
  });

  test('never names a line before the first', () => {
    expect(unwrapErrorLines('LINE 1: CREATE OR REPLACE TABLE "q" AS', 1)).toBe('LINE 1: CREATE OR REPLACE TABLE "q" AS');
  });

  test("a DuckDB error from a wrapped block names the person's line, and points at the right word", async () => {
    const sql = '-- hot days\nSELECT date,\n       tmp_max\nFROM weather\nWHERE temp_max > 30';
    const block = blockStatement('hot', sql);
    const raw = await duckdbError(block.sql);
    expect(raw).toContain('LINE 4:');

    const message = unwrapErrorLines(raw, block.lineOffset);
    expect(message).toContain('Referenced column "tmp_max" not found');
    expect(message).toContain('LINE 3:        tmp_max');
    expect(message).not.toContain('LINE 4:');
    expect(errorPosition(message, sql)).toBe(sql.indexOf('tmp_max'));
  });

  test('a DuckDB error about a missing table in a wrapped block names its line too', async () => {
    const sql = 'SELECT *\nFROM wether';
    const block = blockStatement('typo', sql);
    const message = unwrapErrorLines(await duckdbError(block.sql), block.lineOffset);
    expect(message).toContain('LINE 2: FROM wether');
    expect(errorPosition(message, sql)).toBe(sql.indexOf('wether'));
  });
});
