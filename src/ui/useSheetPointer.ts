import { useEffect, useRef, useState, type Dispatch, type MouseEvent, type RefObject, type SetStateAction } from 'react';
import { autofitWidth, AUTOFIT_ROWS } from './autofit';
import { fillDownTo, fillSeries, fillTarget } from './fill-series';
import type { SheetCellView } from './sheet-grid-types';
import { HEAD_W, ROW_H, type ColumnLayout } from './sheet-geometry';
import { cellKey, extendTo, parseCellKey, selectRange, single, type CellPos, type CellRange, type GridSize, type RawOf, type Selection, type Updates } from './sheet-selection';

/** How far a drag past the viewport's edge scrolls per tick, and the header strips it counts as past the edge (px). */
const ROW_STEP = ROW_H;
const COL_STEP = 48;
const HEAD_ROW = ROW_H;
const HEAD_COL = HEAD_W;

/** What the pointer is dragging: a selection, the fill handle, or a column's right edge. */
type Drag = { type: 'select' } | { type: 'fill'; source: CellRange } | { type: 'resize'; col: number; startX: number; startW: number };

/** A column's width while its edge is dragged (committed once, on release). */
export type LiveWidth = { col: number; px: number } | null;

export interface PointerContext {
  size: GridSize;
  extent: GridSize;
  range: CellRange;
  layout: ColumnLayout;
  /** The rows on screen, for autofit to measure beside the first AUTOFIT_ROWS. */
  rowsShown: readonly [number, number];
  defaultWidth: number;
  rootRef: RefObject<HTMLDivElement | null>;
  /** The scrolling viewport, scrolled while a drag holds the pointer past its edge. */
  scrollRef: RefObject<HTMLDivElement | null>;
  raw: RawOf;
  view(key: string): SheetCellView | undefined;
  filled(p: CellPos): boolean;
  setSel: Dispatch<SetStateAction<Selection>>;
  edit(updates: Updates | undefined): void;
  startEdit(pos: CellPos, text: string): void;
  /** Focuses the grid (committing an open editor) when the pointer goes down on it. */
  onPress(): void;
  live: LiveWidth;
  setLive(live: LiveWidth): void;
  onResizeColumn?(col: number, px: number): void;
}

/**
 * The grid's pointer: click, shift-click and drag to select; a header selects its column or row,
 * the corner everything; the fill handle drags (and double-clicks) to fill; a column's right edge
 * drags to resize and double-clicks to fit its contents. Returns the handlers for the grid's
 * content and the range a fill drag would fill.
 */
export function useSheetPointer(ctx: PointerContext) {
  const { size, range, layout, setSel, edit, raw } = ctx;
  const drag = useRef<Drag | null>(null);
  const [fillPreview, setFillPreview] = useState<CellRange | null>(null);

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
    ctx.onPress();
    const last = { row: size.rows - 1, col: size.cols - 1 };
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
  /** A selection or fill drag reaching a cell. */
  const over = (cell: CellPos) => {
    const d = drag.current;
    if (d?.type === 'fill') setFillPreview(fillTarget(d.source, cell));
    else if (d?.type === 'select') setSel((s) => (s.focus.row === cell.row && s.focus.col === cell.col ? s : extendTo(s, cell)));
  };
  const onMouseOver = (e: MouseEvent) => {
    const cell = drag.current && drag.current.type !== 'resize' ? hit(e)?.cell : undefined;
    if (cell) over(cell);
  };
  const overRef = useRef(over);
  overRef.current = over;
  /** Fits a column to the texts it shows: the first rows in use (up to AUTOFIT_ROWS) and the rows on screen. */
  const autofit = (col: number) => {
    const sample = ctx.rootRef.current?.querySelector('.sheet-cell');
    const style = sample ? getComputedStyle(sample) : undefined;
    const font = style ? `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}` : '13px sans-serif';
    const texts: string[] = [];
    const add = (row: number) => {
      const v = ctx.view(cellKey({ row, col }));
      if (v && v.kind !== 'empty') texts.push(v.text);
    };
    const top = Math.min(ctx.extent.rows, AUTOFIT_ROWS);
    for (let row = 0; row < top; row++) add(row);
    for (let row = Math.max(top, ctx.rowsShown[0]); row <= ctx.rowsShown[1]; row++) add(row);
    ctx.onResizeColumn?.(col, autofitWidth(texts, font) ?? ctx.defaultWidth);
  };
  const onDoubleClick = (e: MouseEvent) => {
    const at = hit(e);
    if (at?.grip !== undefined) return autofit(at.grip);
    if (at?.fill) {
      const to = fillDownTo(range, ctx.filled, ctx.extent.rows);
      if (to === undefined || to <= range.bottom) return;
      const target = { ...range, bottom: to };
      edit(fillSeries(range, target, raw));
      return setSel(selectRange(target));
    }
    if (at?.cell) ctx.startEdit(at.cell, raw(cellKey(at.cell)) ?? '');
  };
  // The end of a drag: a column's new width, or the fill handle's fill (read through a ref: the latest state).
  const onDragEnd = useRef(() => {});
  onDragEnd.current = () => {
    const d = drag.current;
    drag.current = null;
    if (d?.type === 'resize') {
      if (ctx.live && ctx.live.px !== d.startW) ctx.onResizeColumn?.(d.col, ctx.live.px);
      ctx.setLive(null);
    } else if (d?.type === 'fill') {
      const target = fillPreview;
      setFillPreview(null);
      if (!target || sameRange(target, d.source)) return;
      edit(fillSeries(d.source, target, raw));
      setSel(selectRange(target));
    }
  };
  const setLive = useRef(ctx.setLive);
  setLive.current = ctx.setLive;
  const scrollRef = ctx.scrollRef;
  useEffect(() => {
    // A selection or fill dragged past the viewport's edge scrolls it, a row or column at a time, while the pointer stays there.
    let pointer: { x: number; y: number } | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    const autoscroll = () => {
      const el = scrollRef.current;
      if (!el || !pointer || !drag.current || drag.current.type === 'resize') return stop();
      const r = el.getBoundingClientRect();
      const dy = pointer.y > r.bottom - 6 ? ROW_STEP : pointer.y < r.top + HEAD_ROW ? -ROW_STEP : 0;
      const dx = pointer.x > r.right - 6 ? COL_STEP : pointer.x < r.left + HEAD_COL ? -COL_STEP : 0;
      if (!dx && !dy) return stop();
      el.scrollBy(dx, dy);
      const x = Math.max(r.left + HEAD_COL + 2, Math.min(r.right - 8, pointer.x));
      const y = Math.max(r.top + HEAD_ROW + 2, Math.min(r.bottom - 8, pointer.y));
      const key = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-cell]')?.dataset.cell;
      const cell = key ? parseCellKey(key) : undefined;
      if (cell) overRef.current(cell);
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const up = () => {
      stop();
      onDragEnd.current();
    };
    const move = (e: globalThis.MouseEvent) => {
      const d = drag.current;
      if (d?.type === 'resize') setLive.current({ col: d.col, px: Math.max(8, Math.round(d.startW + e.clientX - d.startX)) });
      else if (d) {
        pointer = { x: e.clientX, y: e.clientY };
        timer ??= setInterval(autoscroll, 50);
      }
    };
    window.addEventListener('mouseup', up);
    window.addEventListener('mousemove', move);
    return () => {
      stop();
      window.removeEventListener('mouseup', up);
      window.removeEventListener('mousemove', move);
    };
  }, [scrollRef]);

  return { onMouseDown, onMouseOver, onDoubleClick, fillPreview };
}

function sameRange(a: CellRange, b: CellRange): boolean {
  return a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
}
