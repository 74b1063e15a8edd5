/**
 * What the query process (child.ts) and the HTTP process (main.ts, supervisor.ts) tell each
 * other over the IPC channel Node opens between them.
 */

/** The header by which the HTTP process names each request it forwards; a client's is replaced. */
export const REQUEST_TAG = 'x-cellar-request';

/**
 * The query process's `Connection: close` (an answer sent before the body was read) travels as
 * this header instead: its socket to the HTTP process stays open, so the answer cannot be lost
 * to a reset while the HTTP process still writes the body.
 */
export const CLOSE_HEADER = 'x-cellar-close';

/** The query process, once its database is open and it listens on its socket. */
export interface ReadyMessage {
  type: 'ready';
  adminToken: string;
  duckdb: string;
}

/** Sent every BEAT_MS while the query process's event loop runs. */
export interface BeatMessage {
  type: 'beat';
}

/** A stopped query did not end: the query process asks to be ended, naming the request. */
export interface StuckMessage {
  type: 'stuck';
  request: string | null;
  reason: 'cancelled' | 'timeout' | 'too-large';
}

/** A request's statement clock started (`leftMs`: the time it has left) or stopped (null). */
export interface ClockMessage {
  type: 'clock';
  request: string;
  leftMs: number | null;
}

export type ChildMessage = ReadyMessage | BeatMessage | StuckMessage | ClockMessage;

export const BEAT_MS = 250;

/** How the HTTP process tells the query process where to listen and what to run with. */
export const CHILD_ENV = { config: 'CELLAR_QUERY_PROCESS_CONFIG', socket: 'CELLAR_QUERY_PROCESS_SOCKET' } as const;

export function isChildMessage(m: unknown): m is ChildMessage {
  const type = typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : undefined;
  return type === 'ready' || type === 'beat' || type === 'stuck' || type === 'clock';
}
