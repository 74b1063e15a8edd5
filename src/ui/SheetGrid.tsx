import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { parseTsv, toTsv } from '../workbook/tsv';
import { COL_W, columnLayout, HEAD_W, ROW_H, visibleColumns, visibleRows, type ColumnLayout } from './sheet-geometry';
import { clampToUsed, tabEnter } from './sheet-moves';
import {
  arrowStep,
  cellKey,
  clearRange,
  copyRange,
  fillRange,
  keyCommand,
  navigate,
  pasteOrigin,
  pasteRange,
  rangeOf,
  selectRange,
  setCell,
  single,
  type CellPos,
  type CellRange,
  type InternalCopy,
  type Selection,
  type Updates,
} from './sheet-selection';
import { SheetColumnHeads } from './SheetColumnHeads';
import { SheetRow } from './SheetRow';
import { SheetFreezeMenu } from './SheetFreezeMenu';
import { FormulaInput } from './SheetFormulaInput';
import type { SheetGridProps } from './sheet-grid-types';
import { useSheetPointer, type LiveWidth } from './useSheetPointer';
import { rememberSheetCopy, sheetCopyOf } from './sheet-clipboard';
import { rangeHtml } from './grid-range';
import './sheet-grid.css';

export type { SheetCellView, SheetGridProps } from './sheet-grid-types';

const OVERSCAN = 8;
const OVERSCAN_COLS = 2;

/** A cell being edited in place: typed into ('enter': arrows commit and move, as in Excel) or opened with F2 / double-click ('edit': arrows move the caret). */
interface Editing {
  pos: CellPos;
  text: string;
  mode: 'enter' | 'edit';
}

/**
 * A spreadsheet grid as large as Excel's (A1:XFD1048576): virtualised both ways (only the visible
 * rows and columns are in the DOM), with a formula bar, Excel's keys, range selection, clipboard
 * as TSV of the typed texts (formulas pasted inside the sheet shift like Excel's), fill down /
 * right and a fill handle, column resize and autofit, and frozen panes. Nothing walks the whole
 * grid: whole-column work is cut to the `used` extent.
 */
export function SheetGrid({ rows, cols, raw, view, onEdit, renderFormulaInput, renderTools, colWidths, merges, select: moveTo, onMove, used, onResizeColumn, freeze, onFreeze }: SheetGridProps) {
  const size = { rows, cols };
  const extent = used ?? size;
  const [sel, setSel] = useState<Selection>(() => single({ row: 0, col: 0 }));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [viewport, setViewport] = useState({ w: 800, h: 420 });
  // A column's width while its edge is dragged (committed once, on release).
  const [live, setLive] = useState<LiveWidth>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<HTMLInputElement>(null);
  // The live edit, read by handlers that may run after it ended (blur after Enter), so it commits once.
  const editRef = useRef<Editing | null>(null);
  editRef.current = editing;
  const lastCopy = useRef<InternalCopy | undefined>(undefined);
  const cutRange = useRef<CellRange | undefined>(undefined);
  // The column a run of Tabs began in, for Enter to come back to.
  const tabStart = useRef<number | undefined>(undefined);
  const range = rangeOf(sel);
  const activeKey = cellKey(sel.active);
  /** The part of the selection worth walking: a whole column or row cut to the used extent. */
  const work = clampToUsed(range, size, extent);

  const edit = (updates: Updates | undefined) => {
    if (updates && Object.keys(updates).length > 0) onEdit(updates);
  };
  const focusGrid = () => rootRef.current?.focus({ preventScroll: true });
  // Prefix sums over up to 16,384 columns: an imported sheet keeps Excel's widths, a resized column its own.
  const layout = useMemo(() => columnLayout(cols, (c) => (live?.col === c ? live.px : (colWidths?.[c] ?? COL_W))), [cols, colWidths, live]);
  // Frozen panes drawn no larger than the viewport less a row (a column) to scroll: a pane frozen at row 100,000 would render 100,000 rows.
  const fr = Math.max(0, Math.min(rows - 1, freeze?.rows ?? 0, Math.floor(viewport.h / ROW_H) - 2));
  const fc = Math.max(0, Math.min(cols - 1, freeze?.cols ?? 0, layout.at(Math.max(0, viewport.w - HEAD_W - COL_W))));
  const rectStyle = (r: CellRange) => rectOf(r, layout);
  const filled = (p: CellPos) => p.row < extent.rows && p.col < extent.cols && (raw(cellKey(p)) ?? '') !== '';
  /** Where a cell shows in the scrolled content: a frozen one moves with the scroll to stay on screen. */
  const placeOf = (p: CellPos) => ({
    top: (p.row < fr ? scroll.top : 0) + ROW_H * (p.row + 1),
    left: (p.col < fc ? scroll.left : 0) + HEAD_W + layout.left(p.col),
    width: layout.width(p.col),
    height: ROW_H,
    pinned: p.row < fr || p.col < fc,
  });

  /** Scrolls a cell into view from the keyboard; the sticky headers and frozen panes cover the top and the left. */
  const reveal = (p: CellPos) => {
    const el = scrollRef.current;
    if (!el) return;
    const y = ROW_H * (p.row + 1);
    const x = HEAD_W + layout.left(p.col);
    const w = layout.width(p.col);
    const coverTop = ROW_H * (1 + fr);
    const coverLeft = HEAD_W + layout.left(fc);
    if (p.row >= fr) {
      if (y - coverTop < el.scrollTop) el.scrollTop = y - coverTop;
      else if (y + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = y + ROW_H - el.clientHeight;
    }
    if (p.col >= fc) {
      if (x - coverLeft < el.scrollLeft) el.scrollLeft = x - coverLeft;
      else if (x + w > el.scrollLeft + el.clientWidth) el.scrollLeft = x + w - el.clientWidth;
    }
  };
  const select = (next: Selection, show = next.focus) => {
    setSel(next);
    reveal(show);
  };
  /** Tab and Enter, from the grid or the cell editor: Enter comes back to the column a run of Tabs began in. */
  const tabOrEnter = (from: CellPos, key: 'Tab' | 'Enter', shift: boolean) => {
    const m = tabEnter(from, key, shift, tabStart.current, size);
    tabStart.current = m.tabStart;
    select(single(m.pos));
  };

  const startEdit = (pos: CellPos, text: string, mode: Editing['mode']) => {
    reveal(pos);
    const next = { pos, text, mode };
    editRef.current = next;
    setEditing(next);
  };
  const commitEdit = (text: string, move?: [number, number] | 'Tab' | 'Enter', shift = false) => {
    const current = editRef.current;
    if (!current) return;
    editRef.current = null;
    setEditing(null);
    edit(setCell(cellKey(current.pos), text, raw));
    if (move === 'Tab' || move === 'Enter') return tabOrEnter(current.pos, move, shift);
    if (move) {
      tabStart.current = undefined;
      select(navigate(single(current.pos), { type: 'move', dRow: move[0], dCol: move[1], extend: false, jump: false }, size, { filled, pageRows: 1 }));
    }
  };
  const cancelEdit = () => {
    editRef.current = null;
    setEditing(null);
    focusGrid();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== rootRef.current || e.nativeEvent.isComposing) return;
    if ((e.key === 'Tab' || e.key === 'Enter') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      return tabOrEnter(sel.active, e.key, e.shiftKey);
    }
    const cmd = keyCommand(e);
    if (!cmd) return;
    e.preventDefault();
    switch (cmd.type) {
      case 'edit':
        return startEdit(sel.active, raw(activeKey) ?? '', 'edit');
      case 'type':
        return startEdit(sel.active, cmd.text, 'enter');
      case 'clear':
        return work && edit(clearRange(work, raw));
      case 'fill':
        return work && edit(fillRange(work, cmd.direction, raw));
      default: {
        tabStart.current = undefined;
        const pageRows = Math.max(1, Math.floor(viewport.h / ROW_H) - 2 - fr);
        // Without a used extent, a small grid is looked through for its last cell; a big one never is.
        const next = navigate(sel, cmd, size, { filled, pageRows, used: used ?? (rows * cols > 1_000_000 ? size : undefined) });
        // Select all keeps the view where it is.
        select(next, cmd.type === 'selectAll' ? next.active : next.focus);
      }
    }
  };

  const onEditorKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const text = e.currentTarget.value;
    let move: [number, number] | 'Tab' | 'Enter' | undefined = editing?.mode === 'enter' ? arrowStep(e.key) : undefined;
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) move = 'Enter';
    else if (e.key === 'Tab') move = 'Tab';
    else if (e.key === 'Escape') {
      e.preventDefault();
      return cancelEdit();
    }
    if (!move) return;
    e.preventDefault();
    commitEdit(text, move, e.shiftKey);
    focusGrid();
  };

  const rowsShown = visibleRows(rows, ROW_H, scroll.top, viewport.h, fr, OVERSCAN);
  const [c0, c1] = visibleColumns(layout, scroll.left, viewport.w, fc, OVERSCAN_COLS);
  const [first, last] = rowsShown;
  const pointer = useSheetPointer({
    size,
    extent,
    range,
    layout,
    rowsShown,
    defaultWidth: COL_W,
    rootRef,
    scrollRef,
    raw,
    view,
    filled,
    setSel,
    edit,
    startEdit: (pos, text) => startEdit(pos, text, 'edit'),
    onPress: () => {
      focusGrid();
      tabStart.current = undefined;
    },
    live,
    setLive,
    onResizeColumn,
  });

  useEffect(() => {
    if (!moveTo) return;
    setSel(selectRange(moveTo.range));
    reveal({ row: moveTo.range.top, col: moveTo.range.left });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [moveTo?.seq]);

  // Clipboard events reach the document when the focused grid is not editable; the latest handler is read through a ref.
  const onClipboard = useRef((_e: ClipboardEvent) => {});
  onClipboard.current = (e) => {
    if (!e.clipboardData) return;
    e.preventDefault();
    if (e.type === 'paste') {
      const text = e.clipboardData.getData('text/plain');
      const from = onMove && lastCopy.current?.cut && pasteOrigin(text, { ...lastCopy.current, cut: false }) ? cutRange.current : undefined;
      if (onMove && from) {
        lastCopy.current = undefined;
        onMove(from, { row: range.top, col: range.left });
        return setSel(selectRange({ top: range.top, left: range.left, bottom: range.top + from.bottom - from.top, right: range.left + from.right - from.left }));
      }
      // A copy out of a sheet of this page pastes its cells' texts (formulas moved as they travel); anything else as typed.
      const own = sheetCopyOf(text);
      const origin = pasteOrigin(text, lastCopy.current) ?? own?.origin;
      const pasted = pasteRange(own?.rows ?? parseTsv(text), work ?? rangeOf(single(sel.active)), size, raw, origin);
      edit(pasted.updates);
      return setSel(selectRange(pasted.range));
    }
    // A copy gives other programs the values as they show, as text and as an HTML table (cells in
    // Excel and Sheets); a cut keeps the texts, for the move its paste makes.
    const own = work ? copyRange(work, raw) : [];
    const shown = work && e.type === 'copy' ? copyRange(work, (k) => view(k)?.text ?? '') : own;
    const text = toTsv(shown);
    e.clipboardData.setData('text/plain', text);
    if (e.type === 'copy') {
      e.clipboardData.setData('text/html', rangeHtml(shown));
      if (work) rememberSheetCopy({ shown: text, rows: own, origin: { row: work.top, col: work.left } });
    }
    lastCopy.current = { text, origin: { row: range.top, col: range.left }, cut: e.type === 'cut' };
    cutRange.current = work;
    // A cut with a move to paste into leaves its cells until the paste, as Excel does.
    if (e.type === 'cut' && work && !onMove) edit(clearRange(work, raw));
  };
  useEffect(() => {
    const types = ['copy', 'cut', 'paste'] as const;
    const handle = (e: ClipboardEvent) => {
      if (document.activeElement === rootRef.current) onClipboard.current(e);
    };
    for (const type of types) document.addEventListener(type, handle);
    return () => {
      for (const type of types) document.removeEventListener(type, handle);
    };
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setViewport({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const input = editorRef.current;
    if (!input || document.activeElement === input) return;
    input.focus({ preventScroll: true });
    input.setSelectionRange(input.value.length, input.value.length);
  }, [editing]);

  const barProps = {
    value: editing ? editing.text : (raw(activeKey) ?? ''),
    onCommit: (text: string) => {
      edit(setCell(activeKey, text, raw));
      const focused = document.activeElement;
      if (!focused || focused === document.body || barRef.current?.contains(focused)) focusGrid();
    },
    onCancel: focusGrid,
  };
  const rowOf = (r: number, top: number) => {
    const inRange = r >= range.top && r <= range.bottom;
    return <SheetRow key={r} row={r} top={top} first={c0} last={c1} frozen={fc} layout={layout} view={view} selLeft={inRange ? range.left : -1} selRight={inRange ? range.right : -1} />;
  };
  const corner = placeOf({ row: range.bottom, col: range.right });
  const active = placeOf(sel.active);

  return (
    <div className="sheet" data-testid="sheet-grid" tabIndex={0} ref={rootRef} onKeyDown={onKeyDown}>
      <div className="sheet-bar" ref={barRef}>
        <span className="sheet-address" data-testid="sheet-address" title="The active cell">
          {activeKey}
        </span>
        <span className="sheet-fx">fx</span>
        {renderFormulaInput ? (
          <div className="sheet-formula" data-testid="sheet-formula-bar" key={activeKey}>
            {renderFormulaInput(barProps)}
          </div>
        ) : (
          <div className="sheet-formula">
            <FormulaInput key={activeKey} {...barProps} />
          </div>
        )}
        <button
          type="button"
          className="sheet-tool"
          data-testid="sheet-fill-down"
          title="Fill the selection's first row down through it (Ctrl/Cmd+D)"
          onClick={() => {
            if (work) edit(fillRange(work, 'down', raw));
            focusGrid();
          }}
        >
          Fill down
        </button>
        {onFreeze && <SheetFreezeMenu freeze={freeze} active={sel.active} onFreeze={onFreeze} onDone={focusGrid} />}
        {renderTools?.(work ?? rangeOf(single(sel.active)))}
      </div>
      <div className="sheet-scroll" ref={scrollRef} onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}>
        <div
          className="sheet-content"
          role="grid"
          aria-rowcount={rows + 1}
          aria-colcount={cols + 1}
          style={{ height: ROW_H * (rows + 1), width: HEAD_W + layout.left(cols) }}
          onMouseDown={pointer.onMouseDown}
          onMouseOver={pointer.onMouseOver}
          onDoubleClick={pointer.onDoubleClick}
        >
          <SheetColumnHeads layout={layout} first={c0} last={c1} frozen={fc} selLeft={range.left} selRight={range.right} headW={HEAD_W} resizable={onResizeColumn !== undefined} />
          {fr > 0 && (
            <div className="sheet-frozen-rows" data-testid="sheet-frozen-rows" style={{ height: ROW_H * fr }}>
              {Array.from({ length: fr }, (_, r) => rowOf(r, ROW_H * r))}
            </div>
          )}
          {Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i).map((r) => rowOf(r, ROW_H * (r + 1)))}
          {merges?.filter((m) => m.top <= last && m.bottom >= first).map((m) => {
            const key = cellKey({ row: m.top, col: m.left });
            const v = view(key);
            return (
              <div key={`merge-${key}`} className={`sheet-merge kind-${v?.kind ?? 'empty'}`} data-testid="sheet-merge" data-merge={`${key}:${cellKey({ row: m.bottom, col: m.right })}`} style={rectStyle(m)}>
                {v && v.kind !== 'empty' ? v.text : ''}
              </div>
            );
          })}
          <div className="sheet-range" style={rectStyle(range)} />
          <div className={`sheet-active${active.pinned ? ' pinned' : ''}`} style={box(active)} />
          {pointer.fillPreview && <div className="sheet-fill-preview" data-testid="sheet-fill-preview" style={rectStyle(pointer.fillPreview)} />}
          {!editing && (
            <div className={`sheet-fill-handle${corner.pinned ? ' pinned' : ''}`} data-fill="" data-testid="sheet-fill-handle" title="Drag to fill; double-click to fill down beside the data" style={{ top: corner.top + corner.height - 4, left: corner.left + corner.width - 4 }} />
          )}
          {editing && (
            <input
              ref={editorRef}
              className="sheet-editor"
              data-testid="sheet-cell-editor"
              aria-label={`Edit ${cellKey(editing.pos)}`}
              spellCheck={false}
              value={editing.text}
              style={{ ...box(placeOf(editing.pos)), width: Math.min(480, Math.max(layout.width(editing.pos.col), 24 + 8 * editing.text.length)) }}
              onChange={(e) => {
                const next = { ...editing, text: e.target.value };
                editRef.current = next;
                setEditing(next);
              }}
              onKeyDown={onEditorKey}
              onBlur={(e) => commitEdit(e.currentTarget.value)}
            />
          )}
        </div>
      </div>
    </div>
  );
}

function box(p: { top: number; left: number; width: number; height: number }): CSSProperties {
  return { top: p.top, left: p.left, width: p.width, height: p.height };
}

/** Where a range sits in the scrolled content, below the header row and right of the row numbers. */
function rectOf(r: CellRange, layout: ColumnLayout): CSSProperties {
  return { top: ROW_H * (r.top + 1), left: HEAD_W + layout.left(r.left), width: layout.left(r.right + 1) - layout.left(r.left), height: ROW_H * (r.bottom - r.top + 1) };
}
