import { sheetExtent } from '../workbook';
import { type CellPos, type CellRange, type GridSize } from './sheet-selection';

/**
 * A range cut down to the used extent where it spans the whole sheet (a column header, a row
 * header, select all), so copying, clearing and filling it never walk 17 billion empty cells.
 * A range that ends inside the sheet is kept as it is (copying A1:C10 copies 10 rows even when
 * they are empty, as Excel does). Undefined when nothing of it is in use.
 */
export function clampToUsed(r: CellRange, size: GridSize, used: GridSize): CellRange | undefined {
  const wholeCols = r.top === 0 && r.bottom >= size.rows - 1;
  const wholeRows = r.left === 0 && r.right >= size.cols - 1;
  const bottom = wholeCols ? Math.min(r.bottom, used.rows - 1) : r.bottom;
  const right = wholeRows ? Math.min(r.right, used.cols - 1) : r.right;
  if (bottom < r.top || right < r.left) return undefined;
  return { top: r.top, left: r.left, bottom, right };
}

/** Where Tab and Enter go, and the column a run of Tabs began in (Excel: A1, Tab, B1, Tab, Enter → A2). */
export interface TabMove {
  pos: CellPos;
  /** The column to come back to on Enter; undefined once the run is over. */
  tabStart: number | undefined;
}

/**
 * Tab moves right (shift: left) and remembers where its run began; Enter moves down (shift: up),
 * back to that column, and ends the run. Any other move ends it too (the caller forgets it).
 */
export function tabEnter(active: CellPos, key: 'Tab' | 'Enter', shift: boolean, tabStart: number | undefined, size: GridSize): TabMove {
  const clampRow = (row: number) => Math.max(0, Math.min(size.rows - 1, row));
  const clampCol = (col: number) => Math.max(0, Math.min(size.cols - 1, col));
  if (key === 'Tab') return { pos: { row: active.row, col: clampCol(active.col + (shift ? -1 : 1)) }, tabStart: tabStart ?? active.col };
  return { pos: { row: clampRow(active.row + (shift ? -1 : 1)), col: clampCol(tabStart ?? active.col) }, tabStart: undefined };
}

/** Rows and columns from A1 to the last cell holding something, over `base` (a big sheet's stored extent, known before its cells are read). */
export function usedExtent(cells: Readonly<Record<string, string>>, base?: GridSize): GridSize {
  return sheetExtent({ cells, data: base });
}
