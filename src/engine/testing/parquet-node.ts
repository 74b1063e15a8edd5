// Tests only: parquet-wasm's ES build, initialised from the .wasm file on disk. The app loads it
// with a `?url` import (src/engine/ingest/parquet.ts), which Node cannot fetch; once initialised
// here, that loader finds it ready.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

let ready: Promise<void> | undefined;

/** Initialises parquet-wasm for Node; call before anything writes or reads Parquet. */
export function initParquetWasm(): Promise<void> {
  ready ??= (async () => {
    const wasm = join(dirname(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')), 'parquet_wasm_bg.wasm');
    const pq = await import('parquet-wasm/esm');
    await pq.default({ module_or_path: await readFile(wasm) });
  })();
  return ready;
}
