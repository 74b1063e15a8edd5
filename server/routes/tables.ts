import type { App } from '../app.js';
import { listTables, relationKind, tableInfo } from '../catalog.js';
import { ApiError } from '../errors.js';
import { sendJson, type Route } from '../http.js';
import type { TableDropped } from '../../protocol/index.js';
import { qualified } from '../scope.js';
import { sanitizeTableName } from '../sql.js';

/** `GET /api/tables`, `GET /api/tables/:name` and `DELETE /api/tables/:name`, in the request's workbook. */
export function tableRoutes(app: App): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/tables$/,
      access: 'token',
      async handler({ res, scope }) {
        const lease = await app.db.acquire();
        try {
          // A workbook's listing is its own namespace; only the admin without a workbook sees them all.
          const schemas = scope!.readable === null ? null : new Set([scope!.namespace]);
          sendJson(res, 200, await listTables(lease.connection, schemas));
        } finally {
          lease.release();
        }
      },
    },
    {
      method: 'GET',
      path: /^\/api\/tables\/(?<name>[^/]+)$/,
      access: 'token',
      async handler({ res, params, scope }) {
        const name = tableName(params.name ?? '');
        const lease = await app.db.acquire();
        try {
          const info = await tableInfo(lease.connection, scope!.namespace, name);
          if (!info) throw new ApiError('not-found', `No table ${name}${scope!.workbook ? ' in this workbook' : ''}`);
          sendJson(res, 200, info);
        } finally {
          lease.release();
        }
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/tables\/(?<name>[^/]+)$/,
      access: 'admin',
      async handler({ res, params, scope }) {
        const name = tableName(params.name ?? '');
        const lease = await app.db.acquire();
        try {
          const kind = await relationKind(lease.connection, scope!.namespace, name);
          if (!kind) throw new ApiError('not-found', `No table ${name}${scope!.workbook ? ' in this workbook' : ''}`);
          await lease.connection.run(`DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} ${qualified(scope!, name)}`);
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

