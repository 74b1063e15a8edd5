import type { Table } from 'apache-arrow';
import type { TableInfo as ServerTableInfo } from '../../../protocol';
import { analyzeSql, type SqlParser } from '../analyze';
import { EngineError } from '../errors';
import { quoteIdent } from '../../sql';
import type { SqlToken } from '../../sql';
import type { ColumnInfo, DataSource, Engine, IngestOptions, IngestResult, QueryOptions, SqlAnalysis, SqlParams, TableInfo } from '../types';
import { ServerClient, type WorkbookOption } from './client';
import { responseError } from './errors';
import { Running, runQuery } from './query';
import { uploadTable, type UploadOptions } from './upload';

/** Where the server is, the token to show it, and the local parser for what DuckDB's parser tells. */
export interface RemoteEngineOptions {
  url: string;
  token: string;
  /** The page's DuckDB-WASM engine: the same dialect, and no round trip to parse. */
  parser: SqlParser;
  /**
   * The workbook whose tables these are (the app's workbook id, or a function that gives the open
   * one at each request). On the server each workbook has a namespace of its own: its uploads,
   * pushes and CREATEs land there, its unqualified names are looked up there, and nothing it runs
   * can write outside it. Without one, an admin token works on the server's shared tables.
   */
  workbook?: WorkbookOption;
}

/** A Cellar server (server/) behind the Engine seam; answers in Arrow over HTTP. */
export class RemoteEngine implements Engine {
  readonly kind = 'remote' as const;
  /** The server's base URL. */
  readonly url: string;
  private readonly client: ServerClient;
  private readonly parser: SqlParser;
  private readonly running = new Running();

  constructor(options: RemoteEngineOptions) {
    this.client = new ServerClient(options.url, options.token, options.workbook);
    this.url = this.client.url;
    this.parser = options.parser;
  }

  query(sql: string, params: SqlParams = {}, options: QueryOptions = {}): Promise<Table> {
    return runQuery(this.client, this.running, sql, params, options);
  }

  analyze(sql: string): Promise<SqlAnalysis> {
    return analyzeSql(this.parser, sql);
  }

  tokenize(sql: string): Promise<SqlToken[]> {
    return this.parser.tokenize(sql);
  }

  tableNames(sql: string): Promise<string[]> {
    return this.parser.tableNames(sql);
  }

  async renameTable(from: string, to: string): Promise<void> {
    const kind = (await this.relationKind(from)) === 'view' ? 'VIEW' : 'TABLE';
    await this.query(`ALTER ${kind} ${quoteIdent(from)} RENAME TO ${quoteIdent(to)}`);
  }

  async relationKind(name: string): Promise<'table' | 'view' | undefined> {
    // The route looks in the request's workbook, and answers read-only tokens too, which may not
    // read DuckDB's catalog (it lists every workbook's tables). It renames what is not
    // [A-Za-z0-9_], so other names go by SQL.
    if (!/^[A-Za-z0-9_]{1,128}$/.test(name)) {
      const result = await this.query('SELECT table_type FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $name', { name });
      const type = result.numRows > 0 ? String(result.get(0)?.table_type) : undefined;
      return type === 'VIEW' ? 'view' : type ? 'table' : undefined;
    }
    const response = await this.client.fetch(`/api/tables/${name}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw await responseError(response, { url: this.url, purpose: 'query' });
    return ((await response.json()) as ServerTableInfo).kind;
  }

  /** A file is streamed to the server; a URL is refused, since the server cannot reach the web. */
  async ingest(source: DataSource, table: string, options: IngestOptions): Promise<IngestResult> {
    if (source.kind === 'url') {
      throw new EngineError(
        'network',
        `The server cannot fetch ${source.url}: its access to the web is off. Add the URL in the browser, then push the table to the server.`,
        { file: source.url },
      );
    }
    return this.upload(source.file, table, { format: options.format, lenient: options.lenient, onProgress: options.onProgress, signal: options.signal });
  }

  /** Uploads a file (or any Blob, such as a pushed table's Parquet) as `table`, with progress in bytes. */
  upload(file: Blob, table: string, options: UploadOptions): Promise<IngestResult> {
    return uploadTable(this.client, file, table, options);
  }

  async tables(): Promise<TableInfo[]> {
    const tables = await this.client.json<ServerTableInfo[]>('/api/tables', {}, { purpose: 'query' });
    return tables.map((t) => ({ name: t.name, columns: t.columns, kind: t.kind, rows: t.rows }));
  }

  async describe(table: string): Promise<ColumnInfo[]> {
    const result = await this.query(`DESCRIBE ${quoteIdent(table)}`).catch((e: unknown) => {
      if (e instanceof EngineError && /does not exist/i.test(e.message)) return undefined;
      throw e;
    });
    return result?.toArray().map((row) => ({ name: String(row.column_name), type: String(row.column_type) })) ?? [];
  }

  async dropTable(table: string, only?: 'table' | 'view'): Promise<void> {
    // The route renames what is not [A-Za-z0-9_] (DELETE /api/tables/a-b drops a_b) and drops
    // either kind: other names, and one kind only, go by SQL.
    if (only || !/^[A-Za-z0-9_]{1,128}$/.test(table)) {
      const kind = await this.relationKind(table);
      if (kind && (!only || kind === only)) await this.query(`DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${quoteIdent(table)}`);
      return;
    }
    const response = await this.client.fetch(`/api/tables/${table}`, { method: 'DELETE' });
    // 404: no such table, which is what dropping it was for.
    if (!response.ok && response.status !== 404) throw await responseError(response, { url: this.url, purpose: 'query' });
  }

  /** Stops every query; resolves once the server has answered each cancel (so they have ended). */
  async cancelAll(): Promise<void> {
    for (const stop of [...this.running.stops]) stop();
    await this.running.settled();
  }
}

/** The Engine over a Cellar server at `url`. */
export function createRemoteEngine(options: RemoteEngineOptions): RemoteEngine {
  return new RemoteEngine(options);
}
