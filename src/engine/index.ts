export type {
  ColumnInfo,
  DataSource,
  Engine,
  FileFormat,
  IngestOptions,
  IngestProgress,
  IngestResult,
  LocalEngine,
  QueryOptions,
  QueryStats,
  SqlAnalysis,
  SqlParam,
  SqlParams,
  TableInfo,
} from './types';
export type { Catalog, RelationKind } from './catalog';
export { EngineError, errorPosition, isEngineError, messageOf } from './errors';
export type { EngineErrorKind, ReadFix, ReadOptions } from './errors';
// SQL text lives in src/sql (a leaf); re-exported so the engine's callers keep one import.
export { identifierName, paramRefs, quoteIdent, quoteLiteral, replaceSpans } from '../sql';
export type { SqlParser, SqlToken } from '../sql';
export { ACCEPTED_EXTENSIONS, formatFromName } from './ingest';
export { BrowserEngine, createBrowserEngine } from './duckdb/BrowserEngine';
export type { NetworkPolicy } from './duckdb/network-guard';
export { toRows } from './rows';
export type { Row } from './rows';
export { createReadToken, createRemoteEngine, health, loadDocument, pullResult, pushTable, RemoteEngine, storeDocument } from './remote';
export type { LocalSession, PullOptions, PullTarget, PushOptions, RemoteEngineOptions, ServerHealth, UploadOptions } from './remote';
