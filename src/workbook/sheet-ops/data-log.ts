import type { SheetBlock, SheetDataOp } from '../document';
import { MAX_COL, MAX_ROW } from './refs';

/**
 * The extent of a big sheet's stored cells after `op` (what `SheetDataRef.rows/cols` say): the
 * document side and the replay over the cells (data-replay.ts) both size the cells by it.
 */
export function extentAfter(rows: number, cols: number, op: SheetDataOp): { rows: number; cols: number } {
  switch (op.kind) {
    case 'insert':
    case 'delete': {
      const size = op.axis === 'rows' ? rows : cols;
      const next =
        op.kind === 'insert'
          ? op.at < size
            ? Math.min(size + op.count, (op.axis === 'rows' ? MAX_ROW : MAX_COL) + 1)
            : size
          : size - Math.max(0, Math.min(size, op.at + op.count) - op.at);
      return op.axis === 'rows' ? { rows: next, cols } : { rows, cols: next };
    }
    case 'move': {
      const { from, to } = op;
      // Only stored cells move: the extent grows to take the last of them where it lands.
      if (from.top >= rows || from.left >= cols) return { rows, cols };
      const lastRow = Math.min(from.bottom, rows - 1) + (to.row - from.top);
      const lastCol = Math.min(from.right, cols - 1) + (to.col - from.left);
      return { rows: Math.max(rows, lastRow + 1), cols: Math.max(cols, lastCol + 1) };
    }
    case 'sort': {
      const { range } = op;
      // A stored row may be sorted down to the range's last row.
      if (range.top >= rows || range.left >= cols || range.bottom < rows) return { rows, cols };
      return { rows: range.bottom + 1, cols };
    }
  }
}

/** The sheet with `op` added to its stored cells' log and its extent after it; a sheet without stored cells as it was. */
export function withDataOp(sheet: SheetBlock, op: SheetDataOp): SheetBlock {
  const data = sheet.data;
  if (!data) return sheet;
  return { ...sheet, data: { ...data, ...extentAfter(data.rows, data.cols, op), ops: [...(data.ops ?? []), op] } };
}
