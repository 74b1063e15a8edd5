import type { IncomingMessage } from 'node:http';
import type { TokenStore } from './tokens.js';

/** What a token may do: `admin` everything, `read` SELECT, list tables and read workbooks. */
export type Role = 'admin' | 'read';

/** Who is asking: the token's role and a stable id derived from it (never the token itself). */
export interface Principal {
  role: Role;
  id: string;
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1] ?? null;
}

/** The principal behind a request's token, or null when it has none the store knows. */
export function authenticate(req: IncomingMessage, tokens: TokenStore): Principal | null {
  const token = bearerToken(req);
  return token ? tokens.resolve(token) : null;
}
