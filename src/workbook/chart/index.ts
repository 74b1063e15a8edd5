export * from './types';
export { ChartSpecError, readChartSpec } from './spec';
export { columnKind, defaultFieldType, type ColumnKind } from './fields';
export { chartStatsSql, compileChart, DEFAULT_TOP, MAX_POINTS, type TopCategories, readChartStats, type ChartPlan, type ChartSource, type ChartStats } from './compile';
export { BRUSH, PICK, pointChannel, selectionPredicate, selectionValue, selectionViewSql, selectModeFor } from './selection';
export { suggestChart, suggestedTimeColumn } from './suggest';
