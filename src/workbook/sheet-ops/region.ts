import { addressKey } from '../sheet';
import type { CellRect } from './move';

/**
 * Excel's "current region" around a cell: the rectangle grown while any cell just outside it (sides
 * and corners) holds something. What Sort uses when one cell is selected. `filled` says whether a
 * cell (0-based) holds something.
 */
export function currentRegion(row: number, col: number, filled: (key: string) => boolean, limit = 100_000): CellRect {
  const r: CellRect = { top: row, left: col, bottom: row, right: col };
  const any = (rows: [number, number], cols: [number, number]) => {
    for (let y = Math.max(0, rows[0]); y <= rows[1]; y++) for (let x = Math.max(0, cols[0]); x <= cols[1]; x++) if (filled(addressKey(y, x))) return true;
    return false;
  };
  for (let grown = true, steps = 0; grown && steps < limit; steps++) {
    const rows: [number, number] = [r.top - 1, r.bottom + 1];
    const cols: [number, number] = [r.left - 1, r.right + 1];
    const up = r.top > 0 && any([r.top - 1, r.top - 1], cols);
    const down = any([r.bottom + 1, r.bottom + 1], cols);
    const left = r.left > 0 && any(rows, [r.left - 1, r.left - 1]);
    const right = any(rows, [r.right + 1, r.right + 1]);
    r.top -= up ? 1 : 0;
    r.bottom += down ? 1 : 0;
    r.left -= left ? 1 : 0;
    r.right += right ? 1 : 0;
    grown = up || down || left || right;
  }
  return r;
}
