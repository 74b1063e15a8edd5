import duckdb, { type Vector } from '@duckdb/node-bindings';
import { DuckDBVector, type DuckDBType } from '@duckdb/node-api';
import { makeData, type Data, type DataType } from 'apache-arrow';
import { grow, type ColumnBuilder, vectorData, view } from './builder.js';
import { isValid, readValidity, rowAt, type Rows, ValidityBuilder } from './validity.js';

/** Utf8 and Binary: offsets plus one byte buffer. */
abstract class BytesBuilder implements ColumnBuilder {
  protected readonly validity = new ValidityBuilder();
  protected offsets = new Int32Array(1024);
  protected bytes = new Uint8Array(0);
  protected end = 0;
  constructor(readonly type: DataType) {}
  get length() {
    return this.validity.length;
  }
  get byteLength() {
    return this.end + this.length * 4 + this.validity.byteLength;
  }
  abstract append(vector: Vector, size: number, rows: Rows): void;
  /** Room for `rows` more offsets. */
  protected reserveRows(rows: number): void {
    this.offsets = grow(this.offsets, this.length + rows + 1);
  }
  protected reserveBytes(n: number): Uint8Array {
    return (this.bytes = grow(this.bytes, this.end + n));
  }
  take(): Data {
    const length = this.length;
    const valueOffsets = this.offsets.subarray(0, length + 1);
    const data = this.bytes.subarray(0, this.end);
    this.offsets = new Int32Array(1024);
    this.bytes = new Uint8Array(0);
    this.end = 0;
    return makeData({ type: this.type, length, ...this.validity.take(), valueOffsets, data } as never);
  }
}

/**
 * VARCHAR and BLOB. Each entry is DuckDB's 16-byte string_t: a uint32 length, then the bytes
 * inline when there are at most 12, else a 4-byte prefix and a pointer that only native code
 * can follow. A NULL entry's pointer is garbage, so validity is checked first.
 */
export class StringBuilder extends BytesBuilder {
  append(vector: Vector, size: number, rows: Rows): void {
    const first = this.length;
    const mask = readValidity(vector, size);
    this.validity.append(mask, rows);
    this.reserveRows(rows.count);
    const raw = vectorData(vector, size * 16);
    const lengths = view(Uint32Array, raw);
    const offsets = this.offsets;
    for (let k = 0; k < rows.count; k++) {
      const i = rowAt(rows, k);
      if (isValid(mask, i)) {
        const n = lengths[i * 4]!;
        const bytes = this.reserveBytes(n);
        if (n <= 12) {
          const from = i * 16 + 4;
          for (let b = 0; b < n; b++) bytes[this.end + b] = raw[from + b]!;
        } else {
          bytes.set(duckdb.get_data_from_pointer(raw.buffer as ArrayBuffer, raw.byteOffset + i * 16 + 8, n), this.end);
        }
        this.end += n;
      }
      offsets[first + k + 1] = this.end;
    }
  }
}

/** ENUM: an index into the type's dictionary, written out as the text. */
export class EnumBuilder extends BytesBuilder {
  private readonly dictionary: Uint8Array[];
  constructor(
    type: DataType,
    values: readonly string[],
    private readonly indexBytes: 1 | 2 | 4,
  ) {
    super(type);
    const encoder = new TextEncoder();
    this.dictionary = values.map((v) => encoder.encode(v));
  }
  append(vector: Vector, size: number, rows: Rows): void {
    const first = this.length;
    const mask = readValidity(vector, size);
    this.validity.append(mask, rows);
    this.reserveRows(rows.count);
    const raw = vectorData(vector, size * this.indexBytes);
    const index = this.indexBytes === 1 ? raw : this.indexBytes === 2 ? view(Uint16Array, raw) : view(Uint32Array, raw);
    for (let k = 0; k < rows.count; k++) {
      const i = rowAt(rows, k);
      if (isValid(mask, i)) {
        const text = this.dictionary[index[i]!] ?? new Uint8Array(0);
        this.reserveBytes(text.length).set(text, this.end);
        this.end += text.length;
      }
      this.offsets[first + k + 1] = this.end;
    }
  }
}

/** Types without a faithful Arrow twin here (UUID, TIME WITH TIME ZONE, UNION, BIT…): DuckDB's text. */
export class TextBuilder extends BytesBuilder {
  private readonly encoder = new TextEncoder();
  constructor(
    type: DataType,
    private readonly duckType: DuckDBType,
  ) {
    super(type);
  }
  append(vector: Vector, size: number, rows: Rows): void {
    const first = this.length;
    const mask = readValidity(vector, size);
    this.validity.append(mask, rows);
    this.reserveRows(rows.count);
    const values = DuckDBVector.create(vector, size, this.duckType);
    for (let k = 0; k < rows.count; k++) {
      const i = rowAt(rows, k);
      const value = isValid(mask, i) ? values.getItem(i) : null;
      if (value !== null) {
        const text = this.encoder.encode(String(value));
        this.reserveBytes(text.length).set(text, this.end);
        this.end += text.length;
      }
      this.offsets[first + k + 1] = this.end;
    }
  }
}

