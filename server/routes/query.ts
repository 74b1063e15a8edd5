import type { App } from '../app.js';
import { sendFailure, sendResult } from '../arrow/respond.js';
import type { Lease } from '../duckdb.js';
import { ApiError, toApiError } from '../errors.js';
import { startQuery } from '../execute.js';
import { checkScope } from '../scope-check.js';
import { ensureNamespace } from '../scope.js';
import { REQUEST_TAG } from '../sandbox/messages.js';
import { readJson, sendJson, type RequestContext, type Route } from '../http.js';
import type { CancelResponse, QueryParam, QueryRequest } from '../../protocol/index.js';

/** SQL text and parameters; a workbook's statements are far smaller. */
const MAX_QUERY_BODY = 1_000_000;

/**
 * How long `POST /api/cancel` waits for the query to end before answering. A client that waits
 * for the answer knows the statement is over (a cancelled CREATE OR REPLACE cannot commit after
 * the statement that replaced it); a query that ignores its interrupts does not hold it forever.
 */
const CANCEL_WAIT_MS = 5000;

/** Result batches, and how much of a result is held back for exact headers (see SendOptions). */
const STREAMING = { headBytes: 8_000_000, headMs: 1000, batchRows: 65_536, batchBytes: 8_000_000 };

/** `POST /api/query` and `POST /api/cancel`. */
export function queryRoutes(app: App): Route[] {
  return [
    { method: 'POST', path: /^\/api\/query$/, access: 'token', handler: (ctx) => runQuery(app, ctx) },
    {
      method: 'POST',
      path: /^\/api\/cancel$/,
      access: 'token',
      async handler({ req, res, principal }) {
        const body = await readJson(req, res, 10_000);
        const id = isObject(body) && typeof body.id === 'string' ? body.id : null;
        if (id === null) throw new ApiError('bad-request', 'Send { "id": "<query id>" }');
        const ending = app.queries.cancel(id, principal!);
        if (ending) await Promise.race([ending, new Promise((resolve) => setTimeout(resolve, CANCEL_WAIT_MS).unref())]);
        sendJson(res, 200, { cancelled: ending !== null } satisfies CancelResponse);
      },
    },
  ];
}

async function runQuery(app: App, { req, res, principal, scope }: RequestContext): Promise<void> {
  const request = parseQueryRequest(await readJson(req, res, MAX_QUERY_BODY));
  const startedAt = performance.now();
  const tag = req.headers[REQUEST_TAG];
  const query = app.queries.start(request.id ?? null, principal!, typeof tag === 'string' ? tag : null);
  if (!query) throw new ApiError('conflict', `A query with id ${request.id} is already running`);
  const timeoutMs = app.config.statementTimeoutMs;
  const clock = createClock(timeoutMs, () => query.stop('timeout'), (leftMs) => app.queries.onClock(query, leftMs));
  const onClose = () => {
    if (!res.writableFinished) query.stop('cancelled');
  };
  res.on('close', onClose);
  let lease: Lease | null = null;
  try {
    lease = await app.db.acquire(query.signal);
    query.attach(lease.connection);
    clock.resume();
    if (query.stopped) throw new ApiError('cancelled', 'stopped');
    // The request's workbook: its namespace, and nothing outside what its token may reach (scope-check.ts).
    await ensureNamespace(lease.connection, scope!);
    await checkScope(lease.connection, request.sql, scope!);
    const namespace = scope!.namespace === 'main' ? undefined : scope!.namespace;
    const execution = await startQuery(lease.connection, { sql: request.sql, params: request.params ?? {}, role: principal!.role, namespace });
    if (query.stopped) throw new ApiError('cancelled', 'stopped');
    const options = { ...STREAMING, maxBytes: app.config.maxResultBytes, pauseClock: clock.pause, resumeClock: clock.resume, commit: execution.commit };
    await sendResult(execution.result, res, query, options, startedAt);
  } catch (e) {
    sendFailure(res, toApiError(e, query.stopped, timeoutMs));
  } finally {
    clock.pause();
    res.off('close', onClose);
    app.queries.end(query);
    lease?.release();
  }
}

/**
 * A countdown that can be paused (while the client is not reading) and resumed. `onChange` hears
 * the time left when it resumes, and null when it pauses.
 */
function createClock(ms: number, onExpire: () => void, onChange: (leftMs: number | null) => void) {
  let left = ms;
  let since = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    resume() {
      if (timer) return;
      since = performance.now();
      timer = setTimeout(onExpire, Math.max(0, left));
      onChange(Math.max(0, left));
    },
    pause() {
      if (!timer) return;
      clearTimeout(timer);
      timer = undefined;
      left -= performance.now() - since;
      onChange(null);
    },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isParam(v: unknown): v is QueryParam {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return isObject(v) && typeof v.date === 'string' && Object.keys(v).length === 1;
}

function parseQueryRequest(body: unknown): QueryRequest {
  if (!isObject(body) || typeof body.sql !== 'string' || body.sql.trim() === '') {
    throw new ApiError('bad-request', 'Send { "sql": "...", "params"?: {...}, "id"?: "..." }');
  }
  const { sql, params, id } = body;
  if (id !== undefined && (typeof id !== 'string' || id.length === 0 || id.length > 128)) {
    throw new ApiError('bad-request', 'id must be a string of 1 to 128 characters');
  }
  if (params !== undefined) {
    if (!isObject(params)) throw new ApiError('bad-request', 'params must be an object of name → value');
    for (const [name, value] of Object.entries(params)) {
      if (!isParam(value)) throw new ApiError('bad-request', `$${name}: a parameter is a string, number, boolean, null or {date}`);
    }
  }
  return { sql, params: params as Record<string, QueryParam> | undefined, id };
}
