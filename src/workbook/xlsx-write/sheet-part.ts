import { columnIndex, isFormulaText } from '../formula';
import { cellXml, numberValue, type FileValue } from './cell-xml';
import { excelSerial, isoMs } from './excel-dates';
import { toExcelFormula, type FormulaScope } from './formula-text';
import { worksheetHead, worksheetTail } from './package-parts';
import { DATE_FORMAT, DATE_TIME_FORMAT, type StyleTable } from './styles';
import type { ExportSheet, ExportValue, WriteResult } from './types';
import type { ZipEntry } from './zip-out';

const A1 = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;
const RANGE = /^\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6}:\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6}$/;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_383;

interface Place {
  ref: string;
  row: number;
  col: number;
}

/** A cell address read, or a clear error naming the sheet and the bad key. */
function place(sheet: string, ref: string): Place {
  const m = A1.exec(ref);
  const row = m ? Number(m[2]) : 0;
  const col = m ? columnIndex(m[1]!) : -1;
  if (!m || row > MAX_ROW || col > MAX_COL)
    throw new Error(`Sheet "${sheet}": "${ref}" is not a cell address from A1 to XFD1048576; export the cells under their A1 addresses.`);
  return { ref, row, col };
}

/** Asks the style table for every cell's style (number format and cell style), so the styles part can be written before the sheets. */
export function addSheetStyles(sheet: ExportSheet, styles: StyleTable): void {
  for (const ref of refsOf(sheet)) styleIndex(sheet, ref, styles);
}

/** Every address the sheet writes: typed, computed, formatted or styled. */
function refsOf(sheet: ExportSheet): Set<string> {
  return new Set([...Object.keys(sheet.cells), ...Object.keys(sheet.values), ...Object.keys(sheet.formats ?? {}), ...Object.keys(sheet.styles ?? {})]);
}

/** A cell's `s` index: its number format (a date's default when it has none) with its style. */
function styleIndex(sheet: ExportSheet, ref: string, styles: StyleTable): number {
  const value = sheet.values[ref];
  let format = sheet.formats?.[ref];
  if (value?.type === 'date' && !format) format = dateFormat(value.value);
  return styles.styleOf(format, sheet.styles?.[ref]);
}

/** The rows a sheet will write (for progress). */
export function sheetRowCount(sheet: ExportSheet): number {
  const rows = new Set<string>();
  for (const ref of refsOf(sheet)) rows.add(ref.replace(/^[A-Z]+/, ''));
  return rows.size;
}

/**
 * Writes a sheet block as a worksheet part: cells in row and column order, formulas as Excel text
 * with their cached results, number formats, cell styles, column widths and merged ranges.
 */
export async function writeSheetPart(
  sheet: ExportSheet,
  worksheet: string,
  entry: ZipEntry,
  context: { scope: FormulaScope; styles: StyleTable; valuesOnly: WriteResult['valuesOnly']; onRow(): void },
): Promise<void> {
  const places = [...refsOf(sheet)].map((ref) => place(worksheet, ref)).sort((a, b) => a.row - b.row || a.col - b.col);
  await entry.write(worksheetHead({ cols: colsXml(worksheet, sheet.widths ?? {}), ...(sheet.freeze ? { freeze: sheet.freeze } : {}) }));
  let row = 0;
  let line = '';
  for (const p of places) {
    if (p.row !== row) {
      if (row) {
        await entry.write(`${line}</row>`);
        context.onRow();
      }
      row = p.row;
      line = `<row r="${row}">`;
    }
    line += cellOf(sheet, worksheet, p.ref, context);
  }
  if (row) {
    await entry.write(`${line}</row>`);
    context.onRow();
  }
  await entry.write(worksheetTail(mergesOf(worksheet, sheet.merges ?? [])));
}

/** One cell's XML: its formula (when Excel can read it), its value and its format. */
function cellOf(sheet: ExportSheet, worksheet: string, ref: string, context: { scope: FormulaScope; styles: StyleTable; valuesOnly: WriteResult['valuesOnly'] }): string {
  const text = sheet.cells[ref];
  const value = sheet.values[ref];
  const style = styleIndex(sheet, ref, context.styles);
  const fileValue = value ? toFileValue(value) : text !== undefined && !isFormulaText(text) && text !== '' ? ({ t: 's', v: text } as const) : undefined;
  if (text !== undefined && isFormulaText(text)) {
    const formula = toExcelFormula(text, context.scope);
    if (formula.ok) return cellXml(ref, fileValue, style, formula.text);
    context.valuesOnly.push({ sheet: worksheet, cell: ref, reason: formula.reason });
  }
  return cellXml(ref, fileValue, style);
}

/** A Cellar value as the file holds it; a date Excel cannot hold (before 1900) as its ISO text. */
export function toFileValue(value: ExportValue): FileValue | undefined {
  switch (value.type) {
    case 'number':
      return numberValue(value.value);
    case 'text':
      return { t: 's', v: value.value };
    case 'boolean':
      return { t: 'b', v: value.value };
    case 'error':
      return { t: 'e', v: value.value };
    case 'date': {
      const ms = isoMs(value.value);
      const serial = ms === undefined ? undefined : excelSerial(ms);
      return serial === undefined ? { t: 's', v: value.value } : { t: 'n', v: serial };
    }
    case 'empty':
      return undefined;
    default: {
      const never: never = value;
      throw new Error(`Unknown value ${JSON.stringify(never)}`);
    }
  }
}

function dateFormat(iso: string): string {
  return /[T ]\d{2}:\d{2}/.test(iso) ? DATE_TIME_FORMAT : DATE_FORMAT;
}

/** `<cols>` from widths by column letters (Excel's character units, 0 to 255). */
function colsXml(worksheet: string, widths: Record<string, number>): string {
  const cols = Object.entries(widths).map(([letters, width]) => {
    const col = /^[A-Z]{1,3}$/.test(letters) ? columnIndex(letters) : -1;
    if (col < 0 || col > MAX_COL) throw new Error(`Sheet "${worksheet}": the width for "${letters}" names no column (A to XFD).`);
    if (!Number.isFinite(width) || width < 0 || width > 255) throw new Error(`Sheet "${worksheet}": column ${letters} has width ${width}; Excel takes 0 to 255 characters.`);
    return { col, width };
  });
  if (!cols.length) return '';
  cols.sort((a, b) => a.col - b.col);
  return `<cols>${cols.map(({ col, width }) => `<col min="${col + 1}" max="${col + 1}" width="${width}" customWidth="1"/>`).join('')}</cols>`;
}

function mergesOf(worksheet: string, merges: string[]): string[] {
  for (const m of merges) if (!RANGE.test(m)) throw new Error(`Sheet "${worksheet}": merged range "${m}" is not a range like A1:C3.`);
  return merges.map((m) => m.replaceAll('$', ''));
}
