import { toScalar, parseTypedValue } from './cells';
import { columnIndex, columnLetters, isFormulaText, type Scalar } from './formula';
import type { FormulaWorld } from './formula-eval';
import { EMPTY, NUMBER, TEXT, type SheetData } from './sheet-data';
import { spillAt, spillsIn } from './sheet-spill';

/** A sheet's cells as formulas read them: the person's cells, over a big sheet's stored ones. */
export interface SheetCells {
  /** A1 → raw text; '' clears a stored cell under it. */
  cells: Record<string, string>;
  data?: SheetData;
}

/** Another sheet's values, for formulas that read it: a cell by address, and its used extent. */
export interface SheetReader {
  value(key: string): Scalar;
  /** The same by 0-based row and column (ranges over a big sheet read millions: no address text). */
  at(row: number, col: number): Scalar;
  /** Rows and columns up to the last used ones (what A:A reaches). */
  rows: number;
  cols: number;
  /** The size of the array spilled from a cell (for `Sheet1!A1#`). */
  spill?(key: string): { rows: number; cols: number } | undefined;
  /** The formula a cell holds, as typed (for ISFORMULA and FORMULATEXT). */
  formula?(key: string): string | undefined;
}

/** The workbook as a sheet's formulas see it: cells, tables and other sheets by name. */
export type SheetWorld = FormulaWorld & { sheet(name: string): SheetReader | undefined };

/** `B2` from 0-based row and column. */
export function addressKey(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** 0-based row and column of `B2`; undefined for anything else. */
export function parseAddress(key: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]{1,3})([1-9][0-9]*)$/.exec(key);
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]!) } : undefined;
}

/** What a typed-in cell holds: a formula's text is evaluated elsewhere; anything else is read as typed. */
export function typedValue(raw: string): Scalar {
  return toScalar(parseTypedValue(raw));
}

/** The index of a cell in SheetData, or -1 outside it. */
function dataIndex(d: SheetData, key: string): number {
  const a = parseAddress(key);
  return a && a.row < d.rows && a.col < d.cols ? a.col * d.rows + a.row : -1;
}

/**
 * A cell's raw content: the person's text, else a stored number (as a number: no text to parse)
 * or stored text; undefined when empty.
 */
export function rawOf(s: SheetCells, key: string): string | number | undefined {
  const own = s.cells[key];
  if (own !== undefined) return own === '' ? undefined : own;
  if (!s.data) return undefined;
  const i = dataIndex(s.data, key);
  if (i < 0) return undefined;
  const k = s.data.kind[i];
  return k === NUMBER ? s.data.num[i] : k === TEXT ? s.data.text.get(i) : undefined;
}

/** rawOf as the text a person would see in the formula bar. */
export function rawText(s: SheetCells, key: string): string | undefined {
  const r = rawOf(s, key);
  return typeof r === 'number' ? String(r) : r;
}

/** Rows and columns up to the last cell holding something (a loop, not Math.max(...): a sheet may hold millions). */
export function sheetExtent(s: { cells: Record<string, string>; data?: { rows: number; cols: number } }): { rows: number; cols: number } {
  let rows = s.data?.rows ?? 0;
  let cols = s.data?.cols ?? 0;
  for (const key in s.cells) {
    if (s.cells[key] === '') continue;
    const a = parseAddress(key);
    if (!a) continue;
    if (a.row >= rows) rows = a.row + 1;
    if (a.col >= cols) cols = a.col + 1;
  }
  return { rows, cols };
}

/**
 * The cells a sheet computes, in reading order (row, then column): the person's cells and the
 * stored formulas (stored constants need no computing). Most formulas read cells above or left of
 * them, so a column of `=A1+1` chained down computes without deep recursion.
 */
export function evaluationOrder(s: SheetCells): string[] {
  const found: { key: string; row: number; col: number }[] = [];
  for (const key in s.cells) {
    const a = parseAddress(key);
    if (a) found.push({ key, ...a });
  }
  const d = s.data;
  if (d) {
    for (const [i, text] of d.text) {
      if (!isFormulaText(text)) continue;
      const row = i % d.rows;
      const col = (i - row) / d.rows;
      const key = addressKey(row, col);
      if (s.cells[key] === undefined) found.push({ key, row, col });
    }
  }
  found.sort((x, y) => x.row - y.row || x.col - y.col);
  return found.map((x) => x.key);
}

/** A computed sheet as other sheets read it: the values computed, else the stored constants. */
export function sheetReader(s: SheetCells, values: ReadonlyMap<string, Scalar>): SheetReader {
  let { rows, cols } = sheetExtent(s);
  for (const sp of spillsIn(values)) {
    rows = Math.max(rows, sp.row + sp.rows);
    cols = Math.max(cols, sp.col + sp.cols);
  }
  const stored = storedReader(s);
  const value = (key: string): Scalar => {
    const v = values.get(key);
    if (v !== undefined || values.has(key) || s.cells[key] !== undefined || !s.data) return v ?? null;
    const raw = rawOf(s, key);
    return raw === undefined ? null : typeof raw === 'number' ? raw : isFormulaText(raw) ? null : typedValue(raw);
  };
  return {
    rows,
    cols,
    value,
    at: (row, col) => stored(row, col) ?? value(addressKey(row, col)),
    spill: (key) => spillAt(values, key),
    formula: (key) => {
      const raw = rawOf(s, key);
      return typeof raw === 'string' && isFormulaText(raw) ? raw : undefined;
    },
  };
}

/** Where a cell index of the whole grid lies, for sets of addresses without their text. */
const gridIndex = (row: number, col: number) => row * 16_384 + col;

/**
 * Reads a big sheet's stored constants by row and column, fast: undefined where the answer needs
 * the address (an edited cell, a stored formula, outside the stored extent), which the caller
 * then reads by its key. Stored text is typed once and kept.
 */
export function storedReader(s: SheetCells): (row: number, col: number) => Scalar | undefined {
  const d = s.data;
  if (!d) return () => undefined;
  const edited = new Set<number>();
  for (const key in s.cells) {
    const a = parseAddress(key);
    if (a) edited.add(gridIndex(a.row, a.col));
  }
  const typed = new Map<number, Scalar>();
  return (row, col) => {
    if (row >= d.rows || col >= d.cols || (edited.size > 0 && edited.has(gridIndex(row, col)))) return undefined;
    const i = col * d.rows + row;
    const k = d.kind[i];
    if (k === NUMBER) return d.num[i]!;
    if (k === EMPTY) return null;
    let v = typed.get(i);
    if (v === undefined && !typed.has(i)) {
      const text = d.text.get(i)!;
      if (isFormulaText(text)) return undefined;
      v = typedValue(text);
      typed.set(i, v);
    }
    return v ?? null;
  };
}

/** Visits a big sheet's stored cells that the person's cells do not cover, column by column. */
export function eachStored(s: SheetCells, visit: (key: string, raw: string | number, format: string | undefined) => void): void {
  const d = s.data;
  if (!d) return;
  for (let col = 0; col < d.cols; col++)
    for (let row = 0, i = col * d.rows; row < d.rows; row++, i++) {
      const k = d.kind[i];
      if (k === EMPTY) continue;
      const key = addressKey(row, col);
      if (s.cells[key] !== undefined) continue;
      const f = d.format[i]!;
      visit(key, k === NUMBER ? d.num[i]! : d.text.get(i)!, f === 0 ? undefined : d.formatCodes[f - 1]);
    }
}
