import type { App } from '../app.js';
import { sendJson, type Route } from '../http.js';
import type { HealthResponse } from '../../protocol/index.js';

/** `GET /api/health`, the one route that needs no token. */
export function healthRoutes(app: App): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/health$/,
      access: 'public',
      async handler({ res, principal }) {
        const { maxUploadBytes, maxResultBytes, statementTimeoutMs } = app.config;
        const body: HealthResponse = { ok: true, duckdb: app.db.version, limits: { maxUploadBytes, maxResultBytes, statementTimeoutMs } };
        if (principal) body.readOnly = principal.role === 'read';
        sendJson(res, 200, body);
      },
    },
  ];
}
