import type { SheetDataOp } from '../document';
import { isFormulaText, type Scalar } from '../formula';
import { shiftFormula } from '../formula/shift';
import { addressKey, typedValue } from '../sheet';
import { EMPTY, NUMBER, TEXT, type SheetData } from '../sheet-data';
import { extentAfter } from './data-log';
import { rewriteReferences, type AreaMap } from './refs';
import { deleteMap, insertMap } from './rows-cols';
import { fromKeyValue, sortOrder } from './sort-order';

/**
 * A big sheet's stored cells after its logged operations (`SheetDataRef.ops`), each applied as
 * the document side applied it to the person's cells: the same cell map, stored formulas'
 * references rewritten the same way (shifted, for a sort), formats moving with their cells.
 * `sheet` is the sheet's name (a stored formula may name its own sheet). Returns new stores; the
 * one given is never changed.
 */
export function replaySheetData(data: SheetData, ops: readonly SheetDataOp[], sheet: string): SheetData {
  return ops.reduce((d, op) => applySheetDataOp(d, op, sheet), data);
}

/** The stored cells after one operation. */
export function applySheetDataOp(d: SheetData, op: SheetDataOp, sheet: string): SheetData {
  const { rows, cols } = extentAfter(d.rows, d.cols, op);
  const out: SheetData = { rows, cols, kind: new Uint8Array(rows * cols), num: new Float64Array(rows * cols), text: new Map(), formatCodes: d.formatCodes, format: new Uint16Array(rows * cols) };
  const target = { sheet, inSheet: true };
  switch (op.kind) {
    case 'insert':
    case 'delete': {
      const map = (op.kind === 'insert' ? insertMap : deleteMap)(op.axis, op.at, op.count);
      const axisMap = (n: number) => map(op.axis === 'rows' ? { rows: [n, n] } : { cols: [n, n] })?.[op.axis]?.[0] ?? -1;
      const rowTo = op.axis === 'rows' ? indexMap(d.rows, axisMap) : identity(d.rows);
      const colTo = op.axis === 'cols' ? indexMap(d.cols, axisMap) : identity(d.cols);
      const rewrite = formulaRewrite((t) => rewriteReferences(t, target, map));
      // Runs of cells that keep their order are copied as blocks; texts are moved one by one.
      for (let col = 0; col < d.cols; col++) {
        const to = colTo[col]!;
        if (to < 0) continue;
        for (let row = 0; row < d.rows; ) {
          const start = row;
          const dest = rowTo[row]!;
          do row++;
          while (row < d.rows && (dest < 0 ? rowTo[row]! < 0 : rowTo[row] === dest + (row - start)));
          if (dest < 0) continue;
          const [from, end, at] = [col * d.rows + start, col * d.rows + row, to * rows + dest];
          out.kind.set(d.kind.subarray(from, end), at);
          out.num.set(d.num.subarray(from, end), at);
          out.format.set(d.format.subarray(from, end), at);
        }
      }
      for (const [i, text] of d.text) {
        const row = i % d.rows;
        const col = (i - row) / d.rows;
        if (rowTo[row]! >= 0 && colTo[col]! >= 0) out.text.set(colTo[col]! * rows + rowTo[row]!, rewrite(text));
      }
      return out;
    }
    case 'move': {
      const { from, to } = op;
      const [dRow, dCol] = [to.row - from.top, to.col - from.left];
      const dest = { top: to.row, left: to.col, bottom: from.bottom + dRow, right: from.right + dCol };
      const inside = (r: typeof from, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
      const covers = (r: typeof from, a: Parameters<AreaMap>[0]) => !!a.rows && !!a.cols && a.rows[0] >= r.top && a.rows[1] <= r.bottom && a.cols[0] >= r.left && a.cols[1] <= r.right;
      const map: AreaMap = (a) => (covers(from, a) ? { rows: [a.rows![0] + dRow, a.rows![1] + dRow], cols: [a.cols![0] + dCol, a.cols![1] + dCol] } : covers(dest, a) ? null : a);
      const rewrite = formulaRewrite((t) => rewriteReferences(t, target, map));
      // What stays first, then the moved cells over it (they win, as on the document side).
      copyCells(d, out, (row, col) => (inside(from, row, col) || inside(dest, row, col) ? -1 : col * rows + row), rewrite);
      copyCells(d, out, (row, col) => (inside(from, row, col) ? (col + dCol) * rows + row + dRow : -1), rewrite);
      return out;
    }
    case 'sort': {
      const { range, keys, values } = op;
      const top = range.top + (op.header ? 1 : 0);
      const stored = storedValue(d);
      const keyAt = (row: number, col: number) => {
        const v = values?.[addressKey(row, col)];
        return v !== undefined ? fromKeyValue(v) : stored(row, col);
      };
      const sorted = sortOrder(top, range.bottom, keys, keyAt, !!op.matchCase);
      const destOf = new Int32Array(d.rows).map((_, i) => i);
      sorted.forEach((from, i) => from < d.rows && (destOf[from] = top + i));
      const inCols = (col: number) => col >= range.left && col <= range.right;
      copyCells(
        d,
        out,
        (row, col) => col * rows + (inCols(col) ? destOf[row]! : row),
        (t, row, col) => (inCols(col) && row >= top && row <= range.bottom ? shiftFormula(t, destOf[row]! - row, 0) : t),
      );
      return out;
    }
  }
}

/**
 * A stored cell's value as a sort reads it from the file: its number, its text typed, null when
 * empty; undefined for a formula (a sort records those values).
 */
export function storedValue(d: SheetData): (row: number, col: number) => Scalar | undefined {
  // Typing a text is slow (it may be a date or a number with a format): each distinct text once.
  const typed = new Map<string, Scalar>();
  return (row, col) => {
    if (row >= d.rows || col >= d.cols) return null;
    const i = col * d.rows + row;
    const k = d.kind[i];
    if (k === NUMBER) return d.num[i]!;
    if (k !== TEXT) return null;
    const text = d.text.get(i)!;
    if (isFormulaText(text)) return undefined;
    let v = typed.get(text);
    if (v === undefined) typed.set(text, (v = typedValue(text)));
    return v;
  };
}

const identity = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

function indexMap(n: number, map: (i: number) => number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = map(i);
  return out;
}

/** Formula texts rewritten, others kept (a text that is not a formula has no references). */
function formulaRewrite(rewrite: (text: string) => string): (text: string) => string {
  return (text) => (isFormulaText(text) ? rewrite(text) : text);
}

/** Copies every non-empty cell of `from` to the index `at` gives (-1 drops it), texts through `edit`. */
function copyCells(from: SheetData, to: SheetData, at: (row: number, col: number) => number, edit: (text: string, row: number, col: number) => string): void {
  for (let col = 0; col < from.cols; col++)
    for (let row = 0, i = col * from.rows; row < from.rows; row++, i++) {
      const k = from.kind[i]!;
      if (k === EMPTY && from.format[i] === 0) continue;
      const j = at(row, col);
      if (j < 0 || j >= to.kind.length) continue;
      to.kind[j] = k;
      to.format[j] = from.format[i]!;
      if (k === NUMBER) to.num[j] = from.num[i]!;
      else if (k === TEXT) to.text.set(j, edit(from.text.get(i)!, row, col));
      else to.text.delete(j);
    }
}
