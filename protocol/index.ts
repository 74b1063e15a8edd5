/**
 * The Cellar server's wire protocol: request and response shapes, error kinds, header names and
 * the one helper a client needs to read a query answer. Shared by both ends — the server (server/)
 * and the browser's remote engine (src/engine/remote) — and owned by neither: plain TypeScript with
 * no imports, compiled by both tsconfigs (the server's NodeNext, the app's bundler resolution).
 */

/** Every failure the server reports, as `{ error: { kind, message } }`. */
export type ErrorKind =
  | 'auth' // no token, or not one the server knows (401)
  | 'forbidden' // the token may not do this, or DuckDB's sandbox refused it (403)
  | 'bad-request' // the request itself is malformed (400)
  | 'not-found' // no such route, table or workbook (404)
  | 'conflict' // a table by that name exists (without ?replace=1), or a query id is in use (409)
  | 'sql' // DuckDB rejected the statement; the message is DuckDB's own (400)
  | 'cancelled' // cancelled by POST /api/cancel or by the client going away (499)
  | 'timeout' // ran past the statement timeout (408)
  | 'too-large' // a body over its limit, or a result over the result cap (413)
  | 'out-of-memory' // DuckDB hit its memory limit (503)
  | 'internal'; // a server bug (500)

/** The HTTP status each error kind is answered with. */
export const ERROR_STATUS: Readonly<Record<ErrorKind, number>> = {
  auth: 401,
  forbidden: 403,
  'bad-request': 400,
  'not-found': 404,
  conflict: 409,
  sql: 400,
  cancelled: 499,
  timeout: 408,
  'too-large': 413,
  'out-of-memory': 503,
  internal: 500,
};

/** The body of every error response (and of the error tail of a query stream). */
export interface ErrorBody {
  error: { kind: ErrorKind; message: string };
}

/** A value bound to a `$name` parameter; never spliced into SQL text. */
export type QueryParam = string | number | boolean | null | { date: string };

/** `POST /api/query`. */
export interface QueryRequest {
  sql: string;
  /** Values for `$name` parameters, matched case-insensitively; extra entries are ignored. */
  params?: Record<string, QueryParam>;
  /** A client-chosen id (up to 128 characters) that `POST /api/cancel` can name. */
  id?: string;
}

/** `POST /api/cancel`. */
export interface CancelRequest {
  id: string;
}

/**
 * The answer to `POST /api/cancel`, sent once the query has ended (or after 5 s): false when no
 * query with that id (of this token) was running.
 */
export interface CancelResponse {
  cancelled: boolean;
}

/** `GET /api/health`. */
export interface HealthResponse {
  ok: true;
  /** DuckDB's version, e.g. `v1.5.6`. */
  duckdb: string;
  /** Present when the request carried a valid token: whether it is a read-only one. */
  readOnly?: boolean;
  /** The server's limits, so a client can refuse an upload before sending it. */
  limits: { maxUploadBytes: number; maxResultBytes: number; statementTimeoutMs: number };
}

/** One column as DuckDB types it. */
export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. `BIGINT`, `VARCHAR`, `DECIMAL(10,2)`. */
  type: string;
}

/**
 * The request header that names the workbook a request is for (its app-side id). Its tables
 * live in its own schema on the server, `wb_<id>`; see docs/server.md, "Workbooks and tokens".
 */
export const WORKBOOK_HEADER = 'X-Cellar-Workbook';

/** One entry of `GET /api/tables` and the answer to `GET /api/tables/:name`. */
export interface TableInfo {
  name: string;
  /** The workbook whose table it is, in listings that span several (the admin token's without a workbook). */
  workbook?: string;
  kind: 'table' | 'view';
  columns: ColumnInfo[];
  /** Exact row count for tables; null for views (counting one would run it). */
  rows: number | null;
}

/** Formats `PUT /api/tables/:name?format=` accepts. */
export type UploadFormat = 'parquet' | 'csv' | 'tsv' | 'json' | 'arrow';

/** The answer to a table upload. */
export interface UploadResponse {
  table: string;
  rows: number;
  columns: ColumnInfo[];
}

/** The answer to `DELETE /api/tables/:name`. */
export interface TableDropped {
  table: string;
  dropped: true;
}

/** The answer to `POST /api/workbooks`. */
export interface WorkbookCreated {
  id: string;
}

/** `POST /api/tokens`: the workbooks the new read-only token may read (else the request's workbook). */
export interface TokenRequest {
  workbooks?: string[];
}

/** The answer to `POST /api/tokens`. */
export interface TokenCreated {
  token: string;
  readOnly: true;
  /** The workbooks it may read, and nothing else. */
  workbooks: string[];
}

/** The content type of a query answer. */
export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

/** Response headers of a query answer (exposed to cross-origin scripts). */
export const HEADERS = {
  /** Row count: exact when the answer was buffered whole, absent when it streamed. */
  rows: 'X-Cellar-Rows',
  /** Server-side milliseconds: whole query when buffered, until the first byte when streamed. */
  ms: 'X-Cellar-Ms',
  /** `1` when the answer streamed: rows, ms and any error then come at the end (trailers + tail). */
  streamed: 'X-Cellar-Streamed',
  /** Trailer only: the error JSON of a stream that failed after it began. */
  error: 'X-Cellar-Error',
} as const;

/**
 * The last 8 bytes of a query answer that failed after it began streaming. The bytes before
 * them are the error JSON (an `ErrorBody`) and, before that, its length as a little-endian
 * uint32. A successful answer ends with Arrow's end-of-stream marker (FF FF FF FF 00 00 00 00)
 * instead, so the two cannot be confused; an Arrow reader given a failed answer throws rather
 * than return the partial rows.
 */
export const ERROR_TAIL_MAGIC = 'CELLAR!E';

/**
 * Splits a query answer's body into its Arrow IPC bytes and the error it ended with, if any.
 * A client reads the whole body, calls this, throws `error` when it is set, and decodes `arrow`.
 */
export function splitQueryBody(body: Uint8Array): { arrow: Uint8Array; error: ErrorBody['error'] | null } {
  const magic = ERROR_TAIL_MAGIC;
  const n = body.length;
  let isTail = n >= magic.length + 4;
  for (let i = 0; isTail && i < magic.length; i++) {
    if (body[n - magic.length + i] !== magic.charCodeAt(i)) isTail = false;
  }
  if (!isTail) return { arrow: body, error: null };
  const at = n - magic.length - 4;
  const len = (body[at]! | (body[at + 1]! << 8) | (body[at + 2]! << 16) | (body[at + 3]! << 24)) >>> 0;
  const start = at - len;
  if (start < 0) return { arrow: body, error: { kind: 'internal', message: 'Malformed error tail' } };
  let error: ErrorBody['error'];
  try {
    error = (JSON.parse(new TextDecoder().decode(body.subarray(start, at))) as ErrorBody).error;
  } catch {
    error = { kind: 'internal', message: 'Malformed error tail' };
  }
  return { arrow: body.subarray(0, start), error };
}
