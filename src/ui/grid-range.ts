/**
 * A rectangular range of a table grid's cells and what Ctrl+C puts on the clipboard for it.
 *
 * Like Excel and Google Sheets, copying cells copies their values only; Ctrl+A selects the whole
 * columns, and then the header row of column names comes first (a table pasted whole keeps its
 * names). Values are the cells' raw `data-value` text (numbers unformatted), never their display.
 */
import { toTsv } from '../workbook/tsv';

export interface GridCell {
  row: number;
  col: number;
}

/** Anchor where the mouse went down, focus where it is now (shift-click or drag moves it). */
export interface GridRange {
  anchor: GridCell;
  focus: GridCell;
  /** Every row and column (Ctrl+A): the copy includes the header row. */
  whole?: boolean;
}

export interface RangeBounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Past this many cells a copy is refused: the clipboard is not an export. */
export const MAX_COPY_CELLS = 100_000;

export function rangeBounds(r: GridRange): RangeBounds {
  return {
    top: Math.min(r.anchor.row, r.focus.row),
    bottom: Math.max(r.anchor.row, r.focus.row),
    left: Math.min(r.anchor.col, r.focus.col),
    right: Math.max(r.anchor.col, r.focus.col),
  };
}

export function inBounds(b: RangeBounds, row: number, col: number): boolean {
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function cellCount(b: RangeBounds): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

/** Why a range is too big to copy, and what to do instead; undefined when it fits. */
export function copyLimitMessage(b: RangeBounds): string | undefined {
  const n = cellCount(b);
  if (n <= MAX_COPY_CELLS) return undefined;
  const rows = (b.bottom - b.top + 1).toLocaleString('en-US');
  const cols = (b.right - b.left + 1).toLocaleString('en-US');
  return `Nothing copied: ${rows} rows × ${cols} columns is ${n.toLocaleString('en-US')} cells, over the ${MAX_COPY_CELLS.toLocaleString('en-US')}-cell limit of copying. Select fewer rows, or export the table as CSV or Parquet from its block for every row.`;
}

/**
 * Tab-separated text as Excel reads it: a field holding a tab, newline or quote is wrapped in
 * quotes with its quotes doubled.
 */
export function rangeTsv(rows: string[][]): string {
  return toTsv(rows);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The same cells as an HTML table (what Excel and Sheets paste as cells); a header row as <th>. */
export function rangeHtml(rows: string[][], header = false): string {
  const body = rows
    .map((row, i) => {
      const tag = header && i === 0 ? 'th' : 'td';
      return `<tr>${row.map((v) => `<${tag}>${escapeHtml(v).replace(/\r?\n/g, '<br>')}</${tag}>`).join('')}</tr>`;
    })
    .join('');
  return `<table>${body}</table>`;
}
