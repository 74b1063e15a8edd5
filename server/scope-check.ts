import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from './errors.js';
import type { Scope } from './scope.js';
import { quoteLiteral } from './sql.js';
import { chainAt, dottedChains, shapeOf, statements, tokenize, type Chain } from './sql-scan.js';
import { findInTree } from './sql-tree.js';

/** What a batch can name: schemas and catalogs, and each schema's objects (lowercase). */
interface Names {
  database: string;
  schemas: Set<string>;
  catalogs: Set<string>;
  objects: Map<string, Set<string>>;
  /** Each view's query, by `schema\0view`. */
  views: Map<string, string>;
  /** Macros made with CREATE MACRO, in any schema. */
  macros: Set<string>;
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
      UNION ALL SELECT lower(database_name), lower(schema_name), lower(type_name) FROM duckdb_types() WHERE NOT internal
      UNION ALL SELECT lower(database_name), lower(schema_name), lower(index_name) FROM duckdb_indexes()`)
  ).getRows() as Array<[string, string | null, string | null]>;
  const names: Names = { database: rows[0]![0], schemas: new Set(['information_schema', 'pg_catalog']), catalogs: new Set(), objects: new Map(), views: new Map(), macros: new Set() };
  const macros = (
    await connection.runAndReadAll('SELECT DISTINCT lower(function_name) FROM duckdb_functions() WHERE database_name = current_database() AND NOT internal')
  ).getRows() as Array<[string]>;
  for (const [name] of macros) names.macros.add(name);
  const views = (
    await connection.runAndReadAll(
      'SELECT lower(schema_name), lower(view_name), sql FROM duckdb_views() WHERE database_name = current_database() AND NOT internal',
    )
  ).getRows() as Array<[string, string, string]>;
  for (const [schema, view, sql] of views) names.views.set(`${schema}\0${view}`, viewQuery(sql));
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

/** The query of a `CREATE VIEW name [(columns)] AS query` statement, as duckdb_views() keeps it. */
function viewQuery(create: string): string {
  let depth = 0;
  for (const t of tokenize(create)) {
    if (t.kind === 'punct' && t.value === '(') depth++;
    else if (t.kind === 'punct' && t.value === ')') depth--;
    else if (depth === 0 && t.kind === 'ident' && t.value === 'as') return create.slice(t.start + 2).replace(/;\s*$/, '');
  }
  return create;
}

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
    // nextval('seq') and setval change a sequence named in a string, which no chain shows.
    for (const [i, t] of statement.tokens.entries()) {
      const arg = statement.tokens[i + 2];
      if ((t.value !== 'nextval' && t.value !== 'setval') || statement.tokens[i + 1]?.value !== '(' || arg?.kind !== 'string') continue;
      const parts = arg.value.slice(1, -1).replaceAll('"', '').toLowerCase().split('.');
      const schema = parts.length > 1 ? schemaOf(parts, names) : own.has(parts[0]!) || !names.objects.get('main')?.has(parts[0]!) ? writable : 'main';
      if (writable !== null && schema !== null && schema !== writable) throw outside(`sequence ${parts.join('.')}`);
    }
    for (const chain of dottedChains(statement.tokens)) {
      const schema = schemaOf(chain.parts, names);
      if (schema !== null && !readable.has(schema)) throw outside(shown(chain));
    }
    if (writable === false) await checkReadOnly(connection, statement, names, scope, outside);
  }
}

/** A base-table reference in DuckDB's parse tree, and the CTE names the tree defines. */
interface TreeRefs {
  tables: Array<{ catalog: string; schema: string; table: string }>;
  ctes: Set<string>;
}

/**
 * DuckDB's parse tree of a SELECT (json_serialize_sql), or null for a statement it does not
 * serialise. SQL DuckDB cannot parse is refused with the parser's words, as running it would be.
 */
async function treeOf(connection: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await connection.runAndReadAll(`SELECT json_serialize_sql(${quoteLiteral(sql)}) AS tree`);
  const tree = JSON.parse(String(reader.getRows()[0]?.[0])) as { error?: boolean; error_type?: string; error_message?: string };
  if (!tree.error) return tree;
  if (tree.error_type === 'parser') throw new ApiError('sql', `Parser Error: ${tree.error_message ?? 'the SQL cannot be parsed'}`);
  return null;
}

/** Every table a parse tree names, and the names of its CTEs. */
function refsOf(tree: unknown): TreeRefs {
  const refs: TreeRefs = { tables: [], ctes: new Set() };
  const text = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');
  findInTree(tree, (record) => {
    if (record.type === 'BASE_TABLE' && typeof record.table_name === 'string') {
      refs.tables.push({ catalog: text(record.catalog_name), schema: text(record.schema_name), table: record.table_name.toLowerCase() });
    }
    const map = (record.cte_map as { map?: Array<{ key?: unknown }> } | undefined)?.map;
    if (Array.isArray(map)) for (const entry of map) if (typeof entry.key === 'string') refs.ctes.add(entry.key.toLowerCase());
    return undefined;
  });
  return refs;
}

/** Views inside views: deeper than this is refused rather than followed. */
const MAX_VIEW_DEPTH = 16;

/**
 * A read-only token's extra checks: no catalog functions or views, and every table its statement
 * reads — through views too — in a schema it may read. An unqualified name must be its
 * workbook's: DuckDB would look for one that is not in the shared `main` schema next.
 */
async function checkReadOnly(
  connection: DuckDBConnection,
  statement: ReturnType<typeof statements>[number],
  names: Names,
  scope: Scope,
  outside: (what: string) => ApiError,
): Promise<void> {
  const catalog = statement.tokens.find((t) => (t.kind === 'ident' || t.kind === 'quoted') && CATALOG_NAME.test(t.value));
  if (catalog) throw new ApiError('forbidden', `${catalog.value} is not allowed for a read-only token: it lists every workbook's tables (use GET /api/tables)`);
  // A macro's body is not in the statement's parse tree, and may read any schema its maker could.
  const macro = statement.tokens.find((t, i) => t.kind !== 'string' && names.macros.has(t.value) && statement.tokens[i + 1]?.value === '(');
  if (macro) throw new ApiError('forbidden', `${macro.value}() is a macro, which a read-only token may not call: its body is not checked`);
  const [first, second] = statement.tokens.map((t) => t.value);
  if (first === 'show' && (second === 'all' || second === 'databases' || second === 'schemas' || second === 'tables')) {
    throw new ApiError('forbidden', `SHOW ${second.toUpperCase()} is not allowed for a read-only token: list the workbook's tables with GET /api/tables`);
  }
  const tree = await treeOf(connection, statement.text);
  if (tree === null) {
    // DESCRIBE t, SUMMARIZE t, SHOW t: DuckDB serialises only SELECTs; their one table is checked here.
    const chain = first === 'describe' || first === 'desc' || first === 'summarize' || first === 'show' ? chainAt(statement.tokens, 1) : null;
    if (!chain || statement.tokens.length !== 1 + chain.parts.length * 2 - 1) {
      throw new ApiError('forbidden', 'A read-only token may run SELECT, and DESCRIBE or SUMMARIZE of one table');
    }
    const table = chain.parts[chain.parts.length - 1]!;
    await checkRead(connection, { catalog: chain.parts.length > 2 ? chain.parts[0]! : '', schema: chain.parts.length > 1 ? chain.parts[chain.parts.length - 2]! : '', table }, names, scope, outside, 0);
    return;
  }
  const refs = refsOf(tree);
  for (const ref of refs.tables) {
    if (!ref.schema && !ref.catalog && refs.ctes.has(ref.table)) continue;
    await checkRead(connection, ref, names, scope, outside, 0);
  }
}

async function checkRead(
  connection: DuckDBConnection,
  ref: { catalog: string; schema: string; table: string },
  names: Names,
  scope: Scope,
  outside: (what: string) => ApiError,
  depth: number,
): Promise<void> {
  let schema = scope.namespace.toLowerCase();
  if (ref.schema || ref.catalog) {
    const parts = [ref.catalog, ref.schema, ref.table].filter((p) => p !== '');
    schema = schemaOf(parts, names) ?? ref.schema;
    if (!scope.readable!.has(schema)) throw outside(parts.join('.'));
  }
  if (!names.objects.get(schema)?.has(ref.table)) {
    throw new ApiError('sql', `Catalog Error: Table with name ${ref.table} does not exist in this workbook!`);
  }
  const body = names.views.get(`${schema}\0${ref.table}`);
  if (body === undefined) return;
  if (depth >= MAX_VIEW_DEPTH) throw new ApiError('forbidden', `View ${ref.table} is nested too deep to check`);
  // A view reads what its query names, from its own schema.
  const tree = await treeOf(connection, body);
  if (tree === null) throw new ApiError('forbidden', `View ${ref.table} cannot be checked, so a read-only token may not read it`);
  const refs = refsOf(tree);
  for (const inner of refs.tables) {
    if (!inner.schema && !inner.catalog && refs.ctes.has(inner.table)) continue;
    await checkRead(connection, inner.schema || inner.catalog ? inner : { ...inner, schema }, names, scope, outside, depth + 1);
  }
}
