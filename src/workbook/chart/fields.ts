import type { ColumnInfo } from '../../sql';
import type { FieldType } from './types';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(.*\))?|NUMERIC(\(.*\))?|INT\d*|FLOAT\d*)$/i;
const TEMPORAL = /^(DATE|TIMESTAMP.*|DATETIME)$/i;

export type ColumnKind = 'number' | 'time' | 'category';

/** How a chart can use a DuckDB column: measured, placed in time, or as a category. */
export function columnKind(type: string): ColumnKind {
  if (NUMERIC.test(type.trim())) return 'number';
  if (TEMPORAL.test(type.trim())) return 'time';
  return 'category';
}

/** The Vega-Lite type a column gets when a person picks it without saying. */
export function defaultFieldType(type: string): FieldType {
  const kind = columnKind(type);
  return kind === 'number' ? 'quantitative' : kind === 'time' ? 'temporal' : 'nominal';
}

export function findColumn(columns: readonly ColumnInfo[], name: string | undefined): ColumnInfo | undefined {
  return name === undefined ? undefined : columns.find((c) => c.name === name);
}
