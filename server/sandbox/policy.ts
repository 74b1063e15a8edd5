import type { DuckDBConnection } from '@duckdb/node-api';
import type { Role } from '../auth.js';
import { ApiError } from '../errors.js';
import { quoteLiteral } from '../sql.js';
import { findInTree } from '../sql-tree.js';

/**
 * Functions that read files. DuckDB always lets SQL read its own database file, its WAL (with
 * the bytes of dropped tables) and its temp directory, whatever `allowed_directories` says, so
 * user SQL may call none of them: tables reach the server by upload, whose SQL is the server's.
 */
const FILE_FUNCTIONS = [
  'read_blob', 'read_text', 'glob', 'read_csv', 'read_csv_auto', 'sniff_csv', 'read_parquet', 'parquet_scan',
  'parquet_metadata', 'parquet_file_metadata', 'parquet_full_metadata', 'parquet_kv_metadata', 'parquet_schema',
  'parquet_bloom_probe', 'read_json', 'read_json_auto', 'read_json_objects', 'read_json_objects_auto', 'read_ndjson',
  'read_ndjson_auto', 'read_ndjson_objects', 'read_duckdb', 'import_database', 'copy_database',
];

/** SQL run from a string (and Arrow scans of raw pointers) would pass every check here unseen. */
const DYNAMIC_FUNCTIONS = ['query', 'query_table', 'json_execute_serialized_sql', 'arrow_scan', 'arrow_scan_dumb'];

/** Pragma functions `CALL` or `FROM` can reach that change the engine for everyone. */
const ENGINE_FUNCTIONS = [
  'enable_logging', 'disable_logging', 'truncate_duckdb_logs', 'enable_profiling', 'disable_profiling', 'enable_profile',
  'disable_profile', 'enable_peg_parser', 'disable_peg_parser', 'check_peg_parser', 'enable_checkpoint_on_shutdown',
  'disable_checkpoint_on_shutdown', 'enable_object_cache', 'disable_object_cache', 'enable_optimizer', 'disable_optimizer',
  'enable_verification', 'disable_verification', 'verify_external', 'disable_verify_external', 'verify_parallelism',
  'disable_verify_parallelism', 'verify_serializer', 'disable_verify_serializer', 'verify_fetch_row',
  'disable_verify_fetch_row', 'add_parquet_key', 'enable_progress_bar', 'disable_progress_bar',
  'enable_print_progress_bar', 'disable_print_progress_bar',
];

/** Functions that write: fine for the admin, not for a read-only token. */
const WRITING_FUNCTIONS = ['nextval', 'setval', 'checkpoint', 'force_checkpoint'];

const DENIED = new Map<string, string>([
  ...FILE_FUNCTIONS.map((f) => [f, `Permission Error: ${f}() is not allowed on the server: SQL there cannot read files (upload a table with PUT /api/tables/:name)`] as const),
  ...DYNAMIC_FUNCTIONS.map((f) => [f, `${f}() is not allowed on the server: write the SQL itself rather than run it from a string`] as const),
  ...ENGINE_FUNCTIONS.map((f) => [f, `${f}() is not allowed on the server: its settings are fixed, and shared by every request`] as const),
]);

/** Why `name` may not be called by `role`, or null when it may; `target` is its first argument if known. */
function functionRefusal(name: string, role: Role, target?: string): string | null {
  const key = name.toLowerCase();
  const denied = DENIED.get(key);
  if (denied) return target === undefined ? denied : denied.replace(`${key}()`, `${key}(${JSON.stringify(target.slice(0, 200))})`);
  if (role === 'read' && WRITING_FUNCTIONS.includes(key)) return `This token is read-only: ${key}() changes the database`;
  return null;
}

/** A table name DuckDB would read as a file (a replacement scan: `FROM 'x.csv'`, `FROM "a/b"`). */
const FILE_LIKE = /[./\\:~]/;

const FILE_REFUSAL = (name: string) =>
  `Permission Error: ${JSON.stringify(name.slice(0, 200))} names a file, and SQL on the server cannot read files (upload a table with PUT /api/tables/:name)`;

/**
 * Refuses a batch that calls a function the role may not call or reads a file, before any of it
 * runs. A batch of SELECTs is checked on DuckDB's own parse tree; any other batch (only an admin
 * can run one, or a DESCRIBE) on its text, where a name followed by `(` counts as a call.
 */
export async function checkBatch(connection: DuckDBConnection, sql: string, role: Role): Promise<void> {
  // json_serialize_sql takes only a constant, not a parameter.
  const reader = await connection.runAndReadAll(`SELECT json_serialize_sql(${quoteLiteral(sql)}) AS tree`);
  const tree = JSON.parse(String(reader.getRows()[0]?.[0])) as { error?: boolean };
  const refusal = tree.error ? refusalInText(sql, role) : refusalInTree(tree, role);
  if (refusal) throw new ApiError('forbidden', refusal);
}

/** The first refusal a parse tree earns: a function it may not call, a file named as a table. */
function refusalInTree(tree: unknown, role: Role): string | null {
  const refusal = findInTree(tree, (record) => {
    if (typeof record.function_name === 'string') {
      const refusal = functionRefusal(record.function_name, role, firstConstant(record.children));
      if (refusal) return refusal;
    }
    if (record.type === 'BASE_TABLE' && typeof record.table_name === 'string' && FILE_LIKE.test(record.table_name)) return FILE_REFUSAL(record.table_name);
    return undefined;
  });
  return refusal ?? null;
}

/** The first argument of a function node, when it is a string constant (for the message). */
function firstConstant(children: unknown): string | undefined {
  const first = Array.isArray(children) ? (children[0] as { class?: string; value?: { value?: unknown } } | undefined) : undefined;
  return first?.class === 'CONSTANT' && typeof first.value?.value === 'string' ? first.value.value : undefined;
}

const CALL = /(?:^|[^\w$])"?([a-z_][a-z0-9_]*)"?\s*\(/gi;
const FILE_SCAN = /\b(?:from|join)\s+('[^']*'|"[^"]*")/gi;

/** The same checks on the text: stricter (a name inside a string literal counts too). */
function refusalInText(sql: string, role: Role): string | null {
  for (const m of sql.matchAll(CALL)) {
    const refusal = functionRefusal(m[1]!, role);
    if (refusal) return refusal;
  }
  for (const m of sql.matchAll(FILE_SCAN)) {
    const name = m[1]!.slice(1, -1);
    if (m[1]!.startsWith("'") || FILE_LIKE.test(name)) return FILE_REFUSAL(name);
  }
  return null;
}
