import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { quoteLiteral } from './sql.js';

/** The folder names inside the data folder; only `uploads` is readable from SQL. */
export const DATA_LAYOUT = {
  database: 'cellar.duckdb',
  uploads: 'uploads',
  temp: 'tmp',
  secrets: 'secrets',
  workbooks: 'workbooks',
} as const;

/** What openDatabase needs from the server's configuration. */
export interface DatabaseOptions {
  dataDir: string;
  memoryLimit: string;
  threads: number | undefined;
  connections: number;
}

/** A connection borrowed from the pool; give it back with `release()` (idempotent). */
export interface Lease {
  readonly connection: DuckDBConnection;
  release(): void;
}

/** The one DuckDB database the server owns, sandboxed, with a pool of connections. */
export interface Database {
  readonly version: string;
  /** Waits for a free connection; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<Lease>;
  /** Interrupts whatever runs, then closes the database (checkpointing it). */
  close(): void;
}

/**
 * Opens (or creates) the database file and locks it down before any request can reach it:
 * no extension is installed or loaded behind our back, no file outside `uploads/` is readable
 * or writable from SQL, memory and spill space are bounded, and `lock_configuration` keeps SQL
 * from setting any of it back.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const file = path.join(options.dataDir, DATA_LAYOUT.database);
  const uploads = path.join(options.dataDir, DATA_LAYOUT.uploads) + path.sep;
  const temp = path.join(options.dataDir, DATA_LAYOUT.temp);
  const instance = await DuckDBInstance.create(file, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    // CREATE PERSISTENT SECRET would write to ~/.duckdb, outside the data folder.
    allow_persistent_secrets: 'false',
  });
  const setup = await instance.connect();
  const settings = [
    // A directory prefix: DuckDB normalises `..` before the check, so uploads/../x is refused.
    `SET allowed_directories = [${quoteLiteral(uploads)}]`,
    `SET temp_directory = ${quoteLiteral(temp)}`,
    `SET memory_limit = ${quoteLiteral(options.memoryLimit)}`,
    ...(options.threads ? [`SET threads = ${options.threads}`] : []),
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ];
  for (const sql of settings) await setup.run(sql);
  const version = String((await setup.runAndReadAll('SELECT version()')).getRows()[0]?.[0]);
  setup.closeSync();
  return createPool(instance, version, options.connections);
}

/**
 * Every lease gets a new connection, closed when it is released: whatever a request changes on
 * its connection (`CALL enable_profiling()`, a schema, a TEMP table, a prepared statement) ends
 * with it instead of passing to the next user. A connection costs about 0.1 ms to open.
 * `max` bounds how many are open at once; more requests wait their turn.
 */
function createPool(instance: DuckDBInstance, version: string, max: number): Database {
  const busy = new Set<DuckDBConnection>();
  const waiters: Array<() => void> = [];
  let taken = 0; // slots in use, including ones whose connection is still opening
  let closed = false;

  const giveBack = () => {
    // A waiter takes the slot over as it is; only a slot nobody wants is freed.
    const next = waiters.shift();
    if (next) next();
    else taken--;
  };

  const lease = (connection: DuckDBConnection): Lease => {
    busy.add(connection);
    let released = false;
    return {
      connection,
      release() {
        if (released) return;
        released = true;
        busy.delete(connection);
        if (closed) return;
        connection.closeSync();
        giveBack();
      },
    };
  };

  return {
    version,
    async acquire(signal) {
      signal?.throwIfAborted();
      if (closed) throw new Error('The database is closed');
      if (taken < max) taken++;
      else {
        await new Promise<void>((resolve, reject) => {
          const waiter = () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          };
          const onAbort = () => {
            const i = waiters.indexOf(waiter);
            if (i >= 0) waiters.splice(i, 1);
            reject(signal?.reason);
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          waiters.push(waiter);
        });
      }
      try {
        if (closed) throw new Error('The database is closed');
        return lease(await instance.connect());
      } catch (e) {
        giveBack();
        throw e;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      for (const c of busy) c.interrupt();
      for (const c of busy) c.closeSync();
      instance.closeSync();
    },
  };
}
