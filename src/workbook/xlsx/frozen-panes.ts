import type ExcelJS from 'exceljs';

/** The frozen panes of a worksheet's first view (exceljs's `ws.views`), or undefined when none are frozen. */
export function frozenPanes(views: readonly Partial<ExcelJS.WorksheetView>[] | undefined): { rows: number; cols: number } | undefined {
  const view = views?.find((v) => v.state === 'frozen') as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
  if (!view) return undefined;
  // A split is a count of rows or columns; Excel writes whole numbers, anything else is not a frozen pane Cellar can show.
  const count = (n: unknown, max: number) => (typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.min(max, Math.floor(n))) : 0);
  const rows = count(view.ySplit, 1_048_575);
  const cols = count(view.xSplit, 16_383);
  return rows > 0 || cols > 0 ? { rows, cols } : undefined;
}
