import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type Principal } from './auth.js';
import { ApiError } from './errors.js';
import { HEADERS, WORKBOOK_HEADER } from '../protocol/index.js';
import { scopeOf, type Scope } from './scope.js';
import type { TokenStore } from './tokens.js';

/** Who may call a route: anyone, any valid token, or the admin token only. */
export type Access = 'public' | 'token' | 'admin';

/** What a route handler gets. `principal` and `scope` are set for every route but public ones. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Readonly<Record<string, string>>;
  principal: Principal | null;
  /** The workbook the request is for and what it may read and write (scope.ts). */
  scope: Scope | null;
}

/** One endpoint: method, path pattern, who may call it, and its handler. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Named groups become `params` (URL-decoded). */
  path: RegExp;
  access: Access;
  handler: (ctx: RequestContext) => Promise<void>;
}

/**
 * Every response can be read by a page on another origin: the app is served elsewhere and is
 * cross-origin isolated (COEP require-corp), which also needs CORP on each response. Tokens
 * travel in a header, never in cookies, so `*` gives nothing away.
 */
export function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', Object.values(HEADERS).join(', '));
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', `Authorization, Content-Type, ${WORKBOOK_HEADER}`);
  res.setHeader('Access-Control-Max-Age', '600');
  // Chrome's Private Network Access: a page on a public origin calling a server on localhost.
  if (req.headers['access-control-request-private-network']) res.setHeader('Access-Control-Allow-Private-Network', 'true');
  res.writeHead(204).end();
}

/** Sends a JSON body with its length. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends an error, or cuts the connection when a response is already under way. */
export function sendError(res: ServerResponse, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error.kind === 'auth') res.setHeader('WWW-Authenticate', 'Bearer');
  sendJson(res, error.status, error.toBody());
}

/**
 * Past a small body's limit the rest is still read (and dropped), up to this much, so that
 * the client, still sending, gets the 413 instead of a broken pipe.
 */
const DRAIN_BYTES = 64_000_000;

/** Reads a whole (small) body, refusing it once it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit + DRAIN_BYTES) throw tooLarge(res, limit);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > limit + DRAIN_BYTES) throw tooLarge(res, limit);
    if (size <= limit) parts.push(part);
  }
  if (size > limit) throw new ApiError('too-large', tooLargeMessage(limit));
  return Buffer.concat(parts, size);
}

/**
 * A body over its limit: the answer closes the connection, so Node does not read (and throw
 * away) the rest of what may be gigabytes.
 */
export function tooLarge(res: ServerResponse, limit: number): ApiError {
  res.setHeader('Connection', 'close');
  return new ApiError('too-large', tooLargeMessage(limit));
}

function tooLargeMessage(limit: number): string {
  return `The request body is larger than the server accepts (${formatBytes(limit)})`;
}

/** Reads a JSON body of at most `limit` bytes. */
export async function readJson(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  const body = await readBody(req, res, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError('bad-request', 'The request body is not JSON');
  }
}

/** A size for messages: 1.5 GB, 512 MB, 800 B. */
export function formatBytes(n: number): string {
  for (const [unit, size] of [['TB', 1e12], ['GB', 1e9], ['MB', 1e6], ['kB', 1e3]] as const) {
    if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  }
  return `${n} B`;
}

/** The server's request listener: CORS, routing, authentication, and errors as JSON. */
export function createHandler(routes: readonly Route[], tokens: TokenStore) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    setCommonHeaders(res);
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    handle(req, res).catch((e: unknown) => {
      const error = e instanceof ApiError ? e : new ApiError('internal', e instanceof Error ? e.message : String(e));
      if (error.kind === 'internal') console.error(e);
      // Refused before its body was read (a bad token on a 10 GB upload): Node would read the
      // rest to keep the connection alive; close it instead.
      if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
      sendError(res, error);
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Routes match the path as sent: URL parsing would resolve `..` segments first, and
    // `/api/tables/x/../../tokens` should not quietly become another route.
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    for (const route of routes) {
      const m = route.path.exec(pathname);
      if (!m || route.method !== req.method) continue;
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) {
        try {
          params[k] = decodeURIComponent(v);
        } catch {
          throw new ApiError('bad-request', `Malformed URL: ${pathname}`);
        }
      }
      const principal = authenticate(req, tokens);
      if (route.access !== 'public' && !principal) {
        throw new ApiError('auth', 'A valid token is needed: send Authorization: Bearer <token>');
      }
      if (route.access === 'admin' && principal?.role !== 'admin') {
        throw new ApiError('forbidden', 'This token is read-only');
      }
      const header = req.headers[WORKBOOK_HEADER.toLowerCase()];
      // Public routes (health) answer whatever workbook a request names.
      const scope = principal && route.access !== 'public' ? scopeOf(principal, typeof header === 'string' ? header.trim() : undefined) : null;
      return route.handler({ req, res, url, params, principal, scope });
    }
    throw new ApiError('not-found', `No route ${req.method} ${pathname}`);
  }
}
