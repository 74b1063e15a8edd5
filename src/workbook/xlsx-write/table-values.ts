import { numberValue, type FileValue } from './cell-xml';
import { excelSerial, isoMs } from './excel-dates';
import { DATE_FORMAT, DATE_TIME_FORMAT, TIME_FORMAT } from './styles';

/** How a DuckDB column's values are written. */
export type ColumnKind = 'date' | 'timestamp' | 'time' | 'number' | 'other';

/** The kind of a DuckDB type name (`DATE`, `TIMESTAMP WITH TIME ZONE`, `DECIMAL(18,3)`, `VARCHAR`…). */
export function columnKind(duckdbType: string): ColumnKind {
  const t = duckdbType.trim().toUpperCase();
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP') || t === 'DATETIME') return 'timestamp';
  if (t.startsWith('TIME')) return 'time';
  if (/^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC)(\(.*\))?$/.test(t)) return 'number';
  return 'other';
}

/** The number format a column's cells get: dates and times shown as such, others General. */
export function kindFormat(kind: ColumnKind): string | undefined {
  if (kind === 'date') return DATE_FORMAT;
  if (kind === 'timestamp') return DATE_TIME_FORMAT;
  if (kind === 'time') return TIME_FORMAT;
  return undefined;
}

const DAY_MS = 86_400_000;

/**
 * One value of a column, as Arrow gives it, as the file holds it: numbers as they are; bigints as
 * numbers when exact, else as text; dates and timestamps (Date, ms since 1970, or ISO text) as
 * Excel serials; times (ms as a number, µs as a bigint) as fractions of a day; decimals given as
 * text as numbers; lists, structs and maps as JSON; null as no cell.
 */
export function tableValue(value: unknown, kind: ColumnKind): FileValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (kind === 'date' || kind === 'timestamp') {
    const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? isoMs(value) : undefined;
    const serial = ms === undefined ? undefined : excelSerial(ms);
    if (serial !== undefined) return { t: 'n', v: kind === 'date' ? Math.floor(serial) : serial };
    // Excel has no date before 1900: the ISO text keeps it readable.
    const iso = ms !== undefined && Number.isFinite(ms) ? new Date(ms).toISOString() : String(value);
    return { t: 's', v: kind === 'date' && ms !== undefined ? iso.slice(0, 10) : iso };
  }
  if (kind === 'time' && (typeof value === 'number' || typeof value === 'bigint')) {
    const ms = typeof value === 'bigint' ? Number(value) / 1000 : value;
    return numberValue(ms / DAY_MS);
  }
  switch (typeof value) {
    case 'number':
      return numberValue(value);
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? { t: 'n', v: Number(value) } : { t: 's', v: value.toString() };
    case 'boolean':
      return { t: 'b', v: value };
    case 'string': {
      if (kind === 'number' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) {
        const n = Number(value);
        // A number given as text (DECIMAL, HUGEINT) is written as a number only when no digit is lost.
        if (Number.isFinite(n) && (!/^-?\d+$/.test(value) || Number.isSafeInteger(n))) return { t: 'n', v: n };
      }
      return { t: 's', v: value };
    }
    default:
      if (value instanceof Date) {
        const serial = excelSerial(value.getTime());
        return serial === undefined ? { t: 's', v: value.toISOString() } : { t: 'n', v: serial };
      }
      if (value instanceof Uint8Array) return { t: 's', v: [...value].map((b) => b.toString(16).padStart(2, '0')).join('') };
      return { t: 's', v: JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) };
  }
}
