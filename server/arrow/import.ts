import duckdb, { type Vector } from '@duckdb/node-bindings';
import {
  BIGINT,
  BLOB,
  BOOLEAN,
  DATE,
  DECIMAL,
  DOUBLE,
  DuckDBDataChunk,
  FLOAT,
  INTEGER,
  SMALLINT,
  TIME,
  TIMESTAMP,
  TIMESTAMP_MS,
  TIMESTAMP_NS,
  TIMESTAMP_S,
  TIMESTAMPTZ,
  TINYINT,
  UBIGINT,
  UINTEGER,
  USMALLINT,
  UTINYINT,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import { type Data, DataType, type RecordBatch, RecordBatchReader, TimeUnit, type Vector as ArrowVector } from 'apache-arrow';
import { randomBytes } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { arrowReadFailure, validateArrowBatch, validateArrowSchema } from '../../src/engine/arrow-validate.js';
import { ApiError } from '../errors.js';
import { quoteIdent } from '../sql.js';

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

/** How one Arrow column becomes a DuckDB column. */
interface ColumnPlan {
  type: DuckDBType;
  write(vector: Vector, column: ArrowVector, data: Data, from: number, count: number): void;
}

/**
 * Makes table `schema`.`table` from an Arrow IPC file (file or stream format). DuckDB has no Arrow
 * reader without an extension the sandbox will not load, so the batches are read here, one at
 * a time, and appended as DuckDB data chunks: fixed-width columns by a straight memory copy,
 * strings one by one, and types without a direct twin as text.
 */
export async function importArrowFile(connection: DuckDBConnection, file: string, schema: string, table: string, replace: boolean): Promise<void> {
  const handle = await open(file);
  const staging = `__cellar_import_${randomBytes(8).toString('hex')}`;
  const inSchema = (name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`;
  let created = false;
  try {
    const reader = await readerOf(handle);
    const fields = reader.schema.fields;
    if (fields.length === 0) throw new Error('Invalid Input Error: the Arrow file has no columns');
    const plans = fields.map((f) => planFor(f.type));
    const columns = fields.map((f, i) => `${quoteIdent(f.name)} ${plans[i]!.type.toString()}`).join(', ');
    await connection.run(`CREATE TABLE ${inSchema(staging)} (${columns})`);
    created = true;
    const appender = await connection.createAppender(staging, schema);
    for await (const batch of batchesOf(reader)) {
      const arrowColumns = fields.map((_, i) => batch.getChildAt(i)!);
      for (let from = 0; from < batch.numRows; from += CHUNK_ROWS) {
        const count = Math.min(CHUNK_ROWS, batch.numRows - from);
        const chunk = DuckDBDataChunk.create(
          plans.map((p) => p.type),
          count,
        );
        plans.forEach((plan, i) => {
          const column = arrowColumns[i]!;
          const vector = duckdb.data_chunk_get_vector(chunk.chunk, i);
          plan.write(vector, column, column.data[0]!, from, count);
          writeValidity(vector, column.data[0]!, from, count);
        });
        appender.appendDataChunk(chunk);
      }
    }
    appender.closeSync();
    // The staged table takes the name in one transaction, so a failed import changes nothing.
    await connection.run('BEGIN');
    try {
      if (replace) await connection.run(`DROP TABLE IF EXISTS ${inSchema(table)}`);
      await connection.run(`ALTER TABLE ${inSchema(staging)} RENAME TO ${quoteIdent(table)}`);
      await connection.run('COMMIT');
      created = false;
    } catch (e) {
      await connection.run('ROLLBACK');
      throw e;
    }
  } finally {
    await handle.close();
    if (created) await connection.run(`DROP TABLE IF EXISTS ${inSchema(staging)}`);
  }
}

/** Opens the file's reader; a header apache-arrow cannot read is a damaged file, said in words. */
async function readerOf(handle: FileHandle): Promise<RecordBatchReader> {
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    validateArrowSchema(reader.schema);
    return reader;
  } catch (e) {
    throw damagedUpload(e);
  }
}

/**
 * The file's batches, each checked against its declared lengths before a byte of it is copied:
 * copyValues reads the buffers' memory directly, and a buffer shorter than its column claims
 * would hand DuckDB whatever lies after it in the server's memory.
 */
async function* batchesOf(reader: RecordBatchReader): AsyncGenerator<RecordBatch> {
  const iterator = reader[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<RecordBatch>;
    try {
      next = await iterator.next();
      if (!next.done) validateArrowBatch(next.value);
    } catch (e) {
      throw damagedUpload(e);
    }
    if (next.done) return;
    yield next.value;
  }
}

function damagedUpload(e: unknown): ApiError {
  const message = arrowReadFailure(e);
  return new ApiError('bad-request', message.charAt(0).toUpperCase() + message.slice(1));
}

/** Copies `count` fixed-width values starting at row `from` straight into the vector. */
function copyValues(vector: Vector, data: Data, from: number, count: number): void {
  const values = data.values as ArrayBufferView & { BYTES_PER_ELEMENT: number };
  const width = values.BYTES_PER_ELEMENT * data.stride;
  duckdb.copy_data_to_vector(vector, 0, values.buffer as ArrayBuffer, values.byteOffset + (data.offset + from) * width, count * width);
}

/** Strings and blobs, one assignment each: DuckDB owns their memory. */
function copyBytes(vector: Vector, data: Data, from: number, count: number): void {
  const offsets = data.valueOffsets as Int32Array | BigInt64Array;
  const bytes = data.values as Uint8Array;
  for (let k = 0; k < count; k++) {
    const i = data.offset + from + k;
    if (!data.getValid(i - data.offset)) continue;
    const start = Number(offsets[i]);
    duckdb.vector_assign_string_element_len(vector, k, bytes.subarray(start, Number(offsets[i + 1])));
  }
}

/** Any other type, written as text. */
function copyAsText(vector: Vector, column: ArrowVector, from: number, count: number): void {
  for (let k = 0; k < count; k++) {
    const value: unknown = column.get(from + k);
    if (value === null || value === undefined) continue;
    const text = typeof value === 'object' ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : String(value);
    duckdb.vector_assign_string_element(vector, k, text);
  }
}

function writeValidity(vector: Vector, data: Data, from: number, count: number): void {
  if (data.nullCount === 0 || !data.nullBitmap) return;
  const words = new BigUint64Array(Math.ceil(count / 64));
  const bytes = new Uint8Array(words.buffer);
  for (let k = 0; k < count; k++) if (data.getValid(from + k)) bytes[k >> 3]! |= 1 << (k & 7);
  duckdb.vector_ensure_validity_writable(vector);
  duckdb.copy_data_to_vector_validity(vector, 0, words.buffer, 0, words.byteLength);
}

const fixed = (type: DuckDBType): ColumnPlan => ({ type, write: (v, _c, d, from, n) => copyValues(v, d, from, n) });

/** The DuckDB column for an Arrow type, and how to fill it. */
function planFor(type: DataType): ColumnPlan {
  if (DataType.isInt(type)) {
    const signed = [TINYINT, SMALLINT, INTEGER, BIGINT] as const;
    const unsigned = [UTINYINT, USMALLINT, UINTEGER, UBIGINT] as const;
    const i = Math.log2(type.bitWidth / 8);
    return fixed((type.isSigned ? signed : unsigned)[i] ?? BIGINT);
  }
  if (DataType.isFloat(type) && type.precision !== 0) return fixed(type.precision === 1 ? FLOAT : DOUBLE);
  if (DataType.isBool(type)) {
    return {
      type: BOOLEAN,
      write(vector, column, _data, from, count) {
        const out = new Uint8Array(count);
        for (let k = 0; k < count; k++) out[k] = column.get(from + k) ? 1 : 0;
        duckdb.copy_data_to_vector(vector, 0, out.buffer, 0, count);
      },
    };
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return { type: VARCHAR, write: (v, _c, d, from, n) => copyBytes(v, d, from, n) };
  if (DataType.isBinary(type) || DataType.isLargeBinary(type)) return { type: BLOB, write: (v, _c, d, from, n) => copyBytes(v, d, from, n) };
  if (DataType.isDate(type)) {
    if (type.unit === 0) return fixed(DATE); // DateUnit.DAY: int32 days, as DuckDB keeps them
    return {
      type: DATE,
      write(vector, _column, data, from, count) {
        const ms = data.values as BigInt64Array | Float64Array;
        const days = new Int32Array(count);
        for (let k = 0; k < count; k++) days[k] = Math.floor(Number(ms[data.offset + from + k]) / 86_400_000);
        duckdb.copy_data_to_vector(vector, 0, days.buffer, 0, days.byteLength);
      },
    };
  }
  if (DataType.isTimestamp(type)) {
    if (type.unit === TimeUnit.MICROSECOND) return fixed(type.timezone ? TIMESTAMPTZ : TIMESTAMP);
    return fixed(type.unit === TimeUnit.SECOND ? TIMESTAMP_S : type.unit === TimeUnit.MILLISECOND ? TIMESTAMP_MS : TIMESTAMP_NS);
  }
  if (DataType.isTime(type) && type.unit === TimeUnit.MICROSECOND) return fixed(TIME);
  if (DataType.isDecimal(type) && type.bitWidth === 128) {
    // Width 38 makes DuckDB keep it as int128, Arrow's own layout, so it copies as it is.
    return fixed(DECIMAL(38, type.scale));
  }
  return { type: VARCHAR, write: (v, c, _d, from, n) => copyAsText(v, c, from, n) };
}
