import { test, expect } from 'vitest';
import { pageSql } from './table-view';
import { DuckDBInstance } from '@duckdb/node-api';
test('smoke', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  const r = await conn.runAndReadAll(`CREATE TABLE w AS SELECT * FROM read_csv('node_modules/vega-datasets/data/seattle-weather.csv')`);
  const d = await conn.runAndReadAll(`DESCRIBE w`);
  console.log(d.getRowObjectsJS());
  const c = await conn.runAndReadAll(`SELECT count(*) n FROM w`);
  console.log(c.getRowObjectsJS(), pageSql({table:'w'}, [], 0, 2));
  const e = await conn.runAndReadAll(`SELECT date, count(*)::DOUBLE n, 12::BIGINT b FROM w GROUP BY ALL LIMIT 2`);
  console.log(e.getRowObjectsJS());
  try { await conn.run(`SELECT 1,\n  tmp_max FROM w`); } catch (err) { console.log(JSON.stringify((err as Error).message)); }
});
