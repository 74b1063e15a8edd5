import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ColumnInfo } from '../sql';
import { histogramSql, profileShape, summarySql, topValuesSql } from './profile';

// The profile queries are run in native DuckDB on seattle-weather and checked against
// hand-written SQL (and, for the histogram, against binning done here in JavaScript).

const SEATTLE_WEATHER = decodeURIComponent(new URL('../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url).pathname);
const HOSTILE_COLUMN = `a"b; DROP TABLE x; --`;

let instance: DuckDBInstance;
let conn: DuckDBConnection;
let columns: Map<string, ColumnInfo>;

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS();
}

function column(name: string): ColumnInfo {
  const info = columns.get(name);
  if (!info) throw new Error(`no column ${name}`);
  return info;
}

interface Bin {
  bin: number;
  count: number;
  lo: number;
  hi: number;
}

async function histogram(table: string, info: ColumnInfo, bins?: number): Promise<Bin[]> {
  return (await rows(histogramSql(table, info, bins))) as unknown as Bin[];
}

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`CREATE TABLE weather AS SELECT * FROM read_csv('${SEATTLE_WEATHER}')`);
  await conn.run(`CREATE TABLE edge AS SELECT
      NULL::DOUBLE AS nothing,
      7.5::DOUBLE AS same,
      CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2020-02-27' + (i % 5)::INTEGER END AS some_days,
      TIMESTAMP '2024-03-10 00:00:00' + INTERVAL (i) HOUR AS ts,
      (i % 4)::DECIMAL(6, 2) AS dec,
      i::BIGINT AS "${HOSTILE_COLUMN.replaceAll('"', '""')}"
    FROM range(40) t(i)`);
  await conn.run(`CREATE TABLE x (id INTEGER)`);
  columns = new Map();
  for (const table of ['weather', 'edge']) {
    for (const r of await rows(`DESCRIBE ${table}`)) {
      columns.set(r.column_name as string, { name: r.column_name as string, type: r.column_type as string });
    }
  }
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

describe('profileShape', () => {
  test('draws a histogram for numbers, dates and timestamps', () => {
    for (const type of ['TINYINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UBIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL(18,3)', 'DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_NS']) {
      expect(profileShape(type), type).toBe('histogram');
    }
  });

  test('reads the type name case-insensitively', () => {
    expect(profileShape('double')).toBe('histogram');
    expect(profileShape('timestamp with time zone')).toBe('histogram');
  });

  test('lists top values for text, booleans and everything else', () => {
    for (const type of ['VARCHAR', 'BOOLEAN', 'UUID', 'BLOB', 'TIME', 'INTERVAL', 'INTEGER[]', 'STRUCT(a INTEGER)', "ENUM('a', 'b')"]) {
      expect(profileShape(type), type).toBe('top-values');
    }
  });
});

describe('summarySql, run in DuckDB', () => {
  test.each(['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'])(
    'for seattle-weather.%s, agrees with hand-written count, count(DISTINCT), min and max',
    async (name) => {
      const [summary] = await rows(summarySql('weather', column(name)));
      const [expected] = await rows(
        `SELECT 1461::DOUBLE AS total, count(*) FILTER (WHERE "${name}" IS NULL)::DOUBLE AS nulls,
           (SELECT count(*) FROM (SELECT DISTINCT "${name}" FROM weather WHERE "${name}" IS NOT NULL))::DOUBLE AS distinct,
           min("${name}")::VARCHAR AS min, max("${name}")::VARCHAR AS max
         FROM weather`,
      );
      expect(summary).toEqual(expected);
    },
  );

  test('gives the known figures for seattle-weather', async () => {
    expect(await rows(summarySql('weather', column('date')))).toEqual([
      { total: 1461, nulls: 0, distinct: 1461, min: '2012-01-01', max: '2015-12-31' },
    ]);
    expect(await rows(summarySql('weather', column('weather')))).toEqual([
      { total: 1461, nulls: 0, distinct: 5, min: 'drizzle', max: 'sun' },
    ]);
  });

  test('answers plain numbers (DOUBLEs), not BIGINTs', async () => {
    const [types] = await rows(
      `SELECT typeof(total) AS total, typeof(nulls) AS nulls, typeof("distinct") AS "distinct" FROM (${summarySql('weather', column('wind'))})`,
    );
    expect(types).toEqual({ total: 'DOUBLE', nulls: 'DOUBLE', distinct: 'DOUBLE' });
  });

  test('counts NULLs and leaves them out of distinct, min and max', async () => {
    expect(await rows(summarySql('edge', column('some_days')))).toEqual([
      { total: 40, nulls: 14, distinct: 5, min: '2020-02-27', max: '2020-03-02' },
    ]);
  });

  test('an all-NULL column has no distinct values, no min and no max', async () => {
    expect(await rows(summarySql('edge', column('nothing')))).toEqual([{ total: 40, nulls: 40, distinct: 0, min: null, max: null }]);
  });

  test('a single-value column has one distinct value, its min and max', async () => {
    expect(await rows(summarySql('edge', column('same')))).toEqual([{ total: 40, nulls: 0, distinct: 1, min: '7.5', max: '7.5' }]);
  });

  test('works on a hostile column name and leaves the database alone', async () => {
    expect(await rows(summarySql('edge', column(HOSTILE_COLUMN)))).toEqual([{ total: 40, nulls: 0, distinct: 40, min: '0', max: '39' }]);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'x'`)).toEqual([{ n: 1 }]);
  });
});

describe('topValuesSql, run in DuckDB', () => {
  test('lists seattle-weather.weather most frequent first, like a hand-written GROUP BY', async () => {
    const top = await rows(topValuesSql('weather', column('weather')));
    const expected = await rows(`SELECT weather AS value, count(*)::DOUBLE AS count FROM weather GROUP BY weather ORDER BY count(*) DESC`);
    expect(top).toEqual(expected);
    expect(top).toEqual([
      { value: 'rain', count: 641 },
      { value: 'sun', count: 640 },
      { value: 'fog', count: 101 },
      { value: 'drizzle', count: 53 },
      { value: 'snow', count: 26 },
    ]);
  });

  test('keeps to the limit, 8 by default', async () => {
    expect(await rows(topValuesSql('weather', column('wind')))).toHaveLength(8);
    expect(await rows(topValuesSql('weather', column('weather'), 2))).toEqual([
      { value: 'rain', count: 641 },
      { value: 'sun', count: 640 },
    ]);
  });

  test('breaks ties by value, so the list is stable', async () => {
    const top = await rows(topValuesSql('weather', column('wind'), 20));
    for (let i = 1; i < top.length; i++) {
      const [a, b] = [top[i - 1]!, top[i]!];
      expect((a.count as number) > (b.count as number) || (a.count === b.count && (a.value as string) < (b.value as string))).toBe(true);
    }
  });

  test('counts NULL as a value of its own', async () => {
    const top = await rows(topValuesSql('edge', column('some_days'), 10));
    expect(top[0]).toEqual({ value: null, count: 14 });
    expect(top.reduce((sum, r) => sum + (r.count as number), 0)).toBe(40);
  });
});

describe('histogramSql, run in DuckDB', () => {
  test.each(['precipitation', 'temp_max', 'temp_min', 'wind', 'date'])(
    'the bins of seattle-weather.%s add up to the non-null count',
    async (name) => {
      const bins = await histogram('weather', column(name));
      const [expected] = await rows(`SELECT count("${name}")::DOUBLE AS n FROM weather`);
      expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(expected!.n);
    },
  );

  test.each(['precipitation', 'temp_max', 'wind', 'date'])('seattle-weather.%s has at most 20 bins, numbered 0 to 19 in order', async (name) => {
    const bins = await histogram('weather', column(name));
    expect(bins.length).toBeGreaterThan(1);
    expect(bins.length).toBeLessThanOrEqual(20);
    expect(bins[0]!.bin).toBe(0);
    expect(bins.at(-1)!.bin).toBe(19);
    for (let i = 1; i < bins.length; i++) expect(bins[i]!.bin).toBeGreaterThan(bins[i - 1]!.bin);
  });

  test('reports the range it binned over: the DOUBLE column min and max', async () => {
    const bins = await histogram('weather', column('temp_max'));
    const [range] = await rows(`SELECT min(temp_max) AS lo, max(temp_max) AS hi FROM weather`);
    for (const b of bins) expect({ lo: b.lo, hi: b.hi }).toEqual(range);
  });

  test('bins a DATE column on its epoch, in seconds', async () => {
    const bins = await histogram('weather', column('date'));
    expect(bins[0]!.lo).toBe(Date.UTC(2012, 0, 1) / 1000);
    expect(bins[0]!.hi).toBe(Date.UTC(2015, 11, 31) / 1000);
  });

  test('puts each value in the same equal-width bin as binning it by hand', async () => {
    for (const name of ['wind', 'temp_min']) {
      const values = (await rows(`SELECT "${name}" AS v FROM weather`)).map((r) => r.v as number);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      const width = (hi - lo) / 20;
      const counts = new Map<number, number>();
      for (const v of values) {
        const bin = Math.min(19, Math.floor((v - lo) / width));
        counts.set(bin, (counts.get(bin) ?? 0) + 1);
      }
      const expected = [...counts].sort(([a], [b]) => a - b).map(([bin, count]) => ({ bin, count }));
      const bins = await histogram('weather', column(name));
      expect(bins.map(({ bin, count }) => ({ bin, count })), name).toEqual(expected);
    }
  });

  test('puts the maximum in the last bin, not a 21st', async () => {
    const bins = await histogram('weather', column('temp_max'));
    const [top] = await rows(`SELECT count(*)::DOUBLE AS n FROM weather WHERE temp_max = (SELECT max(temp_max) FROM weather)`);
    expect(bins.every((b) => b.bin <= 19)).toBe(true);
    expect(bins.at(-1)!.count).toBeGreaterThanOrEqual(top!.n as number);
  });

  test('takes the number of bins as a parameter', async () => {
    const bins = await histogram('weather', column('temp_max'), 5);
    expect(bins.map((b) => b.bin)).toEqual([0, 1, 2, 3, 4]);
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(1461);
  });

  test('an all-NULL column has no bins', async () => {
    expect(await histogram('edge', column('nothing'))).toEqual([]);
  });

  test('a single-value column has one bin holding every row', async () => {
    const bins = await histogram('edge', column('same'));
    expect(bins).toHaveLength(1);
    expect(bins[0]).toMatchObject({ count: 40, lo: 7.5, hi: 7.5 });
  });

  test('leaves NULLs out of a DATE histogram', async () => {
    const bins = await histogram('edge', column('some_days'));
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(26);
    expect(bins.length).toBe(5);
  });

  test('works for TIMESTAMP and DECIMAL columns too', async () => {
    const ts = await histogram('edge', column('ts'));
    expect(ts.reduce((sum, b) => sum + b.count, 0)).toBe(40);
    expect(ts).toHaveLength(20);
    const dec = await histogram('edge', column('dec'));
    expect(dec.map((b) => b.count)).toEqual([10, 10, 10, 10]);
  });

  test('works on a hostile column name', async () => {
    const bins = await histogram('edge', column(HOSTILE_COLUMN));
    expect(bins).toHaveLength(20);
    expect(bins.every((b) => b.count === 2)).toBe(true);
  });
});
