import { columnIndex, columnLetters } from '../formula';
import type { CellStyle } from '../cell-style';
import type { SheetBlock } from '../document';
import { addressKey, parseAddress } from '../sheet';
import type { Area } from './refs';

/** Where a cell goes (0-based), or null when it is dropped. */
export type CellMap = (row: number, col: number) => { row: number; col: number } | null;

/** A record keyed by A1 address with each key moved by `map`; keys that are not addresses stay. */
export function moveKeys<T>(record: Record<string, T>, map: CellMap): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) {
    const p = parseAddress(k);
    if (!p) {
      out[k] = v;
      continue;
    }
    const to = map(p.row, p.col);
    if (to) out[addressKey(to.row, to.col)] = v;
  }
  return out;
}

/** Column widths (keyed by letters) with each column moved by `map` (a column index to its new one, or null). */
export function moveWidths(widths: Record<string, number>, map: (col: number) => number | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [letters, w] of Object.entries(widths)) {
    const to = /^[A-Za-z]{1,3}$/.test(letters) ? map(columnIndex(letters)) : null;
    if (to !== null) out[columnLetters(to)] = w;
  }
  return out;
}

/** Merged ranges (`A1:B2`) mapped as areas; a merge that is gone or shrinks to one cell is dropped. */
export function moveMerges(merges: string[], map: (a: Area) => Area | null): string[] {
  return merges.flatMap((m) => {
    const [a, b] = m.split(':').map(parseAddress);
    if (!a || !b) return [m];
    const to = map({ rows: [a.row, b.row], cols: [a.col, b.col] });
    if (!to?.rows || !to.cols || (to.rows[0] === to.rows[1] && to.cols[0] === to.cols[1])) return [];
    return [`${addressKey(to.rows[0], to.cols[0])}:${addressKey(to.rows[1], to.cols[1])}`];
  });
}

/** The sheet with optional pieces left out when they end up empty. */
export function withPieces(b: SheetBlock, pieces: { cells: Record<string, string>; formats?: Record<string, string>; styles?: Record<string, CellStyle>; widths?: Record<string, number>; merges?: string[] }): SheetBlock {
  const { formats: _f, styles: _s, widths: _w, merges: _m, ...rest } = b;
  return {
    ...rest,
    cells: pieces.cells,
    ...(pieces.formats && Object.keys(pieces.formats).length > 0 ? { formats: pieces.formats } : {}),
    ...(pieces.styles && Object.keys(pieces.styles).length > 0 ? { styles: pieces.styles } : {}),
    ...(pieces.widths && Object.keys(pieces.widths).length > 0 ? { widths: pieces.widths } : {}),
    ...(pieces.merges && pieces.merges.length > 0 ? { merges: pieces.merges } : {}),
  };
}
