import type { DuckDBConnection } from '@duckdb/node-api';
import type { Principal } from './auth.js';
import type { StopReason } from './errors.js';

/** Ends a query's repeated interrupts; only the registry calls it. */
const END = Symbol('end');

/**
 * How long a stopped query may take to end before its process is given up on. DuckDB checks for
 * an interrupt between vectors; one function call on one huge value (a 2 GB `repeat`, a
 * `levenshtein` of two long strings) never looks, and only ending the process stops it. A
 * timeout must end within the timeout + 1 s; a cancel or a result cap has no such bound and gets
 * longer, since ending the process also ends every other request it runs.
 */
export const STUCK_AFTER_MS: Readonly<Record<StopReason, number>> = { timeout: 750, cancelled: 5000, 'too-large': 5000 };

/** A query in flight: who started it, and how to stop it. */
export interface RunningQuery {
  readonly id: string | null;
  /** The supervisor's name for the HTTP request that runs it (sandbox/proxy.ts), if any. */
  readonly tag: string | null;
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

  /** Called once for a query still running STUCK_AFTER_MS[reason] after it was stopped. */
  onStuck: (query: RunningQuery) => void = () => {};

  /** Called when a query's statement clock starts (with the time left) or stops (null). */
  onClock: (query: RunningQuery, leftMs: number | null) => void = () => {};

  /** Registers a query; null when a query with that id is already running. */
  start(id: string | null, principal: Principal, tag: string | null = null): RunningQuery | null {
    if (id !== null && this.byId.has(id)) return null;
    let stopped: StopReason | null = null;
    let connection: DuckDBConnection | null = null;
    const controller = new AbortController();
    let markEnded = () => {};
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    // An interrupt only reaches a statement DuckDB is running; one still queued for a libuv
    // thread would miss it and run to the end. So it is repeated until the query ends.
    let repeat: NodeJS.Timeout | undefined;
    let stuck: NodeJS.Timeout | undefined;
    const registry = this;
    const query: RunningQuery = {
      id,
      tag,
      owner: principal.id,
      get stopped() {
        return stopped;
      },
      stop(reason) {
        if (stopped) return;
        stopped = reason;
        connection?.interrupt();
        repeat = setInterval(() => connection?.interrupt(), 100);
        stuck = setTimeout(() => registry.onStuck(query), STUCK_AFTER_MS[reason]);
        // Stopped for another reason, its clock no longer decides when it is given up on.
        if (reason !== 'timeout') registry.onClock(query, null);
        controller.abort(reason);
      },
      attach(c) {
        connection = c;
      },
      signal: controller.signal,
      ended,
      [END]() {
        clearInterval(repeat);
        clearTimeout(stuck);
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
