import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileSink, generatedRows } from './testing/files';
import { salesSheet, summarySheet } from './testing/fixtures';
import type { ExportPart, ExportTable } from './types';
import { writeXlsx } from './write-xlsx';

const dir = mkdtempSync(path.join(tmpdir(), 'cellar-xlsx-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = Date.UTC(2024, 0, 1);
/** The generated table's i-th row: int, text, double, boolean, date (ms), bigint past 2^53 on every 7th row. */
const row = (i: number): unknown[] => [i, `name ${i}`, i * 1.25, i % 2 === 0, DAY + (i % 366) * 86_400_000, i % 7 === 0 ? 2n ** 60n + BigInt(i) : BigInt(i), i % 10 === 0 ? null : 'x'];

function bigTable(count: number): ExportTable {
  return {
    kind: 'table',
    name: 'big',
    columns: [
      { name: 'id', type: 'INTEGER' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'amount', type: 'DOUBLE' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'day', type: 'DATE' },
      { name: 'big', type: 'BIGINT' },
      { name: 'maybe', type: 'VARCHAR' },
    ],
    rows: generatedRows(count, 2048, row),
    totalRows: count,
  };
}

async function writeFile(file: string, parts: ExportPart[], options: Parameters<typeof writeXlsx>[2] = {}) {
  const sink = fileSink(path.join(dir, file));
  const result = await writeXlsx(parts, sink, options);
  await sink.closed;
  return result;
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, file));
  return wb;
}

describe('a workbook of sheets and a 100,000-row table', () => {
  let wb: ExcelJS.Workbook;
  let progress: [number, number][] = [];
  let result: Awaited<ReturnType<typeof writeXlsx>>;
  beforeAll(async () => {
    progress = [];
    result = await writeFile('book.xlsx', [salesSheet(), summarySheet(), bigTable(100_000)], { onProgress: (d, t) => progress.push([d, t]) });
    wb = await read('book.xlsx');
    // Writing 100,000 rows and reading them back whole with exceljs takes 40-60 s on 2 busy cores.
  }, 300_000);

  test('has one worksheet per block, named as asked', () => {
    expect(result.sheets).toEqual(['Sales 2024', 'Summary', 'big']);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sales 2024', 'Summary', 'big']);
  });

  test('keeps values, formulas with their cached results, formats, widths and merges', () => {
    const ws = wb.getWorksheet('Sales 2024')!;
    expect(ws.getCell('A1').value).toBe(21);
    expect(ws.getCell('A2').value).toBe('hello');
    expect(ws.getCell('A3').value).toEqual({ formula: 'A1*2', result: 42 });
    expect(ws.getCell('A3').numFmt).toBe('0.00');
    expect(ws.getCell('A4').value).toEqual({ formula: '_xlfn.CONCAT(A2," world")', result: 'hello world' });
    expect(ws.getCell('A5').value).toEqual({ formula: 'A1>20', result: true });
    expect(ws.getCell('C1').value).toEqual({ formula: '1/0', result: { error: '#DIV/0!' } });
    expect(ws.getCell('B1').value).toEqual(new Date(Date.UTC(2024, 2, 15)));
    expect(ws.getCell('B1').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getColumn('A').width).toBe(20);
    expect(ws.getColumn('C').width).toBe(8.5);
    expect(ws.getCell('E2').isMerged).toBe(true);
  });

  test('writes a reference to another sheet block with the worksheet name, quoted', () => {
    const ws = wb.getWorksheet('Summary')!;
    expect(ws.getCell('A1').value).toEqual({ formula: "'Sales 2024'!A3+1", result: 43 });
    expect(ws.getCell('A3').value).toEqual({ formula: "SUM('Sales 2024'!A1:A3)", result: 63 });
  });

  test('writes a formula Excel has no form of as its value, and says which', () => {
    expect(wb.getWorksheet('Summary')!.getCell('A2').value).toBe(6);
    expect(result.valuesOnly).toEqual([{ sheet: 'Summary', cell: 'A2', reason: expect.stringContaining('[qty]') }]);
  });

  test("writes the table's rows under a header, each type as Excel holds it", () => {
    const ws = wb.getWorksheet('big')!;
    expect(ws.rowCount).toBe(100_001);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['id', 'name', 'amount', 'flag', 'day', 'big', 'maybe']);
    for (const i of [0, 1, 7, 12_345, 99_999]) {
      const r = ws.getRow(i + 2);
      const [id, name, amount, flag, day, big, maybe] = row(i);
      expect(r.getCell(1).value).toBe(id);
      expect(r.getCell(2).value).toBe(name);
      expect(r.getCell(3).value).toBe(amount);
      expect(r.getCell(4).value).toBe(flag);
      expect(r.getCell(5).value).toEqual(new Date(day as number));
      expect(r.getCell(5).numFmt).toBe('yyyy-mm-dd');
      const b = big as bigint;
      expect(r.getCell(6).value).toBe(Number.isSafeInteger(Number(b)) ? Number(b) : b.toString());
      expect(r.getCell(7).value).toBe(maybe);
    }
  });

  test('reports progress up to the total', () => {
    expect(progress.length).toBeGreaterThan(2);
    const [done, total] = progress.at(-1)!;
    expect(done).toBe(total);
    expect(total).toBe(5 + 3 + 100_001);
  });

  test('streams: the styles come before the worksheets, and text is inline (no shared-strings table)', () => {
    const files = unzipSync(readFileSync(path.join(dir, 'book.xlsx')), { filter: (f) => !f.name.includes('sheet3') });
    expect(Object.keys(files)).not.toContain('xl/sharedStrings.xml');
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toContain('<f>_xlfn.CONCAT(A2,&quot; world&quot;)</f>');
  });
});

describe('limits', () => {
  test('a table past the last row is cut there and reported', async () => {
    const result = await writeFile('cut.xlsx', [bigTable(10)], { maxDataRows: 4 });
    expect(result.truncated).toEqual([{ name: 'big', rows: 10 }]);
    const ws = (await read('cut.xlsx')).getWorksheet('big')!;
    expect(ws.rowCount).toBe(5);
    expect(ws.getCell('A5').value).toBe(3);
  });

  test('a table that fits exactly is not reported as cut', async () => {
    const result = await writeFile('fit.xlsx', [bigTable(4)], { maxDataRows: 4 });
    expect(result.truncated).toEqual([]);
  });

  test('what the import left out is a last worksheet, one line each, only when there is some', async () => {
    const result = await writeFile('left.xlsx', [salesSheet()], { leftOut: ['Sheet1: 2 charts', 'Sheet1: conditional formats'] });
    expect(result.sheets).toEqual(['Sales 2024', 'Not exported']);
    const ws = (await read('left.xlsx')).getWorksheet('Not exported')!;
    expect([ws.getCell('A1').value, ws.getCell('A2').value]).toEqual(['Sheet1: 2 charts', 'Sheet1: conditional formats']);
    expect((await writeFile('none.xlsx', [salesSheet()], { leftOut: [] })).sheets).toEqual(['Sales 2024']);
  });

  test('a web WritableStream works as the sink', async () => {
    const chunks: Uint8Array[] = [];
    await writeXlsx([salesSheet()], new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c) }));
    const files = unzipSync(Buffer.concat(chunks));
    expect(Object.keys(files)).toContain('xl/worksheets/sheet1.xml');
  });
});

/** Writes to memory, for inputs that fail before a file is worth having. */
const write = (_file: string, parts: ExportPart[]) => writeXlsx(parts, { write: () => undefined });

describe('bad input', () => {
  test('a cell key that is not an address names the sheet and the key', async () => {
    await expect(write('bad.xlsx', [{ ...salesSheet(), cells: { A0: '1' } }])).rejects.toThrow('Sheet "Sales 2024": "A0" is not a cell address');
  });
  test('a width out of range says what Excel takes', async () => {
    await expect(write('bad2.xlsx', [{ ...salesSheet(), widths: { A: 300 } }])).rejects.toThrow('Excel takes 0 to 255');
  });
  test('a merged range that is not a range says so', async () => {
    await expect(write('bad3.xlsx', [{ ...salesSheet(), merges: ['A1'] }])).rejects.toThrow('merged range "A1" is not a range');
  });
  test('nothing to export says so', async () => {
    await expect(write('empty.xlsx', [])).rejects.toThrow('Nothing to export');
  });
});
