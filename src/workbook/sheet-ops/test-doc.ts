import { DOCUMENT_VERSION, type Block, type BlockId, type SheetBlock, type WorkbookDocument } from '../document';

/** A workbook of the given blocks, for tests. */
export function docOf(...blocks: Block[]): WorkbookDocument {
  return { version: DOCUMENT_VERSION, title: 'test', blocks };
}

/** A sheet block named `name` (its id is the name), for tests. */
export function sheet(name: string, cells: Record<string, string>, extra: Partial<SheetBlock> = {}): SheetBlock {
  return { id: name as BlockId, kind: 'sheet', name, cells, ...extra };
}

/** The sheet `name` in `doc`. */
export function sheetIn(doc: WorkbookDocument, name: string): SheetBlock {
  const b = doc.blocks.find((x) => x.name === name);
  if (!b || b.kind !== 'sheet') throw new Error(`no sheet ${name}`);
  return b;
}
