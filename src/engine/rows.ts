import type { Table } from 'apache-arrow';

/** A result row as a plain object. */
export type Row = Record<string, unknown>;

/**
 * Plain JavaScript rows from an Arrow result: BIGINTs become numbers when they fit exactly and
 * strings when they do not, so nothing is silently rounded.
 */
export function toRows(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((_, i) => table.getChildAt(i));
  const rows: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = plain(columns[c]?.get(r));
    rows[r] = row;
  }
  return rows;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value !== null && typeof value === 'object') {
    if (value instanceof Date) return value.toISOString();
    if ('toJSON' in value && typeof value.toJSON === 'function') return value.toJSON();
    if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<unknown>, plain);
  }
  return value;
}
