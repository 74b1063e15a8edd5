import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, removeDir, startServer, tempDataDir, type TestServer } from './harness.js';

/**
 * Runs for hours unless something stops it. (`count(*) FROM range(10000000000)` is no longer
 * enough: DuckDB 1.5 counts ten billion rows of range() in about two seconds.)
 */
const FOREVER = 'SELECT sum(hash(range)) AS n FROM range(1000000000000)';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  dir = await tempDataDir();
  server = await startServer(dir, ['--statement-timeout', '3s', '--connections', '2']);
});

afterAll(async () => {
  await server?.stop();
  await removeDir(dir);
});

async function cancel(id: string): Promise<boolean> {
  const res = await server.fetch('/api/cancel', { method: 'POST', body: JSON.stringify({ id }) });
  return ((await res.json()) as { cancelled: boolean }).cancelled;
}

/** Polls until the server no longer knows a running query `id`. */
async function gone(id: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    // A new query under `id` is accepted only once the old one has ended.
    const probe = await server.fetch('/api/query', { method: 'POST', body: JSON.stringify({ sql: 'SELECT 1', id }) });
    await probe.body?.cancel();
    if (probe.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`query ${id} is still running`);
}

describe('cancellation', () => {
  it('POST /api/cancel interrupts the query with that id, which answers "cancelled"', async () => {
    const started = performance.now();
    // Handled from the start: the query fails while the cancel request is still waiting for it to end.
    const running = rejection(server.query(FOREVER, {}, { id: 'q1' }));
    await new Promise((r) => setTimeout(r, 500));
    expect(await cancel('q1')).toBe(true);
    const e = await running;
    expect(e.kind).toBe('cancelled');
    expect(e.status).toBe(499);
    expect(performance.now() - started).toBeLessThan(2900); // well before the 3 s timeout
    expect((await server.query('SELECT 42 AS x')).get(0)?.x).toBe(42);
  });

  it('answers POST /api/cancel only once the query has ended, so its id is free again at once', async () => {
    const running = rejection(server.query(FOREVER, {}, { id: 'q5' }));
    await new Promise((r) => setTimeout(r, 500));
    expect(await cancel('q5')).toBe(true);
    const again = await server.fetch('/api/query', { method: 'POST', body: JSON.stringify({ sql: 'SELECT 1', id: 'q5' }) });
    expect(again.status).toBe(200);
    await again.arrayBuffer();
    expect((await running).kind).toBe('cancelled');
  });

  it('a client that goes away interrupts its query', async () => {
    const controller = new AbortController();
    const running = server.query(FOREVER, {}, { id: 'q2', signal: controller.signal });
    await new Promise((r) => setTimeout(r, 500));
    controller.abort();
    const abortedAt = performance.now();
    await expect(running).rejects.toThrow();
    await gone('q2');
    expect(performance.now() - abortedAt).toBeLessThan(2000); // the disconnect stopped it, not the 3 s timeout
    expect((await server.query('SELECT 43 AS x')).get(0)?.x).toBe(43);
  });

  it('cancelling an unknown id, or one of another token, does nothing', async () => {
    expect(await cancel('never-started')).toBe(false);
    const tokenRes = await server.fetch('/api/tokens', { method: 'POST' });
    const { token } = (await tokenRes.json()) as { token: string };
    const running = rejection(server.query(FOREVER, {}, { id: 'q3' }));
    await new Promise((r) => setTimeout(r, 300));
    const other = await server.fetch('/api/cancel', { method: 'POST', body: JSON.stringify({ id: 'q3' }), token });
    expect(await other.json()).toEqual({ cancelled: false });
    expect(await cancel('q3')).toBe(true);
    expect((await running).kind).toBe('cancelled');
  });

  it('refuses a second query under an id that is running', async () => {
    const running = rejection(server.query(FOREVER, {}, { id: 'q4' }));
    await new Promise((r) => setTimeout(r, 300));
    const e = await rejection(server.query('SELECT 1', {}, { id: 'q4' }));
    expect(e.kind).toBe('conflict');
    await cancel('q4');
    await running;
  });
});

describe('statement timeout', () => {
  it('stops a query that runs past it and answers "timeout"', async () => {
    const started = performance.now();
    const e = await rejection(server.query(FOREVER));
    expect(e.kind).toBe('timeout');
    expect(e.status).toBe(408);
    expect(e.message).toContain('3 s');
    const took = performance.now() - started;
    expect(took).toBeGreaterThan(2900);
    expect(took).toBeLessThan(8000);
    expect((await server.query('SELECT 44 AS x')).get(0)?.x).toBe(44);
  });

  it('queries beyond the pool wait for a connection rather than fail', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => server.query(`SELECT ${i} AS i, count(*) AS n FROM range(1000000)`)));
    expect(results.map((t) => t.get(0)?.i)).toEqual([1, 2, 3, 4, 5]);
  });
});
