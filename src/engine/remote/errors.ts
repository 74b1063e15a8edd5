import type { ErrorKind } from '../../../protocol';
import { EngineError, errorPosition, messageOf, type EngineErrorKind } from '../errors';

/** A server error as it arrives: its kind may be one this client does not know yet. */
export interface WireError {
  kind: string;
  message: string;
}

/** What a request was for: the same server error reads differently on a query and an upload. */
export type Purpose = 'query' | 'upload';

/** Where an error happened, for its context and its words. */
export interface ErrorScene {
  /** The server's base URL. */
  url: string;
  purpose: Purpose;
  sql?: string;
  /** The uploaded file's name. */
  file?: string;
}

/**
 * The engine kind of each server kind: SQL a person wrote keeps `sql` (timeouts, refusals and
 * result caps are fixed by editing it); an upload's failures are `file`, as a dropped file's are.
 */
const KINDS: Readonly<Record<ErrorKind, (purpose: Purpose) => EngineErrorKind>> = {
  sql: (p) => (p === 'upload' ? 'file' : 'sql'),
  'bad-request': (p) => (p === 'upload' ? 'file' : 'sql'),
  forbidden: (p) => (p === 'upload' ? 'file' : 'sql'),
  timeout: (p) => (p === 'upload' ? 'file' : 'sql'),
  'too-large': (p) => (p === 'upload' ? 'file' : 'sql'),
  'not-found': (p) => (p === 'upload' ? 'file' : 'sql'),
  conflict: (p) => (p === 'upload' ? 'file' : 'internal'),
  cancelled: () => 'cancelled',
  'out-of-memory': () => 'memory',
  auth: () => 'network',
  internal: () => 'internal',
};

function isErrorKind(kind: unknown): kind is ErrorKind {
  return typeof kind === 'string' && Object.hasOwn(KINDS, kind);
}

/** An EngineError from the server's `{ kind, message }`, keeping DuckDB's message (and so its LINE n). */
export function fromServerError(error: WireError, scene: ErrorScene): EngineError {
  const context = { sql: scene.sql, file: scene.file };
  // A newer server may know kinds this client does not.
  if (!isErrorKind(error.kind)) return new EngineError('internal', `The server failed: ${error.message}`, context);
  const kind = KINDS[error.kind](scene.purpose);
  switch (kind) {
    case 'cancelled':
      return new EngineError('cancelled', 'Query cancelled', context);
    case 'memory':
      return new EngineError('memory', `Out of memory on the server: ${error.message}`, context);
    case 'network':
      return new EngineError('network', `The server at ${scene.url} refused the token: ${error.message}`, context);
    case 'sql':
      return new EngineError('sql', error.message, { ...context, position: scene.sql ? errorPosition(error.message, scene.sql) : undefined });
    case 'file':
      return new EngineError('file', scene.file ? `${scene.file}: ${error.message}` : error.message, context);
    default:
      return new EngineError(kind, error.message, context);
  }
}

/** The server did not answer at all: down, refusing connections, or blocked by CORS. */
export function unreachable(url: string, e: unknown, context: { sql?: string; file?: string } = {}): EngineError {
  // fetch hides the reason on purpose (a CORS refusal and a closed port look alike); Node's
  // fetch keeps it in `cause` (connect ECONNREFUSED 127.0.0.1:4180).
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : '';
  const detail = cause || messageOf(e);
  return new EngineError('unreachable', `The server at ${url} is unreachable: ${detail}`, context, { cause: e });
}

/** The failure a non-2xx response stands for, from its `{ error }` body when it has one. */
export async function responseError(response: Response, scene: ErrorScene): Promise<EngineError> {
  const text = await response.text().catch(() => '');
  const error = parseErrorBody(text);
  if (error) return fromServerError(error, scene);
  return bareStatusError(response.status, response.statusText, scene);
}

/** The error of an `{ error: { kind, message } }` body, or null when the text is not one (a proxy's page). */
export function parseErrorBody(text: string): WireError | null {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null || !('error' in body)) return null;
    const { error } = body;
    if (typeof error !== 'object' || error === null || !('kind' in error) || !('message' in error)) return null;
    return { kind: String(error.kind), message: String(error.message) };
  } catch {
    return null;
  }
}

/** A status with no Cellar error body: a proxy in front of a server that is down, or not a Cellar server. */
export function bareStatusError(status: number, statusText: string, scene: ErrorScene): EngineError {
  const context = { sql: scene.sql, file: scene.file };
  const answered = `answered ${status} ${statusText}`.trim();
  if (status === 502 || status === 503 || status === 504) {
    return new EngineError('unreachable', `The server at ${scene.url} is unreachable: its proxy ${answered}`, context);
  }
  return new EngineError('network', `The server at ${scene.url} ${answered}; is it a Cellar server?`, context);
}
