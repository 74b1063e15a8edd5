import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { columnLetters } from '../workbook/formula/lexer';
import { parseTsv, toTsv } from '../workbook/tsv';
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
  /** Tools for the selected range (the Format menu), after Fill down in the bar. */
  renderTools?(range: CellRange): ReactNode;
  /** Column widths in pixels, by column index (an imported sheet's widths); COL_W where unset. */
  colWidths?: readonly (number | undefined)[];
  /** Merged ranges: the top-left cell's value shown over the whole range, as Excel shows it. */
  merges?: readonly CellRange[];
  /** Moves the selection there (Find next); a new `seq` moves it again, to the same range too. */
  select?: { range: CellRange; seq: number };
  /** This grid's own cut pasted back into it: the cells move (references to them follow) instead of being pasted as texts. */
  onMove?(from: CellRange, to: CellPos): void;
}

const ROW_H = 24;
const COL_W = 96;
const HEAD_W = 48;
const OVERSCAN = 8;

/** A cell being edited in place: typed into ('enter': arrows commit and move, as in Excel) or opened with F2 / double-click ('edit': arrows move the caret). */
interface Editing {
  pos: CellPos;
  text: string;
  mode: 'enter' | 'edit';
}

/**
 * A small A1 spreadsheet: a virtualised grid (only the visible rows are in the DOM) with a
 * formula bar, Excel's keys, range selection, clipboard as TSV of the typed texts (formulas pasted
 * inside the sheet shift like Excel's), and fill down / right.
 */
export function SheetGrid({ rows, cols, raw, view, onEdit, renderFormulaInput, renderTools, colWidths, merges, select: moveTo, onMove }: SheetGridProps) {
  const size = { rows, cols };
  const [sel, setSel] = useState<Selection>(() => single({ row: 0, col: 0 }));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportH, setViewportH] = useState(420);
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<HTMLInputElement>(null);
  // The live edit, read by handlers that may run after it ended (blur after Enter), so it commits once.
  const editRef = useRef<Editing | null>(null);
  editRef.current = editing;
  const lastCopy = useRef<InternalCopy | undefined>(undefined);
  const cutRange = useRef<CellRange | undefined>(undefined);
  const dragging = useRef(false);
  const range = rangeOf(sel);
  const activeKey = cellKey(sel.active);

  const edit = (updates: Updates | undefined) => {
    if (updates && Object.keys(updates).length > 0) onEdit(updates);
  };
  const focusGrid = () => rootRef.current?.focus({ preventScroll: true });
  // Where each column starts (lefts[c]) and how wide it is: an imported sheet keeps Excel's widths.
  const widths = useMemo(() => Array.from({ length: cols }, (_, c) => colWidths?.[c] ?? COL_W), [cols, colWidths]);
  const lefts = useMemo(() => widths.reduce<number[]>((acc, w) => (acc.push(acc[acc.length - 1]! + w), acc), [0]), [widths]);
  const rectStyle = (r: CellRange) => rectOf(r, lefts);
  const filled = (p: CellPos) => (raw(cellKey(p)) ?? '') !== '';

  /** Scrolls a cell into view from the keyboard; the sticky headers cover the top row and the left column. */
  const reveal = (p: CellPos) => {
    const el = scrollRef.current;
    if (!el) return;
    const y = ROW_H * (p.row + 1);
    const x = HEAD_W + lefts[p.col]!;
    const w = widths[p.col]!;
    if (y - ROW_H < el.scrollTop) el.scrollTop = y - ROW_H;
    else if (y + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = y + ROW_H - el.clientHeight;
    if (x - HEAD_W < el.scrollLeft) el.scrollLeft = x - HEAD_W;
    else if (x + w > el.scrollLeft + el.clientWidth) el.scrollLeft = x + w - el.clientWidth;
  };
  const select = (next: Selection, show = next.focus) => {
    setSel(next);
    reveal(show);
  };

  const startEdit = (pos: CellPos, text: string, mode: Editing['mode']) => {
    reveal(pos);
    const next = { pos, text, mode };
    editRef.current = next;
    setEditing(next);
  };
  const commitEdit = (text: string, move?: [number, number]) => {
    const current = editRef.current;
    if (!current) return;
    editRef.current = null;
    setEditing(null);
    edit(setCell(cellKey(current.pos), text, raw));
    if (move) select(navigate(single(current.pos), { type: 'move', dRow: move[0], dCol: move[1], extend: false, jump: false }, size, { filled, pageRows: 1 }));
  };
  const cancelEdit = () => {
    editRef.current = null;
    setEditing(null);
    focusGrid();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== rootRef.current || e.nativeEvent.isComposing) return;
    const cmd = keyCommand(e);
    if (!cmd) return;
    e.preventDefault();
    switch (cmd.type) {
      case 'edit':
        return startEdit(sel.active, raw(activeKey) ?? '', 'edit');
      case 'type':
        return startEdit(sel.active, cmd.text, 'enter');
      case 'clear':
        return edit(clearRange(range, raw));
      case 'fill':
        return edit(fillRange(range, cmd.direction, raw));
      default: {
        const next = navigate(sel, cmd, size, { filled, pageRows: Math.max(1, Math.floor(viewportH / ROW_H) - 2) });
        // Select all keeps the view where it is.
        select(next, cmd.type === 'selectAll' ? next.active : next.focus);
      }
    }
  };

  const onEditorKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const text = e.currentTarget.value;
    let move = editing?.mode === 'enter' ? arrowStep(e.key) : undefined;
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) move = [e.shiftKey ? -1 : 1, 0];
    else if (e.key === 'Tab') move = [0, e.shiftKey ? -1 : 1];
    else if (e.key === 'Escape') {
      e.preventDefault();
      return cancelEdit();
    }
    if (!move) return;
    e.preventDefault();
    commitEdit(text, move);
    focusGrid();
  };

  /** A cell, header or corner under the pointer. */
  const hit = (e: MouseEvent): { cell?: CellPos; col?: number; row?: number; corner?: boolean } | undefined => {
    const el = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-cell],[data-col],[data-row],[data-corner]') : null;
    if (!el) return undefined;
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
    const last = { row: rows - 1, col: cols - 1 };
    if (at.cell) {
      setSel((s) => (e.shiftKey ? extendTo(s, at.cell!) : single(at.cell!)));
      dragging.current = true;
    } else if (at.col !== undefined) setSel(selectRange({ top: 0, bottom: last.row, left: at.col, right: at.col }));
    else if (at.row !== undefined) setSel(selectRange({ top: at.row, bottom: at.row, left: 0, right: last.col }));
    else setSel((s) => ({ active: s.active, anchor: { row: 0, col: 0 }, focus: last }));
  };
  const onMouseOver = (e: MouseEvent) => {
    const cell = dragging.current ? hit(e)?.cell : undefined;
    if (cell) setSel((s) => (s.focus.row === cell.row && s.focus.col === cell.col ? s : extendTo(s, cell)));
  };
  const onDoubleClick = (e: MouseEvent) => {
    const cell = hit(e)?.cell;
    if (cell) startEdit(cell, raw(cellKey(cell)) ?? '', 'edit');
  };
  useEffect(() => {
    const up = () => (dragging.current = false);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
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
      const pasted = pasteRange(parseTsv(text), range, size, raw, pasteOrigin(text, lastCopy.current));
      edit(pasted.updates);
      return setSel(selectRange(pasted.range));
    }
    const text = toTsv(copyRange(range, raw));
    e.clipboardData.setData('text/plain', text);
    lastCopy.current = { text, origin: { row: range.top, col: range.left }, cut: e.type === 'cut' };
    cutRange.current = range;
    // A cut with a move to paste into leaves its cells until the paste, as Excel does.
    if (e.type === 'cut' && !onMove) edit(clearRange(range, raw));
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
    const measure = () => setViewportH(el.clientHeight);
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

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - 1 - OVERSCAN);
  const last = Math.min(rows - 1, Math.ceil((scrollTop + viewportH) / ROW_H) + OVERSCAN);
  const colIndexes = Array.from({ length: cols }, (_, c) => c);

  const barProps = {
    value: editing ? editing.text : (raw(activeKey) ?? ''),
    onCommit: (text: string) => {
      edit(setCell(activeKey, text, raw));
      const focused = document.activeElement;
      if (!focused || focused === document.body || barRef.current?.contains(focused)) focusGrid();
    },
    onCancel: focusGrid,
  };

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
            edit(fillRange(range, 'down', raw));
            focusGrid();
          }}
        >
          Fill down
        </button>
        {renderTools?.(range)}
      </div>
      <div className="sheet-scroll" ref={scrollRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div
          className="sheet-content"
          role="grid"
          aria-rowcount={rows + 1}
          aria-colcount={cols + 1}
          style={{ height: ROW_H * (rows + 1), width: HEAD_W + lefts[cols]! }}
          onMouseDown={onMouseDown}
          onMouseOver={onMouseOver}
          onDoubleClick={onDoubleClick}
        >
          <div className="sheet-colheads" role="row">
            <div className="sheet-corner" data-corner="" title="Select all" />
            {colIndexes.map((c) => (
              <div key={c} className={`sheet-colhead${c >= range.left && c <= range.right ? ' on' : ''}`} role="columnheader" data-col={c} style={widths[c] === COL_W ? undefined : { width: widths[c] }}>
                {columnLetters(c)}
              </div>
            ))}
          </div>
          {Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i).map((r) => {
            const inRange = r >= range.top && r <= range.bottom;
            return <SheetRow key={r} row={r} cols={cols} view={view} widths={widths} selLeft={inRange ? range.left : -1} selRight={inRange ? range.right : -1} />;
          })}
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
          <div className="sheet-active" style={rectStyle({ top: sel.active.row, bottom: sel.active.row, left: sel.active.col, right: sel.active.col })} />
          {editing && (
            <input
              ref={editorRef}
              className="sheet-editor"
              data-testid="sheet-cell-editor"
              aria-label={`Edit ${cellKey(editing.pos)}`}
              spellCheck={false}
              value={editing.text}
              style={{ ...rectStyle({ top: editing.pos.row, bottom: editing.pos.row, left: editing.pos.col, right: editing.pos.col }), width: Math.min(480, Math.max(widths[editing.pos.col]!, 24 + 8 * editing.text.length)) }}
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

/** Where a range sits in the scrolled content, below the header row and right of the row numbers. */
function rectOf(r: CellRange, lefts: readonly number[]): { top: number; left: number; width: number; height: number } {
  return { top: ROW_H * (r.top + 1), left: HEAD_W + lefts[r.left]!, width: lefts[r.right + 1]! - lefts[r.left]!, height: ROW_H * (r.bottom - r.top + 1) };
}

/**
 * One row, memoised: scrolling renders only the rows that come into view, and a selection change
 * only the rows it touches. A new `view` function (the data changed) renders them all.
 */
const SheetRow = memo(function SheetRow({ row, cols, view, widths, selLeft, selRight }: { row: number; cols: number; view: SheetGridProps['view']; widths: readonly number[]; selLeft: number; selRight: number }) {
  const cells: ReactNode[] = [];
  for (let c = 0; c < cols; c++) {
    const key = cellKey({ row, col: c });
    cells.push(cell(key, view(key), c >= selLeft && c <= selRight, widths[c]!));
  }
  return (
    <div className="sheet-row" role="row" aria-rowindex={row + 2} style={{ top: ROW_H * (row + 1) }}>
      <div className={`sheet-rowhead${selLeft >= 0 ? ' on' : ''}`} role="rowheader" data-row={row}>
        {row + 1}
      </div>
      {cells}
    </div>
  );
});

/** One cell (a plain element, not a component: a row renders 26 of them while scrolling): its computed text, aligned by kind; errors in red with their message as the tooltip. */
function cell(key: string, v: SheetCellView | undefined, selected: boolean, width: number): ReactNode {
  const kind = v?.kind ?? 'empty';
  return (
    <div
      key={key}
      className={`sheet-cell kind-${kind}`}
      data-testid="sheet-cell"
      data-cell={key}
      data-value={v?.value ?? (kind === 'empty' ? '' : v?.text)}
      role="gridcell"
      aria-selected={selected}
      title={kind === 'error' ? v?.message : undefined}
      style={cellCss(v?.style, width === COL_W ? undefined : width)}
    >
      {kind === 'empty' ? '' : v?.text}
    </div>
  );
}

/** The formula bar's plain editor: shows `value` until typed in; commits on Enter or when it loses focus, Escape puts the text back. */
function FormulaInput({ value, onCommit, onCancel }: { value: string; onCommit(text: string): void; onCancel(): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  // Read by the blur that follows Enter or Escape, after the draft has been dealt with.
  const draftRef = useRef<string | null>(null);
  const set = (text: string | null) => {
    draftRef.current = text;
    setDraft(text);
  };
  return (
    <input
      className="sheet-formula-input"
      data-testid="sheet-formula-bar"
      aria-label="Formula bar"
      spellCheck={false}
      value={draft ?? value}
      onChange={(e) => set(e.target.value)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== 'Escape') return;
        e.preventDefault();
        const text = draftRef.current ?? value;
        set(null);
        if (e.key === 'Enter') onCommit(text);
        else onCancel();
      }}
      onBlur={() => {
        const text = draftRef.current;
        set(null);
        if (text !== null && text !== value) onCommit(text);
      }}
    />
  );
}
