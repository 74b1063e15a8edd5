import type { RecordBatch } from 'apache-arrow';
import { EngineError, isEngineError, messageOf } from '../errors';
import { quoteIdent } from '../../sql';
import type { IngestProgress, IngestResult, LocalEngine } from '../types';
import { parquetBlob } from './parquet-stream';
import { exportSelectList, retypeStatements } from './push-types';
import type { RemoteEngine } from './RemoteEngine';

/** What pushTable needs of the browser's engine (a LocalEngine has it all). */
export type LocalSession = Pick<LocalEngine, 'withConnection' | 'query' | 'catalog'>;

export interface PushOptions {
  /** The name on the server; the local name when not given. */
  as?: string;
  /** Replace a server table of that name instead of refusing. */
  replace?: boolean;
  /** First rows written to Parquet (unit `rows`), then bytes uploaded (unit `bytes`). */
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

/**
 * Copies a browser table (or view) to the server: DuckDB-WASM streams it out as Arrow batches,
 * parquet-wasm writes them as Parquet (DuckDB-WASM has no Parquet writer), and the file is
 * uploaded with progress. Columns Parquet cannot carry go as text and are cast back on the server.
 */
export async function pushTable(local: LocalSession, remote: RemoteEngine, table: string, options: PushOptions = {}): Promise<IngestResult> {
  const { signal, onProgress } = options;
  const name = options.as ?? table;
  const columns = await local.catalog.describe(table);
  if (columns.length === 0) throw new EngineError('sql', `There is no table ${table} in the browser to push.`);
  const count = await local.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`, {}, { signal });
  const total = Number(count.get(0)?.n ?? 0);
  const sql = `SELECT ${exportSelectList(columns)} FROM ${quoteIdent(table)}`;
  let parquet: Blob;
  try {
    parquet = await local.withConnection(async (conn, discard) => {
      const interrupt = () => {
        discard();
        void conn.cancelSent();
      };
      signal?.addEventListener('abort', interrupt);
      try {
        // A streaming query: the Parquet writer pulls each batch when it wants the next, so the
        // table never sits whole in memory.
        const reader = await conn.send(sql, true);
        return await parquetBlob(counted(reader, total, options));
      } finally {
        signal?.removeEventListener('abort', interrupt);
      }
    });
  } catch (e) {
    if (signal?.aborted) throw new EngineError('cancelled', `Pushing ${table} was cancelled`, {}, { cause: e });
    if (isEngineError(e)) throw e;
    throw new EngineError('internal', `${table} could not be written as Parquet: ${messageOf(e)}`, {}, { cause: e });
  }
  const pushed = await remote.upload(new File([parquet], `${name}.parquet`), name, { format: 'parquet', replace: options.replace, onProgress, signal });
  const retype = retypeStatements(pushed.table, columns, pushed.columns);
  if (retype.length === 0) return pushed;
  await remote.query(retype.join(';\n'), {}, { signal });
  return { ...pushed, columns: await remote.catalog.describe(pushed.table) };
}

/** The batches as they pass, with progress in rows; an abort fails the read (never a short file). */
async function* counted(batches: AsyncIterable<RecordBatch>, total: number, { signal, onProgress }: PushOptions): AsyncGenerator<RecordBatch> {
  let done = 0;
  for await (const batch of batches) {
    if (signal?.aborted) throw new EngineError('cancelled', 'Push cancelled');
    done += batch.numRows;
    onProgress?.({ done, total, unit: 'rows' });
    yield batch;
  }
}
