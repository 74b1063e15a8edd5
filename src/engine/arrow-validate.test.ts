import {
  Binary,
  Bool,
  DateMillisecond,
  DateDay,
  Decimal,
  Dictionary,
  Field,
  FixedSizeBinary,
  FixedSizeList,
  Float16,
  Float64,
  Int16,
  Int32,
  Int64,
  IntervalDayTime,
  IntervalYearMonth,
  LargeUtf8,
  List,
  Map_,
  Struct,
  TimeMicrosecond,
  TimestampNanosecond,
  Uint8,
  Utf8,
  tableFromIPC,
  tableToIPC,
  Table,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ArrowDamageError, validateArrowBatch } from './arrow-validate';
import { lyingArrowFiles } from './testing/damaged-arrow';

/** A valid column of `type` with a null, written and read back as a file would be. */
function roundTrip(type: DataType, values: unknown[]): Table {
  const table = new Table({ c: vectorFromArray(values, type) });
  return tableFromIPC(tableToIPC(table, 'stream'));
}

const cases: Array<[string, DataType, unknown[]]> = [
  ['bool', new Bool(), [true, null, false]],
  ['int8..64', new Int64(), [1n, null, -3n]],
  ['int16', new Int16(), [1, null, -3]],
  ['uint8', new Uint8(), [1, null, 255]],
  ['float16', new Float16(), [1.5, null, 2]],
  ['float64', new Float64(), [1.5, null, 2]],
  ['decimal', new Decimal(2, 10, 128), [new Uint32Array([1, 0, 0, 0]), null, new Uint32Array([5, 0, 0, 0])]],
  ['date32', new DateDay(), [new Date(0), null, new Date(86_400_000)]],
  ['date64', new DateMillisecond(), [new Date(0), null, new Date(86_400_000)]],
  ['timestamp ns', new TimestampNanosecond(), [1, null, 2]],
  ['time µs', new TimeMicrosecond(), [1n, null, 2n]],
  ['interval day-time', new IntervalDayTime(), [new Int32Array([1, 2]), null, new Int32Array([3, 4])]],
  ['interval year-month', new IntervalYearMonth(), [new Int32Array([1, 2]), null, new Int32Array([0, 4])]],
  ['utf8', new Utf8(), ['a', null, 'ccc']],
  ['large utf8', new LargeUtf8(), ['a', null, 'ccc']],
  ['binary', new Binary(), [new Uint8Array([1]), null, new Uint8Array([2, 3])]],
  ['fixed-size binary', new FixedSizeBinary(3), [new Uint8Array([1, 2, 3]), null, new Uint8Array([4, 5, 6])]],
  ['list', new List(new Field('item', new Int32(), true)), [[1, 2], null, [3]]],
  ['fixed-size list', new FixedSizeList(2, new Field('item', new Utf8(), true)), [['a', 'b'], null, ['c', null]]],
  ['struct', new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)]), [{ a: 1, b: 'x' }, null, { a: 2, b: null }]],
  ['map', new Map_(new Field('entries', new Struct([new Field('key', new Utf8(), false), new Field('value', new Int32(), true)]), false) as never), [new Map([['k', 1]]), null, new Map()]],
  ['dictionary', new Dictionary(new Utf8(), new Int32()), ['a', null, 'b', 'a']],
  ['list of lists', new List(new Field('item', new List(new Field('item', new Utf8(), true)), true)), [[['a'], []], null, [['b', 'c']]]],
];

describe('validateArrowBatch', () => {
  it.each(cases)('accepts a valid %s column', (_name, type, values) => {
    const table = roundTrip(type, values);
    expect(table.numRows).toBe(values.length);
    for (const batch of table.batches) expect(() => validateArrowBatch(batch)).not.toThrow();
  });

  it('accepts a sliced batch (its columns keep their offsets)', () => {
    const table = roundTrip(new Utf8(), ['a', 'bb', null, 'dddd', 'e']);
    const sliced = table.slice(1, 4);
    for (const batch of sliced.batches) expect(() => validateArrowBatch(batch)).not.toThrow();
  });

  it.each(lyingArrowFiles().map((f) => [f.name, f] as const))('refuses %s with an ArrowDamageError', (_name, file) => {
    const refuse = () => {
      for (const batch of tableFromIPC(file.bytes).batches) validateArrowBatch(batch);
    };
    expect(refuse).toThrow(ArrowDamageError);
    expect(refuse).toThrow(file.says!);
  });
});
