export type { CachedValue, ImportedSheet, ImportedWorkbook, ReadXlsxOptions } from './types';
export { readXlsx } from './read';
export { XlsxImportError } from './zip-guard';
