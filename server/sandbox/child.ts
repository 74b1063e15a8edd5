/**
 * The query process: the whole API (routes, DuckDB, stores) behind a Unix socket that only the
 * HTTP process (main.ts) talks to. It runs with an OS memory limit, and whatever kills it — a
 * DuckDB crash, a statement that ignores interrupts — ends only this process: the HTTP process
 * answers the requests it had in flight and starts another.
 */
import { createServer, type IncomingMessage, ServerResponse } from 'node:http';
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { openApp, routesOf } from '../app.js';
import type { ServerConfig } from '../config.js';
import { createHandler } from '../http.js';
import { BEAT_MS, CHILD_ENV, CLOSE_HEADER, type ChildMessage } from './messages.js';

/** Turns the routes' `Connection: close` into CLOSE_HEADER (see messages.ts). */
class ProxiedResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  override setHeader(name: string, value: number | string | readonly string[]): this {
    if (name.toLowerCase() === 'connection' && String(value).toLowerCase() === 'close') return super.setHeader(CLOSE_HEADER, '1');
    return super.setHeader(name, value);
  }
}

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env[CHILD_ENV.config] ?? '') as ServerConfig;
  const socket = process.env[CHILD_ENV.socket] ?? '';
  const app = await openApp(config);
  app.queries.onStuck = (query) => send({ type: 'stuck', request: query.tag, reason: query.stopped ?? 'cancelled' });
  app.queries.onClock = (query, leftMs) => {
    if (query.tag !== null) send({ type: 'clock', request: query.tag, leftMs });
  };
  const server = createServer({ requestTimeout: 0, ServerResponse: ProxiedResponse }, createHandler(routesOf(app), app.tokens));
  server.headersTimeout = 60_000;
  // Only the HTTP process connects, over a pool of kept-alive sockets: closing an idle one could
  // race with the next request sent on it.
  server.keepAliveTimeout = 0;
  await rm(socket, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  send({ type: 'ready', adminToken: app.tokens.adminToken, duckdb: app.db.version });
  setInterval(() => send({ type: 'beat' }), BEAT_MS).unref();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    app.queries.cancelAll();
    // Interrupted queries end within moments; a connection must not close under a running one.
    for (let waited = 0; app.queries.size > 0 && waited < 3000; waited += 50) await sleep(50);
    server.closeAllConnections();
    // Closing checkpoints the database, so the next start finds every table in the file.
    app.db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  // The HTTP process went away without a word: nobody can reach this one any more.
  process.on('disconnect', () => void stop());
  process.on('SIGINT', () => {}); // Ctrl-C reaches the whole group; the HTTP process decides.
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  if (/Could not set lock on file/.test(message)) {
    console.error('Another Cellar server is using this data folder (DuckDB holds a lock on its database file).');
  } else console.error(message);
  process.exit(1);
});
