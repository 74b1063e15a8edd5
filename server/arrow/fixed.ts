import type { Vector } from '@duckdb/node-bindings';
import { makeData, type Data, type DataType } from 'apache-arrow';
import { grow, type ColumnBuilder, type LaneType, type Lanes, vectorData, view } from './builder.js';
import { readValidity, rowAt, type Rows, ValidityBuilder } from './validity.js';

/**
 * Fixed-width values copied as `lanes` numbers each: 64- and 128-bit values move as pairs or
 * quads of int32, so a gather never creates a BigInt.
 */
export class FixedBuilder implements ColumnBuilder {
  private readonly validity = new ValidityBuilder();
  private values: Lanes;
  constructor(
    readonly type: DataType,
    private readonly Lane: LaneType,
    private readonly lanes: number,
  ) {
    this.values = new Lane(0);
  }
  get length() {
    return this.validity.length;
  }
  get byteLength() {
    return this.length * this.lanes * this.Lane.BYTES_PER_ELEMENT + this.validity.byteLength;
  }
  append(vector: Vector, size: number, rows: Rows): void {
    const lanes = this.lanes;
    const at = this.length * lanes;
    this.validity.append(readValidity(vector, size), rows);
    const src = view(this.Lane, vectorData(vector, size * lanes * this.Lane.BYTES_PER_ELEMENT));
    const values = (this.values = grow(this.values, at + rows.count * lanes));
    if (!rows.indices) {
      values.set(src.subarray(rows.start * lanes, (rows.start + rows.count) * lanes) as never, at);
      return;
    }
    for (let k = 0; k < rows.count; k++) {
      const i = rows.indices[k]! * lanes;
      for (let l = 0; l < lanes; l++) values[at + k * lanes + l] = src[i + l]!;
    }
  }
  take(): Data {
    const length = this.length;
    const data = this.values.subarray(0, length * this.lanes);
    this.values = new this.Lane(0);
    return makeData({ type: this.type, length, ...this.validity.take(), data } as never);
  }
}

/** BOOLEAN: DuckDB keeps a byte per value, Arrow a bit. */
export class BoolBuilder implements ColumnBuilder {
  private readonly validity = new ValidityBuilder();
  private bits = new Uint8Array(0);
  constructor(readonly type: DataType) {}
  get length() {
    return this.validity.length;
  }
  get byteLength() {
    return this.validity.byteLength * 2;
  }
  append(vector: Vector, size: number, rows: Rows): void {
    const at = this.length;
    this.validity.append(readValidity(vector, size), rows);
    const src = vectorData(vector, size);
    const bits = (this.bits = grow(this.bits, (at + rows.count + 7) >> 3));
    for (let k = 0; k < rows.count; k++) {
      if (src[rowAt(rows, k)]) bits[(at + k) >> 3]! |= 1 << ((at + k) & 7);
    }
  }
  take(): Data {
    const length = this.length;
    const data = this.bits.subarray(0, (length + 7) >> 3);
    this.bits = new Uint8Array(0);
    return makeData({ type: this.type, length, ...this.validity.take(), data } as never);
  }
}

/**
 * DECIMAL: DuckDB stores int16, int32, int64 or int128 by width; Arrow's Decimal128 is always
 * four little-endian uint32 words, so narrower values are sign-extended.
 */
export class DecimalBuilder implements ColumnBuilder {
  private readonly validity = new ValidityBuilder();
  private words = new Uint32Array(0);
  constructor(
    readonly type: DataType,
    private readonly sourceBytes: 2 | 4 | 8 | 16,
  ) {}
  get length() {
    return this.validity.length;
  }
  get byteLength() {
    return this.length * 16 + this.validity.byteLength;
  }
  append(vector: Vector, size: number, rows: Rows): void {
    const at = this.length * 4;
    this.validity.append(readValidity(vector, size), rows);
    const bytes = vectorData(vector, size * this.sourceBytes);
    const words = (this.words = grow(this.words, at + rows.count * 4));
    const src = this.sourceBytes === 2 ? view(Int16Array, bytes) : view(Int32Array, bytes);
    const per = this.sourceBytes / 4; // int32 lanes per source value (0.5 for int16)
    for (let k = 0; k < rows.count; k++) {
      const i = rowAt(rows, k);
      const o = at + k * 4;
      if (this.sourceBytes <= 4) {
        const v = src[i]!;
        const sign = v < 0 ? 0xffffffff : 0;
        words[o] = v >>> 0;
        words[o + 1] = words[o + 2] = words[o + 3] = sign;
      } else {
        const base = i * per;
        for (let l = 0; l < per; l++) words[o + l] = src[base + l]! >>> 0;
        if (per === 2) words[o + 2] = words[o + 3] = src[base + 1]! < 0 ? 0xffffffff : 0;
      }
    }
  }
  take(): Data {
    const length = this.length;
    const data = this.words.subarray(0, length * 4);
    this.words = new Uint32Array(0);
    return makeData({ type: this.type, length, ...this.validity.take(), data } as never);
  }
}

/**
 * INTERVAL as Struct<months: Int32, days: Int32, micros: Int64>: DuckDB's own three parts,
 * since apache-arrow 17 has no MonthDayNano interval to hold them without loss.
 */
export class IntervalBuilder implements ColumnBuilder {
  private readonly validity = new ValidityBuilder();
  private months = new Int32Array(0);
  private days = new Int32Array(0);
  private micros = new Int32Array(0);
  constructor(
    readonly type: DataType,
    private readonly fields: readonly [DataType, DataType, DataType],
  ) {}
  get length() {
    return this.validity.length;
  }
  get byteLength() {
    return this.length * 16 + this.validity.byteLength;
  }
  append(vector: Vector, size: number, rows: Rows): void {
    const at = this.length;
    this.validity.append(readValidity(vector, size), rows);
    const src = view(Int32Array, vectorData(vector, size * 16));
    this.months = grow(this.months, at + rows.count);
    this.days = grow(this.days, at + rows.count);
    this.micros = grow(this.micros, (at + rows.count) * 2);
    for (let k = 0; k < rows.count; k++) {
      const i = rowAt(rows, k) * 4;
      this.months[at + k] = src[i]!;
      this.days[at + k] = src[i + 1]!;
      this.micros[(at + k) * 2] = src[i + 2]!;
      this.micros[(at + k) * 2 + 1] = src[i + 3]!;
    }
  }
  take(): Data {
    const length = this.length;
    const [m, d, u] = this.fields;
    const children = [
      makeData({ type: m, length, data: this.months.subarray(0, length) } as never),
      makeData({ type: d, length, data: this.days.subarray(0, length) } as never),
      makeData({ type: u, length, data: this.micros.subarray(0, length * 2) } as never),
    ];
    this.months = new Int32Array(0);
    this.days = new Int32Array(0);
    this.micros = new Int32Array(0);
    return makeData({ type: this.type, length, ...this.validity.take(), children } as never);
  }
}
