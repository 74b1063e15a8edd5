import type { DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { ApiError } from '../errors.js';
import { formatBytes, sendError } from '../http.js';
import { ARROW_STREAM_TYPE, HEADERS } from '../../protocol/index.js';
import type { RunningQuery } from '../queries.js';
import { ArrowEncoder, errorTail } from './encoder.js';

/** How a result goes out. */
export interface SendOptions {
  /** The result cap, in Arrow bytes. */
  maxBytes: number;
  /**
   * A result is held back until it reaches this many bytes or has been gathering for
   * `headMs`: most answers fit, and then they carry exact headers (rows, time, length) and any
   * error is a plain JSON error. Past that the answer streams.
   */
  headBytes: number;
  headMs: number;
  batchRows: number;
  batchBytes: number;
  /** Called while the client is not reading, so that time does not count against the timeout. */
  pauseClock(): void;
  resumeClock(): void;
  /** Ends the request's transaction once every row is read, before the answer says it succeeded. */
  commit(): Promise<void>;
}

const sum = (parts: readonly Uint8Array[]) => parts.reduce((n, p) => n + p.byteLength, 0);

/**
 * Streams a DuckDB result to the client as Arrow IPC, fetching the next chunk while the
 * current one is encoded. Throws on failure; `sendFailure` then answers.
 */
export async function sendResult(
  result: DuckDBResult,
  res: ServerResponse,
  query: RunningQuery,
  options: SendOptions,
  startedAt: number,
): Promise<void> {
  const encoder = new ArrowEncoder(result.columnNames(), result.columnTypes(), {
    rows: options.batchRows,
    bytes: options.batchBytes,
  });
  const head: Uint8Array[] = encoder.start();
  let total = sum(head);
  let firstBatchAt = 0;
  let streaming = false;

  const write = async (parts: readonly Uint8Array[]) => {
    res.cork();
    let ok = true;
    for (const p of parts) ok = res.write(p) && ok;
    res.uncork();
    if (ok) return;
    options.pauseClock();
    try {
      await once(res, 'drain', { signal: query.signal });
    } finally {
      options.resumeClock();
    }
  };

  const emit = async (parts: Uint8Array[] | null) => {
    if (!parts) return;
    total += sum(parts);
    if (total > options.maxBytes) {
      query.stop('too-large');
      throw new ApiError('too-large', `The result is larger than the server sends (${formatBytes(options.maxBytes)}); add a LIMIT or aggregate`);
    }
    if (streaming) return write(parts);
    head.push(...parts);
    firstBatchAt ||= performance.now();
    if (total >= options.headBytes || performance.now() - firstBatchAt >= options.headMs) {
      streaming = true;
      res.writeHead(200, {
        'Content-Type': ARROW_STREAM_TYPE,
        [HEADERS.ms]: String(Math.round(performance.now() - startedAt)),
        [HEADERS.streamed]: '1',
        Trailer: [HEADERS.rows, HEADERS.ms, HEADERS.error].join(', '),
      });
      await write(head.splice(0));
    }
  };

  let next: Promise<DuckDBDataChunk | null> = result.fetchChunk();
  try {
    for (;;) {
      const chunk = await next;
      if (query.stopped) throw new ApiError('cancelled', 'stopped'); // toApiError words it by the reason
      if (!chunk || chunk.rowCount === 0) break;
      next = result.fetchChunk();
      await emit(encoder.append(chunk));
    }
    await emit(encoder.flush());
    await options.commit();
  } finally {
    // A fetch may still be running on this connection; it must end before the connection is
    // reused, and its rejection (after an interrupt) is expected.
    await next.then(
      () => undefined,
      () => undefined,
    );
  }
  const end = encoder.finish();
  const ms = String(Math.round(performance.now() - startedAt));
  if (streaming) {
    await write(end);
    res.addTrailers({ [HEADERS.rows]: String(encoder.rows), [HEADERS.ms]: ms });
    res.end();
    return;
  }
  const body = [...head, ...end];
  res.writeHead(200, {
    'Content-Type': ARROW_STREAM_TYPE,
    'Content-Length': String(sum(body)),
    [HEADERS.rows]: String(encoder.rows),
    [HEADERS.ms]: ms,
  });
  res.cork();
  for (const p of body) res.write(p);
  res.uncork();
  res.end();
}

/**
 * Answers a failed query: a JSON error while nothing has been sent, else the error tail
 * (protocol/index.ts) in place of the end-of-stream marker, and the kind in a trailer.
 */
export function sendFailure(res: ServerResponse, error: ApiError): void {
  if (!res.headersSent) return sendError(res, error);
  if (res.destroyed || res.writableEnded) return;
  res.write(errorTail(error.toBody()));
  res.addTrailers({ [HEADERS.error]: error.kind });
  res.end();
}
