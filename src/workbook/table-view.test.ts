import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ColumnInfo } from '../sql';
import { countSql, displayExpression, overShownRows, pageSql, whereClause, type ColumnFilter, type TableView } from './table-view';
import { histogramSql, summarySql } from './profile';

// Every SQL string these functions build is run in native DuckDB against real data, and compared
// with the answer of a hand-written query.

const SEATTLE_WEATHER = decodeURIComponent(new URL('../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url).pathname);

/** A table whose name, column name and values are all hostile. */
const HOSTILE_TABLE = `x"; DROP TABLE weather; --`;
const HOSTILE_COLUMN = `a"b; DROP TABLE x; --`;
const HOSTILE_VALUES = ["it's", '100%', '100 percent', 'a_b', 'aXb', "'; DROP TABLE x; --", 'C:\\temp', '', null];

let instance: DuckDBInstance;
let conn: DuckDBConnection;
let weatherColumns: ColumnInfo[];

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS();
}

/** The row count a view shows, by running countSql. */
async function viewCount(view: TableView): Promise<number> {
  const [row] = await rows(countSql(view));
  return row!.n as number;
}

/** The row count of a hand-written condition. */
async function countWhere(table: string, condition: string): Promise<number> {
  const [row] = await rows(`SELECT count(*)::DOUBLE AS n FROM ${table} WHERE ${condition}`);
  return row!.n as number;
}

const weather = (filters: Record<string, ColumnFilter>): TableView => ({ table: 'weather', filters });

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`CREATE TABLE weather AS SELECT * FROM read_csv('${SEATTLE_WEATHER}')`);
  weatherColumns = (await rows('DESCRIBE weather')).map((r) => ({ name: r.column_name as string, type: r.column_type as string }));
  const values = HOSTILE_VALUES.map((v) => `(${v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`})`).join(', ');
  await conn.run(`CREATE TABLE "x""; DROP TABLE weather; --" AS SELECT * FROM (VALUES ${values}) AS t("a""b; DROP TABLE x; --")`);
  await conn.run(`CREATE TABLE x (id INTEGER)`);
  // seattle-weather has no NULLs; this copy blanks the wind on the first of each month (48 days).
  await conn.run(`CREATE TABLE wind_gaps AS SELECT date, CASE WHEN day(date) = 1 THEN NULL ELSE wind END AS wind FROM weather`);
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

describe('the test data', () => {
  test('seattle-weather loads as 1461 rows with a DATE, four DOUBLEs and a VARCHAR', async () => {
    expect(await rows('SELECT count(*)::INTEGER AS n FROM weather')).toEqual([{ n: 1461 }]);
    expect(weatherColumns).toEqual([
      { name: 'date', type: 'DATE' },
      { name: 'precipitation', type: 'DOUBLE' },
      { name: 'temp_max', type: 'DOUBLE' },
      { name: 'temp_min', type: 'DOUBLE' },
      { name: 'wind', type: 'DOUBLE' },
      { name: 'weather', type: 'VARCHAR' },
    ]);
  });
});

describe('whereClause', () => {
  test('is empty when there are no filters', () => {
    expect(whereClause()).toBe('');
    expect(whereClause({})).toBe('');
  });

  test('ignores conditions that are not complete yet', () => {
    expect(
      whereClause({
        weather: { filterType: 'text', type: 'contains', filter: '' },
        wind: { filterType: 'number', type: 'greaterThan', filter: null },
        temp_max: { filterType: 'number', type: 'inRange', filter: 3, filterTo: null },
        date: { filterType: 'date', type: 'equals', dateFrom: null },
      }),
    ).toBe('');
  });

  test('ignores a number filter whose value is not a number', () => {
    expect(whereClause({ wind: { filterType: 'number', type: 'greaterThan', filter: 'lots' } })).toBe('');
  });

  test('ignores a date filter whose value is not YYYY-MM-DD[ hh:mm:ss]', () => {
    expect(whereClause({ date: { filterType: 'date', type: 'equals', dateFrom: '2015/01/01' } })).toBe('');
    expect(whereClause({ date: { filterType: 'date', type: 'equals', dateFrom: "2015-01-01'; DROP TABLE x; --" } })).toBe('');
  });

  test('ignores filter types it does not know', () => {
    expect(whereClause({ weather: { filterType: 'text', type: 'regex', filter: 'sun' } })).toBe('');
    expect(whereClause({ wind: { filterType: 'number', type: 'approximately', filter: 3 } })).toBe('');
  });

  test('drops a combined filter whose conditions are all incomplete', () => {
    expect(
      whereClause({
        weather: {
          filterType: 'text',
          operator: 'OR',
          conditions: [
            { filterType: 'text', type: 'contains', filter: '' },
            { filterType: 'text', type: 'equals', filter: null },
          ],
        },
      }),
    ).toBe('');
  });

  test('quotes column names as identifiers and values as literals', () => {
    const sql = whereClause({ [HOSTILE_COLUMN]: { filterType: 'text', type: 'equals', filter: "it's" } });
    expect(sql).toContain(`"a""b; DROP TABLE x; --"`);
    expect(sql).toContain(`'it''s'`);
  });
});

describe('text filters, run in DuckDB', () => {
  test('"contains sun" counts the same rows as LIKE \'%sun%\'', async () => {
    const n = await viewCount(weather({ weather: { filterType: 'text', type: 'contains', filter: 'sun' } }));
    expect(n).toBe(await countWhere('weather', `weather LIKE '%sun%'`));
    expect(n).toBe(640);
  });

  test('text matching ignores case', async () => {
    const n = await viewCount(weather({ weather: { filterType: 'text', type: 'contains', filter: 'SuN' } }));
    expect(n).toBe(640);
  });

  test('"does not contain rain" counts every other row', async () => {
    const n = await viewCount(weather({ weather: { filterType: 'text', type: 'notContains', filter: 'rain' } }));
    expect(n).toBe(await countWhere('weather', `weather NOT LIKE '%rain%'`));
  });

  test('equals and notEqual compare the whole value, ignoring case', async () => {
    const fog = await viewCount(weather({ weather: { filterType: 'text', type: 'equals', filter: 'Fog' } }));
    const notFog = await viewCount(weather({ weather: { filterType: 'text', type: 'notEqual', filter: 'FOG' } }));
    expect(fog).toBe(await countWhere('weather', `weather = 'fog'`));
    expect(notFog).toBe(await countWhere('weather', `weather <> 'fog'`));
    expect(fog + notFog).toBe(1461);
  });

  test('startsWith and endsWith anchor at the ends of the value', async () => {
    const dr = await viewCount(weather({ weather: { filterType: 'text', type: 'startsWith', filter: 'dr' } }));
    const ow = await viewCount(weather({ weather: { filterType: 'text', type: 'endsWith', filter: 'ow' } }));
    expect(dr).toBe(await countWhere('weather', `weather = 'drizzle'`));
    expect(ow).toBe(await countWhere('weather', `weather = 'snow'`));
  });

  test('a text filter on a DATE column matches the date as it reads (YYYY-MM-DD)', async () => {
    const n = await viewCount(weather({ date: { filterType: 'text', type: 'startsWith', filter: '2014-02' } }));
    expect(n).toBe(await countWhere('weather', `year(date) = 2014 AND month(date) = 2`));
    expect(n).toBe(28);
  });
});

describe('number filters, run in DuckDB', () => {
  test('greaterThan 0 is a real filter, not an empty one', async () => {
    const n = await viewCount(weather({ precipitation: { filterType: 'number', type: 'greaterThan', filter: 0 } }));
    expect(n).toBe(await countWhere('weather', 'precipitation > 0'));
    expect(n).toBeLessThan(1461);
  });

  const comparisons: [type: string, op: string, value: number][] = [
    ['equals', '=', 0],
    ['notEqual', '<>', 0],
    ['lessThan', '<', -3.3],
    ['lessThanOrEqual', '<=', -3.3],
    ['greaterThan', '>', 30.6],
    ['greaterThanOrEqual', '>=', 30.6],
  ];
  test.each(comparisons)('%s counts the same rows as %s', async (type, op, value) => {
    const column = type.startsWith('less') ? 'temp_min' : type.startsWith('greater') ? 'temp_max' : 'precipitation';
    const n = await viewCount(weather({ [column]: { filterType: 'number', type, filter: value } }));
    expect(n).toBe(await countWhere('weather', `${column} ${op} ${value}`));
  });

  test('inRange includes both ends, like BETWEEN', async () => {
    const n = await viewCount(weather({ temp_max: { filterType: 'number', type: 'inRange', filter: 10, filterTo: 20 } }));
    expect(n).toBe(await countWhere('weather', 'temp_max >= 10 AND temp_max <= 20'));
    expect(await countWhere('weather', 'temp_max IN (10, 20)')).toBeGreaterThan(0);
  });

  test('accepts numbers typed as text', async () => {
    const n = await viewCount(weather({ wind: { filterType: 'number', type: 'greaterThan', filter: '4.5' } }));
    expect(n).toBe(await countWhere('weather', 'wind > 4.5'));
  });

  test('blank counts NULLs; notBlank counts the rest', async () => {
    const blank = await viewCount({ table: 'wind_gaps', filters: { wind: { filterType: 'number', type: 'blank' } } });
    const notBlank = await viewCount({ table: 'wind_gaps', filters: { wind: { filterType: 'number', type: 'notBlank' } } });
    expect(blank).toBe(48); // the first of each month, 4 years
    expect(notBlank).toBe(1461 - 48);
  });

  test('a number filter leaves out NULL cells, even for notEqual (ag-grid number filters do too)', async () => {
    const n = await viewCount({ table: 'wind_gaps', filters: { wind: { filterType: 'number', type: 'notEqual', filter: 1000 } } });
    expect(n).toBe(1461 - 48);
  });
});

describe('date filters, run in DuckDB', () => {
  test('equals picks out one day', async () => {
    const rowsShown = await rows(
      pageSql(weather({ date: { filterType: 'date', type: 'equals', dateFrom: '2015-06-01 00:00:00' } }), weatherColumns, 0, 10),
    );
    const expected = await rows(`SELECT * FROM weather WHERE date = DATE '2015-06-01'`);
    expect(rowsShown).toHaveLength(1);
    expect(rowsShown[0]!.date).toBe('2015-06-01');
    expect(rowsShown[0]!.temp_max).toBe(expected[0]!.temp_max);
  });

  test('greaterThan and lessThan exclude the day itself', async () => {
    const after = await viewCount(weather({ date: { filterType: 'date', type: 'greaterThan', dateFrom: '2015-01-01 00:00:00' } }));
    const before = await viewCount(weather({ date: { filterType: 'date', type: 'lessThan', dateFrom: '2013-01-01' } }));
    expect(after).toBe(await countWhere('weather', `date > DATE '2015-01-01'`));
    expect(before).toBe(await countWhere('weather', `date < DATE '2013-01-01'`));
    expect(after).toBe(364);
    expect(before).toBe(366); // 2012 is a leap year
  });

  test('inRange includes both days', async () => {
    const n = await viewCount(
      weather({ date: { filterType: 'date', type: 'inRange', dateFrom: '2014-03-01 00:00:00', dateTo: '2014-03-31 00:00:00' } }),
    );
    expect(n).toBe(await countWhere('weather', `date BETWEEN DATE '2014-03-01' AND DATE '2014-03-31'`));
    expect(n).toBe(31);
  });

  test('inRange without an end date is ignored', async () => {
    const n = await viewCount(weather({ date: { filterType: 'date', type: 'inRange', dateFrom: '2014-03-01 00:00:00', dateTo: null } }));
    expect(n).toBe(1461);
  });
});

describe('combined conditions and several columns, run in DuckDB', () => {
  test('OR on one column counts rows matching either condition', async () => {
    const n = await viewCount(
      weather({
        weather: {
          filterType: 'text',
          operator: 'OR',
          conditions: [
            { filterType: 'text', type: 'equals', filter: 'sun' },
            { filterType: 'text', type: 'equals', filter: 'fog' },
          ],
        },
      }),
    );
    expect(n).toBe(await countWhere('weather', `weather IN ('sun', 'fog')`));
  });

  test('AND on one column counts rows matching both conditions', async () => {
    const n = await viewCount(
      weather({
        temp_max: {
          filterType: 'number',
          operator: 'AND',
          conditions: [
            { filterType: 'number', type: 'greaterThan', filter: 20 },
            { filterType: 'number', type: 'lessThan', filter: 25 },
          ],
        },
      }),
    );
    expect(n).toBe(await countWhere('weather', 'temp_max > 20 AND temp_max < 25'));
  });

  test('an OR filter next to another column is bracketed, so it does not swallow the AND', async () => {
    const view = weather({
      weather: {
        filterType: 'text',
        operator: 'OR',
        conditions: [
          { filterType: 'text', type: 'equals', filter: 'sun' },
          { filterType: 'text', type: 'equals', filter: 'drizzle' },
        ],
      },
      temp_max: { filterType: 'number', type: 'greaterThan', filter: 25 },
    });
    expect(await viewCount(view)).toBe(await countWhere('weather', `(weather = 'sun' OR weather = 'drizzle') AND temp_max > 25`));
  });

  test('an incomplete condition in a combined filter is skipped, the other still applies', async () => {
    const n = await viewCount(
      weather({
        wind: {
          filterType: 'number',
          operator: 'OR',
          conditions: [
            { filterType: 'number', type: 'greaterThan', filter: 7 },
            { filterType: 'number', type: 'lessThan', filter: null },
          ],
        },
      }),
    );
    expect(n).toBe(await countWhere('weather', 'wind > 7'));
  });

  test('filters on several columns must all hold', async () => {
    const view = weather({
      weather: { filterType: 'text', type: 'contains', filter: 'rain' },
      precipitation: { filterType: 'number', type: 'greaterThanOrEqual', filter: 10 },
      date: { filterType: 'date', type: 'inRange', dateFrom: '2015-01-01 00:00:00', dateTo: '2015-12-31 00:00:00' },
    });
    const expected = await countWhere('weather', `weather = 'rain' AND precipitation >= 10 AND year(date) = 2015`);
    expect(expected).toBeGreaterThan(0);
    expect(await viewCount(view)).toBe(expected);
  });
});

describe('hostile names and values, run in DuckDB', () => {
  const hostile = (filter: ColumnFilter): TableView => ({ table: HOSTILE_TABLE, filters: { [HOSTILE_COLUMN]: filter } });
  const shownValues = async (filter: ColumnFilter) =>
    (
      await rows(
        pageSql(
          { ...hostile(filter), sort: [{ column: HOSTILE_COLUMN, direction: 'asc' }] },
          [{ name: HOSTILE_COLUMN, type: 'VARCHAR' }],
          0,
          100,
        ),
      )
    ).map((r) => r[HOSTILE_COLUMN]);

  test('a table and a column named like SQL injections can be counted, filtered and paged', async () => {
    expect(await viewCount({ table: HOSTILE_TABLE })).toBe(HOSTILE_VALUES.length);
    expect(await shownValues({ filterType: 'text', type: 'notBlank' })).toHaveLength(HOSTILE_VALUES.length - 2);
  });

  test('% in a value is taken literally, not as a wildcard', async () => {
    expect(await shownValues({ filterType: 'text', type: 'contains', filter: '%' })).toEqual(['100%']);
    expect(await shownValues({ filterType: 'text', type: 'endsWith', filter: '0%' })).toEqual(['100%']);
  });

  test('_ in a value is taken literally, not as a one-character wildcard', async () => {
    expect(await shownValues({ filterType: 'text', type: 'startsWith', filter: 'a_' })).toEqual(['a_b']);
    expect(await shownValues({ filterType: 'text', type: 'equals', filter: 'a_b' })).toEqual(['a_b']);
  });

  test('a quote in a value is matched, not parsed', async () => {
    expect(await shownValues({ filterType: 'text', type: 'equals', filter: "IT'S" })).toEqual(["it's"]);
    expect(await shownValues({ filterType: 'text', type: 'contains', filter: "'; drop table x; --" })).toEqual([
      "'; DROP TABLE x; --",
    ]);
  });

  test('a backslash in a value is an ordinary character', async () => {
    expect(await shownValues({ filterType: 'text', type: 'contains', filter: ':\\' })).toEqual(['C:\\temp']);
  });

  test('text blank matches NULL and the empty string', async () => {
    expect(await viewCount(hostile({ filterType: 'text', type: 'blank' }))).toBe(2);
  });

  test('no statement smuggled into a name or value ran: every table is still there', async () => {
    const tables = (await rows(`SELECT table_name FROM duckdb_tables() ORDER BY table_name`)).map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['weather', 'x', HOSTILE_TABLE]));
    expect(await rows('SELECT count(*)::INTEGER AS n FROM weather')).toEqual([{ n: 1461 }]);
  });
});

describe('text filters and NULL cells', () => {
  // ag-grid's own text filter (TextFilter.evaluateNullValue) lets NULL cells through "notEqual" and
  // "notContains": a blank cell does not contain the text. The SQL should agree with the grid.
  test('"does not contain" keeps NULL cells', async () => {
    const n = await viewCount({ table: HOSTILE_TABLE, filters: { [HOSTILE_COLUMN]: { filterType: 'text', type: 'notContains', filter: '100' } } });
    expect(n).toBe(HOSTILE_VALUES.length - 2);
  });

  test('"not equal" keeps NULL cells', async () => {
    const n = await viewCount({ table: HOSTILE_TABLE, filters: { [HOSTILE_COLUMN]: { filterType: 'text', type: 'notEqual', filter: 'a_b' } } });
    expect(n).toBe(HOSTILE_VALUES.length - 1);
  });
});

describe('pageSql, run in DuckDB', () => {
  const columns = () => weatherColumns.filter((c) => ['date', 'temp_max', 'weather'].includes(c.name));

  test('sorts on several columns, in order, each in its own direction', async () => {
    const view: TableView = {
      table: 'weather',
      sort: [
        { column: 'temp_max', direction: 'desc' },
        { column: 'date', direction: 'asc' },
      ],
    };
    const shown = await rows(pageSql(view, columns(), 0, 15));
    const expected = await rows(
      `SELECT strftime(date, '%Y-%m-%d') AS date, temp_max, weather FROM weather ORDER BY weather.temp_max DESC, weather.date ASC LIMIT 15`,
    );
    expect(shown).toEqual(expected);
  });

  test('sorts ascending by a text column', async () => {
    const view: TableView = { table: 'weather', sort: [{ column: 'weather', direction: 'asc' }, { column: 'date', direction: 'desc' }] };
    const shown = await rows(pageSql(view, columns(), 0, 5));
    const expected = await rows(
      `SELECT strftime(date, '%Y-%m-%d') AS date, temp_max, weather FROM weather ORDER BY weather.weather, weather.date DESC LIMIT 5`,
    );
    expect(shown).toEqual(expected);
    expect(shown.every((r) => r.weather === 'drizzle')).toBe(true);
  });

  test('filters, sorts and pages together like the hand-written query', async () => {
    const view: TableView = {
      table: 'weather',
      filters: { weather: { filterType: 'text', type: 'equals', filter: 'snow' } },
      sort: [{ column: 'temp_min', direction: 'asc' }, { column: 'date', direction: 'asc' }],
    };
    const shown = await rows(pageSql(view, columns(), 5, 10));
    const expected = await rows(
      `SELECT strftime(date, '%Y-%m-%d') AS date, temp_max, weather FROM weather WHERE weather = 'snow'
       ORDER BY weather.temp_min, weather.date LIMIT 10 OFFSET 5`,
    );
    expect(shown).toHaveLength(10);
    expect(shown).toEqual(expected);
  });

  test('consecutive pages fit together into the whole sorted view', async () => {
    const view: TableView = { table: 'weather', sort: [{ column: 'date', direction: 'desc' }] };
    const pages = await Promise.all([0, 1, 2, 3].map((p) => rows(pageSql(view, columns(), p * 400, 400))));
    expect(pages.map((p) => p.length)).toEqual([400, 400, 400, 261]);
    const all = pages.flat();
    expect(all[0]!.date).toBe('2015-12-31');
    expect(all[1460]!.date).toBe('2012-01-01');
    expect(new Set(all.map((r) => r.date)).size).toBe(1461);
  });

  test('puts NULLs last whichever way a column is sorted', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const shown = await rows(pageSql({ table: 'wind_gaps', sort: [{ column: 'wind', direction }] }, [{ name: 'wind', type: 'DOUBLE' }], 1461 - 50, 100));
      expect(shown).toHaveLength(50);
      expect(shown.slice(0, 2).every((r) => r.wind !== null)).toBe(true);
      expect(shown.slice(2).every((r) => r.wind === null)).toBe(true);
    }
  });

  test('selects every column when it is given none', async () => {
    const shown = await rows(pageSql({ table: 'weather' }, [], 0, 1));
    expect(Object.keys(shown[0]!)).toEqual(['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather']);
  });

  test('rounds a fractional offset and limit down and treats negative ones as 0', () => {
    expect(pageSql({ table: 'weather' }, [], -5, 10.9)).toMatch(/ LIMIT 10 OFFSET 0$/);
    expect(pageSql({ table: 'weather' }, [], 20.7, -1)).toMatch(/ LIMIT 0 OFFSET 20$/);
  });

  test('sorts a column shipped as text by its value, not by its text (HUGEINT 9 < 10 < 100)', async () => {
    // A SQL block's sum() of BIGINTs is a HUGEINT; the grid shows it as text but must sort it as a number.
    await conn.run(`CREATE OR REPLACE TABLE totals AS SELECT x::HUGEINT AS total FROM (VALUES (100), (9), (-10), (10), (-5)) t(x)`);
    const shown = await rows(
      pageSql({ table: 'totals', sort: [{ column: 'total', direction: 'asc' }] }, [{ name: 'total', type: 'HUGEINT' }], 0, 10),
    );
    expect(shown.map((r) => r.total)).toEqual(['-10', '-5', '9', '10', '100']);
  });
});

describe('countSql, run in DuckDB', () => {
  test('counts the whole table without filters', async () => {
    expect(await viewCount({ table: 'weather' })).toBe(1461);
  });

  test('ignores the sort', async () => {
    expect(await viewCount({ table: 'weather', sort: [{ column: 'wind', direction: 'desc' }] })).toBe(1461);
  });

  test('answers a plain number (a DOUBLE), not a BIGINT', async () => {
    const [row] = await rows(`SELECT typeof(n) AS t FROM (${countSql({ table: 'weather' })})`);
    expect(row!.t).toBe('DOUBLE');
  });
});

describe('overShownRows, run in DuckDB', () => {
  const rain: Record<string, ColumnFilter> = { weather: { filterType: 'text', type: 'equals', filter: 'rain' } };
  const column = { name: 'precipitation', type: 'DOUBLE' };

  test('a profile of a filtered grid counted every row: it now counts the rows the grid shows', async () => {
    const [row] = await rows(overShownRows((t) => summarySql(t, column), 'weather', rain));
    const [want] = await rows(`SELECT count(*)::DOUBLE AS n FROM weather WHERE weather = 'rain'`);
    expect(row!.total).toBe(want!.n);
  });

  test('joins a query that has its own WITH (the histogram) and leaves an unfiltered one as it was', async () => {
    const bins = await rows(overShownRows((t) => histogramSql(t, column), 'weather', rain));
    const total = bins.reduce((n, b) => n + Number(b.count), 0);
    const [want] = await rows(`SELECT count(precipitation)::DOUBLE AS n FROM weather WHERE weather = 'rain'`);
    expect(total).toBe(want!.n);
    expect(overShownRows((t) => summarySql(t, column), 'weather', {})).toBe(summarySql('weather', column));
  });
});

describe('displayExpression', () => {
  test('keeps types JavaScript shows well as they are', () => {
    for (const type of ['TINYINT', 'INTEGER', 'BIGINT', 'UBIGINT', 'FLOAT', 'DOUBLE', 'BOOLEAN', 'VARCHAR', 'varchar']) {
      expect(displayExpression({ name: 'v', type })).toBe('"v"');
    }
  });

  test('turns DECIMALs into DOUBLEs', () => {
    expect(displayExpression({ name: 'price', type: 'DECIMAL(18,3)' })).toBe('CAST("price" AS DOUBLE) AS "price"');
  });

  test('has DuckDB format everything else as text, under the same name', () => {
    for (const type of ['DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'INTERVAL', 'HUGEINT', 'INTEGER[]', 'STRUCT(a INTEGER)', 'UUID']) {
      expect(displayExpression({ name: 'v', type })).toBe('CAST("v" AS VARCHAR) AS "v"');
    }
  });

  test('quotes a hostile column name in both places', () => {
    expect(displayExpression({ name: HOSTILE_COLUMN, type: 'DATE' })).toBe(
      `CAST("a""b; DROP TABLE x; --" AS VARCHAR) AS "a""b; DROP TABLE x; --"`,
    );
  });

  test('in DuckDB, each type arrives as the value a person expects to read', async () => {
    await conn.run(`CREATE OR REPLACE TABLE kinds AS SELECT
      42::INTEGER AS i, 2.5::DOUBLE AS d, true AS b, 'text' AS s, 1.25::DECIMAL(10, 2) AS dec,
      DATE '2020-01-02' AS day, TIMESTAMP '2020-01-02 03:04:05' AS ts, INTERVAL 3 DAY AS span,
      [1, 2]::INTEGER[] AS list, {'a': 1} AS rec, 170141183460469231731687303715884105727::HUGEINT AS huge`);
    const columns = (await rows('DESCRIBE kinds')).map((r) => ({ name: r.column_name as string, type: r.column_type as string }));
    const [row] = await rows(pageSql({ table: 'kinds' }, columns, 0, 1));
    expect(row).toEqual({
      i: 42,
      d: 2.5,
      b: true,
      s: 'text',
      dec: 1.25,
      day: '2020-01-02',
      ts: '2020-01-02 03:04:05',
      span: '3 days',
      list: '[1, 2]',
      rec: "{'a': 1}",
      huge: '170141183460469231731687303715884105727',
    });
  });
});
