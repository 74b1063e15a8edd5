import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeDir, startServer, tempDataDir, type TestServer } from '../../../server/test/harness';
import { isEngineError } from '../errors';
import { wasmDuckDB } from '../testing/wasm-parser';
import { createReadToken, loadDocument, storeDocument } from './documents';
import { createRemoteEngine, type RemoteEngine } from './RemoteEngine';

// Issue 15, item 6, from the browser's side: a RemoteEngine made for a workbook keeps that
// workbook's tables in its own namespace on the server, and the read token it publishes with
// reads that workbook and nothing else.

let server: TestServer;
let dir: string;
let first: RemoteEngine;
let second: RemoteEngine;
let open = 'w1';

beforeAll(async () => {
  dir = await tempDataDir();
  server = await startServer(dir);
  const parser = await wasmDuckDB();
  // The app's open workbook changes; the engine asks at each request.
  first = createRemoteEngine({ url: server.url, token: server.token, parser, workbook: () => open });
  second = createRemoteEngine({ url: server.url, token: server.token, parser, workbook: 'w2' });
});

afterAll(async () => {
  await server?.stop();
  if (dir) await removeDir(dir);
});

describe('a RemoteEngine for a workbook', () => {
  test("uploads and CREATEs land in the workbook's namespace, unseen by another workbook", async () => {
    const file = new File(['name,pay\nada,10\n'], 'payroll.csv');
    await first.ingest({ kind: 'file', file }, 'payroll', { format: 'csv' });
    await first.query('CREATE VIEW rich AS SELECT * FROM payroll WHERE pay > 5');
    expect((await first.catalog.tables()).map((t) => t.name).sort()).toEqual(['payroll', 'rich']);
    expect(await first.catalog.kind('rich')).toBe('view');
    expect(await second.catalog.tables()).toEqual([]);
    expect(await second.catalog.kind('payroll')).toBeUndefined();
    const e = await second.query('SELECT * FROM payroll').catch((x: unknown) => x);
    expect(isEngineError(e) && e.message).toMatch(/does not exist/);
    const planted = await second.query('DROP TABLE wb_w1.payroll').catch((x: unknown) => x);
    expect(isEngineError(planted) && planted.message).toMatch(/outside this workbook/);
  });

  test('follows the open workbook', async () => {
    open = 'w3';
    expect(await first.catalog.tables()).toEqual([]);
    open = 'w1';
    expect((await first.catalog.tables()).map((t) => t.name).sort()).toEqual(['payroll', 'rich']);
  });

  test("publishing: the read token reads the workbook's tables and document, and nothing of another's", async () => {
    await second.query("CREATE TABLE other AS SELECT 'w2 only' AS s");
    const id = await storeDocument(server.url, server.token, { title: 'payroll' }, 'w1');
    const token = await createReadToken(server.url, server.token, 'w1');
    // The opener's app gives the workbook a new local id: the token still reads the one it names.
    const reader = createRemoteEngine({ url: server.url, token, parser: await wasmDuckDB(), workbook: 'opened-elsewhere' });
    expect(await loadDocument(server.url, token, id)).toEqual({ title: 'payroll' });
    expect((await reader.query('SELECT pay FROM rich')).get(0)?.pay).toBe(10n);
    expect((await reader.catalog.tables()).map((t) => t.name).sort()).toEqual(['payroll', 'rich']);
    expect(await reader.catalog.kind('other')).toBeUndefined();
    const e = await reader.query('SELECT * FROM wb_w2.other').catch((x: unknown) => x);
    expect(isEngineError(e) && e.kind).toBe('sql');
    const otherDoc = await storeDocument(server.url, server.token, { title: 'w2' }, 'w2');
    await expect(loadDocument(server.url, token, otherDoc)).rejects.toThrow(/No workbook/);
  });
});
