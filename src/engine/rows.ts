import { DataType, type Field, type Table } from 'apache-arrow';

/** A result row as a plain object. */
export type Row = Record<string, unknown>;

type Convert = (value: unknown) => unknown;

/**
 * Plain JavaScript rows from an Arrow result: BIGINTs become numbers when they fit exactly and
 * strings when they do not, so nothing is silently rounded; decimals are scaled; lists and
 * structs become arrays and objects of plain values.
 */
export function toRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const converters = fields.map(converterFor);
  const columns = fields.map((_, i) => table.getChildAt(i));
  const rows: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) row[fields[c]!.name] = converters[c]!(columns[c]?.get(r));
    rows[r] = row;
  }
  return rows;
}

function converterFor(field: Field): Convert {
  const type = field.type;
  if (DataType.isDecimal(type)) {
    const scale = 10 ** type.scale;
    return (v) => (v === null || v === undefined ? null : Number(String(v)) / scale);
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const child = converterFor(type.children[0]!);
    return (v) => (v === null || v === undefined ? null : Array.from(v as Iterable<unknown>, child));
  }
  if (DataType.isStruct(type)) {
    const children = type.children.map((f) => [f.name, converterFor(f)] as const);
    return (v) => {
      if (v === null || v === undefined) return null;
      const record = v as Record<string, unknown>;
      return Object.fromEntries(children.map(([name, convert]) => [name, convert(record[name])]));
    };
  }
  return plain;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value !== null && typeof value === 'object') {
    if (value instanceof Date) return value.toISOString();
    if ('toJSON' in value && typeof value.toJSON === 'function') return deep(value.toJSON());
    if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<unknown>, plain);
  }
  return value;
}

/** Maps and other Arrow objects serialize to JSON-like values that may still hold bigints. */
function deep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return plain(value);
}
