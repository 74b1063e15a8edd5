import { Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import { loadParquetWasm } from '../ingest/parquet';

/** DuckDB's own row group size: small enough to bound the writer's memory, large enough to scan well. */
const ROW_GROUP_ROWS = 122_880;

/** Parquet bytes are gathered into a Blob this many at a time (the browser may keep a big Blob on disk). */
const BLOB_STEP = 8 * 1024 * 1024;

const PARQUET_TYPE = 'application/vnd.apache.parquet';

/**
 * Writes Arrow record batches as one Parquet file, pulling a batch only when the writer wants
 * the next: memory holds a row group or so, and the file grows as a Blob. The batches must share
 * one schema and carry only types Parquet keeps (see push-types.ts).
 */
export async function parquetBlob(batches: AsyncIterable<RecordBatch>): Promise<Blob> {
  const pq = await loadParquetWasm();
  const properties = () =>
    new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).setMaxRowGroupSize(ROW_GROUP_ROWS).setCreatedBy('Cellar').build();
  const source = batches[Symbol.asyncIterator]();
  // The first batch with rows starts the stream; parquet-wasm's stream writer cannot start from
  // none ("Dyn casting error"), so an empty table is written whole from its schema.
  let first = await source.next();
  const schema = first.done ? undefined : first.value.schema;
  while (!first.done && first.value.numRows === 0) first = await source.next();
  if (first.done) {
    if (!schema) throw new Error('no record batch, not even an empty one, to take the schema from');
    const empty = pq.Table.fromIPCStream(tableToIPC(new Table(schema), 'stream'));
    return new Blob([new Uint8Array(pq.writeParquet(empty, properties()))], { type: PARQUET_TYPE });
  }
  let head: RecordBatch | undefined = first.value;
  const input = new ReadableStream({
    async pull(controller) {
      const next = head ? { done: false as const, value: head } : await source.next();
      head = undefined;
      if (next.done) return controller.close();
      // parquet-wasm takes its own RecordBatches, made from Arrow IPC.
      const table = pq.Table.fromIPCStream(tableToIPC(new Table([next.value]), 'stream'));
      try {
        for (const batch of table.recordBatches()) controller.enqueue(batch);
      } finally {
        table.free();
      }
    },
    async cancel() {
      await source.return?.();
    },
  });
  const output: ReadableStream<Uint8Array<ArrayBuffer>> = await pq.transformParquetStream(input, properties());
  return gather(output);
}

/** A stream's bytes as one Blob, added to it a few MB at a time. */
async function gather(output: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<Blob> {
  let blob = new Blob([]);
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let pendingBytes = 0;
  const reader = output.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending.push(value);
    pendingBytes += value.byteLength;
    if (pendingBytes >= BLOB_STEP) {
      blob = new Blob([blob, ...pending]);
      pending = [];
      pendingBytes = 0;
    }
  }
  return new Blob([blob, ...pending], { type: PARQUET_TYPE });
}
