/**
 * Range selection and Ctrl+C for a table grid (ag-grid Community has neither). The range is drawn
 * by toggling a class on the rendered cells only (a few dozen rows), again after each scroll or
 * page load, so a selection change never re-renders a row.
 */
import { ModuleRegistry, RowApiModule, type GridApi } from 'ag-grid-community';
import { useEffect, useRef, type RefObject } from 'react';
import type { ColumnInfo } from '../engine';
import { fetchPage, useWorkbook } from '../state';
import type { TableView } from '../workbook';
import { gridDataValue } from '../workbook/format';
import { copyLimitMessage, inBounds, rangeBounds, rangeHtml, rangeTsv, type GridCell, type GridRange, type RangeBounds } from './grid-range';

// getDisplayedRowCount / getDisplayedRowAtIndex: the row count for Ctrl+A and the cached rows a copy reads.
ModuleRegistry.registerModules([RowApiModule]);

interface RangeState {
  range?: GridRange;
  bounds?: RangeBounds;
  /** Displayed column ids in order, as when the range was set. */
  cols: string[];
}

const IN_RANGE = 'cell-in-range';

/** Marks the rendered cells inside the range and unmarks the rest. */
function paint(frame: HTMLElement, state: RangeState): void {
  for (const cell of frame.querySelectorAll<HTMLElement>('[role="row"][row-index] [role="gridcell"][col-id]')) {
    const row = Number(cell.parentElement?.closest('[role="row"]')?.getAttribute('row-index'));
    const inside = !!state.bounds && inBounds(state.bounds, row, state.cols.indexOf(cell.getAttribute('col-id') ?? ''));
    if (cell.classList.contains(IN_RANGE) !== inside) cell.classList.toggle(IN_RANGE, inside);
  }
}

type Getter = (p: { data?: Record<string, unknown> }) => unknown;

/** A row's value in a column as the grid shows it (an error column's valueGetter included), raw. */
function cellText(api: GridApi, colId: string, data: Record<string, unknown> | undefined): string {
  const getter = api.getColumnDef(colId)?.valueGetter;
  return gridDataValue(typeof getter === 'function' ? (getter as Getter)({ data }) : data?.[colId]);
}

/**
 * Wires mouse, Ctrl/Cmd+A and copy on the grid's frame. `view` is the grid's table with its
 * current sort and filters, `fetched` the columns a page query reads: rows of the range not in
 * ag-grid's cache are fetched the same way, so a range of thousands of rows copies whole.
 */
export function useGridRange(frameRef: RefObject<HTMLElement | null>, api: GridApi | undefined, view: () => TableView, fetched: ColumnInfo[]): void {
  const state = useRef<RangeState>({ cols: [] });
  const viewRef = useRef(view);
  viewRef.current = view;

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame || !api) return;
    const ctx = state.current;
    let frameRequest = 0;
    const repaint = () => {
      cancelAnimationFrame(frameRequest);
      frameRequest = requestAnimationFrame(() => paint(frame, ctx));
    };
    const gridEvents = ['bodyScroll', 'modelUpdated', 'viewportChanged', 'displayedColumnsChanged'] as const;
    for (const type of gridEvents) api.addEventListener(type, repaint);
    const set = (range: GridRange | undefined) => {
      ctx.cols = api.getAllDisplayedColumns().map((c) => c.getColId());
      ctx.range = range;
      ctx.bounds = range && rangeBounds(range);
      paint(frame, ctx);
    };
    const cellAt = (target: EventTarget | null): GridCell | undefined => {
      const cell = (target as Element | null)?.closest?.('[role="gridcell"]');
      const row = cell?.closest('[role="row"]')?.getAttribute('row-index');
      const colId = cell?.getAttribute('col-id');
      if (!cell || row === null || row === undefined || !colId) return undefined;
      const col = api.getAllDisplayedColumns().findIndex((c) => c.getColId() === colId);
      return col < 0 ? undefined : { row: Number(row), col };
    };
    let dragging = false;
    const down = (e: MouseEvent) => {
      const cell = e.button === 0 ? cellAt(e.target) : undefined;
      if (!cell) return;
      dragging = true;
      set(e.shiftKey && ctx.range ? { anchor: ctx.range.anchor, focus: cell } : { anchor: cell, focus: cell });
    };
    const move = (e: MouseEvent) => {
      if (!dragging || !ctx.range) return;
      const cell = cellAt(e.target);
      if (cell && (cell.row !== ctx.range.focus.row || cell.col !== ctx.range.focus.col)) set({ anchor: ctx.range.anchor, focus: cell });
    };
    const up = () => (dragging = false);
    const key = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'a' || (e.target as Element).closest('input, textarea, .ag-filter')) return;
      e.preventDefault();
      const rows = api.getDisplayedRowCount();
      const cols = api.getAllDisplayedColumns().length;
      if (rows > 0 && cols > 0) set({ anchor: { row: 0, col: 0 }, focus: { row: rows - 1, col: cols - 1 }, whole: true });
    };
    const copy = (e: ClipboardEvent) => {
      if (!ctx.range || !ctx.bounds || (e.target as Element).closest?.('input, textarea, .ag-filter')) return;
      e.preventDefault();
      const b = ctx.bounds;
      const notify = useWorkbook.getState().notify;
      const tooMany = copyLimitMessage(b);
      if (tooMany) return notify(tooMany);
      const cols = ctx.cols.slice(b.left, b.right + 1);
      const header = ctx.range.whole ? [cols] : [];
      const toRows = (data: (Record<string, unknown> | undefined)[]) => [...header, ...data.map((d) => cols.map((c) => cellText(api, c, d)))];
      // Rows in ag-grid's cache copy at once; otherwise the range is read from DuckDB first.
      const cached: (Record<string, unknown> | undefined)[] = [];
      for (let i = b.top; i <= b.bottom; i++) cached.push(api.getDisplayedRowAtIndex(i)?.data as Record<string, unknown> | undefined);
      if (cached.every((d) => d !== undefined) && e.clipboardData) {
        const rows = toRows(cached);
        e.clipboardData.setData('text/plain', rangeTsv(rows));
        e.clipboardData.setData('text/html', rangeHtml(rows, ctx.range.whole));
        return;
      }
      const whole = ctx.range.whole;
      fetchPage(viewRef.current(), fetched, b.top, b.bottom + 1)
        .then((data) => {
          const rows = toRows(data);
          const item = new ClipboardItem({
            'text/plain': new Blob([rangeTsv(rows)], { type: 'text/plain' }),
            'text/html': new Blob([rangeHtml(rows, whole)], { type: 'text/html' }),
          });
          return navigator.clipboard.write([item]);
        })
        .catch((error: unknown) => notify(`Could not copy the selected cells: ${error instanceof Error ? error.message : String(error)}. Try a smaller range, or export the table as CSV.`));
    };
    frame.addEventListener('mousedown', down);
    frame.addEventListener('mouseover', move);
    window.addEventListener('mouseup', up);
    frame.addEventListener('keydown', key);
    frame.addEventListener('copy', copy);
    return () => {
      cancelAnimationFrame(frameRequest);
      if (!api.isDestroyed()) for (const type of gridEvents) api.removeEventListener(type, repaint);
      frame.removeEventListener('mousedown', down);
      frame.removeEventListener('mouseover', move);
      window.removeEventListener('mouseup', up);
      frame.removeEventListener('keydown', key);
      frame.removeEventListener('copy', copy);
    };
  }, [frameRef, api, fetched]);
}
