import { parseAddress } from '../sheet';
import type { CellRect } from './move';

/**
 * Excel's "current region" around a cell: the rectangle grown while any cell just outside it (sides
 * and corners) holds something; what Sort uses when one cell is selected. Passes over the filled
 * cells (in reading order, so one pass takes most of a block) rather than walking the rectangle's
 * edges, which on a long column would be slow.
 */
export function currentRegion(row: number, col: number, cells: Record<string, string>): CellRect {
  const filled = Object.entries(cells)
    .filter(([, v]) => v !== '')
    .map(([k]) => parseAddress(k))
    .filter((p) => p !== undefined)
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const r: CellRect = { top: row, left: col, bottom: row, right: col };
  for (let grown = true; grown; ) {
    grown = false;
    for (const p of filled) {
      const near = p.row >= r.top - 1 && p.row <= r.bottom + 1 && p.col >= r.left - 1 && p.col <= r.right + 1;
      const inside = p.row >= r.top && p.row <= r.bottom && p.col >= r.left && p.col <= r.right;
      if (!near || inside) continue;
      r.top = Math.min(r.top, p.row);
      r.bottom = Math.max(r.bottom, p.row);
      r.left = Math.min(r.left, p.col);
      r.right = Math.max(r.right, p.col);
      grown = true;
    }
  }
  return r;
}
