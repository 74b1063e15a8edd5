// Tests only: DuckDB-WASM's own build for Node (same wasm as the browser's `eh` build), so the
// parser behaviour tests check is the one the app gets. Not imported by the app.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { SqlParser } from '../analyze';
import { toTokens } from '../../sql';

const require = createRequire(import.meta.url);

interface BlockingConnection {
  query(sql: string): { toArray(): { toJSON(): Record<string, unknown> }[] };
  getTableNames(sql: string): string[];
  prepare(sql: string): { query(...params: unknown[]): unknown; close(): void };
}

export interface WasmDuckDB extends SqlParser {
  conn: BlockingConnection;
}

let instance: Promise<WasmDuckDB> | undefined;

/** One DuckDB-WASM instance per test file. */
export function wasmDuckDB(): Promise<WasmDuckDB> {
  instance ??= (async () => {
    const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
    const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
    const db = await duckdb.createDuckDB(
      { mvp: { mainModule: `${dist}/duckdb-mvp.wasm`, mainWorker: '' }, eh: { mainModule: `${dist}/duckdb-eh.wasm`, mainWorker: '' } },
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME,
    );
    await db.instantiate();
    const conn: BlockingConnection = db.connect();
    conn.query('SET autoload_known_extensions = false');
    conn.query('SET autoinstall_known_extensions = false');
    return {
      conn,
      tokenize: async (sql: string) => toTokens(sql, db.tokenize(sql)),
      tableNames: async (sql: string) => conn.getTableNames(sql),
    };
  })();
  return instance;
}
