import * as duckdb from '@duckdb/duckdb-wasm';
import { Table } from 'apache-arrow';
import { analyzeSql, bindNamedParams, setVariableStatement } from '../analyze';
import { SqlCatalog, type Catalog } from '../catalog';
import { EngineError, toSqlError } from '../errors';
import { ingest } from '../ingest';
import { toTokens, type SqlToken } from '../../sql';
import type {
  DataSource,
  IngestOptions,
  IngestResult,
  LocalEngine,
  QueryOptions,
  SqlAnalysis,
  SqlParams,
} from '../types';
import { bundleName, localBundles } from './bundles';
import { allows, blockedMessage, guardedWorkerUrl, POLICY_MESSAGE, type NetworkPolicy } from './network-guard';

/** What the file readers need from the engine: the database, and statements on a connection. */
export interface DuckSession {
  readonly db: duckdb.AsyncDuckDB;
  query(sql: string, params?: SqlParams, options?: QueryOptions): Promise<Table>;
  withConnection<T>(fn: (conn: duckdb.AsyncDuckDBConnection, discard: () => void) => Promise<T>): Promise<T>;
  readonly catalog: Catalog;
}

// Extensions cannot be downloaded here, and a failed autoload leaves DuckDB-WASM broken
// ("function signature mismatch", then "table index is out of bounds"): never try.
const CONNECTION_SETUP = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];

/** DuckDB-WASM in a Web Worker, behind the Engine seam. */
export class BrowserEngine implements LocalEngine, DuckSession {
  readonly kind = 'browser' as const;
  /** Catalog statements go as one message to the worker each (see `catalogStatement`). */
  readonly catalog: Catalog = new SqlCatalog((sql) => this.catalogStatement(sql));
  private readonly idle: duckdb.AsyncDuckDBConnection[] = [];
  private readonly inFlight = new Set<duckdb.AsyncDuckDBConnection>();
  /** Tokens by SQL text: a block with `$params` is tokenized on every run (a slider drag is many). */
  private readonly tokenCache = new Map<string, SqlToken[]>();
  /** Cancelled statements the worker has not finished yet (and their connections' rollback). */
  private readonly cancelling = new Set<Promise<void>>();

  /** Hosts this engine may fetch from (see network-guard.ts). */
  private policy: NetworkPolicy = 'any';

  constructor(
    readonly db: duckdb.AsyncDuckDB,
    /** Which build runs: `mvp`, `eh` or `coi` (threads). */
    readonly bundle: string,
    readonly version: string,
    /** DuckDB's worker, when it was started behind the network guard. */
    private readonly worker?: Worker,
  ) {}

  /** Which hosts DuckDB and URL tables may fetch from, from now on (the page's own origin always). */
  setNetworkPolicy(policy: NetworkPolicy): void {
    this.policy = policy;
    this.worker?.postMessage({ type: POLICY_MESSAGE, hosts: policy === 'any' ? null : [...policy] });
  }

  /** Connections are pooled so the grid can page while a block runs. */
  async withConnection<T>(fn: (conn: duckdb.AsyncDuckDBConnection, discard: () => void) => Promise<T>): Promise<T> {
    const conn = this.idle.pop() ?? (await this.connect());
    let keep = true;
    this.inFlight.add(conn);
    try {
      return await fn(conn, () => (keep = false));
    } finally {
      this.inFlight.delete(conn);
      if (keep) this.idle.push(conn);
      else await retire(conn);
    }
  }

  private async connect(): Promise<duckdb.AsyncDuckDBConnection> {
    const conn = await this.db.connect();
    for (const statement of CONNECTION_SETUP) await conn.query(statement);
    return conn;
  }

  async query(sql: string, params: SqlParams = {}, options: QueryOptions = {}): Promise<Table> {
    const { signal } = options;
    if (signal?.aborted) throw new EngineError('cancelled', 'Query cancelled', { sql });
    // A cancelled statement can still be finishing in the worker, and a CREATE OR REPLACE it ran
    // may commit after its replacement did (seen as a slider's reader showing the previous step).
    // Nothing new starts until every cancelled statement has ended.
    if (this.cancelling.size > 0) await Promise.all(this.cancelling);
    return new Promise<Table>((resolve, reject) => {
      let cancelled = false;
      const work: Promise<Table | undefined> = this.withConnection(async (conn, discard) => {
        const cancel = () => {
          // An interrupted connection is not trusted again: the pool opens a fresh one.
          cancelled = true;
          discard();
          void conn.cancelSent();
          // Settle as soon as the person cancels, whatever the worker is still finishing.
          reject(new EngineError('cancelled', 'Query cancelled', { sql }));
          // `work` is read a tick later: with a pooled connection free, this runs before it is assigned.
          const ended = Promise.resolve().then(() => work).then(() => undefined, () => undefined);
          this.cancelling.add(ended);
          void ended.then(() => this.cancelling.delete(ended));
        };
        if (signal?.aborted) {
          cancel();
          return undefined;
        }
        signal?.addEventListener('abort', cancel);
        try {
          return await this.run(conn, sql, params, signal);
        } finally {
          signal?.removeEventListener('abort', cancel);
        }
      });
      work.then(
        (table) => (cancelled || !table ? undefined : resolve(table)),
        (e: unknown) => reject(cancelled || signal?.aborted ? new EngineError('cancelled', 'Query cancelled', { sql }, { cause: e }) : toSqlError(e, sql)),
      );
    });
  }

  /**
   * A catalog statement (DESCRIBE, DROP, ALTER … RENAME, information_schema): one message to the
   * worker and back, where a pending query (`query`, cancellable) takes three — start, the batch,
   * the end. Block runs make several each, so a chain of blocks waits on far fewer replies.
   * These end at once, so there is nothing to cancel.
   */
  private async catalogStatement(sql: string): Promise<Table> {
    if (this.cancelling.size > 0) await Promise.all(this.cancelling);
    try {
      return await this.withConnection((conn) => conn.query(sql));
    } catch (e) {
      throw toSqlError(e, sql);
    }
  }

  private async run(conn: duckdb.AsyncDuckDBConnection, sql: string, params: SqlParams, signal?: AbortSignal): Promise<Table> {
    if (sql.includes('$')) {
      const bound = bindNamedParams(sql, await this.tokenize(sql), params);
      for (const variable of bound.variables) {
        const set = setVariableStatement(variable);
        const statement = await conn.prepare(set.sql);
        try {
          await statement.query(set.value);
        } finally {
          await statement.close();
        }
      }
      sql = bound.sql;
    }
    // `send` runs the query as a pending query the worker polls, so cancelSent can interrupt it.
    const reader = await conn.send(sql, true);
    if (!reader) throw new EngineError('internal', 'The DuckDB worker went away', { sql });
    const batches = [];
    for await (const batch of reader) batches.push(batch);
    if (signal?.aborted) throw new EngineError('cancelled', 'Query cancelled', { sql });
    return new Table(reader.schema, batches);
  }

  async tokenize(sql: string): Promise<SqlToken[]> {
    const known = this.tokenCache.get(sql);
    if (known) return known;
    const tokens = toTokens(sql, await this.db.tokenize(sql));
    if (this.tokenCache.size >= 500) this.tokenCache.delete(this.tokenCache.keys().next().value!);
    this.tokenCache.set(sql, tokens);
    return tokens;
  }

  async tableNames(sql: string): Promise<string[]> {
    return this.withConnection((conn) => conn.getTableNames(sql));
  }

  analyze(sql: string): Promise<SqlAnalysis> {
    return analyzeSql(this, sql);
  }



  ingest(source: DataSource, table: string, options: IngestOptions): Promise<IngestResult> {
    if (source.kind === 'url' && !allows(this.policy, source.url, self.location.origin)) {
      return Promise.reject(new EngineError('network', blockedMessage(source.url, new URL(source.url).host), { file: source.url }));
    }
    return ingest(this, source, table, options);
  }




  async cancelAll(): Promise<void> {
    await Promise.all([...this.inFlight].map((conn) => conn.cancelSent()));
  }
}

/**
 * Closes a connection whose query was interrupted. DuckDB-WASM's cancel drops the pending query
 * but leaves its transaction open (a cancelled CREATE keeps its catalog entry locked: "write-write
 * conflict"), so roll it back first; only then can the next statement take the same names.
 */
async function retire(conn: duckdb.AsyncDuckDBConnection): Promise<void> {
  await conn.query('ROLLBACK').catch(() => undefined);
  await conn.close().catch(() => undefined);
}

export interface BrowserEngineOptions {
  /** Let DuckDB use threads when the page is cross-origin isolated. */
  threads?: boolean;
  logger?: duckdb.Logger;
}

/** Starts DuckDB-WASM in a Web Worker from our own bundle. */
export async function createBrowserEngine(options: BrowserEngineOptions = {}): Promise<BrowserEngine> {
  const bundle = await duckdb.selectBundle(localBundles(options.threads ?? true));
  if (!bundle.mainWorker) throw new EngineError('internal', 'No DuckDB worker bundle for this browser');
  // Behind the guard, so a workbook from a link cannot make DuckDB fetch from hosts the person did
  // not allow. With threads (`?threads=1`, an opt-in experiment) DuckDB's pthread workers can read
  // URLs too, and they are not guarded.
  const worker = new Worker(guardedWorkerUrl(bundle.mainWorker));
  const db = new duckdb.AsyncDuckDB(options.logger ?? new duckdb.VoidLogger(), worker);
  // Absolute: the guarded worker runs from a blob: URL, against which our paths do not resolve.
  const absolute = (url: string) => new URL(url, self.location.href).href;
  await db.instantiate(absolute(bundle.mainModule), bundle.pthreadWorker && absolute(bundle.pthreadWorker));
  await db.open({
    query: { castBigIntToDouble: false },
    filesystem: { reliableHeadRequests: false },
  });
  const version = await db.getVersion();
  const engine = new BrowserEngine(db, bundleName(bundle.mainModule), version, worker);
  await engine.withConnection(async () => undefined); // first connection, with its settings
  return engine;
}
