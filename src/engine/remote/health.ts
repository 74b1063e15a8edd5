import type { HealthResponse } from '../../../protocol';
import { EngineError } from '../errors';
import { ServerClient } from './client';

/** What a server says about itself, checked with a token. */
export interface ServerHealth {
  /** The server's base URL, normalised. */
  url: string;
  /** DuckDB's version on the server, e.g. `v1.5.6`. */
  version: string;
  /** Whether the token is a read-only one (share links carry these). */
  readOnly: boolean;
  limits: HealthResponse['limits'];
}

/**
 * Checks a server and a token before connecting: throws an `unreachable` EngineError when nothing
 * answers, and a `network` one when something answers that is not a Cellar server or refuses the token.
 */
export async function health(url: string, token: string, signal?: AbortSignal): Promise<ServerHealth> {
  const client = new ServerClient(url, token);
  const answer = await client.json<Partial<HealthResponse>>('/api/health', { signal }, { purpose: 'query' });
  if (answer.ok !== true || typeof answer.duckdb !== 'string' || !answer.limits) {
    throw new EngineError('network', `The server at ${client.url} is not a Cellar server: /api/health answered something else.`);
  }
  // The health route needs no token, and says readOnly only when the one sent is valid.
  if (typeof answer.readOnly !== 'boolean') throw new EngineError('network', `The server at ${client.url} does not accept this token.`);
  return { url: client.url, version: answer.duckdb, readOnly: answer.readOnly, limits: answer.limits };
}
