import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from './errors.js';
import type { Scope } from './scope.js';
import { quoteLiteral } from './sql.js';
import { dottedChains, shapeOf, statements, type Chain } from './sql-scan.js';

/** What a batch can name: schemas and catalogs, and each schema's objects (lowercase). */
interface Names {
  database: string;
  schemas: Set<string>;
  catalogs: Set<string>;
  objects: Map<string, Set<string>>;
}

async function namesOf(connection: DuckDBConnection): Promise<Names> {
  const rows = (
    await connection.runAndReadAll(`
      SELECT lower(current_database()) AS db, NULL AS schema, NULL AS name
      UNION ALL SELECT lower(database_name), NULL, NULL FROM duckdb_databases()
      UNION ALL SELECT lower(database_name), lower(schema_name), NULL FROM duckdb_schemas()
      UNION ALL SELECT lower(database_name), lower(schema_name), lower(table_name) FROM duckdb_tables()
      UNION ALL SELECT lower(database_name), lower(schema_name), lower(view_name) FROM duckdb_views() WHERE NOT internal
      UNION ALL SELECT lower(database_name), lower(schema_name), lower(sequence_name) FROM duckdb_sequences()
      UNION ALL SELECT lower(database_name), lower(schema_name), lower(function_name) FROM duckdb_functions() WHERE NOT internal
      UNION ALL SELECT lower(database_name), lower(schema_name), lower(type_name) FROM duckdb_types() WHERE NOT internal`)
  ).getRows() as Array<[string, string | null, string | null]>;
  const names: Names = { database: rows[0]![0], schemas: new Set(['information_schema', 'pg_catalog']), catalogs: new Set(), objects: new Map() };
  for (const [db, schema, name] of rows.slice(1)) {
    names.catalogs.add(db);
    if (schema === null || db !== names.database) continue;
    names.schemas.add(schema);
    if (name === null) continue;
    const set = names.objects.get(schema) ?? new Set<string>();
    set.add(name);
    names.objects.set(schema, set);
  }
  return names;
}

/**
 * The schema a chain names (`schema.table`, `catalog.schema.table`, `catalog.table`), as
 * `schema` in the server's database or `catalog.schema` in another; null when its first part is
 * neither (a column of a table or alias: `t.amount`).
 */
function schemaOf(parts: readonly string[], names: Names): string | null {
  const [first, second] = parts;
  if (first === undefined) return null;
  if (names.catalogs.has(first) && parts.length >= 3) return first === names.database ? second! : `${first}.${second}`;
  if (names.schemas.has(first)) return first;
  if (names.catalogs.has(first)) return first === names.database ? 'main' : `${first}.main`;
  return null;
}

const shown = (chain: Chain) => chain.parts.join('.');

/**
 * DuckDB's catalog functions and views (`duckdb_tables()`, `sqlite_master`, `pg_tables`, …) list
 * every schema's tables and their CREATE statements: a read-only token lists its own workbook's
 * with GET /api/tables instead.
 */
const CATALOG_NAME = /^(duckdb_|pragma_|sqlite_|show_|pg_)/;

/**
 * Refuses a batch that reaches outside the request's scope, before any of it runs: a name in a
 * schema it may not read; for a workbook, a write to anything but its own namespace (shared
 * `main` tables included, also when an unqualified name would fall through to them); and for a
 * read-only token, DuckDB's catalog functions and unqualified names that are not its workbook's.
 */
export async function checkScope(connection: DuckDBConnection, sql: string, scope: Scope): Promise<void> {
  const { readable, writable, namespace } = scope;
  if (readable === null) return;
  // Views are expanded by the names they resolve to from the namespace, as the statement will run.
  await connection.run(`SET schema = ${quoteLiteral(namespace)}`);
  const names = await namesOf(connection);
  const own = new Set(names.objects.get(namespace) ?? []);
  const outside = (what: string) =>
    new ApiError('forbidden', `${what} is outside this ${scope.workbook ? 'workbook' : 'token'}'s tables: ${scope.workbook ? 'a workbook reads its own tables and writes only to them' : 'this token reads only the shared tables'}`);
  for (const statement of statements(sql)) {
    const shape = shapeOf(statement.tokens);
    if (shape.kind === 'other') {
      throw new ApiError('forbidden', `${shape.head.toUpperCase() || 'This statement'} is not allowed in a workbook: it may change more than the workbook's own tables`);
    }
    if (shape.kind === 'write') {
      if (writable === false) throw new ApiError('forbidden', 'This token is read-only');
      for (const target of shape.targets) {
        if (target.parts.length > 1) {
          const schema = schemaOf(target.parts, names);
          if (schema !== null && schema !== writable) throw outside(shown(target));
        } else if (shape.create) own.add(target.parts[0]!);
        // Not in the namespace, DuckDB would look the name up in `main` next.
        else if (!own.has(target.parts[0]!) && names.objects.get('main')?.has(target.parts[0]!)) throw outside(`${target.parts[0]} (a shared table)`);
      }
    }
    for (const chain of dottedChains(statement.tokens)) {
      const schema = schemaOf(chain.parts, names);
      if (schema !== null && !readable.has(schema)) throw outside(shown(chain));
    }
    if (writable === false) checkReadOnly(connection, statement, names, scope, outside);
  }
}

/** A read-only token's extra checks: catalog functions, and every table its SELECT reads (views expanded). */
function checkReadOnly(
  connection: DuckDBConnection,
  statement: ReturnType<typeof statements>[number],
  names: Names,
  scope: Scope,
  outside: (what: string) => ApiError,
): void {
  const catalog = statement.tokens.find((t) => (t.kind === 'ident' || t.kind === 'quoted') && CATALOG_NAME.test(t.value));
  if (catalog) throw new ApiError('forbidden', `${catalog.value} is not allowed for a read-only token: it lists every workbook's tables (use GET /api/tables)`);
  const [first, second] = statement.tokens.map((t) => t.value);
  if (first === 'show' && (second === 'all' || second === 'databases' || second === 'schemas')) {
    throw new ApiError('forbidden', `SHOW ${second.toUpperCase()} is not allowed for a read-only token: it lists every workbook's tables`);
  }
  let tables: readonly string[];
  try {
    tables = connection.getTableNames(statement.text, true);
  } catch {
    return; // DuckDB cannot parse it either, and will say why when it runs
  }
  const own = names.objects.get(scope.namespace) ?? new Set<string>();
  for (const table of tables) {
    const parts = splitName(table);
    if (parts.length === 1) {
      if (!own.has(parts[0]!)) throw new ApiError('sql', `Catalog Error: Table with name ${parts[0]} does not exist in this workbook!`);
      continue;
    }
    const schema = schemaOf(parts, names) ?? parts[parts.length - 2]!;
    if (!scope.readable!.has(schema)) throw outside(parts.join('.'));
  }
}

/** `a."b.c"` → ['a', 'b.c'] (lowercase), as getTableNames writes qualified names. */
function splitName(name: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (quoted && c === '"' && name[i + 1] === '"') {
      current += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === '.' && !quoted) {
      parts.push(current.toLowerCase());
      current = '';
    } else current += c;
  }
  parts.push(current.toLowerCase());
  return parts;
}
