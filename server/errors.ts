import { ERROR_STATUS, type ErrorBody, type ErrorKind } from '../protocol/index.js';

/** A failure to report to the client as `{ error: { kind, message } }` with the kind's status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.kind];
  }
  toBody(): ErrorBody {
    return { error: { kind: this.kind, message: this.message } };
  }
}

/** Why the server stopped a query itself; DuckDB only says "Interrupted!". */
export type StopReason = 'cancelled' | 'timeout' | 'too-large';

/**
 * Turns whatever DuckDB (or our code) threw into an ApiError. `stopped` is set when the server
 * interrupted the query, which decides what an INTERRUPT error means.
 */
export function toApiError(e: unknown, stopped?: StopReason | null, timeoutMs?: number): ApiError {
  // Once the server stopped a query, whatever it threw on the way out says less than why.
  if (stopped === 'timeout') {
    const limit = timeoutMs === undefined ? '' : ` (${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`})`;
    return new ApiError('timeout', `Query stopped: it ran longer than the statement timeout${limit}`);
  }
  if (stopped === 'too-large') return e instanceof ApiError ? e : new ApiError('too-large', 'Query stopped: its result is larger than the server allows');
  if (stopped === 'cancelled') return new ApiError('cancelled', 'Query cancelled');
  if (e instanceof ApiError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  // extractStatements wraps the parser's message; the client wants DuckDB's own words.
  const message = raw.replace(/^Failed to extract statements: /, '');
  if (/^INTERRUPT Error/.test(message)) return new ApiError('cancelled', 'Query cancelled');
  if (/^Out of Memory Error|failed to allocate/i.test(message)) return new ApiError('out-of-memory', message);
  if (/^Permission Error/.test(message) || /the configuration has been locked/.test(message)) {
    return new ApiError('forbidden', message);
  }
  if (/^[A-Z][A-Za-z ]* Error: /.test(message)) return new ApiError('sql', message);
  return new ApiError('internal', message);
}
