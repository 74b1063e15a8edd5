import { quoteIdent } from '../../sql';
import type { ColumnInfo } from '../types';

/**
 * DuckDB types whose Arrow form survives apache-arrow's IPC writer and parquet-wasm and arrives
 * typed the same, or as a type DuckDB casts back (HUGEINT comes as DECIMAL(38,0), UUID as
 * VARCHAR); lists, structs and maps of them too. Anything else is sent as text and cast back on
 * the server: INTERVAL (apache-arrow 17 writes MonthDayNano with the wrong width), ENUM (its
 * dictionary is lost), UNION (parquet-wasm panics, which breaks its wasm instance for good), BIT
 * (arrives as raw bytes), TIME WITH TIME ZONE (arrives without its zone).
 */
const NATIVE = new Set([
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT',
  'FLOAT', 'DOUBLE', 'VARCHAR', 'BLOB', 'UUID', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS',
  'TIMESTAMP WITH TIME ZONE',
]);

/** Whether a column of this DuckDB type (as DESCRIBE writes it) can go to Parquet as it is. */
export function travelsNatively(type: string): boolean {
  const t = type.trim();
  if (/\[\d*\]$/.test(t)) return travelsNatively(t.replace(/\[\d*\]$/, ''));
  if (/^DECIMAL\(\d+,\s*\d+\)$/.test(t)) return true;
  const nested = /^(STRUCT|MAP)\((.*)\)$/s.exec(t);
  if (!nested) return NATIVE.has(t);
  const parts = splitTopLevel(nested[2]!);
  if (nested[1] === 'MAP') return parts.length === 2 && parts.every(travelsNatively);
  // A member is `name TYPE`, the name quoted when it needs to be.
  return parts.every((member) => {
    const m = /^("(?:[^"]|"")*"|[^\s"]+)\s+(.+)$/s.exec(member.trim());
    return m !== null && travelsNatively(m[2]!);
  });
}

/** Splits at the commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The SELECT list that exports a table for Parquet: every column by name, the others as text. */
export function exportSelectList(columns: readonly ColumnInfo[]): string {
  return columns.map((c) => (travelsNatively(c.type) ? quoteIdent(c.name) : `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${quoteIdent(c.name)}`)).join(', ');
}

/** The ALTER statements that give the server's copy the browser's column types where they differ. */
export function retypeStatements(table: string, local: readonly ColumnInfo[], remote: readonly ColumnInfo[]): string[] {
  const remoteTypes = new Map(remote.map((c) => [c.name, c.type]));
  return local
    .filter((c) => remoteTypes.get(c.name) !== c.type)
    .map((c) => `ALTER TABLE ${quoteIdent(table)} ALTER COLUMN ${quoteIdent(c.name)} TYPE ${c.type}`);
}
