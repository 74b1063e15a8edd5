import type { BlockId, WorkbookDocument } from '../document';
import { parseAddress } from '../sheet';
import { withDataOp } from './data-log';
import { SheetOpError } from './errors';
import { moveKeys, moveMerges, withPieces } from './layout';
import { MAX_COL, MAX_ROW, type Area, type AreaMap } from './refs';
import { sheetOf } from './rows-cols';
import { rewriteWorkbookRefs } from './workbook-refs';

/** A rectangle of cells, 0-based and inclusive. */
export interface CellRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const inside = (a: Area, r: CellRect) => !!a.rows && !!a.cols && a.rows[0] >= r.top && a.rows[1] <= r.bottom && a.cols[0] >= r.left && a.cols[1] <= r.right;

/**
 * Excel's cut and paste: the cells of `from` (texts, formats, merges) move so their top-left lands
 * on `to`, replacing what was there. Every reference in the workbook to a cell or range wholly
 * inside `from` follows it; one to a cell the move overwrote becomes #REF!; the moved formulas
 * keep their own text apart from that (a cut formula is not shifted like a copied one).
 */
export function moveRange(doc: WorkbookDocument, id: BlockId, from: CellRect, to: { row: number; col: number }): WorkbookDocument {
  sheetOf(doc, id);
  const dRow = to.row - from.top;
  const dCol = to.col - from.left;
  if (from.top < 0 || from.left < 0 || from.bottom < from.top || from.right < from.left) throw new SheetOpError('Cannot move cells: the cut range is empty; cut some cells first.');
  if (to.row < 0 || to.col < 0 || from.bottom + dRow > MAX_ROW || from.right + dCol > MAX_COL)
    throw new SheetOpError('Cannot move cells there: they would go past the end of the sheet. Paste them further up or left.');
  if (dRow === 0 && dCol === 0) return doc;
  const dest: CellRect = { top: from.top + dRow, bottom: from.bottom + dRow, left: from.left + dCol, right: from.right + dCol };
  const shift = (a: Area): Area => ({ rows: [a.rows![0] + dRow, a.rows![1] + dRow], cols: [a.cols![0] + dCol, a.cols![1] + dCol] });
  const map: AreaMap = (a) => (inside(a, from) ? shift(a) : inside(a, dest) ? null : a);
  const rewritten = rewriteWorkbookRefs(doc, id, map);
  const target = sheetOf(rewritten, id);

  const inRect = (row: number, col: number, r: CellRect) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
  const cellMap = (row: number, col: number) => (inRect(row, col, from) ? { row: row + dRow, col: col + dCol } : inRect(row, col, dest) ? null : { row, col });
  // Moved cells are written last so they win over what stayed in place.
  const byKey = <T>(record: Record<string, T>) => {
    const moved = (k: string) => {
      const p = parseAddress(k);
      return p !== undefined && inRect(p.row, p.col, from);
    };
    const stay = Object.fromEntries(Object.entries(record).filter(([k]) => !moved(k)));
    const go = Object.fromEntries(Object.entries(record).filter(([k]) => moved(k)));
    return { ...moveKeys(stay, cellMap), ...moveKeys(go, cellMap) };
  };
  const movedSheet = withPieces(target, {
    cells: byKey(target.cells),
    formats: target.formats && byKey(target.formats),
    styles: target.styles && byKey(target.styles),
    widths: target.widths,
    merges: target.merges && moveMerges(target.merges, (a) => (inside(a, from) ? shift(a) : inside(a, dest) ? null : a)),
  });
  const logged = withDataOp(movedSheet, { kind: 'move', from: { ...from }, to: { row: to.row, col: to.col } });
  return { ...rewritten, blocks: rewritten.blocks.map((b) => (b.id === id ? logged : b)) };
}
