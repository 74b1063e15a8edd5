import type { App } from '../app.js';
import { ApiError } from '../errors.js';
import { readBody, sendJson, type Route } from '../http.js';
import type { TokenCreated } from '../../protocol/index.js';
import { checkWorkbookId, ensureNamespace, namespaceOf } from '../scope.js';

/** At most this many workbooks per token: a token is for sharing a few, not a server's worth. */
const MAX_WORKBOOKS = 100;

/**
 * `POST /api/tokens`: a new read-only token that reads the workbooks it names and nothing else —
 * `{ "workbooks": [...] }`, or else the workbook of the request's X-Cellar-Workbook header; with
 * neither, the shared tables (`main`) only.
 */
export function tokenRoutes(app: App): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/api\/tokens$/,
      access: 'admin',
      async handler({ req, res, scope }) {
        const text = (await readBody(req, res, 100_000)).toString('utf8').trim();
        let body: unknown = {};
        try {
          if (text !== '') body = JSON.parse(text);
        } catch {
          throw new ApiError('bad-request', 'The request body is not JSON');
        }
        const listed = typeof body === 'object' && body !== null && 'workbooks' in body ? (body as { workbooks: unknown }).workbooks : undefined;
        if (listed !== undefined && (!Array.isArray(listed) || listed.some((w) => typeof w !== 'string'))) {
          throw new ApiError('bad-request', 'workbooks must be a list of workbook ids');
        }
        const workbooks = [...new Set(listed === undefined ? (scope!.workbook === null ? [] : [scope!.workbook]) : (listed as string[]).map(checkWorkbookId))];
        // A workbook's request (the app, maybe running a linked workbook) shares that workbook only.
        const other = scope!.workbook === null ? undefined : workbooks.find((w) => w !== scope!.workbook);
        if (other !== undefined) throw new ApiError('forbidden', `A request for workbook ${scope!.workbook} cannot make a token for workbook ${other}`);
        if (workbooks.length > MAX_WORKBOOKS) throw new ApiError('bad-request', `A token may name at most ${MAX_WORKBOOKS} workbooks`);
        const lease = await app.db.acquire();
        try {
          for (const w of workbooks) await ensureNamespace(lease.connection, { workbook: w, namespace: namespaceOf(w), readable: null, writable: null });
        } finally {
          lease.release();
        }
        sendJson(res, 201, { token: await app.tokens.createReadOnly(workbooks), readOnly: true, workbooks } satisfies TokenCreated);
      },
    },
  ];
}
