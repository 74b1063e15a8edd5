import type { SheetData, SheetDataOp, SheetDataRef } from '../../../workbook';
import { replaySheetData } from '../../../workbook/sheet-ops';

/** What a store of stored cells was made from: the file's cells and the operations replayed over them. */
interface Lineage {
  base: SheetData;
  ops: readonly SheetDataOp[];
  /** The store one operation back, kept so that undoing it needs no replay. */
  previous?: SheetData;
}

// Keyed by the store itself: whoever holds one (a node, a duplicated sheet's node) knows what it is.
// A store that is not here is a file's cells as read, no operation made on them.
const lineage = new WeakMap<SheetData, Lineage>();

const sameOp = (a: SheetDataOp, b: SheetDataOp) => a === b || JSON.stringify(a) === JSON.stringify(b);
const startsWith = (ops: readonly SheetDataOp[], head: readonly SheetDataOp[]) => head.length <= ops.length && head.every((op, i) => sameOp(op, ops[i]!));

/**
 * A big sheet's stored cells as its document says they are now (`ref.ops` replayed over the
 * file's cells), from the store the runtime holds: itself when it is already that; one or more
 * new operations applied to it (an edit); the store one step back (an undo); else every
 * operation replayed from the file's cells (an undo of several, or a document from elsewhere).
 * Always a new object when the cells changed: the sheet's runner compares stores to decide
 * between updating its table in place and making it again.
 */
export function sheetDataAfter(have: SheetData, ref: SheetDataRef, sheet: string): SheetData {
  const want = ref.ops ?? [];
  const mine = lineage.get(have) ?? { base: have, ops: [] };
  if (mine.ops.length === want.length && startsWith(want, mine.ops)) return have;
  const back = mine.previous && lineage.get(mine.previous);
  if (back && back.ops.length === want.length && startsWith(want, back.ops)) return mine.previous!;
  const next = startsWith(want, mine.ops) ? replaySheetData(have, want.slice(mine.ops.length), sheet) : replaySheetData(mine.base, want, sheet);
  // One step back is kept, not a chain of every store since the file was read.
  lineage.set(have, { base: mine.base, ops: mine.ops });
  lineage.set(next, { base: mine.base, ops: want, previous: have });
  return next;
}
