import { readCellStyle, type BlockId, type CellStyle, type SheetBlock, type WorkbookDocument } from '../../workbook';
import type { StoreCore } from './core';

/** Bold, italic, fill and alignment on a sheet's cells: one call is one undo step. */
export interface StyleActions {
  /** Sets cells' styles by address (the whole style, not a patch); null or a plain style clears one. */
  setSheetStyles(id: BlockId, updates: Record<string, CellStyle | null>): void;
}

/** The sheet with its styles updated; without a styles field when none are left. */
export function withStyles(b: SheetBlock, updates: Record<string, CellStyle | null>): SheetBlock {
  const styles = { ...(b.styles ?? {}) };
  for (const [key, style] of Object.entries(updates)) {
    const kept = style && readCellStyle(style);
    if (kept) styles[key] = kept;
    else delete styles[key];
  }
  const { styles: _old, ...rest } = b;
  return Object.keys(styles).length > 0 ? { ...rest, styles } : rest;
}

export function styleActions(core: StoreCore): StyleActions {
  return {
    setSheetStyles(id, updates) {
      void core.edit((doc: WorkbookDocument) => ({ ...doc, blocks: doc.blocks.map((b) => (b.id === id && b.kind === 'sheet' ? withStyles(b, updates) : b)) }));
    },
  };
}
