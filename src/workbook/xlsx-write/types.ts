import type { CellStyle } from '../cell-style';
/** A computed value as Cellar holds it: a formula cell's cached result, or a typed value. */
export type ExportValue =
  | { type: 'number'; value: number }
  | { type: 'text'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'error'; value: string }
  /** ISO date or date-time, `2024-03-15` or `2024-03-15T10:30:00`. */
  | { type: 'date'; value: string }
  | { type: 'empty' };

/** Cells kept outside `cells` (a big sheet's SheetData), read in row order. */
export interface StoredCells {
  rows: number;
  cols: number;
  /** Every number format the stored cells use (styles are written before the cells). */
  formats: string[];
  /** The stored cell at 0-based (row, col): its text as typed, its value, its format; undefined when empty. */
  at(row: number, col: number): { text: string; value: ExportValue; format?: string } | undefined;
}

/** A sheet block, as one worksheet. */
export interface ExportSheet {
  kind: 'sheet';
  /** The worksheet name wanted; made valid and unique for Excel, kept when it already is. */
  name: string;
  /** The block's name, as other sheets' formulas write it (`block!A1`); `name` when left out. */
  block?: string;
  /** A1 → the text as Cellar stores it; formulas start with `=`. */
  cells: Record<string, string>;
  /** A1 → the computed value: formula cells' cached results and typed values. */
  values: Record<string, ExportValue>;
  /**
   * A big sheet's stored cells, read row by row as the worksheet is written (never gathered into
   * `cells`): a cell `cells` or `values` also has is theirs.
   */
  stored?: StoredCells;
  /** A1 → an Excel number format code (`0.00`, `yyyy-mm-dd`, `$#,##0.00`). */
  formats?: Record<string, string>;
  /** A1 → bold, italic, fill and alignment. */
  styles?: Record<string, CellStyle>;
  /** Column letters → width in Excel's units (characters of the default font), as exceljs's `column.width`. */
  widths?: Record<string, number>;
  /** Merged ranges, `A1:C1`. */
  merges?: string[];
  /** Frozen panes: rows at the top and columns at the left that stay on screen in Excel. */
  freeze?: { rows: number; cols: number };
}

/** A table, SQL or pivot block, as one worksheet of its rows under a header row. */
export interface ExportTable {
  kind: 'table';
  name: string;
  block?: string;
  columns: { name: string; type: string /* DuckDB type */ }[];
  /**
   * Row chunks, values as apache-arrow's toArray/toJSON give them: number, bigint, string,
   * boolean, Date or number (ms since 1970) for dates and timestamps, null.
   */
  rows: AsyncIterable<unknown[][]>;
  totalRows: number;
}

export type ExportPart = ExportSheet | ExportTable;

/** Where the file's bytes go: a web stream, or anything with write (and close). */
export type XlsxSink =
  | WritableStream<Uint8Array>
  | { write(chunk: Uint8Array): Promise<void> | void; close?(): Promise<void> | void; abort?(reason: unknown): Promise<void> | void };

export type DeflateLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface WriteOptions {
  /** Rows written so far, of all the rows to write (sheet cells count as their rows). */
  onProgress?(done: number, total: number): void;
  /** What the import left out, one line each: written as a last worksheet "Not exported" when non-empty. */
  leftOut?: string[];
  /** Data rows a worksheet may hold under its header; Excel's 1,048,575 unless a test says less. */
  maxDataRows?: number;
  /**
   * Defined names (name → Excel formula text without `=`, such as `42` or `'Sheet 1'!$B$2`):
   * Cellar's named cells, so sheet formulas that read them keep their formulas.
   */
  names?: Record<string, string>;
  /** Deflate level, 1 (fastest, the default) to 9 (smallest). */
  level?: DeflateLevel;
  /** Cancels the export; the sink is aborted (web stream) or left unclosed. */
  signal?: AbortSignal;
}

export interface WriteResult {
  /** The worksheet names written, in order. */
  sheets: string[];
  /** Tables cut at Excel's last row: the worksheet and how many rows the table had. */
  truncated: { name: string; rows: number }[];
  /** Formula cells written as their values only, because Excel could not read them (why, per cell). */
  valuesOnly: { sheet: string; cell: string; reason: string }[];
}
