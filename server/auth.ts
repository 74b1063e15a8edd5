import type { IncomingMessage } from 'node:http';
import type { TokenStore } from './tokens.js';

/** What a token may do: `admin` everything, `read` SELECT, list tables and read workbooks. */
export type Role = 'admin' | 'read';

/**
 * Who is asking: the token's role, a stable id derived from it (never the token itself), and
 * for a read-only token the workbooks it may read (none for the admin token, which reads all).
 */
export interface Principal {
  role: Role;
  id: string;
  /** The workbook ids a read-only token was made for; empty for the admin token and for old tokens. */
  workbooks: readonly string[];
  /** The schemas a read-only token may read: its workbooks' namespaces (`main` for tokens from before namespaces). */
  namespaces: readonly string[];
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
