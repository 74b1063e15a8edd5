import { columnIndex, columnLetters, isFormulaText } from '../formula';
import { cellXml, numberValue, type FileValue } from './cell-xml';
import { excelSerial, isoMs } from './excel-dates';
import { toExcelFormula, type FormulaScope } from './formula-text';
import { worksheetHead, worksheetTail } from './package-parts';
import { DATE_FORMAT, DATE_TIME_FORMAT, type StyleTable } from './styles';
import type { ExportSheet, ExportValue, StoredCells, WriteResult } from './types';
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

/**
 * The worksheet's rows as XML, in order: the sheet's own cells, merged with a big sheet's stored
 * cells read one row at a time (never gathered: 2 million of them would be that many objects).
 */
function* rowsOf(sheet: ExportSheet, worksheet: string, places: Place[], context: CellContext): Generator<[number, string]> {
  const stored = sheet.stored;
  let i = 0;
  const last = Math.max(places.at(-1)?.row ?? 0, stored?.rows ?? 0);
  for (let row = stored ? 1 : (places[0]?.row ?? 1); row <= last; ) {
    let line = '';
    if (stored && row <= stored.rows) {
      for (let col = 0; col < stored.cols; col++) {
        while (i < places.length && places[i]!.row === row && places[i]!.col < col) line += cellOf(sheet, worksheet, places[i++]!.ref, context);
        if (i < places.length && places[i]!.row === row && places[i]!.col === col) {
          // Listed for a computed value, a format or a style only: the stored cell is still the cell.
          const ref = places[i++]!.ref;
          const under = sheet.cells[ref] === undefined ? stored.at(row - 1, col) : undefined;
          line += under ? storedCellOf(sheet, worksheet, ref, under, context) : cellOf(sheet, worksheet, ref, context);
          continue;
        }
        const cell = stored.at(row - 1, col);
        if (cell) line += storedCellOf(sheet, worksheet, `${columnLetters(col)}${row}`, cell, context);
      }
    }
    while (i < places.length && places[i]!.row === row) line += cellOf(sheet, worksheet, places[i++]!.ref, context);
    if (line) yield [row, line];
    // Past the stored rows, straight to the next row that has cells.
    row = stored && row < stored.rows ? row + 1 : Math.max(row + 1, places[i]?.row ?? last + 1);
  }
}

type CellContext = { scope: FormulaScope; styles: StyleTable; valuesOnly: WriteResult['valuesOnly'] };

/** A stored cell's XML: its formula (when Excel can read it), its value, its format and any style set over it. */
function storedCellOf(sheet: ExportSheet, worksheet: string, ref: string, cell: NonNullable<ReturnType<StoredCells['at']>>, context: CellContext): string {
  const style = context.styles.styleOf(sheet.formats?.[ref] ?? cell.format, sheet.styles?.[ref]);
  // A value computed for the cell (a stored formula's result) wins over what the store says.
  const fileValue = toFileValue(sheet.values[ref] ?? cell.value);
  if (isFormulaText(cell.text)) {
    const formula = toExcelFormula(cell.text, context.scope);
    if (formula.ok) return cellXml(ref, fileValue, style, formula.text);
    context.valuesOnly.push({ sheet: worksheet, cell: ref, reason: formula.reason });
  }
  return cellXml(ref, fileValue, style);
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
  for (const format of sheet.stored?.formats ?? []) styles.styleOf(format, undefined);
  // A styled cell over a stored one pairs its style with the stored format.
  for (const ref of Object.keys(sheet.styles ?? {})) {
    const p = A1.exec(ref);
    const stored = p && sheet.stored?.at(Number(p[2]) - 1, columnIndex(p[1]!));
    if (stored) styles.styleOf(sheet.formats?.[ref] ?? stored.format, sheet.styles![ref]);
  }
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
  return Math.max(rows.size, sheet.stored?.rows ?? 0);
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
  const refs = refsOf(sheet);
  const places = [...refs].map((ref) => place(worksheet, ref)).sort((a, b) => a.row - b.row || a.col - b.col);
  await entry.write(worksheetHead({ cols: colsXml(worksheet, sheet.widths ?? {}), ...(sheet.freeze ? { freeze: sheet.freeze } : {}) }));
  for (const [row, line] of rowsOf(sheet, worksheet, places, context)) {
    await entry.write(`<row r="${row}">${line}</row>`);
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
