import {
  Decimal,
  Field,
  Int32,
  Int64,
  List,
  Struct,
  Table,
  TimestampMillisecond,
  Uint64,
  Utf8,
  makeData,
  makeVector,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { toRows } from './rows';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER); // 2^53 - 1

/** The table as it comes back over the wire: written to Arrow IPC and read again. */
const roundTrip = (table: Table) => tableFromIPC(tableToIPC(table, 'stream'));

describe('toRows', () => {
  test('gives one plain object per row, keyed by column name, in column order', () => {
    const table = tableFromArrays({ id: Int32Array.from([1, 2, 3]), name: ['rain', 'sun', 'fog'], wind: Float64Array.from([4.7, 4.5, 2.3]) });
    const rows = toRows(table);
    expect(rows).toEqual([
      { id: 1, name: 'rain', wind: 4.7 },
      { id: 2, name: 'sun', wind: 4.5 },
      { id: 3, name: 'fog', wind: 2.3 },
    ]);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'name', 'wind']);
  });

  test('an empty table gives no rows', () => {
    expect(toRows(tableFromArrays({ id: Int32Array.from([]) }))).toEqual([]);
  });

  test('keeps NULLs as null', () => {
    const table = new Table({ name: vectorFromArray(['a', null], new Utf8()), n: vectorFromArray([null, 5], new Int32()) });
    expect(toRows(roundTrip(table))).toEqual([
      { name: 'a', n: null },
      { name: null, n: 5 },
    ]);
  });

  test('turns a BIGINT that fits in a double exactly into a number', () => {
    const table = tableFromArrays({ n: BigInt64Array.from([0n, 42n, -7n, MAX_SAFE, -MAX_SAFE]) });
    expect(toRows(roundTrip(table)).map((r) => r.n)).toEqual([0, 42, -7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);
  });

  test('turns a BIGINT beyond 2^53 into its exact decimal string, so nothing is rounded', () => {
    const table = tableFromArrays({ n: BigInt64Array.from([MAX_SAFE + 1n, MAX_SAFE + 2n, -(MAX_SAFE + 2n), 2n ** 63n - 1n]) });
    expect(toRows(roundTrip(table)).map((r) => r.n)).toEqual([
      '9007199254740992',
      '9007199254740993',
      '-9007199254740993',
      '9223372036854775807',
    ]);
  });

  test('applies the same rule to an unsigned UBIGINT', () => {
    const table = new Table({ n: vectorFromArray([5n, 2n ** 64n - 1n], new Uint64()) });
    expect(toRows(roundTrip(table)).map((r) => r.n)).toEqual([5, '18446744073709551615']);
  });

  test('keeps a timestamp as milliseconds since the epoch', () => {
    const at = Date.UTC(2015, 11, 31, 23, 59, 59);
    const table = new Table({ at: vectorFromArray([at], new TimestampMillisecond()) });
    expect(toRows(roundTrip(table))).toEqual([{ at }]);
  });

  test('reads dictionary-encoded strings as their values', () => {
    const table = tableFromArrays({ weather: ['rain', 'sun', 'rain'] });
    expect(String(table.schema.fields[0]!.type)).toMatch(/^Dictionary/);
    expect(toRows(roundTrip(table)).map((r) => r.weather)).toEqual(['rain', 'sun', 'rain']);
  });

  test('turns a LIST into an array, with its BIGINTs converted by the same rule', () => {
    const table = new Table({ l: vectorFromArray([[1n, MAX_SAFE + 2n], null], new List(new Field('item', new Int64(), true))) });
    const rows = toRows(roundTrip(table));
    expect(rows[0]!.l).toEqual([1, '9007199254740993']);
    expect(rows[1]!.l).toBeNull();
    expect(() => JSON.stringify(rows)).not.toThrow();
  });

  test('turns a STRUCT into a plain object, with its BIGINTs converted by the same rule', () => {
    const type = new Struct([new Field('id', new Int64()), new Field('name', new Utf8())]);
    const rows = toRows(roundTrip(new Table({ rec: vectorFromArray([{ id: 7n, name: 'x' }], type) })));
    const rec = rows[0]!.rec;
    // Checked as a boolean: printing an Arrow StructRow in a failure message crashes.
    expect(Object.getPrototypeOf(rec) === Object.prototype, 'a plain object, not an Arrow StructRow').toBe(true);
    expect(rec).toEqual({ id: 7, name: 'x' });
    expect(JSON.stringify(rows)).toBe('[{"rec":{"id":7,"name":"x"}}]');
  });

  test('turns a DECIMAL into its value, with the scale applied', () => {
    // DECIMAL(18, 3): 1.500 and -0.042, stored unscaled as 128-bit little-endian integers.
    const data = makeData({
      type: new Decimal(3, 18, 128),
      length: 2,
      nullCount: 0,
      data: new Uint32Array([1500, 0, 0, 0, 0xffffffd6, 0xffffffff, 0xffffffff, 0xffffffff]),
    });
    const rows = toRows(roundTrip(new Table({ price: makeVector(data) })));
    expect(rows.map((r) => r.price)).toEqual([1.5, -0.042]);
  });
});
