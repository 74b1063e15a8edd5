import type { App } from '../app.js';
import { listTables, relationKind } from '../catalog.js';
import { ApiError } from '../errors.js';
import { sendJson, type Route } from '../http.js';
import type { TableDropped } from '../protocol.js';
import { quoteIdent, sanitizeTableName } from '../sql.js';

/** `GET /api/tables` and `DELETE /api/tables/:name`. */
export function tableRoutes(app: App): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/tables$/,
      access: 'token',
      async handler({ res }) {
        const lease = await app.db.acquire();
        try {
          sendJson(res, 200, await listTables(lease.connection));
        } finally {
          lease.release();
        }
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/tables\/(?<name>[^/]+)$/,
      access: 'admin',
      async handler({ res, params }) {
        const name = tableName(params.name ?? '');
        const lease = await app.db.acquire();
        try {
          const kind = await relationKind(lease.connection, name);
          if (!kind) throw new ApiError('not-found', `No table ${name}`);
          await lease.connection.run(`DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} ${quoteIdent(name)}`);
        } finally {
          lease.release();
        }
        sendJson(res, 200, { table: name, dropped: true } satisfies TableDropped);
      },
    },
  ];
}

/** The sanitised table name of a request, or a bad-request error. */
export function tableName(raw: string): string {
  const name = sanitizeTableName(raw);
  if (name === null) {
    throw new ApiError('bad-request', `Not a table name: ${JSON.stringify(raw.slice(0, 80))} (letters, digits and _; no paths)`);
  }
  return name;
}
