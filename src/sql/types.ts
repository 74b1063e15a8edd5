/** One column of a table as DuckDB types it. */
export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. `BIGINT`, `VARCHAR`, `TIMESTAMP`. */
  type: string;
}

/** The formats a dropped or linked file can have. */
export type FileFormat = 'csv' | 'tsv' | 'parquet' | 'json' | 'arrow';
