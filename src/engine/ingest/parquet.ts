import { EngineError, isEngineError, messageOf } from '../errors';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource, IngestOptions } from '../types';
import { ParquetReader, ParquetWorkerError } from './parquet-client';
import { sourceLabel } from './source';

type ParquetWasm = typeof import('parquet-wasm/esm');

let loading: Promise<ParquetWasm> | undefined;

/** parquet-wasm on the page, loaded on first use, for writing Parquet (reading runs in a worker). */
export function loadParquetWasm(): Promise<ParquetWasm> {
  loading ??= (async () => {
    const [module, { default: wasmUrl }] = await Promise.all([
      import('parquet-wasm/esm'),
      import('parquet-wasm/esm/parquet_wasm_bg.wasm?url'),
    ]);
    await module.default({ module_or_path: wasmUrl });
    return module;
  })();
  return loading;
}

const WHAT_TO_DO = 'Write it again from the program that made it, or check that its download finished.';

/** A damaged or cut file, said in words. */
export function damaged(label: string, why: string, cause?: unknown): EngineError {
  return new EngineError('file', `${label} could not be read: the file is damaged (${why}). ${WHAT_TO_DO}`, { file: label }, { cause });
}

/**
 * Parquet through parquet-wasm (DuckDB-WASM has no parquet extension built in), in a worker of its
 * own (parquet-client.ts): one row group at a time, as Arrow IPC into DuckDB, so memory stays
 * bounded by a row group. A URL is read with HTTP range requests, never downloaded whole first.
 */
export async function readParquet(session: DuckSession, source: DataSource, table: string, options: IngestOptions): Promise<void> {
  const label = sourceLabel(source);
  if (source.kind === 'file') await checkFooter(label, source.file);
  let opened: Awaited<ReturnType<typeof ParquetReader.open>> | undefined;
  try {
    opened = await ParquetReader.open(source.kind === 'file' ? { kind: 'file', file: source.file } : { kind: 'url', url: source.url }, options.signal);
    const { reader, rows, total, schema } = opened;
    if (schema) {
      await session.withConnection((conn) => conn.insertArrowFromIPCStream(schema, { name: table, create: true }));
      return;
    }
    let done = 0;
    for (let group = 0; group < rows.length; group++) {
      if (options.signal?.aborted) throw new EngineError('cancelled', `Reading ${label} was cancelled`, { file: label });
      const ipc = await reader.group(group);
      await session.withConnection((conn) => conn.insertArrowFromIPCStream(ipc, { name: table, create: group === 0 }));
      done += rows[group]!;
      options.onProgress?.({ done, total, unit: 'rows' });
    }
  } catch (e) {
    if (options.signal?.aborted) throw new EngineError('cancelled', `Reading ${label} was cancelled`, { file: label }, { cause: e });
    if (isEngineError(e)) throw e;
    if (e instanceof ParquetWorkerError) throw damaged(label, e.message, e);
    // DuckDB refused what the reader made of it: also a damaged file, most likely.
    throw damaged(label, messageOf(e), e);
  } finally {
    opened?.reader.close();
  }
}

/** A Parquet file ends with its footer's length and PAR1; a cut file does not. */
async function checkFooter(label: string, file: Blob): Promise<void> {
  if (file.size < 12) throw damaged(label, `it is only ${file.size} bytes, too short for Parquet`);
  const tail = new Uint8Array(await file.slice(file.size - 8).arrayBuffer());
  const marker = String.fromCharCode(...tail.subarray(4));
  if (marker !== 'PAR1') throw damaged(label, 'it does not end with the Parquet marker PAR1, so it was probably cut short');
  const footer = new DataView(tail.buffer).getUint32(0, true);
  if (footer + 12 > file.size) throw damaged(label, `its footer claims ${footer} bytes, more than the file holds`);
}
