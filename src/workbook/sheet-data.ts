/**
 * A big sheet's cells, held column by column outside the document (a 200,000 × 10 worksheet is
 * 2 million cells: as a `Record<string, string>` in the document, every autosave, undo step and
 * link would carry them). The document keeps only where they came from (`SheetBlock.data`) and the
 * person's edits over them (`SheetBlock.cells`, which win over these); the runtime keeps this.
 *
 * The cells cover A1 to (rows, cols). Index of a cell: `col * rows + row` (column-major: a formula
 * reading `Data!C:C` walks one contiguous stretch).
 */
export interface SheetData {
  rows: number;
  cols: number;
  /** Per cell: EMPTY, NUMBER (in `num`) or TEXT (in `text`: the cell's raw text as `SheetBlock.cells` stores it, `=…` formulas included). */
  kind: Uint8Array;
  num: Float64Array;
  text: Map<number, string>;
  /** Excel number format codes the cells use; `format[i]` is 0 for none, else codes[format[i] - 1]. */
  formatCodes: string[];
  format: Uint16Array;
}

export const EMPTY = 0;
export const NUMBER = 1;
export const TEXT = 2;

/** An empty store of rows × cols cells, to fill. */
export function createSheetData(rows: number, cols: number): SheetData {
  const n = rows * cols;
  return { rows, cols, kind: new Uint8Array(n), num: new Float64Array(n), text: new Map(), formatCodes: [], format: new Uint16Array(n) };
}

/** The cell's raw text as a sheet stores it ('42', '=B2*2', "'007"); undefined when empty or outside. */
export function dataRaw(d: SheetData, row: number, col: number): string | undefined {
  if (row >= d.rows || col >= d.cols) return undefined;
  const i = col * d.rows + row;
  const k = d.kind[i];
  if (k === NUMBER) return String(d.num[i]);
  if (k === TEXT) return d.text.get(i);
  return undefined;
}

/** The cell's number format code, if it has one. */
export function dataFormat(d: SheetData, row: number, col: number): string | undefined {
  if (row >= d.rows || col >= d.cols) return undefined;
  const f = d.format[col * d.rows + row]!;
  return f === 0 ? undefined : d.formatCodes[f - 1];
}

/** How many cells hold something. */
export function dataCellCount(d: SheetData): number {
  let n = 0;
  for (let i = 0; i < d.kind.length; i++) if (d.kind[i] !== EMPTY) n++;
  return n;
}

/** The typed arrays to hand to postMessage's transfer list (the store moves between threads without a copy). */
export function dataTransfer(d: SheetData): ArrayBuffer[] {
  return [d.kind.buffer, d.num.buffer, d.format.buffer] as ArrayBuffer[];
}
