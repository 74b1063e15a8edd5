import { createSheetData, NUMBER as DATA_NUMBER, TEXT as DATA_TEXT, type SheetData } from '../sheet-data';
import { parseNumberFormats, parseSharedStrings } from './big-sheet-parts';
import { FORMULA, NUMBER, SheetScan, TEXT } from './big-sheet-scan';
import { replaceParts, streamPart, zipEntries } from './big-sheet-zip';
import { type RewriteContext, rewriteFormula } from './formula-text';
import { legacyFormula } from './legacy-formula';
import type { LeftOut } from './left-out';
import type { ImportedSheet } from './types';
import type { WorkbookXml } from './workbook-xml';
import { XlsxImportError } from './zip-guard';

/**
 * A worksheet part that inflates past this is read by the streaming scanner into a SheetData
 * (exceljs would build an object per cell: 100k × 10 cells took 936 MB). Every workbook of the
 * Excel conformance corpus stays under it (its largest sheet part is 1.65 MB).
 */
export const BIG_SHEET_BYTES = 2 * 1024 * 1024;

/** The most cells a big sheet's used range may span (its store takes 11 bytes a cell). */
export const MAX_BIG_SHEET_CELLS = 20_000_000;

interface BigSheet {
  scan: SheetScan;
  /** The part has comments (exceljs drops those of cells it did not load). */
  comments: boolean;
}

/** The workbook to hand exceljs (big sheets emptied of their cells) and each big sheet's scan, by part. */
export interface BigSheets {
  bytes: Uint8Array;
  parts: Map<string, BigSheet>;
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * Scans every worksheet part past `limit` bytes and returns a copy of the zip where each keeps
 * everything but its cells (`<sheetData/>`), so exceljs still reads its columns, merges, rules and
 * drawings, and the workbook's names and other sheets as before.
 */
export async function splitBigSheets(bytes: Uint8Array, xml: WorkbookXml, limit = BIG_SHEET_BYTES): Promise<BigSheets> {
  const entries = zipEntries(bytes);
  const big = xml.sheets.filter((s) => !s.chart && (entries.get(s.part)?.size ?? 0) > limit);
  const parts = new Map<string, BigSheet>();
  if (!big.length) return { bytes, parts };
  // exceljs reads these two paths and no others (lib/xlsx/xlsx.js).
  const shared = { strings: parseSharedStrings(await xml.part('xl/sharedStrings.xml')), formats: parseNumberFormats(await xml.part('xl/styles.xml')) };
  const emptied = new Map<string, string>();
  for (const s of big) {
    const scan = new SheetScan(s.name, shared);
    await streamPart(bytes, entries.get(s.part)!, (text) => scan.push(text));
    scan.end();
    if (scan.rows * scan.cols > MAX_BIG_SHEET_CELLS)
      throw new XlsxImportError(
        `The worksheet "${s.name}" spans ${scan.rows.toLocaleString('en-US')} rows × ${scan.cols.toLocaleString('en-US')} columns, past the ${MAX_BIG_SHEET_CELLS.toLocaleString('en-US')} cells Cellar holds for one sheet. In Excel, press Ctrl+End to find the last cell, delete the stray rows and columns past your data, save, and drop it again.`,
      );
    emptied.set(s.part, `${scan.head}<sheetData/>${scan.tail}`);
    parts.set(s.part, { scan, comments: /\/comments"/.test((await xml.part(relsPath(s.part))) ?? '') });
  }
  return { bytes: await replaceParts(bytes, emptied), parts };
}

/** The scanned cells, column by column, their formulas rewritten for Cellar (as read.ts does for exceljs's). */
export function toSheetData(scan: SheetScan, rewrite: RewriteContext): SheetData {
  const d = createSheetData(scan.rows, scan.cols);
  d.formatCodes.push(...scan.formatCodes);
  for (let i = 0; i < scan.count; i++) {
    const row = scan.row[i]!;
    const col = scan.col[i]!;
    const at = col * scan.rows + row;
    const kind = scan.kind[i];
    d.format[at] = scan.format[i]!;
    if (kind === NUMBER) {
      d.kind[at] = DATA_NUMBER;
      d.num[at] = scan.num[i]!;
      continue;
    }
    d.kind[at] = DATA_TEXT;
    if (kind === TEXT) d.text.set(at, scan.texts[scan.num[i]!]!);
    else if (kind === FORMULA) {
      const f = scan.formulas[scan.num[i]!]!;
      const text = `=${rewriteFormula(f.text, rewrite, row - f.row, col - f.col)}`;
      d.text.set(at, f.array ? text : legacyFormula(text));
    }
  }
  return d;
}

/** Puts a big sheet's cells on the sheet exceljs read without them, and says what its cells carried that is left out. */
export function attachBigSheet(sheet: ImportedSheet, big: BigSheet, rewrite: RewriteContext, leftOut: LeftOut): void {
  sheet.cells = {};
  sheet.data = toSheetData(big.scan, rewrite);
  // In the order the exceljs path finds them: comments on cells, then hyperlinks.
  if (big.comments) leftOut.add('Comments', sheet.name);
  if (/<hyperlink\b/.test(big.scan.tail)) leftOut.add('Hyperlinks (their text was kept)', sheet.name);
}
