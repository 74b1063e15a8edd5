import type { BlockId, SheetBlock, WorkbookDocument } from '../../workbook';
import type { StoreCore } from './core';

/** Number formats on a sheet's cells: one call is one undo step. */
export interface FormatActions {
  /** Sets Excel format codes by address; null (or `General`) clears a cell's format. */
  setSheetFormats(id: BlockId, updates: Record<string, string | null>): void;
}

/** The sheet with its formats updated; without a formats field when none are left. */
export function withFormats(b: SheetBlock, updates: Record<string, string | null>): SheetBlock {
  const formats = { ...(b.formats ?? {}) };
  for (const [key, code] of Object.entries(updates)) {
    if (code === null || code === '' || code === 'General') delete formats[key];
    else formats[key] = code;
  }
  const { formats: _old, ...rest } = b;
  return Object.keys(formats).length > 0 ? { ...rest, formats } : rest;
}

export function formatActions(core: StoreCore): FormatActions {
  return {
    setSheetFormats(id, updates) {
      void core.edit((doc: WorkbookDocument) => ({ ...doc, blocks: doc.blocks.map((b) => (b.id === id && b.kind === 'sheet' ? withFormats(b, updates) : b)) }));
    },
  };
}
