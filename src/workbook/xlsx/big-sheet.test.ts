import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { columnLetters } from '../formula';
import { dataCellCount, dataFormat, dataRaw } from '../sheet-data';
import { BIG_SHEET_BYTES } from './big-sheet';
import { SheetScan } from './big-sheet-scan';
import { streamPart, zipEntries } from './big-sheet-zip';
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
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
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
  test('every cell of a 30,000 × 10 sheet reads as the exceljs path reads it, with widths, merges, frozen panes and what is left out', async () => {
    const bytes = await workbook();
    const whole = await readXlsx(bytes, { blockName, bigSheetBytes: Number.POSITIVE_INFINITY });
    const big = await readXlsx(bytes, BIG);
    expectSameCells(whole, big);
    const [a, b] = [whole.sheets[0]!, big.sheets[0]!];
    expect(b.data!.rows).toBe(ROWS);
    expect(b.data!.cols).toBe(10);
    expect(b.widths).toEqual(a.widths);
    expect(b.merges).toEqual(['I1:J2']);
    expect(b.freeze).toEqual({ rows: 1, cols: 1 });
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
    // The value Excel saved where J5's array spilled is left out: J5 spills there again.
    expect(raw('J6')).toBeUndefined();
    expect([raw('B2'), raw('B3'), raw('B1')]).toEqual(["'007", "'TRUE", 'k & <co>']);
    expect(raw('E11')).toBe('=#N/A');
    expect(raw('I5')).toBe('rich 5');
    expect(dataFormat(b.data!, 0, 3)).toBe('yyyy-mm-dd hh:mm');
  }, 240_000); // exceljs alone takes 10-40 s on 300,000 cells on a shared machine

  test('cells written by hand the way other writers do (inline and str text, escapes, phonetic runs, built-in and escaped formats, -0) read the same on both paths', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Odd').getCell('A1').value = 'placeholder';
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const xf = (id: number) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    zip.file('xl/styles.xml', `<?xml version="1.0"?><styleSheet ${main}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1">${xf(0)}</cellStyleXfs><cellXfs count="4">${xf(0)}${xf(164)}${xf(14)}${xf(10)}</cellXfs></styleSheet>`);
    zip.file('xl/sharedStrings.xml', `<?xml version="1.0"?><sst ${main}><si><t>plain_x0041_ &amp; more</t></si><si><r><t>ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r><rPh sb="0" eb="1"><t>PH</t></rPh></si><si><t/></si></sst>`);
    const rows = [
      '<c r="A1" t="inlineStr"><is><t>inline &amp; text</t></is></c><c r="B1" s="2"><v>45000</v></c><c r="C1"><v>-0</v></c><c r="D1" t="s"><v>0</v></c>',
      '<c r="A2" t="inlineStr"><is><r><t>ri</t></r><r><t>ch_x000D_</t></r></is></c><c r="B2" s="3"><v>0.25</v></c><c r="C2"><v>1E+300</v></c><c r="D2" t="s"><v>1</v></c>',
      '<c r="A3" t="str"><v>a &amp;amp; b</v></c><c r="B3" s="1"><f>A4</f><v>1</v></c><c r="D3" t="s"><v>2</v></c>',
      '<c r="A4" t="b"><v>0</v></c><c r="B4"><f t="shared" ref="B4:C5" si="0">$A1&amp;"x"&amp;B1</f><v>1</v></c><c r="C4"><f t="shared" si="0"/><v>2</v></c>',
      '<c r="A5" t="e"><v>#SPILL!</v></c><c r="B5"><f t="shared" si="0"/></c><c r="C5" s="1"><f t="shared" si="0"/><v>3</v></c><c r="D5" s="1"/>',
      '<c r="A6" s="1"><v>45366.123456789012</v></c><c r="B6"><f>"&lt;tag&gt;"</f><v>&lt;tag&gt;</v></c><c r="E6" t="e"><v>#DIV/0!</v></c>',
    ];
    zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet ${main}><sheetData>${rows.map((r, i) => `<row r="${i + 1}">${r}</row>`).join('')}<row r="9"/></sheetData></worksheet>`);
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const whole = await readXlsx(bytes, { blockName, bigSheetBytes: Number.POSITIVE_INFINITY });
    const big = await readXlsx(bytes, { blockName, bigSheetBytes: 0 });
    expectSameCells(whole, big);
    expect(whole.sheets[0]!.cells).toMatchObject({ A1: 'inline & text', A2: 'rich\r', A3: 'a & b', D1: 'plainA & more', D2: 'rich ', C1: '0', C4: '=$A1&"x"&C1', B5: '=$A2&"x"&B2' });
    expect(whole.sheets[0]!.formats).toMatchObject({ A6: 'yyyy-mm-dd', B1: 'mm-dd-yy', B2: '0.00%' });
  });

  test('a worksheet handed over in pieces of any size (tags cut in two, empty rows, <charset> in a rich run) scans the same', () => {
    const xml = '<worksheet><cols><col min="1" max="1" width="3"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row><row r="3"><c r="C3"><f>A1+1</f><v>2</v></c></row><row r="4"/><row r="5"><c r="A5" t="inlineStr"><is><r><rPr><charset val="1"/></rPr><t>y</t></r></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>';
    const scanned = [1, 2, 3, 7, 13, xml.length].map((size) => {
      const scan = new SheetScan('S', { strings: [], formats: [] });
      for (let i = 0; i < xml.length; i += size) scan.push(xml.slice(i, i + size));
      scan.end();
      return { head: scan.head, tail: scan.tail, cells: [scan.count, scan.rows, scan.cols], texts: scan.texts, formulas: scan.formulas };
    });
    expect(scanned[0]).toEqual({ head: '<worksheet><cols><col min="1" max="1" width="3"/></cols>', tail: '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>', cells: [4, 5, 3], texts: ['x', 'y'], formulas: [{ text: 'A1+1', row: 2, col: 2 }] });
    for (const s of scanned) expect(s).toEqual(scanned[0]);
  });

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

  test('a big sheet with no <sheetData> (a namespace prefix exceljs does not read either) is refused, saying to save it from Excel', async () => {
    const zip = await JSZip.loadAsync(await workbook());
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace(/<(\/?)(sheetData|row|c|v|f)\b/g, '<$1x:$2'));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    await expect(readXlsx(bytes, BIG)).rejects.toThrow(/The worksheet "Data" has no cells Cellar can read \(no <sheetData> in its XML\).*save it as \.xlsx/);
  });

  test('a big sheet that inflates past the size its zip directory declares is refused as a zip bomb', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    for (let r = 1; r <= 2000; r++) ws.getCell(`A${r}`).value = r;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    let patched = 0;
    for (let at = 0; at + 46 + name.length <= bytes.length; at++)
      if (view.getUint32(at, true) === 0x02014b50 && name.every((b, i) => bytes[at + 46 + i] === b)) {
        view.setUint32(at + 24, 5000, true); // the directory's uncompressed size: a lie
        patched++;
      }
    expect(patched).toBe(1);
    await expect(readXlsx(bytes, { blockName, bigSheetBytes: 1000 })).rejects.toThrow(/part xl\/worksheets\/sheet1\.xml inflates past the 5,000 bytes it declares: it is damaged or a zip bomb/);
  });

  test('without a native DecompressionStream the part inflates to the same text with fflate, and a lying size is caught there too', async () => {
    const bytes = await workbook();
    const entry = zipEntries(bytes).get('xl/worksheets/sheet1.xml')!;
    const text = async (native: boolean, e = entry) => {
      let out = '';
      await streamPart(bytes, e, (t) => (out += t), native);
      return out;
    };
    const native = await text(true);
    expect(native.length).toBe(entry.size);
    expect(await text(false)).toBe(native);
    await expect(text(false, { ...entry, size: 5000 })).rejects.toThrow(/inflates past the 5,000 bytes it declares/);
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
