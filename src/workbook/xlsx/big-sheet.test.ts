import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { columnLetters } from '../formula';
import { dataCellCount, dataFormat, dataRaw } from '../sheet-data';
import { BIG_SHEET_BYTES } from './big-sheet';
import { readXlsx } from './read';
import type { ImportedWorkbook } from './types';

const blockName = (sheet: string) => `book_${sheet}`;
const ROWS = 30_000;
/** Low enough that the generated Data sheet (a few MB of XML) is read as a big sheet, high enough that Other is not. */
const BIG = { blockName, bigSheetBytes: 100_000 };

/** A 30,000 × 10 sheet of every kind of cell the importer meets, and a small sheet it reads from (written once for the file). */
let written: Promise<Uint8Array> | undefined;
const workbook = () => (written ??= write());

async function write(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  const other = wb.addWorksheet('Other');
  other.getCell('A1').value = 7;
  other.getCell('B2').value = 'small';
  ws.getColumn('A').width = 20;
  ws.getColumn('D').width = 12;
  for (let r = 1; r <= ROWS; r++) {
    const row = ws.getRow(r);
    row.getCell(1).value = r % 97 === 0 ? -r / 7 : r * 1.5;
    row.getCell(2).value = ['x', 'k & <co>', '007', 'TRUE', '=not a formula', "'quoted", ` spaced `, `t${r % 50}`][r % 8];
    row.getCell(3).value = r % 3 === 0;
    const d = row.getCell(4);
    d.value = new Date(Date.UTC(2020, 0, 1 + (r % 1500), r % 24, 30));
    d.numFmt = r % 2 ? 'yyyy-mm-dd hh:mm' : 'mm-dd-yy';
    if (r % 11 === 0) row.getCell(5).value = { error: r % 2 ? '#N/A' : '#DIV/0!' } as ExcelJS.CellErrorValue;
    row.getCell(6).value = (r === 1 ? { formula: 'A1*2+$A$1', shareType: 'shared', ref: `F1:F${ROWS}`, result: 3 } : { sharedFormula: 'F1', result: r * 3 }) as ExcelJS.CellValue;
    row.getCell(7).value = { formula: `Other!A1+A${r}`, result: 7 + r } as ExcelJS.CellValue;
    const h = row.getCell(8);
    h.value = r / 1000;
    h.numFmt = '0.00%';
    if (r % 5 === 0) row.getCell(9).value = { richText: [{ text: 'rich ' }, { font: { bold: true }, text: `${r}` }] };
  }
  ws.getCell('J5').value = { formula: 'A5:A6*10', shareType: 'array', ref: 'J5:J6', result: 75 } as ExcelJS.CellValue;
  ws.getCell('J6').value = 90;
  ws.getCell('J9').value = { text: 'site', hyperlink: 'https://example.com' };
  ws.getCell('J12').value = 'noted';
  ws.getCell('J12').note = 'check this';
  ws.mergeCells('I1:J2');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Every cell of the exceljs path's sheet reads the same (text and format) from the big sheet's store, and nothing more is there. */
function expectSameCells(whole: ImportedWorkbook, big: ImportedWorkbook): void {
  const a = whole.sheets[0]!;
  const b = big.sheets[0]!;
  const d = b.data!;
  expect(a.data).toBeUndefined();
  expect(b.cells).toEqual({});
  let lastRow = 0;
  let lastCol = 0;
  const formats = a.formats ?? {};
  for (const [address, raw] of Object.entries(a.cells)) {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    const row = Number(m[2]) - 1;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    lastRow = Math.max(lastRow, row + 1);
    lastCol = Math.max(lastCol, col + 1);
    if (dataRaw(d, row, col) !== raw || dataFormat(d, row, col) !== formats[address])
      expect({ address, raw: dataRaw(d, row, col), format: dataFormat(d, row, col) }).toEqual({ address, raw, format: formats[address] });
  }
  expect(dataCellCount(d)).toBe(Object.keys(a.cells).length);
  expect([d.rows, d.cols]).toEqual([lastRow, lastCol]);
}

describe('big worksheets are read by the streaming scanner into a column store', () => {
  test('every cell of a 30,000 × 10 sheet reads as the exceljs path reads it, with widths, merges and what is left out', async () => {
    const bytes = await workbook();
    const whole = await readXlsx(bytes, { blockName, bigSheetBytes: Number.POSITIVE_INFINITY });
    const big = await readXlsx(bytes, BIG);
    expectSameCells(whole, big);
    const [a, b] = [whole.sheets[0]!, big.sheets[0]!];
    expect(b.data!.rows).toBe(ROWS);
    expect(b.data!.cols).toBe(10);
    expect(b.widths).toEqual(a.widths);
    expect(b.merges).toEqual(['I1:J2']);
    expect(big.leftOut).toEqual(whole.leftOut);
    expect(big.leftOut.join(' ')).toMatch(/Hyperlinks.*"Data"/);
    expect(big.sheets[1]).toEqual(whole.sheets[1]);
    // Spot checks of what "the same" means.
    const raw = (address: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      return b.cells[address] ?? dataRaw(b.data!, Number(m[2]) - 1, m[1]!.charCodeAt(0) - 65);
    };
    expect(raw('F3')).toBe('=A3*2+$A$1');
    expect(raw('G4')).toBe('=book_Other!A1+A4');
    expect(raw('J5')).toBe('=A5:A6*10');
    expect(raw('J6')).toBe('90');
    expect([raw('B2'), raw('B3'), raw('B1')]).toEqual(["'007", "'TRUE", 'k & <co>']);
    expect(raw('E11')).toBe('=#N/A');
    expect(raw('I5')).toBe('rich 5');
    expect(dataFormat(b.data!, 0, 3)).toBe('yyyy-mm-dd hh:mm');
  }, 240_000); // exceljs alone takes 10-40 s on 300,000 cells on a shared machine

  test('every Excel conformance workbook stays on the exceljs path: the limit is above their largest sheet', () => {
    expect(BIG_SHEET_BYTES).toBeGreaterThan(1_654_278);
  });

  test('a big sheet whose XML is cut short is refused as damaged, naming the sheet', async () => {
    const zip = await JSZip.loadAsync(await workbook());
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.slice(0, Math.floor(xml.length / 2)));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    await expect(readXlsx(bytes, BIG)).rejects.toThrow(/The worksheet "Data" is damaged: its XML stops in the middle of its cells.*Open the workbook in Excel/);
  });

  test('a big sheet whose used range spans past what Cellar holds is refused, saying how to find the stray cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Stray');
    ws.getCell('A1').value = 1;
    ws.getCell(`${columnLetters(16_383)}1048576`).value = 2;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    await expect(readXlsx(bytes, { blockName, bigSheetBytes: 10 })).rejects.toThrow(/"Stray" spans 1,048,576 rows × 16,384 columns.*Ctrl\+End/);
  });
});
