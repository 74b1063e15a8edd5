import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ColumnInfo } from '../../sql';
import { chartStatsSql, compileChart, MAX_POINTS, readChartStats, type ChartSource } from './compile';
import { readChartSpec } from './spec';
import { selectionPredicate, selectionViewSql, selectModeFor } from './selection';
import { suggestChart } from './suggest';
import type { ChartSpec, TimeUnit } from './types';

// Chart specs compiled to SQL and run in native DuckDB on real data (vega-datasets), each
// checked against SQL written by hand for the same question.

const DATA = (name: string) => decodeURIComponent(new URL(`../../../node_modules/vega-datasets/data/${name}`, import.meta.url).pathname);
const HOSTILE = `a"b; DROP TABLE x; --`;

let instance: DuckDBInstance;
let conn: DuckDBConnection;
const sources = new Map<string, ChartSource>();

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

/** Runs a spec the way the app does: the stats query, then the chart's query. */
async function chart(spec: ChartSpec, table = 'weather') {
  const source = sources.get(table)!;
  const stats = readChartStats((await rows(chartStatsSql(spec, source)))[0]!);
  const plan = compileChart(spec, source, stats);
  return { plan, data: await rows(plan.sql) };
}

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`CREATE TABLE weather AS SELECT * FROM read_csv('${DATA('seattle-weather.csv')}')`);
  await conn.run(`CREATE TABLE flights AS SELECT * FROM read_parquet('${DATA('flights-3m.parquet')}')`);
  await conn.run(`CREATE TABLE hostile AS SELECT i AS "${HOSTILE.replaceAll('"', '""')}", i % 3 AS k FROM range(100) t(i)`);
  await conn.run('CREATE TABLE x (id INTEGER)');
  for (const name of ['weather', 'flights', 'hostile']) {
    const columns: ColumnInfo[] = (await rows(`DESCRIBE ${name}`)).map((r) => ({ name: r.column_name as string, type: r.column_type as string }));
    sources.set(name, { name, columns });
  }
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

describe('aggregates run in DuckDB', () => {
  const cases: [string, string][] = [
    ['count', 'count(*)'],
    ['sum', 'sum(precipitation)'],
    ['mean', 'avg(precipitation)'],
    ['median', 'median(precipitation)'],
    ['min', 'min(precipitation)'],
    ['max', 'max(precipitation)'],
    ['distinct', 'count(DISTINCT precipitation)'],
  ];
  for (const [aggregate, sql] of cases) {
    test(`${aggregate} of precipitation by weather equals GROUP BY written by hand`, async () => {
      const { plan, data } = await chart({ mark: 'bar', encoding: { x: { field: 'weather', type: 'nominal' }, y: { field: 'precipitation', type: 'quantitative', aggregate: aggregate as 'sum' } } });
      const expected = await rows(`SELECT weather AS x, CAST(${sql} AS DOUBLE) AS y FROM weather GROUP BY weather ORDER BY weather`);
      expect(plan.aggregated).toBe(true);
      expect(data).toEqual(expected);
      expect(data).toHaveLength(5);
    });
  }

  test('a pie: theta is a sum, color the category', async () => {
    const { data, plan } = await chart({ mark: 'arc', encoding: { theta: { field: 'wind', aggregate: 'sum' }, color: { field: 'weather' } } });
    expect(data).toEqual(await rows('SELECT weather AS color, sum(wind) AS theta FROM weather GROUP BY 1 ORDER BY 1'));
    expect(plan.vegaLite.encoding).toMatchObject({ theta: { field: 'theta', type: 'quantitative', title: 'Sum of wind' }, color: { field: 'color', type: 'nominal' } });
  });

  test('one aggregate and no dimension is one row', async () => {
    const { data } = await chart({ mark: 'bar', encoding: { y: { aggregate: 'count' } } }, 'flights');
    expect(data).toEqual([{ y: 3_000_000 }]);
  });
});

describe('time units run in DuckDB', () => {
  test('yearmonth: one point per month, at the month start, in UTC milliseconds', async () => {
    const { data, plan } = await chart({ mark: 'line', encoding: { x: { field: 'date', type: 'temporal', timeUnit: 'yearmonth' }, y: { field: 'temp_max', aggregate: 'max' } } });
    const expected = await rows(`SELECT CAST(epoch_ms(date_trunc('month', date)::TIMESTAMP) AS DOUBLE) AS x, max(temp_max) AS y FROM weather GROUP BY 1 ORDER BY 1`);
    expect(data).toEqual(expected);
    expect(data).toHaveLength(48);
    expect(new Date(data[0]!.x as number).toISOString()).toBe('2012-01-01T00:00:00.000Z');
    expect(plan.vegaLite.encoding).toMatchObject({ x: { timeUnit: 'utcyearmonth', type: 'temporal', title: 'date (year-month)' } });
  });

  test('month of the year folds the years together; day of the week has seven', async () => {
    const months = (await chart({ mark: 'bar', encoding: { x: { field: 'date', timeUnit: 'month' }, y: { aggregate: 'count' } } })).data;
    expect(months.map((r) => r.y)).toEqual((await rows('SELECT count(*) AS n FROM weather GROUP BY month(date) ORDER BY month(date)')).map((r) => r.n));
    expect(months.map((r) => new Date(r.x as number).getUTCMonth())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const days = (await chart({ mark: 'bar', encoding: { x: { field: 'date', timeUnit: 'day' }, y: { field: 'wind', aggregate: 'mean' } } })).data;
    const byDay = await rows('SELECT dayofweek(date) AS d, avg(wind) AS y FROM weather GROUP BY 1 ORDER BY 1');
    expect(days.map((r) => new Date(r.x as number).getUTCDay())).toEqual(byDay.map((r) => r.d));
    expect(days.map((r) => r.y)).toEqual(byDay.map((r) => r.y));
  });

  const units: [TimeUnit, string][] = [
    ['year', "date_trunc('year', date)"],
    ['yearquarter', "date_trunc('quarter', date)"],
    ['yearmonth', "date_trunc('month', date)"],
    ['yearmonthdate', 'date'],
    ['quarter', "DATE '2012-01-01' + INTERVAL ((quarter(date) - 1) * 3) MONTH"],
    ['month', "DATE '2012-01-01' + INTERVAL (month(date) - 1) MONTH"],
    ['date', "DATE '2012-01-01' + INTERVAL (day(date) - 1) DAY"],
    ['day', "DATE '2006-01-01' + INTERVAL (dayofweek(date)) DAY"],
    ['hours', "TIMESTAMP '2012-01-01 00:00:00' + INTERVAL (hour(date)) HOUR"],
  ];
  for (const [unit, sql] of units) {
    test(`${unit}: the same groups as ${sql}`, async () => {
      const { data } = await chart({ mark: 'bar', encoding: { x: { field: 'date', timeUnit: unit }, y: { field: 'precipitation', aggregate: 'sum' } } });
      expect(data).toEqual(await rows(`SELECT CAST(epoch_ms(CAST(${sql} AS TIMESTAMP)) AS DOUBLE) AS x, sum(precipitation) AS y FROM weather GROUP BY 1 ORDER BY 1`));
    });
  }

  test('over a TIMESTAMP column of 3M rows, per day', async () => {
    const { data } = await chart({ mark: 'line', encoding: { x: { field: 'date', timeUnit: 'yearmonthdate' }, y: { field: 'delay', aggregate: 'mean' } } }, 'flights');
    const expected = await rows(`SELECT CAST(epoch_ms(date_trunc('day', date)) AS DOUBLE) AS x, avg(delay) AS y FROM flights GROUP BY 1 ORDER BY 1`);
    expect(data).toEqual(expected);
  });
});

describe('bins run in DuckDB', () => {
  test('a histogram: Vega-Lite’s nice bins, each value counted once, the top value in the last bin', async () => {
    const { data, plan } = await chart({ mark: 'bar', encoding: { x: { field: 'temp_max', bin: true }, y: { aggregate: 'count' } } });
    // Vega's bin for [-1.6, 35.6] with 10 bins: start -5, step 5.
    expect(plan.vegaLite.encoding).toMatchObject({ x: { field: 'x', bin: { binned: true, step: 5 }, title: 'temp_max (binned)' }, x2: { field: 'x2' } });
    const values = (await rows('SELECT temp_max AS v FROM weather')).map((r) => r.v as number);
    const counts = new Map<number, number>();
    for (const v of values) {
      const lo = Math.min(-5 + Math.floor((v + 5) / 5) * 5, 35);
      counts.set(lo, (counts.get(lo) ?? 0) + 1);
    }
    expect(data).toEqual([...counts].sort((a, b) => a[0] - b[0]).map(([lo, n]) => ({ x: lo, x2: lo + 5, y: n })));
    expect(data.reduce((n, r) => n + (r.y as number), 0)).toBe(1461);
  });

  test('maxbins is honoured, and a heatmap bins both axes', async () => {
    const { data } = await chart({ mark: 'rect', encoding: { x: { field: 'temp_max', bin: { maxbins: 4 } }, y: { field: 'wind', bin: true }, color: { aggregate: 'count' } } });
    const steps = new Set(data.map((r) => (r.x2 as number) - (r.x as number)));
    expect(steps).toEqual(new Set([10]));
    expect(data.reduce((n, r) => n + (r.color as number), 0)).toBe(1461);
  });
});

describe('raw points', () => {
  test('a scatter of 1,461 rows ships them all', async () => {
    const { data, plan } = await chart({ mark: 'point', encoding: { x: { field: 'temp_min' }, y: { field: 'temp_max' }, color: { field: 'weather' } } });
    expect(plan.aggregated).toBe(false);
    expect(plan.sampledFrom).toBeUndefined();
    expect(data).toHaveLength(1461);
  });

  test(`a scatter of 3,000,000 rows samples ${MAX_POINTS.toLocaleString('en-US')} and says so`, async () => {
    const { data, plan } = await chart({ mark: 'point', encoding: { x: { field: 'distance' }, y: { field: 'delay' } } }, 'flights');
    expect(plan.sampledFrom).toBe(3_000_000);
    expect(data).toHaveLength(MAX_POINTS);
  });
});

test('a box plot: five numbers per group, as quantiles written by hand', async () => {
  const { data, plan } = await chart({ mark: 'boxplot', encoding: { x: { field: 'weather' }, y: { field: 'wind', type: 'quantitative' } } });
  const expected = await rows(
    'SELECT weather AS x, min(wind) AS lower, quantile_cont(wind, 0.25) AS q1, median(wind) AS mid, quantile_cont(wind, 0.75) AS q3, max(wind) AS upper, CAST(count(wind) AS DOUBLE) AS n FROM weather GROUP BY 1 ORDER BY 1',
  );
  expect(data).toEqual(expected);
  expect(plan.vegaLite.layer).toHaveLength(3);
});

test('a hostile column name is quoted everywhere', async () => {
  const { data } = await chart({ mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: HOSTILE, aggregate: 'sum' } } }, 'hostile');
  expect(data).toEqual(await rows(`SELECT CAST(k AS VARCHAR) AS x, sum(i) AS y FROM (SELECT range AS i, range % 3 AS k FROM range(100)) GROUP BY 1 ORDER BY 1`));
  expect((await rows('SELECT count(*) AS n FROM x'))[0]!.n).toBe(0);
});

describe('a chart that cannot be computed says why', () => {
  test('a column that does not exist names the columns there are', async () => {
    await expect(chart({ mark: 'bar', encoding: { x: { field: 'nope' } } })).rejects.toThrow(/encoding\.x\.field: weather has no column "nope" \(it has date, precipitation/);
  });
  test('a sum of text, a time unit on numbers, bins on text', async () => {
    await expect(chart({ mark: 'bar', encoding: { x: { field: 'date' }, y: { field: 'weather', aggregate: 'sum' } } })).rejects.toThrow('encoding.y: sum needs numbers, and weather is VARCHAR.');
    await expect(chart({ mark: 'bar', encoding: { x: { field: 'wind', timeUnit: 'month' } } })).rejects.toThrow('a time unit needs a date or time column');
    await expect(chart({ mark: 'bar', encoding: { x: { field: 'weather', bin: true } } })).rejects.toThrow('binning needs numbers');
  });
  test('specs from outside: data, transforms and unknown marks are refused in words', () => {
    expect(() => readChartSpec('{"mark": "bar", "data": {"url": "https://evil.example/x.csv"}}')).toThrow('"data": data comes from the chart’s source block');
    expect(() => readChartSpec({ mark: 'bar', transform: [{ filter: 'datum.x > 1' }] })).toThrow('transforms are not supported');
    expect(() => readChartSpec({ mark: 'sparkle', encoding: {} })).toThrow('"mark" must be one of bar, line');
    expect(() => readChartSpec('{"mark": "bar", ')).toThrow('The spec is not valid JSON');
    expect(() => readChartSpec({ mark: 'bar', encoding: { x: { field: 'a', aggregate: 'avg' } } })).toThrow('encoding.x.aggregate must be one of count, sum, mean');
    expect(readChartSpec({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', mark: { type: 'bar', color: 'red' }, encoding: { x: { field: 'a' } } })).toEqual({ mark: { type: 'bar', color: 'red' }, encoding: { x: { field: 'a' } } });
  });
});

describe('selections filter the source in SQL', () => {
  async function count(spec: ChartSpec, selection: Parameters<typeof selectionPredicate>[1], table = 'weather'): Promise<number> {
    await conn.run(selectionViewSql('picked', table, selectionPredicate(spec, selection, sources.get(table)!.columns)));
    return (await rows('SELECT count(*) AS n FROM picked'))[0]!.n as number;
  }
  const histogram: ChartSpec = { mark: 'bar', encoding: { x: { field: 'temp_max', bin: true }, y: { aggregate: 'count' } } };

  test('a brushed range of numbers', async () => {
    expect(await count(histogram, { type: 'interval', channel: 'x', range: [20, 10] })).toBe((await rows('SELECT count(*) AS n FROM weather WHERE temp_max BETWEEN 10 AND 20'))[0]!.n);
  });
  test('a brushed range of months (ms, UTC)', async () => {
    const spec: ChartSpec = { mark: 'bar', encoding: { x: { field: 'date', timeUnit: 'yearmonth' }, y: { aggregate: 'count' } } };
    const range: [number, number] = [Date.UTC(2013, 2, 1), Date.UTC(2013, 4, 15)];
    expect(await count(spec, { type: 'interval', channel: 'x', range })).toBe(31 + 30 + 31);
  });
  test('clicked categories, null included', async () => {
    const spec: ChartSpec = { mark: 'bar', encoding: { x: { field: 'weather' }, y: { aggregate: 'count' } } };
    expect(await count(spec, { type: 'point', channel: 'x', values: ['sun', 'fog'] })).toBe((await rows(`SELECT count(*) AS n FROM weather WHERE weather IN ('sun', 'fog')`))[0]!.n);
    expect(await count(spec, { type: 'point', channel: 'x', values: ["it's", null] })).toBe(0);
  });
  test('no selection, or one that no longer fits the spec, is every row', async () => {
    expect(await count(histogram, undefined)).toBe(1461);
    expect(await count(histogram, { type: 'point', channel: 'color', values: ['sun'] })).toBe(1461);
  });
  test('the mode offered follows the x channel', () => {
    expect(selectModeFor(histogram)).toBe('interval');
    expect(selectModeFor({ mark: 'bar', encoding: { x: { field: 'weather', type: 'nominal' }, y: { aggregate: 'count' } } })).toBe('point');
    expect(selectModeFor({ mark: 'arc', encoding: { theta: { aggregate: 'count' }, color: { field: 'weather' } } })).toBe('point');
    expect(selectModeFor({ mark: 'boxplot', encoding: { x: { field: 'weather' }, y: { field: 'wind' } } })).toBeUndefined();
  });
});

test('a suggested chart from the column types runs', async () => {
  // Four years read by month; half a year by day.
  const weather = suggestChart(sources.get('weather')!.columns, 1460);
  expect(weather).toMatchObject({ mark: 'line', encoding: { x: { field: 'date', timeUnit: 'yearmonth' }, y: { field: 'precipitation', aggregate: 'mean' } } });
  expect((await chart(weather)).data).toHaveLength(48);
  const flights = suggestChart(sources.get('flights')!.columns, 181);
  expect(flights).toMatchObject({ mark: 'line', encoding: { x: { field: 'date', timeUnit: 'yearmonthdate' }, y: { field: 'delay', aggregate: 'mean' } } });
  expect((await chart(flights, 'flights')).data).toHaveLength(182);
  const byCategory = suggestChart([{ name: 'weather', type: 'VARCHAR' }, { name: 'wind', type: 'DOUBLE' }]);
  expect(byCategory).toMatchObject({ mark: 'bar', encoding: { x: { field: 'weather' }, y: { aggregate: 'mean', field: 'wind' } } });
  expect(suggestChart([{ name: 'wind', type: 'DOUBLE' }])).toMatchObject({ encoding: { x: { bin: true } } });
});
