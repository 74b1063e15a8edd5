import { describe, expect, test } from 'vitest';
import { FormulaError, type Scalar } from './formula';
import { evaluateSheet, sheetReader, type SheetReader } from './sheet';
import { eachStored, sheetExtent } from './sheet-cells';
import { createSheetData, NUMBER, TEXT, type SheetData } from './sheet-data';
import { sheetTable } from './sheet-table';
import { tableUpdates } from './sheet-table-update';

/** A Data sheet of `rows` rows under a header: key (x, y, z by turns), id, amount = row number. */
function dataSheet(rows: number): SheetData {
  const d = createSheetData(rows + 1, 3);
  const put = (row: number, col: number, v: string | number) => {
    const i = col * d.rows + row;
    if (typeof v === 'number') {
      d.kind[i] = NUMBER;
      d.num[i] = v;
    } else {
      d.kind[i] = TEXT;
      d.text.set(i, v);
    }
  };
  ['key', 'id', 'amount'].forEach((h, c) => put(0, c, h));
  for (let r = 1; r <= rows; r++) {
    put(r, 0, ['x', 'y', 'z'][r % 3]!);
    put(r, 1, `id${r}`);
    put(r, 2, r);
  }
  return d;
}

const noSql = () => Promise.reject(new Error('no tables here'));
const world = (sheets: Record<string, SheetReader>) => ({ cell: () => undefined, relation: () => undefined, names: () => Object.keys(sheets), sheet: (n: string) => sheets[n.toLowerCase()] });

describe('a big sheet kept outside the document', () => {
  const rows = 200_000;
  const data = dataSheet(rows);
  const dataCells: Record<string, string> = {};

  test('formulas on another sheet compute over its whole columns (SUMIFS, VLOOKUP, SUM), past the old 1,000-row grid', async () => {
    const values = await evaluateSheet('data', dataCells, world({}), noSql, undefined, data);
    const reader = sheetReader({ cells: dataCells, data }, values);
    expect(reader.rows).toBe(rows + 1);
    const summary = await evaluateSheet(
      'summary',
      { A1: '=SUMIFS(data!C:C, data!A:A, "x")', A2: '=VLOOKUP("id199999", data!B:C, 2, FALSE)', A3: '=SUM(data!C:C)', A4: '=COUNTIF(data!A:A, "y")', A5: '=A3*2' },
      world({ data: reader }),
      noSql,
    );
    let x = 0;
    for (let r = 3; r <= rows; r += 3) x += r;
    expect(summary.get('A1')).toBe(x);
    expect(summary.get('A2')).toBe(199_999);
    expect(summary.get('A3')).toBe((rows * (rows + 1)) / 2);
    expect(summary.get('A4')).toBe(Math.floor((rows - 1) / 3) + 1);
    expect(summary.get('A5')).toBe(rows * (rows + 1));
  });

  test("the person's edits win over stored cells; '' clears one; stored formulas compute", async () => {
    const d = dataSheet(10);
    const i = 2 * d.rows + 5; // C6
    d.kind[i] = TEXT;
    d.text.set(i, '=C5*100');
    const cells = { C2: '1000', C3: '' };
    const values = await evaluateSheet('data', cells, world({}), noSql, undefined, d);
    expect(values.get('C6')).toBe(400);
    const reader = sheetReader({ cells, data: d }, values);
    expect(reader.value('C2')).toBe(1000);
    expect(reader.value('C3')).toBe(null);
    expect(reader.value('C4')).toBe(3);
    expect(reader.value('A2')).toBe('y');
    const stored: string[] = [];
    eachStored({ cells, data: d }, (key) => stored.push(key));
    expect(stored).not.toContain('C2');
    expect(stored).toContain('C4');
  });

  test('a whole sheet as a table: 200,000 rows typed by column, no spread of millions of arguments', async () => {
    const values = new Map<string, Scalar>();
    const table = sheetTable({ cells: {}, data }, values)!;
    expect(table.rows).toBe(rows);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['key', 'VARCHAR'],
      ['id', 'VARCHAR'],
      ['amount', 'DOUBLE'],
    ]);
    expect(table.columns[2]!.data[rows - 1]).toBe(rows);
  });

  test('a 150,000-row sheet typed by a person (no stored cells) becomes a table too', () => {
    const cells: Record<string, string> = { A1: 'n' };
    for (let r = 2; r <= 150_001; r++) cells[`A${r}`] = String(r);
    expect(sheetExtent({ cells })).toEqual({ rows: 150_001, cols: 1 });
    expect(sheetTable({ cells }, new Map())!.rows).toBe(150_000);
  });

  test('a range past ten million cells says to use SQL instead', async () => {
    const values = await evaluateSheet('s', { A1: '=SUM(B1:Z1000000)' }, world({}), noSql);
    const v = values.get('A1');
    expect(v).toBeInstanceOf(FormulaError);
    expect((v as FormulaError).message).toMatch(/too large.*SQL/);
  });
});

describe("an edit updates a big sheet's table in place", () => {
  const d = dataSheet(5_000);
  const shapeOf = (cells: Record<string, string>, values: Map<string, Scalar>) => {
    const t = sheetTable({ cells, data: d }, values)!;
    return { table: 'data', bounds: t.bounds, types: t.columns.map((c) => c.type), names: t.columns.map((c) => c.name) };
  };

  test('one changed number is one UPDATE by rowid; nothing changed is none', () => {
    const shape = shapeOf({}, new Map());
    expect(tableUpdates({ cells: {}, data: d }, new Map(), new Map(), shape)).toEqual([]);
    const after = new Map<string, Scalar>([['C4', 1003]]);
    expect(tableUpdates({ cells: { C4: '1003' }, data: d }, new Map(), after, shape)).toEqual(['UPDATE "data" SET "amount" = CASE rowid WHEN 2 THEN CAST(1003 AS DOUBLE) END WHERE rowid IN (2)']);
    // Undone: the stored value comes back.
    expect(tableUpdates({ cells: {}, data: d }, after, new Map(), shape)).toEqual(['UPDATE "data" SET "amount" = CASE rowid WHEN 2 THEN CAST(3 AS DOUBLE) END WHERE rowid IN (2)']);
  });

  test('a change of a column type, of the header or of the used range makes the table again', () => {
    const shape = shapeOf({}, new Map());
    expect(tableUpdates({ cells: { C4: 'n/a' }, data: d }, new Map(), new Map([['C4', 'n/a']]), shape)).toBeUndefined();
    expect(tableUpdates({ cells: { C1: 'total' }, data: d }, new Map(), new Map([['C1', 'total']]), shape)).toBeUndefined();
    expect(tableUpdates({ cells: { A6000: 'x' }, data: d }, new Map(), new Map([['A6000', 'x']]), shape)).toBeUndefined();
  });
});
