export { getEngine } from './engine';
export { countRows, fetchPage, profileColumn, queryRows } from './data';
export type { ColumnProfile } from './data';
export { useWorkbook } from './workbook-store';
export type { BlockError, BlockRun, Notice, RunStatus, WorkbookState } from './workbook-store';
export { useTheme } from './theme';
export type { ThemeChoice } from './theme';
export type { ChartView } from './block-runs';
export type { ShareResult } from './share';
