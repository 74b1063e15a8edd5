import type { DuckDBConnection } from '@duckdb/node-api';
import type { Principal } from './auth.js';
import { ApiError } from './errors.js';
import { WORKBOOK_HEADER } from '../protocol/index.js';
import { quoteIdent } from './sql.js';

/**
 * What one request may reach. Each workbook has its own DuckDB schema, its namespace (`wb_<id>`):
 * a request for a workbook finds its unqualified names there, and its uploads, pushes and CREATEs
 * land there. `null` in `readable`/`writable` means every schema (the admin token without a
 * workbook: the person running the server).
 */
export interface Scope {
  /** The workbook the request is for, or null. */
  workbook: string | null;
  /** The schema for unqualified names and new tables; `main` when the request names no workbook. */
  namespace: string;
  /** Schemas it may read (lowercase). */
  readable: ReadonlySet<string> | null;
  /** The one schema it may write to, `null` for any, or `false` for none (read-only tokens). */
  writable: string | null | false;
}

/** A workbook id as the app makes them (`w` + base36), or any short id of these characters. */
const WORKBOOK_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** DuckDB's own catalog schemas: metadata of every schema, which the admin may see. */
const SYSTEM_SCHEMAS = ['information_schema', 'pg_catalog'];

/** The schema that holds a workbook's tables (lowercase, as every schema name in a Scope). */
export function namespaceOf(workbook: string): string {
  return `wb_${workbook.toLowerCase()}`;
}

/**
 * A workbook id from a request, or a bad-request error that says what one looks like. Ids are
 * lowercased: DuckDB's names ignore case, so `wbA` and `wba` would share a schema anyway.
 */
export function checkWorkbookId(raw: string): string {
  if (!WORKBOOK_ID.test(raw)) {
    throw new ApiError('bad-request', `Not a workbook id: ${JSON.stringify(raw.slice(0, 80))} (1 to 64 letters, digits, _ or -)`);
  }
  return raw.toLowerCase();
}

/**
 * The scope of a request by `principal`, which may name a workbook in the X-Cellar-Workbook
 * header. A read-only token reads only the workbooks it names: a header naming another one is
 * refused, except that a token of one workbook serves that workbook whatever the header says
 * (a published workbook opened as a new local workbook still reads the tables it was published with).
 */
export function scopeOf(principal: Principal, header: string | undefined): Scope {
  const asked = header === undefined || header === '' ? null : checkWorkbookId(header);
  if (principal.role === 'admin') {
    if (asked === null) return { workbook: null, namespace: 'main', readable: null, writable: null };
    const namespace = namespaceOf(asked);
    return { workbook: asked, namespace, readable: new Set([namespace, 'main', ...SYSTEM_SCHEMAS]), writable: namespace };
  }
  const readable = new Set(principal.namespaces.map((n) => n.toLowerCase()));
  const mine = principal.workbooks;
  let workbook: string | null;
  if (asked !== null && mine.includes(asked)) workbook = asked;
  else if (mine.length === 1) workbook = mine[0]!;
  else if (mine.length === 0) workbook = null; // a token from before namespaces: the shared tables
  else if (asked === null) throw new ApiError('bad-request', `This token reads ${mine.length} workbooks: say which in the ${WORKBOOK_HEADER} header`);
  else throw new ApiError('forbidden', `This token may not read workbook ${asked}`);
  return { workbook, namespace: workbook === null ? 'main' : namespaceOf(workbook), readable, writable: false };
}

/**
 * Makes the request's namespace if it is not there yet (a workbook's first request, or a token
 * made for a workbook with no tables): DuckDB's `SET schema` needs it to exist.
 */
export async function ensureNamespace(connection: DuckDBConnection, scope: Scope): Promise<void> {
  if (scope.namespace !== 'main') await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(scope.namespace)}`);
}

/** The schema-qualified name of `table` in the request's namespace. */
export function qualified(scope: Scope, table: string): string {
  return `${quoteIdent(scope.namespace)}.${quoteIdent(table)}`;
}
