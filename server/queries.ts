import type { DuckDBConnection } from '@duckdb/node-api';
import type { Principal } from './auth.js';
import type { StopReason } from './errors.js';

/** Ends a query's repeated interrupts; only the registry calls it. */
const END = Symbol('end');

/** A query in flight: who started it, and how to stop it. */
export interface RunningQuery {
  readonly id: string | null;
  readonly owner: string;
  /** Set once the server (not DuckDB) decided to stop the query; the first reason wins. */
  readonly stopped: StopReason | null;
  /** Interrupts DuckDB and remembers why; later calls keep the first reason. */
  stop(reason: StopReason): void;
  /** The connection it runs on, once it has one (a query can wait for a free connection). */
  attach(connection: DuckDBConnection): void;
  /** Aborted when the query is stopped: wakes it while it waits for a connection. */
  readonly signal: AbortSignal;
  /** Settles when the query has ended (its statement stopped, its transaction rolled back). */
  readonly ended: Promise<void>;
  [END](): void;
}


/** The queries running now, by the client's id, so `POST /api/cancel` can find them. */
export class QueryRegistry {
  private readonly byId = new Map<string, RunningQuery>();
  private readonly all = new Set<RunningQuery>();

  /** Registers a query; null when a query with that id is already running. */
  start(id: string | null, principal: Principal): RunningQuery | null {
    if (id !== null && this.byId.has(id)) return null;
    let stopped: StopReason | null = null;
    let connection: DuckDBConnection | null = null;
    const controller = new AbortController();
    let markEnded = () => {};
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    // An interrupt only reaches a statement DuckDB is running; one still queued for a libuv
    // thread would miss it and run to the end. So it is repeated until the query ends.
    let repeat: NodeJS.Timeout | undefined;
    const query: RunningQuery = {
      id,
      owner: principal.id,
      get stopped() {
        return stopped;
      },
      stop(reason) {
        if (stopped) return;
        stopped = reason;
        connection?.interrupt();
        repeat = setInterval(() => connection?.interrupt(), 100);
        controller.abort(reason);
      },
      attach(c) {
        connection = c;
      },
      signal: controller.signal,
      ended,
      [END]() {
        clearInterval(repeat);
        markEnded();
      },
    };
    if (id !== null) this.byId.set(id, query);
    this.all.add(query);
    return query;
  }

  end(query: RunningQuery): void {
    query[END]();
    if (query.id !== null && this.byId.get(query.id) === query) this.byId.delete(query.id);
    this.all.delete(query);
  }

  /**
   * Cancels the query with `id` if `principal` may (its owner, or any admin): the promise
   * settles once it has ended. Null when there is no such query to cancel.
   */
  cancel(id: string, principal: Principal): Promise<void> | null {
    const query = this.byId.get(id);
    if (!query || (query.owner !== principal.id && principal.role !== 'admin')) return null;
    query.stop('cancelled');
    return query.ended;
  }

  /** Queries running now. */
  get size(): number {
    return this.all.size;
  }

  /** Stops everything, for shutdown. */
  cancelAll(): void {
    for (const q of this.all) q.stop('cancelled');
  }
}
