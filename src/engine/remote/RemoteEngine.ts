import type { Table } from 'apache-arrow';
import type { SqlToken } from '../../sql';
import { analyzeSql, type SqlParser } from '../analyze';
import type { Catalog } from '../catalog';
import { EngineError } from '../errors';
import type { DataSource, Engine, IngestOptions, IngestResult, QueryOptions, SqlAnalysis, SqlParams } from '../types';
import { ServerClient, type WorkbookOption } from './client';
import { RemoteCatalog } from './catalog';
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
  readonly catalog: Catalog;

  constructor(options: RemoteEngineOptions) {
    this.client = new ServerClient(options.url, options.token, options.workbook);
    this.url = this.client.url;
    this.parser = options.parser;
    this.catalog = new RemoteCatalog((sql) => this.query(sql), this.client);
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
