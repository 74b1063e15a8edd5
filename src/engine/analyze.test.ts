import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSql, bindNamedParams, setVariableStatement } from './analyze';
import { paramRefs } from '../sql';
import { wasmDuckDB, type WasmDuckDB } from './testing/wasm-parser';

let duck: WasmDuckDB;
beforeAll(async () => {
  duck = await wasmDuckDB();
});

const tables = async (sql: string) => (await analyzeSql(duck, sql)).tables.sort();

describe('analyzeSql (DuckDB-WASM parser)', () => {
  it('finds tables that do not exist yet', async () => {
    expect(await tables('SELECT a FROM query1')).toEqual(['query1']);
    expect(await tables('SELECT * FROM a JOIN b ON a.id = b.id')).toEqual(['a', 'b']);
    // USING over tables DuckDB has never seen cannot bind: the token fallback still finds both.
    const using = await analyzeSql(duck, 'SELECT * FROM a JOIN b USING (id)');
    expect(using.exact).toBe(false);
    expect(using.tables).toEqual(expect.arrayContaining(['a', 'b']));
  });

  it('ignores names inside strings and comments', async () => {
    const sql = "SELECT 'query2' AS s, \"query3\" FROM t -- query4\n /* query5 */ WHERE x = $$query6$$";
    expect(await tables(sql)).toEqual(['t']);
  });

  it('knows CTEs are not tables, and finds tables inside them and in subqueries', async () => {
    expect(await tables('WITH c AS (SELECT * FROM q2) SELECT * FROM c, q3 WHERE k IN (SELECT k FROM q4)')).toEqual(['q2', 'q3', 'q4']);
  });

  it('a column or alias with a table\'s name is not a reference to it', async () => {
    expect(await tables('SELECT query1 AS query2 FROM t AS query3')).toEqual(['t']);
  });

  it('finds $params and still binds the statement exactly', async () => {
    const a = await analyzeSql(duck, 'SELECT * FROM flights WHERE delay > $min_delay AND origin = $Origin');
    expect(a).toMatchObject({ tables: ['flights'], params: ['min_delay', 'Origin'], exact: true });
    expect(a.identifiers).toEqual(expect.arrayContaining(['flights', 'delay', 'origin']));
    expect(a.identifiers).not.toContain('min_delay');
  });

  it('a view is read as the tables under it by the binder, and as an identifier', async () => {
    duck.conn.query('CREATE OR REPLACE TABLE under_view AS SELECT 1 AS a');
    duck.conn.query('CREATE OR REPLACE VIEW picked_view AS SELECT * FROM under_view WHERE a > 0');
    const a = await analyzeSql(duck, 'SELECT count(*) FROM picked_view');
    expect(a.tables).toEqual(['under_view']);
    expect(a.identifiers).toContain('picked_view');
  });

  it('a $ inside a string is no param', async () => {
    expect((await analyzeSql(duck, "SELECT '$x' FROM t")).params).toEqual([]);
  });

  it('falls back to the tokenizer\'s identifiers when DuckDB cannot bind, still skipping strings and comments', async () => {
    const a = await analyzeSql(duck, "SELECT no_such_fn(a) FROM t -- u\n WHERE s = 'v'");
    expect(a.exact).toBe(false);
    expect(a.tables).toEqual(expect.arrayContaining(['a', 't']));
    expect(a.tables).not.toContain('u');
    expect(a.tables).not.toContain('v');
  });
});

describe('bindNamedParams', () => {
  it('rewrites each $name to a variable and never puts the value in the SQL', async () => {
    const sql = "SELECT * FROM t WHERE name = $who AND n > $N OR name = $who";
    const bound = bindNamedParams(sql, await duck.tokenize(sql), { who: "x'); DROP TABLE t; --", n: 3 });
    expect(bound.sql).toBe("SELECT * FROM t WHERE name = getvariable('cellar_param_who') AND n > getvariable('cellar_param_n') OR name = getvariable('cellar_param_who')");
    expect(bound.sql).not.toContain('DROP');
    expect(bound.variables.map((v) => v.variable).sort()).toEqual(['cellar_param_n', 'cellar_param_who']);
  });

  it('a missing value names the parameter', async () => {
    const sql = 'SELECT $nope';
    expect(() => bindNamedParams(sql, [], {})).not.toThrow();
    await expect(async () => bindNamedParams(sql, await duck.tokenize(sql), {})).rejects.toThrow(/\$nope/);
  });

  it('binds values that DuckDB then reads with their types', async () => {
    duck.conn.query('CREATE OR REPLACE TABLE people AS SELECT * FROM (VALUES (\'ann\', DATE \'2024-01-02\', 3), (\'bob\', DATE \'2024-03-04\', 5)) v(name, born, n)');
    const sql = 'SELECT name FROM people WHERE born >= $since AND n >= $min AND name <> $who ORDER BY name';
    const bound = bindNamedParams(sql, await duck.tokenize(sql), { since: { date: '2024-01-01' }, min: 3, who: "o'brien" });
    for (const v of bound.variables) {
      const set = setVariableStatement(v);
      const statement = duck.conn.prepare(set.sql);
      statement.query(set.value);
      statement.close();
    }
    const rows = duck.conn.query(bound.sql).toArray().map((r) => r.toJSON().name);
    expect(rows).toEqual(['ann', 'bob']);
  });

  it('paramRefs skips `$ name` with a space and `$1`', async () => {
    expect(paramRefs(await duck.tokenize('SELECT $ a, $1, $b')).map((r) => r.name)).toEqual(['b']);
  });
});
