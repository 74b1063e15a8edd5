import { tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createNodeBrowserEngine, type NodeBrowserEngine } from '../testing/node-browser-engine';
import { csvBatch, csvRows, csvText, decimalText } from './csv';
import { exportQuery } from './export';
import { memorySink } from './sink';

describe('csv fields', () => {
  test('quotes a field with a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    expect(csvText('plain', false)).toBe('plain');
    expect(csvText('a,b', false)).toBe('"a,b"');
    expect(csvText('say "hi"', false)).toBe('"say ""hi"""');
    expect(csvText('two\nlines', false)).toBe('"two\nlines"');
    expect(csvText('cr\r\nlf', false)).toBe('"cr\r\nlf"');
  });

  test('the guard puts a quote before text that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvText(`${start}1+1`, true).replace(/^"/, '')).toMatch(/^'/);
    expect(csvText('=HYPERLINK("http://x")', true)).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvText('a=1', true)).toBe('a=1');
    expect(csvText('=1+1', false)).toBe('=1+1');
  });

  test('decimals keep every digit', () => {
    expect(decimalText('12345', 2)).toBe('123.45');
    expect(decimalText('-5', 3)).toBe('-0.005');
    expect(decimalText('7', 0)).toBe('7');
  });

  test('guards text only: a negative number is written as a number', () => {
    const table = tableFromArrays({ n: Float64Array.from([-1.5]), s: ['-1.5'] });
    expect(csvBatch(table.batches[0]!)).toBe("-1.5,'-1.5\r\n");
  });

  test('a chart’s rows: header from the keys, nulls empty, text guarded', () => {
    expect(csvRows([{ a: 1, b: '=x' }, { a: null, b: 'y,z' }])).toBe("a,b\r\n1,'=x\r\n,\"y,z\"\r\n");
    expect(csvRows([])).toBe('\r\n');
  });
});

describe('csv from DuckDB', () => {
  let duck: NodeBrowserEngine;
  beforeAll(async () => {
    duck = await createNodeBrowserEngine();
  });
  afterAll(() => duck?.close());

  const csvOf = async (sql: string, guard?: boolean) => {
    const sink = memorySink();
    await exportQuery(duck.engine, sql, { format: 'csv', sink, guard });
    return new TextDecoder().decode(sink.bytes());
  };

  test('nulls are empty fields, dates and timestamps are ISO, a newline is quoted', async () => {
    const csv = await csvOf(`SELECT 1 AS id, NULL::VARCHAR AS missing, DATE '2024-03-15' AS d,
      TIMESTAMP '2024-03-15 13:45:06.5' AS ts, TIME '08:30:00' AS t, 'two' || chr(10) || 'lines' AS note,
      12.50::DECIMAL(10,2) AS price, 9007199254740993::BIGINT AS big, true AS yes`);
    expect(csv).toBe('id,missing,d,ts,t,note,price,big,yes\r\n1,,2024-03-15,2024-03-15T13:45:06.500,08:30:00,"two\nlines",12.50,9007199254740993,true\r\n');
  });

  test('an INTERVAL or ENUM column is its text (Arrow JS gave an interval as "0,0" and an enum as empty)', async () => {
    expect(await csvOf(`SELECT INTERVAL 1 DAY AS i, 'b'::ENUM('a', 'b') AS e`)).toBe('i,e\r\n1 day,b\r\n');
  });

  test('the guard is on by default and can be turned off', async () => {
    const sql = `SELECT '=1+1' AS f, '@SUM(A1)' AS g, 'ok' AS h`;
    expect(await csvOf(sql)).toBe("f,g,h\r\n'=1+1,'@SUM(A1),ok\r\n");
    expect(await csvOf(sql, false)).toBe('f,g,h\r\n=1+1,@SUM(A1),ok\r\n');
  });

  test('an empty result still has its header', async () => {
    expect(await csvOf('SELECT 1 AS a, 2 AS "b,c" WHERE false')).toBe('a,"b,c"\r\n');
  });

  test('many batches come out whole and in order, with progress up to the count', async () => {
    const sink = memorySink();
    const seen: number[] = [];
    const rows = await exportQuery(duck.engine, 'SELECT range AS i FROM range(10000)', { format: 'csv', sink, onProgress: (p) => seen.push(p.done, p.total) });
    const lines = new TextDecoder().decode(sink.bytes()).trimEnd().split('\r\n');
    expect(rows).toBe(10_000);
    expect(lines).toHaveLength(10_001);
    expect(lines[10_000]).toBe('9999');
    expect(seen.slice(-2)).toEqual([10_000, 10_000]);
  });

  test('bad SQL fails with the SQL error and leaves nothing saved', async () => {
    const sink = memorySink();
    await expect(exportQuery(duck.engine, 'SELECT * FROM no_such_table', { format: 'csv', sink })).rejects.toThrow(/no_such_table/);
    expect(sink.bytes()).toHaveLength(0);
  });

  test('a cancelled export stops and says so', async () => {
    const controller = new AbortController();
    const sink = memorySink();
    const run = exportQuery(duck.engine, 'SELECT range AS i FROM range(5000000)', {
      format: 'csv',
      sink,
      signal: controller.signal,
      onProgress: (p) => p.done > 0 && controller.abort(),
    });
    await expect(run).rejects.toThrow(/cancelled/);
  });
});
