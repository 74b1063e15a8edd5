export type {
  ColumnInfo,
  DataSource,
  Engine,
  FileFormat,
  IngestOptions,
  IngestProgress,
  IngestResult,
  QueryOptions,
  SqlParam,
  TableInfo,
} from './types';
export { EngineError, errorPosition, isEngineError, messageOf } from './errors';
export type { EngineErrorKind } from './errors';
export { quoteIdent, quoteLiteral } from './sql';
export { ACCEPTED_EXTENSIONS, formatFromName } from './ingest';
export { BrowserEngine, createBrowserEngine } from './duckdb/BrowserEngine';
export { toRows } from './rows';
export type { Row } from './rows';
