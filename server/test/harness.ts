import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tableFromIPC, type Table } from 'apache-arrow';
import { splitQueryBody, WORKBOOK_HEADER, type ErrorBody, type QueryParam } from '../../protocol/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The vega-datasets file `name`. */
export const dataset = (name: string) => path.join(ROOT, 'node_modules/vega-datasets/data', name);

/** A real server process on a free loopback port, as `npm run server` starts it. */
export interface TestServer {
  url: string;
  token: string;
  dataDir: string;
  /** The server's process id (its HTTP process; the query process is that one's child). */
  pid: number;
  /** fetch against the server, with the admin token unless `token` says otherwise (null: none). */
  fetch(route: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /** Runs SQL; resolves to the decoded table, or rejects with the server's error. */
  /** `workbook`: the X-Cellar-Workbook the request names (its namespace on the server). */
  query(sql: string, params?: Record<string, QueryParam>, init?: { token?: string | null; signal?: AbortSignal; id?: string; workbook?: string }): Promise<Table>;
  /** SIGTERM, and waits for the process to exit. */
  stop(): Promise<void>;
  /** Everything the process wrote to stderr. */
  stderr(): string;
}

/** The error a failed query answered with. */
export class QueryError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Makes an empty data folder, removed by `removeDir`. */
export function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'cellar-server-test-'));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Starts `server/main.ts` with `args` on `dataDir` and waits for its CELLAR_SERVER line. */
export async function startServer(dataDir: string, args: string[] = []): Promise<TestServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data', dataDir, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const info = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s: ${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('CELLAR_SERVER ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('CELLAR_SERVER '.length)) as { url: string; token: string });
    });
  });
  return makeClient(child, info.url, info.token, dataDir, () => stderr);
}

function makeClient(child: ChildProcess, url: string, token: string, dataDir: string, stderr: () => string): TestServer {
  const server: TestServer = {
    url,
    token,
    dataDir,
    pid: child.pid!,
    stderr,
    fetch(route, init = {}) {
      const { token: t = token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (t !== null) headers.set('Authorization', `Bearer ${t}`);
      return fetch(url + route, { ...rest, headers });
    },
    async query(sql, params, init = {}) {
      const res = await server.fetch('/api/query', {
        method: 'POST',
        body: JSON.stringify({ sql, params, id: init.id }),
        token: init.token,
        signal: init.signal,
        ...(init.workbook ? { headers: { [WORKBOOK_HEADER]: init.workbook } } : {}),
      });
      if (!res.ok) {
        const body = (await res.json()) as ErrorBody;
        throw new QueryError(body.error.kind, body.error.message, res.status);
      }
      const { arrow, error } = splitQueryBody(new Uint8Array(await res.arrayBuffer()));
      if (error) throw new QueryError(error.kind, error.message, res.status);
      return tableFromIPC(arrow);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
  return server;
}

/** A reply to rawRequest, or the socket error that came instead. */
export type RawReply = { status: number; body: string } | { error: string };

/**
 * An HTTP request sent byte for byte as given, which fetch will not do: it normalises `..`
 * in paths, and it cannot declare a length and then send less.
 */
export function rawRequest(
  server: TestServer,
  method: string,
  route: string,
  options: { headers?: Record<string, string>; chunks?: Buffer[]; end?: boolean; destroyAfterMs?: number } = {},
): Promise<RawReply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve) => {
    const req = request({ host: hostname, port, method, path: route, headers: { Authorization: `Bearer ${server.token}`, ...options.headers } });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: e.message }));
    for (const c of options.chunks ?? []) req.write(c);
    if (options.destroyAfterMs !== undefined) setTimeout(() => req.destroy(), options.destroyAfterMs);
    else if (options.end !== false) req.end();
  });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<QueryError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error('expected the request to fail');
}
