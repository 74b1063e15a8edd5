import type { ReactNode } from 'react';
import type { CellStyle } from '../workbook/cell-style';
import type { CellPos, CellRange } from './sheet-selection';
import type { Freeze } from './SheetFreezeMenu';

/** The sheet grid's props and what a cell shows (SheetGrid.tsx re-exports them). */
export interface SheetCellView {
  text: string;
  kind: 'number' | 'text' | 'boolean' | 'date' | 'error' | 'empty';
  message?: string;
  /** The raw value for `data-value` (numbers unformatted, dates as serials), whatever the text shows. */
  value?: string;
  /** Bold, italic, fill and alignment, drawn over the kind's own alignment. */
  style?: CellStyle;
}

export interface SheetGridProps {
  rows: number;
  cols: number;
  /** What the person typed in a cell ('42', '=B2*2', "'text"); undefined when empty. Keys are A1 addresses like 'B2'. */
  raw(key: string): string | undefined;
  /** What a cell shows (computed); undefined while not computed or empty. */
  view(key: string): SheetCellView | undefined;
  /** One edit = one undo step: new raw texts by key; '' or null clears the cell. */
  onEdit(updates: Record<string, string | null>): void;
  /** Renders the formula bar's editor for the active cell's raw text; when absent, a plain <input>. */
  renderFormulaInput?(props: { value: string; onCommit(text: string): void; onCancel(): void }): ReactNode;
  /** Tools for the selected range (the Format menu), after Fill down in the bar; a whole column or row comes cut to the used extent. */
  renderTools?(range: CellRange): ReactNode;
  /** Column widths in pixels, by column index (an imported sheet's widths); the default width where unset. */
  colWidths?: readonly (number | undefined)[];
  /** Merged ranges: the top-left cell's value shown over the whole range, as Excel shows it. */
  merges?: readonly CellRange[];
  /** Moves the selection there (Find next); a new `seq` moves it again, to the same range too. */
  select?: { range: CellRange; seq: number };
  /** This grid's own cut pasted back into it: the cells move (references to them follow) instead of being pasted as texts. */
  onMove?(from: CellRange, to: CellPos): void;
  /** The used extent (rows × columns from A1 holding data): ctrl+End goes to its corner; whole columns and rows are cut to it for copy, clear and fill. */
  used?: { rows: number; cols: number };
  /** A column's new width in px (a drag of its header's right edge, or a double-click that fits its contents). */
  onResizeColumn?(col: number, px: number): void;
  /** Rows at the top and columns at the left that stay on screen while the rest scrolls. */
  freeze?: Freeze;
  /** Freeze panes from the bar's menu; null unfreezes. */
  onFreeze?(freeze: Freeze | null): void;
}

