import duckdb, { type Vector } from '@duckdb/node-bindings';
import type { Data, DataType } from 'apache-arrow';
import type { Rows } from './validity.js';

/**
 * Builds one Arrow column from DuckDB vectors, chunk after chunk, by copying typed arrays
 * (never one JS value per cell, except for the rare types that fall back to text).
 */
export interface ColumnBuilder {
  readonly type: DataType;
  /** Appends `rows` of `vector`, which holds `size` entries. */
  append(vector: Vector, size: number, rows: Rows): void;
  /** Rows appended since the last take(). */
  readonly length: number;
  /** Bytes held, to size record batches and enforce the result cap. */
  readonly byteLength: number;
  /** The column so far as Arrow data; the builder starts empty again. */
  take(): Data;
}

/** The typed arrays a fixed-width column is copied through. */
export type Lanes = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
/** A typed-array class usable as lanes. */
export type LaneType = { new (n: number): Lanes; new (b: ArrayBufferLike, off: number, n: number): Lanes; BYTES_PER_ELEMENT: number };

/** A copy of the first `byteCount` bytes of a vector's data. */
export function vectorData(vector: Vector, byteCount: number): Uint8Array {
  return duckdb.vector_get_data(vector, byteCount);
}

/** A typed view over DuckDB's bytes; copied only if they are not aligned for it. */
export function view<T extends Lanes>(Ctor: { new (b: ArrayBufferLike, off: number, n: number): T; BYTES_PER_ELEMENT: number }, bytes: Uint8Array): T {
  const n = Math.floor(bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
  if (bytes.byteOffset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer, bytes.byteOffset, n);
  return new Ctor(bytes.slice().buffer, 0, n);
}

/** `array`, or a copy at least `need` long (doubling, so appends stay amortised O(1)). */
export function grow<T extends Lanes>(array: T, need: number): T {
  if (need <= array.length) return array;
  const Ctor = array.constructor as new (n: number) => T;
  const grown = new Ctor(Math.max(need, array.length * 2, 1024));
  grown.set(array as never);
  return grown;
}

