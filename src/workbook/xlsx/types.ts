import type { CellStyle } from '../cell-style';
import type { SheetData } from '../sheet-data';
/** An Excel workbook as Cellar imports it: one sheet per worksheet, and what was left out, in words. */
export interface ImportedWorkbook {
  sheets: ImportedSheet[];
  leftOut: string[];
  date1904: boolean;
}

export interface ImportedSheet {
  /** The worksheet's name in Excel. */
  name: string;
  /** options.blockName(name). */
  block: string;
  /** A1 -> text as Cellar's sheet stores it: '=…' formulas (rewritten), values as typed text. */
  cells: Record<string, string>;
  /** A1 -> Excel number format code, when not General. */
  formats?: Record<string, string>;
  /** Column letters -> width in Excel character units, when set. */
  widths?: Record<string, number>;
  /** 'A1:B2'. */
  merges?: string[];
  /** Frozen panes (the sheet view's frozen pane): rows at the top, columns at the left. */
  freeze?: { rows: number; cols: number };
  /** A1 -> bold, italic, fill and alignment, when set. */
  styles?: Record<string, CellStyle>;
  /** A1 of each formula cell -> the value Excel computed and saved. */
  cached?: Record<string, CachedValue>;
  /** A big worksheet's cells (values and formulas), column by column; `cells` is then empty. */
  data?: SheetData;
}

export type CachedValue =
  | { type: 'number'; value: number }
  | { type: 'text'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'error'; value: string }
  | { type: 'empty' };

export interface ReadXlsxOptions {
  /** The sheet block's name for a worksheet (the lead's `<file>_<sheet>` sanitizing). */
  blockName(sheetName: string): string;
  /** Worksheet parts inflating past this many bytes are read as big sheets (`data`); BIG_SHEET_BYTES by default. */
  bigSheetBytes?: number;
}
