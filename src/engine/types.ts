import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import type { Catalog } from './catalog';
import type { NetworkPolicy } from './duckdb/network-guard';
import type { ReadOptions } from './errors';
import type { ColumnInfo, FileFormat, SqlToken } from '../sql';

export type { ColumnInfo, FileFormat };

/** A value bound to a prepared-statement parameter; never spliced into SQL text. */
export type SqlParam = string | number | boolean | bigint | null | { date: string };

/** Values for a statement's `$name` parameters, by name (matched case-insensitively). */
export type SqlParams = Readonly<Record<string, SqlParam>>;

/** What a statement reads, from DuckDB's parser. */
export interface SqlAnalysis {
  /** Tables and views read (CTE names excluded); may name tables that do not exist yet. */
  tables: string[];
  /** Named parameters, `$name` without the `$`. */
  params: string[];
  /** False when DuckDB could not bind the statement and `tables` is every identifier in it. */
  exact: boolean;
  /**
   * Every identifier DuckDB's tokenizer sees (never one in a string or comment). The binder
   * reports the tables under a view, not the view: a reader of a view is found through these.
   */
  identifiers: string[];
}

export interface QueryOptions {
  /** Aborting interrupts the query inside DuckDB; the promise rejects with a `cancelled` EngineError. */
  signal?: AbortSignal;
  /** Called once with what a successful query cost; engines that measure nothing never call it. */
  onStats?: (stats: QueryStats) => void;
}

/** What one query cost, for the block to show where it ran, how long, and what came back. */
export interface QueryStats {
  engine: 'browser' | 'remote';
  rows: number;
  /** Bytes of Arrow received over the network (remote only). */
  bytes?: number;
  /** The server's own milliseconds, queue to last byte (to first byte when `streamed`). */
  serverMs?: number;
  /** Milliseconds from the call until the decoded table, as the client saw them. */
  ms: number;
  /** The server streamed the answer, so `serverMs` covers only the time to its first byte. */
  streamed?: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Set by engines that know it cheaply (the remote one). */
  kind?: 'table' | 'view';
  /** Exact row count of a table, null for a view; set by engines that know it cheaply (the remote one). */
  rows?: number | null;
}

/** Where a table's bytes come from. */
export type DataSource =
  | { kind: 'file'; file: File }
  | { kind: 'url'; url: string };

export interface IngestProgress {
  /** Work done so far, in bytes or rows depending on `unit`. */
  done: number;
  total: number;
  unit: 'bytes' | 'rows';
}

export interface IngestOptions extends ReadOptions {
  format: FileFormat;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

export interface IngestResult {
  table: string;
  rows: number;
  columns: ColumnInfo[];
  /** Lines skipped by a lenient CSV read. */
  rejectedRows?: number;
}

/**
 * The one seam between Cellar and a SQL engine. Implemented by the DuckDB-WASM worker client
 * and the remote server client (src/engine/remote); both answer in Arrow.
 */
export interface Engine {
  readonly kind: 'browser' | 'remote';
  /** Runs one statement and returns its whole result; `$name` parameters are bound from `params`. */
  query(sql: string, params?: SqlParams, options?: QueryOptions): Promise<Table>;
  /** What a statement reads, by DuckDB's own parser. */
  analyze(sql: string): Promise<SqlAnalysis>;
  /** DuckDB's tokens of a SQL text. */
  tokenize(sql: string): Promise<SqlToken[]>;
  /** Tables one statement reads (DuckDB's binder); throws when it cannot bind it. */
  tableNames(sql: string): Promise<string[]>;
  /** Makes `table` from a file or URL, replacing nothing: the name must be free. */
  ingest(source: DataSource, table: string, options: IngestOptions): Promise<IngestResult>;
  /** The tables and views: list, describe, rename, drop, and what kind a name is. */
  readonly catalog: Catalog;
  /** Interrupts every query this engine is running. */
  cancelAll(): Promise<void>;
}

/**
 * The engine in the page (DuckDB-WASM), with what it offers beyond the seam: the network policy
 * for links opened without consent, and connections of its own for pushing a table to a server
 * and pulling a result back. state/ takes this, never the concrete BrowserEngine.
 */
export interface LocalEngine extends Engine {
  readonly kind: 'browser';
  /** Which DuckDB-WASM build runs (`mvp`, `eh` or `coi`), and its DuckDB version. */
  readonly bundle: string;
  readonly version: string;
  /** Which hosts DuckDB and URL tables may fetch from, from now on (the page's own origin always). */
  setNetworkPolicy(policy: NetworkPolicy): void;
  /** Runs `fn` on a pooled connection; `discard` retires the connection instead of returning it. */
  withConnection<T>(fn: (conn: AsyncDuckDBConnection, discard: () => void) => Promise<T>): Promise<T>;
}
