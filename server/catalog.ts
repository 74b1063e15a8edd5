import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, TableInfo } from './protocol.js';
import { quoteIdent } from './sql.js';

/** Tables and views of the main schema of the server's database, with columns and row counts. */
export async function listTables(connection: DuckDBConnection): Promise<TableInfo[]> {
  const relations = (
    await connection.runAndReadAll(`
      SELECT table_name AS name, 'table' AS kind FROM duckdb_tables()
        WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
      UNION ALL
      SELECT view_name, 'view' FROM duckdb_views()
        WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal
      ORDER BY name`)
  ).getRowObjectsJS() as Array<{ name: string; kind: 'table' | 'view' }>;
  const columns = (
    await connection.runAndReadAll(`
      SELECT table_name, column_name, data_type FROM duckdb_columns()
        WHERE database_name = current_database() AND schema_name = 'main'
        ORDER BY table_name, column_index`)
  ).getRowObjectsJS() as Array<{ table_name: string; column_name: string; data_type: string }>;
  const byTable = new Map<string, ColumnInfo[]>();
  for (const c of columns) {
    const list = byTable.get(c.table_name) ?? [];
    list.push({ name: c.column_name, type: c.data_type });
    byTable.set(c.table_name, list);
  }
  const tables = relations.filter((r) => r.kind === 'table');
  const counts = new Map<string, number>();
  if (tables.length > 0) {
    const sql = tables.map((t, i) => `SELECT ${i} AS i, count(*) AS n FROM ${quoteIdent(t.name)}`).join(' UNION ALL ');
    for (const row of (await connection.runAndReadAll(sql)).getRowObjectsJS()) {
      counts.set(tables[Number(row.i)]!.name, Number(row.n));
    }
  }
  return relations.map((r) => ({
    name: r.name,
    kind: r.kind,
    columns: byTable.get(r.name) ?? [],
    rows: r.kind === 'table' ? (counts.get(r.name) ?? 0) : null,
  }));
}

/** Whether `name` is a table, a view, or nothing in the main schema. */
export async function relationKind(connection: DuckDBConnection, name: string): Promise<'table' | 'view' | null> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT 'table' AS kind FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $name
       UNION ALL
       SELECT 'view' FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND view_name = $name`,
      { name },
    )
  ).getRowObjectsJS();
  const kind = rows[0]?.kind;
  return kind === 'table' || kind === 'view' ? kind : null;
}

/** A table's columns and exact row count. */
export async function describeTable(connection: DuckDBConnection, name: string): Promise<{ rows: number; columns: ColumnInfo[] }> {
  const columns = (await connection.runAndReadAll(`DESCRIBE ${quoteIdent(name)}`)).getRowObjectsJS().map((r) => ({
    name: String(r.column_name),
    type: String(r.column_type),
  }));
  const count = (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${quoteIdent(name)}`)).getRowObjectsJS()[0]?.n;
  return { rows: Number(count ?? 0), columns };
}
