import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutArrowFiles, flippedArrowFiles, goodArrow, lyingArrowFiles, type DamagedArrow } from '../../src/engine/testing/damaged-arrow.js';
import type { ErrorBody, UploadResponse } from '../../protocol/index.js';
import { removeDir, startServer, tempDataDir, type TestServer } from './harness.js';

// Issue 15, item 4: a 312-byte Arrow stream whose Int32 column claims 2,000,000 rows but holds a
// handful was accepted, and its rows were whatever lay in the server's memory after the file's
// bytes (once, the admin token). Every crafted file here is sent after the server's memory has been
// seeded with a secret; no answer may ever hold it or the admin token.

let server: TestServer;
let dir: string;
const SECRET = `planted-secret-${randomBytes(12).toString('hex')}`;
/** Every response body the tests saw, as bytes, to search for the secrets at the end too. */
const answers: Buffer[] = [];

/** Fills Node's buffers with the secret: request bodies the server reads and answers without echoing. */
async function plantSecret(): Promise<void> {
  const body = JSON.stringify({ note: SECRET.repeat(2000) });
  for (let i = 0; i < 4; i++) {
    const res = await server.fetch('/api/workbooks', { method: 'POST', body });
    expect(res.status).toBe(201);
    const query = await server.fetch('/api/query', { method: 'POST', body: JSON.stringify({ sql: 'SELECT 1 AS one', params: { unused: SECRET.repeat(100) } }) });
    expect(query.status).toBe(200);
    await query.arrayBuffer();
  }
}

function leaks(bytes: Buffer): string[] {
  const found: string[] = [];
  // The first 16 characters are enough: a leak copies memory verbatim.
  if (bytes.includes(SECRET.slice(0, 16))) found.push('the planted secret');
  if (bytes.includes(server.token.slice(0, 16))) found.push('the admin token');
  return found;
}

async function send(file: DamagedArrow, table: string): Promise<{ status: number; body: Buffer }> {
  await plantSecret();
  const res = await server.fetch(`/api/tables/${table}?format=arrow&replace=1`, { method: 'PUT', body: file.bytes });
  const body = Buffer.from(await res.arrayBuffer());
  answers.push(body);
  return { status: res.status, body };
}

/** The table's every row as the server answers them: raw Arrow bytes. */
async function contents(table: string): Promise<Buffer> {
  const res = await server.fetch('/api/query', { method: 'POST', body: JSON.stringify({ sql: `SELECT * FROM ${table}` }) });
  const body = Buffer.from(await res.arrayBuffer());
  answers.push(body);
  expect(res.status).toBe(200);
  return body;
}

beforeAll(async () => {
  dir = await tempDataDir();
  server = await startServer(dir);
});

afterAll(async () => {
  await server?.stop();
  await removeDir(dir);
});

describe('an Arrow upload whose lengths lie', () => {
  it.each(lyingArrowFiles().map((f) => [f.name, f] as const))('%s is refused in words, and makes no table', async (_name, file) => {
    const { status, body } = await send(file, 'lying');
    const answer = JSON.parse(body.toString('utf8')) as ErrorBody;
    expect(status, body.toString()).toBe(400);
    expect(answer.error.kind).toBe('bad-request');
    expect(answer.error.message).toMatch(/^The Arrow file is damaged: /);
    expect(answer.error.message).toMatch(file.says!);
    expect(leaks(body)).toEqual([]);
    const listed = (await (await server.fetch('/api/tables')).json()) as Array<{ name: string }>;
    expect(listed.map((t) => t.name)).not.toContain('lying');
  });
});

describe('a cut or altered Arrow upload', () => {
  it.each([...cutArrowFiles(), ...flippedArrowFiles(20)].map((f) => [f.name, f] as const))(
    '%s is refused in words or read as it is, never with memory past its bytes',
    async (_name, file) => {
      const { status, body } = await send(file, 'altered');
      expect(leaks(body)).toEqual([]);
      if (status === 200) {
        const answer = JSON.parse(body.toString('utf8')) as UploadResponse;
        expect(answer.rows).toBeLessThanOrEqual(3000);
        expect(leaks(await contents('altered'))).toEqual([]);
        return;
      }
      const answer = JSON.parse(body.toString('utf8')) as ErrorBody;
      expect(status, body.toString()).toBe(400);
      expect(answer.error.message).toMatch(/^The Arrow file is damaged/);
      expect(answer.error.message).not.toMatch(/Cannot read properties|"undefined"|\(undefined\)/);
    },
  );
});

describe('after every crafted upload', () => {
  it('a good Arrow file still makes its table', async () => {
    const { status, body } = await send({ name: 'good', bytes: goodArrow('file'), says: null }, 'good_arrow');
    expect(status, body.toString()).toBe(200);
    expect((JSON.parse(body.toString('utf8')) as UploadResponse).rows).toBe(3000);
    const t = await server.query('SELECT sum(x)::BIGINT AS s, max(w) AS w FROM good_arrow');
    expect(t.get(0)?.s).toBe(BigInt((2999 * 3000) / 2));
    expect(t.get(0)?.w).toBe('word 999');
  });

  it('the server is up, and no answer held the secret or the admin token', async () => {
    expect((await server.fetch('/api/health', { token: null })).status).toBe(200);
    expect(answers.length).toBeGreaterThan(40);
    expect(answers.flatMap(leaks)).toEqual([]);
  });
});
