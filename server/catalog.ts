import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, TableInfo } from '../protocol/index.js';
import { quoteIdent } from './sql.js';

/** The workbook a namespace belongs to (`wb_<id>` → id), or undefined for `main` and other schemas. */
function workbookOf(schema: string): string | undefined {
  return schema.startsWith('wb_') ? schema.slice(3) : undefined;
}

/**
 * Tables and views of the server's database, with columns and row counts: those of `schemas`
 * (lowercase names), or of every schema when null. A listing of one schema names tables as they
 * are; one of several also says whose workbook each table is in.
 */
export async function listTables(connection: DuckDBConnection, schemas: ReadonlySet<string> | null): Promise<TableInfo[]> {
  const relations = (
    await connection.runAndReadAll(`
      SELECT schema_name AS schema, table_name AS name, 'table' AS kind FROM duckdb_tables()
        WHERE database_name = current_database() AND NOT temporary
      UNION ALL
      SELECT schema_name, view_name, 'view' FROM duckdb_views()
        WHERE database_name = current_database() AND NOT temporary AND NOT internal
      ORDER BY schema, name`)
  )
    .getRowObjectsJS()
    .filter((r) => schemas === null || schemas.has(String(r.schema).toLowerCase())) as Array<{ schema: string; name: string; kind: 'table' | 'view' }>;
  const columns = (
    await connection.runAndReadAll(`
      SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
        WHERE database_name = current_database() ORDER BY schema_name, table_name, column_index`)
  ).getRowObjectsJS() as Array<{ schema_name: string; table_name: string; column_name: string; data_type: string }>;
  const key = (schema: string, name: string) => `${schema}\0${name}`;
  const byTable = new Map<string, ColumnInfo[]>();
  for (const c of columns) {
    const list = byTable.get(key(c.schema_name, c.table_name)) ?? [];
    list.push({ name: c.column_name, type: c.data_type });
    byTable.set(key(c.schema_name, c.table_name), list);
  }
  const tables = relations.filter((r) => r.kind === 'table');
  const counts = new Map<string, number>();
  if (tables.length > 0) {
    const sql = tables.map((t, i) => `SELECT ${i} AS i, count(*) AS n FROM ${quoteIdent(t.schema)}.${quoteIdent(t.name)}`).join(' UNION ALL ');
    for (const row of (await connection.runAndReadAll(sql)).getRowObjectsJS()) {
      const t = tables[Number(row.i)]!;
      counts.set(key(t.schema, t.name), Number(row.n));
    }
  }
  const several = schemas === null || schemas.size > 1;
  return relations.map((r) => {
    const workbook = several ? workbookOf(r.schema) : undefined;
    return {
      name: r.name,
      ...(workbook === undefined ? {} : { workbook }),
      kind: r.kind,
      columns: byTable.get(key(r.schema, r.name)) ?? [],
      rows: r.kind === 'table' ? (counts.get(key(r.schema, r.name)) ?? 0) : null,
    };
  });
}

/** Whether `name` is a table, a view, or nothing in `schema`. */
export async function relationKind(connection: DuckDBConnection, schema: string, name: string): Promise<'table' | 'view' | null> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT 'table' AS kind FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = $schema AND table_name = $name
       UNION ALL
       SELECT 'view' FROM duckdb_views() WHERE database_name = current_database() AND schema_name = $schema AND view_name = $name`,
      { schema, name },
    )
  ).getRowObjectsJS();
  const kind = rows[0]?.kind;
  return kind === 'table' || kind === 'view' ? kind : null;
}

/**
 * One table's or view's entry, as GET /api/tables lists it, or null. Columns come from the
 * catalog, not DESCRIBE: a view over a renamed table still has an entry (and can be dropped).
 */
export async function tableInfo(connection: DuckDBConnection, schema: string, name: string): Promise<TableInfo | null> {
  const kind = await relationKind(connection, schema, name);
  if (!kind) return null;
  const columns = (
    await connection.runAndReadAll(
      `SELECT column_name, data_type FROM duckdb_columns()
        WHERE database_name = current_database() AND schema_name = $schema AND table_name = $name ORDER BY column_index`,
      { schema, name },
    )
  )
    .getRowObjectsJS()
    .map((c) => ({ name: String(c.column_name), type: String(c.data_type) }));
  const count = kind === 'table' ? (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${quoteIdent(schema)}.${quoteIdent(name)}`)).getRowObjectsJS()[0]?.n : null;
  return { name, kind, columns, rows: count === null ? null : Number(count ?? 0) };
}

/** A table's columns and exact row count; `relation` is already quoted (and schema-qualified). */
export async function describeTable(connection: DuckDBConnection, relation: string): Promise<{ rows: number; columns: ColumnInfo[] }> {
  const columns = (await connection.runAndReadAll(`DESCRIBE ${relation}`)).getRowObjectsJS().map((r) => ({
    name: String(r.column_name),
    type: String(r.column_type),
  }));
  const count = (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${relation}`)).getRowObjectsJS()[0]?.n;
  return { rows: Number(count ?? 0), columns };
}
