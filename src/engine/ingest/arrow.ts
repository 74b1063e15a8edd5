import { RecordBatchReader, Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import { arrowReadFailure, validateArrowBatch, validateArrowSchema } from '../arrow-validate';
import { EngineError, isEngineError } from '../errors';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource, IngestOptions } from '../types';
import { openStream, sourceLabel } from './source';

/** Rows handed to DuckDB per insert: large enough to amortize the call, small enough to bound memory. */
const ROWS_PER_INSERT = 100_000;

/** Arrow IPC (file or stream format), read batch by batch from the file's stream. */
export async function readArrow(session: DuckSession, source: DataSource, table: string, options: IngestOptions): Promise<void> {
  const label = sourceLabel(source);
  const { stream, size } = await openStream(source, options.signal);
  let pending: RecordBatch[] = [];
  let pendingRows = 0;
  let created = false;
  const flush = async (schemaOnly?: Table) => {
    const ipc = tableToIPC(schemaOnly ?? new Table(pending), 'stream');
    await session.withConnection((conn) => conn.insertArrowFromIPCStream(ipc, { name: table, create: !created }));
    created = true;
    pending = [];
    pendingRows = 0;
  };
  try {
    const reader = await RecordBatchReader.from(counting(stream, (bytes) => options.onProgress?.({ done: bytes, total: size, unit: 'bytes' })));
    await reader.open();
    validateArrowSchema(reader.schema);
    for await (const batch of reader) {
      if (options.signal?.aborted) throw new EngineError('cancelled', `Reading ${label} was cancelled`, { file: label });
      // Before DuckDB-WASM sees it: its reader trusts the declared lengths too.
      validateArrowBatch(batch);
      pending.push(batch);
      pendingRows += batch.numRows;
      if (pendingRows >= ROWS_PER_INSERT) await flush();
    }
    if (pending.length > 0) await flush();
    if (!created) await flush(new Table(reader.schema));
  } catch (e) {
    if (isEngineError(e)) throw e;
    throw new EngineError('file', `${label} could not be read as Arrow: ${arrowReadFailure(e)}`, { file: label }, { cause: e });
  }
}

async function* counting(stream: ReadableStream<Uint8Array>, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      bytes += value.byteLength;
      onBytes(bytes);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
