import type { Scalar } from '../values';

/** What a compiled expression holds, as a formula sees it; each maps to one DuckDB type. */
export type SqlType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'empty';

export const DUCKDB_TYPE: Record<SqlType, string> = {
  number: 'DOUBLE',
  text: 'VARCHAR',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  empty: 'VARCHAR',
};

/**
 * A formula compiled to SQL: its value and, beside it, the error it may hold. Spreadsheet errors
 * are values (IFERROR catches them), so every expression carries both; where `err` is set for a
 * row, `sql` is NULL there, so SQL that reads the column sees NULL.
 */
export interface SqlExpr {
  kind: 'expr';
  /** The value, of `type`'s DuckDB type. */
  sql: string;
  type: SqlType;
  /** A VARCHAR expression: the error code (`'#DIV/0!'`) or NULL; null when it can never fail. */
  err: string | null;
  /** Whether the value can be NULL without an error: an empty cell. */
  nullable: boolean;
  /** The value, when it is a constant known while compiling (criteria like ">30" are read from it). */
  constant?: Scalar;
}

/**
 * A range of rows: one table's column(s), read inside an aggregate. `columns` are expressions
 * over `alias`; the function wraps its aggregate with `aggregate()`, which makes it a scalar
 * subquery over the table, or leaves it bare inside a GROUP BY (a pivot's values).
 */
export interface SqlRange {
  kind: 'range';
  /** Which relation it reads, for checking that ranges of one call come from one table. */
  relation: string;
  /** The FROM item (a quoted table name). */
  from: string;
  alias: string;
  columns: SqlExpr[];
  /** DuckDB's rowid exists, so "first match" can mean the first row. */
  ordered: boolean;
  /** Inside a GROUP BY: aggregates apply directly. */
  inline: boolean;
}

export type SqlArg = SqlExpr | SqlRange;

export function isSqlRange(a: SqlArg | undefined): a is SqlRange {
  return a?.kind === 'range';
}

export function expr(sql: string, type: SqlType, err: string | null = null, nullable = false): SqlExpr {
  return { kind: 'expr', sql, type, err, nullable };
}
