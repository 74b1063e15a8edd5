import { EngineError, isEngineError, messageOf } from '../errors';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource, IngestOptions } from '../types';
import { sourceLabel } from './source';

type ParquetWasm = typeof import('parquet-wasm/esm');
let loading: Promise<ParquetWasm> | undefined;

/** parquet-wasm is loaded on first use, from our own bundle. */
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

/**
 * Parquet through parquet-wasm (DuckDB-WASM has no parquet extension built in): one row group at a
 * time, as Arrow IPC into DuckDB, so memory stays bounded by a row group. A URL is read with HTTP
 * range requests, never downloaded whole first.
 */
export async function readParquet(session: DuckSession, source: DataSource, table: string, options: IngestOptions): Promise<void> {
  const label = sourceLabel(source);
  const pq = await loadParquetWasm();
  let file;
  try {
    file = source.kind === 'file' ? await pq.ParquetFile.fromFile(source.file) : await pq.ParquetFile.fromUrl(source.url);
  } catch (e) {
    throw new EngineError('file', `${label} is not a readable Parquet file: ${messageOf(e)}`, { file: label }, { cause: e });
  }
  try {
    const metadata = file.metadata();
    const groups = metadata.numRowGroups();
    const total = metadata.fileMetadata().numRows();
    if (groups === 0) {
      // An empty file still has a schema: make the empty table from it.
      const ipc = file.schema().intoIPCStream();
      await session.withConnection((conn) => conn.insertArrowFromIPCStream(ipc, { name: table, create: true }));
      return;
    }
    let done = 0;
    for (let group = 0; group < groups; group++) {
      if (options.signal?.aborted) throw new EngineError('cancelled', `Reading ${label} was cancelled`, { file: label });
      const rows = metadata.rowGroup(group).numRows();
      const ipc = (await file.read({ rowGroups: [group] })).intoIPCStream();
      await session.withConnection((conn) =>
        conn.insertArrowFromIPCStream(ipc, { name: table, create: group === 0 }),
      );
      done += rows;
      options.onProgress?.({ done, total, unit: 'rows' });
    }
  } catch (e) {
    if (isEngineError(e)) throw e;
    throw new EngineError('file', `${label} could not be read: ${messageOf(e)}`, { file: label }, { cause: e });
  } finally {
    file.free();
  }
}
