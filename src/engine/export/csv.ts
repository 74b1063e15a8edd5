import { DataType, TimeUnit, type Field, type RecordBatch } from 'apache-arrow';

/** How a CSV is written. */
export interface CsvOptions {
  /**
   * Formula-injection guard (OWASP, "CSV Injection"): a text value starting with `=`, `+`, `-`,
   * `@`, tab or CR is written with a leading `'`, so a spreadsheet shows it as text instead of
   * running it. On unless turned off.
   */
  guard?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted as RFC 4180 asks: in double quotes when it holds a quote, comma or line break. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A text value as written: guarded when it would start a formula, then quoted. */
export function csvText(text: string, guard: boolean): string {
  return csvField(guard && FORMULA_START.test(text) ? `'${text}` : text);
}

/** The header line (column names are quoted but never guarded: they are ours, not the data's). */
export function csvHeader(names: readonly string[]): string {
  return names.map(csvField).join(',') + '\r\n';
}

type Format = (value: unknown) => string;

/** CSV lines (CRLF-ended, RFC 4180) for the rows of an Arrow batch, typed by its schema. */
export function csvBatch(batch: RecordBatch, options: CsvOptions = {}): string {
  const guard = options.guard ?? true;
  const fields = batch.schema.fields;
  const formats = fields.map((f) => formatFor(f));
  const columns = fields.map((_, i) => batch.getChildAt(i));
  const lines: string[] = new Array(batch.numRows);
  const cells: string[] = new Array(fields.length);
  for (let r = 0; r < batch.numRows; r++) {
    for (let c = 0; c < fields.length; c++) {
      const value: unknown = columns[c]?.get(r);
      if (value === null || value === undefined) cells[c] = '';
      else if (typeof value === 'string') cells[c] = csvText(value, guard);
      else cells[c] = csvText(formats[c]!(value), guard && isTextual(fields[c]!));
    }
    lines[r] = cells.join(',');
  }
  return lines.length > 0 ? lines.join('\r\n') + '\r\n' : '';
}

/** CSV of plain rows (a chart's data): the columns are the keys of the first row. */
export function csvRows(rows: readonly Record<string, unknown>[], options: CsvOptions = {}): string {
  const guard = options.guard ?? true;
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const body = rows.map((row) => names.map((n) => plainField(row[n], guard)).join(',')).join('\r\n');
  return csvHeader(names) + (rows.length > 0 ? body + '\r\n' : '');
}

function plainField(value: unknown, guard: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return csvText(value, guard);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return csvText(JSON.stringify(value, jsonReplacer), guard);
  return String(value);
}

/** Structured values (lists, structs, maps) are written as JSON text, which may start a formula. */
function isTextual(field: Field): boolean {
  const t = field.type;
  return DataType.isList(t) || DataType.isFixedSizeList(t) || DataType.isStruct(t) || DataType.isMap(t) || DataType.isUnion(t) || DataType.isDictionary(t);
}

/** How one column's values become text: dates and times in ISO 8601, numbers exact. */
function formatFor(field: Field): Format {
  const type = field.type;
  if (DataType.isDate(type)) return (v) => isoDateTime(toMillis(v)).slice(0, 10);
  if (DataType.isTimestamp(type)) {
    const zoned = !!type.timezone;
    return (v) => isoDateTime(toMillis(v)) + (zoned ? 'Z' : '');
  }
  if (DataType.isTime(type)) return (v) => isoTime(v, type.unit);
  if (DataType.isDecimal(type)) return (v) => decimalText(String(v), type.scale);
  if (DataType.isBinary(type) || DataType.isFixedSizeBinary(type)) return (v) => hex(v as Uint8Array);
  if (DataType.isDictionary(type)) return (v) => (typeof v === 'string' ? v : String(v));
  if (DataType.isList(type) || DataType.isFixedSizeList(type) || DataType.isStruct(type) || DataType.isMap(type)) {
    return (v) => JSON.stringify(structured(v), jsonReplacer);
  }
  return (v) => (v instanceof Date ? v.toISOString() : String(v));
}

const toMillis = (v: unknown): number => (v instanceof Date ? v.getTime() : Number(v));

/** `YYYY-MM-DDTHH:MM:SS[.sss]` in UTC, the clock time DuckDB stored (no zone suffix). */
function isoDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}

const PER_SECOND: Record<TimeUnit, bigint> = {
  [TimeUnit.SECOND]: 1n,
  [TimeUnit.MILLISECOND]: 1_000n,
  [TimeUnit.MICROSECOND]: 1_000_000n,
  [TimeUnit.NANOSECOND]: 1_000_000_000n,
};

/** `HH:MM:SS[.fraction]` from a time of day in its Arrow unit. */
function isoTime(v: unknown, unit: TimeUnit): string {
  const ticks = typeof v === 'bigint' ? v : BigInt(Math.round(Number(v)));
  const per = PER_SECOND[unit];
  const seconds = Number(ticks / per);
  const fraction = ticks % per;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  if (fraction === 0n) return clock;
  return `${clock}.${fraction.toString().padStart(per.toString().length - 1, '0').replace(/0+$/, '')}`;
}

/** A decimal's unscaled integer text with its point put back: exact, never through a double. */
export function decimalText(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled;
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Arrow's nested values as plain arrays and objects. */
function structured(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && 'toJSON' in v && typeof v.toJSON === 'function') return v.toJSON();
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>);
  return v;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
