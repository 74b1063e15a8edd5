import type ExcelJS from 'exceljs';
import { readCellStyle, type CellAlign, type CellStyle } from '../cell-style';
import { resolveColor, themeColors, type ExcelColor } from './colors';

/** The fields of exceljs's cell style read here (all optional in files). */
interface ExcelStyle {
  font?: { bold?: boolean; italic?: boolean };
  fill?: { type?: string; pattern?: string; fgColor?: ExcelColor };
  alignment?: { horizontal?: string };
}

/** exceljs's private sparse rows and cells: walked directly so empty styled cells are seen without creating rows. */
interface SparseSheet {
  _workbook?: { _themes?: Record<string, string> };
  _rows?: ({ _cells?: ({ address: string; type: number; style?: ExcelStyle } | undefined)[] } | undefined)[];
}

const MERGE = 1;
const ALIGNS: Record<string, CellAlign> = { left: 'left', center: 'center', centerContinuous: 'center', right: 'right' };

/**
 * Cellar's style of an Excel cell style: bold, italic, a solid fill's colour (ARGB, indexed, or a
 * theme colour with its tint, resolved against `theme`, see colors.ts) and left, center or right
 * alignment. Undefined when none of these is set.
 */
export function cellStyleOf(style: ExcelStyle | undefined, theme: readonly string[] = []): CellStyle | undefined {
  if (!style) return undefined;
  const color = style.fill?.type === 'pattern' && style.fill.pattern === 'solid' ? style.fill.fgColor : undefined;
  return readCellStyle({
    bold: style.font?.bold === true || undefined,
    italic: style.font?.italic === true || undefined,
    fill: resolveColor(color, theme),
    align: ALIGNS[style.alignment?.horizontal ?? ''],
  });
}

/** Every styled cell of a worksheet by address, empty cells included (a filled blank cell is common). */
export function sheetStyles(ws: ExcelJS.Worksheet): Record<string, CellStyle> {
  const out: Record<string, CellStyle> = {};
  const sparse = ws as unknown as SparseSheet;
  const theme = themeColors(sparse._workbook?._themes?.theme1);
  for (const row of sparse._rows ?? []) {
    for (const cell of row?._cells ?? []) {
      if (!cell || cell.type === MERGE) continue;
      const style = cellStyleOf(cell.style, theme);
      if (style) out[cell.address] = style;
    }
  }
  return out;
}
