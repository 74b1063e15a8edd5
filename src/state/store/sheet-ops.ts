import { isSheetBlock, sheetReader, type BlockId, type SheetBlock, type WorkbookDocument } from '../../workbook';
import {
  deleteColumns,
  deleteRows,
  insertColumns,
  insertRows,
  moveAcross,
  moveRange,
  replaceAll,
  SheetOpError,
  sortRange,
  storedValue,
  type CellRect,
  type FindOptions,
  type SortKey,
  type SortOptions,
} from '../../workbook/sheet-ops';
import { sheetDataAfter } from '../runtime/runners/sheet-data';
import type { StoreCore } from './core';

/** Excel's row and column operations on a sheet: each one undo step; a refusal is a notice and its message. */
export interface SheetOpsActions {
  /** Inserts `count` rows above row `at` (0-based); why not, when it cannot. */
  insertSheetRows(id: BlockId, at: number, count: number): string | undefined;
  deleteSheetRows(id: BlockId, at: number, count: number): string | undefined;
  /** Inserts `count` columns left of column `at` (0-based). */
  insertSheetColumns(id: BlockId, at: number, count: number): string | undefined;
  deleteSheetColumns(id: BlockId, at: number, count: number): string | undefined;
  /** Cut and paste: the cells of `from` move to `to`, references following them. */
  moveSheetRange(id: BlockId, from: CellRect, to: { row: number; col: number }): string | undefined;
  /** Cut in one sheet, paste in another: the cells move there, references following them. */
  moveSheetRangeAcross(fromId: BlockId, from: CellRect, toId: BlockId, to: { row: number; col: number }): string | undefined;
  /** Sorts the rows of a range by its computed values. */
  sortSheetRange(id: BlockId, range: CellRect, keys: SortKey[], options?: SortOptions): string | undefined;
  /** Replaces every match in the sheet; resolves to the number of cells changed, or why not. */
  replaceInSheet(id: BlockId, query: string, replacement: string, options?: FindOptions): number | string;
}

export function sheetOpsActions(core: StoreCore): SheetOpsActions {
  /** A big sheet's stored cells as its document says they are now (undefined until they are read). */
  const storedOf = (b: SheetBlock) => {
    const node = core.runtime.node(b.id);
    return b.data && node.sheetData && (node.sheetData = sheetDataAfter(node.sheetData, b.data, b.name));
  };
  /**
   * Commits `op`'s document as one undo step (the document stays small: a big sheet's cells are
   * replayed from its file by the operations it logs); a SheetOpError becomes a notice and the
   * returned message. A big sheet's stored cells are brought up to the new document first, so the
   * grid shows them moved with the person's edits rather than a run later.
   */
  const apply = (op: (doc: WorkbookDocument) => WorkbookDocument): string | undefined => {
    let next: WorkbookDocument;
    try {
      next = op(core.get().doc);
    } catch (e) {
      if (!(e instanceof SheetOpError)) throw e;
      core.notify(e.message);
      return e.message;
    }
    if (next === core.get().doc) return undefined;
    for (const b of next.blocks) if (isSheetBlock(b) && b.data && core.get().doc.blocks.find((x) => x.id === b.id) !== b) storedOf(b);
    void core.commit(next);
    return undefined;
  };
  const sheet = (id: BlockId) => core.get().doc.blocks.find((b): b is SheetBlock => b.id === id && isSheetBlock(b));
  return {
    insertSheetRows: (id, at, count) => apply((doc) => insertRows(doc, id, at, count)),
    deleteSheetRows: (id, at, count) => apply((doc) => deleteRows(doc, id, at, count)),
    insertSheetColumns: (id, at, count) => apply((doc) => insertColumns(doc, id, at, count)),
    deleteSheetColumns: (id, at, count) => apply((doc) => deleteColumns(doc, id, at, count)),
    moveSheetRange: (id, from, to) => apply((doc) => moveRange(doc, id, from, to)),
    moveSheetRangeAcross: (fromId, from, toId, to) => apply((doc) => moveAcross(doc, fromId, from, toId, to)),
    sortSheetRange(id, range, keys, options) {
      const values = core.runtime.node(id).sheetValues;
      const b = sheet(id);
      const data = b && storedOf(b);
      // A big sheet's constants are not among its computed values: they are read from its stored cells.
      const read = b && data ? sheetReader({ cells: b.cells, data }, values ?? new Map()).value : (k: string) => values?.get(k);
      return apply((doc) => sortRange(doc, id, range, keys, read, { ...options, ...(data ? { stored: storedValue(data) } : {}) }));
    },
    replaceInSheet(id, query, replacement, options) {
      let count = 0;
      const b = sheet(id);
      const data = b && storedOf(b);
      const why = apply((doc) => {
        const r = replaceAll(doc, id, query, replacement, options, data);
        count = r.count;
        return r.doc;
      });
      return why ?? count;
    },
  };
}
