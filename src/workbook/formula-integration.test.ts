import { beforeAll, describe, expect, test } from 'vitest';
import { quoteIdent } from '../sql';
import { wasmDuckDB } from '../engine/testing/wasm-parser';
import type { BlockId } from './document';
import { evaluateFormulaCell, type FormulaWorld } from './formula-eval';
import { planFormulaColumns } from './formula-columns';
import { compileFormula, displayValue, parseFormula, type RelationInfo, type Scalar } from './formula';
import { pivotSql, PivotError } from './pivot';
import { evaluateSheet } from './sheet';
import { sheetTable, sheetTableSql } from './sheet-table';

// The workbook's formula features against the DuckDB the browser runs (DuckDB-WASM's Node build).

type Row = Record<string, unknown>;
let run: (sql: string) => Row[];
const runSql = async (sql: string) => run(sql);

const relations: Record<string, RelationInfo> = {};
function world(cells: Record<string, Scalar> = {}): FormulaWorld {
  return {
    cell: (n) => cells[n.toLowerCase()],
    relation: (n) => relations[n.toLowerCase()],
    names: () => [...Object.keys(cells), ...Object.keys(relations)],
  };
}
const scope = (cells: Record<string, Scalar> = {}) => ({
  table: (n: string) => relations[n.toLowerCase()],
  name: (n: string) => cells[n.toLowerCase()],
  names: () => Object.keys(cells),
});

beforeAll(async () => {
  const { conn } = await wasmDuckDB();
  run = (sql) => conn.query(sql).toArray().map((r) => r.toJSON() as Row);
  run(`CREATE OR REPLACE TABLE sales AS SELECT * FROM (VALUES
    (1, 'EU', 'apple', 3, 2.5, DATE '2024-01-15'), (2, 'US', 'pear', 1, 4.0, DATE '2024-02-01'), (3, 'EU', 'kiwi', 0, 1.0, DATE '2023-12-31'),
    (4, 'ASIA', 'apple', 7, 2.5, DATE '2024-03-10'), (5, 'US', NULL, 2, NULL, NULL)) AS t(id, region, product, qty, price, day)`);
  run(`CREATE OR REPLACE TABLE airports AS SELECT * FROM (VALUES ('LAX', 'Los Angeles'), ('SFO', 'San Francisco'), ('JFK', 'New York'), ('lax', 'duplicate, lower case')) AS t(iata, city)`);
  for (const t of ['sales', 'airports']) {
    const columns = run(`DESCRIBE ${t}`).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    relations[t] = { from: quoteIdent(t), columns, ordered: true };
  }
});

describe('formula columns are views over the block’s rows', () => {
  const id = 'b1' as BlockId;
  function apply(formulaColumns: { name: string; formula: string }[], cells: Record<string, Scalar> = {}) {
    run('CREATE OR REPLACE TABLE __cellar_base_b1 AS SELECT * FROM sales');
    const plan = planFormulaColumns({ id, name: 'orders', base: '__cellar_base_b1', baseColumns: relations.sales!.columns, formulaColumns, scope: scope(cells) });
    for (const s of plan.statements) run(s);
    return plan;
  }

  test('=[qty]*[price], IF, YEAR and text: every row, values as plain SQL computes them', () => {
    const plan = apply([
      { name: 'total', formula: '=[qty]*[price]' },
      { name: 'vat', formula: '=IF([region]="eu", [total]*1.2, [total])' },
      { name: 'year', formula: '=YEAR([day])' },
      { name: 'label', formula: '=LEFT([product], 3)&"…"' },
    ]);
    expect(plan.columns.map((c) => c.error)).toEqual([undefined, undefined, undefined, undefined]);
    const rows = run('SELECT region, total, vat, year, label FROM orders ORDER BY id');
    const plain = run(`SELECT region, (coalesce(qty, 0) * coalesce(price, 0))::DOUBLE AS total, (CASE WHEN lower(region) = 'eu' THEN coalesce(qty,0) * coalesce(price,0) * 1.2 ELSE coalesce(qty,0) * coalesce(price,0) END)::DOUBLE AS vat,
      CASE WHEN day IS NULL THEN 1899 ELSE year(day) END AS year, left(coalesce(product, ''), 3) || '…' AS label FROM sales ORDER BY id`);
    expect(rows.map((r) => ({ ...r, vat: Number((r.vat as number).toFixed(9)) }))).toEqual(plain.map((r) => ({ ...r, total: Number(r.total), vat: Number(Number(r.vat).toFixed(9)), year: Number(r.year) })));
  });

  test('a row error shows in its error column and reads as NULL in SQL; IFERROR catches it', () => {
    const plan = apply([
      { name: 'per', formula: '=[price]/[qty]' },
      { name: 'safe', formula: '=IFERROR([price]/[qty], 0)' },
    ]);
    expect(plan.errorColumns).toEqual({ per: '__cellar_err_per' });
    const grid = run('SELECT qty, per, __cellar_err_per AS err, safe FROM __cellar_grid_b1 ORDER BY id');
    expect(grid.find((r) => r.qty === 0)).toEqual({ qty: 0, per: null, err: '#DIV/0!', safe: 0 });
    expect(run('SELECT * FROM orders LIMIT 1')[0]).not.toHaveProperty('__cellar_err_per');
  });

  test('a broken formula is a column of its error, with the message; the rest of the block works', () => {
    const plan = apply([
      { name: 'bad', formula: '=SUMM([qty])' },
      { name: 'missing', formula: '=[qtty]*2' },
      { name: 'ok', formula: '=[qty]+1' },
    ]);
    expect(plan.columns[0]!.error).toMatchObject({ code: '#NAME?', message: 'Unknown function SUMM — did you mean SUM?' });
    expect(plan.columns[1]!.error).toMatchObject({ code: '#REF!', message: 'orders has no column qtty — did you mean qty?' });
    expect(run('SELECT ok FROM orders ORDER BY id').map((r) => r.ok)).toEqual([4, 2, 1, 8, 3]);
    expect(run('SELECT DISTINCT __cellar_err_bad AS e FROM __cellar_grid_b1')).toEqual([{ e: '#NAME?' }]);
  });

  test('a whole-column aggregate, a conditional one per row, and a lookup against another table', () => {
    apply([
      { name: 'share', formula: '=[qty]/SUM([qty])' },
      { name: 'region_qty', formula: '=SUMIFS([qty], [region], [@region])' },
      { name: 'city', formula: '=XLOOKUP([@region], airports[iata], airports[city], "none")' },
    ]);
    const rows = run('SELECT region, share, region_qty, city FROM orders ORDER BY id');
    expect(rows.map((r) => r.share)).toEqual([3 / 13, 1 / 13, 0, 7 / 13, 2 / 13]);
    expect(rows.map((r) => r.region_qty)).toEqual([3, 3, 3, 7, 3]);
    expect(rows.every((r) => r.city === 'none')).toBe(true);
  });

  test('a lookup in a column becomes a join in DuckDB’s plan', () => {
    run(`CREATE OR REPLACE TABLE __cellar_base_b1 AS SELECT * FROM (VALUES ('LAX'), ('SFO'), ('XXX')) AS t(origin)`);
    const plan = planFormulaColumns({
      id,
      name: 'flights',
      base: '__cellar_base_b1',
      baseColumns: [{ name: 'origin', type: 'VARCHAR' }],
      formulaColumns: [{ name: 'city', formula: '=XLOOKUP([origin], airports[iata], airports[city])' }],
      scope: scope(),
    });
    for (const s of plan.statements) run(s);
    expect(run('SELECT origin, city FROM flights ORDER BY origin')).toEqual([
      { origin: 'LAX', city: 'Los Angeles' },
      { origin: 'SFO', city: 'San Francisco' },
      { origin: 'XXX', city: null },
    ]);
    const explain = run('EXPLAIN SELECT * FROM flights').map((r) => String(r.explain_value)).join('\n');
    expect(explain).toMatch(/JOIN/);
  });

  test('a DOUBLE column holding inf and NaN: #NUM! in those rows, the query still runs', () => {
    run(`CREATE OR REPLACE TABLE __cellar_base_b1 AS SELECT * FROM (VALUES (1, 1.005::DOUBLE), (2, 'inf'::DOUBLE), (3, 'nan'::DOUBLE)) AS t(id, x)`);
    const plan = planFormulaColumns({ id, name: 'odd', base: '__cellar_base_b1', baseColumns: [{ name: 'id', type: 'INTEGER' }, { name: 'x', type: 'DOUBLE' }], formulaColumns: [{ name: 'r', formula: '=ROUND([x], 2)' }, { name: 't', formula: '=TEXT([x], "0.00")' }], scope: scope() });
    for (const s of plan.statements) run(s);
    expect(run('SELECT r, __cellar_err_r AS e FROM __cellar_grid_b1 ORDER BY id')).toEqual([{ r: 1.01, e: null }, { r: null, e: '#NUM!' }, { r: null, e: '#NUM!' }]);
    expect(run('SELECT t FROM odd ORDER BY id')[0]).toEqual({ t: '1.01' });
  });

  test('names with quotes and spaces cannot escape their quotes', () => {
    run(`CREATE OR REPLACE TABLE __cellar_base_b1 AS SELECT 2 AS "we""ird col", 'x' AS "a'b"`);
    const plan = planFormulaColumns({
      id,
      name: 'odd"name',
      base: '__cellar_base_b1',
      baseColumns: [{ name: 'we"ird col', type: 'INTEGER' }, { name: "a'b", type: 'VARCHAR' }],
      formulaColumns: [{ name: 'x"); DROP TABLE sales; --', formula: `=[we"ird col]*2 & [a''b] & "'); DROP TABLE sales; --"` }],
      scope: scope(),
    });
    for (const s of plan.statements) run(s);
    expect(run(`SELECT * FROM "odd""name"`)).toEqual([{ 'we"ird col': 2, "a'b": 'x', 'x"); DROP TABLE sales; --': "4x'); DROP TABLE sales; --" }]);
    expect(run('SELECT count(*)::INTEGER AS n FROM sales')).toEqual([{ n: 5 }]);
  });
});

describe('formula cells: table calls run in SQL, the rest in TypeScript', () => {
  test('the benchmark runs exactly the SQL the app compiles for its SUMIFS cell', async () => {
    // @ts-expect-error: a plain .mjs module without types
    const bench = (await import('../../bench/formulas.mjs')) as { SUMIFS_FORMULA: string; sumifsExpr(t: string, m: number): string };
    const flights = { from: '"flights_3m"', columns: [{ name: 'delay', type: 'BIGINT' }, { name: 'distance', type: 'BIGINT' }, { name: 'origin', type: 'VARCHAR' }], ordered: true };
    const call = parseFormula(bench.SUMIFS_FORMULA);
    const compiled = compileFormula(call, { table: (n) => (n === 'flights_3m' ? flights : undefined), name: (n) => (n === 'min_distance' ? 500 : undefined), names: () => [] });
    expect(compiled.sql).toBe(bench.sumifsExpr('flights_3m', 500));
    expect(compiled.err).toBeNull();
  });
  test('=SUM(sales[qty]) / target, with target a named cell', async () => {
    expect(await evaluateFormulaCell('=SUM(sales[qty]) / target', world({ target: 4 }), runSql)).toBe(13 / 4);
  });
  test('COUNTIFS with operators, and XLOOKUP against a table (case-insensitive, first match)', async () => {
    expect(await evaluateFormulaCell('=COUNTIFS(sales[region], "EU", sales[qty], ">0")', world(), runSql)).toBe(1);
    expect(await evaluateFormulaCell('=XLOOKUP("lax", airports[iata], airports[city])', world(), runSql)).toBe('Los Angeles');
    expect(displayValue(await evaluateFormulaCell('=XLOOKUP("ORD", airports[iata], airports[city])', world(), runSql))).toBe('#N/A');
  });
  test('errors say what and where', async () => {
    const e = await evaluateFormulaCell('=SUMM(1)', world(), runSql);
    expect(e).toMatchObject({ code: '#NAME?', message: 'Unknown function SUMM — did you mean SUM?', span: { start: 1, end: 5 } });
    expect(await evaluateFormulaCell('=1/0', world(), runSql)).toMatchObject({ code: '#DIV/0!' });
    expect(await evaluateFormulaCell('=SUM(sales[qtty])', world(), runSql)).toMatchObject({ code: '#REF!', message: 'sales has no column qtty — did you mean qty?' });
    expect(await evaluateFormulaCell('=(1+', world(), runSql)).toMatchObject({ code: '#ERROR!' });
    expect(await evaluateFormulaCell('=nope + 1', world({ note: 1 }), runSql)).toMatchObject({ code: '#NAME?' });
  });
});

describe('sheets', () => {
  test('A1 formulas, ranges, named cells and tables; the used range becomes a table', async () => {
    const cells = { A1: 'item', B1: 'qty', C1: 'price', D1: 'total', A2: 'apple', B2: '3', C2: '2.5', D2: '=B2*C2', A3: 'pear', B3: '2', C3: '4', D3: '=B3*C3', A4: 'all', D4: '=SUM(D2:D3)', E1: '=SUM(sales[qty]) + bonus' };
    const values = await evaluateSheet('plan', cells, { ...world({ bonus: 100 }), sheet: () => undefined }, runSql);
    expect(values.get('D2')).toBe(7.5);
    expect(values.get('D4')).toBe(15.5);
    expect(values.get('E1')).toBe(113);
    run(`CREATE OR REPLACE TABLE plan AS ${sheetTableSql(sheetTable({ cells }, values))}`);
    expect(run('SELECT item, qty, total FROM plan')).toEqual([
      { item: 'apple', qty: 3, total: 7.5 },
      { item: 'pear', qty: 2, total: 8 },
      { item: 'all', qty: null, total: 15.5 },
    ]);
    expect(run(`SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'plan' ORDER BY ordinal_position`).map((r) => `${r.c}:${r.t}`)).toEqual(['item:VARCHAR', 'qty:DOUBLE', 'price:DOUBLE', 'total:DOUBLE', '113:VARCHAR']);
  });
  test('a circular reference is an error on the cells in the circle, not a hang', async () => {
    const values = await evaluateSheet('s', { A1: '=B1+1', B1: '=A1+1', C1: '=5' }, { ...world(), sheet: () => undefined }, runSql);
    expect(displayValue(values.get('A1')!)).toBe('#REF!');
    expect(values.get('C1')).toBe(5);
  });
  test('a table call fed by a cell runs once the cell is known', async () => {
    const values = await evaluateSheet('s', { A1: 'EU', B1: '=SUMIFS(sales[qty], sales[region], A1)', C1: '=B1*2' }, { ...world(), sheet: () => undefined }, runSql);
    expect(values.get('B1')).toBe(3);
    expect(values.get('C1')).toBe(6);
  });
});

describe('pivots compile to GROUP BY and PIVOT', () => {
  const source = () => ({ name: 'sales', columns: relations.sales!.columns });
  test('rows and values: the same as the GROUP BY written by hand', () => {
    const sql = pivotSql({ rows: ['region'], columns: [], values: [{ aggregate: 'sum', column: 'qty' }, { aggregate: 'count' }, { aggregate: 'avg', column: 'price' }, { aggregate: 'count_distinct', column: 'product' }, { aggregate: 'median', column: 'qty' }] }, source());
    expect(run(sql)).toEqual(run(`SELECT region, sum(qty) AS sum_qty, count(*) AS count, avg(price) AS avg_price, count(DISTINCT product) AS count_distinct_product, median(qty) AS median_qty FROM sales GROUP BY region ORDER BY region`));
  });
  test('an aggregate formula value', () => {
    const sql = pivotSql({ rows: ['region'], columns: [], values: [{ aggregate: 'formula', formula: '=SUM([qty]*[price]) / COUNT([qty])', name: 'mean_total' }] }, source());
    expect(run(sql).map((r) => [r.region, r.mean_total])).toEqual([['ASIA', 17.5], ['EU', 3.75], ['US', 2]]);
  });
  test('column fields pivot their values into columns', () => {
    const sql = pivotSql({ rows: ['product'], columns: ['region'], values: [{ aggregate: 'sum', column: 'qty' }] }, source());
    const rows = run(sql);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['product', 'ASIA', 'EU', 'US']));
    // sum() of integers is HUGEINT in DuckDB; read as numbers.
    const apple = rows.find((r) => r.product === 'apple')!;
    expect([apple.ASIA, apple.EU, apple.US].map((v) => (v === null ? null : Number(v)))).toEqual([7, 3, null]);
  });
  test('a missing column or a sum of text is refused in words', () => {
    expect(() => pivotSql({ rows: ['nope'], columns: [], values: [] }, source())).toThrow(PivotError);
    expect(() => pivotSql({ rows: ['region'], columns: [], values: [{ aggregate: 'sum', column: 'product' }] }, source())).toThrow(/SUM needs numbers; product is VARCHAR/);
  });
});
