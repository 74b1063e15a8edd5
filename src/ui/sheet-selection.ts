import { columnIndex, columnLetters } from '../workbook/formula/lexer';
import { shiftFormula } from '../workbook/formula/shift';

/** A cell's place, 0-based: row 0 is row 1, col 0 is column A. */
export interface CellPos {
  row: number;
  col: number;
}

/** A rectangle of cells, inclusive on every side. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * The selection: the range from `anchor` to `focus` (the corner that shift+keys move), and the
 * active cell inside it (the one edited and shown in the formula bar; usually the anchor).
 */
export interface Selection {
  active: CellPos;
  anchor: CellPos;
  focus: CellPos;
}

export interface GridSize {
  rows: number;
  cols: number;
}

/** What the person typed in a cell, by A1 key. */
export type RawOf = (key: string) => string | undefined;
/** New raw texts by key; null clears the cell. */
export type Updates = Record<string, string | null>;

/** `{row: 1, col: 1}` → `B2`. */
export function cellKey(p: CellPos): string {
  return `${columnLetters(p.col)}${p.row + 1}`;
}

/** `B2` → `{row: 1, col: 1}`; undefined for anything else. */
export function parseCellKey(key: string): CellPos | undefined {
  const m = /^([A-Z]{1,3})([1-9][0-9]*)$/.exec(key);
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]!) } : undefined;
}

/** A selection of one cell. */
export function single(p: CellPos): Selection {
  return { active: p, anchor: p, focus: p };
}

/** The range from the active cell to `p`, as shift+click and dragging make it. */
export function extendTo(s: Selection, p: CellPos): Selection {
  return { active: s.active, anchor: s.active, focus: p };
}

/** A whole range selected, its top-left cell active (a column or row header clicked). */
export function selectRange(r: CellRange): Selection {
  const active = { row: r.top, col: r.left };
  return { active, anchor: active, focus: { row: r.bottom, col: r.right } };
}

/** Whether the range holds the cell. */
export function contains(r: CellRange, p: CellPos): boolean {
  return p.row >= r.top && p.row <= r.bottom && p.col >= r.left && p.col <= r.right;
}

/** The rectangle a selection covers. */
export function rangeOf(s: Selection): CellRange {
  return {
    top: Math.min(s.anchor.row, s.focus.row),
    bottom: Math.max(s.anchor.row, s.focus.row),
    left: Math.min(s.anchor.col, s.focus.col),
    right: Math.max(s.anchor.col, s.focus.col),
  };
}

/** `A1` or `A1:C3`, as Excel names a range. */
export function rangeLabel(r: CellRange): string {
  const start = cellKey({ row: r.top, col: r.left });
  return r.top === r.bottom && r.left === r.right ? start : `${start}:${cellKey({ row: r.bottom, col: r.right })}`;
}

function clampPos(p: CellPos, size: GridSize): CellPos {
  return { row: Math.max(0, Math.min(size.rows - 1, p.row)), col: Math.max(0, Math.min(size.cols - 1, p.col)) };
}

/** What a key does in the grid (when no cell is being edited). */
export type SheetCommand =
  /** Arrows (shift extends, ctrl jumps to the edge of the data), Enter and Tab. */
  | { type: 'move'; dRow: number; dCol: number; extend: boolean; jump: boolean }
  /** Home: column A (ctrl: cell A1); End: the last column (ctrl: the last cell with data). */
  | { type: 'home' | 'end'; extend: boolean; sheet: boolean }
  | { type: 'page'; dir: 1 | -1; extend: boolean }
  | { type: 'selectAll' }
  /** F2: edit the active cell's text. */
  | { type: 'edit' }
  /** A character typed: start editing with it. */
  | { type: 'type'; text: string }
  | { type: 'clear' }
  | { type: 'fill'; direction: 'down' | 'right' };

export type NavigateCommand = Extract<SheetCommand, { type: 'move' | 'home' | 'end' | 'page' | 'selectAll' }>;

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** An arrow key's step as [dRow, dCol]; undefined for other keys. */
export function arrowStep(key: string): [number, number] | undefined {
  return ARROWS[key];
}

/**
 * The grid's command for a key, or undefined to leave the key to the browser and the app (copy,
 * cut and paste arrive as clipboard events; Ctrl/Cmd+Z is the app's undo).
 */
export function keyCommand(e: KeyLike): SheetCommand | undefined {
  const mod = e.ctrlKey || e.metaKey;
  const arrow = ARROWS[e.key];
  if (arrow && !e.altKey) return { type: 'move', dRow: arrow[0], dCol: arrow[1], extend: e.shiftKey, jump: mod };
  if (mod && !e.altKey) return shortcut(e);
  if (e.key === 'Enter' || e.key === 'Tab') {
    const back = e.shiftKey ? -1 : 1;
    return e.key === 'Enter' ? { type: 'move', dRow: back, dCol: 0, extend: false, jump: false } : { type: 'move', dRow: 0, dCol: back, extend: false, jump: false };
  }
  if (e.key === 'Home' || e.key === 'End') return { type: e.key === 'Home' ? 'home' : 'end', extend: e.shiftKey, sheet: false };
  if (e.key === 'PageDown' || e.key === 'PageUp') return { type: 'page', dir: e.key === 'PageDown' ? 1 : -1, extend: e.shiftKey };
  if (e.key === 'F2') return { type: 'edit' };
  if (e.key === 'Delete' || e.key === 'Backspace') return { type: 'clear' };
  // One character (AltGr arrives as ctrl+alt on Windows, so alt is allowed).
  if ([...e.key].length === 1 && !(mod && !e.altKey)) return { type: 'type', text: e.key };
  return undefined;
}

/** Ctrl/Cmd + key. */
function shortcut(e: KeyLike): SheetCommand | undefined {
  switch (e.key) {
    case 'Home':
    case 'End':
      return { type: e.key === 'Home' ? 'home' : 'end', extend: e.shiftKey, sheet: true };
  }
  if (e.shiftKey) return undefined;
  switch (e.key.toLowerCase()) {
    case 'd':
      return { type: 'fill', direction: 'down' };
    case 'r':
      return { type: 'fill', direction: 'right' };
    case 'a':
      return { type: 'selectAll' };
    default:
      return undefined;
  }
}

/** What navigation needs to know about the sheet beyond its size. */
export interface NavigateContext {
  /** Whether a cell holds something (for ctrl+arrows and ctrl+End). */
  filled(p: CellPos): boolean;
  /** Rows a page key moves. */
  pageRows: number;
  /** The used extent (nothing is filled at or past it): ctrl+End goes to its corner, ctrl+arrows skip what lies past it. */
  used?: GridSize;
}

/**
 * The selection after a navigation command: plain moves go from the active cell and leave one
 * cell selected; extending moves the focus corner and keeps the active cell.
 */
export function navigate(s: Selection, cmd: NavigateCommand, size: GridSize, ctx: NavigateContext): Selection {
  if (cmd.type === 'selectAll') return { active: s.active, anchor: { row: 0, col: 0 }, focus: { row: size.rows - 1, col: size.cols - 1 } };
  const from = cmd.extend ? s.focus : s.active;
  const to = clampPos(target(from, cmd, size, ctx), size);
  if (!cmd.extend) return single(to);
  const next = { active: s.active, anchor: s.anchor, focus: to };
  return contains(rangeOf(next), s.active) ? next : { ...next, active: s.anchor };
}

function target(from: CellPos, cmd: Exclude<NavigateCommand, { type: 'selectAll' }>, size: GridSize, ctx: NavigateContext): CellPos {
  switch (cmd.type) {
    case 'move':
      return cmd.jump ? jump(from, cmd.dRow, cmd.dCol, size, ctx.filled, ctx.used) : { row: from.row + cmd.dRow, col: from.col + cmd.dCol };
    case 'page':
      return { row: from.row + cmd.dir * Math.max(1, ctx.pageRows), col: from.col };
    case 'home':
      return cmd.sheet ? { row: 0, col: 0 } : { row: from.row, col: 0 };
    case 'end':
      return cmd.sheet ? lastUsed(size, ctx.filled, ctx.used) : { row: from.row, col: size.cols - 1 };
  }
}

/**
 * Ctrl+arrow, as in Excel: inside a block of data, to its last cell; otherwise to the next cell
 * with data, or the sheet's edge when there is none. With `used`, the empty cells past the used
 * extent are crossed in one step (a million-row column is never walked cell by cell).
 */
export function jump(from: CellPos, dRow: number, dCol: number, size: GridSize, filled: (p: CellPos) => boolean, used?: GridSize): CellPos {
  const inside = (p: CellPos) => p.row >= 0 && p.col >= 0 && p.row < size.rows && p.col < size.cols;
  const step = (p: CellPos) => ({ row: p.row + dRow, col: p.col + dCol });
  const edge = { row: dRow > 0 ? size.rows - 1 : dRow < 0 ? 0 : from.row, col: dCol > 0 ? size.cols - 1 : dCol < 0 ? 0 : from.col };
  let p = step(from);
  if (!inside(p)) return from;
  if (filled(from) && filled(p)) {
    while (inside(step(p)) && filled(step(p))) p = step(p);
    return p;
  }
  if (used) {
    const rowOut = p.row >= used.rows;
    const colOut = p.col >= used.cols;
    // A line (column for up/down, row for left/right) wholly past the used extent, or moving away from it: the edge.
    if ((dRow !== 0 && colOut) || (dCol !== 0 && rowOut) || (dRow > 0 && rowOut) || (dCol > 0 && colOut)) return edge;
    // Moving back towards it: start from its last row (column).
    if (dRow < 0 && rowOut) p = { row: Math.max(0, used.rows - 1), col: p.col };
    if (dCol < 0 && colOut) p = { row: p.row, col: Math.max(0, used.cols - 1) };
  }
  const past = (q: CellPos) => used !== undefined && ((dRow > 0 && q.row >= used.rows) || (dCol > 0 && q.col >= used.cols));
  while (!filled(p) && inside(step(p))) {
    if (past(p)) return edge;
    p = step(p);
  }
  return p;
}

/** The bottom-right corner of the cells with data (A1 when there are none): the used extent's when known, else found by looking at every cell (small grids only). */
export function lastUsed(size: GridSize, filled: (p: CellPos) => boolean, used?: GridSize): CellPos {
  if (used) return { row: Math.max(0, Math.min(size.rows, used.rows) - 1), col: Math.max(0, Math.min(size.cols, used.cols) - 1) };
  let row = 0;
  let col = 0;
  for (let r = 0; r < size.rows; r++)
    for (let c = 0; c < size.cols; c++)
      if (filled({ row: r, col: c })) {
        row = Math.max(row, r);
        col = Math.max(col, c);
      }
  return { row, col };
}

/** Calls `visit` for every cell of the range, row by row. */
export function eachCell(r: CellRange, visit: (p: CellPos) => void): void {
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) visit({ row, col });
}

/** Adds `key: text` to `updates` when it changes the cell ('' clears). */
function put(updates: Updates, raw: RawOf, key: string, text: string): void {
  if (text === (raw(key) ?? '')) return;
  updates[key] = text === '' ? null : text;
}

/** The edit that sets one cell to `text`, or undefined when it is what the cell already holds. */
export function setCell(key: string, text: string, raw: RawOf): Updates | undefined {
  const updates: Updates = {};
  put(updates, raw, key, text);
  return Object.keys(updates).length > 0 ? updates : undefined;
}

/** The edit that empties the range (only the cells that hold something). */
export function clearRange(r: CellRange, raw: RawOf): Updates {
  const updates: Updates = {};
  eachCell(r, (p) => put(updates, raw, cellKey(p), ''));
  return updates;
}

/** The range's raw texts, rows of fields, for the clipboard. */
export function copyRange(r: CellRange, raw: RawOf): string[][] {
  const rows: string[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const fields: string[] = [];
    for (let col = r.left; col <= r.right; col++) fields.push(raw(cellKey({ row, col })) ?? '');
    rows.push(fields);
  }
  return rows;
}

/**
 * Pasting `data` at the selection: from its top-left cell, clipped to the grid; a selection that
 * is a whole multiple of the data's size is tiled with it, as Excel does. With `origin` (where
 * the data was copied from, inside this sheet) formulas are shifted by how far each cell moved.
 * Returns the edit and the range it covers.
 */
export function pasteRange(data: string[][], into: CellRange, size: GridSize, raw: RawOf, origin?: CellPos): { updates: Updates; range: CellRange } {
  const h = data.length;
  const w = Math.max(0, ...data.map((row) => row.length));
  if (h === 0 || w === 0) return { updates: {}, range: into };
  const selH = into.bottom - into.top + 1;
  const selW = into.right - into.left + 1;
  const tile = selH % h === 0 && selW % w === 0;
  const range = {
    top: into.top,
    left: into.left,
    bottom: Math.min(size.rows - 1, into.top + (tile ? selH : h) - 1),
    right: Math.min(size.cols - 1, into.left + (tile ? selW : w) - 1),
  };
  const updates: Updates = {};
  eachCell(range, (p) => {
    const i = (p.row - range.top) % h;
    const j = (p.col - range.left) % w;
    const text = data[i]![j] ?? '';
    put(updates, raw, cellKey(p), origin ? shiftFormula(text, p.row - origin.row - i, p.col - origin.col - j) : text);
  });
  return { updates, range };
}

/**
 * Ctrl+D / Ctrl+R: the range's first row (column) copied down (right) through it, formulas
 * shifted; a range of one row (column) copies the row above (column to the left), as in Excel.
 */
export function fillRange(r: CellRange, direction: 'down' | 'right', raw: RawOf): Updates {
  const updates: Updates = {};
  const down = direction === 'down';
  const first = down ? r.top : r.left;
  const last = down ? r.bottom : r.right;
  const source = first === last ? first - 1 : first;
  if (source < 0) return updates;
  eachCell(r, (p) => {
    const at = down ? p.row : p.col;
    if (at === source) return;
    const from = down ? { row: source, col: p.col } : { row: p.row, col: source };
    const text = raw(cellKey(from)) ?? '';
    put(updates, raw, cellKey(p), down ? shiftFormula(text, at - source, 0) : shiftFormula(text, 0, at - source));
  });
  return updates;
}

/** The last copy or cut inside the sheet: its clipboard text and where it came from. */
export interface InternalCopy {
  text: string;
  origin: CellPos;
  cut: boolean;
}

/**
 * Where clipboard text was copied from when it is the sheet's own last copy (so formulas shift
 * when pasted), or undefined when it came from elsewhere (pasted as typed) or from a cut (cut
 * formulas move without changing, as in Excel).
 */
export function pasteOrigin(clipboard: string, last: InternalCopy | undefined): CellPos | undefined {
  const normal = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  if (!last || last.cut || normal(clipboard) !== normal(last.text)) return undefined;
  return last.origin;
}
