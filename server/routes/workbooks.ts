import type { App } from '../app.js';
import type { Principal } from '../auth.js';
import { ApiError } from '../errors.js';
import { readBody, sendJson, type Route } from '../http.js';
import type { WorkbookCreated } from '../../protocol/index.js';
import type { StoredWorkbook } from '../workbooks.js';

const MAX_WORKBOOK = 5_000_000;

/**
 * Whether `principal` may open a stored document: the admin any, a read-only token those
 * published from its workbooks (and, for a token from before namespaces, those from before too).
 */
function mayRead(principal: Principal, stored: StoredWorkbook): boolean {
  if (principal.role === 'admin') return true;
  if (stored.workbook === null) return principal.namespaces.includes('main');
  return principal.workbooks.includes(stored.workbook);
}

/** `POST /api/workbooks` and `GET /api/workbooks/:id`. */
export function workbookRoutes(app: App): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/api\/workbooks$/,
      access: 'admin',
      async handler({ req, res, scope }) {
        const text = (await readBody(req, res, MAX_WORKBOOK)).toString('utf8');
        try {
          JSON.parse(text);
        } catch {
          throw new ApiError('bad-request', 'A workbook is a JSON document');
        }
        sendJson(res, 201, { id: await app.workbooks.save(text, scope!.workbook) } satisfies WorkbookCreated);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/workbooks\/(?<id>[^/]+)$/,
      access: 'token',
      async handler({ res, params, principal }) {
        const stored = await app.workbooks.load(params.id ?? '');
        // Another workbook's document is as unknown to this token as one that does not exist.
        if (stored === null || !mayRead(principal!, stored)) throw new ApiError('not-found', `No workbook ${params.id}`);
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(stored.json) });
        res.end(stored.json);
      },
    },
  ];
}
