import duckdb from '@duckdb/node-bindings';
import type { DuckDBDataChunk, DuckDBType } from '@duckdb/node-api';
import { Field, makeData, RecordBatch, RecordBatchStreamWriter, Schema, Struct } from 'apache-arrow';
import type { ArrayBufferViewInput } from 'apache-arrow/util/buffer';
import { ERROR_TAIL_MAGIC, type ErrorBody } from '../../protocol/index.js';
import type { ColumnBuilder } from './builder.js';
import { builderFor } from './types.js';

/** A record batch is cut at this many rows or bytes, whichever comes first. */
export interface BatchLimits {
  rows: number;
  bytes: number;
}

/** Arrow's end-of-stream marker: a continuation token and a zero length. */
const END_OF_STREAM = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * apache-arrow's stream writer, with its output taken synchronously as it is written instead
 * of through its async queue, so each batch can go to the socket (or be counted against the
 * result cap) the moment it is encoded.
 */
class CapturingWriter extends RecordBatchStreamWriter {
  private parts: Uint8Array[] = [];
  protected override _write(chunk: ArrayBufferViewInput): this {
    if (this._started && ArrayBuffer.isView(chunk) && chunk.byteLength > 0) {
      this.parts.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this._position += chunk.byteLength;
    }
    return this;
  }
  /** Everything written since the last call; kept as parts, since copying 100s of MB adds up. */
  takeBytes(): Uint8Array[] {
    const out = this.parts;
    this.parts = [];
    return out;
  }
}

/**
 * Turns a DuckDB result, chunk by chunk, into an Arrow IPC stream: `start()` gives the schema
 * message, `append()` gives a record batch whenever enough rows have gathered, `finish()` the
 * last batch and the end-of-stream marker.
 */
export class ArrowEncoder {
  private readonly builders: ColumnBuilder[];
  private readonly schema: Schema;
  private readonly writer = new CapturingWriter({ autoDestroy: false });
  /** Rows encoded into batches so far. */
  rows = 0;

  constructor(
    names: readonly string[],
    types: readonly DuckDBType[],
    private readonly limits: BatchLimits,
  ) {
    this.builders = types.map(builderFor);
    const fields = this.builders.map(
      // The DuckDB type name rides along so a client can show `DECIMAL(10,2)`, not `Decimal128`.
      (b, i) => new Field(names[i] ?? `column${i}`, b.type, true, new Map([['duckdb_type', String(types[i])]])),
    );
    this.schema = new Schema(fields);
  }

  /** The schema message that opens the stream. */
  start(): Uint8Array[] {
    this.writer.reset(undefined, this.schema);
    return this.writer.takeBytes();
  }

  /** Adds a chunk; returns an encoded record batch once one is full, else null. */
  append(chunk: DuckDBDataChunk): Uint8Array[] | null {
    const size = chunk.rowCount;
    if (size === 0) return null;
    const rows = { start: 0, count: size, indices: null };
    this.builders.forEach((b, i) => b.append(duckdb.data_chunk_get_vector(chunk.chunk, i), size, rows));
    const pending = this.builders[0]?.length ?? 0;
    if (pending >= this.limits.rows || this.pendingBytes() >= this.limits.bytes) return this.flush();
    return null;
  }

  /** The rows gathered but not yet encoded, as a batch; null when there are none. */
  flush(): Uint8Array[] | null {
    const length = this.builders[0]?.length ?? 0;
    if (length === 0) return null;
    const children = this.builders.map((b) => b.take());
    const data = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
    this.writer.write(new RecordBatch(this.schema, data));
    this.rows += length;
    return this.writer.takeBytes();
  }

  /** The last batch, if any, and the end-of-stream marker. */
  finish(): Uint8Array[] {
    return [...(this.flush() ?? []), END_OF_STREAM];
  }

  private pendingBytes(): number {
    let n = 0;
    for (const b of this.builders) n += b.byteLength;
    return n;
  }
}

/**
 * What ends a stream that failed after it began, in place of the end-of-stream marker: the
 * error JSON, its byte length (uint32, little-endian) and ERROR_TAIL_MAGIC. See protocol/index.ts.
 */
export function errorTail(body: ErrorBody): Buffer {
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([json, length, Buffer.from(ERROR_TAIL_MAGIC, 'latin1')]);
}
