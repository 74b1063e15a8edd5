import { tableFromIPC, type Table } from 'apache-arrow';
import { HEADERS, splitQueryBody, type CancelResponse, type QueryRequest } from '../../../protocol';
import { arrowReadFailure, validateArrowBatch } from '../arrow-validate';
import { EngineError, isEngineError } from '../errors';
import type { QueryOptions, SqlParams } from '../types';
import type { ServerClient } from './client';
import { fromServerError, responseError, unreachable } from './errors';
import { toServerParams } from './params';

/** The queries running now (each with the way to stop it, for cancelAll) and the cancels on their way. */
export class Running {
  readonly stops = new Set<() => void>();
  private readonly cancelling = new Set<Promise<void>>();

  /** Sends `POST /api/cancel`; the server answers once the query has ended. */
  cancel(client: ServerClient, id: string): void {
    const sent = client.post<CancelResponse>('/api/cancel', { id }, { purpose: 'query' }).then(
      () => undefined,
      () => undefined,
    );
    this.cancelling.add(sent);
    void sent.then(() => this.cancelling.delete(sent));
  }

  /**
   * Resolves when every cancel sent so far has been answered. A cancelled CREATE OR REPLACE
   * could otherwise still commit after the statement that replaced it.
   */
  async settled(): Promise<void> {
    if (this.cancelling.size > 0) await Promise.all(this.cancelling);
  }
}

/** A fresh id for `POST /api/cancel`; getRandomValues works outside secure contexts too. */
function queryId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `q-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const cancelled = (sql: string, cause?: unknown) => new EngineError('cancelled', 'Query cancelled', { sql }, { cause });

/**
 * Runs SQL on the server and decodes its Arrow answer. Aborting closes the request (the server
 * interrupts a query whose client went away) and also names it in `POST /api/cancel`, which
 * reaches it even behind a proxy that keeps the upstream connection open.
 */
export async function runQuery(client: ServerClient, running: Running, sql: string, params: SqlParams, options: QueryOptions): Promise<Table> {
  const { signal, onStats } = options;
  if (signal?.aborted) throw cancelled(sql);
  const id = queryId();
  const request: QueryRequest = { sql, params: toServerParams(params, sql), id };
  await running.settled();
  if (signal?.aborted) throw cancelled(sql);
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) return;
    controller.abort();
    running.cancel(client, id);
  };
  signal?.addEventListener('abort', stop);
  running.stops.add(stop);
  const started = performance.now();
  try {
    const response = await client.fetch('/api/query', { method: 'POST', body: JSON.stringify(request), signal: controller.signal }, { sql });
    if (!response.ok) throw await responseError(response, { url: client.url, purpose: 'query', sql });
    const body = await readBody(client, response, sql);
    // A failure after streaming began arrives as an error tail; decoding the bytes before it
    // would hand back the rows sent so far as if they were all.
    const { arrow, error } = splitQueryBody(body);
    if (error) throw fromServerError(error, { url: client.url, purpose: 'query', sql });
    const table = tableFromIPC(arrow);
    // A server the page was sent to by a link is not trusted further than its bytes: a pulled
    // answer goes on into DuckDB-WASM, whose reader trusts declared lengths.
    for (const batch of table.batches) validateArrowBatch(batch);
    const serverMs = response.headers.get(HEADERS.ms);
    onStats?.({
      engine: 'remote',
      rows: table.numRows,
      bytes: body.byteLength,
      serverMs: serverMs === null ? undefined : Number(serverMs),
      ms: performance.now() - started,
      streamed: response.headers.get(HEADERS.streamed) === '1',
    });
    return table;
  } catch (e) {
    if (controller.signal.aborted) throw cancelled(sql, e);
    if (isEngineError(e)) throw e;
    throw new EngineError('internal', `The server's answer could not be read as Arrow: ${arrowReadFailure(e, 'run it again, and tell whoever runs the server if it fails again')}`, { sql }, { cause: e });
  } finally {
    signal?.removeEventListener('abort', stop);
    running.stops.delete(stop);
  }
}

async function readBody(client: ServerClient, response: Response, sql: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    // The connection dropped mid-answer: the server went away (or was restarted).
    throw unreachable(client.url, e, { sql });
  }
}
