import type ExcelJS from 'exceljs';
import { readCellStyle, type CellAlign, type CellStyle } from '../cell-style';

/** The fields of exceljs's cell style read here (all optional in files). */
interface ExcelStyle {
  font?: { bold?: boolean; italic?: boolean };
  fill?: { type?: string; pattern?: string; fgColor?: { argb?: string } };
  alignment?: { horizontal?: string };
}

/** exceljs's private sparse rows and cells: walked directly so empty styled cells are seen without creating rows. */
interface SparseSheet {
  _rows?: ({ _cells?: ({ address: string; type: number; style?: ExcelStyle } | undefined)[] } | undefined)[];
}

const MERGE = 1;
const ALIGNS: Record<string, CellAlign> = { left: 'left', center: 'center', centerContinuous: 'center', right: 'right' };

/**
 * Cellar's style of an Excel cell style: bold, italic, a solid fill's colour (`FFRRGGBB` → `RRGGBB`;
 * theme and indexed colours are left out: resolving them needs the file's theme) and left, center
 * or right alignment. Undefined when none of these is set.
 */
export function cellStyleOf(style: ExcelStyle | undefined): CellStyle | undefined {
  if (!style) return undefined;
  const argb = style.fill?.type === 'pattern' && style.fill.pattern === 'solid' ? style.fill.fgColor?.argb : undefined;
  return readCellStyle({
    bold: style.font?.bold === true || undefined,
    italic: style.font?.italic === true || undefined,
    fill: typeof argb === 'string' && argb.length === 8 ? argb.slice(2) : undefined,
    align: ALIGNS[style.alignment?.horizontal ?? ''],
  });
}

/** Every styled cell of a worksheet by address, empty cells included (a filled blank cell is common). */
export function sheetStyles(ws: ExcelJS.Worksheet): Record<string, CellStyle> {
  const out: Record<string, CellStyle> = {};
  for (const row of (ws as unknown as SparseSheet)._rows ?? []) {
    for (const cell of row?._cells ?? []) {
      if (!cell || cell.type === MERGE) continue;
      const style = cellStyleOf(cell.style);
      if (style) out[cell.address] = style;
    }
  }
  return out;
}
