import { RecordBatch, Table, tableToIPC, type Schema } from 'apache-arrow';
import type { LocalEngine } from '../types';
import { csvBatch, csvHeader } from './csv';
import type { ParquetEncoder } from './parquet-encoder';
import { startParquetWorker } from './parquet-writer-client';
import type { ExportSink } from './sink';
import { countOf, exportableSql, streamBatches } from './stream';

export type ExportFormat = 'csv' | 'parquet';

/** What export needs of the engine: a query, and a connection to stream from. */
export type ExportSession = Pick<LocalEngine, 'query' | 'withConnection'>;

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportOptions {
  format: ExportFormat;
  sink: ExportSink;
  /** CSV: the formula-injection guard (see csv.ts); on unless `false`. */
  guard?: boolean;
  /** CSV: a UTF-8 byte order mark first, so Excel reads the file as UTF-8. */
  bom?: boolean;
  signal?: AbortSignal;
  onProgress?(progress: ExportProgress): void;
  /** How the Parquet encoder starts: a worker unless given (tests run it in-process). */
  parquet?: (onChunk: (bytes: Uint8Array) => void) => Promise<ParquetEncoder>;
}

/** Text is encoded and written in pieces of about this many characters. */
const CSV_CHUNK = 1 << 20;
/** Batches go to the Parquet worker in groups of about this many rows (fewer messages). */
const PARQUET_MESSAGE_ROWS = 65_536;
/** Progress is reported at most this often, and at the end. */
const PROGRESS_MS = 100;

/**
 * Writes the result of `sql` to `sink` as CSV or Parquet, batch by batch as DuckDB streams it
 * (stream.ts), after counting its rows for the progress. On failure or cancel the sink is
 * aborted and nothing is saved. Returns the rows written.
 */
export async function exportQuery(session: ExportSession, query: string, options: ExportOptions): Promise<number> {
  const { sink, signal } = options;
  let done = 0;
  let reported = 0;
  let write: BatchWriter | undefined;
  try {
    const sql = await exportableSql(session, query, signal);
    const total = await countOf(session, sql, signal);
    const progress = (force = false) => {
      const now = Date.now();
      if (!force && now - reported < PROGRESS_MS) return;
      reported = now;
      options.onProgress?.({ done, total });
    };
    progress(true);
    write = options.format === 'csv' ? csvWriter(sink, options) : await parquetWriter(sink, options);
    const writer = write;
    const schema = await streamBatches(
      session,
      sql,
      async (batch, schema) => {
        await writer.batch(batch, schema);
        done += batch.numRows;
        progress();
      },
      signal,
    );
    await writer.end(schema);
    await sink.close();
    progress(true);
    return done;
  } catch (e) {
    write?.close();
    await sink.abort();
    throw e;
  }
}

interface BatchWriter {
  batch(batch: RecordBatch, schema: Schema): Promise<void>;
  end(schema: Schema): Promise<void>;
  /** Stops after a failure (ends the Parquet worker). */
  close(): void;
}

function csvWriter(sink: ExportSink, options: ExportOptions): BatchWriter {
  const encoder = new TextEncoder();
  let text = options.bom ? '\uFEFF' : '';
  let headed = false;
  const head = (schema: Schema) => {
    if (!headed) text += csvHeader(schema.fields.map((f) => f.name));
    headed = true;
  };
  const flush = async () => {
    if (text) await sink.write(encoder.encode(text));
    text = '';
  };
  return {
    async batch(batch, schema) {
      head(schema);
      text += csvBatch(batch, { guard: options.guard ?? true });
      if (text.length >= CSV_CHUNK) await flush();
    },
    async end(schema) {
      head(schema);
      await flush();
    },
    close: () => undefined,
  };
}

async function parquetWriter(sink: ExportSink, options: ExportOptions): Promise<BatchWriter> {
  // Chunks arrive while batches go in; they are written in order, and a failed write stops the export.
  let writing = Promise.resolve();
  const encoder = await (options.parquet ?? startParquetWorker)((bytes) => {
    writing = writing.then(() => sink.write(bytes));
  });
  let held: RecordBatch[] = [];
  let heldRows = 0;
  const send = async () => {
    if (held.length === 0) return;
    const ipc = tableToIPC(new Table(held), 'stream');
    held = [];
    heldRows = 0;
    await encoder.write(ipc);
    await writing;
  };
  return {
    async batch(batch) {
      held.push(batch);
      heldRows += batch.numRows;
      if (heldRows >= PARQUET_MESSAGE_ROWS) await send();
    },
    async end(schema) {
      await send();
      await encoder.end(tableToIPC(new Table(schema), 'stream'));
      await writing;
    },
    close: () => encoder.close(),
  };
}
