import type { BlockId, SheetBlock, WorkbookDocument } from '../../workbook';
import type { StoreCore } from './core';

/** A change of a sheet's layout: column widths (Excel characters, null for the default) and frozen panes (null unfreezes). */
export interface SheetLayout {
  widths?: Record<string, number | null>;
  freeze?: { rows: number; cols: number } | null;
}

export interface LayoutActions {
  /** Column widths and frozen panes of a sheet; one undo step (a drag of a column edge, however long, is one). */
  setSheetLayout(id: BlockId, layout: SheetLayout): void;
}

/** Excel keeps column widths from 0 to 255 characters, to two decimals in what it shows. */
const clampWidth = (chars: number) => Math.round(Math.max(0, Math.min(255, chars)) * 100) / 100;

/** The sheet with its layout changed; fields left without content are dropped. */
export function withLayout(b: SheetBlock, layout: SheetLayout): SheetBlock {
  const { widths: oldWidths, freeze: oldFreeze, ...rest } = b;
  let widths = oldWidths;
  if (layout.widths) {
    widths = { ...(oldWidths ?? {}) };
    for (const [letters, chars] of Object.entries(layout.widths)) {
      if (chars === null || !Number.isFinite(chars)) delete widths[letters];
      else widths[letters] = clampWidth(chars);
    }
  }
  let freeze = oldFreeze;
  if (layout.freeze !== undefined) {
    const f = layout.freeze;
    freeze = f && (f.rows > 0 || f.cols > 0) ? { rows: Math.max(0, Math.floor(f.rows)), cols: Math.max(0, Math.floor(f.cols)) } : undefined;
  }
  return { ...rest, ...(widths && Object.keys(widths).length > 0 ? { widths } : {}), ...(freeze ? { freeze } : {}) };
}

export function layoutActions(core: StoreCore): LayoutActions {
  return {
    setSheetLayout(id, layout) {
      // Widths of the same columns set again at once (autofit after a drag) are the same gesture.
      const coalesce = layout.widths && layout.freeze === undefined ? `widths:${id}:${Object.keys(layout.widths).sort().join(',')}` : undefined;
      void core.edit(
        (doc: WorkbookDocument) => ({ ...doc, blocks: doc.blocks.map((b) => (b.id === id && b.kind === 'sheet' ? withLayout(b, layout) : b)) }),
        coalesce ? { coalesce } : {},
      );
    },
  };
}
