import { isSheetBlock, type BlockId, type SheetBlock, type WorkbookDocument } from '../document';
import { parseAddress } from '../sheet';
import { withDataOp } from './data-log';
import { SheetOpError } from './errors';
import { moveKeys, moveMerges, moveWidths, withPieces } from './layout';
import { MAX_COL, MAX_ROW, type Area, type AreaMap } from './refs';
import { rewriteWorkbookRefs } from './workbook-refs';

export type Axis = 'rows' | 'cols';

/** Inserting `n` at `at` on one axis: what lies at or past `at` moves by n; a span across `at` grows (up to the sheet's end). */
export function insertMap(axis: Axis, at: number, n: number): AreaMap {
  const max = axis === 'rows' ? MAX_ROW : MAX_COL;
  return (area) => {
    const span = area[axis];
    if (!span) return area;
    const start = span[0] >= at ? span[0] + n : span[0];
    // A range down to the sheet's end stays there (A1:A1048576 keeps its end); a cell pushed past it is gone.
    if (start > max) return null;
    return { ...area, [axis]: [start, Math.min(max, span[1] >= at ? span[1] + n : span[1])] };
  };
}

/** Deleting `n` from `at` on one axis: what lies wholly inside is gone (#REF!), a span losing some shrinks, what lies past moves back. */
export function deleteMap(axis: Axis, at: number, n: number): AreaMap {
  const last = at + n - 1;
  return (area) => {
    const span = area[axis];
    if (!span) return area;
    const [a, b] = span;
    if (a >= at && b <= last) return null;
    const moved: [number, number] = [a < at ? a : a > last ? a - n : at, b < at ? b : b > last ? b - n : at - 1];
    return { ...area, [axis]: moved };
  };
}

const WHAT = { insert: { rows: 'insert rows', cols: 'insert columns' }, delete: { rows: 'delete rows', cols: 'delete columns' } } as const;

/** Inserts `count` empty rows above row `at` (0-based), as Excel does: every reference into the sheet, from anywhere in the workbook, follows its cells. */
export function insertRows(doc: WorkbookDocument, id: BlockId, at: number, count = 1): WorkbookDocument {
  return shiftAxis(doc, id, 'rows', 'insert', at, count);
}

/** Deletes `count` rows from row `at`: references to their cells become #REF!, ranges across them shrink. */
export function deleteRows(doc: WorkbookDocument, id: BlockId, at: number, count = 1): WorkbookDocument {
  return shiftAxis(doc, id, 'rows', 'delete', at, count);
}

/** Inserts `count` empty columns left of column `at` (0-based). */
export function insertColumns(doc: WorkbookDocument, id: BlockId, at: number, count = 1): WorkbookDocument {
  return shiftAxis(doc, id, 'cols', 'insert', at, count);
}

/** Deletes `count` columns from column `at`. */
export function deleteColumns(doc: WorkbookDocument, id: BlockId, at: number, count = 1): WorkbookDocument {
  return shiftAxis(doc, id, 'cols', 'delete', at, count);
}

/** The sheet block `id`, or a clear error. */
export function sheetOf(doc: WorkbookDocument, id: BlockId): SheetBlock {
  const b = doc.blocks.find((x) => x.id === id);
  if (!b || !isSheetBlock(b)) throw new SheetOpError('That block is not a sheet (it may have been removed); select a cell in a sheet and try again.');
  return b;
}

function shiftAxis(doc: WorkbookDocument, id: BlockId, axis: Axis, op: 'insert' | 'delete', at: number, count: number): WorkbookDocument {
  const what = WHAT[op][axis];
  const sheet = sheetOf(doc, id);
  const max = axis === 'rows' ? MAX_ROW : MAX_COL;
  if (!Number.isInteger(at) || !Number.isInteger(count) || at < 0 || count < 1 || at + count - 1 > max)
    throw new SheetOpError(`Cannot ${what}: ${count} from ${at + 1} is outside the sheet; pick ${axis === 'rows' ? 'rows' : 'columns'} inside it.`);
  if (op === 'insert') {
    const spill = Object.keys(sheet.cells).find((k) => {
      const p = parseAddress(k);
      return p !== undefined && (axis === 'rows' ? p.row : p.col) + count > max;
    });
    if (spill) throw new SheetOpError(`Cannot ${what}: ${spill} would be pushed off the end of the sheet. Clear the last ${axis === 'rows' ? 'rows' : 'columns'} first.`);
    const stored = sheet.data && (axis === 'rows' ? sheet.data.rows : sheet.data.cols);
    if (stored && at < stored && stored + count > max + 1)
      throw new SheetOpError(`Cannot ${what}: ${sheet.name}'s cells from ${sheet.data!.file} reach ${axis === 'rows' ? `row ${stored}` : `column ${stored}`}, and ${count} more would push them off the end of the sheet. Insert fewer.`);
  }
  const map = op === 'insert' ? insertMap(axis, at, count) : deleteMap(axis, at, count);
  const rewritten = rewriteWorkbookRefs(doc, id, map);
  const target = sheetOf(rewritten, id);
  const cellMap = (row: number, col: number) => {
    const to = map({ rows: [row, row], cols: [col, col] });
    return to?.rows && to.cols ? { row: to.rows[0], col: to.cols[0] } : null;
  };
  const colMap = (col: number) => map({ cols: [col, col] })?.cols?.[0] ?? null;
  const moved = withPieces(target, {
    cells: moveKeys(target.cells, cellMap),
    formats: target.formats && moveKeys(target.formats, cellMap),
    styles: target.styles && moveKeys(target.styles, cellMap),
    widths: target.widths && (axis === 'cols' ? moveWidths(target.widths, colMap) : target.widths),
    merges: target.merges && moveMerges(target.merges, map as (a: Area) => Area | null),
  });
  const logged = withDataOp(moved, { kind: op, axis, at, count });
  return { ...rewritten, blocks: rewritten.blocks.map((b) => (b.id === id ? logged : b)) };
}
