import type { RecordBatch, Schema } from 'apache-arrow';
import type { LocalEngine } from '../types';
import { quoteIdent } from '../../sql';
import { EngineError, toSqlError } from '../errors';

/**
 * The query with the columns neither writer handles well cast to text: INTERVAL (Arrow's
 * month-day-nano comes out of Arrow JS as numbers without units) and ENUM (a dictionary that
 * parquet-wasm rejects, "Value at position 0 out of bounds"). `'1 day'` and the label are what a
 * person expects in either file.
 */
export async function exportableSql(session: Pick<LocalEngine, 'query'>, sql: string, signal?: AbortSignal): Promise<string> {
  const described = await session.query(`DESCRIBE SELECT * FROM (${sql})`, {}, { signal });
  const casts = described
    .toArray()
    .filter((c) => /^INTERVAL$|^ENUM\(/.test(String(c.column_type)))
    .map((c) => quoteIdent(String(c.column_name)));
  if (casts.length === 0) return sql;
  return `SELECT * REPLACE (${casts.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')}) FROM (${sql})`;
}

/** Rows the query gives, counted in DuckDB before the export starts (for progress). */
export async function countOf(session: Pick<LocalEngine, 'query' | 'withConnection'>, sql: string, signal?: AbortSignal): Promise<number> {
  const result = await session.query(`SELECT count(*)::DOUBLE AS n FROM (${sql})`, {}, { signal });
  return Number(result.get(0)?.n ?? 0);
}

/**
 * Runs `sql` and hands its Arrow record batches to `onBatch` one at a time, as DuckDB produces
 * them: the worker computes the next batch only when this asks for it, so a result of millions of
 * rows never sits whole in the page. `onBatch` may be slow (a disk write, a Parquet worker): the
 * query simply waits. Cancelling interrupts the query and drops its connection.
 */
export async function streamBatches(
  session: Pick<LocalEngine, 'query' | 'withConnection'>,
  sql: string,
  onBatch: (batch: RecordBatch, schema: Schema) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<Schema> {
  const cancelled = () => new EngineError('cancelled', 'Export cancelled', { sql });
  if (signal?.aborted) throw cancelled();
  const schema = await session.withConnection(async (conn, discard) => {
    const stop = () => {
      discard();
      void conn.cancelSent();
    };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const reader = await conn.send(sql, true);
      if (!reader) throw new EngineError('internal', 'The DuckDB worker went away', { sql });
      for await (const batch of reader) {
        if (signal?.aborted) break;
        try {
          await onBatch(batch, reader.schema);
        } catch (e) {
          // The writer failed (a full disk, a type Parquet cannot hold): stop the query too.
          stop();
          throw new WriteFailure(e);
        }
      }
      if (signal?.aborted) throw cancelled();
      return reader.schema as Schema | undefined;
    } catch (e) {
      if (signal?.aborted) throw cancelled();
      if (e instanceof WriteFailure) throw e.cause;
      throw toSqlError(e, sql);
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  });
  // A result with no batch leaves the stream reader without a schema: ask for it alone.
  return schema ?? (await session.query(`SELECT * FROM (${sql}) LIMIT 0`, {}, { signal })).schema;
}

/** An error of the batch consumer, told apart from the query's own. */
class WriteFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('write failed');
  }
}
