import type { Block, BlockId } from '../workbook';
import type { WorkbookState } from './workbook-store';

// Built once per blocks array, shared by every block view: a find() per view per store update
// was O(blocks²) per update, which froze the tab while a workbook of hundreds of blocks opened.
const indexes = new WeakMap<readonly Block[], Map<BlockId, Block>>();

/** The block with `id` in the store's document, found in O(1). */
export function selectBlock(s: WorkbookState, id: BlockId): Block | undefined {
  const blocks = s.doc.blocks;
  let index = indexes.get(blocks);
  if (!index) {
    index = new Map(blocks.map((b) => [b.id, b]));
    indexes.set(blocks, index);
  }
  return index.get(id);
}
