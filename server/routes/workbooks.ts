import type { App } from '../app.js';
import { ApiError } from '../errors.js';
import { readBody, sendJson, type Route } from '../http.js';
import type { WorkbookCreated } from '../protocol.js';

const MAX_WORKBOOK = 5_000_000;

/** `POST /api/workbooks` and `GET /api/workbooks/:id`. */
export function workbookRoutes(app: App): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/api\/workbooks$/,
      access: 'admin',
      async handler({ req, res }) {
        const text = (await readBody(req, res, MAX_WORKBOOK)).toString('utf8');
        try {
          JSON.parse(text);
        } catch {
          throw new ApiError('bad-request', 'A workbook is a JSON document');
        }
        sendJson(res, 201, { id: await app.workbooks.save(text) } satisfies WorkbookCreated);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/workbooks\/(?<id>[^/]+)$/,
      access: 'token',
      async handler({ res, params }) {
        const text = await app.workbooks.load(params.id ?? '');
        if (text === null) throw new ApiError('not-found', `No workbook ${params.id}`);
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
      },
    },
  ];
}
