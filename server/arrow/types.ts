import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import {
  Binary,
  Bool,
  DateDay,
  Decimal,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  List,
  Map_,
  Null,
  Struct,
  TimeMicrosecond,
  TimeNanosecond,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
} from 'apache-arrow';
import type { ColumnBuilder } from './builder.js';
import { EnumBuilder, StringBuilder, TextBuilder } from './bytes.js';
import { BoolBuilder, DecimalBuilder, FixedBuilder, IntervalBuilder } from './fixed.js';
import { FixedListBuilder, ListBuilder, NullBuilder, StructBuilder } from './nested.js';

/**
 * The builder for a DuckDB column type, choosing the Arrow type the way DuckDB's own Arrow
 * export does (HUGEINT as Decimal128(38,0), DATE as Date32, TIMESTAMP as microseconds,
 * TIMESTAMPTZ with zone UTC, ENUM written out as text) so the browser and the server engine
 * answer alike. Types without a faithful Arrow twin in apache-arrow 17 become DuckDB's text.
 */
export function builderFor(type: DuckDBType): ColumnBuilder {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new BoolBuilder(new Bool());
    case DuckDBTypeId.TINYINT:
      return new FixedBuilder(new Int8(), Int8Array, 1);
    case DuckDBTypeId.SMALLINT:
      return new FixedBuilder(new Int16(), Int16Array, 1);
    case DuckDBTypeId.INTEGER:
      return new FixedBuilder(new Int32(), Int32Array, 1);
    case DuckDBTypeId.BIGINT:
      return new FixedBuilder(new Int64(), Int32Array, 2);
    case DuckDBTypeId.UTINYINT:
      return new FixedBuilder(new Uint8(), Uint8Array, 1);
    case DuckDBTypeId.USMALLINT:
      return new FixedBuilder(new Uint16(), Uint16Array, 1);
    case DuckDBTypeId.UINTEGER:
      return new FixedBuilder(new Uint32(), Uint32Array, 1);
    case DuckDBTypeId.UBIGINT:
      return new FixedBuilder(new Uint64(), Int32Array, 2);
    case DuckDBTypeId.HUGEINT:
      return new FixedBuilder(new Decimal(0, 38, 128), Int32Array, 4);
    case DuckDBTypeId.FLOAT:
      return new FixedBuilder(new Float32(), Float32Array, 1);
    case DuckDBTypeId.DOUBLE:
      // As int32 pairs: copying through float64 lanes could canonicalise NaN payloads.
      return new FixedBuilder(new Float64(), Int32Array, 2);
    case DuckDBTypeId.DECIMAL: {
      const bytes = type.width <= 4 ? 2 : type.width <= 9 ? 4 : type.width <= 18 ? 8 : 16;
      return new DecimalBuilder(new Decimal(type.scale, type.width, 128), bytes);
    }
    case DuckDBTypeId.DATE:
      return new FixedBuilder(new DateDay(), Int32Array, 1);
    case DuckDBTypeId.TIMESTAMP:
      return new FixedBuilder(new TimestampMicrosecond(), Int32Array, 2);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new FixedBuilder(new TimestampMicrosecond('UTC'), Int32Array, 2);
    case DuckDBTypeId.TIMESTAMP_S:
      return new FixedBuilder(new TimestampSecond(), Int32Array, 2);
    case DuckDBTypeId.TIMESTAMP_MS:
      return new FixedBuilder(new TimestampMillisecond(), Int32Array, 2);
    case DuckDBTypeId.TIMESTAMP_NS:
      return new FixedBuilder(new TimestampNanosecond(), Int32Array, 2);
    case DuckDBTypeId.TIME:
      return new FixedBuilder(new TimeMicrosecond(), Int32Array, 2);
    case DuckDBTypeId.TIME_NS:
      return new FixedBuilder(new TimeNanosecond(), Int32Array, 2);
    case DuckDBTypeId.INTERVAL: {
      const parts = [new Int32(), new Int32(), new Int64()] as const;
      const fields = [new Field('months', parts[0], true), new Field('days', parts[1], true), new Field('micros', parts[2], true)];
      return new IntervalBuilder(new Struct(fields), parts);
    }
    case DuckDBTypeId.VARCHAR:
      return new StringBuilder(new Utf8());
    case DuckDBTypeId.BLOB:
      return new StringBuilder(new Binary());
    case DuckDBTypeId.ENUM: {
      const bytes = type.internalTypeId === DuckDBTypeId.UTINYINT ? 1 : type.internalTypeId === DuckDBTypeId.USMALLINT ? 2 : 4;
      return new EnumBuilder(new Utf8(), type.values, bytes);
    }
    case DuckDBTypeId.LIST: {
      const child = builderFor(type.valueType);
      return new ListBuilder(new List(new Field('item', child.type, true)), child);
    }
    case DuckDBTypeId.ARRAY: {
      const child = builderFor(type.valueType);
      return new FixedListBuilder(new FixedSizeList(type.length, new Field('item', child.type, true)), type.length, child);
    }
    case DuckDBTypeId.STRUCT: {
      const children = type.entryTypes.map(builderFor);
      const fields = children.map((c, i) => new Field(type.entryNames[i] ?? `f${i}`, c.type, true));
      return new StructBuilder(new Struct(fields), children);
    }
    case DuckDBTypeId.MAP: {
      const key = builderFor(type.keyType);
      const value = builderFor(type.valueType);
      const entries = new Struct([new Field('key', key.type, false), new Field('value', value.type, true)]);
      return new ListBuilder(new Map_(new Field('entries', entries, false)), new StructBuilder(entries, [key, value]));
    }
    case DuckDBTypeId.SQLNULL:
      return new NullBuilder(new Null());
    case DuckDBTypeId.UHUGEINT: // can exceed Decimal128(38)
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.TIME_TZ:
    case DuckDBTypeId.BIT:
    case DuckDBTypeId.BIGNUM:
    case DuckDBTypeId.UNION:
    case DuckDBTypeId.VARIANT:
    case DuckDBTypeId.GEOMETRY:
    case DuckDBTypeId.ANY:
    case DuckDBTypeId.STRING_LITERAL:
    case DuckDBTypeId.INTEGER_LITERAL:
      return new TextBuilder(new Utf8(), type);
    default: {
      const unreachable: never = type;
      return new TextBuilder(new Utf8(), unreachable);
    }
  }
}
