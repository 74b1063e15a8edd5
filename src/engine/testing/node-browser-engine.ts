// Tests only: the app's BrowserEngine over a real AsyncDuckDB in Node — DuckDB-WASM's own Node
// build (the same duckdb-eh.wasm as the browser's `eh` bundle) in a worker thread. Not imported
// by the app.
import './arrow-one-copy';
import * as duckdb from '@duckdb/duckdb-wasm';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BrowserEngine } from '../duckdb/BrowserEngine';
import { NodeWebWorker } from './node-worker';

const require = createRequire(import.meta.url);
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node.cjs'));

/**
 * DuckDB-WASM's Node runtime reads files only through Node's file system (its FileReader and
 * HTTP protocols answer "Unsupported data protocol"). A dropped File — registered as the browser
 * does, with BROWSER_FILEREADER — is written to a temporary file and registered from there, so
 * the engine's own ingest code runs unchanged.
 */
class NodeAsyncDuckDB extends duckdb.AsyncDuckDB {
  private readonly copies = new Map<string, string>();

  constructor(
    worker: Worker,
    private readonly folder: string,
  ) {
    super(new duckdb.VoidLogger(), worker);
  }

  override async registerFileHandle<H>(name: string, handle: H, protocol: duckdb.DuckDBDataProtocol, directIO: boolean): Promise<void> {
    if (protocol !== duckdb.DuckDBDataProtocol.BROWSER_FILEREADER || !(handle instanceof Blob)) {
      return super.registerFileHandle(name, handle, protocol, directIO);
    }
    const path = join(this.folder, randomBytes(8).toString('hex'));
    await writeFile(path, new Uint8Array(await handle.arrayBuffer()));
    this.copies.set(name, path);
    return this.registerFileURL(name, path, duckdb.DuckDBDataProtocol.NODE_FS, directIO);
  }

  override async dropFile(name: string): Promise<null> {
    const result = await super.dropFile(name);
    const copy = this.copies.get(name);
    this.copies.delete(name);
    if (copy) await rm(copy, { force: true });
    return result;
  }
}

/** A BrowserEngine in Node, and how to stop it. */
export interface NodeBrowserEngine {
  engine: BrowserEngine;
  close(): Promise<void>;
}

/** Starts DuckDB-WASM in a worker thread, opened as createBrowserEngine opens it. */
export async function createNodeBrowserEngine(options: { quiet?: boolean } = {}): Promise<NodeBrowserEngine> {
  const folder = await mkdtemp(join(tmpdir(), 'cellar-wasm-'));
  const worker = new NodeWebWorker(join(DIST, 'duckdb-node-eh.worker.cjs'), options);
  const db = new NodeAsyncDuckDB(worker, folder);
  await db.instantiate(join(DIST, 'duckdb-eh.wasm'));
  await db.open({ query: { castBigIntToDouble: false } });
  const engine = new BrowserEngine(db, 'eh', await db.getVersion());
  await engine.withConnection(async () => undefined);
  return {
    engine,
    async close() {
      await db.terminate();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
