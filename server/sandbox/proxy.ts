import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { errorTail } from '../arrow/encoder.js';
import { ApiError } from '../errors.js';
import { sendError, sendJson, setCommonHeaders } from '../http.js';
import { ARROW_STREAM_TYPE, HEADERS, type CancelResponse } from '../../protocol/index.js';
import { JsonDepthScanner } from './json-depth.js';
import { CLOSE_HEADER, REQUEST_TAG } from './messages.js';
import type { Death, QueryProcess } from './supervisor.js';

/** Headers that describe one hop of a connection, not the message. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', REQUEST_TAG, CLOSE_HEADER]);
/** Not forwarded either: this process has already answered `Expect: 100-continue`. */
const ANSWERED_HERE = new Set(['expect']);

/** How long a request waits for a restarting query process. */
const READY_WAIT_MS = 30_000;

function copyHeaders(headers: IncomingHttpHeaders, keepFraming: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) && !(keepFraming && name === 'transfer-encoding')) continue;
    if (keepFraming && ANSWERED_HERE.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** What a request in flight hears when the query process ends under it. */
function deathError(death: Death, tag: string, timeoutMs: number): ApiError {
  const mine = death.blamed?.request === tag;
  if (mine && death.blamed?.reason === 'timeout') {
    return new ApiError(
      'timeout',
      `Query stopped: it ran longer than the statement timeout (${timeoutMs / 1000} s) and did not stop when interrupted, so the server restarted its query process`,
    );
  }
  if (mine && death.blamed?.reason === 'cancelled') return new ApiError('cancelled', 'Query cancelled (it did not stop when interrupted, so the server restarted its query process)');
  if (mine && death.blamed?.reason === 'too-large') {
    return new ApiError('too-large', 'Query stopped: its result is larger than the server allows (it did not stop when interrupted, so the server restarted its query process)');
  }
  if (death.blamed) {
    return new ApiError('internal', 'The server restarted its query process (another request would not stop) while this request ran; run it again');
  }
  return new ApiError(
    'internal',
    `The server's query process crashed (${death.how}) while this request ran, and has been restarted. A statement can crash DuckDB (deeply nested JSON is one); if this request ran one, change it, otherwise run it again`,
  );
}

/**
 * The HTTP process's request listener: forwards each request byte for byte to the query
 * process, and answers for it in words if that process ends first. A JSON upload is scanned on
 * its way through and cut off once it nests deeper than DuckDB's reader survives (json-depth.ts). A response already under
 * way ends with the query stream's error tail (protocol/index.ts) when it is a streamed Arrow answer,
 * and is cut off otherwise.
 */
export function createProxy(qp: QueryProcess, statementTimeoutMs: number) {
  let agent = new Agent({ keepAlive: true });
  let agentFor: number | null = null;
  let next = 0;

  return (req: IncomingMessage, res: ServerResponse): void => {
    const tag = String(++next);
    void forward(tag, req, res).catch((e: unknown) => fail(req, res, e instanceof ApiError ? e : new ApiError('internal', String(e))));
  };

  async function forward(tag: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await qp.ready(READY_WAIT_MS);
    } catch (e) {
      throw new ApiError('internal', e instanceof Error ? e.message : String(e));
    }
    if (res.destroyed) return; // the client left while the query process restarted
    // Sockets to a query process that has ended are no use to the next one.
    if (agentFor !== qp.pid) {
      agent.destroy();
      agent = new Agent({ keepAlive: true });
      agentFor = qp.pid;
    }
    let finished = false;
    const untrack = qp.track(tag, (death) => {
      finished = true;
      // A cancel still waiting was waiting for its query to end, and it has: with the process.
      if (isCancel(req) && !res.headersSent) {
        setCommonHeaders(res);
        sendJson(res, 200, { cancelled: true } satisfies CancelResponse);
      } else fail(req, res, deathError(death, tag, statementTimeoutMs));
    });
    const upstream = request({
      socketPath: qp.socket,
      agent,
      method: req.method,
      path: req.url,
      headers: { ...copyHeaders(req.headers, true), [REQUEST_TAG]: tag },
    });
    upstream.on('response', (up) => {
      const headers = copyHeaders(up.headers, false);
      // An answer given before the body was read (a refused 10 GB upload): the client's
      // connection closes with it, and the rest of the body goes nowhere.
      const close = up.headers[CLOSE_HEADER] === '1';
      if (close) {
        headers.connection = 'close';
        req.unpipe(upstream);
      }
      res.writeHead(up.statusCode ?? 500, headers);
      up.pipe(res, { end: false });
      up.on('end', () => {
        if (finished) return;
        finished = true;
        untrack();
        if (Object.keys(up.trailers).length > 0) res.addTrailers(up.trailers);
        res.end();
        if (close) upstream.destroy();
      });
      up.on('error', () => undefined); // the death handler answers
    });
    upstream.on('error', () => {
      // The query process went away; its death handler answers. Without one, say so here.
      setTimeout(() => {
        if (finished) return;
        finished = true;
        untrack();
        fail(req, res, new ApiError('internal', 'The server lost its query process while this request ran; run it again'));
      }, 1000).unref();
    });
    // A client that goes away cancels its query, as it did before there were two processes.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
      if (!finished) {
        finished = true;
        untrack();
      }
    });
    req.pipe(upstream);
    const scanner = jsonUploadScanner(req);
    if (scanner) {
      req.on('data', (chunk: Buffer) => {
        if (finished) return;
        try {
          scanner.push(chunk);
        } catch (e) {
          // Cut off before the query process has the whole file: it deletes it unread.
          finished = true;
          untrack();
          req.unpipe(upstream);
          upstream.destroy();
          fail(req, res, e instanceof ApiError ? e : new ApiError('bad-request', String(e)));
        }
      });
    }
  }
}

function isCancel(req: IncomingMessage): boolean {
  return req.method === 'POST' && (req.url ?? '').split('?')[0] === '/api/cancel';
}

/** A depth scanner for a JSON table upload (`PUT /api/tables/:name?format=json`), else null. */
function jsonUploadScanner(req: IncomingMessage): JsonDepthScanner | null {
  if (req.method !== 'PUT') return null;
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.pathname.startsWith('/api/tables/') && url.searchParams.get('format') === 'json' ? new JsonDepthScanner() : null;
}

function fail(req: IncomingMessage, res: ServerResponse, error: ApiError): void {
  if (!res.headersSent) {
    setCommonHeaders(res);
    if (!req.complete) res.setHeader('Connection', 'close');
    sendError(res, error);
    return;
  }
  if (res.destroyed || res.writableEnded) return;
  const streamedArrow = res.getHeader('content-type') === ARROW_STREAM_TYPE && res.getHeader(HEADERS.streamed.toLowerCase()) === '1';
  if (!streamedArrow) {
    res.destroy();
    return;
  }
  res.write(errorTail(error.toBody()));
  res.addTrailers({ [HEADERS.error]: error.kind });
  res.end();
}
