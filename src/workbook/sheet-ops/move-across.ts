import type { BlockId, WorkbookDocument } from '../document';
import { parseAddress } from '../sheet';
import { sheetPrefix } from '../xlsx/formula-text';
import { assertMovable, SheetOpError } from './errors';
import { moveKeys, withPieces } from './layout';
import { moveRange, type CellRect } from './move';
import { MAX_COL, MAX_ROW, replaceReferences, type Area, type FoundRef } from './refs';
import { sheetOf } from './rows-cols';
import { mapWorkbookFormulas } from './workbook-refs';

const inside = (a: Area, r: CellRect) => !!a.rows && !!a.cols && a.rows[0] >= r.top && a.rows[1] <= r.bottom && a.cols[0] >= r.left && a.cols[1] <= r.right;
const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * Excel's cut in one sheet and paste in another: the cells of `from` in sheet `fromId` (texts,
 * formats, styles) move to `to` in sheet `toId`. References anywhere to the moved cells follow
 * them into the other sheet (named with it where they sit elsewhere); references to the cells the
 * move overwrote become #REF!; a moved formula's references to cells that stayed name the sheet
 * it came from, so it reads what it read before. Within one sheet this is moveRange.
 */
export function moveAcross(doc: WorkbookDocument, fromId: BlockId, from: CellRect, toId: BlockId, to: { row: number; col: number }): WorkbookDocument {
  if (fromId === toId) return moveRange(doc, fromId, from, to);
  const src = sheetOf(doc, fromId);
  const dst = sheetOf(doc, toId);
  assertMovable(src, 'move cells');
  assertMovable(dst, 'move cells');
  const dRow = to.row - from.top;
  const dCol = to.col - from.left;
  if (from.top < 0 || from.left < 0 || from.bottom < from.top || from.right < from.left) throw new SheetOpError('Cannot move cells: the cut range is empty; cut some cells first.');
  if (to.row < 0 || to.col < 0 || from.bottom + dRow > MAX_ROW || from.right + dCol > MAX_COL)
    throw new SheetOpError('Cannot move cells there: they would go past the end of the sheet. Paste them further up or left.');
  const dest: CellRect = { top: to.row, left: to.col, bottom: from.bottom + dRow, right: from.right + dCol };
  const shift = (a: Area): Area => ({ rows: [a.rows![0] + dRow, a.rows![1] + dRow], cols: [a.cols![0] + dCol, a.cols![1] + dCol] });
  const inRect = (key: string, r: CellRect) => {
    const p = parseAddress(key);
    return p !== undefined && p.row >= r.top && p.row <= r.bottom && p.col >= r.left && p.col <= r.right;
  };

  /** A reference seen from a formula in sheet `home` (undefined: not in a sheet), after the move. */
  const follow = (ref: FoundRef, home: string | undefined): string | undefined => {
    const sheet = ref.sheet ?? home;
    if (same(sheet, src.name) && inside(ref.area, from)) return (same(home, dst.name) ? '' : sheetPrefix(dst.name)) + ref.at(shift(ref.area));
    if (same(sheet, dst.name) && inside(ref.area, dest)) return '#REF!';
    return undefined;
  };
  // The moved formulas first, as they read from `src`: what stayed there is now named with it.
  const moved: Record<string, string> = {};
  for (const [k, v] of Object.entries(src.cells))
    if (inRect(k, from))
      moved[k] = replaceReferences(v, (ref) => follow(ref, src.name) ?? (ref.sheet === undefined ? sheetPrefix(src.name) + ref.text : undefined));

  const rewritten = mapWorkbookFormulas(doc, (text, home) => (home === undefined ? replaceReferences(text, (ref) => (ref.sheet === undefined ? undefined : follow(ref, home))) : replaceReferences(text, (ref) => follow(ref, home))));
  const s = sheetOf(rewritten, fromId);
  const d = sheetOf(rewritten, toId);
  const keep = <T>(record: Record<string, T> | undefined, r: CellRect) => record && Object.fromEntries(Object.entries(record).filter(([k]) => !inRect(k, r)));
  const carried = <T>(record: Record<string, T> | undefined) => moveKeys(Object.fromEntries(Object.entries(record ?? {}).filter(([k]) => inRect(k, from))), (row, col) => ({ row: row + dRow, col: col + dCol }));
  const nextSrc = withPieces(s, { cells: keep(s.cells, from)!, formats: keep(s.formats, from), styles: keep(s.styles, from), widths: s.widths, merges: s.merges });
  const nextDst = withPieces(d, {
    cells: { ...keep(d.cells, dest)!, ...carried(moved) },
    formats: { ...keep(d.formats, dest), ...carried(src.formats) },
    styles: { ...keep(d.styles, dest), ...carried(src.styles) },
    widths: d.widths,
    merges: d.merges,
  });
  return { ...rewritten, blocks: rewritten.blocks.map((b) => (b.id === fromId ? nextSrc : b.id === toId ? nextDst : b)) };
}
