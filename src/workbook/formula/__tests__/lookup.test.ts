import * as formulajs from '@formulajs/formulajs';
import { describe, expect, test } from 'vitest';
import { lookupFunction } from '../functions';
import { wasmDuckDB } from '../../../engine/testing/wasm-parser';
import { FormulaSyntaxError, isFormulaError } from '../errors';
import { parseFormula } from '../parser';
import { compileFormula, type RelationInfo, type SqlScope } from '../sql/compile';
import { constantResult, differences, scalarResult, show, type DiffCase } from '../testing/differential';
import { cases, EDGE_DATES, type Generators } from '../testing/generate';
import { displayValue, formatNumber, type Scalar } from '../values';

// The lookup functions through both forms (TypeScript and DuckDB), against Excel's documented
// results, against @formulajs/formulajs where it implements the function, and a look at the
// plans DuckDB makes of lookups in a column formula: they must be joins.

/** The displayed value of a formula's scalar form. */
const shown = (formula: string, c: DiffCase = {}) => show(scalarResult(formula, c));

/** A value of formulajs as ours would show it (its errors are Errors with the code as message). */
function theirs(v: unknown): string {
  if (v instanceof Error) return v.message;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

// ---- inputs

const NUMBER_KEYS = [0, 1, 2, 2.5, 3, 4, 5, 7, 9, -1, 100];
/** Dates without a time: a column of the harness holds one type, and a date-time is another. */
const DAYS = EDGE_DATES.filter((d) => !d.withTime);
const TEXT_KEYS = ['a', 'B', 'apple', 'Banana', 'cherry', 'zz', '', 'a*', '?', 'b?nana', '*e*', 'a~*', 'ch*'];

/** A column of `n` numbers, sorted ascending (with duplicates) or shuffled. */
function numberColumn(g: Generators, n: number, sorted: boolean): Scalar[] {
  const xs = Array.from({ length: n }, () => g.pick([1, 2, 2, 3, 5, 5, 8, -1, 0.5]));
  return sorted ? xs.sort((a, b) => a - b) : xs;
}

function textColumn(g: Generators, n: number, sorted: boolean): Scalar[] {
  const xs = Array.from({ length: n }, () => g.pick(['apple', 'Apple', 'banana', 'cherry', 'a*b', 'date', '', 'B']));
  return sorted ? xs.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)) : xs;
}

/** A table of keys (numbers, text or dates; sorted or not, some empty) and two columns to return. */
function tables(count: number, seed: number): DiffCase[] {
  return cases(
    count,
    (g, i) => {
      const n = g.integer(1, 7);
      const kind = i % 3;
      const sorted = g.boolean();
      let keys: Scalar[] = kind === 0 ? numberColumn(g, n, sorted) : kind === 1 ? textColumn(g, n, sorted) : Array.from({ length: n }, () => g.pick(DAYS));
      if (g.integer(0, 4) === 0) keys = keys.map((k, j) => (j === 1 ? null : k));
      const key = kind === 0 ? g.pick([...NUMBER_KEYS, 'x', null, true]) : kind === 1 ? g.pick([...TEXT_KEYS, 1, null]) : g.pick([...EDGE_DATES, 40000, 45000, 'x']);
      return {
        values: [key],
        ranges: [keys, Array.from({ length: n }, () => g.text()), Array.from({ length: n }, () => (g.integer(0, 5) === 0 ? null : g.number()))],
      };
    },
    seed,
  );
}

const TABLES = tables(60, 11);

describe('VLOOKUP', () => {
  test('agrees in both forms: exact and approximate, text and numbers and dates, sorted or not', async () => {
    for (const t of ['VLOOKUP($0, rng, 2, FALSE)', 'VLOOKUP($0, rng, 3, FALSE)', 'VLOOKUP($0, rng, 2)', 'VLOOKUP($0, rng, 3, TRUE)', 'VLOOKUP($0, rng, 1, 0)', 'VLOOKUP($0, #0, 1, FALSE)']) {
      expect(await differences(t, TABLES), t).toEqual([]);
    }
  });
  test('a column number past the table is #REF!, below 1 #VALUE!, and it is truncated', async () => {
    for (const t of ['VLOOKUP($0, rng, 4, FALSE)', 'VLOOKUP($0, rng, 0)', 'VLOOKUP($0, rng, 2.9, FALSE)', 'VLOOKUP($0, rng, -1)']) {
      expect(await differences(t, TABLES.slice(0, 10)), t).toEqual([]);
    }
    const table = { ranges: [[1, 2, 3], ['a', 'b', 'c']] };
    expect(shown('VLOOKUP(2, rng, 3, FALSE)', table)).toBe('#REF!');
    expect(shown('VLOOKUP(2, rng, 0, FALSE)', table)).toBe('#VALUE!');
    expect(shown('VLOOKUP(2, rng, 2.9, FALSE)', table)).toBe('"b"');
  });
  test('approximate match finds the largest value ≤ the key in sorted data, the last of equal ones', () => {
    const table = { ranges: [[1, 3, 3, 5, 7], ['a', 'b', 'c', 'd', 'e']] };
    expect(shown('VLOOKUP(4, rng, 2)', table)).toBe('"c"');
    expect(shown('VLOOKUP(3, rng, 2, TRUE)', table)).toBe('"c"');
    expect(shown('VLOOKUP(100, rng, 2)', table)).toBe('"e"');
    expect(shown('VLOOKUP(0, rng, 2)', table)).toBe('#N/A');
    // Unsorted data: still the largest value ≤ the key (Excel's binary search is unpredictable there).
    expect(shown('VLOOKUP(4, rng, 2)', { ranges: [[5, 3, 9, 1], ['a', 'b', 'c', 'd']] })).toBe('"b"');
  });
  test('exact match: text case-insensitively, with * and ? wildcards and ~ escapes; 1 does not find "1"', () => {
    const table = { ranges: [['Apple', 'banana', 'a*b', '1'], [1, 2, 3, 4]] };
    expect(shown('VLOOKUP("APPLE", rng, 2, FALSE)', table)).toBe('1');
    expect(shown('VLOOKUP("b*", rng, 2, FALSE)', table)).toBe('2');
    expect(shown('VLOOKUP("?anana", rng, 2, FALSE)', table)).toBe('2');
    expect(shown('VLOOKUP("a~*b", rng, 2, FALSE)', table)).toBe('3');
    expect(shown('VLOOKUP("a*", rng, 2, FALSE)', table)).toBe('1');
    expect(shown('VLOOKUP(1, rng, 2, FALSE)', table)).toBe('#N/A');
    expect(shown('VLOOKUP("1", rng, 2, FALSE)', table)).toBe('4');
    expect(shown('VLOOKUP("", rng, 2, FALSE)', table)).toBe('#N/A');
  });
  test('formulajs agrees on numeric tables without duplicate keys', () => {
    // formulajs takes the first of equal keys in approximate mode (Excel the last), and has no
    // wildcards: both left out here.
    for (const c of cases(40, (g) => ({ key: g.pick(NUMBER_KEYS), keys: [...new Set(numberColumn(g, g.integer(1, 6), true))], exact: g.boolean() }), 5)) {
      const rows = c.keys.map((k, i) => [k, `r${i}`]);
      const formula = `VLOOKUP(${c.key}, rng, 2, ${c.exact ? 'FALSE' : 'TRUE'})`;
      expect(shown(formula, { ranges: [c.keys, c.keys.map((_, i) => `r${i}`)] }), `${formula} over ${JSON.stringify(rows)}`).toBe(theirs(formulajs.VLOOKUP(c.key, rows, 2, !c.exact)));
    }
  });
});

describe('HLOOKUP', () => {
  test('searches the first row and returns from the row asked for', () => {
    const c = {};
    expect(shown('HLOOKUP("b", {"a","b","c";1,2,3}, 2, FALSE)', c)).toBe('2');
    expect(shown('HLOOKUP(4, {1,3,5;"x","y","z"}, 2)', c)).toBe('"y"');
    expect(shown('HLOOKUP(4, {1,3,5;"x","y","z"}, 3)', c)).toBe('#REF!');
    expect(shown('HLOOKUP("B*", {"a","bee";1,2}, 2, FALSE)', c)).toBe('2');
    expect(shown('HLOOKUP(0, {1,3,5;"x","y","z"}, 2)', c)).toBe('#N/A');
  });
  test('has no SQL form: a table has no horizontal layout', async () => {
    expect(await differences('HLOOKUP($0, rng, 1)', TABLES.slice(0, 3))).toEqual([]);
    expect(await constantResult('HLOOKUP($0, rng, 1)', TABLES[0]!)).toBe('no-sql');
  });
  test('formulajs agrees on numeric rows without duplicates', () => {
    for (const c of cases(30, (g) => ({ key: g.pick(NUMBER_KEYS), keys: [...new Set(numberColumn(g, g.integer(1, 5), true))], exact: g.boolean() }), 6)) {
      const formula = `HLOOKUP(${c.key}, {${c.keys.join(',')};${c.keys.map((_, i) => `"r${i}"`).join(',')}}, 2, ${c.exact ? 'FALSE' : 'TRUE'})`;
      expect(shown(formula), formula).toBe(theirs(formulajs.HLOOKUP(c.key, [c.keys, c.keys.map((_, i) => `r${i}`)], 2, !c.exact)));
    }
  });
});

describe('MATCH', () => {
  test('agrees in both forms for match types 0, 1 and -1', async () => {
    const descending = TABLES.map((c) => ({ ...c, ranges: c.ranges!.map((r, i) => (i === 0 ? [...r].reverse() : r)) }));
    for (const t of ['MATCH($0, #0, 0)', 'MATCH($0, #0)', 'MATCH($0, #0, 1)', 'MATCH($0, #0, -1)', 'MATCH($0, #0, 5)', 'MATCH($0, #0, -0.5)']) {
      expect(await differences(t, TABLES), t).toEqual([]);
    }
    expect(await differences('MATCH($0, #0, -1)', descending)).toEqual([]);
  });
  test('a block of several columns is #N/A', async () => {
    // Two rows or more: a one-row table would be one row of values in Excel, and SQL reads tables as rows.
    expect(await differences('MATCH($0, rng, 0)', TABLES.filter((c) => c.ranges![0]!.length > 1).slice(0, 5))).toEqual([]);
    expect(shown('MATCH(1, {1,2;3,4}, 0)')).toBe('#N/A');
  });
  test('well-known results', () => {
    expect(shown('MATCH(39, {25,38,40,41}, 1)')).toBe('2');
    expect(shown('MATCH(41, {25,38,40,41}, 0)')).toBe('4');
    expect(shown('MATCH(40, {25,38,40,41}, -1)')).toBe('3');
    expect(shown('MATCH(40, {41,40,38,25}, -1)')).toBe('2');
    expect(shown('MATCH(39, {41,40,38,25}, -1)')).toBe('2');
    expect(shown('MATCH(2, {1,2,2,2,3})')).toBe('4');
    expect(shown('MATCH("b*", {"apple","Banana","berry"}, 0)')).toBe('2');
    expect(shown('MATCH(0, {25,38,40,41})')).toBe('#N/A');
  });
  test('formulajs agrees on numbers without duplicates', () => {
    // formulajs reads match_type 1 and -1 as the first of equal values: duplicates left out.
    for (const c of cases(50, (g) => ({ key: g.pick(NUMBER_KEYS), keys: [...new Set(numberColumn(g, g.integer(1, 6), true))], type: g.pick([0, 1, -1]) }), 8)) {
      const keys = c.type === -1 ? [...c.keys].reverse() : c.keys;
      const formula = `MATCH(${c.key}, {${keys.join(',')}}, ${c.type})`;
      expect(shown(formula), formula).toBe(theirs(formulajs.MATCH(c.key, keys, c.type)));
    }
  });
});

describe('XMATCH', () => {
  for (const mode of [0, -1, 1, 2]) {
    test(`agrees in both forms for match mode ${mode}, searching from either end`, async () => {
      for (const search of [1, -1]) expect(await differences(`XMATCH($0, #0, ${mode}, ${search})`, TABLES), `search ${search}`).toEqual([]);
      // The binary searches, as on sorted data (ties of a next-smaller match flipped), agree in both forms on any data.
      for (const search of [2, -2]) expect(await differences(`XMATCH($0, #0, ${mode}, ${search})`, TABLES.slice(0, 12)), `search ${search}`).toEqual([]);
    });
  }
  test('the defaults are an exact match from the first; other modes are #VALUE!', async () => {
    expect(await differences('XMATCH($0, #0)', TABLES.slice(0, 20))).toEqual([]);
    expect(await differences('XMATCH($0, #0, 3)', TABLES.slice(0, 3))).toEqual([]);
    expect(await differences('XMATCH($0, #0, 0, 0)', TABLES.slice(0, 3))).toEqual([]);
  });
  test('well-known results', () => {
    expect(shown('XMATCH("c", {"a","b","c"})')).toBe('3');
    expect(shown('XMATCH(35, {10,20,30,40}, 1)')).toBe('4');
    expect(shown('XMATCH(35, {10,20,30,40}, -1)')).toBe('3');
    expect(shown('XMATCH(2, {2,1,2}, 0, -1)')).toBe('3');
    expect(shown('XMATCH("b?", {"a","bc"}, 2)')).toBe('2');
    expect(shown('XMATCH(5, {1,2}, 7)')).toBe('#VALUE!');
  });
});

describe('INDEX', () => {
  // Two rows or more: a table is always read as rows, so INDEX(rng, n) of a one-row table differs
  // on purpose (Excel reads a single row's number as its column; SQL has no such layout).
  const sets = cases(50, (g) => {
    const n = g.integer(2, 6);
    return {
      values: [g.pick([1, 2, 3, 1.9, n, n + 1, -1, 'x', '2', true, 0.5, null]), g.pick([1, 2, 3])],
      ranges: [Array.from({ length: n }, () => g.any()), Array.from({ length: n }, () => g.text())].map((r, i) => (i === 0 ? r.map((v) => (typeof v === 'number' ? v : null)) : r)),
    };
  });
  test('agrees in both forms: the n-th row of a column or of a table', async () => {
    for (const t of ['INDEX(#0, $0)', 'INDEX(#1, $0, 1)', 'INDEX(rng, $0, 2)', 'INDEX(rng, $0, 1)', 'INDEX(rng, $0)', 'INDEX(#0, $0, 2)', 'INDEX(rng, 2, 3)', 'INDEX(rng, 1, 0)']) {
      expect(await differences(t, sets), t).toEqual([]);
    }
  });
  test('row and column from 1; row 0 or column 0 is the whole column or row', () => {
    expect(shown('INDEX({10,20;30,40}, 2, 1)')).toBe('30');
    expect(shown('INDEX({10,20,30}, 2)')).toBe('20');
    expect(shown('INDEX({10;20;30}, 3)')).toBe('30');
    expect(shown('INDEX({10,20;30,40}, 3, 1)')).toBe('#REF!');
    expect(shown('INDEX({10,20;30,40}, -1, 1)')).toBe('#VALUE!');
    expect(shown('SUM(INDEX({10,20;30,40}, 0, 2))')).toBe('60');
    expect(shown('SUM(INDEX({10,20;30,40}, 2, 0))')).toBe('70');
    expect(shown('INDEX(7, 1, 1)')).toBe('7');
  });
  test('formulajs agrees on rows and columns inside the range', () => {
    const grid = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ];
    for (let r = 1; r <= 3; r++) for (let c = 1; c <= 3; c++) expect(shown(`INDEX({1,2,3;4,5,6;7,8,9}, ${r}, ${c})`)).toBe(theirs(formulajs.INDEX(grid, r, c)));
  });
});

describe('CHOOSE, ROWS, COLUMNS', () => {
  test('CHOOSE agrees in both forms; the index is truncated, outside the values #VALUE!', async () => {
    const sets = cases(60, (g) => ({ values: [g.pick([-1, 0, 0.5, 1, 1.5, 2, 3, 3.99, 4, 'x', '2', null, true]), g.any(), g.any()] }));
    expect(await differences('CHOOSE($0, $1, $2, "c")', sets)).toEqual([]);
    expect(await differences('CHOOSE($0, 1/0, $1)', sets)).toEqual([]);
    expect(shown('CHOOSE(2, "a", "b", "c")')).toBe('"b"');
    expect(shown('CHOOSE(2.9, "a", "b", "c")')).toBe('"b"');
    expect(shown('CHOOSE(4, "a", "b", "c")')).toBe('#VALUE!');
    expect(shown('CHOOSE(1, "a", 1/0)')).toBe('"a"');
  });
  test('formulajs agrees on CHOOSE with whole indexes', () => {
    // formulajs does not truncate the index (CHOOSE(1.9, …) is undefined there).
    for (const i of [-1, 0, 1, 2, 3, 4]) expect(shown(`CHOOSE(${i}, "a", "b", "c")`)).toBe(theirs(formulajs.CHOOSE(i, 'a', 'b', 'c')));
  });
  test('ROWS and COLUMNS agree in both forms, for columns, whole tables and single values', async () => {
    const sets = cases(20, (g) => {
      const n = g.integer(0, 6);
      return { values: [g.any()], ranges: [Array.from({ length: n }, () => g.number()), Array.from({ length: n }, () => g.text())] };
    });
    for (const t of ['ROWS(#0)', 'ROWS(rng)', 'COLUMNS(rng)', 'COLUMNS(#1)', 'ROWS($0)', 'COLUMNS($0)']) expect(await differences(t, sets), t).toEqual([]);
    expect(shown('ROWS({1,2;3,4;5,6})')).toBe('3');
    expect(shown('COLUMNS({1,2;3,4;5,6})')).toBe('2');
  });
  test('formulajs agrees on ROWS and COLUMNS of arrays', () => {
    const grid = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    expect(shown('ROWS({1,2,3;4,5,6})')).toBe(theirs(formulajs.ROWS(grid)));
    expect(shown('COLUMNS({1,2,3;4,5,6})')).toBe(theirs(formulajs.COLUMNS(grid)));
  });
});

describe('LOOKUP', () => {
  test('agrees in both forms: vector form, and the array form over a table', async () => {
    // The array form reads a table down its columns; tables with fewer rows than columns would be
    // read across in Excel's array form, which SQL has no layout for.
    const tall = TABLES.filter((c) => c.ranges![0]!.length >= 3);
    for (const t of ['LOOKUP($0, #0, #1)', 'LOOKUP($0, #0)', 'LOOKUP($0, #0, #2)']) expect(await differences(t, TABLES), t).toEqual([]);
    expect(await differences('LOOKUP($0, rng)', tall)).toEqual([]);
  });
  test('well-known results', () => {
    expect(shown('LOOKUP(4.19, {4.14,4.19,5.17,5.77,6.39}, {"red","orange","yellow","green","blue"})')).toBe('"orange"');
    expect(shown('LOOKUP(5, {4.14,4.19,5.17,5.77,6.39}, {"red","orange","yellow","green","blue"})')).toBe('"orange"');
    expect(shown('LOOKUP(7.66, {4.14,4.19,5.17,5.77,6.39}, {"red","orange","yellow","green","blue"})')).toBe('"blue"');
    expect(shown('LOOKUP(0, {4.14,4.19,5.17,5.77,6.39}, {"red","orange","yellow","green","blue"})')).toBe('#N/A');
    expect(shown('LOOKUP("C", {"a","b","c","d";1,2,3,4})')).toBe('3');
    expect(shown('LOOKUP("bump", {"a",1;"b",2;"c",3})')).toBe('2');
  });
  test('formulajs agrees on sorted numbers without duplicates', () => {
    for (const c of cases(30, (g) => ({ key: g.pick(NUMBER_KEYS), keys: [...new Set(numberColumn(g, g.integer(1, 6), true))] }), 9)) {
      const results = c.keys.map((_, i) => `r${i}`);
      const formula = `LOOKUP(${c.key}, {${c.keys.join(',')}}, {${results.map((r) => `"${r}"`).join(',')}})`;
      expect(shown(formula), formula).toBe(theirs(formulajs.LOOKUP(c.key, c.keys, results)));
    }
  });
});

describe('XLOOKUP', () => {
  test('approximate modes over text: case-insensitive, the first of equal values in search order', async () => {
    const sets = cases(40, (g) => {
      const n = g.integer(1, 7);
      return { values: [g.pick(['apple', 'B', 'banana', 'C', '', 'zz', null, 3])], ranges: [textColumn(g, n, g.boolean()), Array.from({ length: n }, () => g.number())] };
    });
    for (const mode of [-1, 1]) {
      for (const search of [1, -1]) expect(await differences(`XLOOKUP($0, #0, #1, "none", ${mode}, ${search})`, sets), `mode ${mode}, search ${search}`).toEqual([]);
    }
    expect(await differences('XLOOKUP($0, #0, #1)', TABLES.map((c) => ({ ...c, ranges: [c.ranges![0]!, c.ranges![2]!] })))).toEqual([]);
  });
  test('wildcard mode reads a key from a column as the key, not as a criterion with an operator', async () => {
    const sets = [{ values: ['>3'], ranges: [[1, 5, 7], ['a', 'b', 'c']] }, { values: ['>3'], ranges: [['x', '>3'], [1, 2]] }, { values: ['=a'], ranges: [['=a', 'a'], [1, 2]] }];
    expect(await differences('XLOOKUP($0, #0, #1, "none", 2)', sets)).toEqual([]);
  });
});

// ---- the plans

/** A column formula's SQL over a large table, as formula columns compile it, and DuckDB's plan of it. */
async function plan(formula: string): Promise<string> {
  const { conn } = await wasmDuckDB();
  conn.query("CREATE OR REPLACE TABLE plan_rows AS SELECT (i % 1000)::DOUBLE AS n, 'k' || (i % 1000) AS k FROM range(20000) r(i)");
  conn.query("CREATE OR REPLACE TABLE plan_ids AS SELECT i::DOUBLE AS id, 'name ' || i AS name FROM range(5000) r(i)");
  conn.query("CREATE OR REPLACE TABLE plan_codes AS SELECT 'k' || i AS code, 'name ' || i AS name FROM range(5000) r(i)");
  const rows: RelationInfo = { from: 'plan_rows', columns: [{ name: 'n', type: 'DOUBLE' }, { name: 'k', type: 'VARCHAR' }], ordered: true };
  const tables: Record<string, RelationInfo> = {
    plan_ids: { from: 'plan_ids', columns: [{ name: 'id', type: 'DOUBLE' }, { name: 'name', type: 'VARCHAR' }], ordered: true },
    plan_codes: { from: 'plan_codes', columns: [{ name: 'code', type: 'VARCHAR' }, { name: 'name', type: 'VARCHAR' }], ordered: true },
  };
  const scope: SqlScope = {
    row: { name: 'plan_rows', relation: rows, alias: 'b', group: false },
    table: (n) => tables[n.toLowerCase()],
    name: () => undefined,
    names: () => [],
  };
  const e = compileFormula(parseFormula(formula), scope);
  const sql = `SELECT ${e.sql} AS v, ${e.err ?? 'NULL'} AS e FROM plan_rows AS b`;
  // It runs, and finds a value for the rows whose key is in the table.
  const found = conn.query(`SELECT count(v) AS n FROM (${sql})`).toArray()[0]!.toJSON();
  expect(Number(found.n)).toBeGreaterThan(0);
  return conn
    .query(`EXPLAIN ${sql}`)
    .toArray()
    .map((r) => String(r.toJSON().explain_value))
    .join('\n');
}

/** Operators that pair rows without a join key: what a lookup must not become. */
const PAIRWISE = /CROSS_PRODUCT|NESTED_LOOP_JOIN|BLOCKWISE_NL_JOIN|PIECEWISE_MERGE_JOIN|IE_JOIN/;

describe('lookups in a column formula compile to joins', () => {
  for (const formula of [
    'XLOOKUP([@k], plan_codes[code], plan_codes[name])',
    'XLOOKUP([@n], plan_ids[id], plan_ids[name], "none")',
    'VLOOKUP([@n] * 2, plan_ids, 2, FALSE)',
    'MATCH([@n], plan_ids[id], 0)',
    'XMATCH([@k], plan_codes[code])',
    'INDEX(plan_ids[name], [@n] + 1)',
  ]) {
    test(`${formula}: a hash join on the key`, async () => {
      const p = await plan(`=${formula}`);
      expect(p).toMatch(/HASH_JOIN/);
      expect(p).not.toMatch(PAIRWISE);
    });
  }
  for (const formula of ['VLOOKUP([@n], plan_ids, 2)', 'LOOKUP([@n] * 3.5, plan_ids[id], plan_ids[name])', 'XLOOKUP([@n], plan_ids[id], plan_ids[name], "none", -1)', 'MATCH([@k], plan_codes[code], 1)']) {
    test(`${formula}: an ASOF join for the nearest key`, async () => {
      const p = await plan(`=${formula}`);
      expect(p).toMatch(/ASOF_JOIN/);
      expect(p).not.toMatch(PAIRWISE);
    });
  }
  test('a text key from a column may hold wildcards: a hash join on equality, rows paired only for keys with wildcards', async () => {
    const p = await plan('=VLOOKUP([@k], plan_codes, 2, FALSE)');
    expect(p).toMatch(/HASH_JOIN/);
    // The wildcard half pairs each distinct key that holds * ? or ~ with the rows (none here).
    expect(p).toMatch(/contains/);
  });
});

describe("lookups in a pivot's value read the group's rows", () => {
  const groups: Record<string, Scalar[][]> = {
    a: [
      [3, 1, 2, 2, 5],
      ['c', 'apple', 'b1', 'b2', 'e'],
    ],
    b: [
      [4, 4, 0.5],
      ['x', 'banana', 'y'],
    ],
    c: [[7], ['z']],
  };
  for (const [pivot, scalar] of [
    ['XLOOKUP(2, [k], [v])', 'XLOOKUP(2, #0, #1)'],
    ['XLOOKUP(2, [k], [v], "none", -1, -1)', 'XLOOKUP(2, #0, #1, "none", -1, -1)'],
    ['XLOOKUP(4.2, [k], [v], "none", -1, 2)', 'XLOOKUP(4.2, #0, #1, "none", -1, 2)'],
    ['XLOOKUP(2, [k], [v], "none", -1, -2)', 'XLOOKUP(2, #0, #1, "none", -1, -2)'],
    ['XLOOKUP("b*", [v], [k], 0, 2)', 'XLOOKUP("b*", #1, #0, 0, 2)'],
    ['VLOOKUP(3, pivot_rows, 2)', 'VLOOKUP(3, rng, 2)'],
    ['VLOOKUP(4, pivot_rows, 2, FALSE)', 'VLOOKUP(4, rng, 2, FALSE)'],
    ['VLOOKUP("B?", [v], 1, FALSE)', 'VLOOKUP("B?", #1, 1, FALSE)'],
    ['LOOKUP(4.5, [k], [v])', 'LOOKUP(4.5, #0, #1)'],
  ] as const) {
    test(`${pivot} agrees with the scalar form per group`, async () => {
      const { conn } = await wasmDuckDB();
      const rows = Object.entries(groups).flatMap(([g, [ks, vs]]) => ks!.map((k, i) => `(${k}, '${String(vs![i])}', '${g}')`));
      conn.query(`CREATE OR REPLACE TABLE pivot_rows AS SELECT * FROM (VALUES ${rows.join(', ')}) AS t(k, v, g)`);
      const relation: RelationInfo = { from: 'pivot_rows', columns: [{ name: 'k', type: 'DOUBLE' }, { name: 'v', type: 'VARCHAR' }, { name: 'g', type: 'VARCHAR' }], ordered: true };
      const scope: SqlScope = { row: { name: 'pivot_rows', relation, alias: 'b', group: true }, table: (n) => (n === 'pivot_rows' ? relation : undefined), name: () => undefined, names: () => [] };
      const e = compileFormula(parseFormula(`=${pivot}`), scope);
      const got = conn
        .query(`SELECT b.g AS g, ${e.sql} AS v, ${e.err ?? 'NULL'} AS e FROM pivot_rows AS b GROUP BY b.g ORDER BY b.g`)
        .toArray()
        .map((r) => r.toJSON());
      for (const row of got) {
        const [ks, vs] = groups[String(row.g)]!;
        const expected = show(scalarResult(scalar, { ranges: [ks!, vs!, ks!.map(() => String(row.g))] }));
        const actual = row.e !== null ? String(row.e) : typeof row.v === 'string' ? JSON.stringify(row.v) : formatNumber(Number(row.v));
        expect(actual, `group ${String(row.g)}`).toBe(expected);
      }
    });
  }
  test('positions (INDEX, MATCH, XMATCH) cannot be read inside a pivot value', () => {
    const relation: RelationInfo = { from: 'pivot_rows', columns: [{ name: 'k', type: 'DOUBLE' }], ordered: true };
    const scope: SqlScope = { row: { name: 'pivot_rows', relation, alias: 'b', group: true }, table: () => undefined, name: () => undefined, names: () => [] };
    expect(() => compileFormula(parseFormula('=MATCH(2, [k], 0)'), scope)).toThrow(/inside a pivot/);
  });
});

describe('what SQL needs while compiling', () => {
  const scope = (ordered: boolean): SqlScope => {
    const info: RelationInfo = { from: 'plan_ids', columns: [{ name: 'id', type: 'DOUBLE' }, { name: 'name', type: 'VARCHAR' }], ordered };
    const rows: RelationInfo = { from: 'plan_rows', columns: [{ name: 'n', type: 'DOUBLE' }], ordered: true };
    return { row: { name: 'plan_rows', relation: rows, alias: 'b' }, table: (n) => (n === 'plan_ids' ? info : undefined), name: () => undefined, names: () => [] };
  };
  const problem = (formula: string, ordered = true) => {
    try {
      compileFormula(parseFormula(formula), scope(ordered));
      return undefined;
    } catch (e) {
      return e instanceof FormulaSyntaxError ? `${e.code} ${e.message}` : String(e);
    }
  };
  test('INDEX, MATCH and XMATCH need a table with an order; value lookups do not', () => {
    expect(problem('=INDEX(plan_ids[name], 2)', false)).toMatch(/^#VALUE! INDEX needs the rows in their order/);
    expect(problem('=MATCH(2, plan_ids[id], 0)', false)).toMatch(/^#VALUE! MATCH needs the rows in their order/);
    expect(problem('=XMATCH(2, plan_ids[id])', false)).toMatch(/^#VALUE! XMATCH needs the rows in their order/);
    expect(problem('=VLOOKUP(2, plan_ids, 2, FALSE)', false)).toBeUndefined();
    expect(problem('=INDEX(plan_ids[name], 2)', true)).toBeUndefined();
  });
  test("VLOOKUP's column number and MATCH's type must be written into the formula", () => {
    expect(problem('=VLOOKUP(2, plan_ids, [@n], FALSE)')).toMatch(/^#VALUE! VLOOKUP's col_index_num must be written into the formula/);
    expect(problem('=MATCH(2, plan_ids[id], [@n])')).toMatch(/^#VALUE! MATCH's match_type must be written into the formula/);
    // Constant parts are computed while compiling, so a calculation of constants is a constant.
    expect(problem('=VLOOKUP(2, plan_ids, 1 + 1, FALSE)')).toBeUndefined();
    expect(problem('=VLOOKUP(2, plan_ids, -2)')).toBeUndefined();
  });
});

test('errors in the lookup value come first; errors in the table are skipped', () => {
  expect(isFormulaError(scalarResult('VLOOKUP(1/0, {1,2}, 1)', {}))).toBe(true);
  expect(shown('VLOOKUP(1/0, {1,2}, 1)')).toBe('#DIV/0!');
  expect(shown('MATCH(2, {1, #N/A, 2}, 0)')).toBe('3');
});

test('every example shows its result, in both forms where SQL can run it', async () => {
  for (const name of ['XLOOKUP', 'VLOOKUP', 'HLOOKUP', 'MATCH', 'XMATCH', 'INDEX', 'CHOOSE', 'ROWS', 'COLUMNS', 'LOOKUP']) {
    const spec = lookupFunction(name)!;
    const template = spec.example.formula.slice(1);
    expect(displayValue(scalarResult(template, {})), spec.example.formula).toBe(spec.example.result);
    const sql = await constantResult(template, {});
    if (sql !== 'no-sql') expect(displayValue(sql), `${spec.example.formula} in SQL`).toBe(spec.example.result);
  }
});
