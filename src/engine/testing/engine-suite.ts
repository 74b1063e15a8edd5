// Tests only: the Engine contract, written once as a function of a factory and run against
// every engine (as duckdb-wasm runs one suite against each of its builds). An engine passes it
// by answering exactly as DuckDB does; the expected values below are DuckDB's.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { toRows } from '../rows';
import type { Engine } from '../types';
import { catalogSuite } from './catalog-suite';

/** An engine to test, and how to stop it afterwards. */
export interface EngineUnderTest {
  engine: Engine;
  close(): Promise<void>;
}

const SEATTLE_WEATHER = decodeURIComponent(new URL('../../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url).pathname);

/** The EngineError a promise rejects with (fails the test when it resolves or throws anything else). */
export async function engineError(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

/** `name: type` for each column, in Arrow's words. */
const arrowTypes = (table: { schema: { fields: { name: string; type: unknown }[] } }) =>
  Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));

/** Contract tests an engine is known to fail today; each runs as `test.fails`, so a fix shows up. */
export type KnownGap = 'keyword-param-names' | 'bigint-params';

export interface SuiteOptions {
  /** Why each known gap is there (a bug to fix, by file). */
  knownGaps?: Partial<Record<KnownGap, string>>;
}

/** A query long enough on any engine to be cancelled while it runs. */
const LONG_QUERY = 'SELECT count(*) AS n FROM range(1000000000000) t(i) WHERE i % 7 = 3';

/** Runs the Engine contract against the engine `start` makes (once for the whole suite). */
export function engineSuite(name: string, start: () => Promise<EngineUnderTest>, options: SuiteOptions = {}): void {
  const gap = (id: KnownGap) => (options.knownGaps?.[id] ? test.fails : test);
  describe(`the Engine contract (${name})`, () => {
    let subject: EngineUnderTest | undefined;
    let engine: Engine;

    beforeAll(async () => {
      subject = await start();
      engine = subject.engine;
    });

    afterAll(async () => {
      await subject?.close();
    });

    describe('query', () => {
      test('answers an Arrow table with DuckDB types: numbers, text, dates, decimals and nulls', async () => {
        const table = await engine.query(`
          SELECT 42 AS int, 9007199254740993::BIGINT AS big, 2.5::DOUBLE AS dbl, 123.45::DECIMAL(10,2) AS dec,
                 'café' AS text, DATE '2024-02-29' AS day, TIMESTAMP '2024-01-02 03:04:05.5' AS ts, true AS yes,
                 NULL::INTEGER AS nothing, NULL::VARCHAR AS no_text`);
        expect(arrowTypes(table)).toEqual({
          int: 'Int32',
          big: 'Int64',
          dbl: 'Float64',
          dec: 'Decimal[10e+2]',
          text: 'Utf8',
          day: 'Date32<DAY>',
          ts: 'Timestamp<MICROSECOND>',
          yes: 'Bool',
          nothing: 'Int32',
          no_text: 'Utf8',
        });
        expect(toRows(table)).toEqual([
          {
            int: 42,
            big: '9007199254740993', // past 2^53: kept exact as text, never rounded
            dbl: 2.5,
            dec: 123.45,
            text: 'café',
            day: Date.UTC(2024, 1, 29),
            ts: Date.UTC(2024, 0, 2, 3, 4, 5, 500),
            yes: true,
            nothing: null,
            no_text: null,
          },
        ]);
      });

      test('answers a result of many batches whole', async () => {
        const table = await engine.query('SELECT range AS i, range % 3 AS m FROM range(200000)');
        expect(table.numRows).toBe(200_000);
        expect(table.get(199_999)?.toJSON()).toEqual({ i: 199_999n, m: 1n });
      });

      test('keeps the columns of an empty result', async () => {
        const table = await engine.query("SELECT 1 AS a, 'x' AS b WHERE false");
        expect(table.numRows).toBe(0);
        expect(arrowTypes(table)).toEqual({ a: 'Int32', b: 'Utf8' });
      });
    });

    describe('parameters', () => {
      test('binds $params with their types', async () => {
        const table = await engine.query(
          'SELECT $who AS who, $n + 1 AS n, $x * 2 AS x, $start_day AS d, $start_at AS t, $flag AS flag, $empty IS NULL AS is_null',
          { who: 'plain', n: 41, x: 1.25, start_day: { date: '2024-02-29' }, start_at: { date: '2024-02-29 13:45:00' }, flag: true, empty: null },
        );
        expect(arrowTypes(table)).toEqual({
          who: 'Utf8',
          n: 'Int64',
          x: 'Float64',
          d: 'Date32<DAY>',
          t: 'Timestamp<MICROSECOND>',
          flag: 'Bool',
          is_null: 'Bool',
        });
        expect(toRows(table)).toEqual([
          { who: 'plain', n: 42, x: 2.5, d: Date.UTC(2024, 1, 29), t: Date.UTC(2024, 1, 29, 13, 45), flag: true, is_null: true },
        ]);
      });

      gap('keyword-param-names')('binds parameters named like SQL keywords ($day, $text, $limit, $target)', async () => {
        const table = await engine.query('SELECT $day AS d, $text AS t, $Limit AS l, $target AS g', { day: 3, text: 'x', limit: 5, target: 7 });
        expect(toRows(table)).toEqual([{ d: 3, t: 'x', l: 5, g: 7 }]);
      });

      test('binds a value with quotes and SQL in it, never splicing it into the text', async () => {
        const hostile = `O'Brien"; DROP TABLE x; --`;
        const echoed = await engine.query('SELECT $v AS v', { v: hostile });
        expect(echoed.get(0)?.v).toBe(hostile);
        const matched = await engine.query("SELECT count(*)::INTEGER AS n FROM (VALUES ('a'), ('b')) t(v) WHERE v = $v", { v: "a' OR '1'='1" });
        expect(matched.get(0)?.n).toBe(0);
      });

      test('matches names case-insensitively', async () => {
        const table = await engine.query('SELECT $Amount AS v', { amount: 3 });
        expect(toRows(table)).toEqual([{ v: 3 }]);
      });

      gap('bigint-params')('binds a bigint', async () => {
        const table = await engine.query('SELECT $big + 1 AS big', { big: 2n ** 40n });
        expect(toRows(table)).toEqual([{ big: 2 ** 40 + 1 }]);
      });

      test('a missing parameter is an sql error naming it', async () => {
        const error = await engineError(engine.query('SELECT $missing AS v', {}));
        expect(error.kind).toBe('sql');
        expect(error.message).toContain('$missing');
      });
    });

    describe('errors', () => {
      test("a SQL error keeps DuckDB's message and where it points", async () => {
        const sql = 'SELECT *\nFROM no_such_table_xyz';
        const error = await engineError(engine.query(sql));
        expect(error.kind).toBe('sql');
        expect(error.message).toMatch(/^Catalog Error: Table with name no_such_table_xyz does not exist/);
        expect(error.message).toContain('LINE 2:');
        expect(error.context.sql).toBe(sql);
        expect(error.context.position).toBe(sql.indexOf('no_such_table_xyz'));
      });

      test('a syntax error and a binder error point at the token', async () => {
        const parse = 'SELECT 1\nFROM WHERE x';
        const parseError = await engineError(engine.query(parse));
        expect(parseError.kind).toBe('sql');
        expect(parseError.message).toMatch(/^Parser Error: syntax error at or near "WHERE"/);
        expect(parseError.context.position).toBe(parse.indexOf('WHERE'));
        const bind = 'SELECT a, nope FROM (SELECT 1 AS a)';
        const bindError = await engineError(engine.query(bind));
        expect(bindError.message).toMatch(/^Binder Error: Referenced column "nope" not found/);
        expect(bindError.context.position).toBe(bind.indexOf('nope'));
      });
    });

    describe('cancel', () => {
      test('aborting a running query rejects it as cancelled, and the engine keeps working', async () => {
        const controller = new AbortController();
        const running = engine.query(LONG_QUERY, {}, { signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        const started = performance.now();
        const error = await engineError(running);
        expect(error.kind).toBe('cancelled');
        expect(performance.now() - started).toBeLessThan(10_000);
        expect((await engine.query('SELECT 42 AS answer')).get(0)?.answer).toBe(42);
      });

      test('an already aborted signal rejects at once', async () => {
        expect((await engineError(engine.query('SELECT 1', {}, { signal: AbortSignal.abort() }))).kind).toBe('cancelled');
      });

      test('cancelAll stops what runs', async () => {
        // Caught from the start: the query may fail before cancelAll resolves.
        const running = engineError(engine.query(LONG_QUERY));
        await new Promise((resolve) => setTimeout(resolve, 300));
        await engine.cancelAll();
        expect((await running).kind).toBe('cancelled');
        expect((await engine.query('SELECT 7 AS n')).get(0)?.n).toBe(7);
      });

      test('a cancelled CREATE leaves its name free for the next one', async () => {
        const controller = new AbortController();
        const creating = engine.query(`CREATE TABLE suite_cancelled AS ${LONG_QUERY}`, {}, { signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        expect((await engineError(creating)).kind).toBe('cancelled');
        await engine.query('CREATE TABLE suite_cancelled AS SELECT 1 AS n');
        expect(await engine.catalog.kind('suite_cancelled')).toBe('table');
        await engine.catalog.drop('suite_cancelled');
      });
    });

    catalogSuite(() => engine);

    describe('ingest', () => {
      const weather = async () => new File([await readFile(SEATTLE_WEATHER)], 'seattle-weather.csv', { type: 'text/csv' });

      test('a real CSV file becomes a table with the same rows and types', async () => {
        const result = await engine.ingest({ kind: 'file', file: await weather() }, 'suite_weather', { format: 'csv' });
        expect(result).toMatchObject({
          table: 'suite_weather',
          rows: 1461,
          columns: [
            { name: 'date', type: 'DATE' },
            { name: 'precipitation', type: 'DOUBLE' },
            { name: 'temp_max', type: 'DOUBLE' },
            { name: 'temp_min', type: 'DOUBLE' },
            { name: 'wind', type: 'DOUBLE' },
            { name: 'weather', type: 'VARCHAR' },
          ],
        });
        const summary = await engine.query(`
          SELECT count(*)::INTEGER AS n, min(date) AS first, max(date) AS last, round(sum(precipitation), 1) AS rain,
                 round(avg(temp_max), 4) AS avg_max, count(DISTINCT weather)::INTEGER AS kinds
          FROM suite_weather`);
        expect(toRows(summary)).toEqual([
          { n: 1461, first: Date.UTC(2012, 0, 1), last: Date.UTC(2015, 11, 31), rain: 4426, avg_max: 16.4391, kinds: 5 },
        ]);
        const first = await engine.query('SELECT * FROM suite_weather ORDER BY date LIMIT 2');
        expect(toRows(first)).toEqual([
          { date: Date.UTC(2012, 0, 1), precipitation: 0, temp_max: 12.8, temp_min: 5, wind: 4.7, weather: 'drizzle' },
          { date: Date.UTC(2012, 0, 2), precipitation: 10.9, temp_max: 10.6, temp_min: 2.8, wind: 4.5, weather: 'rain' },
        ]);
      });

      test('a name in use is refused, leaving the table as it was', async () => {
        const error = await engineError(engine.ingest({ kind: 'file', file: await weather() }, 'suite_weather', { format: 'csv' }));
        expect(error.kind).toBe('file');
        expect(error.message).toBe('A table named suite_weather already exists.');
        expect((await engine.query('SELECT count(*)::INTEGER AS n FROM suite_weather')).get(0)?.n).toBe(1461);
      });

      test('a file that is not CSV fails as a file error and makes no table', async () => {
        const binary = new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 0, 0, 0xff, 0xfe])], 'archive.csv');
        const error = await engineError(engine.ingest({ kind: 'file', file: binary }, 'suite_binary', { format: 'csv' }));
        expect(error.kind).toBe('file');
        expect(error.message).toContain('archive.csv');
        expect(await engine.catalog.kind('suite_binary')).toBeUndefined();
      });
    });
  });
}
