type ParquetWasm = typeof import('parquet-wasm/esm');

/** Arrow IPC in, Parquet bytes out (to `onChunk`), one row group at a time. */
export interface ParquetEncoder {
  /** One Arrow IPC stream of record batches; resolves when the encoder wants the next. */
  write(ipc: Uint8Array): Promise<void>;
  /** Ends the file; `schema` (an IPC stream with no batches) writes an empty one when nothing was written. */
  end(schema?: Uint8Array): Promise<void>;
  /** Stops, writing nothing more. */
  close(): void;
}

/** DuckDB's own row group size: a reader of the file gets groups of the size it is used to. */
export const ROW_GROUP_ROWS = 122_880;

/**
 * The encoder itself, over an initialised parquet-wasm: parquet-wasm's `transformParquetStream`
 * pulls record batches from a stream this feeds and writes a row group each time `rowGroupRows`
 * have come in, so memory holds one row group, never the file. The app runs it in a worker
 * (parquet-writer-worker.ts); tests run it in-process.
 */
export function createParquetEncoder(pq: ParquetWasm, onChunk: (bytes: Uint8Array) => void, rowGroupRows = ROW_GROUP_ROWS): ParquetEncoder {
  let controller!: ReadableStreamDefaultController<unknown>;
  let drained: (() => void) | undefined;
  let wrote = false;
  let closed = false;
  const input = new ReadableStream<unknown>(
    {
      start: (c) => void (controller = c),
      // Called when the writer has taken everything queued: the next batch may come.
      pull: () => {
        drained?.();
        drained = undefined;
      },
    },
    { highWaterMark: 1 },
  );
  const props = new pq.WriterPropertiesBuilder().setMaxRowGroupSize(rowGroupRows).setCompression(pq.Compression.SNAPPY).build();
  // Resolves only once the first batch is in (it reads the schema from it): started on first write.
  let pump: Promise<void> | undefined;
  const start = () =>
    (pump ??= (async () => {
      const reader = (await pq.transformParquetStream(input, props)).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        onChunk(value as Uint8Array);
      }
    })());

  return {
    async write(ipc) {
      if (closed) throw new Error('the Parquet writer was closed');
      const batches = pq.Table.fromIPCStream(ipc).recordBatches().filter((b) => b.numRows > 0);
      if (batches.length === 0) return;
      for (const batch of batches) controller.enqueue(batch);
      wrote = true;
      const failed = start().then(() => undefined);
      if ((controller.desiredSize ?? 1) <= 0) await Promise.race([new Promise<void>((resolve) => (drained = resolve)), failed]);
    },
    async end(schema) {
      if (!wrote) {
        if (schema) onChunk(pq.writeParquet(pq.Table.fromIPCStream(schema), props));
        return;
      }
      controller.close();
      await start();
    },
    close() {
      closed = true;
      try {
        controller.error(new Error('closed'));
      } catch {
        // already closed
      }
    },
  };
}
