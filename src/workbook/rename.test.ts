import { DOCUMENT_VERSION } from './document';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmDuckDB, type WasmDuckDB } from '../engine/testing/wasm-parser';
import type { BlockId, WorkbookDocument } from './document';
import { invalidName, renameBlock, renameInFormula, renameTable } from './rename';

let duck: WasmDuckDB;
beforeAll(async () => {
  duck = await wasmDuckDB();
});

describe('renameTable', () => {
  it('renames table references and leaves strings, comments, columns and aliases alone', async () => {
    const sql = "SELECT q.query1, 'query1' AS s FROM query1 AS q -- from query1\nJOIN other ON other.id = q.id";
    expect(await renameTable(duck, sql, 'query1', 'sales')).toBe(
      "SELECT q.query1, 'query1' AS s FROM sales AS q -- from query1\nJOIN other ON other.id = q.id",
    );
  });

  it('renames the default alias that qualifies columns', async () => {
    expect(await renameTable(duck, 'SELECT query1.a FROM query1', 'query1', 'sales')).toBe('SELECT sales.a FROM sales');
  });

  it('is case-insensitive and keeps quoting', async () => {
    expect(await renameTable(duck, 'SELECT * FROM "Query1" JOIN QUERY1 USING (k)', 'query1', 'sales')).toBe('SELECT * FROM "sales" JOIN sales USING (k)');
  });

  it('renames inside subqueries and CTE bodies, not the CTE itself', async () => {
    expect(await renameTable(duck, 'WITH query1 AS (SELECT 1) SELECT * FROM query1', 'query1', 'x')).toBe('WITH query1 AS (SELECT 1) SELECT * FROM query1');
    expect(await renameTable(duck, 'SELECT (SELECT max(v) FROM t) FROM u WHERE k IN (SELECT k FROM t)', 't', 'x')).toBe(
      'SELECT (SELECT max(v) FROM x) FROM u WHERE k IN (SELECT k FROM x)',
    );
  });

  it('works with $params in the statement', async () => {
    expect(await renameTable(duck, 'SELECT * FROM t WHERE a > $lim', 't', 'x')).toBe('SELECT * FROM x WHERE a > $lim');
  });
});

describe('renameBlock', () => {
  const doc: WorkbookDocument = {
    version: DOCUMENT_VERSION,
    title: 't',
    blocks: [
      { id: 'c' as BlockId, kind: 'cell', name: 'lim', control: { type: 'number' }, value: 3 },
      { id: 'a' as BlockId, kind: 'sql', name: 'src', sql: 'SELECT 1 AS lim' },
      { id: 'b' as BlockId, kind: 'sql', name: 'q', sql: "SELECT lim FROM src WHERE lim > $lim AND 'src' <> '$lim'" },
    ],
  };

  it('renames a relation block in every reader', async () => {
    const next = await renameBlock(duck, doc, 'a' as BlockId, 'base');
    expect(next.blocks.map((b) => b.name)).toEqual(['lim', 'base', 'q']);
    expect(next.blocks[2]).toMatchObject({ sql: "SELECT lim FROM base WHERE lim > $lim AND 'src' <> '$lim'" });
  });

  it('renames a cell\'s $uses only', async () => {
    const next = await renameBlock(duck, doc, 'c' as BlockId, 'floor');
    expect(next.blocks[2]).toMatchObject({ sql: "SELECT lim FROM src WHERE lim > $floor AND 'src' <> '$lim'" });
  });

  it('checks new names', () => {
    expect(invalidName(doc, 'a' as BlockId, 'q')).toMatch(/already/);
    expect(invalidName(doc, 'a' as BlockId, 'Q')).toMatch(/already/);
    expect(invalidName(doc, 'a' as BlockId, 'select')).toMatch(/reserved/);
    expect(invalidName(doc, 'a' as BlockId, '1abc')).toMatch(/starts with/);
    expect(invalidName(doc, 'a' as BlockId, 'src')).toBeUndefined();
  });
});

describe('renameInFormula', () => {
  it('renames names, $names, table[col] prefixes and sheet! prefixes, and nothing else', () => {
    expect(renameInFormula('=SUM(sales[amount]) / target + $target', 'target', 'goal')).toBe('=SUM(sales[amount]) / goal + $goal');
    expect(renameInFormula('=SUM(sales[amount]) & "sales" & [sales]', 'sales', 'orders')).toBe('=SUM(orders[amount]) & "sales" & [sales]');
    expect(renameInFormula('=plan!B2 * 2', 'plan', 'budget', true)).toBe('=budget!B2 * 2');
  });
  it('leaves function names, addresses in sheets and typed values alone', () => {
    expect(renameInFormula('=sum(1) + sum', 'sum', 'total')).toBe('=sum(1) + total');
    expect(renameInFormula('=B2 + q1', 'q1', 'rate', true)).toBe('=B2 + q1');
    expect(renameInFormula('=B2 + q1', 'q1', 'rate')).toBe('=B2 + rate');
    expect(renameInFormula('target', 'target', 'goal')).toBe('target');
    expect(renameInFormula('=SUM(target', 'target', 'goal')).toBe('=SUM(goal');
  });
});
