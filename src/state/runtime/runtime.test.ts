// The runtime against the real DuckDB-WASM (its Node build), as the engine tests run it.
import { createNodeBrowserEngine, type NodeBrowserEngine } from '../../engine/testing/node-browser-engine';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toRows } from '../../engine';
import { readDocument, type Block, type BlockId, type CellBlock, type SheetBlock, type SqlBlock, type TableBlock } from '../../workbook';
import { runtimeOver } from '../testing/runtime';

const id = (s: string) => s as BlockId;
const cell = (name: string, value: CellBlock['value']): CellBlock => ({ id: id(name), kind: 'cell', name, control: { type: 'value' }, value });
const sql = (name: string, text: string): SqlBlock => ({ id: id(name), kind: 'sql', name, sql: text });
const CSV = 'city,temp\nOslo,3\nLima,19\nCairo,28\n';
const csvFile = () => new File([CSV], 'cities.csv', { type: 'text/csv' });
const table = (name: string, formulaColumns?: TableBlock['formulaColumns']): TableBlock => ({
  id: id(name),
  kind: 'table',
  name,
  source: { kind: 'file', fileName: 'cities.csv', format: 'csv', size: CSV.length },
  ...(formulaColumns ? { formulaColumns } : {}),
});

let duck: NodeBrowserEngine;
beforeAll(async () => {
  duck = await createNodeBrowserEngine();
});
afterAll(() => duck.close());

const rows = async (sqlText: string) => toRows(await duck.engine.query(sqlText));

describe('the runtime: one node per block over DuckDB-WASM', () => {
  test('a cell edit re-runs exactly the blocks that read it, and their results follow', async () => {
    const t = runtimeOver(duck.engine);
    await t.open([cell('x', 1), sql('a', 'SELECT $x AS v'), sql('b', 'SELECT v + 1 AS v FROM a'), sql('lonely', 'SELECT 42 AS answer'), cell('y', 7)]);
    expect(Object.values(t.shown()).map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    const before = Object.fromEntries(['x', 'a', 'b', 'lonely', 'y'].map((n) => [n, t.runId(id(n))]));

    await t.change((doc) => ({ ...doc, blocks: doc.blocks.map((b) => (b.id === 'x' ? { ...b, value: 5 } : b)) as Block[] }));

    const reran = ['x', 'a', 'b', 'lonely', 'y'].filter((n) => t.runId(id(n)) !== before[n]);
    expect(reran).toEqual(['x', 'a', 'b']);
    expect(await rows('SELECT v FROM b')).toEqual([{ v: 6 }]);
    expect(t.shown()[id('b')]?.status).toBe('ok');
  });

  test('undo of a delete brings the block back with its result, without reading its file again', async () => {
    const files = new Map([[id('cities'), csvFile()]]);
    const t = runtimeOver(duck.engine, files);
    await t.open([table('cities'), sql('warm', 'SELECT city FROM cities WHERE temp > 10 ORDER BY city')]);
    const run = t.runtime.runOf(id('cities'));
    expect(run).toMatchObject({ status: 'ok', rows: 3 });
    const withTable = t.doc();

    await t.change((doc) => ({ ...doc, blocks: doc.blocks.filter((b) => b.id !== 'cities') }));
    expect(t.shown()[id('cities')]).toBeUndefined();
    await t.runtime.run(id('warm'));
    expect(t.runtime.runOf(id('warm')).status).toBe('error');

    files.clear(); // the file is gone: a restored block must not need it
    await t.change(withTable);
    expect(t.runtime.runOf(id('cities'))).toMatchObject({ status: 'ok', rows: 3, run: run.run, revision: run.revision + 1 });
    expect(t.shown()[id('cities')]?.status).toBe('ok');
    expect(t.runtime.runOf(id('warm')).status).toBe('ok');
    expect(await rows('SELECT city FROM warm')).toEqual([{ city: 'Cairo' }, { city: 'Lima' }]);
  });

  test('a failing block stops only its readers; the others keep running and stay ok', async () => {
    const t = runtimeOver(duck.engine);
    await t.open([cell('n', 2), sql('broken', 'SELECT * FROM nowhere'), sql('reader', 'SELECT * FROM broken'), sql('fine', 'SELECT $n * 10 AS v')]);
    expect(t.runtime.runOf(id('broken'))).toMatchObject({ status: 'error' });
    expect(t.runtime.runOf(id('broken')).error?.message).toMatch(/nowhere/);
    expect(t.runtime.runOf(id('reader'))).toMatchObject({ status: 'stale', blockedBy: 'broken' });
    expect(t.runtime.runOf(id('fine'))).toMatchObject({ status: 'ok', rows: 1 });

    await t.change((doc) => ({ ...doc, blocks: doc.blocks.map((b) => (b.id === 'n' ? { ...b, value: 3 } : b)) as Block[] }));
    expect(t.runtime.runOf(id('fine')).status).toBe('ok');
    expect(await rows('SELECT v FROM fine')).toEqual([{ v: 30 }]);
    expect(t.runtime.runOf(id('broken')).status).toBe('error');
  });

  test('a reload (a new engine, the saved document, the kept file) restores every run', async () => {
    const file = csvFile();
    const sheet: SheetBlock = { id: id('sheet1'), kind: 'sheet', name: 'sheet1', cells: { A1: '2', A2: '=A1*21' } };
    const blocks: Block[] = [
      table('cities', [{ name: 'hot', formula: '=[temp]>20' }]),
      cell('limit', 10),
      cell('total', '=SUM(cities[temp])'),
      sql('warm', 'SELECT count(*) AS n FROM cities WHERE temp > $limit'),
      sheet,
    ];
    const first = runtimeOver(duck.engine, new Map([[id('cities'), file]]));
    await first.open(blocks);
    const saved = JSON.stringify(first.doc());

    const other = await createNodeBrowserEngine();
    try {
      const second = runtimeOver(other.engine, new Map([[id('cities'), file]]));
      await second.open(readDocument(saved).blocks);
      for (const b of blocks) {
        const a = first.runtime.runOf(b.id);
        const r = second.runtime.runOf(b.id);
        expect({ name: b.name, status: r.status, rows: r.rows, value: r.value, columns: r.columns, sheet: r.sheet }).toEqual({ name: b.name, status: 'ok', rows: a.rows, value: a.value, columns: a.columns, sheet: a.sheet });
      }
      expect(second.runtime.runOf(id('total')).value).toEqual({ type: 'number', value: 50 });
      expect(toRows(await other.engine.query('SELECT count(*) AS n FROM cities WHERE hot'))).toEqual([{ n: 1 }]);
      expect(toRows(await other.engine.query('SELECT n FROM warm'))).toEqual([{ n: 2 }]);
    } finally {
      await other.close();
    }
  });
});
