import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { parseTsv, toTsv } from '../workbook/tsv';
import { autofitWidth, AUTOFIT_ROWS } from './autofit';
import { fillDownTo, fillSeries, fillTarget } from './fill-series';
import { columnLayout, visibleColumns, visibleRows, type ColumnLayout } from './sheet-geometry';
import { clampToUsed, tabEnter } from './sheet-moves';
import {
  arrowStep,
  cellKey,
  clearRange,
  copyRange,
  extendTo,
  fillRange,
  keyCommand,
  navigate,
  parseCellKey,
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
import type { CellStyle } from '../workbook/cell-style';
import { cellCss } from './cell-style-css';
import { SheetColumnHeads } from './SheetColumnHeads';
import { SheetFreezeMenu, type Freeze } from './SheetFreezeMenu';
import { FormulaInput } from './SheetFormulaInput';
import './sheet-grid.css';

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
  /** Column widths in pixels, by column index (an imported sheet's widths); COL_W where unset. */
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

const ROW_H = 24;
const COL_W = 96;
// Wide enough for row 1048576.
const HEAD_W = 60;
const OVERSCAN = 8;
const OVERSCAN_COLS = 2;

/** A cell being edited in place: typed into ('enter': arrows commit and move, as in Excel) or opened with F2 / double-click ('edit': arrows move the caret). */
interface Editing {
  pos: CellPos;
  text: string;
  mode: 'enter' | 'edit';
}

/** What the pointer is dragging: a selection, the fill handle, or a column's right edge. */
type Drag = { type: 'select' } | { type: 'fill'; source: CellRange } | { type: 'resize'; col: number; startX: number; startW: number };

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
  const fr = Math.max(0, Math.min(rows - 1, freeze?.rows ?? 0));
  const fc = Math.max(0, Math.min(cols - 1, freeze?.cols ?? 0));
  const [sel, setSel] = useState<Selection>(() => single({ row: 0, col: 0 }));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [viewport, setViewport] = useState({ w: 800, h: 420 });
  // A column's width while its edge is dragged (committed once, on release).
  const [live, setLive] = useState<{ col: number; px: number } | null>(null);
  const [fillPreview, setFillPreview] = useState<CellRange | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<HTMLInputElement>(null);
  // The live edit, read by handlers that may run after it ended (blur after Enter), so it commits once.
  const editRef = useRef<Editing | null>(null);
  editRef.current = editing;
  const lastCopy = useRef<InternalCopy | undefined>(undefined);
  const cutRange = useRef<CellRange | undefined>(undefined);
  const drag = useRef<Drag | null>(null);
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
        const next = navigate(sel, cmd, size, { filled, pageRows, used });
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

  /** Whatever is under the pointer: a column edge, the fill handle, a cell, a header or the corner. */
  const hit = (e: MouseEvent): { grip?: number; fill?: true; cell?: CellPos; col?: number; row?: number; corner?: boolean } | undefined => {
    const el = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-grip],[data-fill],[data-cell],[data-col],[data-row],[data-corner]') : null;
    if (!el) return undefined;
    if (el.dataset.grip) return { grip: Number(el.dataset.grip) };
    if (el.dataset.fill !== undefined) return { fill: true };
    if (el.dataset.cell) return { cell: parseCellKey(el.dataset.cell) };
    if (el.dataset.col) return { col: Number(el.dataset.col) };
    if (el.dataset.row) return { row: Number(el.dataset.row) };
    return { corner: true };
  };
  const onMouseDown = (e: MouseEvent) => {
    const at = e.button === 0 ? hit(e) : undefined;
    if (!at) return;
    e.preventDefault();
    // Moving the focus first blurs an open editor or the formula bar, which commits to the cell it was editing.
    focusGrid();
    tabStart.current = undefined;
    const last = { row: rows - 1, col: cols - 1 };
    if (at.grip !== undefined) drag.current = { type: 'resize', col: at.grip, startX: e.clientX, startW: layout.width(at.grip) };
    else if (at.fill) {
      drag.current = { type: 'fill', source: range };
      setFillPreview(range);
    } else if (at.cell) {
      setSel((s) => (e.shiftKey ? extendTo(s, at.cell!) : single(at.cell!)));
      drag.current = { type: 'select' };
    } else if (at.col !== undefined) setSel(selectRange({ top: 0, bottom: last.row, left: at.col, right: at.col }));
    else if (at.row !== undefined) setSel(selectRange({ top: at.row, bottom: at.row, left: 0, right: last.col }));
    else setSel((s) => ({ active: s.active, anchor: { row: 0, col: 0 }, focus: last }));
  };
  const onMouseOver = (e: MouseEvent) => {
    const d = drag.current;
    const cell = d && d.type !== 'resize' ? hit(e)?.cell : undefined;
    if (!d || !cell) return;
    if (d.type === 'fill') setFillPreview(fillTarget(d.source, cell));
    else setSel((s) => (s.focus.row === cell.row && s.focus.col === cell.col ? s : extendTo(s, cell)));
  };
  /** Fits a column to the texts it shows: the first rows in use (up to AUTOFIT_ROWS) and the rows on screen. */
  const autofit = (col: number) => {
    const sample = rootRef.current?.querySelector('.sheet-cell');
    const style = sample ? getComputedStyle(sample) : undefined;
    const font = style ? `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}` : '13px sans-serif';
    const texts: string[] = [];
    const add = (row: number) => {
      const v = view(cellKey({ row, col }));
      if (v && v.kind !== 'empty') texts.push(v.text);
    };
    const top = Math.min(extent.rows, AUTOFIT_ROWS);
    for (let row = 0; row < top; row++) add(row);
    for (let row = Math.max(top, rowsShown[0]); row <= rowsShown[1]; row++) add(row);
    onResizeColumn?.(col, autofitWidth(texts, font) ?? COL_W);
  };
  const onDoubleClick = (e: MouseEvent) => {
    const at = hit(e);
    if (at?.grip !== undefined) return autofit(at.grip);
    if (at?.fill) {
      const to = fillDownTo(range, filled, extent.rows);
      if (to === undefined || to <= range.bottom) return;
      const target = { ...range, bottom: to };
      edit(fillSeries(range, target, raw));
      return setSel(selectRange(target));
    }
    if (at?.cell) startEdit(at.cell, raw(cellKey(at.cell)) ?? '', 'edit');
  };
  // The end of a drag: a column's new width, or the fill handle's fill (read through a ref: the latest state).
  const onDragEnd = useRef((_e: globalThis.MouseEvent) => {});
  onDragEnd.current = () => {
    const d = drag.current;
    drag.current = null;
    if (d?.type === 'resize') {
      if (live && live.px !== d.startW) onResizeColumn?.(d.col, live.px);
      setLive(null);
    } else if (d?.type === 'fill') {
      const target = fillPreview;
      setFillPreview(null);
      if (!target || rangeKey(target) === rangeKey(d.source)) return;
      edit(fillSeries(d.source, target, raw));
      setSel(selectRange(target));
    }
  };
  useEffect(() => {
    const up = (e: globalThis.MouseEvent) => onDragEnd.current(e);
    const move = (e: globalThis.MouseEvent) => {
      const d = drag.current;
      if (d?.type === 'resize') setLive({ col: d.col, px: Math.max(8, Math.round(d.startW + e.clientX - d.startX)) });
    };
    window.addEventListener('mouseup', up);
    window.addEventListener('mousemove', move);
    return () => {
      window.removeEventListener('mouseup', up);
      window.removeEventListener('mousemove', move);
    };
  }, []);

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
      const pasted = pasteRange(parseTsv(text), work ?? rangeOf(single(sel.active)), size, raw, pasteOrigin(text, lastCopy.current));
      edit(pasted.updates);
      return setSel(selectRange(pasted.range));
    }
    const text = work ? toTsv(copyRange(work, raw)) : '';
    e.clipboardData.setData('text/plain', text);
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

  const rowsShown = visibleRows(rows, ROW_H, scroll.top, viewport.h, fr, OVERSCAN);
  const [c0, c1] = visibleColumns(layout, scroll.left, viewport.w, fc, OVERSCAN_COLS);
  const [first, last] = rowsShown;

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
          onMouseDown={onMouseDown}
          onMouseOver={onMouseOver}
          onDoubleClick={onDoubleClick}
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
          {fillPreview && <div className="sheet-fill-preview" data-testid="sheet-fill-preview" style={rectStyle(fillPreview)} />}
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

const rangeKey = (r: CellRange) => `${r.top}:${r.left}:${r.bottom}:${r.right}`;

function box(p: { top: number; left: number; width: number; height: number }): CSSProperties {
  return { top: p.top, left: p.left, width: p.width, height: p.height };
}

/** Where a range sits in the scrolled content, below the header row and right of the row numbers. */
function rectOf(r: CellRange, layout: ColumnLayout): CSSProperties {
  return { top: ROW_H * (r.top + 1), left: HEAD_W + layout.left(r.left), width: layout.left(r.right + 1) - layout.left(r.left), height: ROW_H * (r.bottom - r.top + 1) };
}

/**
 * One row, memoised: scrolling renders only the rows that come into view, and a selection change
 * only the rows it touches. A new `view` function (the data changed) renders them all. It holds
 * the frozen columns' cells (sticky), a gap for the columns scrolled past, and the visible ones.
 */
const SheetRow = memo(function SheetRow({ row, top, first, last, frozen, layout, view, selLeft, selRight }: {
  row: number;
  top: number;
  first: number;
  last: number;
  frozen: number;
  layout: ColumnLayout;
  view: SheetGridProps['view'];
  selLeft: number;
  selRight: number;
}) {
  const cells: ReactNode[] = [];
  const add = (c: number, pin?: number) => {
    const key = cellKey({ row, col: c });
    cells.push(cell(key, view(key), c >= selLeft && c <= selRight, layout.width(c), pin, pin !== undefined && c === frozen - 1));
  };
  for (let c = 0; c < frozen; c++) add(c, HEAD_W + layout.left(c));
  cells.push(<div key="gap" className="sheet-gap" style={{ width: layout.left(first) - layout.left(frozen) }} />);
  for (let c = first; c <= last; c++) add(c);
  return (
    <div className="sheet-row" role="row" aria-rowindex={row + 2} style={{ top }}>
      <div className={`sheet-rowhead${selLeft >= 0 ? ' on' : ''}`} role="rowheader" data-row={row}>
        {row + 1}
      </div>
      {cells}
    </div>
  );
});

/** A frozen cell's inline style: sticky at `pin` px from the left. */
function pinned(style: CSSProperties | undefined, pin: number | undefined): CSSProperties | undefined {
  return pin === undefined ? style : { ...style, left: pin };
}

/** One cell (a plain element, not a component: a row renders dozens of them while scrolling): its computed text, aligned by kind; errors in red with their message as the tooltip. */
function cell(key: string, v: SheetCellView | undefined, selected: boolean, width: number, pin?: number, edge?: boolean): ReactNode {
  const kind = v?.kind ?? 'empty';
  return (
    <div
      key={key}
      className={`sheet-cell kind-${kind}${pin !== undefined ? ' pinned' : ''}${edge ? ' pin-edge' : ''}`}
      data-testid="sheet-cell"
      data-cell={key}
      data-value={v?.value ?? (kind === 'empty' ? '' : v?.text)}
      role="gridcell"
      aria-selected={selected}
      title={kind === 'error' ? v?.message : undefined}
      style={pinned(cellCss(v?.style, width === COL_W ? undefined : width), pin)}
    >
      {kind === 'empty' ? '' : v?.text}
    </div>
  );
}
