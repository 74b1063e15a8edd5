import type { App } from '../app.js';
import { sendJson, type Route } from '../http.js';
import type { TokenCreated } from '../protocol.js';

/** `POST /api/tokens`: a new read-only token. */
export function tokenRoutes(app: App): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/api\/tokens$/,
      access: 'admin',
      async handler({ res }) {
        sendJson(res, 201, { token: await app.tokens.createReadOnly(), readOnly: true } satisfies TokenCreated);
      },
    },
  ];
}
