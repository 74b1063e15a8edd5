import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeDir, startServer, tempDataDir, type TestServer } from '../../../server/test/harness';
import type { QueryStats } from '../types';
import { engineError, engineSuite } from '../testing/engine-suite';
import { wasmDuckDB } from '../testing/wasm-parser';
import { health } from './health';
import { createRemoteEngine, type RemoteEngine } from './RemoteEngine';

const SEATTLE_WEATHER = decodeURIComponent(new URL('../../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url).pathname);

let server: TestServer;
let dir: string;
let remote: RemoteEngine;

beforeAll(async () => {
  dir = await tempDataDir();
  // A result cap past the 8 MB the server holds back, so an answer can fail after it began streaming.
  server = await startServer(dir, ['--max-result', '12MB']);
  remote = createRemoteEngine({ url: server.url, token: server.token, parser: await wasmDuckDB() });
});

afterAll(async () => {
  await server?.stop();
  if (dir) await removeDir(dir);
});

engineSuite('RemoteEngine, a real Cellar server', async () => ({ engine: remote, close: async () => undefined }));

/** A port nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** An HTTP server that is not a Cellar server, answering `handler`'s way. */
async function fakeServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const fake = createServer(handler);
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`, server: fake };
}

describe('what a block shows about a remote query', () => {
  test('onStats reports rows, bytes received and the server time', async () => {
    const stats: QueryStats[] = [];
    const table = await remote.query('SELECT range AS i FROM range(5000)', {}, { onStats: (s) => stats.push(s) });
    expect(table.numRows).toBe(5000);
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ engine: 'remote', rows: 5000, streamed: false });
    expect(stats[0]!.bytes).toBeGreaterThan(5000 * 8);
    expect(stats[0]!.serverMs).toBeGreaterThanOrEqual(0);
    expect(stats[0]!.ms).toBeGreaterThanOrEqual(stats[0]!.serverMs!);
  });

  test('an answer that fails after it began streaming is an error, not the rows sent so far', async () => {
    const sql = "SELECT range AS i, repeat('x', 200) AS s FROM range(100000)";
    // It does stream (20 MB, past the 8 MB held back), so the failure comes as the body's tail.
    const raw = await server.fetch('/api/query', { method: 'POST', body: JSON.stringify({ sql }) });
    expect(raw.headers.get('X-Cellar-Streamed')).toBe('1');
    await raw.arrayBuffer();
    const error = await engineError(remote.query(sql));
    expect(error.kind).toBe('sql');
    expect(error.message).toBe('The result is larger than the server sends (12 MB); add a LIMIT or aggregate');
  });

  test('a statement the server refuses is an sql error that says why', async () => {
    const error = await engineError(remote.query("ATTACH 'elsewhere.duckdb'"));
    expect(error.kind).toBe('sql');
    expect(error.message).toMatch(/ATTACH and DETACH are not allowed/);
  });
});

describe('a server that is not there, or not ours', () => {
  test('a closed port is unreachable, in words that name the server', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const engine = createRemoteEngine({ url, token: 'x', parser: await wasmDuckDB() });
    const error = await engineError(engine.query('SELECT 1'));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(new RegExp(`^The server at ${url} is unreachable: .*ECONNREFUSED`));
    expect(error.context.sql).toBe('SELECT 1');
    expect((await engineError(engine.catalog.tables())).kind).toBe('unreachable');
    const file = new File(['a,b\n1,2\n'], 'small.csv');
    expect((await engineError(engine.ingest({ kind: 'file', file }, 'small', { format: 'csv' }))).kind).toBe('unreachable');
    expect((await engineError(health(url, 'x'))).kind).toBe('unreachable');
  });

  test('a connection that drops mid-answer is unreachable too', async () => {
    const fake = await fakeServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/vnd.apache.arrow.stream', 'Content-Length': '1000' });
      res.write(Buffer.alloc(100, 0xff));
      setTimeout(() => res.destroy(), 50);
    });
    try {
      const engine = createRemoteEngine({ url: fake.url, token: 'x', parser: await wasmDuckDB() });
      expect((await engineError(engine.query('SELECT 1'))).kind).toBe('unreachable');
    } finally {
      fake.server.close();
    }
  });

  test("a proxy's 502 is unreachable, and a server that is not Cellar says so", async () => {
    const fake = await fakeServer((req, res) => {
      res.writeHead(req.url === '/api/query' ? 502 : 404, { 'Content-Type': 'text/html' }).end('<h1>nope</h1>');
    });
    try {
      const engine = createRemoteEngine({ url: `${fake.url}/`, token: 'x', parser: await wasmDuckDB() });
      const lost = await engineError(engine.query('SELECT 1'));
      expect(lost.kind).toBe('unreachable');
      expect(lost.message).toBe(`The server at ${fake.url} is unreachable: its proxy answered 502 Bad Gateway`);
      const stranger = await engineError(engine.catalog.tables());
      expect(stranger.kind).toBe('network');
      expect(stranger.message).toMatch(/is it a Cellar server\?/);
    } finally {
      fake.server.close();
    }
  });

  test('a wrong token is refused with a network error, and health says so before connecting', async () => {
    const engine = createRemoteEngine({ url: server.url, token: 'wrong', parser: await wasmDuckDB() });
    const error = await engineError(engine.query('SELECT 1'));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/refused the token/);
    expect((await engineError(health(server.url, 'wrong'))).message).toBe(`The server at ${server.url} does not accept this token.`);
  });

  test('an address that is not http(s) is refused before any request', async () => {
    expect(() => createRemoteEngine({ url: 'file:///etc/passwd', token: 'x', parser: { tokenize: async () => [], tableNames: async () => [] } })).toThrow(
      /must start with http/,
    );
  });
});

describe('health', () => {
  test("answers the server's version, limits and whether the token is read-only", async () => {
    const admin = await health(`${server.url}/`, server.token);
    expect(admin).toMatchObject({ url: server.url, readOnly: false, limits: { maxResultBytes: 12_000_000 } });
    expect(admin.version).toMatch(/^v1\./);
    const made = await server.fetch('/api/tokens', { method: 'POST' });
    const { token } = (await made.json()) as { token: string };
    expect((await health(server.url, token)).readOnly).toBe(true);
    const reader = createRemoteEngine({ url: server.url, token, parser: await wasmDuckDB() });
    expect((await reader.query('SELECT 1 AS one')).get(0)?.one).toBe(1);
    const refused = await engineError(reader.query('CREATE TABLE nope AS SELECT 1'));
    expect(refused.kind).toBe('sql');
    expect(refused.message).toMatch(/read-only/);
  });
});

describe('uploads', () => {
  test('a file streams up with progress in bytes, and tables() lists it with its row count', async () => {
    const bytes = await readFile(SEATTLE_WEATHER);
    const progress: number[] = [];
    const result = await remote.ingest({ kind: 'file', file: new File([bytes], 'seattle-weather.csv') }, 'uploaded_weather', {
      format: 'csv',
      onProgress: (p) => {
        expect(p).toMatchObject({ unit: 'bytes', total: bytes.length });
        progress.push(p.done);
      },
    });
    expect(result.rows).toBe(1461);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await remote.catalog.tables()).toContainEqual(expect.objectContaining({ name: 'uploaded_weather', kind: 'table', rows: 1461 }));
  });

  test('a lenient CSV read skips the lines DuckDB cannot parse', async () => {
    const csv = `a,b\n${'1,x\n'.repeat(30_000)}2,y,extra\n3,z\n`;
    const file = new File([csv], 'ragged.csv');
    expect((await engineError(remote.ingest({ kind: 'file', file }, 'ragged', { format: 'csv' }))).kind).toBe('file');
    expect((await remote.ingest({ kind: 'file', file }, 'ragged', { format: 'csv', lenient: true })).rows).toBe(30_001);
  });

  test('an aborted upload is cancelled and makes no table', async () => {
    const controller = new AbortController();
    const big = new File([new Uint8Array(64 * 1024 * 1024).fill(0x31)], 'big.csv');
    const uploading = remote.ingest({ kind: 'file', file: big }, 'aborted_upload', {
      format: 'csv',
      signal: controller.signal,
      onProgress: (p) => p.done > 1024 * 1024 && controller.abort(),
    });
    expect((await engineError(uploading)).kind).toBe('cancelled');
    expect(await remote.catalog.kind('aborted_upload')).toBeUndefined();
  });

  test('a URL is refused: the server cannot reach the web, so the browser adds it and pushes it', async () => {
    const error = await engineError(remote.ingest({ kind: 'url', url: 'https://example.com/data.csv' }, 'from_url', { format: 'csv' }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/Add the URL in the browser, then push the table to the server/);
  });

  test('a name the server would rename is refused rather than changed', async () => {
    const error = await engineError(remote.ingest({ kind: 'file', file: new File(['a\n1\n'], 'x.csv') }, 'my-table', { format: 'csv' }));
    expect(error.kind).toBe('file');
    expect(error.message).toMatch(/cannot be a table name on the server/);
  });
});
