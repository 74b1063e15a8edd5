export { EXCEL_MAX_DATA_ROWS, writeXlsx } from './write-xlsx';
export { worksheetNames } from './sheet-names';
export { toExcelFormula } from './formula-text';
export type { ExportPart, ExportSheet, ExportTable, ExportValue, WriteOptions, WriteResult, XlsxSink } from './types';
