import duckdb, { type Vector } from '@duckdb/node-bindings';
import { makeData, type Data, type DataType } from 'apache-arrow';
import { grow, type ColumnBuilder, vectorData, view } from './builder.js';
import { isValid, readValidity, rowAt, type Rows, ValidityBuilder } from './validity.js';

/** SQLNULL: no buffers at all. */
export class NullBuilder implements ColumnBuilder {
  length = 0;
  readonly byteLength = 0;
  constructor(readonly type: DataType) {}
  append(_vector: Vector, _size: number, rows: Rows): void {
    this.length += rows.count;
  }
  take(): Data {
    const length = this.length;
    this.length = 0;
    return makeData({ type: this.type, length } as never);
  }
}

/** LIST and MAP: per row an {offset, length} pair (two uint64) into one child vector. */
export class ListBuilder implements ColumnBuilder {
  private readonly validity = new ValidityBuilder();
  private offsets = new Int32Array(1024);
  constructor(
    readonly type: DataType,
    private readonly child: ColumnBuilder,
  ) {}
  get length() {
    return this.validity.length;
  }
  get byteLength() {
    return this.length * 4 + this.validity.byteLength + this.child.byteLength;
  }
  append(vector: Vector, size: number, rows: Rows): void {
    const first = this.length;
    const mask = readValidity(vector, size);
    this.validity.append(mask, rows);
    const offsets = (this.offsets = grow(this.offsets, first + rows.count + 1));
    const entries = view(Uint32Array, vectorData(vector, size * 16));
    const base = offsets[first]!;
    // The children usually follow each other; then one range append does for all of them.
    let contiguous = true;
    let childStart = -1;
    let next = -1;
    for (let k = 0; k < rows.count; k++) {
      const i = rowAt(rows, k);
      let n = 0;
      if (isValid(mask, i)) {
        const at = entries[i * 4]! + entries[i * 4 + 1]! * 2 ** 32;
        n = entries[i * 4 + 2]! + entries[i * 4 + 3]! * 2 ** 32;
        if (n > 0) {
          if (childStart < 0) childStart = next = at;
          if (at !== next) contiguous = false;
          next = at + n;
        }
      }
      offsets[first + k + 1] = offsets[first + k]! + n;
    }
    const total = offsets[first + rows.count]! - base;
    if (total === 0) return;
    const child = duckdb.list_vector_get_child(vector);
    const childSize = duckdb.list_vector_get_size(vector);
    if (contiguous) {
      this.child.append(child, childSize, { start: childStart, count: total, indices: null });
      return;
    }
    const indices = new Int32Array(total);
    let j = 0;
    for (let k = 0; k < rows.count; k++) {
      const i = rowAt(rows, k);
      if (!isValid(mask, i)) continue;
      const at = entries[i * 4]! + entries[i * 4 + 1]! * 2 ** 32;
      const n = entries[i * 4 + 2]! + entries[i * 4 + 3]! * 2 ** 32;
      for (let m = 0; m < n; m++) indices[j++] = at + m;
    }
    this.child.append(child, childSize, { start: 0, count: total, indices });
  }
  take(): Data {
    const length = this.length;
    const valueOffsets = this.offsets.subarray(0, length + 1);
    this.offsets = new Int32Array(1024);
    return makeData({ type: this.type, length, ...this.validity.take(), valueOffsets, child: this.child.take() } as never);
  }
}

/** ARRAY(n): row i's values are entries [i*n, i*n+n) of the child vector. */
export class FixedListBuilder implements ColumnBuilder {
  private readonly validity = new ValidityBuilder();
  constructor(
    readonly type: DataType,
    private readonly size: number,
    private readonly child: ColumnBuilder,
  ) {}
  get length() {
    return this.validity.length;
  }
  get byteLength() {
    return this.validity.byteLength + this.child.byteLength;
  }
  append(vector: Vector, size: number, rows: Rows): void {
    this.validity.append(readValidity(vector, size), rows);
    const n = this.size;
    const child = duckdb.array_vector_get_child(vector);
    if (!rows.indices) {
      this.child.append(child, size * n, { start: rows.start * n, count: rows.count * n, indices: null });
      return;
    }
    const indices = new Int32Array(rows.count * n);
    for (let k = 0; k < rows.count; k++) for (let m = 0; m < n; m++) indices[k * n + m] = rows.indices[k]! * n + m;
    this.child.append(child, size * n, { start: 0, count: indices.length, indices });
  }
  take(): Data {
    const length = this.length;
    return makeData({ type: this.type, length, ...this.validity.take(), child: this.child.take() } as never);
  }
}

/** STRUCT: one child vector per field, row for row. */
export class StructBuilder implements ColumnBuilder {
  private readonly validity = new ValidityBuilder();
  constructor(
    readonly type: DataType,
    private readonly children: readonly ColumnBuilder[],
  ) {}
  get length() {
    return this.validity.length;
  }
  get byteLength() {
    return this.children.reduce((sum, c) => sum + c.byteLength, this.validity.byteLength);
  }
  append(vector: Vector, size: number, rows: Rows): void {
    this.validity.append(readValidity(vector, size), rows);
    this.children.forEach((child, j) => child.append(duckdb.struct_vector_get_child(vector, j), size, rows));
  }
  take(): Data {
    const length = this.length;
    return makeData({ type: this.type, length, ...this.validity.take(), children: this.children.map((c) => c.take()) } as never);
  }
}

